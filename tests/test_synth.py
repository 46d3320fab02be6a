"""plankg synth: deterministic for a seed, and every recorded copy is really in both plans."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from plankg.loaders.script import to_simplified
from plankg.synth import PERTURBATIONS, cn_numeral, edit, load_material, perturb, write_corpus


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    a, b, c = (tmp_path_factory.mktemp(name) for name in ("a", "b", "c"))
    write_corpus(6, 7, a)
    write_corpus(6, 7, b)
    write_corpus(6, 8, c)
    return a, b, c


def test_same_seed_same_bytes(corpora) -> None:
    a, b, c = corpora
    names = sorted(p.name for p in a.iterdir())
    sidecars = [f"synth_0000{n}.meta.json" for n in (1, 2, 5, 6)]  # the four lost-headings plans of seed 7
    assert names == sorted(["lineage-truth.json", *sidecars] + [f"synth_{n:05d}.txt" for n in range(1, 7)])
    assert all((a / n).read_bytes() == (b / n).read_bytes() for n in names)
    assert any((a / n).read_bytes() != (c / n).read_bytes() for n in names)


def test_recorded_copies_are_in_source_and_copy(corpora) -> None:
    a, _, _ = corpora
    truth = json.loads((a / "lineage-truth.json").read_text(encoding="utf-8"))
    assert (truth["seed"], truth["plans"], len(truth["perturbations"])) == (7, 6, 4)
    assert truth["copies"], "six plans at a 30% copy share record copies"
    for copy in truth["copies"]:
        assert copy["source_file"] < copy["file"]  # copies come from an earlier plan
        for name in (copy["file"], copy["source_file"]):
            assert copy["title"] in to_simplified((a / name).read_text(encoding="utf-8"))


def test_edit_keeps_punctuation_and_numbers_and_replaces_words() -> None:
    material = load_material()
    text = "完善基本生活救助制度。到2025年,全面建立分层分类的社会救助体系。"  # 000 style measure
    edited = edit(text, material, random.Random(3))
    assert edited == edit(text, material, random.Random(3))
    assert [ch for ch in edited if not "\u4e00" <= ch <= "\u9fff"] == [ch for ch in text if not "\u4e00" <= ch <= "\u9fff"]
    assert edited != text


def test_perturbation_levels() -> None:
    body = "到2025年建成10个中心。新建3所学校。改造5个站点。完善制度。"
    rng = random.Random(1)
    assert perturb("甲。", body, 0, rng) == ("甲。", body)
    _, level2 = perturb("甲。", body, 2, random.Random(1))
    assert level2.count("。") == 3  # one of the three sentences after the first dropped
    assert set(PERTURBATIONS) == {0, 1, 2, 3}
    assert [cn_numeral(n) for n in (1, 10, 14, 40)] == ["一", "十", "十四", "四十"]


def test_a_synthetic_corpus_loads_and_validates_without_violation(corpora, tmp_path: Path) -> None:
    """Plans without a title line get their title from a sidecar, as corpus 000 does, so SHACL finds no violation."""
    from plankg.graph.store import open_store
    from plankg.loading.documents import load_paths
    from plankg.validation.shacl import validate_store

    a, _, _ = corpora
    assert json.loads((a / "synth_00002.meta.json").read_text(encoding="utf-8"))["title"].endswith("“十四五”民政事业发展规划")
    store = open_store(tmp_path / "store")
    results = load_paths(store, [a])
    assert [r.error for r in results] == [""] * 6
    reports = validate_store(store, documents=[r.graph for r in results])
    assert [(r.name, r.count("Violation")) for r in reports] == [(f"synth_{n:05d}.txt", 0) for n in range(1, 7)]


# ---------------------------------------------------------------- a national hierarchy (plankg synth --hierarchy)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory):
    """A 12-plan tree of seed 1 (national, 吉林省, 长春市, eight of its counties, an annual work plan), loaded."""
    from plankg.graph.store import open_store
    from plankg.lineage.graph import rebuild_lineage
    from plankg.loading.documents import load_paths
    from plankg.synth_tree import write_tree

    corpus = tmp_path_factory.mktemp("tree")
    write_tree(12, 1, corpus)
    store = open_store(tmp_path_factory.mktemp("tree-store") / "store")
    results = load_paths(store, [corpus])
    assert [r.error for r in results] == [""] * 12
    rebuild_lineage(store)
    return corpus, json.loads((corpus / "lineage-truth.json").read_text(encoding="utf-8")), store


def test_tree_levels_and_regions_are_a_true_parent_chain(tree) -> None:
    """Real gazetteer regions, each five-year plan's inside its parent's; an annual work plan is its region's."""
    from plankg.loaders.regions import region

    _, truth, _ = tree
    plans = {p["file"]: p for p in truth["plan_tree"]}
    assert [p["level"] for p in truth["plan_tree"]] == ["national", "province", "prefecture"] + ["district"] * 8 + ["annual"]
    assert [p["title"] for p in truth["plan_tree"][:4]] == [
        "“十四五”民政事业发展规划",
        "吉林省民政事业发展“十四五”规划",
        "长春市民政事业发展“十四五”规划",
        "南关区民政事业发展“十四五”规划",
    ]
    assert plans["synth_00006.txt"]["title"] == "长春市朝阳区民政事业发展第十四个五年规划"  # 朝阳区 alone is also Beijing's
    for plan in truth["plan_tree"][1:]:
        parent = plans[plan["parent_file"]]
        if plan["level"] == "annual":
            assert plan["region"] == parent["region"] and plan["title"] == "榆树市2022年民政工作要点"
        else:
            assert region(plan["region"]).parent_code == (parent["region"] or "000000")


