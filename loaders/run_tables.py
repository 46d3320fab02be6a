"""Indicator tables whose cells a scrape ran together with nothing between them.

A page's text taken without the table's cell boundaries gives the header and every row as one run of characters
(分类序号指标名称单位2020年2025年指标属性…国际旅游1旅游业增加值占GDP比重%9.014.0[5]预期性2旅游总收入…); only an
empty cell may leave a space. What the run still tells is the row's frame: the serial numbers follow each other
(1, 2, … 19: 195G用户普及率 is row 19 of 5G用户普及率), each row ends with its attribute (预期性 / 约束性), a
category stands before the serial number that opens its group, the name runs up to the unit and the unit up to
the values. The values of a row are run together too (9.014.0 is 9.0 and 14.0, or 9.01 and 4.0): nothing tells
where one ends, so none is read, and the table says so in a warning.
"""

from __future__ import annotations

import re

from .records import Heading, Indicator, Line, Span
from .tables import UNIT

_HEADER_WORD = (
    r"序号|序號|分类|分類|类别|類別|指标名称|指標名稱|指标性质|指標性質|指标属性|指標屬性|指标|指標|单位|單位|属性|屬性|性质|性質"
    r"|\d{4}年?"
    r"|绝对值|絕對值|年均增速|年均增长|年均增長|目标值|目標值|基期值|现状值|現狀值|\[累计\]|［累计］|累计|累計"
)
# The header's words run together, three at least, with no row's attribute among them.
RUN_HEADER = re.compile(rf"^(?:{_HEADER_WORD}){{3,}}")
_ATTRIBUTE = re.compile(r"(?:预期|預期|约束|約束)性")
_VALUES = re.compile(r"[\d.．%％\[\]［］—\-－～~\s]*$")
_PERCENT = ("%", "％")
_NOTE = re.compile(r"^\s*注[:：]")
_MAX_UNIT = 4
# A row without a serial number: its name, its unit in brackets, its values run together, up to its attribute.
_BRACKETED_ROW = re.compile(r"(?P<name>[^\d（）()]{2,40}?)[（(](?P<unit>[^（）()\d]{1,8})[）)](?P<values>[\d.．%％\-—～~\s]*)$")
_UNIT_THEN_ATTRIBUTE = re.compile(r"[（(][^（）()\d]{1,8}[）)][\d.．%％\-—～~\s]*(?:预期|預期|约束|約束)性")
# A category's cell run into the first name of its group (·服务效能有效认证证书总数): nothing tells where it ends.
_CATEGORY_MARK = ("·", "•", "●", "▪")


def is_run_together_header(s: str) -> bool:
    """A line opening with a table header whose cells were run together, and holding rows after it: its rows are
    numbered (序号) or their names are (指标名称) and carry their units in brackets."""
    m = RUN_HEADER.match(s.replace(" ", ""))
    if m is None or len(_ATTRIBUTE.findall(s)) < 2:
        return False
    return bool(re.search(r"序号|序號", m.group())) or bool(
        re.search(r"指标名称|指標名稱", m.group()) and _UNIT_THEN_ATTRIBUTE.search(s)
    )


def is_run_together_row_line(s: str) -> bool:
    """A line of such a table's rows: no sentence in it but a note after its last row (注：…)."""
    body = s[: s.find("注：")] if "注：" in s else s
    return not re.search(r"[，。；]", body)


def run_together_rows(text: str, heading: Heading, lines: list[Line]) -> tuple[list[Indicator], list[str]] | None:
    """The rows of a table run together, or None when its serial numbers and attributes do not frame them."""
    filled = [ln for ln in lines if ln.stripped]
    if not filled or not is_run_together_header(filled[0].stripped):
        return None
    start, end = filled[0].start, filled[-1].end
    body = text[start:end]
    header = RUN_HEADER.match(body)
    assert header is not None  # checked above on the same characters, spaces aside
    if not re.search(r"序号|序號", header.group()):
        return _unnumbered_rows(text, start, body, header.end(), heading)
    pos, category = header.end(), ""
    rows: list[Indicator] = []
    runs: list[str] = []
    for attribute in _ATTRIBUTE.finditer(body, pos):
        found = _row(text, start, body, pos, attribute, len(rows) + 1, category)
        if found is None:
            return None
        row, values = found
        row.table = heading
        rows.append(row)
        runs.append(values)
        category, pos = row.category, attribute.end()
    if not rows or (body[pos:].strip() and not _NOTE.match(body[pos:])):
        return None
    name = heading.number or heading.title
    problem = f"the values of its {len(rows)} rows run together with nothing between the columns ({runs[0]!r} …): not read"
    return rows, [f"table {name}: {problem}"]


