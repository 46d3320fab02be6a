"""The title of a policy document and the notice that issues it, each with its span.

A title is a short line (or two, when it wraps) ending with the name of a genre (…发展规划, 中共中央 国务院关于…的
意见), before the body. A notice that issues another document (关于印发《…》的通知) opens the text with its own
title, 文号, addressees, text, signature and date; the issued document's title follows it, or is the one the notice
names.
"""

from __future__ import annotations

import re

from .dates import DATE, DELIVERED, date_fact
from .issuers import SENTENCE_MARKS, bodies_in, body_facts, title_bodies
from .records import Fact, IssuingNotice, Line, Span
from .script import to_simplified

# A 文号 (沪交科〔2023〕261号); a page may space it out before its bracket or its 号 (沪交道运 〔2023〕328号, …61 号).
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[ \u3000]?[〔\[［(（]\d{4}[〕\]］)）]\d+[ \u3000]?[号號]")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")  # a Markdown heading's marks: not part of the title
# A title: a short line ending with the name of a genre, before any trailing （试行） or （2021—2025年）. A 报告 is a
# title as a work report (…工作报告) or as the report of a body on a matter (…关于…的报告), one of the kinds of
# official document; a bare …报告 may be anything's (监测报告).
# 关于…的通告 / 公告 / 通报 / 函 are official documents too (a 通告 that restricts traffic, a 函 that arranges a year's work).
# The genre's name alone, or after a mark (a menu's 政策, > 通知), names no document.
_TITLE_END = re.compile(
    r"(?:(?<=[\w”\"》）)])(?:规划|纲要|建议|要点|计划|方案|意见|措施|举措|政策|办法|细则|通知|决定|工作报告|工作思路)|关于.+的(?:报告|通告|公告|通报|函))"
    r"[”\"]?$"
)
_TRAILER = re.compile(r"(?:\s*[（(][^（）()]{1,20}[）)])+$")
# The verbs of a notice that issues a document: its own (印发, 下发, 颁发) or one a lower body drafted (转发, 批转).
_ISSUING = r"(?:印发|转发|批转|下发|颁发)"
_WRAPPER = re.compile(rf"^(?:关于)?{_ISSUING}")  # the start of a wrapped 关于印发《…》的通知
# The title of a notice that issues another document: 关于印发《广东省养老服务三年行动计划（2023—2025年）》的通知.
# A notice passing on a lower body's document names that body first: 关于转发区建设管理委制订的《…》的通知,
# 关于批转区文化局《…》的通知 (a short name, no punctuation, before the 《》).
# 国务院关于印发"十四五"国家老龄事业发展和养老服务体系规划的通知 names the issued document without 《》.
# A page may give the notice's title with its 文号 after it: …的通知(川发改价格〔2025〕480号); a space may stand before
# the 《 (关于印发 《黄浦区城市更新“十五五”规划》的通知).
_NOTICE_TITLE = re.compile(
    rf"(?:关于)?{_ISSUING}\s*(?:[^《》。，、；“”\s]{{0,24}}?\s*《(?P<issued>[^《》]{{2,80}})》|(?P<bare>[^《》]{{2,80}}?"
    r"(?:规划|纲要|方案|计划|意见|措施|办法|细则|要点|工作思路)(?:[（(][^（）()]{1,20}[）)])?))的?(?:通知|通告)"
    rf"(?:[（(](?P<number>{DOC_NUMBER.pattern})[）)])?$"
)
_NOTICE_END = re.compile(r"^[（(]此件(?:公开发布|主动公开)[）)]$|^特此(?:通知|通告|公告)。?$")
_CLOSING = re.compile(r"^特此(?:通知|通告|公告)")  # the closing formula of a notice, not a title
_FIELD = re.compile(r"^[^\s:：]{1,10}: ")  # a field of a dump's header (本地目录: zwgk/…/…工作计划), not a title
# A work report's title, then the subtitle of the day and meeting it was delivered at (政府工作报告 / ——2024年1月18日在
# …人民代表大会第三次会议上), on lines of their own or run together (…管委会工作报告—2024年1月18日在…会议上).
REPORT_HEAD = re.compile(rf"^(?:(?P<title>[^\s。，；：、《》]{{2,60}}?工作报告)\s*)?{DELIVERED.pattern}")
_DASHES = re.compile(r"[—–－~～]+")
_NAME_NOISE = re.compile(r"\s+")
_ATTACHED = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*[:：]")  # 特此通知。/ 附件：… / signature
# A title line that is one name in book-title marks (# 《上海市长宁区国民经济和社会发展第十五个五年规划纲要》, as pages
# give a plan's own title): the name inside is the title.
_BOOK_MARKED = re.compile(r"^《(?P<name>[^《》]+)》$")


