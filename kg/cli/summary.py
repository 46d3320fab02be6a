"""Terminal output of `build` and `stats`: the per-document summary table, any load failures, and what the build's
later stages (validation, lineage, reasoning, views) found.

One table when it fits the terminal; otherwise two, what each document is (title wrapped) and what it holds
(the counts, headers abbreviated with a legend when the full names do not fit), so nothing is ever cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pyoxigraph import Store
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from plankg.loading.documents import LoadResult
from plankg.query.stats import COUNTED, PlanSummary, document_count, summaries
from plankg.wording import counted

if TYPE_CHECKING:
    from plankg.pipeline import BuildReport
    from plankg.validation.shacl import DocumentReport

ABBREVIATED = {
    "chapters": "chap",
    "sections": "sect",
    "boxes": "box",
    "measures": "meas",
    "indicators": "ind",
    "projects": "proj",
    "citations": "cite",
    "violations": "viol",
    "warnings": "warn",
}
TITLE_MIN_WIDTH = 16
TITLE_ROOM = 32  # a file name over twice the title's room folds to give the title this much
FILE_MIN_WIDTH = 20  # a file name too long for the terminal folds, no narrower than this
REGION_MIN_WIDTH = 14  # where even folded file names leave the title too little, a long region name folds too


def print_summary(
    console: Console, store: Store, results: list[LoadResult], findings: dict[str, tuple[int, int]] | None = None
) -> None:
    """A table per document (from the store): those this run loaded (a build's results), else all; then load
    warnings and failures of this run, and how many documents the store holds when the table shows fewer.
    findings: SHACL (violations, warnings) by graph, when the build validated (the same counts as its validation
    lines)."""
    rows = summaries(store, [r.graph for r in results if r.ok]) if results else summaries(store)
    if rows or not results:
        for table in summary_tables(console.width, rows, findings):
            console.print(table)
    for result in results:
        for warning in result.warnings:
            console.print(f"[yellow]warning[/] {escape(result.path.name)}: {escape(warning)}", soft_wrap=True, highlight=False)
    failed = [r for r in results if not r.ok]
    for result in failed:
        console.print(f"[red]error[/] {escape(str(result.path))}: {escape(result.error)}", soft_wrap=True, highlight=False)
    if results:  # loaded: the graphs written, a graph replaced by a later file of the same plan counted once
        replaced = sum(1 for r in results if r.ok and r.replaced_by)
        loaded = len(results) - len(failed) - replaced
        console.print(
            f"loaded {loaded} of {counted(len(results), 'document')}"
            + (f", {len(failed)} failed" if failed else "")
            + (f", {replaced} replaced by a later file of the same plan" if replaced else "")
        )
    if results and (held := document_count(store)) > len(rows):
        console.print(f"the store holds {counted(held, 'document')}: `plankg stats` lists them all", highlight=False)


def print_report(console: Console, store: Store, report: BuildReport) -> None:
    """What a build did: the folder entries skipped, the summary table with this build's load warnings and failures,
    a validation line per document, then what the lineage rebuild, the reasoner and the views produced."""
    from plankg.graph.vocab import INFERRED_GRAPH

    for skipped in report.skipped:
        console.print(f"[yellow]skipped[/] {escape(str(skipped))}", soft_wrap=True, highlight=False)
    print_summary(console, store, list(report.documents), report.findings())
    if report.validation is not None:
        print_checked(console, report.validation)
    if found := report.lineage:
        console.print(
            f"lineage: {counted(found.reuse_links, 'reuse link')} in "
            f"{counted(found.families, 'policy family', 'policy families')}, "
            f"{counted(found.indicator_concepts, 'shared indicator concept')}, "
            f"{found.resolved_citations} of {counted(found.citations, 'citation')} resolved to loaded plans"
        )
    if report.inferred is not None:
        console.print(f"reasoning: {report.inferred} inferred triples in <{INFERRED_GRAPH}>")
    if report.inferences_kept is not None:
        console.print(str(report.inferences_kept))
    if report.pages:
        console.print(f"views: {len(report.pages)} pages in {report.pages[0].parent}; open {report.pages[0]}")


def print_checked(console: Console, reports: list[DocumentReport], engine: str = "pyrudof") -> None:
    """One line per document validated by a build, counted as `plankg validate` and the build's table count, then
    where the findings are."""
    for report in reports:
        outcome = "conforms," if report.conforms else "does not conform:"
        console.print(
            f"validation: {report.name} {outcome} {counted(report.count('Violation'), 'violation')}, "
            f"{counted(report.count('Warning'), 'warning')}",
            markup=False,
            highlight=False,
        )
    if reports:
        console.print(
            f"(validated by {engine}; `plankg validate` shows each finding with its source quote)", markup=False, highlight=False
        )


def summary_tables(width: int, rows: list[PlanSummary], findings: dict[str, tuple[int, int]] | None) -> list[Table]:
    """The summary as one table when it fits width with the titles wrapped no narrower than TITLE_MIN_WIDTH,
    else as two: the documents (titles wrapped) and their counts (headers abbreviated if need be)."""
    about = ["file", "region", "level", "title", "period"]
    count_names = [*COUNTED, *(["violations", "warnings"] if findings is not None else [])]
    cells = {row.graph: [row.file, row.region, row.level, row.title, row.period] for row in rows}
    counts = {
        row.graph: [str(row.counts[k]) for k in COUNTED]
        + ([str(n) for n in findings.get(row.graph, ("", ""))] if findings is not None else [])
        for row in rows
    }
    title_width = max([cell_len("title"), *(cell_len(c[3]) for c in cells.values())])
    single = _table(about + count_names, about, rows, cells, counts, title="plankg store")
    if _natural_width(single) - title_width + min(title_width, TITLE_MIN_WIDTH) <= width:
        return [single]
    compact: dict[str, Any] = {"box": box.SIMPLE_HEAD, "show_edge": False, "collapse_padding": True}
    first = _table(about, about, rows, cells, {g: [] for g in counts}, title="plankg store", **compact)
    room = width - (_natural_width(first) - title_width)  # the title's, with the file names whole
    file_width = max(cell_len(c[0]) for c in cells.values()) if cells else 0
    if room < min(title_width, TITLE_MIN_WIDTH) or (room < min(title_width, TITLE_ROOM) and file_width > 2 * room):
        first = _table(about, about, rows, cells, {g: [] for g in counts}, title="plankg store", fold_file=True, **compact)
        if (narrow := _narrow_widths(width, first, cells, file_width)) is not None:
            first = _table(about, about, rows, cells, {g: [] for g in counts}, title="plankg store", widths=narrow, **compact)
    second = _table(["file", *count_names], ["file"], rows, {g: c[:1] for g, c in cells.items()}, counts, **compact)
    for headers, padding in (([ABBREVIATED[n] for n in count_names], (0, 1)), ([ABBREVIATED[n] for n in count_names], (0, 0))):
        if _natural_width(second) <= width:
            break
        second = _table(
            ["file", *headers], ["file"], rows, {g: c[:1] for g, c in cells.items()}, counts, padding=padding, **compact
        )
        second.caption = "  ".join(f"{ABBREVIATED[n]}={n}" for n in count_names)
        second.caption_justify = "left"
    if _natural_width(second) > width:  # the counts keep their room; long file names fold
        caption = second.caption
        second = _table(
            ["file", *[ABBREVIATED[n] for n in count_names]],
            ["file"],
            rows,
            {g: c[:1] for g, c in cells.items()},
            counts,
            padding=(0, 0),
            fold_file=True,
            **compact,
        )
        second.caption, second.caption_justify = caption, "left"
    return [first, second]


def _narrow_widths(width: int, folded: Table, cells: dict[str, list[str]], file_width: int) -> dict[str, int] | None:
    """Set widths of the file, region and title columns where the folded file names alone would leave the title
    under TITLE_MIN_WIDTH (a terminal of 80 columns, a zone's long name): the region folds too, so that the level
    and period stay whole instead of being cut by the table's last-resort squeeze; None where they fit."""
    region_width = max([cell_len("region"), *(cell_len(c[1]) for c in cells.values())])
    files = min(file_width, FILE_MIN_WIDTH)
    others = _natural_width(folded) - file_width - max([cell_len("title"), *(cell_len(c[3]) for c in cells.values())])
    if width - others - files >= TITLE_MIN_WIDTH:
        return None
    regions = min(region_width, REGION_MIN_WIDTH)
    return {"file": files, "region": regions, "title": max(width - others - files - regions + region_width, 1)}


def _table(
    headers: list[str],
    about: list[str],
    rows: list[PlanSummary],
    cells: dict[str, list[str]],
    counts: dict[str, list[str]],
    fold_file: bool = False,
    widths: dict[str, int] | None = None,
    **style,
) -> Table:
    """Text columns first (whole, but the title, which wraps, and the file name when fold_file: a name too long for
    the terminal folds rather than squeezing the counts; a column of widths folds at its width), then right-aligned
    counts."""
    table = Table(header_style="bold", **style)
    widths = widths or {}
    for i, header in enumerate(headers):
        if i < len(about) and about[i] in widths:
            table.add_column(header, overflow="fold", width=widths[about[i]])
        elif i < len(about):
            whole = about[i] != "title" and not (fold_file and about[i] == "file")
            widest = max([cell_len(header), *(cell_len(c[i]) for c in cells.values())])
            least = widest if whole else FILE_MIN_WIDTH if about[i] == "file" else None
            table.add_column(header, no_wrap=whole, overflow="fold", min_width=least)
        else:
            table.add_column(header, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(*(Text(cell) for cell in cells[row.graph]), *counts[row.graph])  # a title's [ ] is no markup
    return table


def _natural_width(table: Table) -> int:
    """The width the table takes when nothing wraps."""
    console = Console(width=10_000)
    return Measurement.get(console, console.options, table).maximum
