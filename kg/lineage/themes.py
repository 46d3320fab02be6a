"""Themes of the civil-affairs thesaurus (ontology/themes.ttl) for measures, projects and indicators.

A node's title sentence weighs most, then its own text; its chapter and section titles break ties and
supply a theme when its own text names none, so a short item like 新建风采长者饭堂6间 still gets one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from plankg.graph.vocab import SKOS
from plankg.loaders.extract import title_of


@dataclass(frozen=True)
class Theme:
    iri: str
    label: str  # zh-Hans preferred label
    keywords: tuple[str, ...]


@lru_cache(maxsize=1)
def thesaurus() -> tuple[Theme, ...]:
    """The themes in the thesaurus' own order (skos:hasTopConcept order is not kept by RDF, so by IRI)."""
    from pyoxigraph import RdfFormat, parse

    text = (resources.files("plankg.ontology") / "themes.ttl").read_bytes()
    labels: dict[str, str] = {}
    keywords: dict[str, list[str]] = {}
    for t in parse(text, format=RdfFormat.TURTLE):
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == SKOS + "prefLabel" and o.language.lower() == "zh-hans":
            labels[s] = o.value
        elif p == SKOS + "hiddenLabel":
            keywords.setdefault(s, []).append(o.value)
    return tuple(Theme(iri, labels[iri], tuple(sorted(keywords.get(iri, []), key=len, reverse=True))) for iri in sorted(labels))


def thesaurus_triples() -> list:
    """The thesaurus as triples, written into the lineage graph so theme labels are queryable."""
    from pyoxigraph import RdfFormat, parse

    return list(parse((resources.files("plankg.ontology") / "themes.ttl").read_bytes(), format=RdfFormat.TURTLE))


def hits(text: str) -> dict[str, int]:
    """Keyword occurrences per theme in a Simplified text."""
    counts = {}
    for theme in thesaurus():
        n = sum(text.count(k) for k in theme.keywords)
        if n:
            counts[theme.iri] = n
    return counts


def assign(own: str, context: str = "", title: str = "") -> list[str]:
    """Theme IRIs for a node: the best scoring, plus any scoring at least half as well that its own text
    names twice. Score: title sentence hits x4, own text x2, chapter and section titles x1."""
    own_hits, context_hits, title_hits = hits(own), hits(context), hits(title)
    keys = own_hits.keys() | context_hits.keys()
    scores = {iri: 4 * title_hits.get(iri, 0) + 2 * own_hits.get(iri, 0) + context_hits.get(iri, 0) for iri in keys}
    if not scores:
        return []
    best = max(scores.values())
    return sorted(iri for iri, s in scores.items() if s == best or (own_hits.get(iri, 0) >= 2 and 2 * s >= best))


def family_label(text: str) -> str:
    """A measure's title sentence (提升应急救援能力), else its first 30 characters."""
    body = text.strip()
    title = title_of(re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）.、]\s*", "", body))
    return title.rstrip("。:：") if title else body[:30]


def of_node(own: str, context: str, title: str | None = None) -> list[str]:
    """assign of a node: a measure or project (own text and context) titled by its family label, an indicator (own
    name and category, context, title "")."""
    return assign(own, context, family_label(own) if title is None else title)
