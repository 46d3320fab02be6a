"""Lineage: citations, shared indicators, text reuse (measured on the labelled set), families, themes, queries.

The corpus has no parent-child pair (five plans in five provinces), so direction, declared parents and
diffusion paths are tested on tests/fixtures/parent_chain: 广西 (province) and two of its cities, 玉林 and
南宁, written from the corpus's own sentences (000 line 175 提升应急救援能力, 001 关爱农村留守妇女, 000 殡葬移风易俗).
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from pyoxigraph import Store

from plankg.graph.store import open_store, source_of
from plankg.graph.vocab import LINEAGE_GRAPH, SPARQL_PREFIXES
from plankg.lineage import instruments, reuse_model, reuse_train, textreuse
from plankg.lineage.graph import indicator_name, indicators_match, rebuild_lineage, title_key
from plankg.loading.documents import bundled_corpus, load_paths
from plankg.query.library import QueryError
from plankg.query.library import run as run_query

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "parent_chain"
LABELS = json.loads((HERE / "lineage_labels.json").read_text(encoding="utf-8"))
REAL_LABELS = json.loads((HERE / "lineage_labels_real.json").read_text(encoding="utf-8"))
PLAN = "https://w3id.org/plankg/id/plan/"
GX = PLAN + "450000/fyp/2021-2025/216551d4/zh-Hans"
YL = PLAN + "450900/fyp/2021-2025/05cd351b/zh-Hans"
NN = PLAN + "450100/fyp/2021-2025/a70f3663/zh-Hans"
EMERGENCY = "/chp_2__sec_1__para_1"  # 1. 提升应急救援能力。 in all three fixture plans


def _store(tmp_path_factory: pytest.TempPathFactory, name: str, source: Path) -> tuple[Store, object]:
    store = open_store(tmp_path_factory.mktemp(name))
    results = load_paths(store, [source])
    assert all(r.ok for r in results), [r.error for r in results]
    return store, rebuild_lineage(store)


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory):
    return _store(tmp_path_factory, "chain", FIXTURE)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    return _store(tmp_path_factory, "lineage-corpus", bundled_corpus())


def run(store: Store, name: str, **params: str) -> list[tuple[str, ...]]:
    """A query of the library, run as `plankg query` runs it (parameters bound, never pasted)."""
    return [tuple(row) for row in run_query(store, name, params)[1]]


def ask(store: Store, query: str) -> bool:
    return bool(store.query(SPARQL_PREFIXES + query))


# ---------------------------------------------------------------- parent-chain fixture


def test_fixture_summary(chain) -> None:
    _, summary = chain
    # citations: 广西 cites the national plan (not loaded); 玉林 cites 广西 and its own 纲要; 南宁 cites 广西
    assert (summary.plans, summary.citations, summary.resolved_citations, summary.declared_parents) == (3, 4, 2, 2)
    # 4 derivations; the two cities' copies of 提升应急救援能力 are not linked to each other (both derive from 广西's)
    assert (summary.items, summary.reuse_links, summary.directed_links, summary.families) == (8, 4, 4, 3)
    assert (summary.indicator_concepts, summary.grouped_indicators, summary.unthemed_nodes) == (3, 7, 0)


def test_declared_parents_and_unresolved_citation(chain) -> None:
    store, _ = chain
    lineage = f"GRAPH <{LINEAGE_GRAPH}>"
    assert ask(
        store,
        f"ASK {{ {lineage} {{ <{PLAN}450900/fyp/2021-2025/05cd351b> pk:parentPlan <{PLAN}450000/fyp/2021-2025/216551d4> }} }}",
    )
    assert ask(
        store,
        f"ASK {{ {lineage} {{ <{PLAN}450100/fyp/2021-2025/a70f3663> pk:parentPlan <{PLAN}450000/fyp/2021-2025/216551d4> }} }}",
    )
    rows = store.query(
        SPARQL_PREFIXES
        + f"""SELECT ?t WHERE {{ {lineage} {{ ?w a pk:UnresolvedWork }}
        GRAPH ?g {{ ?w pk:normalizedTitle ?t }} }} ORDER BY ?t"""
    )
    assert [r["t"].value for r in rows] == [
        "十四五民政事业发展规划",
        "玉林市国民经济和社会发展十四五规划和二〇三五年远景目标纲要",
    ]


def test_direction_parent_to_child_and_siblings_through_their_source(chain) -> None:
    store, _ = chain
    lineage = f"GRAPH <{LINEAGE_GRAPH}>"
    for city in (YL, NN):
        assert ask(
            store,
            f"""ASK {{ {lineage} {{ <{city}{EMERGENCY}> prov:wasDerivedFrom <{GX}{EMERGENCY}> ;
            prov:qualifiedDerivation ?d . ?d a prov:Derivation ; prov:entity <{GX}{EMERGENCY}> ;
            pk:directed true ; pk:method "{textreuse.METHOD}" }} }}""",
        )
        assert not ask(store, f"ASK {{ {lineage} {{ <{GX}{EMERGENCY}> prov:wasDerivedFrom ?x }} }}")
    # the two cities share the wording but neither copied the other: both derive from the province's measure, so no
    # link of their own is stated (stated_links); their family, with the province's measure, says they belong together
    assert not ask(store, f"ASK {{ {lineage} {{ ?l pk:between <{YL}{EMERGENCY}> , <{NN}{EMERGENCY}> }} }}")
    assert ask(
        store,
        f"""ASK {{ {lineage} {{ ?f a pk:PolicyFamily ; pk:size 3 ;
        pk:member <{GX}{EMERGENCY}> , <{YL}{EMERGENCY}> , <{NN}{EMERGENCY}> }} }}""",
    )
    assert not ask(store, f"ASK {{ {lineage} {{ ?l a pk:TextReuse ; pk:directed false }} }}")


def test_each_derivation_states_the_regions_of_its_ends(chain) -> None:
    """The province's measures reached its two cities: each derivation names the province as its source's region and
    the city as its derived item's (what diffusion-paths reads instead of every item's plan)."""
    store, _ = chain
    rows = store.query(
        SPARQL_PREFIXES
        + f"""SELECT ?item ?source ?derived WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{
        ?item prov:qualifiedDerivation ?d . ?d pk:sourceRegion ?source ; pk:derivedRegion ?derived }} }}"""
    )
    region = "https://w3id.org/plankg/id/region/"
    assert sorted((r["item"].value.removeprefix(PLAN), r["source"].value, r["derived"].value) for r in rows) == [
        ("450100/fyp/2021-2025/a70f3663/zh-Hans/chp_2__sec_1__para_1", region + "450000", region + "450100"),
        ("450100/fyp/2021-2025/a70f3663/zh-Hans/chp_2__sec_2__para_1", region + "450000", region + "450100"),
        ("450900/fyp/2021-2025/05cd351b/zh-Hans/chp_2__sec_1__para_1", region + "450000", region + "450900"),
        ("450900/fyp/2021-2025/05cd351b/zh-Hans/chp_2__sec_2__para_1", region + "450000", region + "450900"),
    ]


def test_the_derivations_conform_to_the_lineage_shapes(chain) -> None:
    """The bundled corpus has no derivation: the shapes of their regions are met by real ones here, in both engines."""
    from plankg.validation.shacl import validate_store

    store, _ = chain
    reports = [validate_store(store, engine)[-1] for engine in ("pyrudof", "pyshacl")]
    assert [(r.name, r.findings) for r in reports] == [("lineage", []), ("lineage", [])]


def test_shared_passages_are_exact_spans_of_both_sources(chain) -> None:
    store, _ = chain
    rows = list(
        store.query(
            SPARQL_PREFIXES
            + f"""SELECT ?src ?start ?end ?exact WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{
        ?l pk:sharedPassage ?p . ?p oa:hasTarget ?t . ?t oa:hasSource ?src ; oa:hasSelector ?pos , ?q .
        ?pos oa:start ?start ; oa:end ?end . ?q oa:exact ?exact }} }}"""
        )
    )
    # 5 passages, 2 sides each: the emergency measure's derivations (玉林 writes 玉林市 into it, splitting it in two,
    # 南宁 one), 留守妇女 (玉林) and 殡葬 (南宁); the two cities' emergency measures share no link of their own
    assert len(rows) == 10
    for r in rows:
        graph = r["src"].value.replace(PLAN, "https://w3id.org/plankg/id/graph/plan/").removesuffix("/source")
        text = source_of(store, graph)
        assert text[int(r["start"].value) : int(r["end"].value)] == r["exact"].value


def test_diffusion_paths(chain) -> None:
    store, _ = chain
    rows = [
        (o_region, origin.removeprefix(PLAN), s_region, step.removeprefix(PLAN), score, s2, paths)
        for o_region, origin, s_region, step, score, _r2, s2, _sc2, paths in run(store, "diffusion-paths", rows="paths")
    ]
    assert rows == [
        (
            "广西壮族自治区",
            "450000/fyp/2021-2025/216551d4/zh-Hans/chp_2__sec_1__para_1",
            "南宁市",
            "450100/fyp/2021-2025/a70f3663/zh-Hans/chp_2__sec_1__para_1",
            "1",
            "",
            "1",
        ),
        (
            "广西壮族自治区",
            "450000/fyp/2021-2025/216551d4/zh-Hans/chp_2__sec_1__para_1",
            "玉林市",
            "450900/fyp/2021-2025/05cd351b/zh-Hans/chp_2__sec_1__para_1",
            "1",
            "",
            "1",
        ),  # all of the province's wording is kept
        (
            "广西壮族自治区",
            "450000/fyp/2021-2025/216551d4/zh-Hans/chp_2__sec_2__para_1",
            "玉林市",
            "450900/fyp/2021-2025/05cd351b/zh-Hans/chp_2__sec_2__para_1",
            "1",
            "",
            "1",
        ),
        (
            "广西壮族自治区",
            "450000/fyp/2021-2025/216551d4/zh-Hans/chp_2__sec_2__para_2",
            "南宁市",
            "450100/fyp/2021-2025/a70f3663/zh-Hans/chp_2__sec_2__para_1",
            "1",
            "",
            "1",
        ),
    ]


def test_diffusion_paths_by_default_counts_the_paths_along_each_chain_of_regions(chain) -> None:
    """The province's wording reached each city by two paths, none further; the items and scores are left empty."""
    store, _ = chain
    assert run(store, "diffusion-paths") == [
        ("广西壮族自治区", "", "南宁市", "", "", "", "", "", "2"),
        ("广西壮族自治区", "", "玉林市", "", "", "", "", "", "2"),
    ]
    assert run(store, "diffusion-paths", rows="regions") == run(store, "diffusion-paths")
    with pytest.raises(QueryError, match="parameter rows is not a valid regions.paths: 'path'"):
        run(store, "diffusion-paths", rows="path")


