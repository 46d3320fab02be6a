"""`plankg validate`: SHACL validation of the store's documents, or of a graph file, with readable reports.

Only click and the standard library are imported at module level so that `plankg --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from plankg.cli.common import command, format_option, open_graph, output_file_option, store_option


@command()
@store_option
@click.option(
    "--document",
    "documents",
    multiple=True,
    metavar="FILE",
    help="Validate only this document (file name or graph IRI); repeatable.",
)
@click.option(
    "--data",
    "data_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Validate a graph file (trig, nq, ttl, jsonld, nt, rdf) instead of the store.",
)
@click.option(
    "--engine",
    type=click.Choice(["pyrudof", "pyshacl"]),
    default="pyrudof",
    show_default=True,
    help="pyrudof is fast; pyshacl is the reference (tests check that they agree).",
)
@format_option(["text", "html", "ttl"], default="text")
@output_file_option("Write the report to this file instead of standard output.")
def validate(store: Path, documents: tuple[str, ...], data_file: Path | None, engine: str, fmt: str, output: Path | None) -> None:
    """Validate documents against the SHACL shapes; exit 1 when there is a violation."""
    from plankg.graph.files import read_graph_file
    from plankg.validation.report import render_html, render_text, render_ttl
    from plankg.validation.shacl import validate_dataset

    if data_file is not None:
        reports = validate_dataset(read_graph_file(data_file), data_file.name, engine)
    else:
        reports = open_graph(store).validate(list(documents) or None, engine=engine)
    if not reports:
        raise click.ClickException("nothing to validate: the store holds no documents")
    text = {"text": render_text, "html": render_html, "ttl": render_ttl}[fmt](reports)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(render_text(reports).splitlines()[-1] + f"; report written to {output}")
    else:
        click.echo(text, nl=False)
    sys.exit(0 if all(r.conforms for r in reports) else 1)
