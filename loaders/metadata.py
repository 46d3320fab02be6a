"""Plan metadata: title, region, date, document number, issuers, period, genre, entry into force and validity.

Each fact comes from a span of the text (the title line, the page metadata block, the notice's signature, a date
line) or from the document's sidecar file (NAME.meta.json beside it), which overrides the text, and says which.
Titles and issuing notices are found by loaders.titles, bodies by loaders.issuers, dates by loaders.dates.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from plankg.graph.vocab import DOC_TYPES

from .dates import (
    ADOPTED,
    ADOPTION_NOTE,
    ANNUAL_OPENING,
    DATE,
    DATE_LINE,
    EFFECTIVE,
    EFFECTIVE_ON_ISSUE,
    ISO_DATE,
    TITLE_RANGE,
    date_fact,
    horizon_in,
    period_from_validity,
    validity_in,
)
from .errors import LoadError
from .genre import genre_of_text, genre_of_title
from .issuers import body_facts, recognise, title_bodies
from .numerals import FIVE_YEAR_NAME, five_year_names, five_year_period
from .records import Fact, IssuingNotice, Line, PlanMetadata, Span
from .regions import NATION, NATION_NAMES, Region, region_of_text, regions_named
from .script import to_simplified
from .titles import (
    DOC_NUMBER,
    REPORT_HEAD,
    doc_number,
    find_notice,
    find_title,
    line_span,
    page_notice_bodies,
    page_title,
    signed_date,
    signed_date_in,
)
from .zones import find_place, zone_of_body, zone_of_text

_DATE_LABELLED = re.compile(
    r"(?P<label>成文日期|签发时间|签发日期|發布時間|发布时间|发布日期|發布日期|生成日期|时间|時間)\s*[:：]?\s*"
    r"(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|(?P<cn>\d{4}年\d{1,2}月\d{1,2}日))"
)
_DATE_RANK = {"成文日期": 0, "签发时间": 1, "签发日期": 1}  # the document's own date before the page's
_EFFECTIVE_LABELLED = re.compile(r"(?:生效时间|生效日期|施行日期|实施日期)\s*[:：]?\s*")
_DATE_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_ISSUER_FIELD = re.compile(r"(?:发布机构|發布機構|发文机关|發文機關|发文单位|制发机关|信息来源|信息來源)\s*[:：]?\s*(\S+)")
_PERIOD = re.compile(r"(?:规划期|规划近期|规划期限)[为是:：\s]*(20\d\d)\s*年?\s*(?:至|-|—|–|到|~)\s*(20\d\d)\s*年")
_FIVE_YEAR_TIME = re.compile(rf"[“\"]?({FIVE_YEAR_NAME.pattern})[”\"]?(?:时期|期间)")  # the period a preamble names
# A title naming one year for the whole document: 2021年…工作要点, 2021年本区城市体检工作方案; of two years, the one
# the genre word follows (2024年工作总结及2025年工作计划 plans 2025).
# A body's report on its work points (…暨2023年工作要点的报告) is dated by them as the points are, and a report on the
# plan of the year (…及2017年国民经济和社会发展计划(草案)的报告) by that plan. A year may stand without 年 before 工作
# (海坛片区管理局2022工作计划).
_TITLE_YEAR = re.compile(
    r"(20\d\d)(?:年|(?=工作))(?!\d|[底末前后初])(?:(?!20\d\d年)[^（(]){0,30}?(?:要点|工作计划|计划|方案|安排|思路)"
    r"(?:[（(].{0,10}[）)])?(?:的报告)?(?:[（(].{0,10}[）)])?$"
)
# …实施方案（2023年）, …若干举措（2026年）: the year in brackets after the genre is the plan's own
_TITLE_YEAR_AFTER = re.compile(r"(?:要点|计划|方案|安排|措施|举措)[（(](20\d\d)年[）)]$")
# The year whose work a work report arranges: 二、2024年工作安排, 2024年政府工作任务.
_WORK_ARRANGED = re.compile(r"(20\d\d)年(?:政府)?工作(?:安排|任务|部署)")
# A work report names who delivers it (现在，我代表国务院，向大会报告政府工作): its issuer.
_REPORTER = re.compile(r"我代表(?P<body>[^，,。；：\s]{2,30}?)[，,]?向(?:大会|全会)报告")
# A report delivered by an official on a government's behalf (受平潭县人民政府的委托，我向大会作《…报告》): the government's.
_DELEGATED = re.compile(r"受(?P<body>[^，,。；：\s]{2,30}?)的?委托[，,]\s*我向(?:大会|全会)(?:作|报告)")
TAIL_LINES = 12  # a signature and date follow the body within its last lines
# 附件 / 附件1 alone, or 附件1： with the attachment's title (not 附件：1.…, the notice's listing before its signature)
_ANNEX_MARK = re.compile(
    r"^[ \t\u3000]*附件[ \t\u3000]*(?:[\d一二三四五六七八九十]*|[\d一二三四五六七八九十]+[ \t\u3000]*[:：].*)[ \t\u3000]*$", re.M
)

_SIDECAR_FORMS = [
    ("period", re.compile(r"(?:19|20)\d\d(?:-(?:19|20)\d\d)?|to-(?:19|20)\d\d"), "2021-2025, 2021 or to-2025"),
    ("date", re.compile(r"(?:19|20)\d\d-\d\d-\d\d"), "2021-09-06"),
]
SIDECAR_KEYS = {"title", "region", "date", "doc_number", "issuers", "period", "doc_type", "source_url"}


def read_sidecar(path: Path) -> dict:
    """The sidecar facts for a document, or {} when it has none."""
    sidecar = path.with_name(path.stem + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise LoadError(sidecar.name, f"sidecar metadata is not valid JSON: {exc}") from exc
    unknown = set(data) - SIDECAR_KEYS
    if unknown:
        raise LoadError(sidecar.name, f"unknown sidecar keys: {', '.join(sorted(unknown))}")
    if "doc_type" in data and data["doc_type"] not in DOC_TYPES:
        raise LoadError(sidecar.name, f"unknown doc_type {data['doc_type']!r}: one of {', '.join(DOC_TYPES)}")
    for key, form, example in _SIDECAR_FORMS:
        if key in data and not form.fullmatch(str(data[key])):
            raise LoadError(sidecar.name, f"sidecar {key} {data[key]!r} is not of the form {example}")
    if not isinstance(data.get("issuers", []), list):
        raise LoadError(sidecar.name, "sidecar issuers must be a list of names")
    return data


def extract_metadata(
    text: str, content: list[Line], page_metadata: list[Line], first_heading: int, sidecar: dict
) -> tuple[PlanMetadata, Region | None]:
    """All plan-level facts, and the plan's region (None when neither the text nor the sidecar states one).
    A sidecar fact overrides what the text says: it is the user's correction or addition."""
    meta = PlanMetadata()
    head = [ln for ln in content if ln.start < first_heading]
    meta.notice, issued_title = find_notice(text, head)
    after_notice = [ln for ln in content if not meta.notice or ln.start >= meta.notice.span.end]
    meta.title = (
        _from_sidecar(sidecar, "title")
        or find_title(text, after_notice, first_heading, issued_title)
        or issued_title
        or page_title(text, page_metadata)
    )
    tail = _tail(text, content, first_heading) if first_heading < len(text) else []
    meta.date = _from_sidecar(sidecar, "date") or _date(text, page_metadata, head, meta.notice, tail, first_heading)
    own_lines = [ln for ln in head if DOC_NUMBER.fullmatch(ln.stripped)]  # a 文号 line, not one cited in a sentence
    meta.doc_number = (
        _from_sidecar(sidecar, "doc_number")
        or doc_number(text, own_lines)
        or (meta.notice and meta.notice.doc_number)
        or doc_number(text, page_metadata)
    )
    meta.issuers = [Fact(v, from_sidecar=True) for v in sidecar.get("issuers", [])] or _distinct(
        _issuers(text, page_metadata, head, tail, meta.title, meta.notice)
    )
    meta.source_url = _from_sidecar(sidecar, "source_url")
    meta.effective, meta.validity = _in_force(text, content, page_metadata, meta.date)
    title = meta.title.value if meta.title else ""
    first = next((ln.start for ln in content if ln.stripped), 0)
    meta.doc_type = _from_sidecar(sidecar, "doc_type") or _doc_type(text, meta.title, first, None)
    meta.period = _from_sidecar(sidecar, "period") or _period(text, title, meta, first)
    # a 规划 whose stated years (规划期为2021至2025年) span five is a five-year plan
    if (
        meta.doc_type
        and meta.doc_type.value == "special-plan"
        and not meta.doc_type.from_sidecar
        and meta.period
        and meta.period.span
        and len(re.findall(r"20\d\d", meta.period.span.quote)) == 2
    ):
        meta.doc_type = _doc_type(text, meta.title, first, meta.period.value)
    region, meta.region = _region(text, meta, sidecar)
    return meta, region


