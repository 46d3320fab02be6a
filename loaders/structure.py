"""What each paragraph of a document is: a task (measure), or text that frames the tasks.

A policy document's running text is more than its tasks. Before a part's first item stands a lead
paragraph (导语: 坚持创新在我国现代化建设全局中的核心地位…); before the first part, a preamble; items and dash
bullets state background, principles and goals as well as tasks; a paragraph after an item continues it;
the document ends with a rallying call and clauses on taking effect. Every paragraph gets one kind, so
that nothing is dropped silently: measure, statement (an item or paragraph with a role that is not a
task), lead, continuation, preamble, conclusion or closing.
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import Heading
from .roles import (
    heading_role,
    is_closing_clause,
    is_exhortation,
    is_principle_bullet,
    paragraph_role,
    title_role,
)
from .segment import Paragraph


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
    flow: list[Paragraph], chosen: set[int], titles: dict[int, str], headings: list[Heading], tasks_start: int
) -> list[Classified]:
    """The kind of every paragraph of flow (document order, box items left out); chosen holds the ids of
    the paragraphs the measure rules pick, titles each paragraph's title sentence ('' when none). Text
    before tasks_start (the end of the indicator table) states background where nothing says otherwise."""
    body_start = min((h.span.start for h in headings if h.kind == "chapter"), default=None)
    first_item = _first_items(flow, chosen, titles, headings)
    item_at = [i for i, p in enumerate(flow) if _is_item(p, chosen, titles)]
    last_item = max(item_at, default=-1)
    last_in_unit = {id(flow[i].parent): i for i in item_at}
    out: list[Classified] = []
    current: dict[int, tuple[Paragraph, str]] = {}  # per unit: the last item and its role
    for i, para in enumerate(flow):
        body = para.text[para.body_offset :]
        unit = id(para.parent)
        around = unit_role(para.parent)
        if is_closing_clause(body):
            out.append(Classified(para, "closing", "closing"))
        elif para.parent is None and body_start is not None and para.span.start < body_start:
            if "。" in para.text:
                out.append(Classified(para, "preamble", ""))
            # a line without a sentence before the body is the title, date or issuer line: metadata
        elif _is_item(para, chosen, titles):
            out.append(_item(para, body, titles[id(para)], chosen, current.get(unit), around))
            if not para.bullet:
                current[unit] = (para, out[-1].role)
        elif unit in current:
            item, role = current[unit]
            if i > last_item and is_exhortation(body):
                out.append(Classified(para, "conclusion", ""))
            else:
                out.append(Classified(para, "continuation", paragraph_role(body) or role or around, item))
        elif para.parent is None:
            out.append(Classified(para, "statement", paragraph_role(body)))
        elif first_item.get(unit, para.span.end) > para.span.start or i < last_in_unit.get(unit, -1):
            out.append(Classified(para, "lead", paragraph_role(body) or around))  # before (more) items
        else:
            out.append(Classified(para, "conclusion", paragraph_role(body) or around))  # after the unit's parts
    for c in out:
        if c.kind == "statement" and not c.role and c.para.span.start < tasks_start:
            c.role = "background"
    _roles_from_items(out)
    return out


def _roles_from_items(out: list[Classified]) -> None:
    """A unit without a role whose items are all statements (no measure) states what most of them state
    (a part of 成就, 发展环境 and 远景目标 items is background)."""
    by_unit: dict[int, list[Classified]] = {}
    for c in out:
        if c.para.parent is not None and not c.para.parent.role:
            by_unit.setdefault(id(c.para.parent), []).append(c)
    for group in by_unit.values():
        roles = [c.role for c in group if c.kind == "statement" and c.item is None]
        if roles and all(c.kind != "measure" for c in group) and all(roles):
            group[0].para.parent.role = max(roles, key=roles.count)

def _is_item(para: Paragraph, chosen: set[int], titles: dict[int, str]) -> bool:
    """A measure, a numbered or bulleted paragraph, or a titled one outside a unit with a role (the
    paragraphs of a part on 重大意义 are its statements, whether or not they open with a short sentence)."""
    if para.number or para.bullet:
        return True
    return not unit_role(para.parent) and (id(para) in chosen or bool(titles[id(para)]))


def _first_items(
    flow: list[Paragraph], chosen: set[int], titles: dict[int, str], headings: list[Heading]
) -> dict[int, int]:
    """Per unit, where its first item or first sub-heading starts: the paragraphs before it lead into it."""
    first: dict[int, int] = {}
    for para in flow:
        if _is_item(para, chosen, titles):
            first.setdefault(id(para.parent), para.span.start)
    for heading in headings:
        if heading.parent is not None:
            start = first.get(id(heading.parent), heading.span.start)
            first[id(heading.parent)] = min(start, heading.span.start)
    return first


def _item(
    para: Paragraph, body: str, title: str, chosen: set[int], last: tuple[Paragraph, str] | None, around: str
) -> Classified:
    """A numbered, titled or bulleted paragraph: a measure unless it (or the item it is a bullet of, or its
    unit) states a role."""
    own = title_role(title) if title else paragraph_role(body)
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
