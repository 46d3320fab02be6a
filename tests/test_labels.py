"""rdfs:label on every plan, element, indicator, project, region, concept and family of the corpus's graph, in the
languages of what it is read off, so that generic RDF tools show names instead of IRIs."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from plankg.graph.vocab import SPARQL_PREFIXES
from plankg.lineage.graph import rebuild_lineage
from plankg.loaders.labels import shorten

PLAN = "https://w3id.org/plankg/id/plan/"
LABELLED = [
    "pk:Plan",
    "pk:PlanText",
    "pk:Chapter",
    "pk:Section",
    "pk:Part",
    "pk:Box",
    "pk:IndicatorTable",
    "pk:Measure",
    "pk:Project",
    "pk:Indicator",
    "pk:Citation",
    "pk:Region",
    "pk:IndicatorConcept",
    "pk:PolicyFamily",
    "pk:PolicyInstrument",
    "skos:Concept",
    "org:Organization",
]


@pytest.fixture(scope="module")
def store(corpus_store: Store) -> Store:
    rebuild_lineage(corpus_store)
    return corpus_store


def labels(store: Store, node: str) -> set[tuple[str, str]]:
    return {
        (r["l"].value, r["l"].language or "")
        for r in store.query(f"SELECT ?l WHERE {{ GRAPH ?g {{ <{node}> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}")
    }


def test_every_named_thing_has_a_language_tagged_label(store: Store) -> None:
    for cls in LABELLED:
        unlabelled = list(
            store.query(
                SPARQL_PREFIXES
                + f"""SELECT ?s WHERE {{ GRAPH ?g {{ ?s a {cls} }}
            FILTER NOT EXISTS {{ GRAPH ?h {{ ?s rdfs:label ?l }} }} }}"""
            )
        )
        assert unlabelled == [], (cls, unlabelled[:3])
    untagged = [
        (r["s"].value, r["l"].value)
        for r in store.query(
            SPARQL_PREFIXES
            + """SELECT ?s ?l WHERE {
        GRAPH ?g { ?s rdfs:label ?l } FILTER(lang(?l) = "") }"""
        )
    ]
    # only an untitled, unnumbered table (003's, line 96), labelled by its element id
    assert untagged == [(PLAN + "320214/fyp/2021-2025/5ccb1f6a/zh-Hans/tbl_1", "tbl_1")]


def test_labels_are_read_off_the_text(store: Store) -> None:
    liaoning = PLAN + "210000/fyp/2021-2025/6362853e"
    assert labels(store, liaoning) == {("辽宁省民政事业发展第十四个五年规划", "zh-hans")}  # 001 line 1
    assert labels(store, liaoning + "/zh-Hans/tbl_1__row_18") == {("养老机构护理型床位占比", "zh-hans")}  # line 246
    assert labels(store, "https://w3id.org/plankg/id/region/210000") == {("辽宁省", "zh-hans")}
    # 002 (Traditional): the number as written, and in Simplified in the Simplified label
    assert labels(store, PLAN + "431200/fyp/2021-2025/c1126cbe/zh-Hant/chp_10__sec_5") == {
        ("第五節 完善專業化體系", "zh-hant"),
        ("第五节 完善专业化体系", "zh-hans"),
    }
    # 001 line 471: a titled measure is labelled by its title
    assert labels(store, liaoning + "/zh-Hans/chp_5__sec_2__para_7") == {("提升应急救援能力。", "zh-hans")}
    cite = {
        r["l"].value
        for r in store.query(
            SPARQL_PREFIXES
            + f"""SELECT ?l WHERE {{ GRAPH ?g {{
        ?c a pk:Citation ; pk:inPlan <{liaoning}> ; rdfs:label ?l }} }}"""
        )
    }
    assert "《“十四五”民政事业发展规划》" in cite  # 001 line 23


def test_long_text_is_shortened_to_its_first_clause() -> None:
    assert shorten("1. 提升应急救援能力。按照“分层分类、平战结合、高效协作”原则") == "1. 提升应急救援能力"
    long = "以政治建设为统领,著力打造一支信念坚定、为民服务、勤政务实、敢于担当、清正廉洁的民政干部队伍"
    assert shorten(long) == long[:40] + "…"
    assert shorten("健全  社会救助\n体系") == "健全 社会救助 体系"
