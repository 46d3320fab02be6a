"""Repair of text extracted from PDFs, as a view of the text that maps back to the original characters.

PDF text layers break words and paragraphs apart: some put a space between every Han character
("各 地 区 、 各 部 门"), others a stray space inside a word ("救 命钱", "养 老服务") where a line was
justified, and every page end cuts a paragraph in two, with the page number and the running header or footer
between the halves. The later stages read a repaired view of the text in which those spaces, page numbers and
running headers are deleted and the halves joined; the view deletes characters (and inserts line breaks only
into a run-on line), so each of its characters has one original offset, and every span found in the view is
mapped back to the original (`source_text[start:end] == quote` holds on the original; a quote may then contain
the deleted characters).

The rules are general and keyed to the symptoms, so ordinary text is never touched:
- a line is letter-spaced when it has more Han–space–Han pairs than Han–Han ones (four at least, one in three
  characters): its single
  spaces go, and a wider gap between words is kept as one space;
- when a document has many stray single spaces between two Han characters inside prose (lines with a comma or
  full stop: eight at least, and one in a thousand characters), the single spaces of its prose lines between Han
  characters, beside Chinese punctuation and between Han text and a number ("到 2025 年") are deleted, but
  never after a heading number (第一章 总体要求) or between bodies issuing a document together (中共中央 国务院);
- a text wrapped at the page's width (two lines in five as wide as its usual long line) has the line ends
  inside its paragraphs deleted: a full line runs on unless the next is indented, blank or opens an item;
- a text whose paragraphs were run together on one line (a page's text a crawler stored with its line breaks
  turned into spaces) is broken into lines again before its numbered parts and items, at its spaces and before
  the title sentences of its unnumbered items (see run_on_breaks): the only view that inserts characters, line
  breaks, which map to the character after them;
- a page break is a form feed or a line that is only a page number ("- 12 -", "第3页 共20页"); a line next to
  page breaks that recurs beside half of them is a running header or footer; both are set aside (recorded as
  dropped text with their reason), and a paragraph cut by the break (its first half ends without a sentence
  mark and the second half does not open a heading or item) is joined again.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from plankg.loading.limits import DEFAULT_LIMITS

from .glyphs import as_ideographs
from .issuers import recognise
from .numerals import chinese_to_int
from .records import Dropped, Line, ParsedDocument, SourceText, Span

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WIDE = _HAN + "\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2014\u2026"
_HAN_PAIR = re.compile(f"[{_HAN}](?=[{_HAN}])")
_SPACED_PAIR = re.compile(f"[{_HAN}] (?=[{_HAN}])")
_WIDE_CHAR = re.compile(f"[{_WIDE}\u2e80-\u2fdf]")  # and the radicals PDF fonts put for ideographs (⼈ for 人)
_HAN_CHAR = re.compile(f"[{_HAN}]")
_HAN_SPACE = re.compile(f"(?<=[{_HAN}]) (?=[{_HAN}])")
# A single space between two Han characters, beside Chinese punctuation, or between Han text and a number
# ("2025 年 12 月", which text layers set apart like Latin words).
_STRAY = re.compile(f"(?<=[{_WIDE}\\d]) (?=[{_WIDE}])|(?<=[{_WIDE}]) (?=\\d)")
_GAP = re.compile(r"(?<=\S)[ \u00a0]+(?=\S)")
_PROSE = re.compile(r"[，。；：、？！,;]")
# Measure words and units that follow a number (3人, 10个, 5万元): a space between the two is no line break.
_MEASURE_WORDS = frozenset("人个名家项件份所座条户台辆套处种批次天年月日万亿千百元%％")
_HEADING_NUMBER = re.compile(r"(?:第[一二三四五六七八九十百零〇\d]+[章节篇编部分条]|专栏\s*\d*|附件\s*\d*)$")
# Bodies issuing a document together are set apart by a space: 中共中央 国务院, 省民政厅 省发展改革委.
_BODY_END = r"(?:中共中央|中央军委|国务院|政府|办公厅|办公室|委员会|厅|局|委|部|办|院|署)"
_JOINT_ISSUER = re.compile(f"{_BODY_END}$")
_NEXT_BODY = re.compile(f"^(?:[{_HAN}]{{0,12}}?{_BODY_END})(?:关于|印发|[^{_HAN}]|$)")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
SENTENCE_END = re.compile(r"[。！？；：!?;:…”’」』）)】|]\s*$")
OPENS_ITEM = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节篇编部分条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[.、．]|[①-⑳]|专栏|附件|表\s*\d|——)"
)
_INDENT = ("\u3000", "  ", "\t")  # a paragraph's first line is indented by two characters' width
_MIN_STRAY = 8
_PAGE_COLUMNS = 300
_MIN_HALF = 12  # a first half shorter than this is a heading or a label, not a paragraph cut by the page


@dataclass(frozen=True)
class Repaired:
    """The repaired view of a text: its characters, where each came from, and the lines set aside."""

    text: str
    cuts: list[int]  # view offsets where deleted characters were, ascending, starting with 0
    shifts: list[int]  # for each cut, how many original characters were deleted before it
    removed: list[tuple[str, int, int]]  # (reason, start, end) in the original: page numbers, running headers
    inserted: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # view ranges of inserted text

    def origin(self, offset: int) -> int:
        """The original offset of the view character at offset (of the original's end for the view's end); an
        inserted line break (or other inserted text) stands where the original character after it is."""
        if (run := self._inserted_run(offset)) is not None:
            offset = run[1]
        return offset + self.shifts[bisect_right(self.cuts, offset) - 1]

    def span(self, original: str, span: Span) -> Span:
        """A span of the view as the span of the original characters it was read from."""
        start, end = self.origin(span.start), span.end
        while end > span.start and (run := self._inserted_run(end - 1)) is not None:
            end = run[0]  # a span ending on inserted text ends before it
        end = self.origin(end - 1) + 1 if end > span.start else start
        return Span.of(original, start, max(start, end))

    def _inserted_run(self, offset: int) -> tuple[int, int] | None:
        if not self.inserted:
            return None
        k = bisect_right(self.inserted, (offset, len(self.text) + 1)) - 1
        return self.inserted[k] if k >= 0 and self.inserted[k][0] <= offset < self.inserted[k][1] else None

    def restore(self, doc: ParsedDocument, source: SourceText) -> ParsedDocument:
        """The document parsed from the view with every span on the original text, and the lines set aside."""
        restored = _Remap(self, source).of(doc)
        dropped = restored.dropped + [Dropped(reason, Span.of(source.text, a, b)) for reason, a, b in self.removed]
        restored.dropped = sorted(dropped, key=lambda d: d.span.start)
        return restored


def read_offsets(read: str, quote: str) -> list[int] | None:
    """Where each character of a text read from a view stands in the quote of its span on the original.

    A view deletes characters (stray spaces, page furniture, markup) and may break a run-on line, so the text
    read, but for its inserted line breaks, is a subsequence of the quote: its characters are found in order (a
    line break not in the quote stands where the next character is). None when they are not (the text is not
    from a view).
    """
    out, j = [], 0
    for c in read:
        k = quote.find(c, j)
        if k < 0 and c == "\n":
            out.append(min(j, max(len(quote) - 1, 0)))
            continue
        if k < 0:
            return None
        out.append(k)
        j = k + 1
    return out


class _Remap:
    """Rebuilds records with their spans on the original text, keeping shared records shared (a heading
    that is the parent of many measures stays one object)."""

    def __init__(self, repaired: Repaired, source: SourceText) -> None:
        self.repaired, self.source = repaired, source
        self.memo: dict[int, object] = {}  # a record (by id) -> its copy

    def of(self, value):
        if isinstance(value, Span):
            return self.repaired.span(self.source.text, value)
        if isinstance(value, SourceText):
            return self.source
        if isinstance(value, list):
            return [self.of(v) for v in value]
        if isinstance(value, tuple):
            return tuple(self.of(v) for v in value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if id(value) in self.memo:
                return self.memo[id(value)]
            copy = object.__new__(type(value))
            self.memo[id(value)] = copy
            for f in dataclasses.fields(value):
                object.__setattr__(copy, f.name, self.of(getattr(value, f.name)))
            return copy
        return value


def repair(text: str, lines: list[Line]) -> Repaired | None:
    """The repaired view of a text, or None when it shows none of the symptoms (it is read as it is)."""
    deletions: list[tuple[int, int]] = []
    removed = _page_breaks(text, _split_feeds(lines), deletions)
    stray = _stray_spaces_wanted(text, lines)
    for line in lines:
        deletions += _space_deletions(line, stray)
    spacing = _spacing(lines) if _full_width([ln for ln in lines if ln.stripped]) else []
    deletions += [(gap.start, _line_end(text, gap)) for gap in spacing]
    gaps = {gap.start for gap in spacing}
    kept = [ln for ln in lines if ln.start not in gaps]
    deletions += _wrapped_lines(kept, {text[a:b] for _, a, b in removed})
    breaks = run_on_breaks(lines)
    deletions += [(a, b) for a, b in breaks if b > a]
    if not deletions and not breaks:
        return None
    return view_without(text, deletions, removed, tuple(a for a, _ in breaks))


def view_without(
    text: str,
    deletions: list[tuple[int, int]],
    removed: list[tuple[str, int, int]],
    breaks: tuple[int, ...] = (),
    insertions: tuple[tuple[int, str], ...] = (),
) -> Repaired:
    """The text without the deleted ranges (they may overlap), with a line break inserted at each offset of breaks
    and each string of insertions at its offset (in the order given), with the offsets to map the view back."""
    added = [(a, "\n") for a in sorted(set(breaks))] + list(insertions)
    events = sorted([(a, 0, k, a, s) for k, (a, s) in enumerate(added)] + [(a, 1, 0, b, "") for a, b in deletions])
    pieces, cuts, shifts, inserted = [], [0], [0], []
    kept = shift = size = 0  # original characters taken; original minus view offsets; view length
    for a, kind, _, b, added_text in events:
        a = max(a, kept)
        if kind == 1 and b <= a:
            continue
        pieces.append(text[kept:a])
        size += a - kept
        if kind == 0:
            pieces.append(added_text)
            inserted.append((size, size + len(added_text)))
            size, shift, kept = size + len(added_text), shift - len(added_text), a
        else:
            shift, kept = shift + b - a, b
        cuts.append(size)
        shifts.append(shift)
    pieces.append(text[kept:])
    return Repaired("".join(pieces), cuts, shifts, sorted(removed, key=lambda r: r[1]), inserted)


# ---------------------------------------------------------------- spaces inside words


def _space_deletions(line: Line, stray: bool) -> list[tuple[int, int]]:
    body = line.text
    spaced = len(_SPACED_PAIR.findall(body))
    # letter-spaced: a spaced pair every three characters at least, and more spaced Han pairs than tight ones
    if spaced >= 4 and spaced * 3 >= len(body) and spaced > len(_HAN_PAIR.findall(body)):
        return [(line.start + a, line.start + b) for a, b in _letter_spacing(body)]
    if not stray or not _PROSE.search(body):
        return []
    return [(line.start + m.start(), line.start + m.end()) for m in _STRAY.finditer(body) if _stray(body, m)]


def _stray(body: str, m: re.Match[str]) -> bool:
    """A space the text layer put there, not one after a heading number or between two issuing bodies."""
    before, after = body[max(0, m.start() - 16) : m.start()], body[m.end() : m.end() + 16]
    return not (_HEADING_NUMBER.search(before) or (_JOINT_ISSUER.search(before) and _NEXT_BODY.match(after)))


def _letter_spacing(body: str) -> list[tuple[int, int]]:
    """In a letter-spaced line: single spaces next to a wide character or between digits go; a wider gap
    between words is kept as one space."""
    out = []
    for m in _GAP.finditer(body):
        left, right = body[m.start() - 1], body[m.end()]
        wide = re.match(f"[{_WIDE}]", left) or re.match(f"[{_WIDE}]", right)
        if len(m.group()) == 1 and (wide or (left.isdigit() and right.isdigit())):
            out.append((m.start(), m.end()))
        elif len(m.group()) > 1:
            out.append((m.start() + 1, m.end()))
    return out


def _stray_spaces_wanted(text: str, lines: list[Line]) -> bool:
    """Many stray spaces inside prose: a text layer's, not a writer's (who may set a slogan apart once)."""
    stray = sum(1 for ln in lines if _PROSE.search(ln.text) for m in _HAN_SPACE.finditer(ln.text) if _stray(ln.text, m))
    return stray >= _MIN_STRAY and stray * 1000 >= len(text)


# ---------------------------------------------------------------- lines wrapped at the page's width


def _wrapped_lines(lines: list[Line], set_aside: set[str]) -> list[tuple[int, int]]:
    """Line ends inside paragraphs of a text wrapped at the page's width, as many text layers give it.

    A text is wrapped when two lines in five at least (ten at least) are as wide as its most common width of a
    long line; a line that wide runs on into the next unless that one is indented, blank, opens an item or
    is a page number or running header. In a text layer extracted page by page (form feeds between the pages),
    a blank line may be where the extracting tool ended a block of lines (_block_cut).
    """
    full = _full_width([ln for ln in lines if ln.stripped])
    if full is None:
        return []
    paged = any("\f" in ln.text for ln in lines)
    out = []
    for n, line in enumerate(lines[:-1]):
        written, after = line.text.rstrip(), lines[n + 1]
        body = written.lstrip("\f")  # a page's first line, after the form feed that opened the page
        if paged and not after.text.strip() and n + 2 < len(lines) and _block_cut(body, lines[n + 2].text, full):
            after = lines[n + 2]  # the extracting tool ended a block of lines there, not the paragraph
        next_body = after.text
        if (
            _width(body) >= full - (_MID_SENTENCE_SLACK if _MID_SENTENCE.search(body) else 4)
            and next_body.strip()
            and not next_body.startswith(_INDENT)
            and not OPENS_ITEM.match(as_ideographs(next_body))  # (⼆⼗) in radicals opens an item as (二十) does
            and not _indented_after_sentence(body, next_body, full)
            and "\f" not in body + next_body
            and next_body.strip() not in set_aside
            and not _BARE_NUMBER.match(next_body)
            and not (body[-1:].isascii() and body[-1:].isalnum() and next_body[:1].isascii())
        ):
            out.append((line.start + len(written), after.start))
    return out


def _full_width(filled: list[Line]) -> int | None:
    """The width of a full line when the text is wrapped at it: two lines in five at least (ten at least) as wide
    as the most common width of a long line."""
    widths = [_width(ln.text.rstrip()) for ln in filled]
    long = [w for w in widths if w >= 40]
    if not long:
        return None
    full = max(set(long), key=long.count)
    near = sum(1 for w in widths if abs(w - full) <= 4)
    return None if near < 10 or near * 5 < len(filled) * 2 else full


# A line ending inside a sentence (on anything but a mark that closes a sentence or a clause: a character, a digit,
# a comma, a dash) is a wrapped line a little short of the full width when it opens an indented paragraph or holds
# narrow marks and digits: ( ) , 2018 are narrower than a character.
_MID_SENTENCE = re.compile(r"[^。！？；：!?;:”’」』）)》\s]$")
_MID_SENTENCE_SLACK = 8  # columns: an indent of two characters and a few narrow marks


def _block_cut(body: str, next_body: str, full: int) -> bool:
    """A blank line between two lines of one paragraph: after a line ending inside a sentence, or between a full
    line and another full one (a paragraph's first line is short by its indent)."""
    return bool(_MID_SENTENCE.search(body)) or (_width(body) >= full - 4 and _width(next_body.rstrip()) >= full - 2)


def _indented_after_sentence(body: str, next_body: str, full: int) -> bool:
    """A sentence ending at the line's end, then a line a little short of the full width: the next paragraph, its
    first line indented two characters (the indent a text layer extracted without its spaces)."""
    return body.endswith(("。", "！", "？", "；", "：")) and full - 8 <= _width(next_body.rstrip()) <= full - 3


def _spacing(lines: list[Line]) -> list[Line]:
    """The blank lines that only space the lines out, when a blank line follows nearly every line (a text layer
    extracted a line, then an empty one, as pdfminer's extract_text writes it): they part no paragraphs and no
    table cells, and the view leaves them out."""
    filled = [n for n, ln in enumerate(lines) if ln.stripped]
    if len(filled) < _MIN_SPACED:
        return []
    gaps = [lines[a + 1] for a, b in zip(filled, filled[1:], strict=False) if b == a + 2 and not lines[a + 1].text.strip()]
    return gaps if len(gaps) >= 0.9 * (len(filled) - 1) else []


_MIN_SPACED = 20  # lines: fewer tell nothing


def _width(s: str) -> int:
    """Columns a line takes: two for a wide (CJK) character, one for others (a line longer than any page's
    is not measured)."""
    if len(s) > _PAGE_COLUMNS:
        return 2 * len(s)
    return len(s) + len(_WIDE_CHAR.findall(s))


# ---------------------------------------------------------------- paragraphs run together on one line

# A numbered part or item opening where a sentence or a paragraph ended: 。二、 … or a space before （三）.
_RUN_ON_PART = re.compile(r"(?:(?<=[。！？!?”」』）)])|(?<=\s))([一二三四五六七八九十]{1,3})、")
_ITEM_NUMBER = re.compile(r"[（(]([一二三四五六七八九十]{1,3})[）)]")
_ITEM_AFTER = "。！？!?”」』：:"  # an item opens a paragraph after a sentence's end, a colon or a space
# A point numbered 1. 2. … opening where a sentence ended or after the title sentence of its item (（一）…体系。1.…);
# not a decimal (1.9万), whose digit follows the point.
_RUN_ON_POINT = re.compile(r"(?:(?<=[。！？!?；;”」』])|(?<=\s))(\d{1,2})[.．](?!\d)")
# An item after a colon whose first clause ends with a semicolon is an entry of a list inside a sentence
# (具体包括：（一）…；（二）…；); one whose first sentence ends with a full stop opens a paragraph (主要工作和成效是：
# （一）以落实国家战略为契机，…。).
_IN_SENTENCE_ENTRY = re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)][^。！？!?；;]*[；;]")
# A chapter, a section or a box opening where a sentence or a paragraph ended: 。第三章 …, a space before 第二节.
_RUN_ON_CHAPTER = re.compile(r"(?:(?<=[。！？!?”」』）)])|(?<=\s))第([一二三四五六七八九十]{1,3})章")
_RUN_ON_SECTION = re.compile(r"(?:(?<=[。！？!?”」』）)])|(?<=\s))第([一二三四五六七八九十]{1,3})节")
_RUN_ON_BOX = re.compile(r"(?:(?<=[。！？!?”」』）)])|(?<=\s))专栏\s*(\d{1,2})")
_RUN_ON_GAP = re.compile(r"[ \t\u3000\u00a0]+")
_INNER_MARKS = "，、；：,;:"
# A box's label, and the first column's name a table's header opens with (序号, 分类, 指标名称 …).
_BOX_LABEL = re.compile(r"(?:专栏|專欄)\s*\d{1,2}[:：]?")
_HEADER_OPENING = re.compile(r"序号|序號|分类|分類|类别|類別|指标名称|指標名稱")
# A part's short title followed at once by its first item: 一、工作开展情况（一）以政治建设为统领，…
_PART_TITLE_THEN_ITEM = re.compile(r"[一二三四五六七八九十]{1,3}、[^，。；：,;:（(\s]{2,30}([（(]一[）)])")
# A box's short title followed at once by its first item: 专栏2：重点产业质量认证提升行动（一）建立实施…; a quoted
# name in the title may hold a comma (专栏6：“合格评定，畅通世界”行动（一）…).
_BOX_TITLE_THEN_ITEM = re.compile(r"(?:专栏|專欄)\s*\d{1,2}[:：]?(?:“[^“”（(]{1,24}”|[^，。；：,;:（(\s“”]){2,30}?([（(]一[）)])")
_RUN_ON_DATE = re.compile(r"(?:(?<=\s)|^)\d{4}年\d{1,2}月\d{1,2}日(?=[\u4e00-\u9fff《“])")
# The words that head a document's parts without a number (目录, 前言, 附则, 结束语 …), which a page may space out
# letter by letter (目 录 前 言): the spaces between their letters are none of the line breaks a run-on line lost.
_PART_WORDS = ("目录", "目錄", "目次", "前言", "序言", "引言", "附则", "附則", "结束语", "結束語", "结语", "結語", "后记", "後記")
_SPACED_WORDS = "|".join(_RUN_ON_GAP.pattern.join(word) for word in _PART_WORDS)
_SPACED_PART_WORD = re.compile(rf"(?<![{_HAN}])(?:{_SPACED_WORDS})(?![{_HAN}])")
_RUN_ON_MIN = 200  # characters: a line this long holding two numbered parts is paragraphs run together
# A line longer than a document's text may be by default (--max-text) is no page's body scraped onto one line but
# a file without line ends: it is read as it is, and breaking it would make a plan of a whole archive.
_RUN_ON_MAX = DEFAULT_LIMITS.text_chars


