"""`plankg lineage`: rebuild the lineage graph of a store and print what it found.

Only click and the standard library are imported at module level so that `plankg --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command()
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store folder (default: $PLANKG_STORE or ./plankg-data).")
@click.option("--min-score", type=click.FloatRange(0, 1), default=None,
              help="Least probability of a copied clause to link two items (default: the model's threshold, "
                   "chosen for precision).")
def lineage(store_dir: Path | None, min_score: float | None) -> None:
    """Rebuild the lineage graph (citations, shared indicators, text reuse, families, themes)."""
    from rich.console import Console
    from rich.table import Table

    from plankg.graph.store import flush, open_store, store_path
    from plankg.graph.vocab import LINEAGE_GRAPH
    from plankg.lineage.graph import rebuild_lineage

    path = store_path(str(store_dir) if store_dir else None)
    if not path.exists():
        click.echo(f"Error: no store at {path}: run `plankg build` first", err=True)
        sys.exit(1)
    console = Console()
    with console.status("rebuilding lineage"):
        store = open_store(path)
        summary = rebuild_lineage(store, min_score)
        flush(store)
    table = Table(title=f"lineage graph <{LINEAGE_GRAPH}>")
    table.add_column("what")
    table.add_column("count", justify="right")
    for label, value in (
        ("plans", summary.plans),
        ("citations (resolved to a loaded plan)", f"{summary.citations} ({summary.resolved_citations})"),
        ("declared parent links", summary.declared_parents),
        ("shared indicator concepts (indicator rows)", f"{summary.indicator_concepts} ({summary.grouped_indicators})"),
        ("measures and projects", summary.items),
        ("nodes with a theme (without)", f"{summary.themed_nodes} ({summary.unthemed_nodes})"),
        ("candidate pairs (LSH)", summary.candidate_pairs),
        ("copied clauses (directed)", f"{summary.reuse_links} ({summary.directed_links})"),
        ("policy families", summary.families),
        ("triples written", summary.triples),
        ("seconds", " ".join(f"{k} {v}" for k, v in summary.seconds.items())),
    ):
        table.add_row(label, str(value))
    console.print(table)