def line_span(text: str, line: Line) -> Span:
    """A line's span without its surrounding spaces."""
    lead = len(line.text) - len(line.text.lstrip())
    return Span.of(text, line.start + lead, line.start + len(line.text.rstrip()))


def title_span(text: str, line: Line) -> Span:
    """A title line's span without surrounding spaces or Markdown heading marks."""
    span = line_span(text, line)
    mark = _HEADING_MARK.match(span.quote)
    return Span.of(text, span.start + mark.end(), span.end) if mark else span


def find_title(text: str, content: list[Line], first_heading: int, named: Fact | None = None) -> Fact | None:
    """The document's title line before its first heading: a short line (or two, when it wraps) ending with the
    name of a genre (…发展规划, 中共中央 国务院关于…的意见), not a sentence, not the notice that issues it
    (whose 《…》, named, tells a title wrapped after any word)."""
    found = _title_line(text, content, first_heading, named)
    if not found:
        return None
    listed = _without_number(text, found)
    return (listed is not found and _signed_title(text, content, first_heading, listed)) or listed


# A page lists a document by its title with its 文号 in brackets after it: …的通知(发改能源规〔2020〕816号).
_NUMBERED = re.compile(rf"\s*[（(]{DOC_NUMBER.pattern}[）)]$")


def _without_number(text: str, title: Fact) -> Fact:
    """The title without the 文号 a page's listing puts after it: the number is the document's, not its title's."""
    m = _NUMBERED.search(title.value)
    if not m or not title.span or title.span.quote != title.value:
        return title
    return Fact(title.value[: m.start()], Span.of(text, title.span.start, title.span.start + m.start()))


def _signed_title(text: str, content: list[Line], first_heading: int, listed: Fact) -> Fact | None:
    """The document's own title that follows a page's listing of it: the same title with its issuing bodies before
    it (国家发展改革委 国家能源局关于加强和规范电网 / 规划投资管理工作的通知), on a line or wrapped over two."""
    assert listed.span is not None  # a listed title is a line's
    after = [ln for ln in content if listed.span.end <= ln.start < first_heading and ln.stripped]
    for i in range(len(after)):
        for block in (after[i : i + 1], after[i : i + 2]):
            spans = [title_span(text, ln) for ln in block]
            name = "".join(sp.quote for sp in spans)
            bodies = name[: len(name) - len(listed.value)]
            if name.endswith(listed.value) and bodies.strip() and bodies_in(bodies.strip(), text[:3000]):
                return Fact(name, Span.of(text, spans[0].start, spans[-1].end))
    return None