def test_tree_children_cite_their_parents_title(tree) -> None:
    corpus, truth, _ = tree
    text = (corpus / "synth_00009.txt").read_text(encoding="utf-8")  # 农安县 cites 长春市's plan by its issuing notice
    assert "依据《长春市民政局关于印发长春市民政事业发展“十四五”规划的通知》(长民发〔2021〕41号)和《农安县国民经济" in text
    traditional = to_simplified((corpus / "synth_00005.txt").read_text(encoding="utf-8"))  # 宽城区, in Traditional script
    assert traditional.count("《长春市民政事业发展「十四五」规划》") == 1


def test_tree_citations_resolve_to_the_recorded_parents(tree) -> None:
    """Every child's basis citation (title, other quote marks, Traditional script, issuing notice) resolves."""
    from plankg.graph.vocab import LINEAGE_GRAPH
    from plankg.query.library import run_sparql

    _, truth, store = tree
    _, rows = run_sparql(
        store,
        f"""SELECT ?cf ?pf WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c pk:parentPlan ?p }}
        GRAPH ?g {{ ?c a pk:Plan . ?s a pk:SourceDocument ; dct:identifier ?cf }}
        GRAPH ?h {{ ?p a pk:Plan . ?t a pk:SourceDocument ; dct:identifier ?pf }} }}""",
    )
    recorded = {(p["file"], basis) for p in truth["plan_tree"] for basis in p["basis_files"]}
    assert ("synth_00012.txt", "synth_00003.txt") in recorded  # 榆树市's work plan cites 长春市's plan and its own
    assert len(recorded) == 12
    assert {tuple(r) for r in rows} == recorded


def test_tree_dropped_binding_indicators_are_reported(tree) -> None:
    """binding-missing-in-child reports exactly the binding indicators the children dropped."""
    from plankg.query.library import run

    _, truth, store = tree
    _, rows = run(store, "binding-missing-in-child", {})
    titles = {p["file"]: p["title"] for p in truth["plan_tree"]}
    dropped = {(titles[d["file"]], titles[d["parent_file"]], d["indicator"]) for d in truth["dropped_binding"]}
    assert ("农安县民政事业发展第十四个五年规划", "长春市民政事业发展“十四五”规划", "街道儿童关爱之家覆盖率") in dropped
    assert ("榆树市2022年民政工作要点", "长春市民政事业发展“十四五”规划", "街道儿童关爱之家覆盖率") in dropped  # no table
    assert len(dropped) == 7
    assert {(child, parent, indicator) for child, parent, indicator, _ in rows} == dropped


