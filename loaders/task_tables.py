"""Task tables: a table of tasks whose columns name the bodies that carry each task out.

Action plans annex a task list (任务清单, 任务分工表) with a row per task and columns such as 牵头部门, 配合部门,
实施主体 or 责任单位. Such a table holds no indicators: its rows restate the plan's measures, and its body
columns are the measures' responsible bodies. Flattened to one cell per paragraph, a header cell may wrap
(牵头 / 部门) and a cell of two bodies may split in two, so the body cells of a row are read from its end: the
last columns take the last cells, the first body column takes what is left of the run of organisation cells.
A row names its measure by the direction or task it states (1、改善城市道路环境 → （一）改善城市道路环境。…).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .bodies import table_cell_bodies
from .records import Cell, Heading, Line, Measure, ResponsibleBody
from .script import to_simplified
from .segment import TableRegion
from .tables import norm, tokenize

_ROLE_WORD = re.compile(r"^(牵头|主责|主办|配合|协办|参与|协同|实施|责任|负责|落实)(部门|单位|主体|处室|机构)?$")
_ROLE_OF_WORD = {"牵头": "lead", "主责": "lead", "主办": "lead", "配合": "supporting", "协办": "supporting"}
_ROLE_OF_WORD |= {"参与": "supporting", "协同": "supporting"}
_HOLDER = re.compile(r"^(部门|单位|主体|处室|机构)$")
# A cell that opens a row or a group of rows: （一） / 1、改善… / （1）建设…
_OPENER = re.compile(r"^(（[一二三四五六七八九十]+）|\d{1,3}[、．.](?!\d)|（\d{1,3}）|\(\d{1,3}\))")
_NUMBER = re.compile(r"^(（[一二三四五六七八九十\d]+）|\([一二三四五六七八九十\d]+\)|\d{1,3}[、．.](?!\d))")


@dataclass
class TaskRow:
    """One row of a task table: the direction (主要方向) it falls under, its task cell, and its bodies."""

    direction: str
    task: str
    bodies: list[ResponsibleBody]


def body_columns(cells: list[Cell]) -> tuple[list[str], int] | None:
    """The roles of the table's body columns, in order, and the index of its first data cell; None when the
    header names no body column (an indicator table)."""
    first = next((i for i, c in enumerate(cells) if _OPENER.match(norm(c))), None)
    if first is None:
        return None
    words = [norm(c) for c in cells[:first] if norm(c)]
    roles: list[str] = []
    k = 0
    while k < len(words):
        m = _ROLE_WORD.match(words[k])
        if m is None:
            k += 1
            continue
        held = bool(m.group(2)) or (k + 1 < len(words) and bool(_HOLDER.match(words[k + 1])))
        if held:
            roles.append(_ROLE_OF_WORD.get(m.group(1), "responsible"))
        k += 1 if m.group(2) or not held else 2
    return (roles, first) if roles else None


def task_rows(text: str, lines: list[Line]) -> list[TaskRow] | None:
    """The rows of a task table flattened in lines, or None when the lines are not a task table."""
    cells = [c for c in tokenize(text, lines) if c.text]
    found = body_columns(cells)
    if found is None:
        return None
    roles, pos = found
    rows: list[TaskRow] = []
    direction = ""
    task: Cell | None = None
    run: list[Cell] = []

    def close() -> None:
        if task is not None:
            rows.append(TaskRow(direction, task.text, _row_bodies(text, run, roles)))

    for cell in cells[pos:]:
        t = norm(cell)
        if re.match(r"^（\d{1,3}）|^\(\d{1,3}\)", t):  # a task: （1）建设精品道路300条。
            close()
            task, run = cell, []
        elif _OPENER.match(t):  # a category （一） or a direction 1、改善城市道路环境
            close()
            task, run = None, []
            if re.match(r"^\d", t):
                direction = t
        elif task is not None:
            run.append(cell)
    close()
    return rows


def _row_bodies(text: str, run: list[Cell], roles: list[str]) -> list[ResponsibleBody]:
    """The bodies of the organisation cells that end a row, each with its column's role."""
    named: list[list[ResponsibleBody]] = []
    for cell in reversed(run):
        bodies = table_cell_bodies(text, cell, "responsible")
        if bodies is None:
            break
        named.insert(0, bodies)
    if not named:
        return []
    surplus = max(0, len(named) - len(roles))  # a wrapped first-column cell: its pieces go to that column
    columns = [roles[0]] * (surplus + 1) + roles[1:] if len(named) >= len(roles) else roles[len(roles) - len(named) :]
    return [ResponsibleBody(b.name, b.span, role) for group, role in zip(named, columns, strict=False) for b in group]


def _title(words: str) -> str:
    """A direction or measure title without its number and final stop, in Simplified script."""
    return _NUMBER.sub("", to_simplified(words)).split("。")[0].strip()


def attach_task_bodies(measures: list[Measure], rows: list[TaskRow]) -> list[TaskRow]:
    """Give each measure the bodies of the rows whose direction is its title; the rows that name no measure."""
    by_title = {_title(m.heading): m for m in measures if m.heading}
    unmatched = []
    for row in rows:
        measure = by_title.get(_title(row.direction)) or by_title.get(_title(row.task))
        if measure is None:
            unmatched.append(row)
            continue
        seen = {(b.name, b.role) for b in measure.bodies}
        for body in row.bodies:
            if (body.name, body.role) not in seen:
                measure.bodies.append(body)
                seen.add((body.name, body.role))
    return unmatched


def task_table_lines(table: TableRegion, content: list[Line], headings: list[Heading]) -> list[Line]:
    """A task table's lines: in an attachment, the table runs to the attachment's end (its cells are long
    sentences, which end an indicator table's region); elsewhere, the table's own lines."""
    if not table.lines or table.heading.parent is None or table.heading.parent.kind != "attachment":
        return table.lines
    start = table.lines[0].start
    end = min((h.span.start for h in headings if h.kind == "attachment" and h.span.start > start), default=None)
    return [ln for ln in content if ln.start >= start and (end is None or ln.start < end)]
