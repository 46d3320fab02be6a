"""`plankg query` and `plankg sparql`: the query library and ad-hoc SPARQL, as tables, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

FORMATS = click.Choice(["table", "csv", "json"])


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param takes key=value, not {pair!r}")
        params[key] = value
    return params


def _print(columns: list[str], rows: list[list[str]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=1))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)
        click.echo(out.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns, show_lines=False)
        for row in rows:
            table.add_row(*row)
        console = Console()
        (console if console.is_terminal else Console(width=220)).print(table)
        click.echo(f"{len(rows)} rows")


@click.command()
@click.argument("name", required=False)
@click.option("--param", "pairs", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--list", "list_only", is_flag=True, help="List the library's queries and their parameters.")
@click.option("--endpoint", default=None, help="Run against a remote SPARQL 1.1 endpoint instead of the store.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $PLANKG_STORE or ./plankg-data).")
def query(name: str | None, pairs: tuple[str, ...], fmt: str, list_only: bool, endpoint: str | None,
          store_dir: Path | None) -> None:
    """Run a query of the library (see --list)."""
    from plankg.query import QueryError, library, run, run_remote
    from plankg.store import open_store, store_path

    if list_only or not name:
        for q in library().values():
            params = ", ".join(f"{k} ({v})" for k, v in q.parameters.items()) or "no parameters"
            click.echo(f"{q.name}\t{params}\t{q.question}")
        return
    try:
        if endpoint:
            columns, rows = run_remote(endpoint, name, _params(pairs))
        else:
            columns, rows = run(open_store(store_path(str(store_dir) if store_dir else None), read_only=True),
                                name, _params(pairs))
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    _print(columns, rows, fmt)


@click.command()
@click.argument("text", required=False)
@click.option("--file", "file", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $PLANKG_STORE or ./plankg-data).")
def sparql(text: str | None, file: Path | None, fmt: str, store_dir: Path | None) -> None:
    """Run an ad-hoc SPARQL SELECT query (TEXT, or --file F.rq) on the store."""
    from plankg.query import QueryError, run_sparql
    from plankg.store import open_store, store_path

    if (text is None) == (file is None):
        raise click.UsageError("give the query as TEXT or with --file, not both")
    source = text if text is not None else file.read_text(encoding="utf-8")
    try:
        columns, rows = run_sparql(open_store(store_path(str(store_dir) if store_dir else None), read_only=True), source)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    _print(columns, rows, fmt)
