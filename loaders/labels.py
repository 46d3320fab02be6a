"""rdfs:label on every named thing of a graph, so that generic RDF tools (YASGUI, GraphDB, Protégé) show names.

A post-pass over a graph's quads, whatever built them: each label is read off what the node already states, in
its languages, and never says more than that.
- a heading or table: its number and title (第一章 总体要求), either alone where it has only one, its element
  id (tbl_3) where it has neither;
- a plan, a rendering, a cited work, a measure or project with a title: the title;
- an indicator: its name; a region, a concept, an organisation: its skos:prefLabel;
- a measure or project without a title: its text, shortened to its first clause (… marks a cut);
- a citation: the cited title in 《》.
Nodes that already have a label (policy families) keep theirs.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pyoxigraph import Literal, NamedNode, Quad

from plankg.graph.vocab import DCT, PK, RDF_TYPE, RDFS_LABEL, SKOS

from .script import to_simplified

TITLE = DCT + "title"
PREF_LABEL = SKOS + "prefLabel"
NUMBERED = {PK + c for c in ("Chapter", "Section", "Part", "Box", "IndicatorTable")}
NOT_LABELLED = {PK + "SourceDocument"}  # its pk:text is the whole document
LABEL_LENGTH = 40
_CLAUSE_END = re.compile(r"[。；;！!？?]")


def label_quads(quads: list[Quad], script: str = "zh-Hans") -> list[Quad]:
    """The rdfs:label quads to add to quads (one graph's); script tags labels made of untagged literals."""
    props: dict[NamedNode, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    graph = {}
    for q in quads:
        if isinstance(q.subject, NamedNode):
            props[q.subject][q.predicate.value].append(q.object)
            graph[q.subject] = q.graph_name
    titles = {s: p[TITLE] for s, p in props.items() if TITLE in p}
    out = []
    for node, p in props.items():
        types = {t.value for t in p.get(RDF_TYPE.value, [])}
        if RDFS_LABEL.value in p or types & NOT_LABELLED:
            continue
        for label in _labels(p, types, titles, script):
            out.append(Quad(node, RDFS_LABEL, label, graph[node]))
    return out


def label_sources() -> tuple[str, ...]:
    """The predicates a label is made of (_labels): a node that states none of them gets none."""
    return (TITLE, PK + "name", PREF_LABEL, PK + "text", PK + "number", PK + "eId", PK + "citedWork")


def _labels(p: dict[str, list], types: set[str], titles: dict, script: str) -> list[Literal]:
    tagged = lambda values: [v for v in values if isinstance(v, Literal) and v.language]  # noqa: E731
    number = next((v.value for v in p.get(PK + "number", []) if isinstance(v, Literal)), "")
    if types & NUMBERED:
        heading = tagged(p.get(TITLE, []))
        if heading:
            return [Literal(f"{_in(number, t.language or '')} {t.value}".strip(), language=t.language) for t in heading]
        if number:
            return [Literal(number, language=script)]
        return [Literal(v.value) for v in p.get(PK + "eId", [])[:1]]  # neither number nor title: its element id
    for prop in (TITLE, PK + "name", PREF_LABEL):
        if tagged(p.get(prop, [])):
            return tagged(p[prop])
    if tagged(p.get(PK + "text", [])):
        return [Literal(shorten(t.value), language=t.language) for t in tagged(p[PK + "text"])]
    cited = [w for w in p.get(PK + "citedWork", []) if w in titles]
    if cited:
        return [Literal(f"《{t.value}》", language=t.language) for t in tagged(titles[cited[0]])]
    return []


def _in(number: str, language: str) -> str:
    """A heading number as written (第四節), or its Simplified form in a Simplified label."""
    return to_simplified(number) if language.lower() == "zh-hans" else number


def shorten(text: str) -> str:
    """The text's first clause, or its first LABEL_LENGTH characters with … where it is longer."""
    text = " ".join(text.split())
    end = _CLAUSE_END.search(text)
    if end and end.start() <= LABEL_LENGTH:
        return text[: end.start()]
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH] + "…"
