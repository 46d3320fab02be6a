"""Writing the store out: RDF dataset formats, or a CSV of indicator values for spreadsheets."""

from __future__ import annotations

import csv
import io

from pyoxigraph import RdfFormat, Store

from plankg.vocab import SPARQL_PREFIXES

RDF_FORMATS = {"trig": RdfFormat.TRIG, "nquads": RdfFormat.N_QUADS, "turtle": RdfFormat.TURTLE,
               "jsonld": RdfFormat.JSON_LD}

CSV_QUERY = SPARQL_PREFIXES + """
SELECT ?file ?region ?table ?number ?category ?name ?unit ?attribute ?year ?kind ?group ?asWritten
       ?comparator ?value ?line WHERE {
  GRAPH ?g {
    ?expr a pk:PlanText ; eli:realizes ?plan ; dct:language ?script ; prov:wasDerivedFrom ?src .
    ?src dct:identifier ?file .
    ?plan pk:region ?r .
    ?ind a pk:Indicator ; pk:inPlan ?plan ; pk:partOf ?t ; pk:name ?name ; pk:hasValue ?v ;
         prov:wasDerivedFrom ?span .
    FILTER(lang(?name) = LCASE(?script))
    ?span pk:line ?line .
    OPTIONAL { ?t pk:number ?tn } OPTIONAL { ?t dct:title ?tt FILTER(lang(?tt) = LCASE(?script)) }
    BIND(COALESCE(?tn, ?tt, "") AS ?table)
    OPTIONAL { ?ind pk:number ?number }
    OPTIONAL { ?ind pk:category ?category FILTER(lang(?category) = LCASE(?script)) }
    OPTIONAL { ?ind pk:unit ?unit FILTER(lang(?unit) = LCASE(?script)) }
    OPTIONAL { ?ind pk:attribute ?attribute FILTER(lang(?attribute) = LCASE(?script)) }
    ?v pk:valueKind ?k ; pk:asWritten ?asWritten .
    BIND(STRAFTER(STR(?k), "#") AS ?kind)
    OPTIONAL { ?v pk:year ?year }
    OPTIONAL { ?v pk:group ?group FILTER(lang(?group) = LCASE(?script)) }
    OPTIONAL { ?v pk:comparator ?comparator }
    OPTIONAL { ?v pk:numericValue ?value }
  }
  GRAPH ?rg { ?r skos:prefLabel ?region }
} ORDER BY ?file ?line ?year"""


def export_store(store: Store, fmt: str) -> bytes:
    if fmt == "csv":
        return _indicator_csv(store)
    if fmt in ("trig", "nquads"):
        return store.dump(format=RDF_FORMATS[fmt])
    return _default_graph_dump(store, RDF_FORMATS[fmt])


def _default_graph_dump(store: Store, fmt: RdfFormat) -> bytes:
    """Turtle and JSON-LD hold one graph: the union of all named graphs."""
    from pyoxigraph import serialize

    triples = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return serialize(triples, format=fmt, prefixes={"pk": "https://w3id.org/plankg/ontology#"})


def _indicator_csv(store: Store) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = ["file", "region", "table", "number", "category", "name", "unit", "attribute", "year", "kind",
               "group", "asWritten", "comparator", "value", "line"]
    writer.writerow(columns)
    for row in store.query(CSV_QUERY):
        writer.writerow([row[c].value if row[c] is not None else "" for c in columns])
    return out.getvalue().encode("utf-8")
