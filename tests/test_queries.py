"""Each query of the library gives its exact answer on the bundled corpus (lineage queries: test_lineage.py)."""

from __future__ import annotations

import pytest
from pyoxigraph import Store

from plankg.lineage.graph import rebuild_lineage
from plankg.query.library import QueryError, library, run, with_values

BASE = "https://w3id.org/plankg/id/plan/"


@pytest.fixture(scope="module")
def store(corpus_store: Store) -> Store:
    rebuild_lineage(corpus_store)
    return corpus_store


def rows(store: Store, query: str, **params: str) -> list[list[str]]:
    return run(store, query, params)[1]


def test_every_query_documents_its_question() -> None:
    for query in library().values():
        assert query.question, query.name
        assert "GRAPH" in query.text, query.name  # graphs named explicitly: same answer on union-default stores


def test_plans_overview(store: Store) -> None:
    got = {r[1]: r[2:] for r in rows(store, "plans-overview")}
    assert got["辽宁省"] == [
        "Province",
        "中国",
        "FiveYearPlan",
        "2021",
        "2025",
        "辽宁省民政事业发展第十四个五年规划",
        "6",
        "35",
        "107",
        "32",
        "34",
        "15",
        "辽宁省民政厅; 辽宁省发展和改革委员会",
    ]  # 001 lines 15-16;
    # 32 indicators: 20 table rows, 12 targets in prose
    assert got["怀化市"][:6] == ["PrefectureCity", "湖南省", "FiveYearPlan", "2021", "2025", "懷化市“十四五”民政事業發展規劃"]
    assert got["韶关市"][2:5] == ["AnnualWorkPlan", "2021", "2021"]
    assert got["新吴区"][1] == "无锡市"
    assert (got["韶关市"][-1], got["新吴区"][-1]) == ("", "新吴区民政卫健局")  # 004 names no issuer; 003 line 6


def test_indicators_shared_by_three_plans(store: Store) -> None:
    got = [(r[0], r[2], r[3], r[6]) for r in rows(store, "indicators-shared", min_plans="3")]
    assert ("养老机构护理型床位占比", "玉林市", "≥60", "168") in got  # 000 line 168
    assert ("养老机构护理型床位占比", "辽宁省", "≥55", "252") in got  # 001 line 252
    assert ("养老机构护理型床位占比", "怀化市", "≥55", "333") in got  # 002 line 333, name 養老機構護理型床位占比(%
    assert {r[0] for r in got} == {"养老机构护理型床位占比", "城乡低保标准年度增速", "志愿服务站点在社区综合服务设施中的覆盖率"}
    # Targets stated in prose sit beside the table rows: 002:523 (no year stated), 000:269, 000:274 and 000:353.
    prose = sorted((r[0], r[2], r[3], r[5], r[6]) for r in rows(store, "indicators-shared", min_plans="3") if r[7] == "prose")
    assert prose == [
        ("养老机构护理型床位占比", "怀化市", "超過55%", "", "523"),
        ("养老机构护理型床位占比", "玉林市", "不低于55%", "2025", "274"),
        ("养老机构护理型床位占比", "玉林市", "达到55%以上", "2025", "269"),
        ("志愿服务站点在社区综合服务设施中的覆盖率", "玉林市", "达到60%", "2025", "353"),
    ]
    assert len(got) == 9 + 4


def test_one_indicator_across_plans(store: Store) -> None:
    got = [(r[0], r[1], r[2], r[3], r[5], r[8]) for r in rows(store, "indicator-across-plans", name="跨省通辦")]
    assert got == [
        ("新吴区", "婚姻登记“跨省通办”覆盖率", "2020", "Actual", "--", "530"),  # 003 lines 530-534
        ("新吴区", "婚姻登记“跨省通办”覆盖率", "2025", "Target", "100", "534"),
        ("玉林市", "婚姻登记“跨省通办”实施率", "2020", "Actual", "--", "225"),  # 000 lines 223-226
        ("玉林市", "婚姻登记“跨省通办”实施率", "2025", "Target", "100", "226"),
        ("辽宁省", "婚姻登记“跨省通办”实施率", "2025", "Target", "100", "182"),  # 001 line 182
    ]


