"""Writing the store out: RDF dataset formats with the project's prefixes, or a CSV of indicator values.

TriG, N-Quads and JSON-LD keep the named graphs (one per document, the lineage, regions and runs graphs);
Turtle and N-Triples hold one graph, the union of them. JSON-LD is pyoxigraph's, compacted with an @context
that gives the project's terms short names (`name`, `inPlan`, `Plan`) and the vocabularies' prefixes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from pyoxigraph import Literal, RdfFormat, Store
from pyoxigraph import serialize as serialize_rdf

from plankg.graph.solutions import construct, select, written
from plankg.graph.vocab import PK, QUERY_PREFIXES, RDF_TYPE, SPARQL_PREFIXES

FORMATS = {
    "trig": RdfFormat.TRIG,
    "nquads": RdfFormat.N_QUADS,
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "jsonld": RdfFormat.JSON_LD,
    "csv": None,
}
EXTENSIONS = {
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".ttl": "turtle",
    ".nt": "ntriples",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".csv": "csv",
}
# Written with prefixes: the vocabularies' (pkid: is left out: its local names would need every / escaped).
RDF_PREFIXES = {p: ns for p, ns in QUERY_PREFIXES.items() if p != "pkid"}
CSV_COLUMNS = [
    "file",
    "region",
    "plan",
    "table",
    "indicator",
    "number",
    "category",
    "name",
    "unit",
    "attribute",
    "year",
    "kind",
    "group",
    "asWritten",
    "comparator",
    "value",
    "line",
]


def format_for(path: Path) -> str | None:
    """The export format a file name asks for by its extension (None when it names none)."""
    return EXTENSIONS.get(path.suffix.lower())


def export_store(store: Store, fmt: str) -> bytes:
    if fmt == "csv":
        return indicator_csv(store)
    if fmt == "jsonld":
        return jsonld_dataset(store)
    rdf_format = FORMATS[fmt]
    assert rdf_format is not None  # csv, the one format that is not RDF, is written above
    if rdf_format.supports_datasets:
        return written(store.dump(format=rdf_format, prefixes=RDF_PREFIXES if fmt == "trig" else None))
    triples = construct(store, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # the union of the graphs
    return written(serialize_rdf(triples, format=rdf_format, prefixes=RDF_PREFIXES if fmt == "turtle" else None))


def jsonld_context(store: Store) -> dict[str, str]:
    """The vocabularies' prefixes, and a short name for every pk: term the store uses (pk:inPlan → inPlan)."""
    used = select(
        store,
        f"""SELECT DISTINCT ?term WHERE {{
      {{ GRAPH ?g {{ ?s ?term ?o }} }} UNION {{ GRAPH ?g {{ ?s a ?term }} }}
      FILTER(STRSTARTS(STR(?term), "{PK}")) }}""",
    )
    context = dict(QUERY_PREFIXES)
    for row in used:
        name = row["term"].value.removeprefix(str(PK))
        if name and name not in context and all(c.isalnum() or c == "_" for c in name):
            context[name] = f"pk:{name}"
    return context