def _tail(text: str, content: list[Line], first_heading: int) -> list[Line]:
    """The last lines of the body, where its signature and date stand: before an annex (附件 or 附件1 alone on a line,
    which the clean stage sets aside with links to download one, then the attached form or table) when one follows."""
    lines = [ln for ln in content if ln.stripped and ln.start >= first_heading]
    annex = next((m.start() for m in _ANNEX_MARK.finditer(text, lines[0].end)), len(text)) if lines else len(text)
    return [ln for ln in lines if ln.start < annex][-TAIL_LINES:]


def _from_sidecar(sidecar: dict, key: str) -> Fact | None:
    return Fact(str(sidecar[key]), from_sidecar=True) if key in sidecar else None


def _date(
    text: str, page_metadata: list[Line], head: list[Line], notice: IssuingNotice | None, tail: list[Line], first_heading: int
) -> Fact | None:
    """The document's own date: a page's 成文日期 or 签发时间, the date line under the title or the notice's, its
    adoption or approval (…通过, …批准), the date under the signature; else the date the page was published
    (发布日期, 时间)."""
    page = _page_date(text, page_metadata)
    if page and page[0] < 2:
        return page[1]
    own = (
        _head_date(text, head)
        or (notice.date if notice else None)
        or _date_line(text, head)[0]
        or _adoption_date(text, head, first_heading)
        or signed_date_in(text, head)
        or _signature_date(text, tail)
    )
    return own or (page[1] if page else None)