def test_measure_lineage_query(chain) -> None:
    store, _ = chain
    rows = run(store, "measure-lineage", measure=GX + EMERGENCY)
    assert [
        (level, region, date, member.removeprefix(PLAN)[:6], relation, score, quote[:12])
        for _, level, region, date, member, relation, score, quote in rows
    ] == [
        ("Province", "广西壮族自治区", "period 2021-2025", "450000", "measure", "", "1. 提升应急救援能力。"),  # no date stated
        ("PrefectureCity", "南宁市", "period 2021-2025", "450100", "copy", "1", "1. 提升应急救援能力。"),
        ("PrefectureCity", "玉林市", "period 2021-2025", "450900", "copy", "1", "1. 提升应急救援能力。"),
    ]
    # from a city's measure: the province's it derives from, and 南宁's, which copies the same source (no link of its
    # own between the two cities, and so no probability)
    rows = run(store, "measure-lineage", measure=YL + EMERGENCY)
    assert [(region, member.removeprefix(PLAN)[:6], relation, score) for _, _, region, _, member, relation, score, _ in rows] == [
        ("广西壮族自治区", "450000", "source", "1"),
        ("南宁市", "450100", "same source", ""),
        ("玉林市", "450900", "measure", ""),
    ]
    # both relations: 玉林 copies the clause and names the same instrument
    rows = run(store, "measure-lineage", measure=GX + "/chp_2__sec_2__para_1")
    assert [(region, relation, score) for _, _, region, _, _, relation, score, _ in rows] == [
        ("广西壮族自治区", "measure", ""),
        ("玉林市", "copy", "1"),
        ("玉林市", "instrument 农村留守妇女关爱行动", "0.667"),
    ]


def test_binding_missing_in_child(chain) -> None:
    store, _ = chain
    # 南宁 has 婚姻登记"跨省通办"覆盖率, a close match of the provincial 实施率; 玉林 has neither
    assert run(store, "binding-missing-in-child") == [
        ("玉林市“十四五”民政事业发展规划", "广西民政事业发展“十四五”规划", "婚姻登记“跨省通办”实施率", "100")
    ]


def test_shared_indicator_concepts_query(chain) -> None:
    store, _ = chain
    rows = [
        (c, m, region, name, target, norm) for c, m, region, name, _y, target, norm, _u in run(store, "shared-indicator-concepts")
    ]
    assert rows == [
        ("养老机构护理型床位占比", "exactMatch", "南宁市", "养老机构护理型床位占比", "55", "55"),
        ("养老机构护理型床位占比", "exactMatch", "广西壮族自治区", "养老机构护理型床位占比", "55", "55"),
        ("养老机构护理型床位占比", "exactMatch", "玉林市", "养老机构护理型床位占比", "55", "55"),
        ("婚姻登记跨省通办实施率", "closeMatch", "南宁市", "婚姻登记“跨省通办”覆盖率", "100", "100"),
        ("婚姻登记跨省通办实施率", "exactMatch", "广西壮族自治区", "婚姻登记“跨省通办”实施率", "100", "100"),
        (
            "志愿服务站点在社区综合服务设施中的覆盖率",
            "exactMatch",
            "广西壮族自治区",
            "志愿服务站点在社区综合服务设施中的覆盖率",
            "90",
            "90",
        ),
        (
            "志愿服务站点在社区综合服务设施中的覆盖率",
            "exactMatch",
            "玉林市",
            "志愿服务站点在社区综合服务设施中的覆盖率",
            "90",
            "90",
        ),
    ]


def test_policy_families_query(chain) -> None:
    store, _ = chain
    rows = [row[1:] for row in run(store, "policy-families")]
    assert rows == [
        # no date stated; copied-clause links of probability 1 (rounded); one instrument two members name
        ("提升应急救援能力", "养老服务", "3", "3", "南宁市、广西壮族自治区、玉林市", "100", "0", "period 2021-2025"),
        ("开展农村留守妇女关爱行动", "儿童福利", "2", "2", "广西壮族自治区、玉林市", "100", "1", "period 2021-2025"),
        ("推进殡葬移风易俗", "殡葬", "2", "2", "南宁市、广西壮族自治区", "100", "0", "period 2021-2025"),
    ]


def test_theme_coverage_query(chain) -> None:
    store, _ = chain
    nanning = [row[1:] for row in run(store, "theme-coverage") if row[0] == "南宁市“十四五”民政事业发展规划"]
    # 推进殡葬移风易俗 is 殡葬 and, through 村民委员会/红白理事会/村民自治章程, 基层治理 too
    assert nanning == [
        ("养老服务", "1", "0", "1"),
        ("基层治理", "1", "0", "0"),
        ("婚姻收养", "0", "0", "1"),
        ("殡葬", "1", "0", "0"),
    ]


def test_theme_counts_are_the_counts_of_the_themed_nodes(corpus) -> None:
    """Lineage's count per plan, title and theme (pk:ThemeCount, read by theme-coverage) is the number of the plan's
    measures, projects and indicators with that theme, counted here from the nodes themselves."""
    store, _ = corpus
    kept = f"""SELECT ?plan ?title ?t ?m ?p ?i WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{
        ?c a pk:ThemeCount ; pk:countedPlan ?plan ; pk:countedTitle ?title ; pk:countedTheme ?t ;
           pk:measureCount ?m ; pk:projectCount ?p ; pk:indicatorCount ?i }} }}"""
    counted = f"""SELECT ?plan ?title ?t (SUM(IF(?cls = pk:Measure, 1, 0)) AS ?m) (SUM(IF(?cls = pk:Project, 1, 0)) AS ?p)
        (SUM(IF(?cls = pk:Indicator, 1, 0)) AS ?i) WHERE {{
        GRAPH <{LINEAGE_GRAPH}> {{ ?node pk:theme ?t }}
        GRAPH ?g {{ ?node a ?cls . VALUES ?cls {{ pk:Measure pk:Project pk:Indicator }}
                    ?plan a pk:Plan ; dct:title ?title FILTER(lang(?title) = "zh-hans") }}
    }} GROUP BY ?plan ?title ?t"""

    def rows(query: str) -> list[tuple[str, ...]]:
        return sorted(
            tuple(row[v].value for v in ("plan", "title", "t", "m", "p", "i")) for row in store.query(SPARQL_PREFIXES + query)
        )

    assert rows(kept) == rows(counted) != []


def test_a_rebuild_pauses_the_garbage_collector_and_leaves_it_as_it_found_it(chain, monkeypatch) -> None:
    """Lineage pauses the cyclic collector while it reads the records and computes (its objects make few cycles): it
    is running again after, unless the caller had paused it."""
    from plankg.lineage import document_themes, records

    store, summary = chain
    running: list[bool] = []  # whether the collector ran as the records were read, and as the themes were found

    def watched(f):
        return lambda *a: (running.append(gc.isenabled()), f(*a))[1]

    monkeypatch.setattr(records, "load", watched(records.load))
    monkeypatch.setattr(document_themes, "themed", watched(document_themes.themed))
    try:
        for enabled in (True, False):
            if enabled:
                gc.enable()
            else:
                gc.disable()
            assert rebuild_lineage(store).triples == summary.triples
            assert gc.isenabled() == enabled
    finally:
        gc.enable()
    assert running == [False] * 4


def test_rebuild_is_idempotent(chain) -> None:
    store, summary = chain
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?s ?p ?o }} }}"
    before = int(next(iter(store.query(query)))["n"].value)
    assert rebuild_lineage(store).triples == summary.triples
    assert (
        int(next(iter(store.query(query)))["n"].value) == before == summary.triples == 741
    )  # 1 instrument with its 2 plans and their count, no date, 35 labels; no sibling link (73 triples: 3 features, 2 passages);
    # a name key on each of the 7 indicators, and the name index: its type and the 4 distinct names; the plans of
    # each of the 3 indicator concepts (7: 养老机构护理型床位占比 in all three plans, the other two in two each);
    # a count of 7 triples per plan and theme (105: 15 themes, 6 of 广西's plan, 5 of 玉林's, 4 of 南宁's); the regions
    # of the two ends of each of the 4 derivations (8)


# ---------------------------------------------------------------- derivation trees, not sibling cliques