def run_on_breaks(lines: list[Line]) -> list[tuple[int, int]]:
    """Where a text whose paragraphs were run together on one line (a page's text scraped with its line breaks
    turned into spaces, or into nothing) breaks into its lines again: (offset, end of the space there).

    A line is run on when it is long and holds two numbered parts (一、 二、 in order), items ((一) (二) in
    order) or points (1. 2. in order, numbered on across items or again from 1. under each), each opening right
    after a sentence's end or a space, i.e. where a paragraph began. Such a line
    breaks before each of those numbers and before the first item right after a part's short title
    (一、工作开展情况（一）…), at each space between two words of its (a space that stood for a line break; not
    one between Latin letters or digits, inside quotation marks, nor one after a label's colon), after a date of
    signature run into the title after it (2023年11月3日平潭…), and before the title sentence of each item of an
    unnumbered paragraph (see _lead_sentences). A line holding a list inside a sentence (：（一）…；（二）…) is not
    run on, but an item after a colon that opens a paragraph (主要工作和成效是：（一）…，…。) breaks it. The titles of
    parts run into their text (一、加快码头建设2024年,…) stay so: nothing marks where they end (loaders.segment reads a
    part run into its text when its items follow)."""
    out: list[tuple[int, int]] = []
    for line in lines:
        body = line.text
        if not _RUN_ON_MIN <= len(body.strip()) <= _RUN_ON_MAX:
            continue
        parts = _in_order(_RUN_ON_PART, body)
        titled = {m.start(1) for at in parts if (m := _PART_TITLE_THEN_ITEM.match(body, at))}
        boxes = _ascending(_RUN_ON_BOX, body)
        titled |= {m.start(1) for at in boxes if (m := _BOX_TITLE_THEN_ITEM.match(body, at))}
        items = _in_order(_ITEM_NUMBER, body, restart=True, keep=functools.partial(_paragraph_item, titled=titled))
        chapters, sections = _in_order(_RUN_ON_CHAPTER, body), _in_order(_RUN_ON_SECTION, body, restart=True)
        points = _in_order(_RUN_ON_POINT, body, restart=True)
        if max(len(parts), len(items), len(chapters), len(sections), len(points)) < 2:
            continue
        cut: dict[int, int] = {}
        inside = _inside_spaced_words(body)
        for m in _RUN_ON_GAP.finditer(body):
            if _breaks_at(body, m) and body[m.start() - 1 : m.start()] not in ":：" and m.start() not in inside:
                cut[m.start()] = m.end()
        broken = set(cut.values())  # offsets a cut at a space already opens a line with
        headers = [h for at in boxes if (h := _table_after_title(body, at)) is not None]
        for at in parts + items + points + chapters + sections + boxes + headers + [m.end() for m in _RUN_ON_DATE.finditer(body)]:
            if at not in broken:
                cut.setdefault(at, at)
        for at in _lead_sentences(body, sorted({0, *cut.values(), *cut})):
            cut.setdefault(at, at)
        out += [(line.start + a, line.start + b) for a, b in sorted(cut.items()) if a > len(body) - len(body.lstrip())]
    return out


