"""Terminal output of `build` and `stats`: the per-document summary table and any load failures."""

from __future__ import annotations

from pyoxigraph import Store
from rich.console import Console
from rich.table import Table

from plankg.build import LoadResult
from plankg.stats import COUNTED, summaries


def print_summary(console: Console, store: Store, results: list[LoadResult]) -> None:
    """A table per document (from the store), then warnings and failures of this run."""
    warnings = {r.graph: len(r.warnings) for r in results if r.ok}
    table = Table(title="plankg store", header_style="bold")
    for column in ("file", "region", "level", "title", "period", *COUNTED, "warnings"):
        table.add_column(column, justify="right" if column in COUNTED or column == "warnings" else "left")
    for row in summaries(store):
        table.add_row(row.file, row.region, row.level, row.title, row.period,
                      *(str(row.counts[k]) for k in COUNTED), str(warnings.get(row.graph, "")))
    console.print(table)
    for result in results:
        for warning in result.warnings:
            console.print(f"[yellow]warning[/] {result.path.name}: {warning}")
    failed = [r for r in results if not r.ok]
    for result in failed:
        console.print(f"[red]error[/] {result.path}: {result.error}")
    if results:
        loaded = len(results) - len(failed)
        console.print(f"loaded {loaded} of {len(results)} documents" + (f", {len(failed)} failed" if failed else ""))
