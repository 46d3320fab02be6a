"""PDF files with a text layer -> text lines the segmenter reads: paragraphs rejoined, ruled tables as bar-layout cells.

A PDF has glyphs at positions, not paragraphs. Lines are rebuilt from the glyphs (spaces only where the
file has a space glyph or Latin words stand apart: the gap a typesetter puts between Chinese and Latin
text is not a space; an indent typed as spaces is no ink). A line continues the paragraph before it when that one
ran to the right margin (give or take a character, or a number or Latin word that did not fit) and this one starts
at the left margin without a paragraph gap, unless that one ended a sentence and this one opens an item (（二）, 十、,
第三章: a document set without first-line indents). A line that does not continue it but follows without a gap
stays a line of its own in the same block, as a text file has it (a heading's second line, a table cell's).
A table drawn with ruling lines is read cell by cell, row by row, into the bar layout of loaders.tables
(one cell per line ending in " |"); a row split by a page break is joined again.
Page numbers on the first or last line of a page are dropped: those written as such (- 3 -, 第3页, 3/20), and bare
numbers that count the pages (a cell of a table, a line of its own, falls there too). Running headers and
footers go as well: the first or last line of a page whose text (its numbers aside) stands at the same height on
half of the pages or more. A paragraph a page break cut is then joined again across the header it no longer has.
The glyphs are put into lines by loaders.pdf_glyphs (a glyph drawn twice read once, a page in two columns read
down each), tables drawn without rules between their columns are found by loaders.pdf_gaps, and a printed page's
信息公开 facts box is read cell by cell by loaders.pdf_facts.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from statistics import median

from .clean import classify_line
from .errors import LoadError
from .glyphs import as_ideographs
from .pdf_facts import facts_box
from .pdf_gaps import gap_table_grids
from .pdf_glyphs import columns, visual_lines, without_overprint
from .repair import OPENS_ITEM, SENTENCE_END

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201d]")
_PAGE_NUMBER = re.compile(r"^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
_UNMAPPED = re.compile(r"\(cid:\d+\)")  # pdfminer's text of a glyph its font maps to no character
MAX_UNMAPPED_SHARE = 0.05  # a few are symbols (a bullet, a logo's letter); more and the words themselves are lost
_TOLERANCE = 2.0  # points: ruling lines closer than this meet
_MAX_SEGMENTS = 3000  # more ruling segments than this on a page is a drawing; pairing them would be quadratic


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str
    column: int = 0  # on a page set in two columns: 1 the left, 2 the right, 0 (as on other pages) across both
    rank: tuple[int, int] = (0, 0)  # (stretch between lines across both columns, column) in reading order
    whole: bool = False  # a block of its own (a facts box's lines), never a paragraph's line


@dataclass
class _Table:
    page: int
    xs: list[float]  # column boundaries, left to right
    ys: list[float]  # row boundaries, top to bottom
    cells: dict[tuple[int, int], list] = field(default_factory=dict)
    ruled: bool = True  # drawn with rules between its columns, or found by the white between them

    @property
    def top(self) -> float:
        return self.ys[0]

    def runs_full(self, key: tuple[int, int]) -> bool:
        """The cell's text wraps to its right edge on its last line, so it may go on after a page break."""
        chars = self.cells.get(key)
        if not chars:
            return False
        lowest = min(c.y1 for c in chars)
        last = [c for c in chars if abs(c.y1 - lowest) < 0.5 * c.size]
        return max(c.x1 for c in last) >= self.xs[key[1] + 1] - 3 * max(c.size for c in last)

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[-1] <= y <= self.ys[0]):
            return None
        col = sum(1 for b in self.xs[1:-1] if x > b)
        row = sum(1 for b in self.ys[1:-1] if y < b)
        return row, col


