"""One document through every loader stage: read -> clean -> segment -> extract -> ParsedDocument."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .clean import clean, split_lines
from .errors import LoadError
from .extract import extract_citations, extract_measures_and_projects, first_task_offset
from .glyphs import as_ideographs, has_stand_ins
from .markdown import markdown_view
from .metadata import extract_metadata, read_sidecar
from .project_tables import project_rows, project_table_lines
from .read import read_source
from .records import Heading, Indicator, Line, Measure, ParsedDocument, PlanMetadata, Project, SourceText
from .regions import Region
from .repair import Repaired, repair, view_without
from .run_tables import run_together_rows
from .segment import segment, table_paragraphs
from .tables import lists_things, parse_table
from .targets import prose_targets, target_scopes
from .task_tables import TaskRow, attach_task_bodies, task_rows, task_table_lines
from .titles import DOC_NUMBER, find_notice, passed_down

# Text that may hold a PDF's text layer: a .txt extracted from one, the PDF, a Word file or a web page made from one.
_REPAIRED_MEDIA = (
    "text/plain",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/html",
    "multipart/related",  # a web page saved as one file (MHTML)
)
_NOTICE_LINES, _NOTICE_WIDTH = 40, 300  # where a notice without its plan is looked for: its first lines, none long


def parse_document(path: Path) -> tuple[ParsedDocument, Region | None]:
    """Parse one file; raise LoadError naming the file when it holds no policy content.
    Missing metadata (title, region, period, date, issuer) is no reason to refuse: it stays absent."""
    source = read_source(path)
    return parse_source(source, read_sidecar(path))


def parse_source(source: SourceText, sidecar: dict) -> tuple[ParsedDocument, Region | None]:
    """Parse decoded text (from any format) into records.

    A Markdown file is read without its markup (loaders.markdown); text from a PDF's text layer (a .pdf, or a
    .txt extracted from one) that shows its symptoms (spaces inside words, page numbers and running headers
    inside paragraphs) is read in a repaired view (loaders.repair). The records' spans are then put back on
    the original text.
    """
    view = _view(source)
    if view is None:
        return _parse(source, sidecar)
    doc, region = _parse(dataclasses.replace(source, text=view.text), sidecar)
    return view.restore(doc, source), region


def _view(source: SourceText) -> Repaired | None:
    """The view the stages read instead of the text itself: Markdown without its markup, PDF text repaired, and
    radicals a PDF's fonts put for ideographs read as those ideographs (loaders.glyphs, one for one)."""
    view = None
    if source.media_type == "text/markdown":
        view = markdown_view(source.text, split_lines(source.text))
    elif source.media_type in _REPAIRED_MEDIA:
        view = repair(source.text, split_lines(source.text))
    if not has_stand_ins(source.text):
        return view
    view = view or view_without(source.text, [], [])
    return dataclasses.replace(view, text=as_ideographs(view.text))


