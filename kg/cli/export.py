"""`plankg export`: the whole graph in an RDF format, or its indicator values as CSV."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from plankg.cli.common import command, format_option, open_graph, output_file_option, store_option


@command()
@format_option(
    ["trig", "nquads", "turtle", "ntriples", "jsonld", "csv"],
    "trig, nquads, jsonld: every named graph; turtle, ntriples: their union; csv: indicator values. "
    "Default: from -o's extension, else trig.",
)
@output_file_option("Write to this file (.trig .nq .ttl .nt .jsonld .csv choose the format).")
@store_option
def export(fmt: str | None, output: Path | None, store: Path) -> None:
    """Write the whole graph out (csv: one row per indicator value per plan)."""
    from plankg.graph.export import EXTENSIONS, export_store, format_for

    if fmt is None and output is not None:
        fmt = format_for(output)
        if fmt is None:
            raise click.UsageError(f"{output.name}: give --format, or an extension that names one ({', '.join(EXTENSIONS)})")
    if output is None and fmt is None and sys.stdout.isatty():
        raise click.UsageError(
            "the whole graph is tens of thousands of lines: write it to a file with -o "
            "(e.g. -o graph.trig), or ask for it here with --format"
        )
    kg = open_graph(store)
    if output:
        kg.export(output, fmt)
        click.echo(f"wrote {output} ({fmt}, {output.stat().st_size:,} bytes)", err=True)
    else:
        sys.stdout.buffer.write(export_store(kg.store, fmt or "trig"))