def _title_line(text: str, content: list[Line], first_heading: int, named: Fact | None) -> Fact | None:
    """The first line (or lines) before the first heading that find_title takes for the title."""
    head = [ln for ln in content if ln.start < first_heading and ln.stripped]
    for i, line in enumerate(head):
        this = title_span(text, line)
        nxt = title_span(text, head[i + 1]) if i + 1 < len(head) else None
        if nxt and named and _same_name(this.quote + nxt.quote, named.value):
            return Fact(this.quote + nxt.quote, Span.of(text, this.start, nxt.end))  # …示范区 / 深化建设三年行动计划
        if (m := REPORT_HEAD.match(this.quote)) and m.group("title"):
            return Fact(m.group("title"), Span.of(text, this.start, this.start + m.end("title")))
        if signed := _after_signature(text, this):
            return signed
        if _is_title(this.quote) and nxt and _TRAILER.fullmatch(nxt.quote) and "月" not in nxt.quote:
            # …政策措施 / （2025—2027年）, …办法 / （试行）: not the date of issue below it (（2018年1月2日）)
            return Fact(this.quote + nxt.quote, Span.of(text, this.start, nxt.end))
        if _is_title(this.quote):
            return Fact(this.quote, this)
        if (m := _BOOK_MARKED.match(this.quote)) and _is_title(m.group("name")):
            return Fact(m.group("name"), Span.of(text, this.start + m.start("name"), this.start + m.end("name")))
        if nxt is None or SENTENCE_MARKS.search(this.quote):
            continue
        # 国务院办公厅关于推进 / 政务新媒体健康有序发展的意见: a title wrapped after 关于… joins its next line
        if _is_title(this.quote + nxt.quote) and (not _is_title(nxt.quote) or "关于" in to_simplified(this.quote)):
            return Fact(this.quote + nxt.quote, Span.of(text, this.start, nxt.end))
        # 国务院关于在…先行区 / 暂时调整实施《…管理法 / 实施条例》有关规定的决定: a long title wrapped twice
        third = title_span(text, head[i + 2]) if i + 2 < len(head) else None
        wrapped = this.quote + nxt.quote + (third.quote if third else "")
        if third and "关于" in to_simplified(this.quote) and not SENTENCE_MARKS.search(nxt.quote) and _is_title(wrapped):
            return Fact(wrapped, Span.of(text, this.start, third.end))
    return None


# A notice's signature a scrape ran into the title of the document it issues: its bodies, date and （此件公开发布）
# (市场监管总局2022年7月29日（此件公开发布）“十四五”认证认可检验检测发展规划).
_RUN_IN_SIGNATURE = re.compile(
    r"^(?P<bodies>[^\s\d，。；：:]{2,40}?)\d{4}年\d{1,2}月\d{1,2}日(?:[（(]此件[^（）()]{2,6}[）)])?(?=\S)"
)


def _after_signature(text: str, line: Span) -> Fact | None:
    """The title that follows a notice's signature run into the same line, when the line holds nothing else."""
    m = _RUN_IN_SIGNATURE.match(line.quote)
    if not (m and bodies_in(m.group("bodies"), text[:3000]) and _is_title(rest := line.quote[m.end() :])):
        return None
    return Fact(rest, Span.of(text, line.start + m.end(), line.end))


# A signature and its date on one line, a page having lost the break between them: 平潭综合实验区管委会办公室2023年11月3日.
_SIGNED_DATE = re.compile(rf"^(?P<bodies>[^\s\d，。；：:]{{2,40}}?)\s*(?P<date>{DATE.pattern})$")


# The same run into a paragraph a crawler did not break: …（闽政办〔2012〕99号）平潭综合实验区管委会办公室2012年7月18日
_SIGNED_DATE_IN = re.compile(
    rf"(?:^|(?<=[。）)]))\s*(?P<bodies>[^\s\d，。；：:（）()《》“”]{{2,40}}?)\s*(?P<date>{DATE.pattern})"
)


def signed_date_in(text: str, lines: list[Line]) -> Fact | None:
    """The date of the first signature run into its date inside the lines (after a sentence or a bracket), every
    name before it a body's."""
    for line in lines:
        for m in _SIGNED_DATE_IN.finditer(line.text):
            if bodies_in(m.group("bodies"), text[:3000]) and (date := date_fact(text, line.start, m, "date")):
                return date
    return None


