"""Lineage recall and precision on a synthetic corpus, against the copies plankg synth recorded.

A recorded copy is found when the lineage graph links the copied measure to its source measure. A reuse link
is correct when its two items belong to one chain of recorded copies (a copy of a copy shares the wording
too); any other link is a false positive, since synthetic plans share no other wording.
"""

from __future__ import annotations

import json
from pathlib import Path

from plankg.graph.vocab import LINEAGE_GRAPH, SPARQL_PREFIXES
from plankg.loaders.script import to_simplified


def _items_by_file(store) -> dict[str, list[tuple[str, str]]]:
    """Source file -> (item IRI, Simplified text) of its measures."""
    rows = store.query(
        SPARQL_PREFIXES
        + """SELECT ?item ?text ?file WHERE { GRAPH ?g {
        ?item a pk:Measure ; pk:text ?text ; prov:wasDerivedFrom ?res . FILTER(lang(?text) = "zh-hans")
        ?res oa:hasSource ?src . ?src dct:identifier ?file } }"""
    )
    found: dict[str, list[tuple[str, str]]] = {}
    for r in rows:
        found.setdefault(r["file"].value, []).append((r["item"].value, to_simplified(r["text"].value)))
    return found


def _find(items: list[tuple[str, str]], title: str) -> str | None:
    """The measure of a file whose text opens (after its number) with the title sentence."""
    key = to_simplified(title)
    hits = [iri for iri, text in items if key in text[: len(key) + 8]]
    return hits[0] if len(hits) == 1 else None


def evaluate(store, corpus: Path) -> dict:
    """Recall by perturbation level, overall recall and precision of the reuse links.

    Copies whose measure the loader does not extract as one (a measure under a background heading is not a
    task) cannot be found and are counted apart, as copies_not_extracted.
    """
    truth = json.loads((corpus / "lineage-truth.json").read_text(encoding="utf-8"))
    items = _items_by_file(store)
    query = f"""SELECT ?a ?b WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{
        ?l a pk:TextReuse ; pk:between ?a , ?b FILTER(STR(?a) < STR(?b)) }} }}"""
    links = {frozenset((r["a"].value, r["b"].value)) for r in store.query(SPARQL_PREFIXES + query)}
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def root(x: tuple[str, str]) -> tuple[str, str]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    by_level: dict[str, list[int]] = {}
    not_extracted = 0
    for copy in truth["copies"]:
        parent[root((copy["file"], copy["title"]))] = root((copy["source_file"], copy["source_title"]))
        a, b = _find(items.get(copy["file"], []), copy["title"]), _find(items.get(copy["source_file"], []), copy["title"])
        if not a or not b:
            not_extracted += 1
            continue
        hit = by_level.setdefault(str(copy["level"]), [0, 0])
        hit[0] += frozenset((a, b)) in links
        hit[1] += 1
    family = {}  # item IRI -> the copy chain it belongs to
    for file, title in list(parent):
        iri = _find(items.get(file, []), title)
        if iri:
            family[iri] = root((file, title))
    correct = sum(1 for link in links if len({family.get(x, x) for x in link}) == 1)
    found = sum(h[0] for h in by_level.values())
    total = sum(h[1] for h in by_level.values())
    return {
        "copies": len(truth["copies"]),
        "copies_not_extracted": not_extracted,
        "links": len(links),
        "recall": found / total if total else None,
        "precision": correct / len(links) if links else None,
        "recall_by_level": {f"{lvl} {truth['perturbations'][lvl]}": h[0] / h[1] for lvl, h in sorted(by_level.items())},
    }