_PLANS = {  # 广西 (450000), its cities 南宁 (450100) and 玉林 (450900), 南宁's 兴宁区 (450102), and 辽宁 (210000)
    "gx": {"region": "450000", "ancestors": [], "start": "2021"},
    "nn": {"region": "450100", "ancestors": ["450000"], "start": "2021"},
    "yl": {"region": "450900", "ancestors": ["450000"], "start": "2021"},
    "xn": {"region": "450102", "ancestors": ["450100", "450000"], "start": "2021"},
    "ln": {"region": "210000", "ancestors": [], "start": "2021"},
    "ln-city": {"region": "210100", "ancestors": ["210000"], "start": "2021"},
}


def _reuse(*pairs: tuple[int, int]) -> list[textreuse.Reuse]:
    return [textreuse.Reuse(a, b, 0.9, (), ()) for a, b in pairs]


def _tree_items(plans: list[str]) -> list[textreuse.Item]:
    return [textreuse.Item(f"item/{n}", plan, "measure", "", "", 0) for n, plan in enumerate(plans)]


def test_undirected_links_that_derivations_already_connect_are_not_stated() -> None:
    from plankg.lineage.graph import directed, stated_links

    items = _tree_items(["gx", "nn", "yl", "xn", "ln", "ln-city"])
    gx, nn, yl, xn, ln, ln_city = range(6)
    links = _reuse(
        (gx, nn),
        (gx, yl),
        (nn, xn),
        (gx, xn),  # derivations: down the chain of regions
        (nn, yl),  # siblings copying 广西's measure: connected through it
        (yl, xn),  # a county and its city's sibling: connected through 南宁 and 广西
        (yl, ln),  # 辽宁's measure shares the wording, no derivation joins it to 广西's tree: stated
        (nn, ln_city),  # a city of 辽宁 with 南宁: two trees, stated
        (ln, ln_city),  # 辽宁's own derivation: 辽宁 and its city are one tree, still apart from 广西's
    )
    assert [directed(items[x.a], items[x.b], _PLANS, {}) for x in links] == [True] * 4 + [False] * 4 + [True]
    kept = stated_links(items, links, _PLANS, {})
    assert [(x.a, x.b) for x in kept] == [(gx, nn), (gx, yl), (nn, xn), (gx, xn), (yl, ln), (nn, ln_city), (ln, ln_city)]
    # a declared parent directs a link too: a plan of the same region (an annual work plan) declaring 南宁's plan
    items.append(textreuse.Item("item/6", "nn-2022", "measure", "", "", 0))
    plans = _PLANS | {"nn-2022": {"region": "450100", "ancestors": ["450000"], "start": "2022"}}
    links += _reuse((nn, 6), (yl, 6))
    kept = stated_links(items, links, plans, {"nn-2022": {"nn"}})
    assert (nn, 6) in [(x.a, x.b) for x in kept] and (yl, 6) not in [(x.a, x.b) for x in kept]
    assert (yl, 6) in [(x.a, x.b) for x in stated_links(items, links, plans, {})]  # undeclared: no derivation


def test_stated_links_do_not_depend_on_order_and_keep_the_families() -> None:
    """A set-based rule (an incremental update must equal a rebuild) that leaves every family (connected component
    of the links) as it was: on random links among 30 items of the six plans, in shuffled orders."""
    import random

    import networkx as nx

    from plankg.lineage.graph import directed, stated_links

    rng = random.Random(18)
    plans, left_out = list(_PLANS), 0
    for _ in range(20):
        items = _tree_items([rng.choice(plans) for _ in range(30)])
        pairs = {tuple(sorted(rng.sample(range(30), 2))) for _ in range(90)}
        links = _reuse(*(p for p in sorted(pairs) if items[p[0]].plan != items[p[1]].plan))
        kept = {(x.a, x.b) for x in stated_links(items, links, _PLANS, {})}
        for _ in range(3):
            shuffled = rng.sample(links, len(links))
            assert {(x.a, x.b) for x in stated_links(items, shuffled, _PLANS, {})} == kept
        derivations = nx.Graph((x.a, x.b) for x in links if directed(items[x.a], items[x.b], _PLANS, {}))
        assert {(x.a, x.b) for x in links if derivations.has_edge(x.a, x.b)} <= kept  # every derivation is stated
        for a, b in {(x.a, x.b) for x in links} - kept:  # what is left out joins two items of one derivation tree
            assert nx.has_path(derivations, a, b)
            left_out += 1
        families = {frozenset(c) for c in nx.connected_components(nx.Graph([(x.a, x.b) for x in links]))}
        assert {frozenset(c) for c in nx.connected_components(nx.Graph(list(kept)))} == families
    assert left_out == 71  # of 1,337 links for this seed: the rule was exercised