def _page_date(text: str, page_metadata: list[Line]) -> tuple[int, Fact] | None:
    """The page's labelled date with its rank (成文日期 0, 签发 1, 发布 2)."""
    labelled = []
    for line in page_metadata:
        for m in _DATE_LABELLED.finditer(line.text):
            if m.group("cn"):
                d = DATE.search(m.group("cn"))  # none for a year DATE does not take (3021年)
                fact = date_fact(text, line.start + m.start("cn"), d) if d else None
            else:
                fact = date_fact(text, line.start, m)
                fact = fact and Fact(fact.value, Span.of(text, line.start + m.start("y"), line.start + m.end()))
            if fact:
                labelled.append((_DATE_RANK.get(to_simplified(m.group("label")), 2), fact))
    return min(labelled, key=lambda r: r[0]) if labelled else None


def _head_date(text: str, head: list[Line]) -> Fact | None:
    """A line that is only a date, or a signature run into its date, before the first heading (the notice's)."""
    for line in head:
        if m := _DATE_CN.match(line.stripped):
            y, mo, d = (int(g) for g in m.groups())
            return Fact(f"{y:04d}-{mo:02d}-{d:02d}", line_span(text, line))
        if signed := signed_date(text, line):
            return signed[1]
    return None


def _date_line(text: str, head: list[Line]) -> tuple[Fact | None, Fact | None]:
    """（2018年1月2日） under a title, or （2020年10月29日中国共产党第十九届中央委员会第五次全体会议通过）: the date,
    and the body that adopted the document when the line names one; or a report's subtitle, the day it was
    delivered (——2024年1月18日在…人民代表大会第三次会议上), a meeting that heard it, not its issuer."""
    for line in head:
        s = line.stripped
        if m := REPORT_HEAD.match(s):
            return date_fact(text, line_span(text, line).start, m, "date"), None
        if m := DATE_LINE.match(s):
            start = line_span(text, line).start
            date = date_fact(text, start, m, "date")
            body = None
            if (b := ADOPTED.match(m.group("body"))) and recognise(b.group("body")):
                at = start + m.start("body")
                body = Fact(b.group("body"), Span.of(text, at, at + len(b.group("body"))))
            return date, body
    return None, None


