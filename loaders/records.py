"""Plain records passed between the loader stages (read -> clean -> segment -> extract -> triples).

Every record derived from text carries a Span whose offsets index the decoded original text, so
that ``text[span.start:span.end] == span.quote`` always holds.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Span:
    """A half-open range of code points in the decoded source text, with the text it covers."""

    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    """Where each line of text starts; the line ends are those the clean stage splits at (CRLF, CR or LF)."""
    return [0] + [m.end() for m in _LINE_END.finditer(text)]


def line_at(text: str, offset: int) -> int:
    """The 1-based line of text an offset falls on: one scan of the text, then a bisection per offset
    (counting line ends from the start for every span would be quadratic in large documents)."""
    return bisect_right(_line_starts(text), offset)


@dataclass(frozen=True)
class SourceText:
    """A decoded document: what every later stage reads, and what every span points into."""

    name: str
    sha256: str
    encoding: str
    media_type: str
    text: str
    script: str  # "zh-Hans" or "zh-Hant"


@dataclass(frozen=True)
class Line:
    """One line of the source without its line end, with its offset and 1-based number."""

    number: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True)
class Dropped:
    """Text that is not plan content (site chrome, spam, download links), kept with its reason."""

    reason: str
    span: Span


@dataclass(frozen=True)
class Fact:
    """A metadata value and where it came from: a span of the text, or the sidecar file."""

    value: str
    span: Span | None = None
    from_sidecar: bool = False


@dataclass
class Heading:
    """A structural unit: chapter, section, numbered part, box (专栏) or indicator table."""

    kind: str  # chapter | section | part | box | table | attachment
    number: str  # as written: 第三章, 第二节, (一), 专栏1, 表2
    ordinal: int  # its number as an integer (第三章 -> 3); order within its parent
    title: str  # as written, wrapped lines joined
    span: Span  # the heading as written (all its lines)
    level: int = 0  # nesting rank: chapter 0, section 1, part 2, sub-part 3, box/table 4
    eid: str = ""  # Akoma Ntoso style id, e.g. chp_3__sec_2
    parent: Heading | None = None
    # What the unit states (loaders/roles.py): "" for tasks, else background | significance | guiding |
    # principles | goals | requirements | closing.
    role: str = ""
    # A table of tasks whose columns name responsible bodies (牵头部门, 责任单位): no indicator rows.
    tasks: bool = False
    # A table listing projects or key tasks one a row (重点项目清单, 重点任务清单): its rows are projects; a chapter,
    # section or part of major projects (重大工程): its numbered items are.
    projects: bool = False


@dataclass
class Measure:
    """A paragraph or numbered item that states a task."""

    ordinal: int
    number: str  # as written ("1.", "(十二)") or ""
    heading: str  # the short title sentence, or "" when the paragraph has none
    text: str  # the full paragraph as written
    span: Span
    heading_span: Span | None
    parent: Heading | None
    safeguard: bool
    eid: str = ""
    # Responsible bodies named in the measure (［…按职责分工负责］, （牵头单位：…）), kept out of its heading.
    bodies: list[ResponsibleBody] = field(default_factory=list)


@dataclass(frozen=True)
class ResponsibleBody:
    """One organisation a measure assigns (市民政局 in ［市民政局、市财政局按职责分工负责］), with its role."""

    name: str  # as written
    span: Span  # the name alone
    role: str  # lead (牵头) | responsible (负责, 责任单位) | supporting (配合, 参与)


@dataclass
class Passage:
    """Running text that is not a task: a lead paragraph, a statement of background, principles or goals,
    a preamble, a conclusion or a closing clause. Kept as content so that nothing is dropped silently."""

    kind: str  # preamble | lead | statement | continuation | conclusion | closing | annex
    role: str  # what it states (see Heading.role), or ""
    number: str  # "4." / "（一）" / "——" as written, or ""
    heading: str  # its short title sentence, or ""
    text: str
    span: Span
    heading_span: Span | None
    parent: Heading | None
    item: Measure | Passage | None = None  # the item it continues or is a bullet of
    eid: str = ""
    ordinal: int = 0
    bodies: list[ResponsibleBody] = field(default_factory=list)


@dataclass
class Quantity:
    """A number with its unit, parsed from text such as 新建风采长者饭堂6间 or 390张以上."""

    value: float
    unit: str
    qualifier: str  # 以上 / 以下 / "" as written
    span: Span


@dataclass
class Project:
    """A box (专栏) item, an item of a unit of major projects (重大工程), a row of a project table, or a quantified
    undertaking named inside a measure."""

    ordinal: int
    number: str
    title: str
    text: str
    span: Span
    quantities: list[Quantity]
    box: Heading | None  # the box, or the unit of major projects, whose item it is
    measure: Measure | None = None
    eid: str = ""
    table: Heading | None = None  # the project table whose row it is (loaders/project_tables.py)
    category: str = ""  # a table row's category cell, as written
    bodies: list[ResponsibleBody] = field(default_factory=list)  # a table row's body cells (推进单位)


@dataclass
class Cell:
    """One cell of a flattened table: its text with wrapped lines joined, and its span."""

    text: str
    span: Span | None  # None for an empty cell marker


@dataclass
class Value:
    """One value of an indicator row, as written and parsed, with the column it came from."""

    as_written: str
    year: int | None
    kind: str  # actual | target | growth | status
    group: str  # sub-row label (城市 / 农村 / 集中 / 分散) or "" for the whole row
    span: Span
    comparator: str = ""  # ≥ ≤ > < or "" ; "text" when the value is a sentence
    number: float | None = None
    unit: str = ""
    scale: float = 1.0  # factor to the base unit (万人 -> 10000)
    bounds: tuple[float, float] | None = None  # a range (6.5～7.5%): its two ends, and then no number


@dataclass
class Indicator:
    """One row of an indicator table, or one target stated in prose (source="prose")."""

    ordinal: int
    number: str
    name: str
    name_span: Span
    span: Span  # the whole row
    category: str
    unit: str
    attribute: str  # 预期性 / 约束性 as written, or ""
    note: str
    values: list[Value]
    table: Heading | None = None
    eid: str = ""
    # Where the indicator was stated (loaders/targets.py): a table row, or a target written in a sentence,
    # which belongs to the measure it sits in, or else to the unit that holds its box item or passage.
    source: str = "table"  # table | prose
    measure: Measure | None = None
    container: Heading | None = None
    stated_in: Project | Passage | None = None  # the box item or passage (a lead paragraph, a goal) it sits in


@dataclass
class Citation:
    """A document cited in 《》 marks; basis=True when introduced by 依据/根据 (a declared parent)."""

    title: str
    span: Span
    basis: bool
    ordinal: int = 0


@dataclass
class IssuingNotice:
    """The notice that issues the plan (关于印发《…》的通知), before the plan's own text: its title, its whole
    span (number, title, addressees, text, signature and date), and the facts it states."""

    title: Fact
    span: Span
    doc_number: Fact | None = None
    date: Fact | None = None
    issuers: list[Fact] = field(default_factory=list)


@dataclass
class PlanMetadata:
    """Facts about the plan as a whole."""

    title: Fact | None = None
    region: Fact | None = None
    date: Fact | None = None
    doc_number: Fact | None = None
    issuers: list[Fact] = field(default_factory=list)
    period: Fact | None = None  # "2021-2025", "2021", or "to-2025" (a horizon with no stated start)
    doc_type: Fact | None = None  # a slug of kg/graph/vocab.py DOC_TYPES: "fyp", "annual", "opinion" …
    source_url: Fact | None = None
    # Entry into force and validity (自2022年6月20日起施行，有效期5年), as the text states them.
    effective: Fact | None = None  # "2022-06-20"
    validity: Fact | None = None  # "P5Y", or the last day in force "2025-12-31"
    notice: IssuingNotice | None = None  # the notice that issues the plan, when the text carries it


@dataclass
class ParsedDocument:
    """Everything the loaders extract from one document, before it becomes triples."""

    source: SourceText
    metadata: PlanMetadata
    headings: list[Heading]
    measures: list[Measure]
    projects: list[Project]
    indicators: list[Indicator]
    citations: list[Citation]
    dropped: list[Dropped]
    warnings: list[str] = field(default_factory=list)
    # Text that is not a task (lead paragraphs, statements of principles and goals, closing clauses).
    passages: list[Passage] = field(default_factory=list)
    # Targets stated in sentences (loaders/targets.py), beside the table rows of `indicators`.
    targets: list[Indicator] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Heading]:
        return [h for h in self.headings if h.kind == kind]