# A lead sentence: the title a page sets in bold at the head of an item's paragraph (优化全域全时旅游布局。), a phrase
# of a few words with no punctuation inside (quotation marks aside: 共建“走出去”开放合作平台。).
_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]")
_LEAD = re.compile(r"[^，,；;：:、（）()《》\s]{2,12}[。！？!?]")
_QUOTES = re.compile(r"[“”‘’\"]")
_OPENS_BOX = re.compile(r"^\s*(?:专栏|專欄)\s*\d")
_OPENS_UNIT = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[章节篇]")


def _lead_sentences(body: str, starts: list[int]) -> list[int]:
    """Where the items of a run-on line's unnumbered paragraphs begin: at each lead sentence after the first
    sentence of its paragraph. The page set each item's lead sentence in bold at the head of its paragraph; run
    together, only its form tells it: a sentence of at most twelve characters, no punctuation inside, that does
    not follow another such sentence (健全考评监测体系。本规划实施列入各单位绩效考评。: the second is its text). A
    paragraph that opens with a number (一、 （一） 1.) is an item the number marks, and a box's paragraphs
    (专栏N up to the next chapter or section) list projects, not items."""
    out: list[int] = []
    in_box = False
    for a, b in pairwise([*starts, len(body)]):
        piece = body[a:b]
        in_box = bool(_OPENS_BOX.match(piece)) or (in_box and not _OPENS_UNIT.match(piece))
        if in_box or OPENS_ITEM.match(piece) and not _OPENS_UNIT.match(piece):
            continue
        after_lead = False
        sentences = list(_SENTENCE.finditer(piece))
        for i, m in enumerate(sentences):
            # the paragraph's first sentence heads it, whatever its form; its last has no text to head
            lead = i == 0 or (not after_lead and bool(_LEAD.fullmatch(_QUOTES.sub("", m.group().strip()))))
            if lead and 0 < i < len(sentences) - 1:
                out.append(a + m.start() + len(m.group()) - len(m.group().lstrip()))
            after_lead = lead
    return out