def _parse(source: SourceText, sidecar: dict) -> tuple[ParsedDocument, Region | None]:
    text = source.text
    cleaned = clean(text)
    if not any(line.stripped for line in cleaned.content):
        reasons = sorted({d.reason for d in cleaned.dropped})
        raise LoadError(source.name, f"only page noise ({', '.join(reasons)}): no plan text left after cleaning")
    seg = segment(text, cleaned.content)
    indicators, warnings = [], []
    task_list: list[TaskRow] = []
    listed: list[Project] = []
    for table in seg.tables:
        if (tasks := task_rows(text, task_table_lines(table, cleaned.content, seg.headings))) is not None:
            task_list.extend(tasks)  # a table of tasks and the bodies that carry them out: no indicators
            table.heading.tasks = True
            continue
        lines = project_table_lines(table, cleaned.content, seg.headings)
        if (items := project_rows(text, lines, table.heading)) is not None:
            listed.extend(items)  # a list of projects, one a row: its cells are neither indicators nor paragraphs
            table.heading.projects = True
            seg.paragraphs = [p for p in seg.paragraphs if not lines[0].start <= p.span.start < lines[-1].end]
            continue
        read = run_together_rows(text, table.heading, table.lines)
        if read is None and lists_things(text, table.lines):  # a list of companies or the like: its unit's text
            seg.headings.remove(table.heading)
            seg.paragraphs = sorted([*seg.paragraphs, *table_paragraphs(text, table)], key=lambda p: p.span.start)
            continue
        read = read or parse_table(text, table.heading, table.lines)
        rows, table_warnings = read
        indicators.extend(rows)
        warnings.extend(table_warnings)
    tasks_start = first_task_offset(seg.tables)
    measures, projects, passages = extract_measures_and_projects(text, seg.paragraphs, seg.headings, tasks_start)
    projects = listed + projects
    for row in attach_task_bodies(measures, task_list):
        warnings.append(f"task table: the row {row.task[:40]!r} names no measure of the text; its bodies are not linked")
    if not has_policy_content(seg.headings, measures, indicators) and not _official_text(text, cleaned.content, measures):
        raise LoadError(source.name, _no_policy_content(text, cleaned.content))
    first_heading = min((h.span.start for h in seg.headings), default=len(text))
    meta, region = extract_metadata(text, cleaned.content, cleaned.metadata, first_heading, sidecar)
    not_before = _first_year(meta)
    this_year = int(meta.date.value[:4]) if meta.date and meta.date.value[:4].isdigit() else None
    targets = prose_targets(text, target_scopes(measures, projects, passages, not_before), not_before, this_year)
    title = meta.title.value if meta.title else ""
    content_ranges = [(ln.start, ln.end) for ln in cleaned.content]
    citations = extract_citations(text, content_ranges, own_title=title)
    doc = ParsedDocument(
        source=source,
        metadata=meta,
        headings=seg.headings,
        measures=measures,
        projects=projects,
        indicators=indicators,
        citations=citations,
        dropped=cleaned.dropped,
        warnings=warnings,
        passages=passages,
        targets=targets,
    )
    return doc, region


def _first_year(meta: PlanMetadata) -> int | None:
    """The first year of the plan's own period, else its year of issue: a year before it is the past."""
    for fact in (meta.period, meta.date):
        if fact is not None and fact.value[:4].isdigit():
            return int(fact.value[:4])
    return None


def has_policy_content(headings: list[Heading], measures: list[Measure], indicators: list[Indicator]) -> bool:
    """Policy content is structure a news item or a page of noise does not have: numbered parts (一、 第三章),
    a box (专栏), an indicator table, or numbered measures; unnumbered paragraphs alone are not enough."""
    return (
        any(h.kind in ("chapter", "section", "part", "box", "table") for h in headings)
        or bool(indicators)
        or any(m.number for m in measures)
    )


def _official_text(text: str, content: list[Line], measures: list[Measure]) -> bool:
    """An official document whose text is one or a few paragraphs (a 决定 or 通知 that decides and requires without
    numbered parts) is policy content all the same: its 文号 stands on a line of its own above its text, which holds
    its measures, and it is no notice issuing a document whose text the file lacks."""
    head = [line for line in content[:_NOTICE_LINES] if len(line.stripped) <= _NOTICE_WIDTH]
    if not measures or not any(DOC_NUMBER.fullmatch(line.stripped) for line in head):
        return False
    return find_notice(text, head)[1] is None


def _no_policy_content(text: str, content: list[Line]) -> str:
    """Why a file is refused; a notice that issues a document whose text is not in the file (published as an
    attachment of its own) says which document to load instead, and a notice passing a plan's figures down (下达)
    names the plan it concerns."""
    reason = "no policy content: no numbered parts or items, measures, table or box found"
    head = [line for line in content[:_NOTICE_LINES] if len(line.stripped) <= _NOTICE_WIDTH]  # a notice's lines are short
    notice, issued = find_notice(text, head)
    if notice is not None and issued is not None:
        return f"{reason}; it is a notice issuing 《{issued.value}》, whose text is not in the file (load that document)"
    if (figures := passed_down(head)) is not None:
        return (
            f"{reason}; it is a notice passing down (下达) {figures}, whose plan and figures are not in the file "
            "(load the plan, or the attachment that holds its figures)"
        )
    return reason