def signed_date(text: str, line: Line) -> tuple[list[Fact], Fact] | None:
    """The bodies and the date of a line that is a signature run into its date, when every name is a body's."""
    span = line_span(text, line)
    m = _SIGNED_DATE.match(span.quote)
    if not m or not (date := date_fact(text, span.start, m, "date")):
        return None
    found = bodies_in(m.group("bodies"), text[:3000])
    if not found:
        return None
    start = span.start + m.start("bodies")
    return [Fact(text[start + a : start + b], Span.of(text, start + a, start + b)) for _, a, b in found], date


_PAGE_TITLE = re.compile(r"^\s*(?:标题|標題)\s*[:：]\s*(?P<title>\S.*?)\s*$")


def issued_title(title: str) -> str:
    """The title of the document a notice's title issues (关于印发《X》的通知 → X), else the title itself: one plan,
    whether a copy of it opens with its issuing notice or with its own title."""
    issued = _NOTICE_TITLE.search(title)
    return (issued.group("issued") or issued.group("bare")) if issued else title


def page_title(text: str, page_metadata: list[Line]) -> Fact | None:
    """The title a page's 标题 field gives, for a body that repeats none (a scrape that starts at the 目录): the
    document's own, or the one a notice's title names (关于印发《…》的通知)."""
    for line in page_metadata:
        if not (m := _PAGE_TITLE.match(line.text)):
            continue
        start, value = line.start + m.start("title"), m.group("title")
        issued = _NOTICE_TITLE.search(to_simplified(value))
        name = issued and (issued.group("issued") or issued.group("bare"))
        if name and (at := value.find(name)) >= 0:
            return Fact(name, Span.of(text, start + at, start + at + len(name)))
        return Fact(value, Span.of(text, start, start + len(value))) if _is_title(value) else None
    return None


def page_notice_bodies(text: str, page_metadata: list[Line]) -> list[Fact]:
    """The bodies a page's 标题 names when it is the title of the notice issuing the document (市场监管总局关于印发
    《…》的通知): the issuers, though the page was published by another body (发布机构: a county's bureau)."""
    for line in page_metadata:
        if (m := _PAGE_TITLE.match(line.text)) and _NOTICE_TITLE.search(to_simplified(m.group("title"))):
            start = line.start + m.start("title")
            return title_bodies(text, Fact(m.group("title"), Span.of(text, start, start + len(m.group("title")))))
    return []


def _same_name(a: str, b: str) -> bool:
    """Two writings of one title: spaces aside, any dash between years (2024-2026, 2024—2026) alike."""
    return _NAME_NOISE.sub("", _DASHES.sub("-", a)) == _NAME_NOISE.sub("", _DASHES.sub("-", b))


def _is_title(s: str) -> bool:
    simplified = to_simplified(s)
    return (
        len(s) <= 80
        and not _CLOSING.match(simplified)
        and "。" not in s
        and bool(_TITLE_END.search(_TRAILER.sub("", simplified)))
        and not simplified.startswith(("《", "表", "专栏", "附件"))
        and not _WRAPPER.match(simplified)
        and not ("》" in simplified and "《" not in simplified.split("》")[0])  # the end of a wrapped 关于印发《…》
        and not simplified.endswith(("：", ":"))
        and not _FIELD.match(s)
    )


def find_notice(text: str, head: list[Line]) -> tuple[IssuingNotice | None, Fact | None]:
    """The notice that issues the plan, when the text opens with one (its title may wrap over lines), and the
    issued document's title as the notice names it (《…》, the plan's title when the plan repeats none)."""
    lines = [ln for ln in head if ln.stripped and not _FIELD.match(ln.stripped)]  # not 本地目录: …关于印发…的通知
    for i in range(len(lines)):
        for k in (1, 2, 3):
            block = lines[i : i + k]
            title = "".join(title_span(text, ln).quote for ln in block)
            if len(block) < k or "。" in title or DOC_NUMBER.fullmatch(block[0].stripped):
                break
            m = _NOTICE_TITLE.search(to_simplified(title))
            if m and _joined(text, block, m.start()) and len(to_simplified(title)) == len(title):
                first = _stacked_issuers(text, lines, i) if m.start() > 0 or i > 0 else i
                notice, issued = _notice(text, lines, first, i + k, m)
                forwarded = _forwarded(text, notice.span.end, lines[-1].end) if "转发" in m.group() else None
                return forwarded or (notice, issued)
    return None, None


