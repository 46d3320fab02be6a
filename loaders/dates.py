"""Dates and periods as a policy document states them, each with the span that states it.

A date is written 2018年1月2日, 二〇二〇年十月二十九日 (二○二○…) or 2021-12-24; a period is a 规划期 (2021至2025年),
a five-year plan's number (十四五), an annual title (2021年…工作要点), a year opening a work plan
(2021年是…第一年), an entry into force with a validity (自2022年6月20日起施行，有效期5年), or a horizon with
no stated start (到2025年). Nothing here fills in what the text leaves out.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .numerals import chinese_to_int
from .records import Fact, Span

_CN = "〇○OＯ零一二三四五六七八九十"  # zero is also written ○ (a circle) or the letter O
DATE = re.compile(
    rf"(?P<y>(?:19|20)\d\d|[一二][{_CN}]{{3}})\s*年\s*(?P<m>\d{{1,2}}|[{_CN}]{{1,2}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*日"
)
ISO_DATE = re.compile(r"(?P<y>(?:19|20)\d\d)[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
# A date line: （2018年1月2日） or （2020年10月29日中国共产党第十九届中央委员会第五次全体会议通过）.
DATE_LINE = re.compile(rf"^[（(]\s*(?P<date>{DATE.pattern})\s*(?P<body>[^（）()]*?)\s*[）)]$")
# The subtitle under a speech or a work report, the day and the meeting it was delivered at:
# ——2024年1月18日在平潭县第十八届人民代表大会第三次会议上 (a page may set the dash as a hyphen: -2017年1月10日在…).
DELIVERED = re.compile(
    rf"(?:[—–－]{{1,2}}|(?<!\S)-)\s*(?P<date>{DATE.pattern})\s*在(?P<meeting>[^。；，]{{2,80}}?(?:会议|大会|会))上"
)
ADOPTED = re.compile(r"^(?P<body>.+?)(?:审议通过|通过|印发|发布)$")
# A note of adoption or approval under a title, opening a line and running on past it where a page breaks it:
# （2020年10月29日中国共产党第十九届中央委员会第五次全体会议通过）,
# 〔二〇二一年一月十五日中共…工作 委员会第一次委员（扩大）会议通过〕, （…批准）.
ADOPTION_NOTE = re.compile(rf"[（(〔]\s*(?P<date>{DATE.pattern})(?P<body>[^。；，〔〕]{{0,80}}?(?:通过|批准))\s*[）)〕]")
EFFECTIVE = re.compile(rf"自\s*(?P<date>{DATE.pattern})\s*起(?:施行|实施|执行|生效)")
EFFECTIVE_ON_ISSUE = re.compile(r"自(?:印发|发布|公布)之日起(?:施行|实施|执行|生效)")
VALIDITY_YEARS = re.compile(r"有效期(?:为|暂定为?)?\s*(?P<n>\d{1,2}|[一二三四五六七八九十])\s*年")
# 有效期至…, 有效期截至…, 有效期截止到…, 有效期到…: the last day in force
VALIDITY_UNTIL = re.compile(rf"有效期(?:至|截至|截止(?:至|到)?|到)\s*(?P<date>{DATE.pattern})")
HORIZON = re.compile(r"(?:到|至)\s*(?P<y>20\d\d)\s*年")
TITLE_RANGE = re.compile(r"(?P<a>20\d\d)\s*(?:年)?\s*[-—–~～至到]\s*(?P<b>20\d\d)\s*年")
ANNUAL_OPENING = re.compile(r"\s*(?P<y>(?:19|20)\d\d)年是")


def iso(m: re.Match[str]) -> str | None:
    """The ISO date a DATE or ISO_DATE match states, or None when it is not a calendar date."""
    try:
        return date(chinese_to_int(m.group("y")), chinese_to_int(m.group("m")), chinese_to_int(m.group("d"))).isoformat()
    except (KeyError, ValueError):
        return None


def date_fact(text: str, offset: int, m: re.Match[str], group: str = "") -> Fact | None:
    """A date Fact for a match found in text[offset:…], its span the date as written."""
    value = iso(m)
    if value is None:
        return None
    start, end = (m.start(group), m.end(group)) if group else (m.start(), m.end())
    return Fact(value, Span.of(text, offset + start, offset + end))


def period_from_validity(effective: Fact, validity: Fact) -> str:
    """The years a document is in force, from its entry into force and its validity (P5Y or an end date)."""
    start = date.fromisoformat(effective.value)
    if validity.value.startswith("P"):
        years = int(validity.value[1:-1])
        try:
            last = start.replace(year=start.year + years) - timedelta(days=1)
        except ValueError:  # 29 February
            last = start.replace(year=start.year + years, day=28)
        return f"{start.year}-{last.year}"
    return f"{start.year}-{date.fromisoformat(validity.value).year}"


def validity_in(text: str, start: int, end: int) -> Fact | None:
    """有效期5年 (P5Y) or 有效期至2025年12月31日 (截至, 截止, 到: the date) stated in text[start:end]."""
    window = text[start:end]
    if m := VALIDITY_UNTIL.search(window):
        return date_fact(text, start, m, "date")
    if m := VALIDITY_YEARS.search(window):
        return Fact(f"P{chinese_to_int(m.group('n'))}Y", Span.of(text, start + m.start(), start + m.end()))
    return None


def horizon_in(text: str, start: int, end: int, issued: int | None = None) -> Fact | None:
    """The latest year the text sets targets for (到2025年), as an end-only period to-2025. A year before the year
    of issue is the past a report looks back on (至2022年底，…已减免…), not a target."""
    found = [m for m in HORIZON.finditer(text, start, end) if issued is None or int(m.group("y")) >= issued]
    if not found:
        return None
    last = max(found, key=lambda m: (int(m.group("y")), -m.start()))
    return Fact(f"to-{last.group('y')}", Span.of(text, last.start(), last.end()))
