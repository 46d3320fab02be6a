"""Lineage between real documents, each chain loaded into a store of its own: 平潭综合实验区's 十四五 outline (016), the
zone party committee's proposal it is drawn up on (031) and the central proposal the zone's cites (001); and 上海市's
城市更新和住房发展 十五五 plan (032) with the plan of its district 黄浦区 (021) that names it as its basis.

Every expected value was checked by reading the texts (tests/fixtures/real/FACTS.md, 031): 016 line 10 says
本规划纲要根据《平潭综合实验区党工委关于编制国民经济和社会发展第十四个五年规划和2035年远景目标的建议》进行编制, the
proposal's own title being 中共福建省委平潭综合实验区工作委员会关于制定平潭综合实验区国民经济和社会发展第十四个五年规划和
二〇三五年远景目标的建议; 031 item 2 cites 《中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议》
(001's title) for what it 提出, not as its basis. 021 line 30: 依据《上海市城市更新和住房发展“十五五”规划》《上海市黄浦区
国民经济和社会发展第十五个五年规划纲要》; 032's table (lines 36-159) has one binding row, 城中村整体改造项目认定数量, which 021's
table (lines 40-182) does not have.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

import pytest
from pyoxigraph import Store

from plankg.graph.store import open_store
from plankg.lineage.graph import cited_keys, rebuild_lineage, title_key
from plankg.loading.documents import load_paths
from plankg.query.library import run as run_query
from plankg.query.library import run_sparql

REAL = Path(__file__).parent / "fixtures" / "real"
CENTRAL = "001_zhongyang_14th_fyp_proposal.txt"
OUTLINE = "016_pingtan_14th_fyp_outline_2021.txt"
PROPOSAL = "031_pingtan_14th_fyp_proposal_2021.txt"
ZONE_PROPOSAL_TITLE = (
    "中共福建省委平潭综合实验区工作委员会关于制定平潭综合实验区国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议"
)
AS_016_CITES_IT = "平潭综合实验区党工委关于编制国民经济和社会发展第十四个五年规划和2035年远景目标的建议"
CENTRAL_TITLE = "中共中央关于制定国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议"
HUANGPU = "021_shanghai_huangpu_urban_renewal_15th_plan_2026.md"
SHANGHAI = "032_shanghai_urban_renewal_housing_15th_plan_2026.md"


def _load(tmp_path_factory: pytest.TempPathFactory, names: list[str]) -> tuple[Store, dict[str, str]]:
    """A store of the files, and each file's plan IRI (the plan its document graph holds)."""
    store = open_store(tmp_path_factory.mktemp("real-lineage"))
    results = load_paths(store, [REAL / name for name in names])
    assert all(r.ok for r in results), [r.error for r in results]
    rebuild_lineage(store)
    plans = {r.path.name: select(store, f"SELECT ?p WHERE {{ GRAPH <{r.graph}> {{ ?p a pk:Plan }} }}") for r in results}
    return store, {name: found[0][0] for name, found in plans.items()}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, str]]:
    return _load(tmp_path_factory, [CENTRAL, OUTLINE, PROPOSAL])


@pytest.fixture(scope="module")
def shanghai(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, str]]:
    return _load(tmp_path_factory, [HUANGPU, SHANGHAI])


def select(store: Store, query: str) -> list[list[str]]:
    return run_sparql(store, query)[1]


def test_a_proposal_cited_loosely_meets_its_title() -> None:
    """The committee abridged (党工委), 编制 for 制定, the place left to the committee, 2035 for 二〇三五: one key."""
    assert title_key(CENTRAL_TITLE) == title_key(CENTRAL_TITLE.replace("二〇三五", "2035"))
    assert cited_keys(AS_016_CITES_IT)[-1] == cited_keys(ZONE_PROPOSAL_TITLE)[-1] == "建议|平潭综合实验区|十四五"
    # two places' proposals stay apart, and an outline is no proposal
    assert cited_keys("中共上海市委关于制定上海市国民经济和社会发展第十五个五年规划的建议")[-1] == "建议|上海市|十五五"
    assert cited_keys("中共上海市长宁区委关于制定长宁区国民经济和社会发展第十五个五年规划的建议")[-1] == "建议|长宁区|十五五"
    outline = "平潭综合实验区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
    assert not any(k.startswith("建议|") for k in cited_keys(outline))


def test_citations_resolve_to_the_loaded_proposals(loaded) -> None:
    """Of the 13 citations of the three documents, two name a loaded plan: 016's basis (its declared parent, 031)
    and 031's citation of the central proposal (001), which is no basis."""
    store, plan = loaded
    rows = select(
        store,
        """SELECT ?plan ?quote ?basis ?to WHERE {
             GRAPH ?g { ?c pk:citedWork ?work ; pk:isBasis ?basis ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote .
                        ?plan a pk:Plan }
             GRAPH <https://w3id.org/plankg/id/graph/lineage> { ?work pk:resolvesTo ?to } }""",
    )
    assert sorted(rows) == sorted(
        [
            [plan[OUTLINE], f"《{AS_016_CITES_IT}》", "true", plan[PROPOSAL]],
            [plan[PROPOSAL], f"《{CENTRAL_TITLE}》", "false", plan[CENTRAL]],
        ]
    )
    citations = select(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?c pk:citedWork ?work } }")
    assert citations == [["13"]]
    parents = select(store, "SELECT ?c ?p WHERE { GRAPH <https://w3id.org/plankg/id/graph/lineage> { ?c pk:parentPlan ?p } }")
    assert parents == [[plan[OUTLINE], plan[PROPOSAL]]]