# A notice passing a plan's figures down to the bodies below (关于下达2024年国民经济和社会发展计划的通知, 关于下达《…》的通知):
# what it passes down, named in 《》 or not.
_PASSING_DOWN = re.compile(r"关于下达(?:《(?P<named>[^《》]{2,80})》|(?P<bare>[^《》。，；：\s]{2,80}?))的?通知$")


def passed_down(head: list[Line]) -> str | None:
    """What a notice passing figures down (下达) names as passed down, as written (《…》 kept), when one of the
    head's lines is such a notice's title."""
    for line in head:
        m = _PASSING_DOWN.search(to_simplified(line.stripped))
        if m and len(to_simplified(line.stripped)) == len(line.stripped):
            return line.stripped[m.start("named") - 1 : m.end("named") + 1] if m.group("named") else m.group("bare")
    return None


# The notice a relay (关于转发…的通知) passes on, reproduced after it: its issuers, its title issuing the document, its
# 文号, run together as a crawler leaves them or on lines of their own (应急管理部 国家矿山安全监察局关于印发《…》的通知
# 应急〔2022〕64号), then its addressees, text and signature (…认真贯彻执行。应急管理部 国家矿山安全监察局2022年7月19日).
_FORWARDED = re.compile(
    r"(?:(?<=\d日)|(?<=[。\s]))(?P<title>(?P<bodies>[^\s，。；：、《》<>\d关]{2,30}(?:\s[^\s，。；：、《》<>\d关]{2,30})*)"
    rf"关于(?:印发|下发|颁发)《(?P<issued>[^《》]{{2,80}})》的通知)\s*(?P<number>{DOC_NUMBER.pattern})"
)
_SIGNED = re.compile(rf"(?<=。)(?P<bodies>[^，。；：、《》\d]{{2,60}}?)\s*(?P<date>{DATE.pattern})")


def _forwarded(text: str, start: int, end: int) -> tuple[IssuingNotice, Fact] | None:
    """The notice a relay passes on, when the relay reproduces it whole (its title, 文号 and signature): it, not the
    relay, issues the document, which the relay only sends on to the bodies below."""
    m = _FORWARDED.search(text, start, end)
    if m is None or not (issuers := bodies_in(m.group("bodies"), text[:3000])):
        return None
    title = Fact(m.group("title"), Span.of(text, m.start("title"), m.end("title")))
    names = [body.name for body, _, _ in issuers]
    signed = next((s for s in _SIGNED.finditer(text, m.end(), end) if _names(s.group("bodies"), text) == names), None)
    if signed is None:
        return None
    notice = IssuingNotice(title, Span.of(text, m.start(), signed.end()))
    notice.doc_number = Fact(m.group("number"), Span.of(text, m.start("number"), m.end("number")))
    notice.date = date_fact(text, 0, signed, "date")
    at = m.start("bodies")
    notice.issuers = [Fact(m.group("bodies")[a:b], Span.of(text, at + a, at + b)) for _, a, b in issuers]
    return notice, Fact(m.group("issued"), Span.of(text, m.start("issued"), m.end("issued")))


def _names(words: str, text: str) -> list[str]:
    return [body.name for body, _, _ in bodies_in(words.strip(), text[:3000])]


