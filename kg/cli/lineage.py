"""`plankg lineage`: rebuild the lineage graph of a store and print what it found.

Only click and the standard library are imported at module level so that `plankg --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path

import click

from plankg.cli.common import command, console, open_graph, store_option


@command()
@store_option
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=None,
    help="Least probability of a copied clause to link two items (default: the model's threshold, chosen for precision).",
)
@click.option(
    "--rebuild",
    is_flag=True,
    help="Recompute everything and replace the whole graph (by default what the store's lineage cache holds is reused).",
)
def lineage(store: Path, min_score: float | None, rebuild: bool) -> None:
    """Update the lineage graph (citations, shared indicators, text reuse, families, themes) for what changed."""
    from rich.table import Table

    from plankg.graph.vocab import LINEAGE_GRAPH

    shown = console(wide=False)
    with shown.status("rebuilding lineage"), open_graph(store, write=True) as kg:
        summary = kg.rebuild_lineage(min_score, full=rebuild, parallel=True)
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
    shown.print(table)
    if summary.inferences:
        shown.print(summary.inferences)
