"""`plankg push`: every named graph of the store into a remote SPARQL 1.1 store (plankg.remote.push), counts checked."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import click

from plankg.cli.common import command, console, open_store, store_option


@command()
@click.option("--endpoint", required=True, help="The remote SPARQL 1.1 query endpoint (used for the count check).")
@click.option(
    "--graph-store",
    default=None,
    help="The remote Graph Store Protocol URL (default: beside --endpoint for Oxigraph and Virtuoso).",
)
@store_option
@click.option("--timeout", type=click.FloatRange(min=1), default=120, show_default=True, help="Seconds per request.")
@click.option(
    "--attempts",
    type=click.IntRange(1, 10),
    default=3,
    show_default=True,
    help="Tries per graph when the connection fails or the server errs (5xx).",
)
@click.option(
    "--allow-basic-over-http",
    is_flag=True,
    help="Answer a Basic authentication challenge over plain http (the password crosses the network readable).",
)
def push(endpoint: str, graph_store: str | None, store: Path, timeout: float, attempts: int, allow_basic_over_http: bool) -> None:
    """Send every named graph to a SPARQL 1.1 store (PUT, so pushing again is harmless), then check the counts.

    Credentials, if the store wants them, come from $PLANKG_ENDPOINT_USER and $PLANKG_ENDPOINT_PASSWORD (or the
    URL's user:password@, which other users of the machine can see); no message shows the password.
    """
    from plankg.remote import redact
    from plankg.remote.push import PASSWORD_ENV, USER_ENV, PushError, Remote, credentials_from_env, graph_store_for

    endpoint, in_url = redact.split_credentials(endpoint)
    graph_store, in_store_url = redact.split_credentials(graph_store) if graph_store else (None, None)
    credentials = credentials_from_env() or in_url or in_store_url
    hidden = Remote(endpoint, endpoint, credentials).hidden()
    for url in (endpoint, graph_store or endpoint):
        parts = urllib.parse.urlsplit(url)
        shown = redact.secrets(redact.address(url), hidden)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise click.UsageError(f"not an http(s) URL: {shown!r}")
        if not url.isascii() or any(c.isspace() or not c.isprintable() for c in url):
            raise click.UsageError(f"{shown!r} holds spaces or characters outside ASCII: percent-encode them")
    if (in_url or in_store_url) and not credentials_from_env():
        click.echo(
            f"warning: the credentials in the URL are visible to other users of this machine while the command "
            f"runs; prefer {USER_ENV} and {PASSWORD_ENV}",
            err=True,
        )
    opened = open_store(store)
    try:
        target = graph_store or graph_store_for(endpoint)
        _push(opened, Remote(endpoint, target, credentials, timeout, attempts, allow_basic_over_http))
    except PushError as exc:
        raise PushError(redact.secrets(str(exc), hidden)) from None


def _push(store, remote) -> None:
    """Push with a progress bar, then say which graphs' counts differ (a PushError) or that all match."""
    from rich.progress import Progress

    from plankg.remote.push import PushError, local_graphs, push_store

    shown = console()
    total = sum(n for _, n in local_graphs(store))
    with Progress(console=shown, transient=True) as progress:
        task = progress.add_task("pushing", total=total)
        checked = push_store(
            store,
            remote,
            lambda graph, triples: progress.update(task, advance=triples, description=f"pushed {graph.rpartition('/graph/')[2]}"),
        )
    wrong = [(g, local, far) for g, local, far in checked if local != far]
    for graph, local, far in wrong:
        shown.print(f"[red]count differs[/red] {graph}: {local} triples here, {far} in the remote store")
    if wrong:
        raise PushError(f"{len(wrong)} of {len(checked)} graphs differ in the remote store")
    shown.print(f"pushed {len(checked)} graphs, {total} triples, to {remote.graph_store}; counts match at {remote.endpoint}")
