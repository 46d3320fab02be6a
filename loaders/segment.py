"""Segment stage: content lines -> headings (chapters, sections, parts, boxes, tables) and paragraphs.

Headings are recognised by their numbering (第X篇, 第X章, 第X节, 一、, (一), 专栏N, 表N, 附件N), whatever the script;
a heading continued on the next line (no blank line between) is one heading. Indicator tables are
recognised by their header cells and handed over as raw line ranges to the table parser. Paragraphs keep
their item number (1. / （一） / 第一条 / （1） / ①, or the 一、 of a part that is a paragraph: a sentence of
clauses no items follow) or bullet (——, ●); a numbered line that is a closing clause (十、本方案自印发之日起施行。)
is a paragraph, not a part heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numerals import chinese_to_int
from .records import Heading, Line, Span
from .roles import is_closing_clause
from .run_tables import is_run_together_header, is_run_together_row_line

_CN = "一二三四五六七八九十百零〇两"
BOOK = re.compile(rf"^第([{_CN}]+)篇\s*(.*)$")  # a 纲要 groups its chapters in books (第一篇 …), numbered on through them
CHAPTER = re.compile(rf"^第([{_CN}]+)章\s*(.*)$")
SECTION = re.compile(rf"^第([{_CN}]+)[节節]\s*(.*)$")
BOX = re.compile(r"^(专栏|專欄)\s*(\d+)\s*[:：]?\s*(.*?)[\s|]*$")
CAPTION = re.compile(r"^表\s*(\d+)\s*(.*?)[\s|]*$")
PART = re.compile(rf"^([{_CN}]+)、\s*(.+)$")
# 附件 / 附件1：… / 附件：…: what follows is an attachment, not the body's last part (a 附件下载 link is not).
ATTACHMENT = re.compile(rf"^附件\s*([\d{_CN}]+)?\s*(?:[:：]\s*(.*?))?[\s|]*$")
BARE_ATTACHMENT = re.compile(r"^附件\s*[:：]?\s*$")
# 名词解释 on a line of its own after the body: a glossary of the terms the plan uses, back matter like an attachment,
# its numbered entries definitions rather than tasks.
GLOSSARY = re.compile(r"^(?:附[:：]?\s*)?(名词解释|名词注释|名词术语解释|术语解释)\s*[:：]?$")
# A line that is only a date (2023年4月24日): the date under a signature.
SIGNATURE_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
SIGNED_WITHIN = 6  # a listing of attachments (附件：…) is followed by the signature's date within this many lines
MAX_ATTACHMENT_TITLE = 60  # a line after 附件N longer than this is the attachment's text, not its title
SUBPART = re.compile(rf"^[(（]([{_CN}]+)[)）]\s*(.+)$")
NUMBERED = re.compile(r"^(\d{1,2})[.．、]\s*(.+)$")
# Other item numbers: articles (第一条 of 办法, 细则), (1) / （1） and circled numbers (①).
ITEM = re.compile(rf"^(第[{_CN}]+条|[(（]\d{{1,2}}[)）]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])[\s\u3000]*(.+)$")
BULLET = re.compile(r"^(——|—|－－|--|━━|[●■◆▲•◇□▪])\s*(?=\S)")  # a bullet: ——坚持党的全面领导。…, ●…

# First header cells of a table of indicators or of projects (任务类型 | 序号 | 工作任务 | 推进单位), spaces removed.
TABLE_HEADER = {"序号", "序號", "分类", "分類", "类别", "類別", "主要指标", "主要指標", "主要发展指标", "主要發展指標"}
TABLE_HEADER |= {"任务类型"}
_TABLE_WORDS = re.compile(r"指标|指標|表\s*\d|清单$|清单[(（][^()（）]*[)）]$")

MAX_HEADING = 120  # a part heading (一、…) longer than this is a paragraph
MAX_SUBPART = 40  # (一)… longer than this is a numbered paragraph, not a heading
MAX_CELL = 80  # a table cell longer than this ends the table
_LIST_ENTRY_END = ("；", ";", "，", ",")


@dataclass
class Paragraph:
    """One paragraph of running text, with the innermost heading that contains it."""

    line: Line
    span: Span
    text: str
    number: str  # "1." / "(十二)" as written, or ""
    body_offset: int  # where the text after the number starts, relative to span.start
    parent: Heading | None
    bullet: str = ""  # the dash of a bullet (——) as written, or ""


@dataclass
class TableRegion:
    """The lines of one flattened indicator table, with its caption heading."""

    heading: Heading
    lines: list[Line]


@dataclass
class Segmented:
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[TableRegion] = field(default_factory=list)


def stripped_span(text: str, line: Line) -> Span:
    """The span of a line without its surrounding whitespace."""
    lead = len(line.text) - len(line.text.lstrip())
    return Span.of(text, line.start + lead, line.start + len(line.text.rstrip()))


def _cell_text(line: Line) -> str:
    """The line's first cell: the line itself in a bar layout (a cell a line), its first in a row written on one
    line (序号 | 指标名称 | 单位 |, a Markdown table's)."""
    return line.stripped.replace(" ", "").replace("\u3000", "").split("|")[0].strip()


def _is_heading_line(s: str) -> bool:
    return bool(BOOK.match(s) or CHAPTER.match(s) or SECTION.match(s) or BOX.match(s) or CAPTION.match(s))


def _sentence(s: str) -> bool:
    """A line that is a sentence of clauses (…，…。): a numbered paragraph, unless items follow it as its own
    (一、践行建党精神，做好党建文章。 then （一）…: a heading written as a sentence)."""
    return s.endswith("。") and bool(re.search(r"[，,；;]", s))


def _items_follow(content: list[Line], i: int) -> bool:
    nxt = next((ln.stripped for ln in content[i + 1 :] if ln.stripped), "")
    return bool(SUBPART.match(nxt) or NUMBERED.match(nxt) or ITEM.match(nxt))


def _list_entry(s: str, content: list[Line], i: int) -> bool:
    """An entry of a list a sentence introduces (…主要包括： / （一）…； / （二）…；… / （四）…。): it ends with a
    semicolon or comma, or follows an entry that does. A heading ends with nothing or a full stop."""
    if s.endswith(_LIST_ENTRY_END):
        return True
    before = next((ln.stripped for ln in reversed(content[:i]) if ln.stripped), "")
    return bool(SUBPART.match(before)) and before.endswith(_LIST_ENTRY_END)


def _is_paragraph_like(s: str) -> bool:
    return len(s) > MAX_CELL or ("。" in s and len(s) > 30)


def segment(text: str, content: list[Line]) -> Segmented:
    """Find the document's headings, tables and paragraphs, nested in document order."""
    out = Segmented()
    stack: list[Heading] = []  # open headings, outermost first
    has_chapters = any(CHAPTER.match(line.stripped) for line in content)
    listed: set[str] = set()  # titles of attachments a notice listed before its signature
    i = 0
    while i < len(content):
        line = content[i]
        s = line.stripped
        if not s:
            i += 1
            continue
        if _cell_text(line) in TABLE_HEADER:
            i = _take_table(text, content, i, out, stack)
            continue
        if run_on := _heading_run_into_text(text, line) or _part_run_into_text(text, content, i, has_chapters):
            _open(run_on[0], stack, out)
            out.paragraphs.append(_paragraph(text, run_on[1], stack))
            i += 1
            continue
        heading, consumed = _heading_at(text, content, i, has_chapters)
        if heading is None and s in listed:
            heading, consumed = Heading("attachment", "", 0, s, stripped_span(text, line)), 1  # its title again
        if heading is not None and heading.kind == "attachment" and not out.headings:
            heading = None  # 附件 before any part of a body: the notice attaches the plan that follows
        elif heading is not None and heading.kind == "attachment" and heading.title and _signed_after(content, i):
            listed.add(heading.title)  # 附件：… then the signature: what is attached, not the attachment
            heading = None
        elif heading is not None and BARE_ATTACHMENT.match(s) and _attachment_just_opened(out):
            i += 1  # the attachment's own 附件 label under the line that named it (附件：…清单): one attachment
            continue
        elif heading is not None and _after_item_paragraph(heading, out, stack):
            heading = None  # （五） after the paragraph （四）: an item as its siblings are, however short
        if heading is not None:
            if heading.kind == "attachment":
                heading.ordinal = sum(h.kind == "attachment" for h in out.headings) + 1
                listed.discard(heading.title)
            elif heading.kind in ("book", "chapter", "section") and _in_attachment(stack):
                heading.level, heading.kind = _ANNEX_LEVEL[heading.kind], "part"  # the annex's division, not the plan's
            if heading.kind == "box" and _box_is_table(content, i + consumed):
                heading.kind = "table"
            _open(heading, stack, out)
            i += consumed
            if heading.kind == "table":
                i = _take_table(text, content, i, out, stack, caption=heading)
            continue
        if PART.match(s):  # a part that is a paragraph (一、加大财政支持。对……) ends the part before it
            level = _LEVEL["part" if has_chapters else "chapter"]
            while stack and stack[-1].level >= level:
                stack.pop()
        out.paragraphs.append(_paragraph(text, line, stack))
        i += 1
    return out


# An attachment holds whatever follows it, chapters and parts included, up to the next attachment.
_LEVEL = {"attachment": -2, "book": -1, "chapter": 0, "section": 1, "part": 2, "box": 4, "table": 4}
# Inside an attachment, its books, chapters and sections are parts, nested as they were (a part 一、 stays level 2).
_ANNEX_LEVEL = {"book": 1, "chapter": 1, "section": 2}
_EID_KEY = {
    "attachment": "att",
    "book": "book",
    "chapter": "chp",
    "section": "sec",
    "part": "part",
    "box": "box",
    "table": "tbl",
}


def _in_attachment(stack: list[Heading]) -> bool:
    """An attachment is open: the chapters (一、 第一章) that follow divide the annexed document, not the plan,
    so they are its parts; the plan's chapters end where its first attachment begins."""
    return any(h.kind == "attachment" for h in stack)


def _open(heading: Heading, stack: list[Heading], out: Segmented) -> None:
    """Close the headings this one ends, then make it the innermost open heading."""
    heading.level = heading.level or _LEVEL[heading.kind]
    # A table ends the numbered parts before it; a box (专栏) closing a chapter's run of sections belongs
    # to the chapter, whose sections' projects it lists.
    closes = {"table": 2, "box": 1}.get(heading.kind, heading.level)
    while stack and stack[-1].level >= closes:
        stack.pop()
    heading.parent = stack[-1] if stack else None
    prefix = f"{heading.parent.eid}__" if heading.parent else ""
    key = _EID_KEY[heading.kind]
    if heading.kind in ("box", "table", "attachment"):
        heading.eid = f"{key}_{heading.ordinal}"  # boxes, tables, attachments are numbered through the document
    else:
        heading.eid = f"{prefix}{key}_{heading.ordinal}"
    out.headings.append(heading)
    stack.append(heading)


def _heading_at(text: str, content: list[Line], i: int, has_chapters: bool) -> tuple[Heading | None, int]:
    """The heading starting at content[i] and how many lines it takes, or (None, 0)."""
    line = content[i]
    s = line.stripped
    span = stripped_span(text, line)
    if (m := BOOK.match(s)) and has_chapters and len(s) <= MAX_HEADING and "。" not in s:
        return _wrapped("book", f"第{m.group(1)}篇", chinese_to_int(m.group(1)), m.group(2), text, content, i)
    if m := CHAPTER.match(s):
        return _wrapped("chapter", f"第{m.group(1)}章", chinese_to_int(m.group(1)), m.group(2), text, content, i)
    if m := SECTION.match(s):
        number = s[: m.start(2)].strip()
        return _wrapped("section", number, chinese_to_int(m.group(1)), m.group(2), text, content, i)
    if m := BOX.match(s):
        title = m.group(3)
        end = span.start + s.rfind(title) + len(title) if title else span.start + m.end(2)
        return Heading("box", f"{m.group(1)}{m.group(2)}", int(m.group(2)), title, Span.of(text, span.start, end)), 1
    if m := CAPTION.match(s):
        title = m.group(2)
        end = span.start + s.rfind(title) + len(title) if title else span.start + m.end(1)
        return Heading("table", f"表{m.group(1)}", int(m.group(1)), title, Span.of(text, span.start, end)), 1
    if m := GLOSSARY.match(s):
        return Heading("attachment", "", 0, m.group(1), span), 1
    if (m := ATTACHMENT.match(s)) and len(s) <= MAX_HEADING and "。" not in s:
        number = s[: m.end(1)] if m.group(1) else "附件"
        if m.group(2):
            return Heading("attachment", number, 0, m.group(2), span), 1
        return _attachment_titled_below(text, content, i, number)
    if (
        (m := PART.match(s))
        and len(s) <= MAX_HEADING
        and "。" not in s[:-1]
        and not (_sentence(s) and not _items_follow(content, i))
        and not is_closing_clause(m.group(2))
    ):
        kind = "part" if has_chapters else "chapter"
        return Heading(kind, f"{m.group(1)}、", chinese_to_int(m.group(1)), m.group(2), span), 1
    if (m := SUBPART.match(s)) and len(s) <= MAX_SUBPART and "。" not in s[:-1] and not _list_entry(s, content, i):
        return Heading("part", s[: m.start(2)], chinese_to_int(m.group(1)), m.group(2), span, level=3), 1
    return None, 0


def _heading_run_into_text(text: str, line: Line) -> tuple[Heading, Line] | None:
    """A chapter or section number whose line runs on into the text (第二节 基本原则坚持党的全面领导。增强…, as a
    scrape that lost the line breaks gives it): the heading is its number, its title unknown (nothing marks where
    it ends), and the rest of the line is a paragraph under it."""
    s = line.stripped
    m = CHAPTER.match(s) or SECTION.match(s)
    if not m or ("。" not in m.group(2) and len(m.group(2)) <= MAX_HEADING):
        return None
    lead = len(line.text) - len(line.text.lstrip())
    number = s[: m.start(2)].strip()
    kind = "chapter" if number.endswith("章") else "section"
    at = line.start + lead
    heading = Heading(kind, number, chinese_to_int(m.group(1)), "", Span.of(text, at, at + len(number)))
    return heading, Line(line.number, at + m.start(2), m.group(2))


# A part's title runs into its text where the text opens by placing its year (二、2024年工作安排2024年是…): the way
# a work report or an annual plan begins a part on a year.
_YEAR_OPENING = re.compile(r"(?P<title>[^，。；：、,;:]{2,30}?)(?=(?:19|20)\d\d年是)")


def _part_run_into_text(text: str, content: list[Line], i: int, has_chapters: bool) -> tuple[Heading, Line] | None:
    """A part whose line runs on into its text (一、2023年工作回顾2023年是…。…, as a scrape that lost the line breaks
    gives it) and whose items follow ((一)…): a heading, not a paragraph. Its title is where the text opens on a
    year (2023年是…), else unknown (nothing marks where it ends); the rest of the line is a paragraph under it."""
    s = content[i].stripped
    m = PART.match(s)
    if not m or ("。" not in m.group(2)[:-1] and len(s) <= MAX_HEADING) or not _items_follow(content, i):
        return None
    if is_closing_clause(m.group(2)):
        return None
    lead = len(content[i].text) - len(content[i].text.lstrip())
    at = content[i].start + lead
    number = s[: m.start(2)].strip()
    titled = _YEAR_OPENING.match(m.group(2))
    title = titled.group("title") if titled else ""
    heading_end = at + m.start(2) + len(title) if title else at + len(number)
    heading = Heading(
        "part" if has_chapters else "chapter", number, chinese_to_int(m.group(1)), title, Span.of(text, at, heading_end)
    )
    rest = m.start(2) + len(title)
    return heading, Line(content[i].number, at + rest, s[rest:])


def _attachment_titled_below(text: str, content: list[Line], i: int, number: str) -> tuple[Heading, int]:
    """附件2 on a line of its own, with the attachment's title on the next line (白玉兰栽植和养护技术要求): a short line
    that is no sentence, heading, numbered item or table header. Without one, an attachment without a title."""
    span = stripped_span(text, content[i])
    j = next((k for k in range(i + 1, len(content)) if content[k].stripped), None)
    if j is None or not _attachment_title(content[j]):
        return Heading("attachment", number, 0, "", span), 1
    title = stripped_span(text, content[j])
    return Heading("attachment", number, 0, title.quote, Span.of(text, span.start, title.end)), j - i + 1


def _attachment_title(line: Line) -> bool:
    s = line.stripped
    numbered = any(rx.match(s) for rx in (PART, SUBPART, NUMBERED, ITEM, ATTACHMENT, BULLET))
    short = len(s) <= MAX_ATTACHMENT_TITLE and "。" not in s
    return short and not numbered and not _is_heading_line(s) and _cell_text(line) not in TABLE_HEADER


_SUBPART_NUMBER = re.compile(rf"[(（]([{_CN}]+)[)）]")


def _after_item_paragraph(heading: Heading, out: Segmented, stack: list[Heading]) -> bool:
    """A （N） line that is a sentence of clauses, right after the paragraph numbered （N-1） under the same heading:
    the items of one run are numbered paragraphs alike, and a short last one (（五）调查时间自…，…。) is no heading
    of what follows it (a title, （三）基本原则, still heads its bullets)."""
    if heading.kind != "part" or heading.level != 3 or not out.paragraphs or not _sentence(heading.span.quote):
        return False
    last = out.paragraphs[-1]
    parent = stack[-1] if stack else None
    return (
        last.parent is parent
        and (m := _SUBPART_NUMBER.fullmatch(last.number)) is not None
        and chinese_to_int(m.group(1)) == heading.ordinal - 1
        and (not out.headings or out.headings[-1].span.start < last.span.start)
    )


def _signed_after(content: list[Line], i: int) -> bool:
    """The document's signature date follows the line content[i] within a few lines, before any other heading:
    an 附件：… line there lists what the notice attaches (特此通知。/ 附件：… / issuer / date); the attachment
    itself begins after the signature, at its 附件 label or its title written again."""
    after = [ln.stripped for ln in content[i + 1 :] if ln.stripped][:SIGNED_WITHIN]
    for s in after:
        if SIGNATURE_DATE.match(s):
            return True
        if ATTACHMENT.match(s) or _is_heading_line(s) or PART.match(s):
            return False
    return False


def _attachment_just_opened(out: Segmented) -> bool:
    """The last thing read is an attachment's heading: nothing of its text has come yet."""
    last = out.headings[-1] if out.headings else None
    if last is None or last.kind != "attachment":
        return False
    return not out.paragraphs or out.paragraphs[-1].span.start < last.span.start


def _wrapped(kind: str, number: str, ordinal: int, title: str, text: str, content: list[Line], i: int):
    """A book, chapter or section heading, joined with a continuation line that follows without a blank."""
    first = content[i]
    lines = [first]
    nxt = content[i + 1] if i + 1 < len(content) else None
    if (
        nxt is not None
        and nxt.number == first.number + 1
        and nxt.stripped
        and len(nxt.stripped) <= 50
        and "。" not in nxt.stripped
        and not _is_heading_line(nxt.stripped)
        and not nxt.text.startswith((" ", "\u3000"))
        and not _starts_table(nxt)
    ):
        lines.append(nxt)
    start = stripped_span(text, first).start
    end = stripped_span(text, lines[-1]).end
    full_title = "".join([title.strip()] + [ln.stripped for ln in lines[1:]])
    return Heading(kind, number, ordinal, full_title, Span.of(text, start, end)), len(lines)


def _starts_table(line: Line) -> bool:
    """A table's first header cell (序号) or run-together header right under a heading starts the table: text
    without blank lines (a PDF's, a crawler's) puts it where a wrapped heading's second line would be."""
    return _cell_text(line) in TABLE_HEADER or is_run_together_header(line.stripped)


def _box_is_table(content: list[Line], j: int) -> bool:
    """A 专栏 whose first cells are an indicator-table header is a table, not a box of projects."""
    seen = 0
    while j < len(content) and seen < 3:
        if content[j].stripped:
            if _starts_table(content[j]):
                return True
            seen += 1
        j += 1
    return False


def _take_table(
    text: str,
    content: list[Line],
    i: int,
    out: Segmented,
    stack: list[Heading],
    caption: Heading | None = None,
) -> int:
    """Collect the table's lines from content[i]; returns the index after the table."""
    if caption is None:
        caption = _caption_before(text, content, i, out)
        _open(caption, stack, out)
    run_together = i < len(content) and is_run_together_header(content[i].stripped)
    j = i
    while j < len(content):
        s = content[j].stripped
        if run_together and j > i and s and (_is_heading_line(s) or _next_part(s, out) or not is_run_together_row_line(s)):
            break
        if not run_together and s and (j > i and (_is_heading_line(s) or _is_paragraph_like(s) or _next_part(s, out))):
            break
        if j > i and ATTACHMENT.match(s) and len(s) <= MAX_HEADING:
            break  # 附件2：… after the table of 附件1: the next attachment, not a cell
        j += 1
    while j > i and not content[j - 1].stripped:
        j -= 1
    out.tables.append(TableRegion(heading=caption, lines=content[i:j]))
    stack.remove(caption)
    return j


def _next_part(s: str, out: Segmented) -> bool:
    """四、… after a table in part 三、, or （三）… after one in sub-part （二）: the body's next part, which ends the
    table, not a cell of it."""
    if len(s) > MAX_HEADING or "。" in s[:-1]:
        return False
    if m := PART.match(s):
        last = next((h for h in reversed(out.headings) if h.number.endswith("、")), None)
    elif m := SUBPART.match(s):
        last = next((h for h in reversed(out.headings) if SUBPART.match(h.number + "…")), None)
    else:
        return False
    return last is not None and chinese_to_int(m.group(1)) == last.ordinal + 1


def _caption_before(text: str, content: list[Line], i: int, out: Segmented) -> Heading:
    """An uncaptioned table takes the short line just before it as its title, if it names a table (…指标, 表2,
    …清单（2023-2025年）)."""
    ordinal = len(out.tables) + 1  # every table heading opened so far has its region in out.tables (a running count)
    k = i - 1
    while k >= 0 and not content[k].stripped:
        k -= 1
    if k >= 0 and out.paragraphs and out.paragraphs[-1].line is content[k]:
        s = content[k].stripped
        if len(s) <= MAX_CELL and _TABLE_WORDS.search(s):
            para = out.paragraphs.pop()
            return Heading("table", "", ordinal, s.rstrip(":：|").strip(), para.span)
    first = stripped_span(text, content[i])
    return Heading("table", "", ordinal, "", Span.of(text, first.start, first.start))


def table_paragraphs(text: str, table: TableRegion) -> list[Paragraph]:
    """The lines of a table read as the paragraphs of the unit it stands in, one a line."""
    parent = table.heading.parent
    return [_paragraph(text, line, [parent] if parent else []) for line in table.lines if line.stripped]


def _paragraph(text: str, line: Line, stack: list[Heading]) -> Paragraph:
    span = stripped_span(text, line)
    s = span.quote
    number, body, bullet = "", 0, ""
    # 1. …, or a part that is a paragraph: 一、加大财政支持。对……给予奖励。
    if (m := NUMBERED.match(s)) or (m := PART.match(s)):
        number, body = s[: m.start(2)].strip(), m.start(2)
    elif m := SUBPART.match(s):
        number, body = s[: m.start(2)], m.start(2)
    elif m := ITEM.match(s):
        number, body = m.group(1), m.start(2)
    elif m := BULLET.match(s):
        bullet, body = m.group(1), m.end()
    return Paragraph(
        line=line, span=span, text=s, number=number, body_offset=body, parent=stack[-1] if stack else None, bullet=bullet
    )
