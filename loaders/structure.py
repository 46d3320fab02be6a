"""What each paragraph of a document is: a task (measure), or text that frames the tasks.

A policy document's running text is more than its tasks. Before a part's first item stands a lead
paragraph (导语: 坚持创新在我国现代化建设全局中的核心地位…); before the first part, a preamble; items and dash
bullets state background, principles and goals as well as tasks; a paragraph after an item continues it;
the document ends with a rallying call and clauses on taking effect. Every paragraph gets one kind, so
that nothing is dropped silently: measure, statement (an item or paragraph with a role that is not a
task), lead, continuation, preamble, conclusion, closing, or annex (the text of an attachment, 附件).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .records import Heading
from .roles import (
    heading_role,
    is_closing_clause,
    is_closing_provisions,
    is_exhortation,
    is_principle_bullet,
    paragraph_role,
    title_role,
)
from .segment import ATTACHMENT, MAX_ATTACHMENT_TITLE, SIGNATURE_DATE, Paragraph


@dataclass
class Classified:
    """A paragraph's kind and role, and the item (numbered paragraph) it belongs to, if any."""

    para: Paragraph
    kind: str  # measure | statement | lead | continuation | preamble | conclusion | closing
    role: str
    item: Paragraph | None = None


def assign_heading_roles(headings: list[Heading], legacy) -> None:
    """Each heading's role, from its own title (…的重大意义, 基本原则) or, for chapters and sections, from
    the older list of background titles (legacy: a function of the heading)."""
    for heading in headings:
        if heading.kind in ("box", "table"):
            continue
        heading.role = heading_role(heading.title) or legacy(heading)


def unit_role(heading: Heading | None) -> str:
    """The role of the innermost heading around a paragraph that has one."""
    while heading is not None:
        if heading.role:
            return heading.role
        heading = heading.parent
    return ""


def classify(
    flow: list[Paragraph],
    chosen: set[int],
    titles: dict[int, str],
    headings: list[Heading],
    tasks_start: int,
    attributions: set[int],
    annexed: Callable[[Heading | None], bool],
) -> list[Classified]:
    """The kind of every paragraph of flow (document order, box items left out); chosen holds the ids of
    the paragraphs the measure rules pick, titles each paragraph's title sentence ('' when none), and
    attributions the paragraphs that only name responsible bodies ((责任单位：…) on a line of its own), which
    belong to the paragraph before them; annexed tells the headings of an attachment, whose text is annex
    text. Text before tasks_start (the end of the indicator table) states background where nothing says
    otherwise."""
    body_start = min((h.span.start for h in headings if h.kind == "chapter"), default=None)
    subunits = _first_subunits(headings)
    flow, closing_matter = _unsigned(flow, annexed)
    items = _Items(chosen, titles, subunits, flow)
    if body_start is None:  # no chapters (1. … items only): the body starts at the first numbered item
        body_start = min((p.span.start for p in flow if p.parent is None and p.number), default=None)
    if body_start is None and not headings:  # nor items: at its first task (a 决定 of one paragraph)
        body_start = min((p.span.start for p in flow if items.has(p)), default=None)
    first_item = _first_items(flow, items, subunits)
    running = _running_points(flow)
    item_at = [i for i, p in enumerate(flow) if items.has(p)]
    last_item = max(item_at, default=-1)
    last_in_unit = {id(flow[i].parent): i for i in item_at}
    out: list[Classified] = []
    current: dict[int, tuple[Paragraph, str]] = {}  # per unit: the last item and its role
    for i, para in enumerate(flow):
        body = para.text[para.body_offset :]
        unit = id(para.parent)
        around = unit_role(para.parent)
        if annexed(para.parent):
            out.append(Classified(para, "annex", ""))
        elif id(para) in closing_matter:
            out.append(Classified(para, "conclusion", ""))
        elif (id(para) in attributions or _CONTACT_NOTE.match(body)) and i > 0:
            out.append(Classified(para, "continuation", out[-1].role if out else "", flow[i - 1]))
        elif is_closing_clause(body) or i == last_item and is_closing_provisions(body):
            out.append(Classified(para, "closing", "closing"))
        elif para.parent is None and body_start is not None and para.span.start < body_start:
            if "。" in para.text or _INTRODUCES_BODY.search(para.text):
                out.append(Classified(para, "preamble", ""))
            # a line without a sentence before the body is the title, date or issuer line: metadata
        elif unit in current and is_sub_item(para.number, current[unit][0].number) and id(para) not in running:
            item, role = current[unit]  # 1. … after （四）…: a point of item （四）, not an item of the part
            out.append(Classified(para, "continuation", paragraph_role(body) or role or around, item))
        elif items.has(para):
            out.append(_item(para, body, titles[id(para)], chosen, current.get(unit), around))
            if not para.bullet:
                current[unit] = (para, out[-1].role)
        elif unit in current:
            item, role = current[unit]
            if i > last_item and is_exhortation(body):
                out.append(Classified(para, "conclusion", ""))
            else:
                out.append(Classified(para, "continuation", paragraph_role(body) or role or around, item))
        elif para.parent is None or unit not in first_item:
            out.append(Classified(para, "statement", paragraph_role(body) or around))
        elif first_item[unit] > para.span.start or i < last_in_unit.get(unit, -1):
            out.append(Classified(para, "lead", paragraph_role(body) or around))  # before (more) items
        else:
            out.append(Classified(para, "conclusion", paragraph_role(body) or around))  # after the unit's parts
    for c in out:
        if c.kind == "statement" and not c.role and c.para.span.start < tasks_start:
            c.role = "background"
    _roles_from_items(out)
    return out


