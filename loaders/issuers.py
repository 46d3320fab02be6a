"""Issuing bodies: the central bodies of the data file kg/data/central_bodies.tsv, plenary sessions of the
Central Committee, and local bodies (成都市人民政府办公厅, 广东省民政厅, 某县人民政府), each with the region it
governs: the nation for central bodies, the region its name begins with for local ones. Also the bodies a
signature line or a title's opening names, with their spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .records import Fact, Line, Span
from .regions import NATION, Region
from .script import to_simplified
from .zones import find_place, zone_of_body

# A local body: a name that ends like an organ of government or of the Party.
_LOCAL_BODY = re.compile(
    r"^(?:中共|中国共产党)?[\u4e00-\u9fff()（）]{1,24}?"
    r"(?:人民政府办公厅|人民政府办公室|人民政府|街道办事处|办公厅|办公室|委员会|管委会|党委|[省市县区州旗]委|厅|局|委|署|院|部|办|中心)$"
)
# 中国共产党第十九届中央委员会第五次全体会议: a plenary session of the Central Committee adopts a document.
_PLENARY = re.compile(r"^中国共产党第[一二三四五六七八九十]+届中央委员会第[一二三四五六七八九十]+次全体会议$")


@dataclass(frozen=True)
class Body:
    """An issuing body as the plan's graph names it: its Simplified name, and the region it governs if known."""

    name: str
    region: Region | None
    central: bool
    region_at: int = -1  # where the region's name starts in a local body's name (成都市 in 成都市人民政府办公厅)


@lru_cache(maxsize=1)
def central_bodies() -> dict[str, str]:
    """Every name of a central body (Simplified) -> the name documents use for it."""
    names: dict[str, str] = {}
    data = resources.files("plankg") / "data" / "central_bodies.tsv"
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, others = line.partition("\t")
        for alias in [name, *filter(None, others.split("|"))]:
            names[alias] = name
    return names


def recognise(name: str, context: str = "") -> Body | None:
    """The body a name denotes, or None when the name is not that of a body."""
    simplified = to_simplified(name.strip())
    if simplified in central_bodies():
        return Body(central_bodies()[simplified], NATION, True)
    if _PLENARY.match(simplified):
        return Body(simplified, NATION, True)
    if _LOCAL_BODY.match(simplified):
        found = zone_of_body(simplified) or find_place(simplified, context=context)
        return Body(simplified, found[0], False, found[1]) if found else Body(simplified, None, False)
    return None


def bodies_in(words: str, context: str = "") -> list[tuple[Body, int, int]]:
    """The bodies of a run of names such as 中共中央 国务院 or 省民政厅、省财政厅, with each name's offsets in
    words; [] unless every name is a body."""
    out: list[tuple[Body, int, int]] = []
    for m in re.finditer(r"[^\s\u3000\u00a0、，,]+", words):
        found = _run_together(m.group(), context)
        if not found:
            return []
        out.extend((body, m.start() + a, m.start() + b) for body, a, b in found)
    return out


def _run_together(name: str, context: str) -> list[tuple[Body, int, int]]:
    """One body, or several whose names run together with no separator, each starting with the same place
    (黄浦区发展和改革委员会黄浦区建设和管理委员会): split where the place's name comes again."""
    found = find_place(name, context=context)
    if found and found[1] == 0 and len(to_simplified(name)) == len(name):
        place = found[0].name
        cuts = [i for i in range(1, len(name)) if to_simplified(name).startswith(place, i)] + [len(name)]
        parts = list(zip([0, *cuts[:-1]], cuts, strict=True))
        bodies = [body for body in (recognise(name[a:b], context) for a, b in parts) if body]
        if len(parts) > 1 and len(bodies) == len(parts):
            return [(b, a, e) for b, (a, e) in zip(bodies, parts, strict=True)]
    body = recognise(name, context)
    return [(body, 0, len(name))] if body else []


SENTENCE_MARKS = re.compile(r"[，。；：:;,]")
_BEFORE_ABOUT = re.compile(r"^(?P<bodies>[^关《]{2,60}?)\s*(?=关于)")


def title_bodies(text: str, title: Fact) -> list[Fact]:
    """The bodies a title opens with: 中共中央 国务院关于…, 上海市崇明区人民政府办公室关于印发…"""
    m = _BEFORE_ABOUT.match(to_simplified(title.value))
    if not (m and title.span and len(title.span.quote) == len(title.value)):
        return []
    return [
        Fact(title.value[a:b], Span.of(text, title.span.start + a, title.span.start + b))
        for _, a, b in bodies_in(m.group("bodies"), text[:3000])
    ]


def body_facts(text: str, line: Line, context: str) -> list[Fact]:
    """The issuing bodies a signature line names: one (辽宁省民政厅), several separated by spaces, or several
    run together (黄浦区发展和改革委员会黄浦区建设和管理委员会)."""
    s = line.stripped.rstrip("\u00a0 ")
    if not s or len(s) > 60 or SENTENCE_MARKS.search(s) or len(to_simplified(s)) != len(s):
        return []
    start = line.start + line.text.index(s[0])
    return [Fact(s[a:b], Span.of(text, start + a, start + b)) for _, a, b in bodies_in(s, context)]
