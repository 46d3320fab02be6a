"""Project tables: a list of projects or key tasks, one a row, with the bodies that carry each out.

Plans list their key projects or tasks in a table (重点项目清单, 重点任务清单, 重大项目表) whose header names a
serial number, the item (项目名称, 工作任务) and the bodies that carry it out (推进单位, 责任单位), perhaps after a
category (任务类型). Its rows hold no quantities to read as indicators: each row is a project. Flattened to one
cell a paragraph, a category written once for the rows under it stands before their first serial number, and a
body cell merged over several rows is written once, at the first of them; a row keeps only the cells written
for it. Cells are told apart by their column and kind, never by one document's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bodies import table_cell_bodies
from .records import Cell, Heading, Line, Project, ResponsibleBody, Span
from .segment import TableRegion
from .tables import norm, tokenize
from .undertakings import quantities_in

# Header cells by the column they head: the category before the serial number, the serial number, the item's
# name, and the bodies with the part they play (the words of task_tables.py, and 推进单位: the bodies pushing it).
_COLUMN_WORDS = (
    ("category", re.compile(r"^(任务|项目|工程)?(类型|类别|分类)$")),
    ("serial", re.compile(r"^(序号|序號)$")),
    ("name", re.compile(r"^(项目名称|工程名称|项目|工作任务|重点任务|主要任务|任务名称|任务)$")),
    ("lead", re.compile(r"^(牵头|主责)(单位|部门)$")),
    ("supporting", re.compile(r"^(配合|协办|参与)(单位|部门)$")),
    ("responsible", re.compile(r"^(推进|责任|实施|负责|落实)(单位|部门|主体)$")),
)
_BODY_ROLES = ("lead", "responsible", "supporting")


@dataclass
class _Header:
    columns: list[str]  # the kind of each column, in order
    end: int  # index of the first data cell


def read_header(cells: list[Cell]) -> _Header | None:
    """The columns of a project table's header, or None when the cells do not open one: a serial number, a name
    column and a body column, and nothing else (an indicator table names units, values and attributes)."""
    columns: list[str] = []
    for n, cell in enumerate(cells):
        kind = next((k for k, rx in _COLUMN_WORDS if rx.match(norm(cell))), None)
        if kind is None:
            has_bodies = any(c in _BODY_ROLES for c in columns)
            return _Header(columns, n) if {"serial", "name"} <= set(columns) and has_bodies else None
        columns.append(kind)
    return None


def project_rows(text: str, lines: list[Line], table: Heading) -> list[Project] | None:
    """The rows of a project table flattened in lines, each a Project of the table, or None when the lines are
    not a project table."""
    cells = [c for c in tokenize(text, lines) if c.text]
    header = read_header(cells)
    if header is None:
        return None
    after = header.columns[header.columns.index("serial") + 1 :]
    runs: list[list[Cell]] = [[]]  # the cells before the first serial number, then one run per serial number
    for cell in cells[header.end :]:
        if norm(cell) == str(len(runs)):
            runs.append([])
        runs[-1].append(cell)
    projects: list[Project] = []
    category = runs[0][-1].text if runs[0] else ""  # a category cell, written once before the rows it heads
    for run in runs[1:]:
        if len(run) < 2:
            break  # a serial number ending the table names no row
        row, rest = _row(text, run, after, table, len(projects) + 1, category)
        projects.append(row)
        category = rest[-1].text if rest else category
    return projects


def _row(text: str, run: list[Cell], after: list[str], table: Heading, ordinal: int, category: str) -> tuple[Project, list[Cell]]:
    """One row: its serial number, its name, then a cell for each body column that names bodies; the cells left
    over are categories of the rows that follow."""
    serial, name = run[0], run[1]
    bodies: list[ResponsibleBody] = []
    pos = 2
    for column in after[after.index("name") + 1 :]:
        if column not in _BODY_ROLES or pos >= len(run):
            continue
        named = table_cell_bodies(text, run[pos], column)
        if named is None:
            continue  # a body cell merged over several rows is written at the first of them only
        bodies.extend(named)
        pos += 1
    assert serial.span and name.span  # cells holding text have spans
    last = run[pos - 1].span or name.span
    project = Project(
        ordinal=ordinal,
        number=serial.text,
        title=name.text,
        text=name.text,
        span=Span.of(text, serial.span.start, last.end),
        quantities=quantities_in(text, name.span),
        box=None,
        eid=f"{table.eid}__item_{ordinal}",
        table=table,
        category=category,
        bodies=bodies,
    )
    return project, run[pos:]


def project_table_lines(table: TableRegion, content: list[Line], headings: list[Heading]) -> list[Line]:
    """A project table's lines run to the next heading: its cells are sentences and lists of bodies, which end an
    indicator table's region, and no row or category of it is a heading."""
    if not table.lines:
        return table.lines
    start = table.lines[0].start
    end = min((h.span.start for h in headings if h.span.start > start), default=None)
    return [ln for ln in content if ln.start >= start and (end is None or ln.start < end)]
