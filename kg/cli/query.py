"""`plankg query` and `plankg sparql`: the query library and ad-hoc SPARQL, as tables or standard result formats.

Exit status: 2 for a query that cannot run as asked (unknown name or parameter, bad SPARQL, a format that does
not fit the query), 1 when the endpoint cannot be reached or refuses the query.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from plankg.cli.common import command, console, format_option, open_store, store_option

FORMAT_HELP = (
    "table (the default on a terminal), csv (the default otherwise), tsv, json, xml: the SPARQL 1.1 "
    "result formats; a CONSTRUCT or DESCRIBE graph: turtle (its default), ntriples, jsonld, rdfxml."
)


def _query_options(command):
    """--format, --allow-service, --full-iris, --endpoint and --store, of both commands."""
    command = click.option(
        "--allow-service", is_flag=True, help="Let SERVICE patterns send requests to other endpoints (refused otherwise)."
    )(command)
    command = click.option("--full-iris", is_flag=True, help="Show whole IRIs in tables instead of CURIEs.")(command)
    command = click.option(
        "--endpoint", default=None, help="Run on a remote SPARQL 1.1 endpoint (e.g. `plankg serve`'s) instead of the store."
    )(command)
    return format_option(_format_names, FORMAT_HELP)(store_option(command))


def _format_names() -> list[str]:
    from plankg.query.results import FORMAT_NAMES

    return FORMAT_NAMES


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--param takes key=value, not {pair!r}")
        params[key] = value
    return params


def _output(results, fmt: str | None, full_iris: bool) -> None:
    """Results on stdout: a table on a terminal, CSV when piped, unless --format says otherwise."""
    from plankg.query.results import write

    shown = console(wide=False)
    if fmt is None:
        fmt = "table" if shown.is_terminal else "csv"
        if not isinstance(results, _solution_types()):
            fmt = "turtle"
    write(results, fmt, sys.stdout.buffer, shown, full_iris)
    sys.stdout.flush()


def _solution_types() -> tuple[type, ...]:
    from pyoxigraph import QueryBoolean, QuerySolutions

    return QuerySolutions, QueryBoolean


@command()
@click.argument("name", required=False)
@click.option("--param", "pairs", multiple=True, metavar="KEY=VALUE", help="A query parameter (repeatable).")
@click.option("--list", "list_only", is_flag=True, help="List the library's queries and their parameters.")
@_query_options
def query(
    name: str | None,
    pairs: tuple[str, ...],
    list_only: bool,
    fmt: str | None,
    full_iris: bool,
    allow_service: bool,
    endpoint: str | None,
    store: Path,
) -> None:
    """Run a query of the library (see --list)."""
    from plankg.query.library import described, get, library, remote_library, run_library

    if list_only or not name:
        for q in library().values():
            click.echo(f"{q.name}\t{described(q)}\t{q.question}")
        return
    params = _params(pairs)
    if endpoint:
        results = remote_library(endpoint, name, params, allow_service=allow_service)
    else:
        opened = open_store(store)
        results = run_library(opened, name, params, allow_service)
        if get(name).parameters:
            results = _with_hints(opened, name, params, results)
    _output(results, fmt, full_iris)


def _with_hints(store, name: str, params: dict[str, str], results):
    """The results, after a hint on stderr when none came back and a text parameter matches no value that exists
    (--param region=辽宁 where the store has 辽宁省). The results are read once, so they are kept as SPARQL JSON."""
    from pyoxigraph import QueryResultsFormat, parse_query_results

    from plankg.query.library import candidate_values, get, suggestions

    data = results.serialize(format=QueryResultsFormat.JSON)
    if not json.loads(data)["results"]["bindings"]:
        for key, value in params.items():
            values = candidate_values(store, key) if get(name).parameters[key] in ("string", "label") else []
            if values and value not in values:
                close = suggestions(values, value)
                hint = f"; did you mean {' or '.join(close)}?" if close else ""
                click.echo(f"no rows: {key}={value} matches no {key} in the store{hint}", err=True)
    return parse_query_results(data, format=QueryResultsFormat.JSON)


@command()
@click.argument("text", required=False)
@click.option(
    "--file",
    "file",
    type=click.File("r", encoding="utf-8"),
    default=None,
    help="Read the query from a file (- for standard input).",
)
@click.option("--prefixes", "list_prefixes", is_flag=True, help="Print the predefined prefixes and exit.")
@click.option(
    "--no-union", is_flag=True, help="Query the store's own default graph (empty) instead of the union of the named graphs."
)
@_query_options
def sparql(
    text: str | None,
    file,
    list_prefixes: bool,
    no_union: bool,
    fmt: str | None,
    full_iris: bool,
    allow_service: bool,
    endpoint: str | None,
    store: Path,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) given as TEXT or with --file.

    The project's and the standard prefixes are predefined (see --prefixes) and the default graph is the union
    of the named graphs, so `plankg sparql 'SELECT ?p WHERE { ?p a pk:Plan }'` works as written."""
    from plankg.graph.vocab import QUERY_PREFIXES
    from plankg.query.library import execute, execute_remote

    if list_prefixes:
        for prefix, namespace in QUERY_PREFIXES.items():
            click.echo(f"PREFIX {prefix}: <{namespace}>")
        return
    if text is None and file is None:
        raise click.UsageError(
            "give a query: plankg sparql 'SELECT ?p WHERE { ?p a pk:Plan }', or --file Q.rq "
            "(- for standard input); plankg sparql --prefixes lists the predefined prefixes"
        )
    if text is not None and file is not None:
        raise click.UsageError("give the query as TEXT or with --file, not both")
    source = text if text is not None else file.read()
    if endpoint:
        results = execute_remote(endpoint, source, allow_service=allow_service)
    else:
        results = execute(open_store(store), source, not no_union, allow_service)
    _output(results, fmt, full_iris)
