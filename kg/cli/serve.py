"""`plankg serve`: the store over the SPARQL 1.1 Protocol, read-only (plankg.remote.serve)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from plankg.cli.common import command, existing, store_option


@command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--no-union", is_flag=True, help="Serve the store's own default graph (empty) instead of the union of the named graphs."
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let queries with SERVICE patterns make this machine request other endpoints (refused otherwise).",
)
def serve(store: Path, host: str, port: int, no_union: bool, allow_service: bool) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol, with a query page in the browser."""
    from plankg.remote.serve import start

    serving = start(existing(store), host, port, union=not no_union, allow_service=allow_service)
    url = f"http://{host}:{port}"
    click.echo(f"serving {store} read-only at {url}/ (SPARQL endpoint {url}/query); Ctrl-C stops")
    click.echo(
        "SERVICE patterns are "
        + ("allowed" if allow_service else "refused (--allow-service allows them)")
        + "; a build refuses to write this store while it is served"
    )
    click.echo(
        f"try: curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o }}' {url}/query"
    )
    sys.stdout.flush()
    serving.forever()
