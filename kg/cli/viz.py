"""`plankg viz`: write the interactive views of the store as a folder of HTML pages that open offline."""

from __future__ import annotations

from pathlib import Path

import click

from plankg.cli.common import command, open_store, store_option
from plankg.viz import MAX_NODES


@command()
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("plankg-site"),
    show_default=True,
    help="Folder to write the pages into.",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=10),
    default=MAX_NODES,
    show_default=True,
    help="Node cap per view; larger views are aggregated and say so.",
)
@store_option
def viz(output: Path, max_nodes: int, store: Path) -> None:
    """Write offline HTML views: an index of plans, a view per plan, lineage, indicator comparison."""
    from plankg.viz.site import write_site

    opened = open_store(store)
    try:
        pages = write_site(opened, output, max_nodes)
    except OSError as exc:
        raise click.ClickException(f"cannot write the views to {output}: {exc.strerror}") from exc
    click.echo(f"wrote {len(pages)} pages to {output}; open {output / 'index.html'}")