def test_pairs_whose_link_would_not_be_stated_are_not_scored() -> None:
    """score_stated finds the links stated_links keeps of all the scored candidates, scoring only the directed pairs
    and the undirected ones across derivation trees: on random candidates among 30 items of the six plans."""
    import random

    import networkx as nx

    from plankg.lineage.graph import directed, score_stated, stated_links

    rng = random.Random(14)
    plans, skipped = list(_PLANS), 0
    for _ in range(20):
        items = _tree_items([rng.choice(plans) for _ in range(30)])
        ordered = sorted(
            p for p in {tuple(sorted(rng.sample(range(30), 2))) for _ in range(90)} if items[p[0]].plan != items[p[1]].plan
        )
        copied = set(rng.sample(ordered, len(ordered) * 2 // 3))  # the pairs the model would link
        scored: list[tuple[int, int]] = []

        def score(pairs: list[tuple[int, int]], scored=scored, copied=copied) -> list[textreuse.Reuse]:
            scored.extend(pairs)
            return _reuse(*(p for p in pairs if p in copied))

        found = score_stated(items, ordered, _PLANS, {}, score)
        assert sorted(scored) == sorted(set(scored))  # no pair scored twice
        expected = stated_links(items, _reuse(*(p for p in ordered if p in copied)), _PLANS, {})
        assert [(x.a, x.b) for x in found] == [(x.a, x.b) for x in expected]
        trees = nx.Graph((a, b) for a, b in copied if directed(items[a], items[b], _PLANS, {}))
        for a, b in set(ordered) - set(scored):  # never scored: undirected, between two items of one derivation tree
            assert not directed(items[a], items[b], _PLANS, {}) and nx.has_path(trees, a, b)
            skipped += 1
    assert skipped == 44  # of 1,337 candidate pairs for this seed


# ---------------------------------------------------------------- corpus


def test_title_keys_meet_across_spellings() -> None:
    assert title_key("辽宁省民政事业发展第十四个五年规划") == title_key("辽宁省民政事业发展“十四五”规划")
    assert title_key("懷化市“十四五”民政事業發展規劃") == title_key("怀化市 十四五 民政事业发展规划")


def test_indicator_names_close_not_exact() -> None:
    a, b = indicator_name("婚姻登记“跨省通办”实施率"), indicator_name("婚姻登记“跨省通办”覆盖率")  # 000:223, 003:522
    assert (a, b) == ("婚姻登记跨省通办实施率", "婚姻登记跨省通办覆盖率")
    assert a != b and indicators_match(a, b)
    assert indicator_name("养老机构护理型床位占比(%") == "养老机构护理型床位占比"  # 002 line 329
    assert not indicators_match("城市社区综合服务设施覆盖率", "农村社区综合服务设施覆盖率")  # 000 lines 47, 53
    assert not indicators_match("社会工作专业人才数量", "每万人拥有持证社会工作专业人才数")  # 000:252, 003:342


def test_corpus_summary(corpus) -> None:
    _, summary = corpus
    assert (summary.plans, summary.citations, summary.resolved_citations, summary.declared_parents) == (5, 79, 0, 0)
    # copied clauses at the default threshold: 103 since the model reads list items and names apart (name_share,
    # policy_wording) and a one-line project's share (_whole): 002 line 587 ~ 000 line 292 (易地扶贫搬迁集中安置社区、
    # 生态移民搬迁安置社区: two names of a list) and 001 line 308 培育2家以上儿童福利机构… ~ 000 line 308 县级及以上
    # 儿童福利机构 are not linked; 001 line 297 ~ 003 line 546 (推进现代信息技术在社会救助领域的运用/应用) is
    assert (summary.items, summary.reuse_links, summary.directed_links) == (397, 103, 0)
    # 16 concepts of table rows, plus 3 that targets stated in prose add: 配建设施达标率 (001:466 and 002:497),
    # 有集中供养意愿的特困人员集中供养率 (000:270 in prose, 002:311 in a table) and 每万名(城镇)常住人口拥有社区工作者
    # (000:291, 001:356, 003:564).
    assert (summary.indicator_concepts, summary.unthemed_nodes) == (19, 0)


def _indicator_iris(store: Store) -> dict[tuple[str, int], str]:
    rows = store.query(
        SPARQL_PREFIXES
        + """SELECT ?i ?file ?line WHERE { GRAPH ?g {
        ?i a pk:Indicator ; pk:nameDerivedFrom ?r . ?r pk:line ?line ; oa:hasSource ?s . ?s dct:identifier ?file } }"""
    )
    return {(r["file"].value, int(r["line"].value)): r["i"].value for r in rows}


def test_labelled_indicator_groups_are_found(corpus) -> None:
    store, _ = corpus
    iris = _indicator_iris(store)
    concept = {
        r["i"].value: r["c"].value
        for r in store.query(
            f"SELECT ?i ?c WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?i <https://w3id.org/plankg/ontology#indicatorConcept> ?c }} }}"
        )
    }
    seen = set()
    for group in LABELS["indicator_groups"]:
        concepts = {concept.get(iris[(f, line)]) for f, line in group["members"]}
        assert len(concepts) == 1 and None not in concepts, group
        assert not concepts & seen, group  # different labelled groups are different concepts
        seen |= concepts


def test_manifest_example_is_linked(corpus) -> None:
    store, _ = corpus
    a = PLAN + "450900/fyp/2021-2025/05cd351b/zh-Hans/para_17"  # 000 提升应急救援能力
    b = PLAN + "210000/fyp/2021-2025/6362853e/zh-Hans/chp_5__sec_2__para_7"  # 001 提升应急救援能力
    assert ask(
        store,
        f"""ASK {{ GRAPH <{LINEAGE_GRAPH}> {{ ?l pk:between <{a}> , <{b}> ; pk:directed false ;
        pk:sharedPassage ?p . ?p oa:hasTarget ?t . ?t oa:hasSelector ?q . ?q oa:exact ?e
        FILTER(CONTAINS(?e, "分层分类、平战结合、高效协作")) }} }}""",
    )


@pytest.fixture(scope="module")
def labelled(corpus):
    """Every labelled pair with its features, computed on the corpus store's items as `plankg lineage` does."""
    from plankg.lineage.graph import reuse_items

    store, _ = corpus
    return reuse_train.labelled_pairs(LABELS["pairs"], reuse_items(store)[0])


def grade_counts(pairs: list[dict]) -> dict[tuple[str, str, str], int]:
    """How many pairs of each split have each grade on each question, once every pair is checked to answer both
    questions and to name its instruments exactly when it shares one."""
    grades = ("clear", "borderline", "no")
    assert all(p["copied"] in grades and p["instrument"] in grades for p in pairs)  # both questions, every pair
    assert all(bool(p.get("instruments")) == (p["instrument"] != "no") for p in pairs)
    return {
        (split, question, grade): sum(p["split"] == split and p[question] == grade for p in pairs)
        for split in ("dev", "blind")
        for question in ("copied", "instrument")
        for grade in grades
    }


def test_labelled_set_size() -> None:
    pairs = LABELS["pairs"]
    assert grade_counts(pairs) == {
        ("dev", "copied", "clear"): 49,
        ("dev", "copied", "borderline"): 7,
        ("dev", "copied", "no"): 223,
        ("dev", "instrument", "clear"): 56,
        ("dev", "instrument", "borderline"): 28,
        ("dev", "instrument", "no"): 195,
        ("blind", "copied", "clear"): 51,
        ("blind", "copied", "borderline"): 7,
        ("blind", "copied", "no"): 223,
        ("blind", "instrument", "clear"): 57,
        ("blind", "instrument", "borderline"): 29,
        ("blind", "instrument", "no"): 195,
    }
    assert all(p["a"].split("/")[0] != p["b"].split("/")[0] for p in pairs)  # different documents
    assert len({frozenset((p["a"], p["b"])) for p in pairs}) == len(pairs)  # no pair labelled twice
    # answers changed on a second reading, each with why: five copied-clause answers, one instrument answer
    assert sum("audit" in p for p in pairs) == 6


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory):
    """A store of the real documents the second labelled set was drawn from (its `documents`)."""
    store = open_store(tmp_path_factory.mktemp("lineage-real"))
    results = load_paths(store, [HERE / name for name in REAL_LABELS["documents"]])
    assert all(r.ok for r in results), [r.error for r in results]
    return store


def test_real_labelled_set_size(real) -> None:
    """The second set: 160 pairs of the real documents, both questions each, split once into halves that hold the
    answers in the same proportions (tests/lineage_labels.md, last section)."""
    from plankg.lineage.graph import reuse_items

    pairs = REAL_LABELS["pairs"]
    assert grade_counts(pairs) == {
        ("dev", "copied", "clear"): 3,
        ("dev", "copied", "borderline"): 4,
        ("dev", "copied", "no"): 73,
        ("dev", "instrument", "clear"): 14,
        ("dev", "instrument", "borderline"): 12,
        ("dev", "instrument", "no"): 54,
        ("blind", "copied", "clear"): 3,
        ("blind", "copied", "borderline"): 3,
        ("blind", "copied", "no"): 74,
        ("blind", "instrument", "clear"): 14,
        ("blind", "instrument", "borderline"): 13,
        ("blind", "instrument", "no"): 53,
    }
    assert len({frozenset((p["a"], p["b"])) for p in pairs}) == len(pairs)  # no pair labelled twice
    items = {item.iri: item.plan for item in reuse_items(real)[0]}
    # every pair names two measures or projects of two different real documents, by the IRIs the store makes
    assert all(items[PLAN + p["a"]] != items[PLAN + p["b"]] for p in pairs)


@pytest.fixture(scope="module")
def both_sets(corpus, real) -> list[reuse_train.Labelled]:
    """The pairs of both labelled sets, each with the features of its own documents, as `reuse_train` reads them."""
    from plankg.lineage.graph import reuse_items

    bundled = reuse_train.labelled_pairs(LABELS["pairs"], reuse_items(corpus[0])[0], "lineage_labels.json")
    return bundled + reuse_train.labelled_pairs(REAL_LABELS["pairs"], reuse_items(real)[0], "lineage_labels_real.json")


def test_training_on_two_label_sets_reports_each(both_sets) -> None:
    """One model trained on the dev pairs of both sets, cross-validated by document pair over all of them, with
    each set's figures at the one threshold chosen on all. Not shipped: recall 46 of 52 (0.885) is under the 0.9
    required (test_copied_clauses_meet_required_accuracy); precision 46 of 51 (0.902)."""
    model = reuse_train.train([p for p in both_sets if p.label["split"] == "dev"])
    figures = model.measured["cross_validated"]
    assert (figures["pairs"], figures["positives"], figures["tp"], figures["fp"], figures["fn"]) == (348, 52, 46, 5, 6)
    each = {name: (f["tp"], f["fp"], f["fn"]) for name, f in model.measured["by_labels"].items()}
    assert each == {"lineage_labels.json": (43, 4, 6), "lineage_labels_real.json": (3, 1, 0)}


@pytest.mark.parametrize(
    ("split", "copied", "instrument", "either"),
    [
        # out of sample: the model and the rules were final before these pairs were labelled; measured once as it came
        # out. The false links share a list of district bodies and slogans (房子是用来住的、不是用来炒的)
        ("dev", (3, 3, 0, 1.0), {"tp": 9, "fp": 2, "fn": 5, "tn": 52}, {"pairs": 15, "related": 10, "share": 0.667}),
        # scored once, at the end, as it came out
        ("blind", (3, 2, 0, 0.639), {"tp": 5, "fp": 2, "fn": 9, "tn": 51}, {"pairs": 16, "related": 7, "share": 0.438}),
    ],
)
def test_the_real_documents_pairs(real, split: str, copied: tuple, instrument: dict, either: dict) -> None:
    """The shipped model and the instrument rules on the real documents' set (its own documents' statistics):
    copied clauses (found, wrong, missed, average precision), shared instruments, and pairs clear on either
    question that the right relation relates."""
    from plankg.lineage.graph import reuse_items

    items = reuse_items(real)[0]
    pairs = [p for p in reuse_train.labelled_pairs(REAL_LABELS["pairs"], items) if p.label["split"] == split]
    shipped = reuse_model.shipped()
    probabilities = [shipped.probability(p.features) if p.proposed else 0.0 for p in reuse_train.graded(pairs)]
    truth = [p.label["copied"] == "clear" for p in reuse_train.graded(pairs)]
    figures = reuse_train.measure(truth, probabilities, shipped.threshold)
    assert (figures["tp"], figures["fp"], figures["fn"], figures["average_precision"]) == copied
    named = reuse_train.instruments_named(items)
    counts = reuse_train.instrument_counts(REAL_LABELS["pairs"], named, blind=split == "blind")
    assert {k: counts[k] for k in instrument} == instrument
    assert reuse_train.right_relation(pairs, probabilities, shipped.threshold, named) == either


def test_copied_clauses_cross_validated_by_document_pair(labelled) -> None:
    """The shipped model is the one the training code fits on the dev split, and its figures are out-of-fold:
    each document pair's pairs are scored by a model trained without them (never in-sample)."""
    dev = [p for p in labelled if p.label["split"] == "dev"]
    model = reuse_train.train(dev)
    shipped = reuse_model.shipped()
    # to the last bits the fit depends on numpy's release (the threshold, a midpoint of two scores, moved by 1e-16)
    assert model.coef == pytest.approx(shipped.coef, abs=1e-6) and model.threshold == pytest.approx(shipped.threshold, abs=1e-12)
    assert model.measured == shipped.measured
    figures = model.measured["cross_validated"]
    assert (figures["tp"], figures["fp"], figures["fn"]) == (45, 5, 4)
    assert (figures["precision"], figures["recall"]) == (0.9, 0.918)
    assert (figures["average_precision"], figures["precision_at_recall_0.9"]) == (0.96, 0.9)


def test_misjudged_training_pairs_are_listed_with_their_texts(labelled, corpus) -> None:
    """`reuse_train --misjudged` lists the cross-validation's errors to read: as many as it counts, misses first."""
    from plankg.lineage.graph import reuse_items

    dev = [p for p in labelled if p.label["split"] == "dev"]
    shipped = reuse_model.shipped()
    wrong = reuse_train.misjudged(dev, shipped.threshold)
    figures = shipped.measured["cross_validated"]
    assert [p.label["copied"] for _, p in wrong] == ["clear"] * figures["fn"] + ["no"] * figures["fp"]
    # 003 line 546 优化社会救助审核确认程序,按程序逐步将社会救助确认权限下放至街道 against 002 line 457
    # (Traditional) 逐步将社会救助审核确认权限下放至乡镇(街道): a clause copied lightly edited inside a long measure,
    # missed: the earlier 社会救助审核确认 of 003 takes the alignment, and the copied clause is left in runs of 2-7
    missed = next(
        (p, pair) for p, pair in wrong if pair.label["a"].endswith("320214/fyp/2021-2025/5ccb1f6a/zh-Hans/chp_4__sec_1__para_1")
    )
    assert missed[1].label["b"] == "431200/fyp/2021-2025/c1126cbe/zh-Hant/chp_2__sec_2__para_1" and missed[0] < shipped.threshold
    store, _ = corpus
    shown = reuse_train.show_misjudged([missed], reuse_items(store)[0])
    assert "shared: 社会救助审核确认\n" in shown


def test_copied_clauses_on_the_blind_half(labelled) -> None:
    """The blind half, split off before any model was built and scored once, at the end, as it came out."""
    blind = reuse_train.graded([p for p in labelled if p.label["split"] == "blind"])
    model = reuse_model.shipped()
    figures = reuse_train.measure(
        [p.label["copied"] == "clear" for p in blind],
        [model.probability(p.features) if p.proposed else 0.0 for p in blind],
        model.threshold,
    )
    assert (figures["tp"], figures["fp"], figures["fn"]) == (40, 2, 11)
    assert (figures["precision"], figures["recall"]) == (0.952, 0.784)
    assert (figures["average_precision"], figures["precision_at_recall_0.9"]) == (0.928, 0.648)


def test_pairs_clear_on_either_question_against_the_right_relation(labelled, corpus) -> None:
    """Pairs labelled clear on either question that the right relation relates (a TextReuse link for a copied
    clause, an instrument both items name for a shared instrument; both when clear on both): the dev half with
    the copied clauses cross-validated, the blind half as it came out. The target is 0.9."""
    from plankg.lineage.graph import reuse_items

    store, _ = corpus
    named = reuse_train.instruments_named(reuse_items(store)[0])
    shipped = reuse_model.shipped()
    dev = [p for p in labelled if p.label["split"] == "dev"]
    on_dev = reuse_train.right_relation(dev, reuse_train.cross_validated(dev), shipped.threshold, named)
    # 73 since a programme under two heads is an instrument (家庭经济状况核对: 001 line 294, 002 line 465)
    assert on_dev == {"pairs": 80, "related": 73, "share": 0.912}
    blind = [p for p in labelled if p.label["split"] == "blind"]
    probabilities = [shipped.probability(p.features) if p.proposed else 0.0 for p in reuse_train.graded(blind)]
    on_blind = reuse_train.right_relation(blind, probabilities, shipped.threshold, named)
    assert on_blind == {"pairs": 81, "related": 57, "share": 0.704}  # scored once with that rule (56 before it)


def test_pairs_the_right_relation_misses_are_listed_with_what_is_wanting(labelled, corpus) -> None:
    """`reuse_train --misjudged` ends with the dev pairs clear on either question that the right relation does not
    relate, and says which relation is wanting: as many as right_relation counts short of its pairs."""
    from plankg.lineage.graph import reuse_items

    store, _ = corpus
    named = reuse_train.instruments_named(reuse_items(store)[0])
    shipped = reuse_model.shipped()
    dev = [p for p in labelled if p.label["split"] == "dev"]
    probabilities = reuse_train.cross_validated(dev)
    wanting = reuse_train.relations_wanting(dev, probabilities, shipped.threshold, named)
    counted = reuse_train.right_relation(dev, probabilities, shipped.threshold, named)
    assert len(wanting) == counted["pairs"] - counted["related"]
    kinds = [" and ".join(missing) for _, _, missing in wanting]
    assert {k: kinds.count(k) for k in set(kinds)} == {"copied": 4, "instrument": 3}
    # 001 line 314 (推进精神障碍社区康复服务发展) and 002 line 617 (支持縣市區建設精神障礙社區康復服務機構): a service both
    # name, no copied clause; 机构 heads no name, and the service is stock wording, so the instrument is wanting
    shown = reuse_train.show_relations_wanting(wanting).splitlines()
    line = next(n for n in shown if "431200/fyp/2021-2025/c1126cbe/zh-Hant/box_5__item_3" in n)
    assert line.startswith("wanting instrument (copied no, instrument clear; p=") and "; 精神障碍社区康复服务)" in line


def test_copied_clauses_meet_required_accuracy() -> None:
    figures = reuse_model.shipped().measured["cross_validated"]
    assert figures["precision"] >= 0.9 and figures["recall"] >= 0.9


# ---------------------------------------------------------------- policy instruments


def test_instrument_names_read_back_to_their_governing_verb() -> None:
    # 001 line 460 建立特殊困难老人定期探访制度、农村留守老年人关爱服务制度; 001 line 477 实施“养老服务+行业”行动
    names = [m.keys[0] for m in instruments.mentions("建立特殊困难老人定期探访制度、农村留守老年人关爱服务制度。")]
    assert names == ["特殊困难老人定期探访制度", "农村留守老年人关爱服务制度"]
    # … and the programme a name carries before a head of rules, systems, projects or campaigns (养老服务行业)
    assert instruments.mentions("实施“养老服务+行业”行动,促进文化、旅游")[0].keys == ("养老服务行业行动", "养老服务行业")
    # a shorter end of a name may be what another plan writes: 全国志愿服务信息系统 names 志愿服务信息系统 too
    # (the programme it carries after: without 系统, and without the vague 信息 that ends it)
    assert instruments.mentions("推广应用全国志愿服务信息系统。")[0].keys == (
        "全国志愿服务信息系统",
        "志愿服务信息系统",
        "全国志愿服务信息",
        "志愿服务信息",
        "全国志愿服务",
    )
    assert instruments.key("困难残疾人生活补贴制度") == "困难残疾人生活补贴"
    # a verb between two heads joins them in one name, it governs nothing (002 line 489 實施特困供養服務機構改造提升工程,
    # 004 line 15 特困人员供养服务机构(敬老院)改造提升工程, 000 line 269 持续推进敬老院改造提升计划: the programme
    # 敬老院改造提升 under two heads)
    names = [m.keys[0] for m in instruments.mentions("实施特困供养服务机构改造提升工程,落实运转保障经费")]
    assert names == ["特困供养服务机构改造", "特困供养服务机构改造提升工程"]


def test_a_measure_is_read_with_its_continuations(corpus) -> None:
    """001 lines 546-548 continue the measure of line 539 (加强规划实施督导) after 专栏6 (lines 541-544): lineage
    reads them as part of it, and a span in them is exact on the source."""
    from plankg.lineage.graph import _in_source, reuse_items

    store, _ = corpus
    [item] = [i for i in reuse_items(store)[0] if i.iri.endswith("210000/fyp/2021-2025/6362853e/zh-Hans/chp_6__sec_6__para_3")]
    assert item.text.startswith("加强规划实施督导。") and item.text.endswith("由省民政厅协商省发展改革委制定调整方案。")
    assert "专栏6" not in item.text and "金民工程" not in item.text
    source = (bundled_corpus() / "001_e6d1326eb6e5ef17.txt").read_text(encoding="utf-8")
    at = item.text.index("各级民政部门要强化主体责任")
    start, end = _in_source(item, source, at, at + 13)
    assert source[start:end] == "各级民政部门要强化主体责任"
    assert source.count("\n", 0, start) + 1 == 546


def test_instrument_names_at_word_boundaries_and_in_coordinations() -> None:
    def names(text: str) -> list[str]:
        return [m.keys[0] for m in instruments.mentions(text)]

    # 001 line 393: 组织 ends the noun 社会组织 and governs nothing; 基地 is the head, 建设 follows it
    assert names("3.推进社会组织孵化基地建设。") == ["社会组织孵化基地"]
    # 站点 is the head of 志愿服务站点 (not 服务站 inside it), and names the 服务站 (001 line 380)
    assert names("依托社区综合服务设施、社会工作站建设志愿服务站点,") == ["志愿服务站"]
    # 000 line 316 / 001 line 418 (详实 / 翔实完备的…): the name is also read after the 的
    assert "困境儿童信息台账" in names("建立详实完备的困境儿童信息台账,")
    # 000 line 268: a grade (等级评定) is a head, and 试点工作 / 评定工作 name the 试点 / the 评定
    assert names("深入开展养老机构等级评定工作,") == ["养老机构等级评定"]
    # coordinated modifiers share their head: 003 line 578, 001 line 395, 000 line 317 (a list of duties, 等)
    assert names("严格实施慈善组织登记认定、年度报告和信息公开制度,") == [
        "年度报告和信息公开制度",
        "慈善组织登记认定制度",
        "年度报告制度",
    ]
    assert "乡镇街道社会工作服务站" in names("5.建设乡镇(街道)社会工作和社会救助服务站")
    assert names("指导村(居)委会有效履行强制报告、预防干预等职责。") == ["强制报告职责", "预防干预职责"]
    # ... but neither groups of people nor names that each carry the head (中期评估和总结评估) share it
    # 001 line 307: groups of people (社会散居孤儿、家庭寄养儿童) share no head
    listed = "优化完善社会散居孤儿、家庭寄养儿童、事实无人抚养儿童家庭走访、家庭培训、监护评估和监护保护制度。"
    assert names(listed) == ["监护评估和监护保护制度", "事实无人抚养儿童家庭走访制度", "家庭培训制度", "监护评估制度"]
    assert names("完善年度监测分析、中期评估和总结评估的工作机制")[0] == "中期评估和总结评估"
    # a mechanism named by the list of its steps, and by the list's ends (another plan adds a step before):
    # 001 line 412 (quoted there), 002 line 543 (Traditional), 000 line 336
    steps = "建立发现报告、应急处置、评估帮扶、监护干预的未成年人保护响应机制。"
    assert names(steps)[-2:] == ["发现报告应急处置评估帮扶监护干预机制", "应急处置评估帮扶监护干预机制"]
    assert "应急处置评估帮扶监护干预机制" in names(
        "建立健全预先发现、强制报告、应急处置、评估帮扶、监护干预“五位一体”的救助保护机制"
    )
    # ... not a slogan's list (000 line 344)
    slogan = "健全党委领导、政府负责、群团助推、社会协同、公众参与的社会工作统筹机制,"
    assert names(slogan) == ["社会工作统筹机制"]  # the list's last item before the 的 is no name either
    # 001 line 485: the unit of a ratio is no instrument; nor are a plan (规划) or alternatives (或)
    assert names("推动实现每千名老年人、每百张养老机构床位均拥有1名社会工作者。") == []
    assert names("因地制宜制定本地区民政事业发展规划或行动计划,") == []
    # a system (体系) is an instrument's head: 000 line 302 and 003 line 578; 更加完备的 describes it, no name starts there
    assert names("以慈善组织和慈善活动为重点,建立更加完备的慈善综合监管体系,加强") == ["慈善综合监管体系"]
    # ... but a field before a slogan's words (治理体系 of 治理体系和治理能力现代化) is the slogan (000 lines 88, 287)
    assert names("健全党组织领导的城乡基层治理体系,全面提升") == names("健全城乡社区治理体系。") == []
    # 000 line 269: the base of a share (护理型床位占比) is a target's quantity, not an instrument
    assert names("到2025年,养老机构护理型床位占比达到55%以上。") == []
    # a campaign named by a noun of change: 001 line 405 扎实开展…, 004 line 35 加快婚姻登记历史数据补录
    assert names("扎实开展婚姻登记历史数据补录,推动部门间信息数据交换共享。") == ["婚姻登记历史数据补录"]
    # ... not the manner of an action (创造性转化: tests/fixtures/real 002 line 38), nor qualities listed before a
    # system (real 001 line 67: 系统完备、高效实用…的现代化基础设施体系), nor a conjunction's piece (real 002 line 53: 以及)
    assert names("在保护传承的基础上,创造性转化、创新性发展") == []
    assert names("统筹推进基础设施建设,构建系统完备、高效实用、智能绿色、安全可靠的现代化基础设施体系。") == [
        "现代化基础设施体系"
    ]
    assert "老年人以体系" not in names("健全农村留守儿童和妇女、老年人以及困境儿童关爱服务体系。")


def test_instrument_names_of_campaigns_edits_and_verbs_that_are_nouns() -> None:
    def names(text: str) -> list[str]:
        return [m.keys[0] for m in instruments.mentions(text)]

    # a campaign's object may be one uncommon word: 001 line 407 推进婚俗改革, 002 line 605 (Traditional) 大力推进
    # 婚俗改革, 003 line 572 / 004 line 34 殡葬改革, tests/fixtures/real 002 line 40 深化农村殡葬改革; not a common word
    assert names("推进婚俗改革。建立整治天价彩礼") == ["婚俗改革"]
    assert [m.keys for m in instruments.mentions("深化农村殡葬改革。")] == [("农村殡葬改革", "殡葬改革")]
    assert names("稳步推进重大改革,") == names("开展清理整治,") == []
    # a quality built into a field is a campaign (001 line 387 深入推进平安边界建设, 003 line 570 巩固勘界和平安边界
    # 建设成果; tests/fixtures/real 007 line 36 美丽乡村建设) though 建设 heads no other name (基层政权建设), nor does
    # the building of what has a name of its own (法治体系建设), of a manner (数字化建设), or the 平安 of 和平安置
    assert names("深入推进平安边界建设,切实维护边界地区和谐稳定。") == ["平安边界建设"]
    assert names("巩固勘界和平安边界建设成果") == ["平安边界建设"]
    assert names("结合农村公路规划建设和美丽乡村建设,") == ["美丽乡村建设"]
    assert names("加强基层政权建设,推进法治体系建设,加快数字化建设,做好和平安置区建设") == []
    # a verb that is also the noun of names governs only at its clause's start or after a verb: tests/fixtures/real
    # 001 line 139 完善资源价格形成机制, 001 line 149 积极参与世界贸易组织改革
    assert names("完善资源价格形成机制") == ["资源价格形成机制"]
    assert names("积极参与世界贸易组织改革") == ["世界贸易组织改革"]
    # a word ending in a head is not always one of its kind: 宅基地 (tests/fixtures/real 002 line 65) is no 基地
    assert names("适度放活宅基地和农民房屋使用权") == []
    # heads read by instruments alone (kg/data/instrument_heads_extra.txt): a system of responsibility (001 line 532
    # 严格落实安全生产责任制), a decoupling (001 line 408 推进涉外收养与捐赠脱钩, 002 line 551 嚴格落實收養與捐贈脫鉤)
    assert names("严格落实安全生产责任制,") == ["安全生产责任制"]
    decoupled = instruments.mentions("推进涉外收养与捐赠脱钩。")
    assert [m.keys for m in decoupled] == [("涉外收养与捐赠脱钩", "收养与捐赠脱钩", "捐赠脱钩")]
    # a quarter of an hour is written one way: 001 line 466 城市地区“一刻钟”居家养老服务圈, 002 line 497 十五分钟
    assert instruments.key("城市地区“一刻钟”居家养老服务圈") == "城市地区十五分钟居家养老服务圈"


def test_a_name_another_plan_writes_with_words_added_inside_it_names_the_same_instrument() -> None:
    """001 line 297 and 002 line 457 (Traditional) 社会救助审核确认权限下放, 003 line 546 社会救助确认权限下放: the
    longer name stands for the shorter one too; 001 line 466 城市地区“一刻钟”居家养老服务圈 for 002 line 497 城市地区
    十五分钟养老服务圈. A word replaced makes another instrument: 三社联动机制 / 五社联动机制, 养老 / 医疗."""
    texts = [
        "有条件的地方可按程序将低保、特困等社会救助审核确认权限下放至乡镇(街道)",
        "按程序逐步将社会救助确认权限下放至街道",
        "推动构建城市地区“一刻钟”居家养老服务圈",
        "加快构建城市地区十五分钟养老服务圈",
        "完善城乡居民基本养老保险制度",
        "完善城乡居民基本医疗保险制度",
    ]
    found = instruments.find(texts, ["p1", "p2", "p1", "p2", "p1", "p2"])
    assert [[k for k, _s, _e in spans] for spans in found.spans] == [
        ["社会救助确认权限下放"],
        ["社会救助确认权限下放"],
        ["城市地区十五分钟养老服务圈"],
        ["城市地区十五分钟养老服务圈"],
        [],
        [],
    ]
    start, end = found.spans[0][0][1:]
    assert texts[0][start:end] == "特困等社会救助审核确认权限下放"  # not written in one piece: the whole mention
    assert instruments.edited([[instruments.Mention(0, 6, "三社联动机制", ("三社联动机制",))]], ["p1"])
    mentions = [instruments.mentions("健全三社联动机制"), instruments.mentions("健全五社联动机制")]
    assert instruments.edited(mentions, ["p1", "p2"]) == mentions


def test_a_programme_two_plans_carry_under_different_heads_is_one_instrument(corpus) -> None:
    """001 line 294 强化社会救助家庭经济状况核对机制建设 and 002 line 465 完善居民家庭經濟狀況核對信息平臺 (Traditional):
    no name both write, one programme (家庭经济状况核对) under a mechanism and a platform; its span is the programme
    where it ends right before the head. A kind of facility is no programme (001 专栏2 完善流浪乞讨人员救助管理
    设施体系, 004 流浪乞讨人员救助管理设施建设工程: a pair labelled no)."""
    from plankg.lineage.graph import reuse_items

    store, _ = corpus
    items = reuse_items(store)[0]
    found = instruments.find([i.text for i in items], [i.plan for i in items])
    spans = {
        item.iri.removeprefix(PLAN): [(k, item.text[s:e]) for k, s, e in sp] for item, sp in zip(items, found.spans, strict=True)
    }
    assert ("经济状况核对", "经济状况核对") in spans["210000/fyp/2021-2025/6362853e/zh-Hans/chp_2__sec_2__para_5"]
    # … or the whole name when the programme does not end right before the head (信息 between)
    assert ("经济状况核对", "居民家庭经济状况核对信息平台") in spans["431200/fyp/2021-2025/c1126cbe/zh-Hant/chp_2__sec_4__para_1"]
    assert found.shared["经济状况核对"] == {PLAN + "210000/fyp/2021-2025/6362853e", PLAN + "431200/fyp/2021-2025/c1126cbe"}
    assert not any(k.startswith("流浪乞讨人员救助管理设施") for k in found.shared)


def test_generic_names_are_not_instruments(corpus) -> None:
    from plankg.lineage.graph import reuse_items

    store, _ = corpus
    specificity = instruments.Specificity([item.text for item in reuse_items(store)[0]])
    # the field's own system (社会救助 is in a fifth of the corpus's items) against a named instrument
    assert specificity.generic("社会救助制度") and specificity.generic("社会救助政策")
    assert not specificity.generic("收养评估制度") and not specificity.generic("特殊困难老人定期探访制度")
    assert not specificity.generic("社会救助服务站")  # a facility type: its head names something specific


def test_names_of_generic_words_fields_and_periods_are_not_instruments(corpus) -> None:
    """Where the line falls by the words of a name (kg/data/instrument_generic.txt) and the store's statistics:
    nothing but vague and process words, a field with vague and place words under a system head, or a plan's
    genre after a period are not instruments; a process word or a specific word keeps a name one."""
    from plankg.lineage.graph import reuse_items

    store, _ = corpus
    texts = [item.text for item in reuse_items(store)[0]]
    specificity = instruments.Specificity(texts)
    # nothing but vague and process words: 001 line 376 完善内部治理机制, 001 line 313 建立补贴标准的动态调整机制,
    # 000 line 359 …的体制机制改革 (two system heads before the campaign's)
    for name in ("内部治理机制", "动态调整机制", "体制机制改革"):
        assert specificity.generic(name), name
    # a field with vague and place words under a system head: 000 line 290 健全城乡社区服务体系 (城乡 社区 服务),
    # 001 line 302 落实社会保障政策 (社会 保障), 001 line 318 落实行业标准体系, 000 line 267 健全基本养老服务体系,
    # 000 line 294 深化社会组织管理制度改革, 000 line 336 建立健全未成年人保护工作机制
    for name in ("城乡社区服务体系", "社会保障政策", "行业标准体系", "基本养老服务体系", "社会组织管理制度"):
        assert specificity.generic(name), name
    assert specificity.generic("未成年人保护工作机制")
    # the fields, by how many of the corpus's 397 measures and projects write them: 养老服务 73, 社会组织 63,
    # 未成年人保护 20 (at least 3 in 100); 临时救助 is written by 9, 收养 by 4
    assert len(texts) == 397
    assert [round(specificity.share(w) * 397) for w in ("养老服务", "社会组织", "未成年人保护", "临时救助")] == [73, 63, 20, 9]
    assert round(specificity.share("收养") * 397) == 4  # 2 characters: the commonest 4-gram they start (收养登记)
    # a plan's genre after a period names a document: 000 line 303 社工站建设“三年行动计划”, 003 line 560,
    # 004 line 29 …三年行动计划; the programme it is the plan of stays (000 line 270 …改造提升工程)
    assert specificity.generic("三年行动计划") and not specificity.generic("特困人员供养服务设施改造提升工程")
    # a process word says which arrangement: 001 line 349 健全城乡社区协商制度, 000 line 336 建立未成年人保护协调
    # 机制, 000 line 302 and 003 line 578 慈善综合监管体系; a field the store seldom writes: 000 line 270 临时救助制度;
    # a specific word: 001 line 532 健全安全风险评估制度 (its end 风险评估制度 is generic)
    for name in ("城乡社区协商制度", "未成年人保护协调机制", "慈善综合监管体系", "临时救助制度", "安全风险评估制度"):
        assert not specificity.generic(name), name
    assert specificity.generic("风险评估制度")
    # a word of everyday language is a field too (文化, 就业: no plan of the corpus writes these names), and a
    # word made of generic words is read as them
    assert specificity.generic("公共文化服务体系") and specificity.generic("就业服务体系")
    assert instruments.modifier_parts("社会保障") == ((0, 4, "place+vague"),)


def test_a_place_starting_a_word_and_systematically_are_no_specific_words() -> None:
    """A place word before a field in one word of jieba is read as both: tests/fixtures/real 001 line 161 完善帮扶
    残疾人、孤儿等社会福利制度 (社会福利: 社会 and 福利, an everyday word) is the field's system, where 社会福利 as one
    word, written by few of a store's items, kept it; a period is part of a name's own words (003 line 578 年度报告和
    信息公开制度). 系统 before 治理 or a verb is an adverb (real 001 line 137 坚持山水林田湖草系统治理, real 002 line
    31 统筹山水林田湖草系统治理), not the head of 山水林田湖草系统; 系统建设 builds a system."""
    assert instruments.modifier_parts("社会福利") == ((0, 4, ""),)  # one word of jieba
    others = [f"推进第{n}批婚俗改革试点。" for n in range(40)]  # a store where few items write 社会福利 or 年度报告
    specificity = instruments.Specificity(["完善帮扶残疾人、孤儿等社会福利制度。", "严格实施年度报告制度。", *others])
    assert specificity.generic("社会福利制度") and not specificity.generic("年度报告制度")
    names = [m.keys[0] for m in instruments.mentions("坚持山水林田湖草系统治理，构建生态廊道")]
    assert names == [] and [m.keys[0] for m in instruments.mentions("统筹山水林田湖草系统治理。")] == []
    assert [m.keys[0] for m in instruments.mentions("完善殡葬服务系统建设")] == ["殡葬服务系统"]


def test_a_plans_genre_after_a_period_names_a_document() -> None:
    """计划 after nothing but a period and genre words names a plan (三年行动计划, 年度工作计划, 专项行动计划), a word
    of its own names a programme: 000 line 311 “孤儿医疗康复明天计划”, 004 line 16 农村居家养老服务“幸福计划”."""
    specificity = instruments.Specificity(["实施三年行动计划。", "实施孤儿医疗康复明天计划。"])
    for name in ("三年行动计划", "五年行动计划", "年度工作计划", "专项行动计划"):
        assert specificity.generic(name), name
    assert not specificity.generic("孤儿医疗康复明天计划") and not specificity.generic("农村居家养老服务幸福计划")
    assert instruments.modifier_parts("三年行动") == ((0, 2, "period"), (2, 4, "genre"))


def test_shared_instruments_query(corpus) -> None:
    store, _ = corpus
    rows = [
        (name, plans, region, quote)
        for name, _s, plans, _d, region, _m, _b, _e, quote in run(store, "instrument-mentions", instrument="收养评估制度")
    ]
    # the corpus-wide list: one row for it, with the plans its mentions count
    assert [(name, plans) for name, _s, plans, _d in run(store, "shared-instruments") if name == "收养评估制度"] == [
        ("收养评估制度", "4")
    ]
    # 000 line 309, 001 line 408, 002 line 551 (Traditional), 004 line 21
    assert rows == [
        ("收养评估制度", "4", "怀化市", "收養評估制度"),
        ("收养评估制度", "4", "玉林市", "收养评估制度"),
        ("收养评估制度", "4", "辽宁省", "收养评估制度"),
        ("收养评估制度", "4", "韶关市", "收养评估制度"),
    ]
    assert ask(
        store,
        f"""ASK {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c a pk:PolicyInstrument ; skos:prefLabel "收养评估制度"@zh-Hans ,
        "收養評估制度"@zh-Hant ; skos:inScheme ?s }} }}""",
    )
    plans = f"""SELECT (COUNT(?p) AS ?n) WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{
        ?c skos:prefLabel "收养评估制度"@zh-Hans ; pk:spansPlan ?p }} }}"""
    assert next(iter(store.query(SPARQL_PREFIXES + plans)))["n"].value == "4"
    # 工作协调机制 is written whole by 辽宁 alone (001 line 360: 推动建立各级社会组织工作协调机制); 怀化 (002) writes it
    # only as the end of 未成年人保护工作协调机制 (001 line 413, 002 line 543), the instrument the two share
    assert not ask(store, f"""ASK {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c skos:prefLabel "工作协调机制"@zh-Hans }} }}""")
    assert ask(store, f"""ASK {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c skos:prefLabel "未成年人保护工作协调机制"@zh-Hans }} }}""")
    # names of generic words are no instruments: 城乡社区服务体系 (000 line 290, 001 line 58: a field's services and
    # a system), 三年行动计划 (000 line 303, 003 line 560, 004 line 29: a document); 城乡社区协商制度 (001 line 349,
    # 002 line 575 健全城鄉社區協商制度) is one, its process word (协商) saying which arrangement
    for name, shared in (("城乡社区服务体系", False), ("三年行动计划", False), ("城乡社区协商制度", True)):
        query = f"""ASK {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c a pk:PolicyInstrument ; skos:prefLabel "{name}"@zh-Hans }} }}"""
        assert ask(store, query) is shared, name


@pytest.mark.parametrize(
    ("split", "expected"),
    [
        # precision 1.000, recall 0.946: 内部治理机制 (001 line 376, 002) is no longer shared, nothing but generic words;
        # 家庭经济状况核对 under two heads (001 line 294, 002 line 465) is shared now
        ("dev", {"tp": 53, "fp": 0, "fn": 3, "tn": 195}),
        # precision 0.811, recall 0.754, as it came out (not a rule drawn on it: one pair wrongly related no longer is
        # once 联席会议制度 is a kind; 0.796 / 0.754 once slogans and fields are no programmes; 0.782 / 0.754 scored
        # once with a programme under two heads, 0.792 / 0.737 with the generic words final, 0.724 / 0.737 before them)
        ("blind", {"tp": 43, "fp": 10, "fn": 14, "tn": 185}),
    ],
)
def test_shared_instruments_against_labels(corpus, split: str, expected: dict[str, int]) -> None:
    """Pairs labelled clear (or no) on the instrument question: related when both items name a shared instrument.
    The line between instruments and generic terms was drawn looking at the dev half only."""
    from plankg.lineage.graph import reuse_items

    store, _ = corpus
    named = reuse_train.instruments_named(reuse_items(store)[0])
    counts = reuse_train.instrument_counts(LABELS["pairs"], named, blind=split == "blind")
    # a name that is stock wording (精神障碍社区康复服务, kg/data/stock_phrases.txt) or edited by a word replaced
    # (特困供养服务机构改造提升工程 / 特困人员供养服务设施改造提升工程) is missed
    assert {k: counts[k] for k in expected} == expected


def test_instrument_relation_errors_are_listed(corpus) -> None:
    """`reuse_train --misjudged` lists the dev pairs the instrument relation gets wrong: the 3 missed, none related
    (the one related before shared 内部治理机制, a name of generic words)."""
    from plankg.lineage.graph import reuse_items

    store, _ = corpus
    shown = reuse_train.instruments_misjudged(LABELS["pairs"], reuse_train.instruments_named(reuse_items(store)[0]))
    lines = shown.splitlines()
    assert sum(ln.startswith("missed (clear: ") for ln in lines) == 3
    assert sum(ln.startswith("related (no): ") for ln in lines) == 0
    # 001 line 294 强化社会救助家庭经济状况核对机制建设 and 002 line 465 完善居民家庭經濟狀況核對信息平臺: one
    # programme under two heads (机制, 平台), no name both write: the programme they carry relates the pair now
    assert not any("社会救助家庭经济状况核对机制)" in ln for ln in lines)
    # 001 line 314 精神障碍社区康复服务体系 and 002 line 617 (专栏5) 精神障礙社區康復服務機構: the programme is stock
    # wording (kg/data/stock_phrases.txt) and a kind of institution (机构) carries it, so the pair is missed
    assert lines[0] == (
        "missed (clear: 精神障碍社区康复服务): 210000/fyp/2021-2025/6362853e/zh-Hans/chp_2__sec_5__para_2 names "
        "['精神障碍社区康复服务体系']; 431200/fyp/2021-2025/c1126cbe/zh-Hant/box_5__item_3 names []"
    )
    # 001 line 466 构建城市地区“一刻钟”居家养老服务圈 and 002 line 497 (Traditional) 构建城市地区十五分钟养老服务圈:
    # one span of time written two ways, and 居家 added inside the name: the pair is related now
    assert not any("养老服务圈)" in ln for ln in lines)
    # 强制报告 (000 line 317, 001 line 419, 002 line 547: 有效履行强制报告、预防干预等职责) is read as the duty
    # 强制报告职责 each plan sets: those pairs are related now
    assert not any("强制报告)" in ln for ln in lines)


GOAL_PLAN = """梧州市“十四五”民政事业发展规划

规划期为2021至2025年。

第一章  发展目标

  到2025年，农村留守妇女关爱行动覆盖率达到100%。

第二章  主要任务

第一节  儿童福利

  1. 加强儿童福利。完善孤儿基本生活保障制度。
"""
TASK_PLAN = """北海市“十四五”民政事业发展规划

规划期为2021至2025年。

第一章  主要任务

第一节  儿童福利

  1. 关爱农村留守妇女。深入开展农村留守妇女关爱行动。
"""


def test_targets_stated_in_prose_name_instruments(tmp_path: Path) -> None:
    """A target a goal states (line 7 of the first plan), outside any measure, names an instrument a measure of
    another plan names: both are its occurrences, and the lineage graph still conforms to its shapes."""
    from plankg.lineage.graph import target_items
    from plankg.validation.shacl import validate_store

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "wuzhou.txt").write_text(GOAL_PLAN, encoding="utf-8")
    (tmp_path / "docs" / "beihai.txt").write_text(TASK_PLAN, encoding="utf-8")
    store = open_store(tmp_path / "store")
    assert all(r.ok for r in load_paths(store, [tmp_path / "docs"]))
    wuzhou = PLAN + "450400/fyp/2021-2025/1fb9673b"
    assert [(i.iri, i.kind, i.text) for i in target_items(store)] == [
        (wuzhou + "/zh-Hans/chp_1__stmt_1__ind_1", "target", "农村留守妇女关爱行动覆盖率达到100%")
    ]
    summary = rebuild_lineage(store)
    assert (summary.items, summary.instruments, summary.instrument_mentions) == (2, 1, 2)  # items: measures, projects
    assert [
        (name, plans, region, member.removeprefix(PLAN), start, end, quote)
        for name, _s, plans, _d, region, member, start, end, quote in run(
            store, "instrument-mentions", instrument="农村留守妇女关爱行动"
        )
    ] == [
        (
            "农村留守妇女关爱行动",
            "2",
            "北海市",
            "450500/fyp/2021-2025/2be0d7c8/zh-Hans/chp_1__sec_1__para_1",
            "75",
            "85",
            "农村留守妇女关爱行动",
        ),
        (
            "农村留守妇女关爱行动",
            "2",
            "梧州市",
            "450400/fyp/2021-2025/1fb9673b/zh-Hans/chp_1__stmt_1__ind_1",
            "55",
            "65",
            "农村留守妇女关爱行动",
        ),
    ]
    assert ask(store, f"ASK {{ GRAPH <{LINEAGE_GRAPH}> {{ <{wuzhou}/zh-Hans/chp_1__stmt_1__ind_1> pk:namesInstrument ?c }} }}")
    assert validate_store(store)[-1].findings == []