def _stacked_issuers(text: str, lines: list[Line], first: int) -> int:
    """Where a title block starts whose issuers stand a name a line above it, as a joint document sets them (重庆市
    经济和信息化委员会 / 重庆市财政局 / … / 重庆市商务委员会 / 关于印发《…》的通知): the first of those lines."""
    while first > 0 and not DOC_NUMBER.fullmatch(lines[first - 1].stripped) and body_facts(text, lines[first - 1], ""):
        first -= 1
    return first


def _joined(text: str, block: list[Line], start: int) -> bool:
    """The lines form one wrapped title: it starts on the first line, or the lines before its start name the
    issuers (省民政厅 省发展改革委 / 关于印发《…》的通知), not page chrome (网站支持ipv6 / 搜 索)."""
    before = 0
    for line in block:
        width = len(title_span(text, line).quote)
        if start < before + width:
            return True
        if not body_facts(text, line, ""):
            return False
        before += width
    return False


def _notice(text: str, lines: list[Line], first: int, after_title: int, m: re.Match[str]) -> tuple[IssuingNotice, Fact | None]:
    """The notice from its 文号 or title on, up to its signature date (or 此件公开发布, 特此通知), else its title."""
    spans = [title_span(text, ln) for ln in lines[first:after_title]]
    title = "".join(sp.quote for sp in spans)
    titled = Span.of(text, spans[0].start, spans[-1].end)
    numbered = first > 0 and DOC_NUMBER.fullmatch(lines[first - 1].stripped)
    start = line_span(text, lines[first - 1]).start if numbered else titled.start
    last = after_title - 1
    for j in range(after_title, len(lines)):
        s = lines[j].stripped
        if DATE.fullmatch(s) or _NOTICE_END.match(to_simplified(s)) or signed_date(text, lines[j]):
            last = j
        elif last >= after_title and not body_facts(text, lines[j], "") and not _ATTACHED.match(s):
            break  # past the signature and its date: the issued document begins
    notice = IssuingNotice(Fact(title, titled), Span.of(text, start, line_span(text, lines[last]).end))
    own = lines[first - 1 if numbered else first : last + 1]
    notice.doc_number = doc_number(text, [ln for ln in own if DOC_NUMBER.fullmatch(ln.stripped)]) or _named(
        text, titled, m.group("number")
    )
    notice.date = next(
        (f for ln in own if (d := DATE.fullmatch(ln.stripped)) and (f := date_fact(text, line_span(text, ln).start, d))), None
    ) or next((signed[1] for ln in own if (signed := signed_date(text, ln))), None)
    notice.issuers = _signature(text, lines[after_title : last + 1]) or title_bodies(
        text, notice.title
    )  # 上海市崇明区人民政府办公室关于印发…, unsigned
    return notice, _named(text, titled, m.group("issued") or m.group("bare"))


def _named(text: str, title: Span, name: str | None) -> Fact | None:
    """The fact of a name the notice's title gives (the issued document, the 文号), with its span in the title."""
    at = title.quote.find(name) if name else -1
    return Fact(name, Span.of(text, title.start + at, title.start + at + len(name))) if name and at >= 0 else None


def _signature(text: str, lines: list[Line]) -> list[Fact]:
    """The bodies signing a notice: the lines of names right above its date (not the names heading its title), and
    those its date line opens with when the two run together."""
    dated = next((i for i, ln in enumerate(lines) if DATE.fullmatch(ln.stripped) or signed_date(text, ln)), len(lines))
    run_in = signed_date(text, lines[dated]) if dated < len(lines) else None
    signed: list[Fact] = run_in[0] if run_in else []
    for line in reversed(lines[:dated]):
        found = body_facts(text, line, text[:3000])
        if not found:
            break
        signed = found + signed
    return signed


def doc_number(text: str, lines: list[Line]) -> Fact | None:
    """The first 文号 in the lines, written without the spaces a page put inside it."""
    for line in lines:
        if m := DOC_NUMBER.search(line.text):
            return Fact(re.sub(r"[ \u3000]", "", m.group()), Span.of(text, line.start + m.start(), line.start + m.end()))
    return None
