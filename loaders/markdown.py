"""Markdown documents (.md): the file's text as it is, read through a view without the markup.

Policy documents are often kept as Markdown converted from the official page: a YAML front matter with the
converter's index data, `#` before the title and headings, `**` around emphasis, `[text](link)` links and `>`
before a converter's note. The spans index the Markdown file itself; the later stages read a view in which the
markup characters are deleted (loaders.repair's view, so every span maps back to the file). Front matter lines
that the clean stage knows as page metadata (文号, 发布日期, 标题 …) stay in the view for the metadata stage;
the converter's other index lines (层级, 状态, links) are set aside as dropped text with their reason, and so is a
quoted note before the first heading (the converter's word on where the text came from, which may cite a law
the document does not). A table a converter wrote in HTML (MinerU: <table><tr><td>…) reads as a web page's table:
its tags deleted, each cell a line closed by an inserted bar.
"""

from __future__ import annotations

import re

from .clean import classify_line
from .records import Line
from .repair import Repaired, view_without

_FENCE = re.compile(r"^---\s*$")
_FRONT_MATTER_MAX = 60  # lines: a front matter is a short block at the very top
_HEADING_MARK = re.compile(r"^\s{0,3}(#{1,6})\s+")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
# a quote marker; ">" right before a number is a comparison a converter left unescaped (a table cell >75)
_QUOTE_MARK = re.compile(r"^\s{0,3}(>(?![\d.])\s?)+")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TABLE_ROW = re.compile(r"^\s*\|(?=.*\|.*\|\s*$)\s*")  # | 1 | 城乡低保标准年度增速 | % |: the row's opening bar
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\n]*)\)")
_HTML_TABLE = re.compile(r"<table\b.*?</table\s*>", re.S | re.I)
_HTML_CELL = re.compile(r"<(td|th)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
_TAG_OR_BREAK = re.compile(r"<[^>]*>|\s*\n\s*")  # within a cell: its tags (<br>, <span>) and the lines it wraps over


def markdown_view(text: str, lines: list[Line]) -> Repaired:
    """The view of a Markdown text without its markup, and the front matter lines set aside."""
    deletions: list[tuple[int, int]] = []
    removed: list[tuple[str, int, int]] = []
    body = _front_matter(lines, deletions, removed)
    body = _note_before_title(body, deletions, removed)
    insertions: list[tuple[int, str]] = []
    tables = _html_tables(text, body[0].start if body else len(text), deletions, insertions)
    for line in body:
        if not any(a <= line.start < b for a, b in tables):
            deletions += _markup(line)
    return view_without(text, deletions, removed, insertions=tuple(insertions))


def _html_tables(
    text: str, start: int, deletions: list[tuple[int, int]], insertions: list[tuple[int, str]]
) -> list[tuple[int, int]]:
    """The HTML tables after start (a PDF converter writes its tables as <table><tr><td>…), read as a web page's
    are: a cell a line closed by " |", an empty cell a bare "|", the bar layout of loaders.tables. Every tag and
    the white space between cells are deleted, the bars and line breaks inserted. Returns the tables' ranges."""
    found = []
    for table in _HTML_TABLE.finditer(text, start):
        cells = list(_HTML_CELL.finditer(text, table.start(), table.end()))
        if not cells:
            continue
        found.append((table.start(), table.end()))
        kept = table.start()
        for n, cell in enumerate(cells):
            deletions.append((kept, cell.start(2)))  # the tags and white space before the cell's text
            inside = [m.span() for m in _TAG_OR_BREAK.finditer(text, cell.start(2), cell.end(2))]
            deletions += inside
            empty = not text[cell.start(2) : cell.end(2)].strip() or _only(text, cell.start(2), cell.end(2), inside)
            if n:
                insertions.append((cell.start(2), "\n"))
            insertions.append((cell.end(2), "|" if empty else " |"))
            kept = cell.end(2)
        deletions.append((kept, table.end()))
    return found


def _only(text: str, start: int, end: int, deleted: list[tuple[int, int]]) -> bool:
    """Nothing but the deleted ranges and white space between start and end."""
    rest = text[start:end]
    for a, b in sorted(deleted, reverse=True):
        rest = rest[: a - start] + rest[b - start :]
    return not rest.strip()


def _front_matter(lines: list[Line], deletions: list[tuple[int, int]], removed: list[tuple[str, int, int]]) -> list[Line]:
    """Handle a leading `---` … `---` block; return the lines after it (all lines when there is none)."""
    if not lines or not _FENCE.match(lines[0].text):
        return lines
    close = next((i for i in range(1, min(len(lines), _FRONT_MATTER_MAX)) if _FENCE.match(lines[i].text)), None)
    if close is None:
        return lines
    for n, line in enumerate(lines[: close + 1]):
        if not line.stripped:
            continue
        deletions.append((line.start, line.end))
        if n in (0, close):
            continue  # the fences
        if classify_line(line.stripped) == "metadata":
            deletions.pop()  # a fact the metadata stage reads (文号, 发布日期 …), as from a web page's table
            continue
        lead = len(line.text) - len(line.text.lstrip())
        removed.append(("Markdown front matter", line.start + lead, line.start + len(line.text.rstrip())))
    return lines[close + 1 :]


def _note_before_title(lines: list[Line], deletions: list[tuple[int, int]], removed: list[tuple[str, int, int]]) -> list[Line]:
    """Set aside `>` quoted lines that come before the first heading with nothing else before them: a note about the
    file (这份文本由…提取, 以官方链接为准), not the document, whose title is that heading. Return the lines after it."""
    first = next((n for n, line in enumerate(lines) if line.stripped), len(lines))
    end = first
    while end < len(lines) and (not lines[end].stripped or _QUOTE_MARK.match(lines[end].text)):
        end += 1
    if end == first or end == len(lines) or not _HEADING_MARK.match(lines[end].text):
        return lines
    for line in lines[first:end]:
        if line.stripped:
            deletions.append((line.start, line.end))
            lead = len(line.text) - len(line.text.lstrip())
            removed.append(("Markdown note before the title", line.start + lead, line.start + len(line.text.rstrip())))
    return lines[end:]


def _markup(line: Line) -> list[tuple[int, int]]:
    """The markup characters of one line, as ranges of the text to delete from the view."""
    s, at = line.text, line.start
    if _RULE.match(s) or _TABLE_RULE.match(s):
        return [(at, at + len(s))]
    out: list[tuple[int, int]] = []
    if m := _HEADING_MARK.match(s):
        out.append((at, at + m.end()))
        if c := _CLOSING_HASHES.search(s):
            out.append((at + c.start(), at + c.end()))
    elif m := _QUOTE_MARK.match(s):
        out.append((at, at + m.end()))
    elif m := _TABLE_ROW.match(s):
        out.append((at, at + m.end()))  # the cells read as a bar layout's: each closed by its bar
    out += [(at + m.start(), at + m.end()) for m in _IMAGE.finditer(s)]
    for m in _LINK.finditer(s):
        out.append((at + m.start(), at + m.start(1)))  # "["
        out.append((at + m.end(1), at + m.end()))  # "](link)"
    out += [(at + m.start(), at + m.end()) for m in _EMPHASIS.finditer(s)]
    return out