def test_plan_citations_with_declared_bases(store: Store) -> None:
    got = rows(store, "plan-citations")
    assert len(got) == 79
    basis = sorted((r[0], r[1], r[3]) for r in got if r[2] == "true")
    assert basis == [
        ("怀化市", "懷化市國民經濟和社會發展第十四個五年規劃和二O三五年遠景目標綱要", "7"),
        ("怀化市", "湖南省十四五民政事業發展規劃", "7"),
        ("新吴区", "无锡市新吴区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "10"),
        ("新吴区", "江苏省民政事业发展十四五规划", "10"),
        ("玉林市", "广西民政事业发展“十四五”规划", "1"),
        ("玉林市", "玉林市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "1"),
        ("辽宁省", "“十四五”民政事业发展规划", "23"),
        ("辽宁省", "辽宁省国民经济和社会发展第十四个五年规划和二○三五年远景目标纲要", "23"),
    ]
    assert all(r[4] == "" for r in got)  # none of the five cites another loaded plan


def test_binding_indicators_of_a_plan(store: Store) -> None:
    # 001 专栏1: rows 4, 13, 14 and 18 are 约束性 (lines 110, 198, 208, 248)
    assert rows(store, "binding-indicators", region="辽宁省") == [
        ["困难残疾人生活补贴和重度残疾人护理补贴覆盖率", "%", "100", "110"],
        ["查明身份信息流浪乞讨受助人员接送返回率", "%", "100", "198"],
        ["县级公益性安葬(放)设施覆盖率", "%", "100", "208"],
        ["养老机构护理型床位占比", "%", "≥55", "248"],
    ]


def test_projects_by_region_counts_each_regions_projects(store: Store) -> None:
    # one row per region: its plans, their projects (the loader's pk:projectCount) and those stating a quantity
    assert rows(store, "projects-by-region") == [
        ["怀化市", "431200", "1", "35", "21"],
        ["辽宁省", "210000", "1", "34", "6"],
        ["玉林市", "450900", "1", "21", "10"],
        ["新吴区", "320214", "1", "3", "3"],
        ["韶关市", "440200", "1", "3", "3"],  # 004 lines 14 and 16: 开展2期… 新建…6间 …试点5个
    ]


def test_projects_in_region_with_quantities(store: Store) -> None:
    got = rows(store, "projects-in-region", region="韶关市")
    assert [(r[3], r[4], r[5], r[7]) for r in got] == [
        ("开展2期市级养老护理员培训", "2", "期", "14"),  # 004 line 14, item (十)
        ("新建风采长者饭堂6间", "6", "间", "16"),  # 004 line 16, item (十二)
        ("新建农村居家养老服务“幸福计划”项目试点5个", "5", "个", "16"),
    ]
    assert {(r[0], r[1], r[2]) for r in got} == {("韶关市", BASE + "440200/annual/2021/97646312", "养老服务")}
    # the name in Traditional finds the region; a project naming two quantities is a row for each (002 line 481:
    # 新建和改擴建10個縣級流浪乞討救助中心(站),新增床位390張以上)
    huaihua = rows(store, "projects-in-region", region="懷化市")
    assert sorted((r[4], r[5], r[6]) for r in huaihua if r[7] == "481") == [("10", "個", ""), ("390", "張", "以上")]
    assert rows(store, "projects-in-region", region="韶关") == []


def test_provenance_of_a_node(store: Store) -> None:
    [row] = rows(store, "provenance", node=BASE + "210000/fyp/2021-2025/6362853e/zh-Hans/tbl_1__row_18")
    assert row[:2] == ["001_e6d1326eb6e5ef17.txt", "246"]  # 001 lines 246-254: row 18
    assert row[4].split() == ["18", "养老机构护理型床位占比", "%", "≥55", "约束性"]
    assert row[6] == "0.1.0"


def test_measure_search_in_either_script(store: Store) -> None:
    expected = [
        ["玉林市", BASE + "450900/fyp/2021-2025/05cd351b/zh-Hans/para_17", "提升应急救援能力。", "283"],
        ["辽宁省", BASE + "210000/fyp/2021-2025/6362853e/zh-Hans/chp_5__sec_2__para_7", "提升应急救援能力。", "471"],
    ]
    assert rows(store, "measure-search", text="平战結合") == expected  # a Traditional query finds Simplified text
    # a Simplified query finds 002's Traditional 實施特困供養服務機構改造提升工程 (line 489, untitled measure)
    assert rows(store, "measure-search", text="特困供养服务机构改造提升") == [
        ["怀化市", BASE + "431200/fyp/2021-2025/c1126cbe/zh-Hant/chp_3__sec_1__para_1", "", "489"]
    ]


def test_measures_by_chapter_flags_safeguards(store: Store) -> None:
    got = rows(store, "measures-by-chapter", region="懷化市")
    assert got[0] == ["第二章", "健全分層分類的社會救助體系", "6", "0"]  # 第二章: 6 節, one measure each
    assert got[-1] == ["第十一章", "全力保障規劃順利實施", "7", "7"]
    assert len(got) == 10


def test_parameters_are_data_not_query_text(store: Store) -> None:
    attack = '平战结合") } UNION { GRAPH ?g { ?measure ?p ?o } } #'
    assert rows(store, "measure-search", text=attack) == []
    assert '\\"' in with_values("SELECT * WHERE { }", {"text": __import__("pyoxigraph").Literal(attack)})
    with pytest.raises(QueryError, match="missing"):
        run(store, "binding-indicators", {})
    with pytest.raises(QueryError, match="no query named"):
        run(store, "nonexistent", {})


def test_lineage_stores_the_name_keys_the_queries_join_on(store: Store) -> None:
    """indicators-shared joins on each indicator's stored name key (its Simplified name without a trailing bracketed
    part, closed or not); indicator-across-plans searches the index of distinct names."""
    lineage = "https://w3id.org/plankg/id/graph/lineage"
    keys = dict(
        (r["i"].value, r["k"].value)
        for r in store.query(f"SELECT ?i ?k WHERE {{ GRAPH <{lineage}> {{ ?i <https://w3id.org/plankg/ontology#nameKey> ?k }} }}")
    )
    hh, yl = BASE + "431200/fyp/2021-2025/c1126cbe/zh-Hant/", BASE + "450900/fyp/2021-2025/05cd351b/zh-Hans/"
    assert keys[hh + "tbl_2__row_8"] == "养老机构护理型床位占比"  # 002 line 329: 養老機構護理型床位占比(%
    assert keys[hh + "tbl_1__row_8"] == "慈善超市"  # 002 line 163: 慈善超市(個)
    assert keys[yl + "tbl_2__row_11"] == "养老服务床位总数"  # 000 line 179: 养老服务床位总数(含旅居养老服务床位)
    assert len(keys) == 146  # every indicator has one: 32 + 24 + 37 + 53, as plans-overview counts them
    index = f"SELECT ?n WHERE {{ GRAPH <{lineage}> {{ <https://w3id.org/plankg/id/indicator-names> ?p ?n }} }}"
    names = {r["n"].value for r in store.query(index)}
    assert "养老服务床位总数(含旅居养老服务床位)" in names and "养老机构护理型床位占比(%" in names
    assert len(names - {"https://w3id.org/plankg/ontology#NameIndex"}) == 121  # distinct Simplified names