def test_slogans_and_fields_are_no_programmes(corpus) -> None:
    """Two plans writing a modifier under two heads share no programme when it is a slogan or a field: 共建共治共享
    (003 line 562 共建共治共享治理机制 and …制度体系, 000 line 299 “共建共治共享” 系列社区服务活动), a run of parallel
    verbs every plan of the period writes (000 line 88, 001 line 51, 002 line 707 坚持共建共治共享); 居家和社区养老
    服务 (002 line 497 完善居家和社區養老服務政策, 003 line 554 居家和社区养老服务示范区), a place word (居家, home,
    like 社区) and a field (养老服务) with no word naming an arrangement. 时间银行志愿服务 and 经济状况核对, words
    of their own, stay programmes; a count before its parallel nouns is no slogan (一户一档一策)."""
    from plankg.lineage.instruments import word_test

    store, _summary = corpus
    shared = {row[0] for row in run(store, "shared-instruments")}
    assert {"共建共治共享", "居家和社区养老服务"}.isdisjoint(shared)
    assert {"经济状况核对", "长期护理保险", "时间银行志愿服务", "社区工作事项准入"} <= shared
    assert word_test("共建共治共享", True) is True and word_test("共商共建共享", True) is True
    assert word_test("共建共治共享治理机制") is True
    assert word_test("居家和社区养老服务", True) is True
    assert word_test("一户一档一策", True) == (("一户一档一策",),)