_PARENTHESISED = re.compile(r"^[（(][^（()）]{1,20}[)）]$")
# A paragraph wholly in brackets that says whom to reach (（以上…报送…处，联系电话：…）, （联系人：…）): a note on the text
# before it, no task of its own.
_CONTACT_NOTE = re.compile(r"^[（(][^（）()]*(?:联系人|联系电话|联系方式)[^（）()]*[）)]$")
# A sentence that ends by introducing the body (将我局有关工作情况总结如下：, 现提出以下意见：) is the preamble, though it
# has no full stop; an addressee line (各乡镇人民政府，县直各单位：) introduces nothing.
_INTRODUCES_BODY = re.compile(r"(?:如下|以下)[:：]\s*$")


def _signature(line: str) -> bool:
    """An issuer (or issuers side by side), date or （此件公开发布） line: what follows a document's body, not part
    of it."""
    s = line.strip()
    issuers = bool(s) and all(_ISSUER.match(name) for name in s.split())
    return "。" not in s and bool(SIGNATURE_DATE.match(s) or _PARENTHESISED.match(s) or issuers)


def _unsigned(flow: list[Paragraph], annexed: Callable[[Heading | None], bool]) -> tuple[list[Paragraph], set[int]]:
    """The flow without the signature after the body (issuers, date, （此件公开发布）: metadata, not content), and
    the ids of the paragraphs that close the document around a signature an attachment follows: the listing of
    what is attached (附件：…) before it, the contact lines after it; they are neither items nor their text."""
    tail = len(flow)
    while tail > 0 and _signature(flow[tail - 1].text):
        tail -= 1
    flow = flow[:tail]
    end = next((i for i, p in enumerate(flow) if annexed(p.parent)), len(flow))
    last_item = max((i for i, p in enumerate(flow[:end]) if p.number or p.bullet), default=-1)
    dates = [i for i in range(last_item + 1, end) if flow[i].parent and SIGNATURE_DATE.match(flow[i].text.strip())]
    if not dates:
        return flow, set()
    start = dates[-1]
    while start > last_item + 1 and _signature(flow[start - 1].text):
        start -= 1
    listing = [p for p in flow[last_item + 1 : start] if ATTACHMENT.match(p.text.strip())]
    closing = {id(p) for p in [*listing, *_listed_entries(flow, start), *flow[dates[-1] + 1 : end]]}
    return flow[:start] + flow[dates[-1] + 1 :], closing


def _listed_entries(flow: list[Paragraph], start: int) -> list[Paragraph]:
    """The listing of what is attached right before the signature at flow[start], when its entries stand on lines
    of their own (附件：1.… / 2.… / 3.…): the 附件：line and its entries, short lines without a sentence's end;
    [] when no such listing precedes the signature."""
    first = start
    while first > 0 and not ATTACHMENT.match(flow[first - 1].text.strip()) and _entry(flow[first - 1].text):
        first -= 1
    if first == start or first == 0 or not ATTACHMENT.match(flow[first - 1].text.strip()):
        return []
    return flow[first - 1 : start]


def _entry(text: str) -> bool:
    return len(text.strip()) <= MAX_ATTACHMENT_TITLE and "。" not in text


_ISSUER = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,30}(人民政府|政府|办公厅|办公室|委员会|局|厅|部|委|中共中央|国务院)|中共中央|国务院)$"
)


class _Items:
    """Which paragraphs are items: numbered or bulleted ones, and measures and titled paragraphs outside a
    unit with a role, not before the unit's first sub-unit (those lead into the sub-units), and not in a unit
    that numbers its items: there the numbers mark the items, and an unnumbered paragraph leads into them
    (before 1. or （一）) or goes on with the item before it, even when it opens with a short sentence
    (零星更新的操作流程分为…三部分。; 体检报告主要内容包括：)."""

    def __init__(self, chosen: set[int], titles: dict[int, str], subunits: dict[int, int], flow: list[Paragraph]) -> None:
        self.chosen, self.titles, self.subunits = chosen, titles, subunits
        self.numbered: dict[int, int] = {}  # per unit, where its first numbered item starts
        for para in flow:
            if para.number:
                self.numbered.setdefault(id(para.parent), para.span.start)

    def has(self, para: Paragraph) -> bool:
        if para.number or para.bullet:
            return True
        unit = id(para.parent)
        if unit_role(para.parent) or para.span.start < self.subunits.get(unit, -1) or unit in self.numbered:
            return False
        return id(para) in self.chosen or bool(self.titles[id(para)])