def _derivations(store: Store, child: str, parent: str) -> list[tuple[str, str]]:
    """(derived item, source item) of every derivation from an item of parent to an item of child."""
    rows = select(
        store,
        f"""SELECT ?a ?b WHERE {{ GRAPH <https://w3id.org/plankg/id/graph/lineage> {{ ?a prov:wasDerivedFrom ?b }}
              FILTER(STRSTARTS(STR(?a), "{child}/") && STRSTARTS(STR(?b), "{parent}/")) }}""",
    )
    return [(a, b) for a, b in rows]


def _text(store: Store, item: str) -> str:
    return select(store, f"SELECT ?t WHERE {{ GRAPH ?g {{ <{item}> pk:text ?t }} }}")[0][0]


def test_the_outline_copies_the_proposals_clauses(loaded) -> None:
    """016 rewrote 031's items into its sections keeping whole clauses: derivations from the declared parent, two
    read by hand (031 item 27 -> 016 深化综合执法改革。, an 85-character run; item 35 -> 建立工作推进机制。, 57), and
    no link between the two documents without a clause they share (a run of 13 characters or more)."""
    store, plan = loaded
    found = _derivations(store, plan[OUTLINE] + "/zh-Hans", plan[PROPOSAL] + "/zh-Hans")
    outline, proposal = plan[OUTLINE] + "/zh-Hans/", plan[PROPOSAL] + "/zh-Hans/"
    assert (outline + "chp_7__sec_4__para_2", proposal + "chp_7__para_4") in found
    assert (outline + "chp_11__sec_2__para_2", proposal + "chp_9__para_3") in found
    assert _text(store, outline + "chp_7__sec_4__para_2").startswith("深化综合执法改革。")
    assert _text(store, proposal + "chp_7__para_4").startswith("27.建设更加有为的服务型政府。")
    assert not _derivations(store, plan[PROPOSAL] + "/zh-Hans", plan[OUTLINE] + "/zh-Hans")  # never the other way
    for child, source in found:
        a, b = _text(store, child), _text(store, source)
        assert SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size >= 13


def test_the_district_plan_names_the_citys_as_its_parent(shanghai) -> None:
    """Of 021's two bases, the loaded one resolves (no key needed: the title as cited); 032's own basis, the city's
    十五五 outline, is not loaded and stays unresolved."""
    store, plan = shanghai
    resolved = select(
        store,
        """SELECT ?quote ?to WHERE {
             GRAPH ?g { ?c pk:citedWork ?work ; prov:wasDerivedFrom/oa:hasSelector/oa:exact ?quote }
             GRAPH <https://w3id.org/plankg/id/graph/lineage> { ?work pk:resolvesTo ?to } }""",
    )
    assert resolved == [["《上海市城市更新和住房发展“十五五”规划》", plan[SHANGHAI]]]
    parents = select(store, "SELECT ?c ?p WHERE { GRAPH <https://w3id.org/plankg/id/graph/lineage> { ?c pk:parentPlan ?p } }")
    assert parents == [[plan[HUANGPU], plan[SHANGHAI]]]


def test_the_binding_indicator_the_district_plan_lacks(shanghai) -> None:
    """032's one binding row, a five-year total of 12 城中村 projects, has no counterpart in 021's table."""
    store, _ = shanghai
    got = run_query(store, "binding-missing-in-child", {})[1]
    assert got == [
        ["黄浦区城市更新“十五五”规划", "上海市城市更新和住房发展“十五五”规划", "城中村整体改造项目认定数量（个）", "〔12〕"]
    ]


def test_indicators_the_district_plan_shares_with_the_citys(shanghai) -> None:
    """Three concepts, read by hand: 021's 商办楼宇更新数量 (25 个) and 更新商业设施面积 (50 万平方米) are rows 8 and 9 of
    032's table (five-year totals 〔150〕 栋, 〔500〕 万平方米); 032 line 191 到2027年底，主城区和五个新城完整社区覆盖率达到60%
    is 021's table row 完整社区建设覆盖率 (2027年60%，…) and its sentence 完整社区覆盖率达60%以上."""
    store, _ = shanghai
    rows = run_query(store, "shared-indicator-concepts", {})[1]
    assert sorted((region, name, target) for _, _, region, name, _, target, _, _ in rows) == [
        ("上海市", "主城区和五个新城完整社区覆盖率", "达到60%"),
        ("上海市", "推动商办楼宇更新数量（栋）", "〔150〕"),
        ("上海市", "更新商业设施面积（万平方米）", "〔500〕"),
        ("黄浦区", "商办楼宇更新数量", "25"),
        ("黄浦区", "完整社区建设覆盖率", "2027年60%，2028年进一步优化布局"),
        ("黄浦区", "完整社区覆盖率", "达60%以上"),
        ("黄浦区", "更新商业设施面积", "50"),
    ]


def test_the_district_plan_restates_the_citys_clauses(shanghai) -> None:
    """Read by hand: 021's 保护历史文化风貌。 keeps 032 （十四）'s 注重发掘和带动传统特色产业的提升, its 推动绿色低碳转型。
    （十八）'s 推行装配式建筑和全装修住宅, and its 加快推进不成套职工住宅改造。 restates （一）'s 2026 and 2030 targets."""
    store, plan = shanghai
    child, parent = plan[HUANGPU] + "/zh-Hans/", plan[SHANGHAI] + "/zh-Hans/"
    assert sorted(_derivations(store, plan[HUANGPU] + "/zh-Hans", plan[SHANGHAI] + "/zh-Hans")) == [
        (child + "chp_2__part_2__para_1", parent + "chp_2__para_1"),
        (child + "chp_2__part_4__para_2", parent + "chp_5__para_2"),
        (child + "chp_2__part_5__para_3", parent + "chp_6__para_3"),
    ]
    assert _text(store, child + "chp_2__part_4__para_2").startswith("保护历史文化风貌。")