def _adoption_date(text: str, head: list[Line], first_heading: int) -> Fact | None:
    """The date of a note of adoption or approval that opens a line before the first heading and may run on past it
    (〔二〇二一年一月十五日…工作 / 委员会第一次委员（扩大）会议通过〕, under a title set on several lines): a document
    adopted by a meeting is dated by it, not by the day its page was published. A note inside a sentence is not the
    document's."""
    for line in head:
        opening = line.start + len(line.text) - len(line.text.lstrip())
        if m := ADOPTION_NOTE.match(text, opening, first_heading):
            return date_fact(text, 0, m, "date")
    return None


def _signature_date(text: str, tail: list[Line]) -> Fact | None:
    """The date under the issuer's signature after the body (国务院办公厅 / 2018年5月10日)."""
    for line in reversed(tail):
        if (m := DATE.fullmatch(line.stripped)) and (fact := date_fact(text, line_span(text, line).start, m)):
            return fact
    return None


def _issuers(
    text: str, page_metadata: list[Line], head: list[Line], tail: list[Line], title: Fact | None, notice: IssuingNotice | None
) -> list[Fact]:
    """Who issued the document, from the first place that says: the issuing notice (its signature, else its title),
    signature lines before the body, the title line (中共中央 国务院关于…), the body a report is delivered for
    (我代表国务院，向大会报告…), the page's 标题 when it is the issuing notice's title, the page's 发布机构 / 发文机关
    field, the date line (…全体会议通过), the signature after the body."""
    if notice and notice.issuers:
        return notice.issuers
    context = text[:3000]
    if signed := [f for line in head for f in body_facts(text, line, context)]:
        return signed
    adopted = _date_line(text, head)[1]
    if title and (found := title_bodies(text, title)):
        # 中共中央关于…的建议 / （2020年10月29日中国共产党第十九届中央委员会第五次全体会议通过）: both say who
        return found + ([adopted] if adopted and adopted.value not in {f.value for f in found} else [])
    if reporter := _reporter(text, head):
        return [reporter]
    if noticed := page_notice_bodies(text, page_metadata):
        return noticed
    for line in page_metadata:
        # a body's name, not the site's (发布机构: 中国平潭, the portal that posted the page)
        if (m := _ISSUER_FIELD.search(line.text)) and recognise(m.group(1), context=context):
            return [Fact(m.group(1), Span.of(text, line.start + m.start(1), line.start + m.end(1)))]
    if adopted:
        return [adopted]
    signature: list[Fact] = []
    broken = None
    for i, line in enumerate(tail):
        later = tail[i + 1 :]
        if line is broken or not any(DATE.fullmatch(ln.stripped) for ln in later[:3]):
            continue
        if joined := _broken_name(text, line, later[0]):
            signature.append(joined)
            broken = later[0]
        else:
            signature.extend(body_facts(text, line, context))
    return signature


def _broken_name(text: str, line: Line, nxt: Line) -> Fact | None:
    """A central body's name a page broke over two lines (国家发 / 展改革委), neither part a central body's."""
    name = line.stripped + nxt.stripped
    body = recognise(name)
    if not (body and body.central) or any((b := recognise(ln.stripped)) and b.central for ln in (line, nxt)):
        return None
    return Fact(name, Span.of(text, line_span(text, line).start, line_span(text, nxt).end))