def test_tree_copies_are_derivation_trees_not_sibling_cliques(tree) -> None:
    """Every recorded copy is a derivation from its source, and no undirected link is stated: the 83 the model also
    finds (73 of them between two copies of one source) join items that derivations already connect. 长春市's
    过程突出贡献教育引导 (synth_00003, para_20) is copied by six of its counties (lineage-truth.json; 二道区 writes it in
    Traditional): measure-lineage from 南关区's copy shows 长春市's as its source and the five others as copies of the
    same source, with no link of their own."""
    from plankg.graph.solutions import string_rows
    from plankg.graph.vocab import LINEAGE_GRAPH
    from plankg.query.library import run

    _, truth, store = tree
    plan = "https://w3id.org/plankg/id/plan/"
    links = string_rows(
        store,
        f"""SELECT ?a ?b ?d WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?l pk:between ?a , ?b ; pk:directed ?d
        FILTER(STR(?a) < STR(?b)) }} }}""",
    )
    assert [sum(r["d"] == d for r in links) for d in ("true", "false")] == [134, 0]  # 81 recorded copies among them
    families = string_rows(store, f"SELECT ?f WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?f a pk:PolicyFamily }} }}")
    assert len(families) == 26  # as many as when the sibling links were stated
    source = plan + "220100/fyp/2021-2025/4cdd38ca/zh-Hans/para_20"
    copies = {
        "synth_00004.txt": "220102/fyp/2021-2025/48552582/zh-Hans/chp_4__sec_1__para_2",  # 南关区
        "synth_00007.txt": "220105/fyp/2021-2025/ab6bfd12/zh-Hant/chp_6__sec_1__para_2",  # 二道区
        "synth_00008.txt": "220113/fyp/2021-2025/1e350876/zh-Hans/chp_7__sec_2__para_1",  # 九台区
        "synth_00009.txt": "220122/fyp/2021-2025/28de53c4/zh-Hans/chp_7__sec_2__para_1",  # 农安县
        "synth_00010.txt": "220182/fyp/2021-2025/a8b943e0/zh-Hans/chp_8__sec_1__para_1",  # 榆树市
        "synth_00011.txt": "220183/fyp/2021-2025/ed8a3be6/zh-Hans/chp_7__sec_2__para_1",  # 德惠市
    }
    recorded = {c["file"]: c["source_file"] for c in truth["copies"] if c["title"] == "过程突出贡献教育引导。"}
    assert recorded == dict.fromkeys(copies, "synth_00003.txt")
    derived = string_rows(store, f"SELECT ?d WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?d prov:wasDerivedFrom <{source}> }} }}")
    assert {r["d"].removeprefix(plan) for r in derived} == set(copies.values())
    between = {frozenset((r["a"].removeprefix(plan), r["b"].removeprefix(plan))) for r in links}
    assert not any(frozenset((a, b)) in between for a in copies.values() for b in copies.values())
    _, rows = run(store, "measure-lineage", {"measure": plan + copies["synth_00004.txt"]})
    assert [(region, relation, score) for _, _, region, _, _, relation, score, _ in rows if relation[:10] != "instrument"] == [
        ("长春市", "source", "1"),
        ("南关区", "measure", ""),
        ("二道区", "same source", ""),
        ("九台区", "same source", ""),
        ("农安县", "same source", ""),
        ("榆树市", "same source", ""),
        ("德惠市", "same source", ""),
    ]


def test_tree_weakened_binding_indicators_keep_the_concept() -> None:
    """A weakened binding indicator stays in the child (lower target or expected), so it is not 'missing'."""
    from plankg.synth_tree import Node, Row, inherit_rows, missing_binding

    parent = Node(None, "five-year", file="p.txt", rows=[Row(f"指标{n}覆盖率", "%", "--", "≥60", "约束性") for n in range(40)])
    child = Node(None, "five-year", parent, file="c.txt")
    rows, weakened = inherit_rows(parent, child, [], random.Random(5))
    child.rows = rows
    kept = {r.name: r for r in rows}
    dropped = missing_binding(child, [parent])
    assert dropped and weakened and len(rows) + len(dropped) == 40
    assert all(d["indicator"] not in kept and d["parent_file"] == "p.txt" for d in dropped)
    for w in weakened:
        row = kept[w["indicator"]]
        assert (row.target, row.attribute) == ((w["target"], "约束性") if w["how"] == "lower target" else ("≥60", "预期性"))
        assert w["how"] == "no longer binding" or int(w["target"][1:]) < 60