def pdf_to_text(data: bytes, name: str) -> str:
    """The document's text: paragraphs as lines separated by blank lines, tables as bar-layout cells."""
    from pdfminer.high_level import extract_pages

    # pdfminer logs, naming no file, that a PDF's permissions ask not to extract its text, and reads it: many
    # government PDFs set that flag, which only viewers heed (official documents carry no copyright, art. 5)
    pdfminer_log = logging.getLogger("pdfminer")
    level = pdfminer_log.level
    pdfminer_log.setLevel(logging.ERROR)
    try:
        pages = list(extract_pages(io.BytesIO(data), laparams=None))  # glyphs only: lines are rebuilt here
    except Exception as exc:  # pdfminer signals a broken file with many exception types
        raise LoadError(name, f"not a readable PDF: {type(exc).__name__}: {exc}") from exc
    finally:
        pdfminer_log.setLevel(level)
    read = [_read_page(number, page) for number, page in enumerate(pages)]
    numbers = _page_numbers([lines for lines, _ in read])
    page_lines = [[ln for ln in lines if id(ln) not in numbers] for lines, _ in read]
    running = _running_lines(page_lines)
    items: list[tuple[int, tuple[int, int], float, _Line | _Table]] = []
    for number, (lines, (_, tables)) in enumerate(zip(page_lines, read, strict=True)):
        items += [(number, ln.rank, -ln.top, ln) for ln in lines if id(ln) not in running]
        across = sorted((ln.top for ln in lines if ln.column == 0 and ln.rank[1] == 2), reverse=True)
        items += [(number, (sum(top > t.top for top in across), 0), -t.top, t) for t in tables if t.cells]
    items.sort(key=lambda item: item[:3])
    text = "\n\n".join(_blocks([item for *_, item in items]))
    if not text.strip():
        raise LoadError(name, "the PDF has no text layer (a scanned image?)")
    return _unmapped_marked(text, name) + "\n"


def _unmapped_marked(text: str, name: str) -> str:
    """The text with each glyph its font maps to no character ("(cid:N)" from pdfminer) as U+FFFD; a LoadError when
    so many are unmapped that the text cannot be read (fonts embedded without a Unicode map: the PDF's text is lost)."""
    marked, unmapped = _UNMAPPED.subn("\ufffd", text)
    glyphs = sum(1 for c in marked if not c.isspace())
    if unmapped > MAX_UNMAPPED_SHARE * glyphs:
        raise LoadError(
            name,
            f"{unmapped:,} of its {glyphs:,} characters are glyphs its fonts map to no character: the PDF's text "
            "cannot be read (find a copy with a text layer, or OCR it)",
        )
    return marked


def _read_page(number: int, page) -> tuple[list[_Line], list[_Table]]:
    from pdfminer.layout import LTChar, LTCurve

    tables = _tables(number, [o for o in _walk(page) if isinstance(o, LTCurve)])
    outside = []
    for char in without_overprint([o for o in _walk(page) if isinstance(o, LTChar)]):
        x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        found = next(((t, cell) for t in tables if (cell := t.cell_of(x, y)) is not None), None)
        if found is None:
            outside.append(char)
        else:
            table, cell = found
            table.cells.setdefault(cell, []).append(char)
    facts, outside = facts_box(outside)
    outside = _into_gap_tables(number, outside, tables)
    lines = []
    if facts:
        box = _Line(number, facts[0].x0, facts[0].x0, facts[0].top, facts[-1].bottom, facts[0].size, "", whole=True)
        box.text = "\n".join(fact.text for fact in facts)
        lines.append(box)
    for column, rank, chars in columns(outside):
        if text := _join(chars).strip():
            inked = [c for c in chars if c.get_text().strip()]  # an indent typed as spaces (　　) is no ink
            lines.append(
                _Line(
                    number,
                    min(c.x0 for c in inked),
                    max(c.x1 for c in inked),
                    max(c.y1 for c in chars),
                    min(c.y0 for c in chars),
                    median(c.size for c in chars),
                    text,
                    column,
                    rank,
                )
            )
    return lines, tables