def _distinct(issuers: list[Fact]) -> list[Fact]:
    """Each body once, where it is first named: a page names its issuer in its facts and again above the title."""
    first = {f.value: f for f in reversed(issuers)}
    return [f for f in issuers if first[f.value] is f]


def _reporter(text: str, head: list[Line]) -> Fact | None:
    """The body a work report speaks for (我代表县人民政府，向大会报告工作; 受…人民政府的委托，我向大会作…报告), when it is
    a body."""
    for line in head:
        m = _REPORTER.search(line.text) or _DELEGATED.search(line.text)
        if m and recognise(m.group("body"), context=text[:3000]):
            return Fact(m.group("body"), Span.of(text, line.start + m.start("body"), line.start + m.end("body")))
    return None


def _in_force(text: str, content: list[Line], page_metadata: list[Line], issued: Fact | None) -> tuple[Fact | None, Fact | None]:
    """When the document enters into force and how long it stays in force, where it says so."""
    effective = None
    for line in page_metadata:
        if (m := _EFFECTIVE_LABELLED.search(line.text)) and (
            d := DATE.search(line.text, m.end()) or ISO_DATE.search(line.text, m.end())
        ):
            effective = date_fact(text, line.start, d)
            break
    validity = None
    for line in content:
        if effective is None and (m := EFFECTIVE.search(line.text)):
            effective = date_fact(text, line.start, m, "date")
        elif effective is None and issued and issued.span and (m := EFFECTIVE_ON_ISSUE.search(line.text)):
            effective = Fact(issued.value, Span.of(text, line.start + m.start(), line.start + m.end()))
        if validity is None:
            validity = validity_in(text, line.start, line.end)
    return effective, validity


def _doc_type(text: str, title: Fact | None, first: int, period: str | None) -> Fact | None:
    """The genre: named by the title wherever it came from, else by the text's own words."""
    if title:
        return genre_of_title(title, period)
    return genre_of_text(text, first, period)


def _period(text: str, title: str, meta: PlanMetadata, first: int) -> Fact | None:
    """The years the plan covers, as the text states them: an annual title, a 规划期, the title's years or its
    五年 number, an entry into force with a validity, the year whose work a work report arranges, the year an
    annual plan opens with, else the latest year it sets targets for (an end with no start)."""
    genre = meta.doc_type.value if meta.doc_type else ""
    title_span = meta.title.span if meta.title and meta.title.span else None
    title_from_sidecar = bool(meta.title and meta.title.from_sidecar)
    simplified_title = to_simplified(title)
    if not TITLE_RANGE.search(simplified_title) and (
        m := _TITLE_YEAR.search(simplified_title) or _TITLE_YEAR_AFTER.search(simplified_title)
    ):
        # 韶关市2021年民政工作要点, 2021年崇明区城市体检工作方案, …岸电使用率实施方案（2023年）
        return Fact(m.group(1), span=title_span, from_sidecar=title_from_sidecar)
    head = text[:5000]
    simplified = to_simplified(head)
    if len(simplified) == len(head) and (m := _PERIOD.search(simplified)):  # t2s kept every offset
        return Fact(f"{m.group(1)}-{m.group(2)}", Span.of(text, m.start(1), m.end()))
    if m := TITLE_RANGE.search(simplified_title):
        return Fact(f"{m.group('a')}-{m.group('b')}", span=title_span, from_sidecar=title_from_sidecar)
    if m := FIVE_YEAR_NAME.search(five_year_names(simplified_title)):
        a, b = five_year_period(m.group())
        return Fact(f"{a}-{b}", span=title_span, from_sidecar=title_from_sidecar)
    named = list(_FIVE_YEAR_TIME.finditer(simplified)) if len(simplified) == len(head) else []
    if genre in ("fyp", "special-plan", "outline") and named:
        # 聚力推进柘林镇"十四五"时期文物保护利用工作, …编制本规划; a plan looking back (“十三五”期间，…取得…) names
        # the past period first: its own is the latest it names
        m = max(named, key=lambda n: five_year_period(n.group(1)))
        a, b = five_year_period(m.group(1))
        return Fact(f"{a}-{b}", Span.of(text, m.start(), m.end()))
    if meta.effective and meta.validity:
        e, v = meta.effective.span, meta.validity.span
        span = v
        if e and v and "\n" not in text[min(e.start, v.start) : max(e.end, v.end)]:
            span = Span.of(text, min(e.start, v.start), max(e.end, v.end))  # 自…起施行，有效期5年
        return Fact(period_from_validity(meta.effective, meta.validity), span)
    if genre == "work-report" and (m := _WORK_ARRANGED.search(text)):
        return Fact(m.group(1), Span.of(text, m.start(1), m.end(1)))
    if genre == "annual" and (m := ANNUAL_OPENING.match(text, first)):
        return Fact(m.group("y"), Span.of(text, m.start("y"), m.end("y")))
    issued = int(meta.date.value[:4]) if meta.date and meta.date.value[:4].isdigit() else None
    return horizon_in(text, 0, len(text), issued)