def test_a_citation_of_an_issuing_notice_resolves_to_the_plan_it_issued() -> None:
    """《国务院关于印发“十四五”国家老龄事业发展和养老服务体系规划的通知》(国发〔2021〕35号) cites that plan; the
    document number between two basis citations does not end the basis."""
    from plankg.lineage.graph import cited_keys, title_key
    from plankg.loaders.extract import extract_citations

    plan = title_key("“十四五”国家老龄事业发展和养老服务体系规划")
    assert cited_keys("国务院关于印发“十四五”国家老龄事业发展和养老服务体系规划的通知")[1] == plan
    assert cited_keys("民政部 国家发展改革委关于印发〈“十四五”民政事业发展规划〉的通知")[1] == "十四五民政事业发展规划"
    assert cited_keys("关于改革完善社会救助制度的实施意见") == ["关于改革完善社会救助制度的实施意见"]
    text = (
        "根据《国务院关于印发“十四五”国家老龄事业发展和养老服务体系规划的通知》(国发〔2021〕35号)"
        "和《甲市养老服务条例》,制定本规划。"
    )
    found = [(c.title, c.basis) for c in extract_citations(text, [(0, len(text))])]
    assert found == [("国务院关于印发“十四五”国家老龄事业发展和养老服务体系规划的通知", True), ("甲市养老服务条例", True)]


def test_a_region_whose_name_opencc_rewrites_is_found() -> None:
    """乾县 (610424) and 乾安县 (220723): Simplified conversion writes 乾 as 干, so they are looked up as converted."""
    from plankg.loaders.regions import find_region
    from plankg.synth_tree import place_name

    assert find_region("乾县“十四五”民政事业发展规划")[0].code == "610424"  # type: ignore[index]
    assert find_region("松原市乾安县民政事业发展第十四个五年规划")[0].code == "220723"  # type: ignore[index]
    assert place_name(find_region("乾安县")[0]) == "乾安县"  # type: ignore[index]


_BODY = "\n第一章 主要任务\n\n第一节 社会救助\n\n  完善社会救助制度。加快建设分层分类的社会救助体系,到2025年覆盖全部困难群众。\n"


def test_region_of_a_traditional_title_with_a_name_opencc_rewrites(tmp_path: Path) -> None:
    """乾安縣 in a Traditional title is 乾安县 (220723), its span the title's own characters."""
    from plankg.loaders.pipeline import parse_document

    path = tmp_path / "qianan.txt"
    path.write_text("乾安縣民政事業發展“十四五”規劃\n\n  爲推動民政事業高質量發展,制定本規劃。\n" + _BODY, encoding="utf-8")
    doc, region = parse_document(path)
    assert region is not None and region.code == "220723"
    assert doc.metadata.region is not None and doc.metadata.region.span is not None
    assert doc.metadata.region.span.quote == "乾安縣"


def test_a_sidecar_title_names_the_region_when_the_title_line_was_lost(tmp_path: Path) -> None:
    """A lost title line given by the sidecar still names the place: not the parent whose plan the preamble cites
    (全市 and 四平市 in the citation would make it 四平市; the plan is 双辽市's, a county-level city in 四平市)."""
    from plankg.loaders.pipeline import parse_document

    path = tmp_path / "shuangliao.txt"
    preamble = "为推动全市民政事业高质量发展,依据《四平市民政事业发展第十四个五年规划》,制定本规划。\n"
    path.write_text(preamble + _BODY, encoding="utf-8")
    (tmp_path / "shuangliao.meta.json").write_text('{"title": "双辽市民政事业发展“十四五”规划"}', encoding="utf-8")
    doc, region = parse_document(path)
    assert region is not None and (region.code, region.name) == ("220382", "双辽市")
    assert doc.metadata.region is not None and doc.metadata.region.from_sidecar


