"""`plankg serve`: the store over the SPARQL 1.1 Protocol, read-only, by the Oxigraph server.

The `oxigraph` distribution (same version as pyoxigraph) ships the server binary; it opens the same
on-disk store read-only, so updates are refused by the server itself. It binds to localhost unless told
otherwise.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

import click


def oxigraph_binary() -> str:
    """The `oxigraph` executable installed beside this Python (or on PATH)."""
    candidates = [Path(sysconfig.get_path("scripts")) / "oxigraph", Path(sys.executable).with_name("oxigraph")]
    for path in candidates:
        if path.exists() and os.access(path, os.X_OK):
            return str(path)
    found = shutil.which("oxigraph")
    if found is None:
        raise click.ClickException("the Oxigraph server is not installed: pip install 'plankg[server]'")
    return found


def server_command(store: Path, host: str, port: int, union: bool = True) -> list[str]:
    """The command line that serves the store read-only on host:port; the default graph is the union of the named
    graphs (as in `plankg sparql`) unless union is False."""
    command = [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}"]
    return [*command, "--union-default-graph"] if union else command


@click.command()
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $PLANKG_STORE or ./plankg-data).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--no-union", is_flag=True,
              help="Serve the store's own default graph (empty) instead of the union of the named graphs.")
def serve(store_dir: Path | None, host: str, port: int, no_union: bool) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol, with a query page in the browser."""
    from plankg.store import store_path

    path = store_path(str(store_dir) if store_dir else None)
    if not path.exists():
        raise click.ClickException(f"no store at {path}: run `plankg build` first")
    url = f"http://{host}:{port}"
    click.echo(f"serving {path} read-only at {url}/ (SPARQL endpoint {url}/query); Ctrl-C stops")
    click.echo(f"try: curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }}' "
               f"{url}/query")
    command = server_command(path, host, port, union=not no_union)
    sys.stdout.flush()
    # The server replaces this process, so a signal that stops `plankg serve` stops the server (no orphan).
    os.execv(command[0], command)