def _inside_spaced_words(body: str) -> set[int]:
    """Offsets of the spaces between the letters of a part's word spaced out (目 录, 结 束 语)."""
    return {
        gap.start() for word in _SPACED_PART_WORD.finditer(body) for gap in _RUN_ON_GAP.finditer(body, word.start(), word.end())
    }


def _breaks_at(body: str, gap: re.Match[str]) -> bool:
    """A space of a run-on line stood for a line break, unless it is one between Latin letters or digits, one
    inside quotation marks (“山水鎏金 邻好家园”: a name), one between bodies issuing a document together, or the
    one after a heading's number (第一章 发展基础, 专栏1 …), which belongs to the heading."""
    left, right = body[gap.start() - 1 : gap.start()], body[gap.end() : gap.end() + 1]
    if not left or not right or (left.isascii() and right.isascii()) or right in _INNER_MARKS:
        return False  # no line opens with a mark that goes inside a sentence (…123 项 ，储备项目82项)
    if left.isdigit() and right in _MEASURE_WORDS:
        return False  # 其中1 人在…: a number and its measure word are one phrase, whatever the typesetter's space
    if body.rfind("“", 0, gap.start()) > body.rfind("”", 0, gap.start()) and body.find("”", gap.end()) >= 0:
        return False
    before = body[max(0, gap.start() - 16) : gap.start()]
    if _joint_issuers(before, body[gap.end() : gap.end() + 16]) or _mid_sentence(body, gap.start()):
        return False
    return not _HEADING_NUMBER.search(before)