def test_the_base_of_a_composition_is_no_instrument(corpus) -> None:
    """A head before 结构 is the base of a composition, as before 占比 that of a share: 000 line 274 and 001 line 469
    优化城乡养老机构床位结构 speak of the make-up of the beds institutions have, no scheme two plans share (家庭养老床位
    is one)."""
    from plankg.lineage.instruments import mentions

    store, _summary = corpus
    shared = {row[0] for row in run(store, "shared-instruments")}
    assert "城乡养老机构床位" not in shared and "家庭养老床位" in shared
    assert not [m.quote for m in mentions("优化城乡养老机构床位结构") if "床位" in m.quote]


def test_a_system_of_a_bare_head_is_a_kind(corpus) -> None:
    """A system head after nothing but another head names a kind, the rules of any joint meeting, no instrument:
    000 line 327 建立殡葬管理联席会议制度 and 003 line 576 有效运用社会组织联席会议制度 are two fields' meetings, not one
    arrangement two plans share. A campaign's head after a head stays (脱钩改革, 431200 and 440200)."""
    from plankg.lineage.instruments import word_test

    store, _summary = corpus
    shared = {row[0] for row in run(store, "shared-instruments")}
    assert "联席会议制度" not in shared and "脱钩改革" in shared
    assert word_test("联席会议制度") is True and word_test("脱钩改革") is False