def test_a_citation_with_the_period_written_elsewhere_resolves() -> None:
    """003 (line 10) cites 《江苏省民政事业发展十四五规划》: the plan titled 江苏省“十四五”民政事业发展规划; titles end
    with their years too (禄丰市“十四五”民政事业发展规划(2021—2025年)), which citations may leave out. The period
    stays part of the key: a 十三五 plan is not the 十四五 one, and a key two plans share resolves to neither."""
    from plankg.lineage.graph import cited_keys, plan_keys, title_key

    plans = {
        "js14": {"key": title_key("江苏省“十四五”民政事业发展规划")},
        "js13": {"key": title_key("江苏省“十三五”民政事业发展规划")},
        "a": {"key": title_key("甲市“十四五”养老服务规划")},
        "b": {"key": title_key("甲市养老服务“十四五”规划")},
    }
    keys = plan_keys(plans)

    def resolve(title: str) -> str | None:
        return next((keys[k] for k in cited_keys(title) if k in keys), None)

    assert resolve("江苏省民政事业发展十四五规划") == "js14"
    assert resolve("江苏省民政事业发展“十三五”规划") == "js13"
    assert resolve("江苏省“十四五”民政事业发展规划(2021—2025年)") == "js14"  # the years its title does not state
    assert resolve("江苏省民政事业发展规划(2016-2020年)") == "js13"  # the years are the period they span
    assert resolve("甲市养老服务“十四五”规划") == "b"  # the exact title first
    assert resolve("“十四五”甲市养老服务规划") is None  # both a and b have the period apart: neither
    assert resolve("江苏省民政事业发展规划") is None


def test_a_later_work_plan_of_an_ancestor_region_is_no_source() -> None:
    """A copied clause is directed from a plan of an ancestor region unless that plan's period starts later: in a
    100-plan tree 吉林省's 2025 work plan, which copies 吉林省's plan as its counties do, was made their source."""
    from plankg.lineage.graph import _is_parent

    plans = {
        "jilin": {"region": "220000", "ancestors": [], "start": "2021"},
        "jilin-2025": {"region": "220000", "ancestors": [], "start": "2025"},
        "nanguan": {"region": "220102", "ancestors": ["220100", "220000"], "start": "2021"},
        "nanguan-2025": {"region": "220102", "ancestors": ["220100", "220000"], "start": "2025"},
        "undated": {"region": "220102", "ancestors": ["220100", "220000"], "start": ""},
    }
    assert _is_parent("jilin", "nanguan", plans, {}) and _is_parent("jilin-2025", "nanguan-2025", plans, {})
    assert not _is_parent("jilin-2025", "nanguan", plans, {})
    assert _is_parent("jilin-2025", "undated", plans, {})  # no period stated: nothing says it is later
    assert _is_parent("nanguan-2025", "nanguan", plans, {"nanguan": {"nanguan-2025"}})  # a declared parent is one


def test_plankg_synth_hierarchy_writes_the_tree(tmp_path: Path) -> None:
    """`plankg synth --plans 3 --hierarchy`: the national plan, one province's and one of its prefectures', as
    write_tree writes them for the same seed."""
    from click.testing import CliRunner

    from plankg.cli.synth import synth
    from plankg.synth_tree import write_tree

    result = CliRunner().invoke(synth, ["--plans", "3", "--hierarchy", "--seed", "4", "-o", str(tmp_path / "cli")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"wrote 3 plans and lineage-truth.json to {tmp_path / 'cli'}")
    write_tree(3, 4, tmp_path / "api")
    truth = json.loads((tmp_path / "cli" / "lineage-truth.json").read_text(encoding="utf-8"))
    assert [p["level"] for p in truth["plan_tree"]] == ["national", "province", "prefecture"]
    assert sorted(p.name for p in (tmp_path / "cli").iterdir()) == sorted(p.name for p in (tmp_path / "api").iterdir())
    assert all((tmp_path / "cli" / p.name).read_bytes() == p.read_bytes() for p in (tmp_path / "api").iterdir())


def test_a_title_naming_the_prefecture_picks_that_prefectures_district() -> None:
    """铁西区 is a district of 沈阳市 and 鞍山市 (辽宁省) and of 四平市 (吉林省): the title 四平市铁西区… names 四平市's,
    even when the text around it names 辽宁省 too (a 1,000-plan tree loaded it as 鞍山市's, a duplicate plan)."""
    from plankg.loaders.regions import find_region

    title = "四平市铁西区民政事业发展第十四个五年规划"
    assert find_region(title, context=f"{title}\\n学习辽宁省经验,对口支援。")[0].code == "220302"  # type: ignore[index]
    assert find_region("铁西区民政事业发展规划", context="鞍山市民政局")[0].code == "210303"  # type: ignore[index]
