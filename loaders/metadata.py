"""Plan metadata: title, region, date, document number, issuers, period and type.

Each fact comes from a span of the text (the title line, the page metadata block, the notice's
signature) or, where the text lacks it, from the document's sidecar file (NAME.meta.json beside it),
and says which.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import LoadError
from .records import Fact, Line, PlanMetadata, Span
from .regions import Region, find_region, regions_named
from .script import to_simplified

_TITLE_WORDS = re.compile(r"规划|規劃|要点|要點|工作计划|工作計劃")
_DATE_LABELLED = re.compile(r"(?:发布时间|發布時間|时间|時間|生成日期|发布日期|發布日期)\s*[:：]?\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_DATE_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号|[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+號")
_ISSUER_FIELD = re.compile(r"(?:发布机构|發布機構|信息来源|信息來源)\s*[:：]?\s*(\S+)")
_ORG = re.compile(r"^[\u4e00-\u9fff]{2,20}(厅|廳|委员会|委員會|局|委|政府|办公室|辦公室)$")
_PERIOD = re.compile(
    r"(?:规划期|规划近期|规划期限)[为是:：\s]*(20\d\d)\s*年?\s*(?:至|-|—|–|到|~)\s*(20\d\d)\s*年"
)
_FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
_ANNUAL = re.compile(r"(20\d\d)年.{0,12}(要点|要點|工作计划|工作計劃)")

SIDECAR_KEYS = {"title", "region", "date", "doc_number", "issuers", "period", "doc_type", "source_url"}


def _span(text: str, line: Line) -> Span:
    lead = len(line.text) - len(line.text.lstrip())
    return Span.of(text, line.start + lead, line.start + len(line.text.rstrip()))


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
    return data


def find_title(text: str, content: list[Line], first_heading: int) -> Fact | None:
    """The plan's title line: a short line naming a plan, before the first chapter, not a notice."""
    for line in content:
        if line.start >= first_heading:
            break
        s = line.stripped
        if (
            s
            and len(s) <= 60
            and _TITLE_WORDS.search(s)
            and "。" not in s
            and not s.startswith(("关于", "關於", "關于", "《", "表", "专栏", "專欄"))
            and not s.endswith(("通知", "》"))
        ):
            return Fact(s, _span(text, line))
    return None


def extract_metadata(
    text: str, content: list[Line], page_metadata: list[Line], first_heading: int, sidecar: dict
) -> tuple[PlanMetadata, Region | None]:
    """All plan-level facts, and the plan's region."""
    meta = PlanMetadata()
    meta.title = find_title(text, content, first_heading) or _from_sidecar(sidecar, "title")
    head = [ln for ln in content if ln.start < first_heading]
    meta.date = _date(text, page_metadata, head) or _from_sidecar(sidecar, "date")
    meta.doc_number = _doc_number(text, head) or _from_sidecar(sidecar, "doc_number")
    meta.issuers = _issuers(text, page_metadata, head) or [
        Fact(v, from_sidecar=True) for v in sidecar.get("issuers", [])
    ]
    meta.source_url = _from_sidecar(sidecar, "source_url")
    title = meta.title.value if meta.title else ""
    meta.doc_type = _doc_type(meta.title) if meta.title else _from_sidecar(sidecar, "doc_type")
    meta.period = _period(text, title, meta) or _from_sidecar(sidecar, "period")
    region, meta.region = _region(text, meta, sidecar)
    return meta, region


def _from_sidecar(sidecar: dict, key: str) -> Fact | None:
    return Fact(str(sidecar[key]), from_sidecar=True) if key in sidecar else None


def _date(text: str, page_metadata: list[Line], head: list[Line]) -> Fact | None:
    for line in page_metadata:
        if m := _DATE_LABELLED.search(line.text):
            y, mo, d = (int(g) for g in m.groups())
            return Fact(f"{y:04d}-{mo:02d}-{d:02d}", Span.of(text, line.start + m.start(1), line.start + m.end()))
    for line in head:
        if m := _DATE_CN.match(line.stripped):
            y, mo, d = (int(g) for g in m.groups())
            return Fact(f"{y:04d}-{mo:02d}-{d:02d}", _span(text, line))
    return None


def _doc_number(text: str, head: list[Line]) -> Fact | None:
    for line in head:
        if m := _DOC_NUMBER.search(line.text):
            return Fact(m.group(), Span.of(text, line.start + m.start(), line.start + m.end()))
    return None


def _issuers(text: str, page_metadata: list[Line], head: list[Line]) -> list[Fact]:
    """Signatures of the publication notice, or the page's 发布机构 field."""
    signed = []
    for line in head:
        s = line.stripped.replace("\u00a0", "").strip()
        if _ORG.match(s):
            start = line.start + line.text.index(s[0])
            signed.append(Fact(s, Span.of(text, start, start + len(s))))
    if signed:
        return signed
    for line in page_metadata:
        if m := _ISSUER_FIELD.search(line.text):
            return [Fact(m.group(1), Span.of(text, line.start + m.start(1), line.start + m.end(1)))]
    return []


def _doc_type(title: Fact) -> Fact:
    """An annual work plan (…2021年…工作要点) or a five-year plan, read off the title wherever it came from."""
    return Fact("annual" if _ANNUAL.search(title.value) else "fyp", title.span, title.from_sidecar)


def _period(text: str, title: str, meta: PlanMetadata) -> Fact | None:
    """The years the plan covers: stated in the text, else implied by 十四五 or an annual title."""
    if meta.doc_type and meta.doc_type.value == "annual" and (m := _ANNUAL.search(title)):
        return Fact(m.group(1), meta.title.span if meta.title and meta.title.span else None,
                    from_sidecar=bool(meta.title and meta.title.from_sidecar))
    head = text[:5000]
    simplified = to_simplified(head)
    if len(simplified) == len(head) and (m := _PERIOD.search(simplified)):  # t2s kept every offset
        return Fact(f"{m.group(1)}-{m.group(2)}", Span.of(text, m.start(1), m.end()))
    simplified = to_simplified(title).replace("第十四个五年", "十四五")
    for name, (a, b) in _FIVE_YEAR.items():
        if name in simplified:
            return Fact(f"{a}-{b}", meta.title.span if meta.title else None,
                        from_sidecar=bool(meta.title and meta.title.from_sidecar))
    return None


def _region(text: str, meta: PlanMetadata, sidecar: dict) -> tuple[Region | None, Fact | None]:
    if meta.title and meta.title.span:
        found = find_region(meta.title.value, context=text[:3000])
        if found:
            reg, at = found
            start = meta.title.span.start + at
            span = Span.of(text, start, start + len(reg.name))
            if to_simplified(span.quote) == reg.name:
                return reg, Fact(span.quote, span)
    if "region" in sidecar:
        name = str(sidecar["region"])
        found = find_region(name, context=f"{sidecar.get('title', '')}\n{text[:3000]}")
        if found:
            return found[0], Fact(name, from_sidecar=True)
        places = len(regions_named(name))
        problem = (f"region {name!r} names {places} places and neither the sidecar's title nor the text says which"
                   if places > 1 else f"region {name!r} is not in the gazetteer")
        raise LoadError("sidecar", problem)
    found = find_region(text[:2000], context=text[:3000])
    if found:
        reg, at = found
        return reg, Fact(text[at : at + len(reg.name)], Span.of(text, at, at + len(reg.name)))
    return None, None