def _unnumbered_rows(text: str, start: int, body: str, pos: int, heading: Heading) -> tuple[list[Indicator], list[str]] | None:
    """The rows of a table whose rows have no serial number, each name carrying its unit in brackets: each row ends
    with its attribute. A row a category's cell runs into (·服务效能有效认证证书总数（万张）…) is not read: where the
    category ends and the name begins, nothing says."""
    rows: list[Indicator] = []
    runs: list[str] = []
    merged: list[str] = []
    for attribute in _ATTRIBUTE.finditer(body, pos):
        piece = body[pos : attribute.start()]
        m = _BRACKETED_ROW.fullmatch(piece.strip())
        if m is None:
            return None
        lead = pos + len(piece) - len(piece.lstrip())
        pos = attribute.end()
        if m.group("name").startswith(_CATEGORY_MARK):
            merged.append(m.group("name"))
            continue
        name_start = start + lead
        rows.append(
            Indicator(
                ordinal=len(rows) + 1,
                number="",
                name=m.group("name"),
                name_span=Span.of(text, name_start, name_start + len(m.group("name"))),
                span=Span.of(text, name_start, start + attribute.end()),
                category="",
                unit=m.group("unit"),
                attribute=attribute.group(),
                note="",
                values=[],
                table=heading,
            )
        )
        runs.append(" ".join(m.group("values").split()))
    if not rows or (body[pos:].strip() and not _NOTE.match(body[pos:])):
        return None
    name = heading.number or heading.title
    problem = f"the values of its {len(rows)} rows run together with nothing between the columns ({runs[0]!r} …): not read"
    warnings = [f"table {name}: {problem}"]
    if merged:
        warnings.append(f"table {name}: {len(merged)} rows whose category runs into their name ({merged[0]!r} …): not read")
    return rows, warnings


def _row(
    text: str, start: int, body: str, pos: int, attribute: re.Match[str], serial: int, category: str
) -> tuple[Indicator, str] | None:
    """One row from pos to its attribute ([category] serial name [unit] values), and its run of values."""
    piece = body[pos : attribute.start()]
    number = str(serial)
    at = _serial_at(piece, number)
    if at < 0 or re.search(r"\d", piece[:at]):
        return None
    if piece[:at].strip():
        category = re.sub(r"\s+", "", piece[:at])
    rest_at = at + len(number)
    values = _VALUES.search(piece, rest_at)
    assert values is not None  # the pattern matches the empty string at the end
    left_end, written = values.start(), values.group()
    unit = ""
    if written.lstrip().startswith(_PERCENT):
        unit, written = written.lstrip()[0], written.lstrip()[1:]
    else:
        unit = _unit_at_end(piece[rest_at:left_end])
        left_end -= len(unit)
    name = piece[rest_at:left_end].strip()
    if not name:
        return None
    name_start = start + pos + rest_at + piece[rest_at:left_end].index(name)
    row = Indicator(
        ordinal=serial,
        number=number,
        name=name,
        name_span=Span.of(text, name_start, name_start + len(name)),
        span=Span.of(text, start + pos + at, start + attribute.end()),
        category=category,
        unit=unit,
        attribute=attribute.group(),
        note="",
        values=[],
    )
    return row, " ".join(written.split())


def _serial_at(piece: str, number: str) -> int:
    """Where the row's serial number stands: its first writing not inside a longer number."""
    for m in re.finditer(re.escape(number), piece):
        if not piece[m.start() - 1 : m.start()].isdigit():
            return m.start()
    return -1


def _unit_at_end(left: str) -> str:
    """The unit a name runs into (旅游总收入亿元, 经平潭口岸往来两岸人数万人次), the longest that fits, or ""."""
    for size in range(min(_MAX_UNIT, len(left) - 1), 0, -1):
        if UNIT.match(left[-size:]):
            return left[-size:]
    return ""