# Where a sentence or a clause of a run-on line ends, and the spaces that may stand for a line break.
_CLAUSE_END = re.compile(r"[。！？!?；;]")


def _mid_sentence(body: str, at: int) -> bool:
    """A space after the opening words of a sentence whose paragraph began before it (…重点项目建设。落实好 “五个一批”
    项目…): no paragraph ends there, since one ends with its sentence, and a heading set apart by a space stands
    alone (（四）着力扩大投资促增长 认真落实…, a title opening with its number, is no sentence's opening words)."""
    since = max((m.end() for m in _RUN_ON_GAP.finditer(body, 0, at)), default=0)
    ends = list(_CLAUSE_END.finditer(body, since, at))
    if not ends:
        return False
    words = body[ends[-1].end() : at]
    return bool(words) and not OPENS_ITEM.match(words)


_LAST_NAME = re.compile(f"[{_HAN}]+$")
_FIRST_NAME = re.compile(f"^(?P<name>[{_HAN}]+?)(?:关于|印发|[^{_HAN}])")


def _joint_issuers(before: str, after: str) -> bool:
    """A space between two bodies issuing a document together (应急管理部 国家矿山安全监察局关于印发…; …监察局2022年7月19日):
    both names are those of bodies the nation or a known place has, not any noun ending like one (…战略布局)."""
    last, first = _LAST_NAME.search(before), _FIRST_NAME.match(after)
    if not (last and first and _known_body(first.group("name"))):
        return False
    run = last.group()  # the name may follow a date or a word with no mark between (…11月4日应急管理部)
    return any(_known_body(run[i:]) for i in range(len(run) - 1))