def jsonld_dataset(store: Store) -> bytes:
    """The dataset as JSON-LD, named graphs kept: pyoxigraph's expanded form with IRIs shortened by the context."""
    context = jsonld_context(store)
    short = _Shortener(context)
    expanded = json.loads(written(store.dump(format=RdfFormat.JSON_LD)))
    document = {"@context": context, "@graph": [short.node(node) for node in expanded]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class _Shortener:
    """Compacts expanded JSON-LD node objects with a context of prefixes and term definitions: property keys and
    types (@type, rdf:type) become terms or compact IRIs, @id values compact IRIs. Nothing else changes, so the result
    expands to the same quads."""

    def __init__(self, context: dict[str, str]) -> None:
        self.terms = {QUERY_PREFIXES["pk"] + v.removeprefix("pk:"): k for k, v in context.items() if v.startswith("pk:")}
        self.prefixes = sorted(((ns, p) for p, ns in QUERY_PREFIXES.items()), key=lambda x: -len(x[0]))

    def iri(self, iri: str, vocab: bool) -> str:
        if vocab and iri in self.terms:
            return self.terms[iri]
        for namespace, prefix in self.prefixes:
            local = iri[len(namespace) :]
            if iri.startswith(namespace) and local and not local.startswith("//") and ":" not in local.split("/")[0]:
                return f"{prefix}:{local}"
        return iri

    def node(self, node: dict) -> dict:
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "@id":
                out[key] = self.iri(value, vocab=False)
            elif key == "@type":
                out[key] = [self.iri(t, vocab=True) for t in value] if isinstance(value, list) else self.iri(value, True)
            elif key == "@graph":
                out[key] = [self.node(n) for n in value]
            elif key.startswith("@"):
                out[key] = value
            elif key == RDF_TYPE.value and all("@id" in v for v in value):  # written as a property by pyoxigraph
                out["@type"] = [self.iri(v["@id"], vocab=True) for v in value]
            else:
                out[self.iri(key, vocab=True)] = [self.value(v) for v in value]
        return out

    def value(self, value: dict) -> dict:
        if "@id" in value:
            return {"@id": self.iri(value["@id"], vocab=False)}
        if "@type" in value:
            return {**value, "@type": self.iri(value["@type"], vocab=True)}
        return value


# Everything the CSV needs, read as few simple patterns over all graphs and joined here: the single query joining
# them all took Oxigraph's planner 20 s on the corpus.
_PK = str(PK)
_DOCUMENTS = (
    SPARQL_PREFIXES
    + """
SELECT ?g ?file ?plan ?script ?region WHERE {
  GRAPH ?g { ?expr a pk:PlanText ; eli:realizes ?plan ; dct:language ?script ; prov:wasDerivedFrom ?src .
             ?src dct:identifier ?file . ?plan pk:region ?r . }
  GRAPH ?rg { ?r skos:prefLabel ?region }
}"""
)
_INDICATORS = (
    SPARQL_PREFIXES
    + """
SELECT ?g ?ind ?p ?o WHERE { GRAPH ?g { ?ind a pk:Indicator ; ?p ?o } }"""
)
_VALUES = (
    SPARQL_PREFIXES
    + """
SELECT ?g ?v ?p ?o WHERE { GRAPH ?g { ?v a pk:IndicatorValue ; ?p ?o } }"""
)
_VALUE_LINES = (
    SPARQL_PREFIXES
    + """
SELECT ?g ?v ?line WHERE { GRAPH ?g { ?v a pk:IndicatorValue ; prov:wasDerivedFrom/pk:line ?line } }"""
)
_TABLES_AND_LINES = (
    SPARQL_PREFIXES
    + """
SELECT ?g ?ind ?table ?title ?line WHERE { GRAPH ?g {
  ?ind a pk:Indicator ; pk:partOf ?t ; prov:wasDerivedFrom/pk:line ?line .
  OPTIONAL { ?t a pk:IndicatorTable ; pk:number ?table } OPTIONAL { ?t a pk:IndicatorTable ; dct:title ?title } } }"""
)
# (A target stated in prose is part of its measure, not of a table: its table column stays empty.)


def indicator_csv(store: Store) -> bytes:
    """One row per indicator value per plan, in file and line order, with the plan and indicator IRIs; the line is
    the value's own (the indicator row's where the value has no span)."""
    documents = {r["g"].value: r for r in select(store, _DOCUMENTS)}
    indicators: dict[tuple[str, str], dict[str, list]] = {}
    for r in select(store, _INDICATORS):
        indicators.setdefault((r["g"].value, r["ind"].value), {}).setdefault(r["p"].value, []).append(r["o"])
    values: dict[tuple[str, str], dict[str, list]] = {}
    for r in select(store, _VALUES):
        values.setdefault((r["g"].value, r["v"].value), {}).setdefault(r["p"].value, []).append(r["o"])
    value_lines = {(r["g"].value, r["v"].value): int(r["line"].value) for r in select(store, _VALUE_LINES)}
    located: dict[tuple[str, str], tuple[list, int]] = {}  # (table number or titles, line)
    for r in select(store, _TABLES_AND_LINES):
        names = located.setdefault((r["g"].value, r["ind"].value), ([], int(r["line"].value)))[0]
        names.extend(t for t in (r["table"], r["title"]) if t is not None)
    rows = []
    for (graph, ind), props in indicators.items():
        doc = documents.get(graph)
        if doc is None or (graph, ind) not in located:
            continue
        script = doc["script"].value.lower()
        name = _in_script(props.get(_PK + "name", []), script)
        if not name:
            continue
        names, line = located[(graph, ind)]
        numbers = [t.value for t in names if t.language is None]
        table = numbers[0] if numbers else _in_script(names, script)
        common = [
            doc["file"].value,
            doc["region"].value,
            doc["plan"].value,
            table,
            ind,
            _in_script(props.get(_PK + "number", []), script),
            _in_script(props.get(_PK + "category", []), script),
            name,
            _in_script(props.get(_PK + "unit", []), script),
            _in_script(props.get(_PK + "attribute", []), script),
        ]
        for value_node in props.get(_PK + "hasValue", []):
            v = values.get((graph, value_node.value), {})
            kind = v.get(_PK + "valueKind", [None])[0]
            rows.append(
                [
                    *common,
                    _first(v.get(_PK + "year")),
                    kind.value.rsplit("#", 1)[-1] if kind else "",
                    _in_script(v.get(_PK + "group", []), script),
                    _first(v.get(_PK + "asWritten")),
                    _first(v.get(_PK + "comparator")),
                    _first(v.get(_PK + "numericValue")),
                    value_lines.get((graph, value_node.value), line),
                ]
            )
    rows.sort(key=lambda r: (r[0], r[-1], r[10], r[11], r[12], r[13]))  # file, line, year, kind, group, as written
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _first(terms: list | None) -> str:
    return terms[0].value if terms else ""


def _in_script(terms: list, script: str) -> str:
    """The literal in the document's own script (lower-case tag), else one without a language tag, else ""."""
    tagged = [t.value for t in terms if isinstance(t, Literal) and t.language == script]
    plain = [t.value for t in terms if isinstance(t, Literal) and t.language is None]
    return (tagged or plain or [""])[0]
