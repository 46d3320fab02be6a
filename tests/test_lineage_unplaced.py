"""Lineage over a store that holds a plan whose text names no place (its region is absent, never invented)."""

from __future__ import annotations

from pathlib import Path

from plankg.graph.store import open_store
from plankg.graph.vocab import LINEAGE_GRAPH, SPARQL_PREFIXES
from plankg.lineage.graph import rebuild_lineage
from plankg.loading.documents import bundled_corpus, load_paths

# An opinion that names no place, region, period, date or issuer, and copies a clause of 辽宁省's plan (001, line 471).
UNPLACED = """关于加强养老服务应急工作的意见

一、提升应急能力
（一）提升应急救援能力。构建“分层分类、平战结合、高效协作”的养老服务应急救援体系。在国家养老应急救援机制统一指挥协调下，加强养老服务应急救援体系建设。
（二）建立服务质量评价制度。定期开展服务质量评价并向社会公布结果。
"""


def test_a_plan_without_region_takes_part_in_lineage_without_a_region(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store")
    unplaced = tmp_path / "opinion.txt"
    unplaced.write_text(UNPLACED, encoding="utf-8")
    results = load_paths(store, [bundled_corpus(), unplaced])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    found = rebuild_lineage(store)
    linked = store.query(
        SPARQL_PREFIXES
        + f"""
        SELECT ?a ?b WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?r a pk:TextReuse ; pk:between ?a, ?b }}
                             FILTER(CONTAINS(STR(?a), "/unknown-region/") && ?a != ?b) }}"""
    )
    assert found.reuse_links > 0 and len(list(linked)) >= 1  # the copied clause is linked to 001's
    placed = store.query(
        SPARQL_PREFIXES
        + """
        SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?plan a pk:Plan } FILTER NOT EXISTS { GRAPH ?h { ?plan pk:region ?r } } }"""
    )
    assert int(next(iter(placed))["n"].value) == 1  # the opinion: its text states no place
    regions = store.query(
        SPARQL_PREFIXES
        + f"""
        SELECT ?r WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?family pk:spansRegion ?r }} }}"""
    )
    assert all(row["r"].value.startswith("https://w3id.org/plankg/id/region/") for row in regions)


def test_a_plan_is_placed_on_the_chain_of_the_plan_it_cites_as_its_basis() -> None:
    """A county plan whose region was read as another province's (澂江市 read as 广东省) still cites its prefecture's
    plan as its basis (依据《玉溪市“十四五”民政事业发展规划》): the prefecture's chain is added to its own, so their
    common clauses are drawn (graph._places), and its own region stays first."""
    from plankg.lineage import graph, textreuse

    plans = {
        "county": {"key": graph.title_key("澂江市民政事业发展“十四五”规划"), "region": "GD", "ancestors": ["CN"]},
        "city": {"key": graph.title_key("玉溪市“十四五”民政事业发展规划"), "region": "YX", "ancestors": ["YN", "CN"]},
        "nation": {"key": graph.title_key("“十四五”民政事业发展规划"), "region": "CN", "ancestors": []},
    }
    for plan in plans.values():
        plan.update(date="", start="2021")
    cites = [{"cite": "c1", "plan": "county", "work": "w1", "title": "玉溪市「十四五」民政事业发展规划", "basis": "true"}]
    items = [textreuse.Item(f"item-{p}", p, "measure", "建立健全困难群众基本生活救助标准动态调整机制", "s", 0) for p in plans]
    places = graph._places(items, plans, cites)
    assert places.chain == [("GD", "CN", "YX", "YN"), ("YX", "YN", "CN"), ("CN",)]
    assert graph._places(items, plans).chain[0] == ("GD", "CN")
