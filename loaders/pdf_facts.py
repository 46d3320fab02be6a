"""A government page's 政府信息公开 facts box as a browser prints it: read cell by cell into "label：value" lines.

The box sets label and value cells side by side, two pairs a row (索引号 | 000014349/2018-00222 | 主题分类 | 卫生、体育),
in cells so narrow that a label wraps (索 引 / 号：) and a long value too (the 标题). Printed, each visual line then
holds halves of two labels, or two values, or a label's half and a value's line, and read line by line the facts come
out interleaved (索引主题分 / 000014349/2018-00222卫生、体育 / 号：类：), the title with a label's halves inside it. Read
by its cells it is what loaders.html writes for the page's own table: one fact a line, "发文机关：国务院", which the
clean stage keeps as page metadata and the metadata stage reads. A box is taken to be one when at least three of its
labels name fields such boxes have (索引号, 发文机关, 成文日期 …): no paragraph of prose is read as one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .glyphs import as_ideographs
from .html import PAGE_FIELDS
from .pdf_glyphs import visual_lines

_APART = 1.0  # glyphs further apart than this many of their size belong to different cells
_LABEL_PART = 4  # characters a line of a wrapped label holds at most (主题分 / 类：)
_MIN_FACTS = 3
_COLON = re.compile(r"[:：]$")


@dataclass
class _Run:
    """Glyphs of one visual line that stand together: a cell's line."""

    chars: list

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.chars)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @property
    def top(self) -> float:
        return max(c.y1 for c in self.chars)

    @property
    def bottom(self) -> float:
        return min(c.y0 for c in self.chars)

    @property
    def size(self) -> float:
        return max(c.size for c in self.chars)

    @property
    def text(self) -> str:
        return "".join(c.get_text() for c in sorted(self.chars, key=lambda c: c.x0)).strip()


@dataclass
class Fact:
    """One label and its value, where the label's cell starts on the page."""

    x0: float
    top: float
    bottom: float
    size: float
    text: str  # label：value


def facts_box(chars: list) -> tuple[list[Fact], list]:
    """The facts of a page's facts box (top to bottom) and the glyphs outside it; no facts and every glyph when the
    page has no such box."""
    runs = [run for line in visual_lines(chars) for run in _runs(line)]
    labels = _labels(runs)
    known = [label for label in labels if _field(label) in PAGE_FIELDS]
    if len(known) < _MIN_FACTS:
        return [], chars
    labels = [label for label in labels if _in_box(label, known)]
    used = {id(c) for label in labels for run in label for c in run.chars}
    facts = []
    for label in labels:
        values = _value_runs(label, labels, runs, used)
        used |= {id(c) for run in values for c in run.chars}
        value = "".join(run.text for run in sorted(values, key=lambda r: (-round(r.top), r.x0)))
        first = label[0]
        facts.append(Fact(first.x0, first.top, label[-1].bottom, first.size, f"{_field(label)}：{value}"))
    facts.sort(key=lambda f: (-round(f.top), f.x0))
    return facts, [c for c in chars if id(c) not in used]


def _runs(line: list) -> list[_Run]:
    """The line's inked glyphs, split where the white between two is wider than _APART of their size."""
    runs: list[_Run] = []
    for char in sorted((c for c in line if c.get_text().strip()), key=lambda c: c.x0):
        if runs and char.x0 - runs[-1].x1 <= _APART * char.size:
            runs[-1].chars.append(char)
        else:
            runs.append(_Run([char]))
    return runs


def _labels(runs: list[_Run]) -> list[list[_Run]]:
    """The labels: a short run ending in a colon, with the short runs above it that start where it starts (the
    label's first lines, wrapped in its cell)."""
    labels = []
    for tail in runs:
        if not _COLON.search(tail.text) or len(tail.text) > _LABEL_PART + 2:
            continue
        label = [tail]
        while head := next((r for r in runs if _above(r, label[0])), None):
            label.insert(0, head)
        labels.append(label)
    return labels


def _above(run: _Run, below: _Run) -> bool:
    """run is the label line right above below's: set where it starts, short, with no colon, no line between."""
    return (
        abs(run.x0 - below.x0) < 0.5 * below.size
        and 0 <= run.bottom - below.top < below.size
        and len(run.text) <= _LABEL_PART
        and not _COLON.search(run.text)
    )


def _field(label: list[_Run]) -> str:
    """The label's name as the page's own table has it: its lines joined, spaces and colon gone, a radical that
    stands for an ideograph in the PDF's text (发⽂机关) read as the ideograph."""
    return as_ideographs(re.sub(r"\s", "", "".join(run.text for run in label))[:-1])


def _value_runs(label: list[_Run], labels: list[list[_Run]], runs: list[_Run], used: set[int]) -> list[_Run]:
    """The runs right of the label, before the next label to its right, whose middles lie within its lines."""
    top, bottom, x1 = label[0].top, label[-1].bottom, max(run.x1 for run in label)
    right = [other[0].x0 for other in labels if other[0].x0 > x1 and _overlap(other, top, bottom)]
    limit = min(right, default=float("inf"))
    return [
        run
        for run in runs
        if x1 < run.x0 < limit and bottom <= (run.top + run.bottom) / 2 <= top and not any(id(c) in used for c in run.chars)
    ]


def _in_box(label: list[_Run], known: list[list[_Run]]) -> bool:
    """A label of the box: between its first and last known field, in a column of labels that holds one (主题词 and
    有效性 may be no field this module knows; 各区人民政府： above the text is no label of the box)."""
    top, bottom = max(k[0].top for k in known), min(k[-1].bottom for k in known)
    return bottom <= label[-1].bottom and label[0].top <= top and any(abs(label[0].x0 - k[0].x0) < k[0].size for k in known)


def _overlap(label: list[_Run], top: float, bottom: float) -> bool:
    return label[-1].bottom < top and label[0].top > bottom