def _known_body(name: str) -> bool:
    body = recognise(name)
    return body is not None and (body.central or body.region is not None)


def _paragraph_item(body: str, m: re.Match[str], titled: set[int]) -> bool:
    """An item opening a paragraph: after a sentence's end, a space or a colon (not as an entry of a list inside a
    sentence: …：（一）…；), or the first item right after a part's short title (一、工作开展情况（一）…)."""
    before = body[m.start() - 1 : m.start()]
    if m.start() in titled:
        return True
    if not before or not (before in _ITEM_AFTER or before.isspace()):
        return False
    return before not in "：:" or not _IN_SENTENCE_ENTRY.match(body, m.start())


def _table_after_title(body: str, at: int) -> int | None:
    """Where the header of the table a box holds begins, when the box's title runs into it (专栏1：“十四五”主要发展指标
    指标名称2020年2025年指标性质…): at the first column's name that opens a header of run-together cells."""
    from .run_tables import is_run_together_header  # run_tables reads tables, which the repaired text holds

    label = _BOX_LABEL.match(body, at)
    if label is None:
        return None
    for m in _HEADER_OPENING.finditer(body, label.end() + 2, label.end() + 40):
        end = _RUN_ON_GAP.search(body, m.start())
        if is_run_together_header(body[m.start() : end.start() if end else len(body)]):
            return m.start()
    return None