def test_corpus_targets_in_prose_all_sit_in_measures_or_box_items(corpus) -> None:
    """The corpus's 53 targets stated in prose are all in measures (43) or box items (10): its instruments come from
    those items alone (142), none from a target. 14 names of generic words are no instruments any more, with their
    34 mentions (三年行动计划 4, 动态调整机制 4, 城乡社区服务体系 3, 基本养老服务体系 3, ten names of 2); 11
    programmes two plans carry under different heads are (家庭经济状况核对: 001 line 294 …核对机制, 002 line 465
    …核對信息平臺; 长期护理保险: 001 line 461 …保险制度, 002 line 493 …保險試點), with 54 mentions; a slogan and a
    field under two heads are not (test_slogans_and_fields_are_no_programmes); 联席会议制度 (4 mentions) is a kind,
    no instrument (test_a_system_of_a_bare_head_is_a_kind), nor is 城乡养老机构床位 (2 mentions) before 结构
    (test_the_base_of_a_composition_is_no_instrument); a verb between two heads no longer cuts a name
    (…改造提升工程), and the programme 敬老院改造提升 is shared (000 line 269, 004 line 15), with 2 mentions."""
    from plankg.lineage.graph import target_items

    store, summary = corpus
    assert target_items(store) == []
    assert (summary.instruments, summary.instrument_mentions) == (142, 491)