# The ranks of item numbers in official documents (GB/T 9704: 一、 > （一） > 1. > （1）), articles above them.
_RANKS = (
    re.compile(r"^第.+条$"),
    re.compile(r"^[(（][一二三四五六七八九十百零〇两]+[)）]$"),
    re.compile(r"^\d{1,2}[.．、]$"),
    re.compile(r"^[(（]\d{1,2}[)）]$"),
    re.compile(r"^[①-⑳]$"),
)


def number_rank(number: str) -> int | None:
    """The rank of an item number as written (（四） 1, 1. 2, （1） 3), or None for no number."""
    return next((rank for rank, rx in enumerate(_RANKS) if rx.match(number.strip())), None)


def is_sub_item(number: str, item_number: str) -> bool:
    """A number of a lower rank than the item before it (1. after （四）…) numbers a point of that item."""
    rank, above = number_rank(number), number_rank(item_number)
    return rank is not None and above is not None and rank > above


_POINT = re.compile(r"^(\d{1,3})[.．、]$")


def _running_points(flow: list[Paragraph]) -> set[int]:
    """The ids of the points numbered 1., 2., … when one count runs on across the items above them (1. under
    一、, 2.-8. under （一）, 9.-15. under （二）…), never starting again (a number skipped is a slip): the
    document numbers its tasks once, so each is an item of its own, not a point of the item before it, whose
    points would be counted afresh."""
    points: list[tuple[Paragraph, tuple[int, int]]] = []
    owner: dict[int, int] = {}  # per unit, the last item of a higher rank than a point
    for para in flow:
        rank = number_rank(para.number) if para.number else None
        if rank is None:
            continue
        if _POINT.match(para.number.strip()):
            points.append((para, (id(para.parent), owner.get(id(para.parent), 0))))
        elif rank < 2:
            owner[id(para.parent)] = id(para)
    numbers = [int(m.group(1)) for p, _ in points if (m := _POINT.match(p.number.strip()))]
    owners = {o for _, o in points}
    if len(owners) < 2 or numbers[0] != 1 or any(b <= a for a, b in itertools.pairwise(numbers)):
        return set()
    return {id(p) for p, _ in points}


def _first_subunits(headings: list[Heading]) -> dict[int, int]:
    """Per heading, where its first chapter, section or part below it starts."""
    first: dict[int, int] = {}
    for heading in headings:
        if heading.parent is not None and heading.kind in ("chapter", "section", "part"):
            first.setdefault(id(heading.parent), heading.span.start)
    return first


def _first_items(flow: list[Paragraph], items: _Items, subunits: dict[int, int]) -> dict[int, int]:
    """Per unit, where its first item or first sub-unit starts: the paragraphs before it lead into it."""
    first = dict(subunits)
    for para in flow:
        if items.has(para) and para.span.start < first.get(id(para.parent), para.span.end):
            first[id(para.parent)] = para.span.start
    return first


def _roles_from_items(out: list[Classified]) -> None:
    """A unit without a role whose items are all statements (no measure) states what most of them state
    (a part of 成就, 发展环境 and 远景目标 items is background)."""
    by_unit: dict[int, tuple[Heading, list[Classified]]] = {}
    for c in out:
        if c.para.parent is not None and not c.para.parent.role:
            by_unit.setdefault(id(c.para.parent), (c.para.parent, []))[1].append(c)
    for unit, group in by_unit.values():
        roles = [c.role for c in group if c.kind == "statement" and c.item is None]
        if roles and all(c.kind != "measure" for c in group) and all(roles):
            unit.role = max(roles, key=roles.count)


def _item(
    para: Paragraph, body: str, title: str, chosen: set[int], last: tuple[Paragraph, str] | None, around: str
) -> Classified:
    """A numbered, titled or bulleted paragraph: a measure unless it (or the item it is a bullet of, or its
    unit) states a role."""
    own = (title_role(title) if title else "") or paragraph_role(body)
    item = None
    inherited = ""
    if para.bullet:
        if last is not None:
            item, inherited = last
        if not own and not inherited and is_principle_bullet(body):
            own = "principles"
    role = own or inherited or around
    kind = "measure" if id(para) in chosen and not role else "statement"
    return Classified(para, kind, role, item)