def _ascending(pattern: re.Pattern[str], body: str) -> list[int]:
    """Offsets of the numbers of pattern whose values rise (专栏1, 专栏2, 专栏4: a box whose label a scrape lost leaves
    a gap, not a break in the order)."""
    out: list[int] = []
    last = 0
    for m in pattern.finditer(body):
        if (value := int(m.group(1))) > last:
            out.append(m.start())
            last = value
    return out


def _in_order(
    pattern: re.Pattern[str], body: str, restart: bool = False, keep: Callable[[str, re.Match[str]], bool] | None = None
) -> list[int]:
    """Offsets of the numbers of pattern in a line that follow each other in order (一, 二, 三 …; with restart,
    an item list may begin again at 一 under the next part), those keep accepts."""
    out: list[int] = []
    expected = 1
    for m in pattern.finditer(body):
        if keep is not None and not keep(body, m):
            continue
        value = chinese_to_int(m.group(1))
        if value == expected or (restart and value == 1 and out):
            out.append(m.start())
            expected = value + 1
    return out


# ---------------------------------------------------------------- page breaks


def _page_breaks(text: str, lines: list[Line], deletions: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Page numbers and running headers set aside, and paragraphs cut by a page end joined (into deletions)."""
    filled = [ln for ln in lines if ln.stripped or "\f" in ln.text]
    breaks = _break_positions(filled)
    if not breaks:
        return []
    junk: dict[int, str] = {}
    for i in breaks:
        if filled[i].stripped:
            junk[i] = "page number"
    for i in _running_lines(filled, breaks):
        junk[i] = "running header"
    removed = []
    for i, reason in sorted(junk.items()):
        line = filled[i]
        lead = len(line.text) - len(line.text.lstrip())
        removed.append((reason, line.start + lead, line.start + len(line.text.rstrip())))
    gone = set(junk) | set(breaks)
    i = 0
    while i < len(filled):
        if i not in gone:
            i += 1
            continue
        j = i
        while j < len(filled) and j in gone:
            j += 1
        before, after = (filled[i - 1] if i > 0 else None), (filled[j] if j < len(filled) else None)
        if (
            before is not None
            and after is not None
            and not after.text.startswith(_INDENT)
            and _cut_paragraph(before.stripped, after.stripped)
        ):
            start = before.start + len(before.text.rstrip())
            deletions.append((start, after.start + len(after.text) - len(after.text.lstrip(" \t\f\u3000\u00a0"))))
        else:
            for k in range(i, j):
                deletions.append((filled[k].start, _line_end(text, filled[k])))
        i = j
    return removed


def _split_feeds(lines: list[Line]) -> list[Line]:
    """Lines with a form feed inside ("\\f国务院公报", as pdftotext writes a new page) split at it: the form feed
    stands as a line of its own."""
    out = []
    for line in lines:
        start, body = line.start, line.text
        while "\f" in body and body.strip():
            k = body.index("\f")
            if body[:k].strip():
                out.append(Line(line.number, start, body[:k]))
            out.append(Line(line.number, start + k, "\f"))
            start, body = start + k + 1, body[k + 1 :]
        out.append(Line(line.number, start, body))
    return out


def _break_positions(filled: list[Line]) -> list[int]:
    """Lines that mark a page break: a form feed, or a page number (bare numbers only beside a form feed)."""
    feeds = {i for i, ln in enumerate(filled) if "\f" in ln.text and not ln.stripped}
    numbers = {i for i, ln in enumerate(filled) if _PAGE_NUMBER.match(ln.text.replace("\f", ""))}
    bare = {
        i
        for i, ln in enumerate(filled)
        if _BARE_NUMBER.match(ln.text.replace("\f", "")) and ({i - 1, i + 1} & feeds or "\f" in ln.text)
    }
    if not feeds and len(numbers) < 2:
        return []
    return sorted(feeds | numbers | bare)


def _running_lines(filled: list[Line], breaks: list[int]) -> list[int]:
    """Lines beside page breaks whose text (numbers aside) recurs beside half of the breaks at least."""
    beside: dict[str, list[int]] = {}
    marks = set(breaks)
    for b in [-1, *breaks, len(filled)]:  # the text's start and end are a page's top and a page's foot too
        for i in (b - 2, b - 1, b + 1, b + 2):
            if 0 <= i < len(filled) and i not in marks and _header_like(filled[i].stripped):
                key = re.sub(r"\d+", "#", filled[i].stripped.replace(" ", ""))
                if i not in beside.setdefault(key, []):
                    beside[key].append(i)
    groups = [len(list(g)) for g in _runs(breaks)]
    needed = max(2, (len(groups) + 1) // 2)
    return sorted(i for found in beside.values() if len(found) >= needed for i in found)


def _runs(breaks: list[int]):
    """Break lines that stand together (a form feed and the page number beside it) are one page break."""
    run: list[int] = []
    for b in breaks:
        if run and b - run[-1] > 1:
            yield run
            run = []
        run.append(b)
    if run:
        yield run


def _header_like(s: str) -> bool:
    """Short enough for a running header, or with no Han character at all (the address a browser prints on each
    page's foot: file:///…/plan.html, https://www.gov.cn/…)."""
    return bool(s) and (len(s) <= 40 or not _HAN_CHAR.search(s)) and "。" not in s and not s.endswith("|")


def _cut_paragraph(before: str, after: str) -> bool:
    """The text before a page break stops inside a sentence of a paragraph, and the text after goes on with it."""
    if len(before) < _MIN_HALF or SENTENCE_END.search(before) or OPENS_ITEM.match(after):
        return False
    if OPENS_ITEM.match(before) and "。" not in before:
        return False  # a heading or an item's title, which a page may end with
    return bool(_PROSE.search(before)) or len(before) >= 30


def _line_end(text: str, line: Line) -> int:
    end = line.end
    if text.startswith("\r\n", end):
        return end + 2
    return end + 1 if end < len(text) and text[end] in "\r\n" else end


def hard_wrapped(blocks: list[str]) -> bool:
    """Whether a Word file's or a web page's paragraphs are a PDF's printed lines (pasted or converted from one):
    most of them of one length, the page's width. Written a line each, as a text file holds them, repair() joins
    them again. Paragraphs a writer typed vary in length."""
    lengths = Counter(len(block) for block in blocks if len(block) >= _MIN_WIDTH and "\n" not in block)
    if sum(lengths.values()) < _MIN_WRAPPED:
        return False
    width, count = lengths.most_common(1)[0]
    return width >= _MIN_WIDTH and count >= 0.4 * sum(lengths.values())


_MIN_WIDTH = 15  # characters: a page's line is longer
_MIN_WRAPPED = 20  # paragraphs: fewer tell nothing