def _region(text: str, meta: PlanMetadata, sidecar: dict) -> tuple[Region | None, Fact | None]:
    """The plan's region: stated by the sidecar, named in the title (the sidecar's too: a scrape that lost the title
    line loses no place), governed by the issuer, else the region the text speaks of as its own (全市 …), or the
    zone of the zone table it names most when it speaks of itself as a 区 (我区); None when none of them says."""
    if "region" in sidecar:
        return _sidecar_region(str(sidecar["region"]), f"{sidecar.get('title', '')}\n{text[:3000]}")
    if meta.title and (meta.title.span or meta.title.from_sidecar):
        found = find_place(meta.title.value, context=text[:3000])
        if found and not meta.title.span:
            return found[0], Fact(found[0].name, from_sidecar=True)
        if found and meta.title.span:
            reg, at = found
            start = meta.title.span.start + at
            span = Span.of(text, start, start + len(reg.name))
            if to_simplified(span.quote) in (reg.name, to_simplified(reg.name)):
                return reg, Fact(span.quote, span)
    # 市交通委 / 市公安局 sign a notice titled 上海市交通委员会 上海市公安局关于印发…: the title says whose they are
    titled = title_bodies(text, meta.notice.title) if meta.notice else []
    for issuer in [*meta.issuers, *titled]:
        body = recognise(issuer.value, context=text[:3000])
        if body and body.region:
            if body.central or not issuer.span or len(issuer.span.quote) != len(body.name):
                return body.region, Fact(issuer.value, issuer.span, issuer.from_sidecar)
            start = issuer.span.start + body.region_at  # 成都市 in 成都市人民政府办公厅
            if to_simplified(text[start : start + len(body.region.name)]) != body.region.name:
                return body.region, Fact(issuer.value, issuer.span)  # 天府新区 of 四川天府新区: not its name as written
            return body.region, Fact(
                text[start : start + len(body.region.name)], Span.of(text, start, start + len(body.region.name))
            )
    if own := region_of_text(text) or zone_of_text(text):
        reg, start, end = own
        return reg, Fact(text[start:end], Span.of(text, start, end))
    return None, None


def _sidecar_region(name: str, context: str) -> tuple[Region, Fact]:
    """The region a sidecar names: the nation (中华人民共和国, 全国), or a place of the gazetteer, a name shared
    by several places resolved by the context."""
    if to_simplified(name) in NATION_NAMES:
        return NATION, Fact(name, from_sidecar=True)
    found = find_place(name, context=context) or zone_of_body(name)
    if found:
        return found[0], Fact(name, from_sidecar=True)
    places = len(regions_named(name))
    problem = (
        f"region {name!r} names {places} places and neither the sidecar's title nor the text says which"
        if places > 1
        else f"region {name!r} is not in the gazetteer"
    )
    raise LoadError("sidecar", problem)
