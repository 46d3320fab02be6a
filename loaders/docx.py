"""Word (.docx) files -> text lines the segmenter reads: paragraphs and headings in order, tables as bar-layout cells.

Each paragraph (a heading, a list item or body text) is one line, separated from the next by a blank line;
a Word list's automatic number (1. / 一、 / （一） / 第一章), which is not part of the paragraph's text, is
written before it as Word shows it. A table becomes one cell per line ending in " |" (an empty cell a bare
"|"), the bar layout of loaders.tables, with a merged cell read once; a table that only lays text out (each row
holds one filled cell at most: a signature set right) is read as the paragraphs it holds, as a web page's is.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator

from .errors import LoadError
from .repair import hard_wrapped


def docx_to_text(data: bytes, name: str) -> str:
    """The document body as text lines."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(name, f"not a readable Word (.docx) file: {exc}") from exc
    numbering = _Numbering(document)
    blocks: list[str] = []
    for element in _body_elements(document.element.body):
        if element.tag == _W + "tbl":
            rows = _table_rows(Table(element, document))
            if all(sum(1 for cell in row if cell) <= 1 for row in rows):
                blocks.extend(line for row in rows for cell in row for line in cell)  # a table that lays out text
            elif cells := [f"{''.join(cell)} |" if cell else "|" for row in rows for cell in row]:
                blocks.append("\n".join(cells))
            continue
        blocks.extend(_text_boxes(element))
        lines = [line.strip() for line in _text(element).splitlines() if line.strip()]
        if lines and (label := numbering.label(Paragraph(element, document))):
            lines[0] = label + lines[0]
        blocks.extend(lines)
    if not blocks:
        raise LoadError(name, "the Word file has no text")
    return ("\n" if hard_wrapped(blocks) else "\n\n").join(blocks) + "\n"


# Word wraps paragraphs, and runs, in content controls (w:sdt), tracked insertions (w:ins, w:moveTo), smart tags
# (dates and places in files first written by Word 2003) and custom XML; python-docx reads none of them, so their
# text would be lost. Deleted text (w:del, w:moveFrom) is not the document's, and a drawing's fallback (mc:Fallback)
# repeats its text box for older readers.
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WRAPPERS = {_W + tag for tag in ("sdt", "sdtContent", "ins", "moveTo", "customXml", "smartTag")}
_NOT_TEXT = {_W + "del", _W + "moveFrom", _W + "txbxContent", _W + "instrText", _W + "delText"} | {
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
}
_CHARACTERS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _body_elements(container) -> Iterator:
    """The paragraphs (w:p) and tables (w:tbl) of the body in order, those inside wrappers included."""
    for child in container.iterchildren():
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _body_elements(child)


def _text(element) -> str:
    """The text Word shows of a paragraph (or a cell): its runs wherever they are wrapped, without deleted text, field
    codes or text boxes (read as paragraphs of their own, _text_boxes)."""
    parts: list[str] = []
    for child in element.iterchildren():
        tag = child.tag
        if tag in _NOT_TEXT or not isinstance(tag, str):
            continue
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag == _W + "br":
            parts.append("" if child.get(_W + "type") in ("page", "column") else "\n")
        elif tag in _CHARACTERS:
            parts.append(_CHARACTERS[tag])
        else:
            parts.append(_text(child) + ("\n" if tag == _W + "p" else ""))
    return "".join(parts)


def _text_boxes(paragraph) -> list[str]:
    """The lines of the text boxes anchored in a paragraph (a red header, a title set in a box), each once."""
    lines = []
    for box in paragraph.iter(_W + "txbxContent"):
        nested = any(a.tag == _W + "txbxContent" for a in box.iterancestors())  # read with the box around it
        if _shown(box, paragraph) and not nested:
            lines += [line.strip() for p in box.iter(_W + "p") for line in _text(p).splitlines() if line.strip()]
    return lines


def _shown(element, within) -> bool:
    """Whether an element inside within is shown: not deleted, not a drawing's fallback."""
    for ancestor in element.iterancestors():
        if ancestor is within:
            return True
        if ancestor.tag in _NOT_TEXT and ancestor.tag != _W + "txbxContent":
            return False
    return True


def _table_rows(table) -> list[list[list[str]]]:
    """Each row's cells, each the texts of its paragraphs; a cell merged over several grid positions is read once.
    A table whose rows hold one filled cell at most lays text out (a signature and date set right in a table
    without borders): its cells are read as paragraphs; any other is data, read into the bar layout."""
    seen = set()  # the cells' XML elements (kept alive, so compared by identity)
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            paragraphs = (p for p in cell._tc.iter(_W + "p") if _shown(p, cell._tc))
            cells.append([text.replace("|", "｜") for p in paragraphs if (text := _text(p).strip())])
        rows.append(cells)
    return rows


_CN_DIGITS = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 14 -> 十四, 40 -> 四十, as Word's chineseCounting writes list numbers."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(n)


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    "chineseCounting": _chinese,
    "chineseCountingThousand": _chinese,
    "taiwaneseCounting": _chinese,
    "japaneseCounting": _chinese,
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(d)] for d in str(n)),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
}


class _Numbering:
    """Word's automatic list numbers, counted through the document as Word counts them."""

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self.levels: dict[int, dict[int, tuple[str, str, int, str]]] = {}  # numId -> ilvl -> (format, text, start, suffix)
        self.counters: dict[int | None, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return  # no numbering part: no automatic numbers

        def val(el, tag: str, default: str) -> str:
            child = el.find(qn(tag))
            return child.get(qn("w:val"), default) if child is not None else default

        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iterfind(qn("w:abstractNum"))}
        for num in root.iterfind(qn("w:num")):
            definition = abstract.get(val(num, "w:abstractNumId", ""))
            if definition is None or not (num.get(qn("w:numId")) or "").isdigit():
                continue
            self.levels[int(num.get(qn("w:numId")))] = {
                int(lvl.get(qn("w:ilvl"), "0")): (
                    val(lvl, "w:numFmt", "decimal"),
                    val(lvl, "w:lvlText", ""),
                    int(val(lvl, "w:start", "1")),
                    val(lvl, "w:suff", "tab"),
                )
                for lvl in definition.iterfind(qn("w:lvl"))
                if lvl.get(qn("w:ilvl"), "0").isdigit()
            }

    def label(self, paragraph) -> str:
        """The number Word shows before this paragraph (with its separator), or ""."""
        num_id, ilvl = _list_level(paragraph)
        levels = self.levels.get(num_id or 0, {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else levels[ilvl][2]
        counters[ilvl + 1 :] = [0] * (len(counters) - ilvl - 1)
        fmt, text, _, suffix = levels[ilvl]
        if fmt in ("bullet", "none") or not text:
            return ""

        def number(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            level_fmt, _, start, _ = levels.get(level, ("decimal", "", 1, ""))
            return _FORMATS.get(level_fmt, str)(counters[level] or start)

        return re.sub(r"%([1-9])", number, text) + ("" if suffix == "nothing" else " ")


def _list_level(paragraph) -> tuple[int | None, int]:
    """The paragraph's list (numId) and level, set on it or inherited from its style."""
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    for ppr in sources:
        if ppr is not None and ppr.numPr is not None and ppr.numPr.numId is not None:
            ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
            return ppr.numPr.numId.val, ilvl
    return None, 0
