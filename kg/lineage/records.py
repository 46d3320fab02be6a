"""What lineage reads from the document graphs, read one graph at a time so that unchanged graphs are not read again.

Every query names the graph it reads (?g), so a graph's rows are a function of that graph alone: those of the graphs
written since the last lineage run are read from the store, the others come from the cache (kg/lineage/cache.py).
Rows are sorted within a graph and graphs taken in IRI order, so the lists lineage works on are the same whichever
graphs were read from the store.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from plankg.graph.solutions import string_rows
from plankg.graph.vocab import INFERRED_GRAPH, LINEAGE_GRAPH, REGIONS_GRAPH, RUNS_GRAPH

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pyoxigraph import Store

    from plankg.lineage.cache import LineageCache

NOT_DOCUMENTS = frozenset(map(str, (LINEAGE_GRAPH, RUNS_GRAPH, INFERRED_GRAPH)))
READ_ALL = 0.3  # share of the graphs to read above which one query reads every graph (cheaper than naming them)

# kind -> (the columns kept, the query: ?g, the graph, and its rows)
QUERIES: dict[str, tuple[tuple[str, ...], str]] = {
    "plans": (
        ("plan", "title", "region", "date", "start"),
        """
    SELECT ?g ?plan ?title ?region ?date ?start WHERE {
      GRAPH ?g { ?plan a pk:Plan . OPTIONAL { ?plan pk:region ?region }
                 OPTIONAL { ?plan dct:title ?title FILTER(lang(?title) = "zh-hans") }
                 OPTIONAL { ?plan eli:date_document ?date } OPTIONAL { ?plan pk:periodStart ?start } } }""",
    ),
    "items": (
        ("item", "plan", "kind", "text", "src", "start", "end"),
        """
    SELECT ?g ?item ?kind ?plan ?text ?src ?start ?end WHERE {
      GRAPH ?g {
        VALUES (?cls ?kind) { (pk:Measure "measure") (pk:Project "project") }
        ?item a ?cls ; pk:inPlan ?plan ; pk:text ?text ; prov:wasDerivedFrom ?res .
        FILTER(lang(?text) = "zh-hans")
        ?res oa:hasSource ?src ; oa:hasSelector ?pos .
        ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . } }""",
    ),
    "continuations": (
        ("item", "start", "end", "text"),
        """
    SELECT ?g ?item ?start ?end ?text WHERE {
      GRAPH ?g {
        ?part a pk:Continuation ; pk:partOf ?item ; pk:text ?text ; prov:wasDerivedFrom ?res .
        FILTER(lang(?text) = "zh-hans") VALUES ?cls { pk:Measure pk:Project } ?item a ?cls .
        ?res oa:hasSelector ?pos . ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . } }""",
    ),
    "item_context": (
        ("node", "title"),
        """
    SELECT ?g ?node ?title WHERE { GRAPH ?g { VALUES ?cls { pk:Measure pk:Project } ?node a ?cls ; pk:partOf+ ?h .
        ?h dct:title ?title FILTER(lang(?title) = "zh-hans") } }""",
    ),
    "targets": (
        ("item", "plan", "exact", "src", "start", "end"),
        """
    SELECT ?g ?item ?plan ?exact ?src ?start ?end WHERE {
      GRAPH ?g {
        ?item a pk:ProseIndicator ; pk:inPlan ?plan ; prov:wasDerivedFrom ?res .
        FILTER NOT EXISTS { ?item pk:statedIn ?e . ?e a ?cls VALUES ?cls { pk:Measure pk:Project } }
        ?res oa:hasSource ?src ; oa:hasSelector ?pos , ?quote .
        ?pos a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . ?quote oa:exact ?exact . } }""",
    ),
    "indicators": (
        ("ind", "plan", "name", "category"),
        """
    SELECT ?g ?ind ?plan ?name ?category WHERE { GRAPH ?g {
      ?ind a pk:Indicator ; pk:inPlan ?plan ; pk:name ?name FILTER(lang(?name) = "zh-hans")
      OPTIONAL { ?ind pk:category ?category FILTER(lang(?category) = "zh-hans") } } }""",
    ),
    "indicator_context": (
        ("node", "title"),
        """
    SELECT ?g ?node ?title WHERE { GRAPH ?g { VALUES ?cls { pk:Indicator } ?node a ?cls ; pk:partOf+ ?h .
        ?h dct:title ?title FILTER(lang(?title) = "zh-hans") } }""",
    ),
    "stated": (
        ("ind", "text"),
        """
    SELECT ?g ?ind ?text WHERE {
      GRAPH ?g { ?ind pk:statedIn ?e . ?e pk:text ?text FILTER(lang(?text) = "zh-hans") } }""",
    ),
    "citations": (
        ("cite", "plan", "work", "title", "basis"),
        """
    SELECT ?g ?cite ?plan ?work ?title ?basis WHERE { GRAPH ?g {
      ?cite a pk:Citation ; pk:inPlan ?plan ; pk:citedWork ?work ; pk:isBasis ?basis .
      ?work pk:normalizedTitle ?title } }""",
    ),
    "sources": (
        ("src", "text"),
        """SELECT ?g ?src ?text WHERE { GRAPH ?g { ?src a pk:SourceDocument ; pk:text ?text } }""",
    ),
}

Records = dict[str, list[list[str]]]  # kind -> rows (the columns of QUERIES), sorted


def _empty() -> Records:
    return {kind: [] for kind in QUERIES}


def read(store: Store, graphs: list[str] | None = None) -> dict[str, Records]:
    """graph -> its records, for the graphs given (None: every graph but lineage's, the runs' and the inferred)."""
    found: dict[str, Records] = {g: _empty() for g in graphs or ()}
    if graphs == []:
        return found
    for kind, (columns, query) in QUERIES.items():
        for g, row in _rows(store, query, graphs):
            if g not in NOT_DOCUMENTS:
                found.setdefault(g, _empty())[kind].append([row[c] for c in columns])
    for records in found.values():
        for rows in records.values():
            rows.sort()
        _continue_items(records)
    return found


def _rows(store: Store, query: str, graphs: list[str] | None) -> Iterator[tuple[str, dict[str, str]]]:
    """(graph, row) of a query of QUERIES over every graph (None), or over the graphs given, each queried by its name:
    Oxigraph joins a VALUES of graphs after evaluating the pattern over the whole store (a second for one graph of a
    thousand), a named graph it reads alone."""
    if graphs is None:
        yield from ((row["g"], row) for row in string_rows(store, query))
        return
    for g in graphs:
        named = query.replace("SELECT ?g ", "SELECT ").replace("GRAPH ?g", f"GRAPH <{g}>")
        yield from ((g, row) for row in string_rows(store, named))


def _continue_items(records: Records) -> None:
    """A measure or project read with the paragraphs that continue it (pk:Continuation, e.g. after a box that
    interrupts it): its text runs on through them, one newline for each line break of the source between, so
    that every character still stands, in order, where its span's source has it (graph._in_source maps the
    offsets back; spans stay exact). A continuation whose characters would not be found there is left out."""
    from plankg.loaders.repair import read_offsets
    from plankg.loaders.script import to_simplified

    following: dict[str, list[tuple[int, int, str]]] = {}
    for item, c_start, c_end, text in records["continuations"]:
        following.setdefault(item, []).append((int(c_start), int(c_end), text))
    if not following:
        return
    sources = {src: text for src, text in records["sources"]}
    for row in records["items"]:
        source, start, end = sources.get(row[4], ""), int(row[5]), int(row[6])
        for after, until, text in sorted(following.get(row[0], ())):
            if after < end or not text:
                continue
            joined = row[3] + "\n" * max(1, source.count("\n", end, after)) + text
            at = read_offsets(joined, to_simplified(source[start:until]))
            if at is None or start + at[len(joined) - len(text)] != source.index(source[after:until].lstrip()[:1], after):
                continue
            row[3], row[6], end = joined, str(until), until


def writes(store: Store) -> dict[str, str]:
    """graph -> a digest of the runs that wrote it (kg/graph/store.py records one with every write of a graph)."""
    runs: dict[str, list[str]] = {}
    for row in string_rows(store, f"SELECT ?g ?run WHERE {{ GRAPH <{RUNS_GRAPH}> {{ ?run prov:generated ?g }} }}"):
        runs.setdefault(row["g"], []).append(row["run"])
    return {g: hashlib.sha256("\n".join(sorted(r)).encode()).hexdigest() for g, r in runs.items()}


def region_parents(store: Store) -> dict[str, str]:
    """Region -> the region it is part of (the shared regions graph, read whole: it is small)."""
    rows = string_rows(store, f"SELECT ?r ?p WHERE {{ GRAPH <{REGIONS_GRAPH}> {{ ?r pk:partOf ?p }} }}")
    return {r["r"]: r["p"] for r in rows}


@dataclass
class Corpus:
    """The records of every document graph, in graph IRI order, and how many were read from the store."""

    graphs: dict[str, Records]
    read_from_store: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    marks: dict[str, str] = field(default_factory=dict)  # graph -> the digest of the runs that wrote it, when recorded

    def rows(self, kind: str) -> list[list[str]]:
        return [row for g in sorted(self.graphs) for row in self.graphs[g][kind]]


def load(store: Store, cache: LineageCache | None) -> Corpus:
    """The records of every document graph: from the cache for a graph written by the same runs as when it was
    cached, else from the store (and then kept in the cache)."""
    if cache is None:
        graphs = read(store)
        return Corpus(graphs, len(set(graphs) & set(writes(store))))
    written = writes(store)
    current = sorted(g.value for g in store.named_graphs() if g.value not in NOT_DOCUMENTS)
    known = cache.documents(written)
    missing = [g for g in current if g not in known]
    fresh = read(store, None if len(missing) > READ_ALL * len(current) else missing)
    graphs = {g: known[g] if g in known else fresh.get(g, _empty()) for g in current}
    cache.keep_documents({g: (written[g], graphs[g]) for g in missing if g in written}, current)
    return Corpus(graphs, sum(1 for g in missing if g in written), marks={g: written[g] for g in current if g in written})
