"""`plankg list`, `plankg stats` and `plankg remove`: the documents in the store."""

from __future__ import annotations

from pathlib import Path

import click

from plankg.cli.common import command, console, flush_quietly, open_graph, open_store, store_option, wait_option


@command()
@store_option
def stats(store: Path) -> None:
    """Print the per-document summary table of the store."""
    from plankg.cli.summary import print_summary

    print_summary(console(), open_store(store), [])


@command(name="list")
@store_option
def list_documents(store: Path) -> None:
    """List the documents in the store with their graph IRIs."""
    for document in open_graph(store).documents():
        click.echo(f"{document.file}\t{document.graph}")


@command()
@click.argument("document")
@store_option
@wait_option
def remove(document: str, store: Path, wait: float) -> None:
    """Remove a document (by file name or graph IRI) from the store."""
    from plankg.pipeline import remove as remove_from

    opened = open_store(store, write=True, wait=wait)
    try:
        removal = remove_from(opened, document, cache=store, parallel=True)
        if not removal.graphs:
            raise click.UsageError(f"no document {document!r} in the store (see `plankg list`)")
        for graph in removal.graphs:
            click.echo(f"removed {graph}")
        if found := removal.lineage:
            click.echo(f"lineage updated: {found.reuse_links} reuse links, {found.indicator_concepts} shared indicator concepts")
            if found.inferences:
                click.echo(found.inferences)
    finally:
        flush_quietly(opened)