def _into_gap_tables(number: int, chars: list, tables: list[_Table]) -> list:
    """The glyphs of the tables drawn without column rules (loaders.pdf_gaps) put in their cells, those tables
    added to tables; the glyphs outside them returned."""
    grids = gap_table_grids(visual_lines(chars))
    if not grids:
        return chars
    found = [_Table(number, xs, ys, ruled=False) for xs, ys in grids]
    tables.extend(found)
    outside = []
    for char in chars:
        x, y = (char.x0 + char.x1) / 2, (char.y0 + char.y1) / 2
        home = next(((t, cell) for t in found if (cell := t.cell_of(x, y)) is not None), None)
        if home is None:
            outside.append(char)
        else:
            home[0].cells.setdefault(home[1], []).append(char)
    return outside


def _walk(container):
    for obj in container:
        yield obj
        if hasattr(obj, "__iter__") and not isinstance(obj, str):
            yield from _walk(obj)


def _tables(number: int, curves: list) -> list[_Table]:
    """Tables from ruling lines: groups of horizontal and vertical segments that meet."""
    segments = []
    for c in curves:
        x0, y0, x1, y1 = c.bbox
        if y1 - y0 <= _TOLERANCE < x1 - x0 or x1 - x0 <= _TOLERANCE < y1 - y0:
            segments.append((x0, y0, x1, y1))
        elif x1 - x0 > _TOLERANCE and y1 - y0 > _TOLERANCE:  # a rectangle: its four edges
            segments += [(x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)]
    if len(segments) > _MAX_SEGMENTS:
        return []  # a drawing (a chart or a map), not a ruled table
    parent = list(range(len(segments)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(segments):
        for j in range(i):
            if _meet(a, segments[j]):
                parent[root(i)] = root(j)
    by_root: dict[int, list[tuple]] = {}
    for i, seg in enumerate(segments):
        by_root.setdefault(root(i), []).append(seg)
    groups = list(by_root.values())
    tables = []
    for group in groups:
        xs = _cluster([s[0] for s in group if s[2] - s[0] <= _TOLERANCE])
        ys = _cluster([s[1] for s in group if s[3] - s[1] <= _TOLERANCE])
        if len(xs) >= 3 and len(ys) >= 2:  # two columns at least: a single frame is a box around text
            tables.append(_Table(number, xs, sorted(ys, reverse=True)))
    return tables


def _meet(a: tuple, b: tuple) -> bool:
    t = _TOLERANCE
    return a[0] - t <= b[2] and b[0] - t <= a[2] and a[1] - t <= b[3] and b[1] - t <= a[3]


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOLERANCE:
            out.append(v)
    return out


def _join(chars: list) -> str:
    """Glyphs of one line, left to right, with a space only where the file has one or Latin words stand apart."""
    out: list[str] = []
    prev = None
    for char in sorted(chars, key=lambda c: c.x0):
        glyph = char.get_text()
        if prev is not None and out and not out[-1].isspace() and not glyph.isspace():
            apart = char.x0 - prev.x1 > 0.25 * char.size
            if apart and not _CJK.match(glyph) and not _CJK.match(prev.get_text()):
                out.append(" ")
        out.append(glyph)
        prev = char
    return "".join(out)


def _cell_text(chars: list) -> str:
    """A cell's glyphs line by line, top to bottom, the lines joined: a wrapped cell is one value."""
    rows: list[list] = []
    for char in sorted(chars, key=lambda c: -c.y1):
        if rows and abs(rows[-1][0].y1 - char.y1) < 0.5 * char.size:
            rows[-1].append(char)
        else:
            rows.append([char])
    return "".join(_join(r).strip() for r in rows).replace("|", "｜")


def _page_numbers(pages: list[list[_Line]]) -> set[int]:
    """The ids of the page numbers: a page's first or last line that is a number written as one (- 3 -, 第3页,
    3/20), or a bare number that counts the pages, its value less the page's index the same on two pages at
    least (one, for a one-page file numbered 1). A bare number that does not count the pages is text: a table's
    cells, one a line, fall at a page's end as well."""
    found: set[int] = set()
    bare: list[tuple[int, _Line]] = []
    for index, lines in enumerate(pages):
        if not lines:
            continue
        for line in {id(ln): ln for ln in (max(lines, key=lambda ln: ln.top), min(lines, key=lambda ln: ln.top))}.values():
            text = line.text.strip()
            if not _PAGE_NUMBER.match(text):
                continue
            if text.isdigit():
                bare.append((int(text) - index, line))
            else:
                found.add(id(line))
    offsets = Counter(offset for offset, _ in bare)
    needed = 1 if len(pages) == 1 else 2
    found |= {id(line) for offset, line in bare if offsets[offset] >= needed and (len(pages) > 1 or offset == 1)}
    return found


def _running_lines(pages: list[list[_Line]]) -> set[int]:
    """The ids of running headers and footers: a page's first or last line whose text, numbers aside, stands
    at the same height on half of the pages at least (two at least)."""
    seen: dict[tuple, list[_Line]] = {}
    for lines in pages:
        if not lines:
            continue
        ends = {("top", id(max(lines, key=lambda ln: ln.top))), ("bottom", id(min(lines, key=lambda ln: ln.top)))}
        for line in lines:
            for end, ident in ends:
                if ident == id(line) and not _PAGE_NUMBER.match(line.text.strip()):
                    key = (end, re.sub(r"\d+", "#", line.text.replace(" ", "")), round(line.top / 2))
                    seen.setdefault(key, []).append(line)
    needed = max(2, (len(pages) + 1) // 2)
    return {id(ln) for lines in seen.values() if len(lines) >= needed for ln in lines}


def _blocks(items: list[_Line | _Table]) -> list[str]:
    """Paragraphs rejoined from their lines, and tables as bar-layout cells, in reading order."""
    body = [i for i in items if isinstance(i, _Line) and not i.whole]
    margins = _margins(body)
    spacing = _line_spacing(body, margins)
    blocks: list[str] = []
    prev: _Line | _Table | None = None
    rows: dict[tuple[int, int], str] = {}
    for item in items:
        if isinstance(item, _Table):
            texts = {key: _cell_text(chars) for key, chars in item.cells.items()}
            if isinstance(prev, _Table) and _continued(prev, item) and _split_row(prev, item):
                _join_split_row(rows, texts)
                blocks[-1] = _bar(rows)
            else:
                rows = texts
                blocks.append(_bar(rows))
        elif item.whole or (isinstance(prev, _Line) and prev.whole):
            blocks.append(item.text)
        elif isinstance(prev, _Line) and _continues(prev, item, margins, spacing):
            sep = " " if prev.text[-1:].isascii() and prev.text[-1:].isalnum() and item.text[:1].isascii() else ""
            blocks[-1] += sep + item.text
        elif isinstance(prev, _Line) and _close(prev, item, spacing):
            blocks[-1] += "\n" + item.text  # a line of its own with no gap before it, as a text file has it
        else:
            blocks.append(item.text)
        prev = item
    return blocks


def _bar(rows: dict[tuple[int, int], str]) -> str:
    return "\n".join(f"{rows[key]} |" for key in sorted(rows) if rows[key])


def _continued(before: _Table, after: _Table) -> bool:
    """A table carried over to the next page: the same columns (where the columns' cells start, within a few
    points, when no rules draw them)."""
    ruled = before.ruled and after.ruled
    tolerance, edges = (_TOLERANCE, slice(None)) if ruled else (2 * _TOLERANCE, slice(1, -1))
    return (
        after.page == before.page + 1
        and len(after.xs) == len(before.xs)
        and all(abs(a - b) <= tolerance for a, b in zip(after.xs[edges], before.xs[edges], strict=True))
    )


def _split_row(before: _Table, after: _Table) -> bool:
    """The page break split the last row: the new page's first row only carries on cells that ran full."""
    last = max(r for r, _ in before.cells)
    first = [c for r, c in after.cells if r == 0]
    return bool(first) and all(before.runs_full((last, c)) for c in first)


def _join_split_row(rows: dict[tuple[int, int], str], more: dict[tuple[int, int], str]) -> None:
    """The new page's first row is the rest of the last row: its cells are joined to the last row's."""
    last = max((r for r, _ in rows), default=0)
    for (r, c), text in sorted(more.items()):
        if r == 0:
            rows[last, c] = rows.get((last, c), "") + text
        else:
            rows[last + r, c] = text


def _margins(body: list[_Line]) -> dict[int, tuple[float, float]]:
    """Each column's left and right margins: the extremes of its lines in the text's size or larger that are no page
    chrome. A browser prints its header and footer (the date, the page's address) in a smaller size across the page,
    and a page widget (扫一扫在手机打开当前页) may stand left of the text: by them, every line of a paragraph looked
    indented and short, so none was joined."""
    sizes: Counter[float] = Counter()
    for line in body:
        sizes[round(line.size, 1)] += len(line.text)
    text_size = sizes.most_common(1)[0][0] if sizes else 0.0
    measured = [ln for ln in body if ln.size >= text_size - 0.5 and classify_line(as_ideographs(ln.text.strip())) is None]
    margins = {}
    for column in {ln.column for ln in body}:
        lines = [ln for ln in measured if ln.column == column] or [ln for ln in body if ln.column == column]
        margins[column] = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    return margins


def _line_spacing(lines: list[_Line], margins: dict[int, tuple[float, float]]) -> float:
    """The space between the lines of a paragraph, in font sizes: the commonest gap below a line that runs to the
    right margin (most such lines go on). A page printed from the web spaces its lines wide (line-height 2: a gap
    of one size) and its paragraphs wider still; a typeset document spaces lines by a fraction of a size."""
    gaps = Counter(
        round((a.bottom - b.top) / b.size, 1)
        for a, b in zip(lines, lines[1:], strict=False)
        if _beside(a, b) and abs(a.size - b.size) <= 0.5 and a.x1 >= margins[a.column][1] - 5 * a.size and b.size > 0
    )
    return gaps.most_common(1)[0][0] if gaps else 0.0


def _close(prev: _Line, line: _Line, spacing: float) -> bool:
    """No wider gap between the two lines than between the lines of a paragraph, on one page, in one size."""
    return (
        _beside(prev, line) and abs(prev.size - line.size) <= 0.5 and prev.bottom - line.top < max(0.8, spacing + 0.5) * line.size
    )


# What a line break does not cut: Latin letters or digits (72.14%, 2025), after a character that a closing mark
# keeps company (规范》2020).
_UNBROKEN = re.compile(r"^(?:[^\W\d_][》」』”’）)】〕，。、；：！？]+)?[0-9A-Za-z.,%％/:+\-]+")


def _unbroken_lead(line: _Line) -> float:
    """The width of what a line opens with that a line break does not cut: the line before may end short by that
    much more than by the wrapping of one character."""
    m = _UNBROKEN.match(line.text)
    return sum(0.55 if c.isascii() else 1.0 for c in m.group()) * line.size if m else 0.0


def _continues(prev: _Line, line: _Line, margins: dict[int, tuple[float, float]], spacing: float = 0.0) -> bool:
    """This line carries on the paragraph of the line before it (each against the margins of its column): no wider
    gap between them than the document's spacing of lines (a paragraph gap is at least half a size more; with
    close lines, any gap of 0.8 size)."""
    # A line can end several characters short of the margin when the next word or number does not fit.
    short = margins[prev.column][1] - prev.x1 - _unbroken_lead(line)  # a number or Latin word is moved whole
    left = margins[line.column][0]
    if abs(prev.size - line.size) > 0.5 or line.x0 > left + 0.5 * line.size or short > 5 * prev.size:
        return False
    if SENTENCE_END.search(prev.text) and OPENS_ITEM.match(line.text):  # a full line that ended its paragraph
        return False
    return not _beside(prev, line) or prev.bottom - line.top < max(0.8, spacing + 0.5) * line.size


def _beside(a: _Line, b: _Line) -> bool:
    """On one page and in one column, where the gap between two lines measures the space between them."""
    return a.page == b.page and a.column == b.column
