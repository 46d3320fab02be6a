"""Table parser: the lines of a flattened indicator table -> cells -> indicator rows.

Scraping flattens a table in one of three ways, told apart by the lines themselves:
  bar      one cell per line ending in " |"; a bare "|" is an empty cell;
  blank    cells separated by blank lines; a cell wrapped over consecutive lines is one cell;
  spaced   cells separated by lines holding only spaces; two separators in a row enclose an empty cell.
Rows are then read by the cells' kinds (serial number, name, unit, value, attribute), with the value
columns taken from the header, never by per-document rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numerals import FIVE_YEAR_NAME, five_year_period
from .records import Cell, Heading, Indicator, Line, Span, Value, line_at

SERIAL = re.compile(r"^\d{1,3}$")
ATTRIBUTE = re.compile(r"^(预期|預期|约束|約束)(性|值)$")
STATUS = re.compile(r"^(完成|未完成|基本完成|超额完成|超額完成)$")
GROUP = re.compile(r"^(城市|农村|農村|城镇|城鎮|集中|分散|城区|城區|乡村|鄉村)$")
GROUP_IN_CELL = re.compile(r"(城市|农村|農村|城镇|城鎮|集中|分散)\s*([≥≤><＞＜]?\s*\d+(?:\.\d+)?%?)")
DASH = re.compile(r"^[-—－–/⸺⸻]+$")  # ⸺: the two-em dash a PDF's font may write for ——
NUMBER = re.compile(
    r"^(?P<cmp>≥|≤|>|<|＞|＜)?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|‰)?\s*(?P<qual>左右|以上|以下|以内)?"
    r"\s*(?:[(（](?P<alt>[^()（）]*)[)）])?$"
)
# a range of values (〔3000—4000〕, 25—27): its two ends
RANGE = re.compile(r"^(?P<lo>\d+(?:\.\d+)?)\s*[—–\-~～至到]\s*(?P<hi>\d+(?:\.\d+)?)\s*(?P<unit>%|‰)?$")
# a value in 〔〕 (or []) is a total over the plan's years (注：〔 〕内为5年累计数): the number or range inside is the value
TOTAL = re.compile(r"^[〔\[［](?P<inner>[^〔〕\[\]［］]+)[〕\]］]$")
_QUALIFIED = {"以上": "≥", "以下": "≤", "以内": "≤", "左右": ""}  # 55左右: about 55, no comparator (as prose targets)
TEXT_VALUE = re.compile(r"^(不低于|不高于|不少于|不超过|不低於|不高於|不少於|不超過|高于|低于|达到|達到|保持)")
UNIT = re.compile(
    r"^(%|％|‰|倍数?|[万萬]?平方米|[万萬]?平方公里|公里|[万萬]?亩|[万萬]?畝|公顷|公頃|[万萬]?吨|[万萬]?噸|亿元|億元|万元|萬元"
    r"|元(/[^\d]{1,6})?|万?[人个個张張家所处處间間座户戶名次辆輛床条條项項套台]"
    r"|万张|萬張|万个|萬個|万人|萬人|[万萬]?人次|[亿億万萬]?美元|[个個人张張]/[万萬]?人"
    # a quantity per another (万元/人, 件/万人, 平方米/人, 微克/立方米, 吨/万元)
    r"|(?:[万萬亿億]?元|件|人|个|個|张|張|平方米|立方米|吨|噸|千瓦时|千瓦時|微克|毫克|克|公里|小时|小時)"
    r"/(?:[万萬亿億]?(?:元|人|户|戶)|平方米|立方米|升|人次|年|小时|小時))$"
)
# the unit a name ends with in brackets, one bracket inside it kept (数量（万套（间））: 万套（间）, housing in sets or rooms)
UNIT_IN_NAME = re.compile(r"[(（]((?:[^()（）\d]|[(（][^()（）\d]{1,3}[)）]){1,8})[)）]?$")
SCALES = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}

_HEADER_WORDS = (
    r"序号|序號|分类|分類|类别|類別|主要指标|主要指標|主要发展指标|主要發展指標|指标名称|指標名稱|名称|名稱|指标|指標"
    r"|单位|單位|属性|屬性|指标属性|指標屬性|类型|類型|指标类型|指標類型|备注|備註|数值|數值|目标值|目標值|完成值"
    r"|实际值|實際值|基期值|预期目标|預期目標|目标|目標|完成情况|完成情況|年均增长%?|年均增長%?|[一二三][级級]指[标標]"
)
# a column headed by a five-year plan's number (“十五五”目标): its target for the plan's last year
_FIVE_YEAR_HEAD = r"[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|時期|规划|規劃)?"
HEADER_WORD = re.compile(rf"\d{{4}}年?|{_FIVE_YEAR_HEAD}|{_HEADER_WORDS}")
HEADER_CELL = re.compile(rf"^(?:\d{{4}}年?|{_FIVE_YEAR_HEAD}|{_HEADER_WORDS})+$")
_TARGET_WORDS = ("目标值", "目標值", "预期目标", "預期目標", "目标", "目標")
_ACTUAL_WORDS = ("实际值", "實際值", "完成值", "基期值", "数值", "數值")  # 基期值: the base year's value


@dataclass(frozen=True)
class Column:
    """A value column of the table: its year (None for growth/status) and kind."""

    year: int | None
    kind: str  # actual | target | growth | status


@dataclass(frozen=True)
class Header:
    columns: list[Column]
    has_unit: bool
    has_attribute: bool
    category_first: bool  # the category cell comes before the serial number
    attribute_first: bool = False  # the attribute column comes before the value columns (单位 | 属性 | 目标)
    name_levels: int = 1  # 一级指标 | 二级指标: the row's name is its last level, the levels before it group rows


def tokenize(text: str, lines: list[Line]) -> list[Cell]:
    """Cells of a flattened table, in order, each with the span of its text."""
    nonblank = [ln for ln in lines if ln.stripped]
    if not nonblank:
        return []
    if sum(ln.stripped.endswith("|") for ln in nonblank) * 2 >= len(nonblank):
        return _bar_cells(text, nonblank)
    if _header_a_cell_a_line(lines):
        return _line_cells(text, lines)
    if _header_runs_into_rows(lines):
        return _line_cells(text, nonblank)
    if any(ln.text and not ln.text.strip(" \t") for ln in lines):
        return _grouped_cells(text, lines, separator=lambda ln: bool(ln.text) and not ln.text.strip(" \t"))
    return _grouped_cells(text, lines, separator=lambda ln: not ln.text.strip(" \t"))


def _bar_cells(text: str, lines: list[Line]) -> list[Cell]:
    cells: list[Cell] = []
    for line in lines:
        pieces = line.text.split("|")
        if line.text.rstrip().endswith("|"):
            pieces = pieces[:-1]
        offset = line.start
        for piece in pieces:
            body = piece.strip()
            if body:
                start = offset + piece.index(body)
                cells.append(Cell(body, Span.of(text, start, start + len(body))))
            else:
                cells.append(Cell("", None))
            offset += len(piece) + 1
    return cells


def _header_a_cell_a_line(lines: list[Line]) -> bool:
    """A header written one cell a line with no blank line between (类别 / 序号 / 一级指标 / … / 目标值), ended by a
    blank line: the table gives each cell a line, a blank line being an empty cell or the end of a row. (A header
    that goes on after the blank line was cut by a page's end, not ended.)"""
    cells = [re.sub(r"[\s\u00a0\u3000]", "", line.stripped) for line in lines]
    first = next((n for n, cell in enumerate(cells) if cell), len(cells))
    end = next((n for n in range(first, len(cells)) if not cells[n]), len(cells))
    after = next((cell for cell in cells[end:] if cell), "")
    block = cells[first:end]
    return len(block) >= 4 and all(HEADER_CELL.match(cell) for cell in block) and not HEADER_CELL.match(after)


def _header_runs_into_rows(lines: list[Line]) -> bool:
    """A header of a cell a line (序号 / 主要指标 / 单位 / 2025年 / 目标值 …), most of its cells running into the next
    with no blank line between: the table gives every cell a line and no blank line a meaning (text from a PDF, a
    crawler's text), so a blank line inside it is a page's end or a gap before a row, not an empty cell. (A header
    whose cells are set apart by blank lines is a table of cells set apart so.)"""
    joined = parted = 0
    blank_before = False
    seen = False
    for line in lines:
        if not line.stripped:
            blank_before = seen
            continue
        if not HEADER_CELL.match(re.sub(r"[\s\u00a0\u3000]", "", line.stripped)):
            return joined >= 3 and joined > parted
        if seen:
            parted, joined = parted + blank_before, joined + (not blank_before)
        seen, blank_before = True, False
    return False


def _line_cells(text: str, lines: list[Line]) -> list[Cell]:
    """Each line a cell, a blank one an empty cell (its row's reader tells an empty value from a row's end)."""
    cells: list[Cell] = []
    for line in lines:
        if body := line.text.strip():
            start = line.start + len(line.text) - len(line.text.lstrip())
            cells.append(Cell(body, Span.of(text, start, start + len(body))))
        else:
            cells.append(Cell("", None))
    return cells


def _grouped_cells(text: str, lines: list[Line], separator) -> list[Cell]:
    """Cells as runs of content lines between separator lines; blank lines inside a run are ignored."""
    cells: list[Cell] = []
    run: list[Line] = []
    spaced = separator(Line(0, 0, "  "))

    def flush() -> None:
        content = [ln for ln in run if ln.text.strip()]
        if content:
            first, last = content[0], content[-1]
            start = first.start + len(first.text) - len(first.text.lstrip())
            end = last.start + len(last.text.rstrip())
            joined = "".join(ln.text.strip() for ln in content)
            cells.append(Cell(joined, Span.of(text, start, end) if joined else None))
        elif spaced or run:
            cells.append(Cell("", None))  # an explicit empty cell (or one holding only a no-break space)
        run.clear()

    for line in lines:
        if separator(line):
            flush()
        elif line.text.strip(" \t") or not spaced:
            run.append(line)
    flush()
    return [c for c in cells if c.text or spaced]


def norm(cell: Cell) -> str:
    return re.sub(r"[\s\u00a0\u3000]", "", cell.text)


def read_header(cells: list[Cell]) -> tuple[Header, int]:
    """The table's header and the index of its first data cell."""
    i = 0
    while i < len(cells) and (not norm(cells[i]) or HEADER_CELL.match(norm(cells[i]))):
        i += 1
    tokens = [w for c in cells[:i] for w in HEADER_WORD.findall(norm(c))]
    columns: list[Column] = []
    has_unit = has_attribute = attribute_first = False
    serial_at = category_at = -1
    levels = 0
    k = 0
    while k < len(tokens):
        t = tokens[k]
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        if m := re.match(r"^(\d{4})年?$", t):
            rest = ""
            if nxt in _TARGET_WORDS + _ACTUAL_WORDS:
                rest, k = nxt, k + 1
            columns.append(Column(int(m.group(1)), _kind(rest)))
        elif five := FIVE_YEAR_NAME.search(t):  # “十四五”完成值, “十五五”目标: the value of the plan's last year
            kind = "actual" if nxt in _ACTUAL_WORDS else "target"
            if nxt in _TARGET_WORDS + _ACTUAL_WORDS:
                k += 1
            columns.append(Column(five_year_period(five.group())[1], kind))
        elif t in _TARGET_WORDS and not columns:
            columns.append(Column(None, "target"))  # 目标 alone: a target whose year the header does not state
        elif t.startswith(("年均增长", "年均增長")):
            columns.append(Column(None, "growth"))
        elif t in ("完成情况", "完成情況"):
            columns.append(Column(None, "status"))
        elif t in ("单位", "單位"):
            has_unit = True
        elif t in ("指标", "指標") and nxt in ("属性", "屬性", "类型", "類型"):
            has_attribute, k = True, k + 1
            attribute_first = not columns
        elif "属性" in t or "屬性" in t or "类型" in t or "類型" in t:
            has_attribute = True
            attribute_first = not columns
        elif re.fullmatch(r"[一二三][级級]指[标標]", t):
            levels += 1
        elif t in ("序号", "序號"):
            serial_at = k
        elif t in ("分类", "分類", "类别", "類別"):
            category_at = k
        k += 1
    _settle_bare_years(columns)
    category_first = 0 <= category_at < serial_at
    return Header(columns, has_unit, has_attribute, category_first, attribute_first and bool(columns), max(levels, 1)), i


def _kind(word: str) -> str:
    if word in _TARGET_WORDS:
        return "target"
    if word in _ACTUAL_WORDS:
        return "actual"
    return ""


def _settle_bare_years(columns: list[Column]) -> None:
    """A year column with no kind word is an actual value if a later year follows, else the target."""
    years = [c.year for c in columns if c.year]
    for n, c in enumerate(columns):
        if c.year and not c.kind:
            columns[n] = Column(c.year, "actual" if c.year < max(years) else "target")


def kind_of(cell: Cell) -> str:
    """empty | serial | attribute | status | group | value | unit | text"""
    t = norm(cell)
    if not t:
        return "empty"
    if SERIAL.match(t):
        return "serial"
    if ATTRIBUTE.match(t):
        return "attribute"
    if STATUS.match(t):
        return "status"
    if GROUP.match(t):
        return "group"
    if DASH.match(t) or _numeric(t) or TEXT_VALUE.match(t) or GROUP_IN_CELL.search(t):
        return "value"
    if UNIT.match(t):
        return "unit"
    return "text"


def _inside_total(t: str) -> str:
    """A cell's text without the 〔〕 that mark a total over the plan's years."""
    total = TOTAL.match(t)
    return total.group("inner") if total else t


def _numeric(t: str) -> bool:
    """A number (≥ 95%, 55左右) or a range (25—27), bare or as a total in 〔〕."""
    inner = _inside_total(t)
    return bool(NUMBER.match(inner) or RANGE.match(inner))


def lists_things(text: str, lines: list[Line]) -> bool:
    """A table whose header names neither a value column (a year, 目标, 完成值 …) nor a unit: it lists things (序号 |
    支付单位名称 | 征管局, an attachment's list of companies), not indicators."""
    header, _ = read_header(tokenize(text, lines))
    return not header.columns and not header.has_unit


def parse_table(text: str, heading: Heading, lines: list[Line]) -> tuple[list[Indicator], list[str]]:
    """Indicator rows of one table, and warnings about cells that fit no row."""
    cells = tokenize(text, lines)
    header, start = read_header(cells)
    reader = _RowReader(text, cells, header, heading, wrapped_lines=_header_runs_into_rows(lines))
    return reader.read(start), reader.warnings


class _RowReader:
    """Walks the data cells once, row by row."""

    def __init__(self, text: str, cells: list[Cell], header: Header, heading: Heading, wrapped_lines: bool = False) -> None:
        self.text, self.cells, self.header, self.heading = text, cells, header, heading
        self.wrapped_lines = wrapped_lines  # a cell a line, so a cell too wide for its column takes several
        self.kinds = [kind_of(c) for c in cells]
        self.warnings: list[str] = []
        self.level_of = ("", "")  # the category and the level above of the last row of a table of levels

    def read(self, pos: int) -> list[Indicator]:
        rows: list[Indicator] = []
        serial_rows = self._next(pos, skip=("empty", "text")) is not None and any(
            self.kinds[j] == "serial" and norm(self.cells[j]) == "1" for j in range(pos, min(pos + 4, len(self.cells)))
        )
        category = ""
        while pos < len(self.cells):
            kind = self.kinds[pos]
            if kind == "empty":
                pos += 1
            elif (
                serial_rows
                and kind == "serial"
                and norm(self.cells[pos]) == str(len(rows) + 1)
                and self._next(pos + 1) is not None
            ):  # a serial number ending the table starts no row
                row, pos = self._row(pos, len(rows) + 1, category)
                category = row.category
                rows.append(row)
            elif serial_rows and kind == "text":
                category = self.cells[pos].text  # a category cell standing before the serial number
                pos += 1
            elif not serial_rows and kind == "text":
                row, pos = self._row(pos, len(rows) + 1, category)
                rows.append(row)
            else:
                self._warn(pos, "a cell that belongs to no row")
                pos += 1
        return rows

    def _next(self, pos: int, skip=("empty",)) -> int | None:
        while pos < len(self.cells) and self.kinds[pos] in skip:
            pos += 1
        return pos if pos < len(self.cells) else None

    def _warn(self, pos: int, problem: str) -> None:
        cell = self.cells[pos]
        line = line_at(self.text, cell.span.start) if cell.span else 0
        self.warnings.append(f"table {self.heading.number or self.heading.title}: line {line}: {problem}: {cell.text!r}")

    def _row(self, pos: int, ordinal: int, category: str) -> tuple[Indicator, int]:
        first = pos
        number = ""
        if self.kinds[pos] == "serial":
            number = self.cells[pos].text
            pos += 1
        pos = self._next(pos) or pos
        after = self._next(pos + 1)
        if self.header.name_levels > 1:
            category, pos = self._levels(pos, category)
        elif not self.header.category_first and self.kinds[pos] == "text" and after is not None and self.kinds[after] == "text":
            category, pos = self.cells[pos].text, after
        name_cell = self.cells[pos]
        pos += 1
        unit, pos = self._unit(pos, name_cell)
        attribute = ""
        if self.header.attribute_first and pos < len(self.cells) and self.kinds[pos] == "attribute":
            attribute = self.cells[pos].text
            values, pos = self._stated_values(pos + 1, ordinal + 1)
        else:
            values, pos = self._values(pos, ordinal + 1)
        if not attribute and pos < len(self.cells) and self.kinds[pos] == "attribute":
            attribute = self.cells[pos].text
            pos += 1
        note_cells, pos = self._notes(pos, ordinal + 1) if self.header.has_attribute else ([], pos)
        last = max((j for j in range(first, pos) if self.cells[j].span), default=first)
        first_span, last_span, name_span = self.cells[first].span, self.cells[last].span, name_cell.span
        assert first_span and last_span and name_span  # a row starts with, and is named by, cells holding text
        span = Span.of(self.text, first_span.start, last_span.end)
        indicator = Indicator(
            ordinal=ordinal,
            number=number,
            name=name_cell.text,
            name_span=name_span,
            span=span,
            category=category,
            unit=unit,
            attribute=attribute,
            note="".join(c.text for c in note_cells),
            values=self._assign(values, unit),
            table=self.heading,
        )
        return indicator, pos

    def _levels(self, pos: int, category: str) -> tuple[str, int]:
        """A row of a table of levels (一级指标 | 二级指标): its name cell, the last level it states, and its category,
        the level above (a row that leaves it out, as a merged cell does, is under the row before's); the table's
        类别 when no level above is stated."""
        names = [pos]
        while len(names) < self.header.name_levels:
            nxt = self._next(names[-1] + 1)
            if nxt is None or self.kinds[nxt] != "text":
                break
            names.append(nxt)
        if self.level_of[0] != category:
            self.level_of = (category, "")
        if len(names) > 1:
            self.level_of = (category, self.cells[names[-2]].text)
        return self.level_of[1] or category, names[-1]

    def _unit(self, pos: int, name_cell: Cell) -> tuple[str, int]:
        if self.header.has_unit and pos < len(self.cells):
            if self.kinds[pos] == "unit":
                return self.cells[pos].text, pos + 1
            if self.kinds[pos] == "empty":
                return "", pos + 1
        m = UNIT_IN_NAME.search(name_cell.text)
        return (m.group(1) if m else ""), pos

    def _values(self, pos: int, next_serial: int) -> tuple[list[Cell | str], int]:
        """Value cells up to the attribute (or, without one, as many as the header has columns)."""
        width = len(self.header.columns)
        taken: list[Cell | str] = []
        if self.header.has_attribute:
            while pos < len(self.cells) and self.kinds[pos] in ("value", "serial", "empty", "group", "text", "unit"):
                if taken and self._starts_row(pos, next_serial):
                    break
                cell = self.cells[pos]
                if self._continues_worded_value(taken, pos):
                    taken[-1] = self._joined(taken[-1], cell)
                else:
                    taken.append(cell.text if self.kinds[pos] == "group" else cell)
                pos += 1
            return taken, pos
        while pos < len(self.cells):
            if self.kinds[pos] == "group":
                taken.append(self.cells[pos].text)
                pos += 1
            for _ in range(width):
                if pos < len(self.cells) and self.kinds[pos] in ("value", "serial", "empty", "status"):
                    taken.append(self.cells[pos])
                    pos += 1
            if pos >= len(self.cells) or self.kinds[pos] != "group":
                return taken, pos
        return taken, pos

    def _continues_worded_value(self, taken: list[Cell | str], pos: int) -> bool:
        """In a table of a cell a line, text after a worded value (不低于居 / 民上年度 / 人均消费 / 支出增速) and before
        the attribute is that value wrapped over the lines of its cell."""
        last = taken[-1] if taken else None
        return self.wrapped_lines and self.kinds[pos] == "text" and isinstance(last, Cell) and bool(TEXT_VALUE.match(norm(last)))

    def _joined(self, first: Cell | str, more: Cell) -> Cell:
        assert isinstance(first, Cell) and first.span and more.span  # cells holding text
        return Cell(first.text + more.text, Span.of(self.text, first.span.start, more.span.end))

    def _stated_values(self, pos: int, next_serial: int) -> tuple[list[Cell | str], int]:
        """After the attribute (单位 | 属性 | 目标), one cell for each value column, whatever it says (55左右,
        与全市保持同步, 完成市下达目标): the header tells where a value is, not its wording."""
        taken: list[Cell | str] = []
        while pos < len(self.cells) and len(taken) < len(self.header.columns) and not self._starts_row(pos, next_serial):
            taken.append(self.cells[pos])
            pos += 1
        return taken, pos

    def _starts_row(self, pos: int, serial: int) -> bool:
        """A serial number followed by a name: the next row begins here (its attribute was missing)."""
        if self.kinds[pos] != "serial" or norm(self.cells[pos]) != str(serial):
            return False
        nxt = self._next(pos + 1)
        return nxt is not None and self.kinds[nxt] == "text"

    def _notes(self, pos: int, next_serial: int) -> tuple[list[Cell], int]:
        """Cells after the attribute up to the next row; a category before the next serial is not a note."""
        notes: list[Cell] = []
        while pos < len(self.cells) and self.kinds[pos] in ("text", "empty"):
            if (
                self.header.category_first
                and self.kinds[pos] == "text"
                and pos + 1 < len(self.cells)
                and self.kinds[pos + 1] == "serial"
                and norm(self.cells[pos + 1]) == str(next_serial)
            ):
                break  # a category cell directly before the next serial number
            if self.kinds[pos] == "text":
                notes.append(self.cells[pos])
            pos += 1
        return notes, pos

    def _assign(self, taken: list[Cell | str], unit: str) -> list[Value]:
        """Give each value cell its column: by group label, by repeated groups, or right-aligned."""
        columns = self.header.columns
        groups: list[tuple[str, list[Cell]]] = []
        for item in taken:
            if isinstance(item, str):
                groups.append((item, []))
            else:
                if not groups:
                    groups.append(("", []))
                groups[-1][1].append(item)
        if len(groups) == 1 and not groups[0][0] and columns and len(groups[0][1]) > len(columns):
            cells = groups[0][1]
            if len(cells) % len(columns) == 0:
                groups = [
                    (str(n + 1), cells[n * len(columns) : (n + 1) * len(columns)]) for n in range(len(cells) // len(columns))
                ]
        values: list[Value] = []
        for label, cells in groups:
            if len(cells) != len(columns):  # cells were lost: the ones left are the last columns
                cells = [c for c in cells if c.text]
                cells = [Cell("", None)] * (len(columns) - len(cells)) + cells
            for column, cell in zip(columns, cells, strict=False):
                if cell.text:
                    values.extend(parse_value(self.text, cell, column, label, unit))
        return values


def parse_value(text: str, cell: Cell, column: Column, group: str, unit: str) -> list[Value]:
    """A cell's value(s) as written and parsed; a cell such as "城市≥13.5 农村≥15.7" gives one per group."""
    assert cell.span is not None  # a cell holding text, the only kind parsed, has a span
    kind = "status" if STATUS.match(norm(cell)) else column.kind
    inner = list(GROUP_IN_CELL.finditer(cell.text)) if not group else []
    if len(inner) >= 2:
        out: list[Value] = []
        for g in inner:
            part = Span.of(text, cell.span.start + g.start(2), cell.span.start + g.end(2))
            out.extend(parse_value(text, Cell(part.quote, part), column, g.group(1), unit))
        return out
    value = Value(as_written=cell.text, year=column.year, kind=kind, group=group, span=cell.span)
    t = _inside_total(norm(cell))
    if r := RANGE.match(t):
        value.bounds = (float(r.group("lo")), float(r.group("hi")))
        value.unit = r.group("unit") or unit
        value.scale = SCALES.get(value.unit[:1], 1.0) if value.unit else 1.0
    elif m := NUMBER.match(t):
        value.comparator = {"＞": ">", "＜": "<"}.get(m.group("cmp") or "", m.group("cmp") or "")
        if not value.comparator and m.group("qual"):
            value.comparator = _QUALIFIED[m.group("qual")]
        value.number = float(m.group("num"))
        value.unit = m.group("unit") or unit
        value.scale = SCALES.get(value.unit[:1], 1.0) if value.unit else 1.0
    elif not DASH.match(t) and kind != "status":
        value.comparator = "text"
    return [value]
