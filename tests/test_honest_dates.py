"""No invented dates: every date and year in the corpus's graph is stated by the text (a span) or the sidecar, and
the earliest appearance of a policy family is a stated date or, where no member's plan states one, the period,
marked as a period."""

from __future__ import annotations

import re

import pytest
from pyoxigraph import Store

from plankg.graph.store import source_of
from plankg.graph.vocab import RUNS_GRAPH, SPARQL_PREFIXES
from plankg.lineage.graph import rebuild_lineage
from plankg.query.library import run

DATE_TYPES = (
    "http://www.w3.org/2001/XMLSchema#date",
    "http://www.w3.org/2001/XMLSchema#dateTime",
    "http://www.w3.org/2001/XMLSchema#gYear",
    "http://www.w3.org/2001/XMLSchema#gYearMonth",
)

CN_DIGITS = str.maketrans("0123456789", "〇一二三四五六七八九")
PERIOD_ENDS = {"十三五": "2020", "十四五": "2025", "十五五": "2030"}  # 到"十四五"末 states the year 2025


@pytest.fixture(scope="module")
def store(corpus_store: Store) -> Store:
    rebuild_lineage(corpus_store)
    return corpus_store


def test_every_date_has_a_span_or_the_sidecar_behind_it(store: Store) -> None:
    """A date or year of a document graph is the value of a metadata fact about the same node and property (the
    period's years: of the pk:period fact) that points to a span of the text or to the sidecar, or an indicator
    value's year, written in its table's header (the text from the table's start to the value's cell) or, for a target
    stated in prose, in the element stating it before the value; the lineage
    graph's dates are its families' earliest plans' document dates. The runs graph's times are the loads' clock."""
    dated = list(
        store.query(
            SPARQL_PREFIXES
            + f"""
    SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(isLiteral(?o) && DATATYPE(?o) IN
      ({", ".join(f"<{t}>" for t in DATE_TYPES)}) && ?g != <{RUNS_GRAPH}>) }}"""
        )
    )
    assert len(dated) > 10
    facts = {}
    for r in store.query(
        SPARQL_PREFIXES
        + """SELECT ?g ?about ?property ?value ?origin WHERE { GRAPH ?g {
        ?f a pk:MetadataFact ; pk:about ?about ; pk:property ?property ; pk:value ?value ; prov:wasDerivedFrom ?o .
        { ?o a pk:Sidecar BIND("sidecar" AS ?origin) } UNION { ?o pk:line ?line BIND("span" AS ?origin) } } }"""
    ):
        facts.setdefault((r["g"].value, r["about"].value, r["property"].value), set()).add(r["value"].value)
    plan_dates = {
        r["plan"].value: r["date"].value
        for r in store.query(
            SPARQL_PREFIXES
            + """
        SELECT ?plan ?date WHERE { GRAPH ?g { ?plan eli:date_document ?date } }"""
        )
    }
    families = {
        r["f"].value: r["plan"].value
        for r in store.query(
            SPARQL_PREFIXES
            + """
        SELECT ?f ?plan WHERE { GRAPH ?lg { ?f pk:earliestPlan ?plan } }"""
        )
    }
    instrument_plans: dict[str, set[str]] = {}  # a policy instrument -> the plans naming it
    for r in store.query(
        SPARQL_PREFIXES + "SELECT ?i ?plan WHERE { GRAPH ?lg { ?i a pk:PolicyInstrument ; pk:spansPlan ?plan } }"
    ):
        instrument_plans.setdefault(r["i"].value, set()).add(r["plan"].value)
    headers = {
        (r["g"].value, r["v"].value): source_of(store, r["g"].value)[
            int((r["table"] or r["within"]).value) : int(r["cell"].value)
        ]
        for r in store.query(
            SPARQL_PREFIXES
            + """SELECT ?g ?v ?table ?within ?cell WHERE { GRAPH ?g {
        ?v a pk:IndicatorValue ; prov:wasDerivedFrom/oa:hasSelector/oa:start ?cell .
        OPTIONAL { ?v qb:dataSet/prov:wasDerivedFrom/oa:hasSelector/oa:start ?table }
        OPTIONAL { ?v pk:indicator/pk:statedIn/prov:wasDerivedFrom/oa:hasSelector/oa:start ?within } } }"""
        )
    }
    period = "https://w3id.org/plankg/ontology#period"
    for r in dated:
        graph, node, prop, value = r["g"].value, r["s"].value, r["p"].value, r["o"].value
        if prop.endswith("#year"):  # a table value's column year, in its table's header; a prose target's, before it
            written = headers[(graph, node)]
            ways = {value, value.translate(CN_DIGITS), *(f"{name}末" for name, end in PERIOD_ENDS.items() if end == value)}
            assert any(way in written for way in ways), (node, value)
        elif prop.endswith("#earliestAppearance") and node in instrument_plans:  # the earliest its plans state
            assert min(plan_dates[p] for p in instrument_plans[node] if p in plan_dates) == value, (node, value)
        elif prop.endswith("#earliestAppearance"):
            assert plan_dates.get(families[node]) == value, (node, value)
        elif prop.endswith(("#periodStart", "#periodEnd")):
            stated = facts.get((graph, node, period), set())
            assert any(value in re.findall(r"\d{4}", v) for v in stated), (graph, node, prop, value, stated)
        else:  # a fact about the node, or the same stated date given to the notice that issues the plan
            stated = facts.get((graph, node, prop), set()) | {
                v for (g, _n, p), vs in facts.items() if (g, p) == (graph, prop) for v in vs
            }
            assert value in stated, (graph, node, prop, value)


def test_earliest_appearance_is_a_stated_date(store: Store) -> None:
    rows = run(store, "policy-families", {})[1]
    assert len(rows) > 30  # (the number of families is the lineage tests' business)
    # the dates 001, 002 and 003 state, never a 1 January:
    # 001 line 17: 2021年9月6日; 002 line 5: 發布時間:2021-12-24; 003 line 3: 2021-12-31
    assert {r[-1] for r in rows} <= {"2021-09-06", "2021-12-24", "2021-12-31"}
    assert not [r for r in rows if r[-1].endswith("-01-01")]
