"""A plan whose text names no region is still listed by every query of the library, its region column empty.

The store holds corpus 000 (玉林市) and the same text with every name of its region taken out (玉林, 广西), so that
the loader finds no region: each query must list the copy beside the original, not drop it without a word.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import Store

from plankg.graph.store import open_store
from plankg.lineage.graph import rebuild_lineage
from plankg.loading.documents import bundled_corpus, load_paths
from plankg.query.library import run

YULIN = "000_7c45746ca5003da4"
PLAN = "https://w3id.org/plankg/id/plan/unknown-region/fyp/2021-2025/untitled"
ORIGINAL = "https://w3id.org/plankg/id/plan/450900/fyp/2021-2025/05cd351b"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """Corpus 000 and its copy without a region, with lineage built."""
    folder: Path = tmp_path_factory.mktemp("regionless")
    corpus = bundled_corpus()
    shutil.copy(corpus / f"{YULIN}.txt", folder / "yulin.txt")
    shutil.copy(corpus / f"{YULIN}.meta.json", folder / "yulin.meta.json")
    text = (corpus / f"{YULIN}.txt").read_text(encoding="utf-8")
    for name in ("广西壮族自治区", "玉林市", "广西", "玉林"):
        text = text.replace(name, "")
    (folder / "regionless.txt").write_text(text, encoding="utf-8")
    store = open_store(folder / "store")
    results = load_paths(store, [folder / "yulin.txt", folder / "regionless.txt"])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    rebuild_lineage(store)
    return store


def rows(store: Store, query: str, **params: str) -> list[list[str]]:
    return run(store, query, params)[1]


def test_the_copy_has_no_region(store: Store) -> None:
    got = {r[0]: r[1:4] for r in rows(store, "plans-overview")}
    assert got == {ORIGINAL: ["玉林市", "PrefectureCity", "广西壮族自治区"], PLAN: ["", "", ""]}


def test_plan_citations(store: Store) -> None:
    got = [r for r in rows(store, "plan-citations") if r[0] == ""]
    assert got[:3] == [
        ["", "国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "true", "1", ""],  # 000 line 1
        ["", "民政事业发展“十四五”规划", "true", "1", ""],
        ["", "儿童福利机构康复服务规范", "false", "6", ""],
    ]
    assert len(got) == 14 == len(rows(store, "plan-citations")) - 14


def test_shared_indicator_concepts(store: Store) -> None:
    got = [r for r in rows(store, "shared-indicator-concepts") if r[3] == "婚姻登记“跨省通办”实施率"]
    assert got == [
        ["婚姻登记跨省通办实施率", "exactMatch", "", "婚姻登记“跨省通办”实施率", "2025", "100", "100", "%"],
        ["婚姻登记跨省通办实施率", "exactMatch", "玉林市", "婚姻登记“跨省通办”实施率", "2025", "100", "100", "%"],
    ]
    every = rows(store, "shared-indicator-concepts")
    assert len(every) == 104 and sum(r[2] == "" for r in every) == 52


def test_indicators_shared(store: Store) -> None:
    got = [r for r in rows(store, "indicators-shared", min_plans="2") if r[0] == "婚姻登记“跨省通办”实施率"]
    assert got == [
        ["婚姻登记“跨省通办”实施率", "2", "", "100", "100", "2025", "226", "table"],  # 000 line 226
        ["婚姻登记“跨省通办”实施率", "2", "玉林市", "100", "100", "2025", "226", "table"],
    ]


def test_indicator_across_plans(store: Store) -> None:
    got = [(r[0], r[2], r[3], r[5], r[8]) for r in rows(store, "indicator-across-plans", name="跨省通办")]
    assert got == [
        ("", "2020", "Actual", "--", "225"),  # 000 lines 225-226
        ("", "2025", "Target", "100", "226"),
        ("玉林市", "2020", "Actual", "--", "225"),
        ("玉林市", "2025", "Target", "100", "226"),
    ]


def test_instrument_mentions(store: Store) -> None:
    got = [r[4:] for r in rows(store, "instrument-mentions", instrument="收养评估制度")]
    assert got == [
        ["", f"{PLAN}/zh-Hans/para_37", "18481", "18487", "收养评估制度"],  # the copy is 108 characters shorter before it
        ["玉林市", f"{ORIGINAL}/zh-Hans/para_37", "18589", "18595", "收养评估制度"],
    ]


def test_measure_search(store: Store) -> None:
    assert rows(store, "measure-search", text="平战结合") == [
        ["", f"{PLAN}/zh-Hans/para_17", "提升应急救援能力。", "283"],  # 000 line 283
        ["玉林市", f"{ORIGINAL}/zh-Hans/para_17", "提升应急救援能力。", "283"],
    ]


def test_measures_by_body(store: Store) -> None:
    assert rows(store, "measures-by-body", body="市民政局") == [
        ["市民政局", "lead", "", f"{PLAN}/zh-Hans/para_73", "全面落实主体责任。", "358"],  # 000 line 358
        ["市民政局", "lead", "玉林市", f"{ORIGINAL}/zh-Hans/para_73", "全面落实主体责任。", "358"],
    ]


def test_projects_by_region(store: Store) -> None:
    assert rows(store, "projects-by-region") == [["", "", "1", "21", "10"], ["玉林市", "450900", "1", "21", "10"]]


def test_measure_lineage(store: Store) -> None:
    """The measure of the plan without a region is listed last (no level to rank it by), its columns empty."""
    got = rows(store, "measure-lineage", measure=f"{PLAN}/zh-Hans/para_17")
    assert [r[1:6] for r in got][0] == [
        "PrefectureCity",
        "玉林市",
        "period 2021-2025",
        f"{ORIGINAL}/zh-Hans/para_17",
        "copied clause",
    ]
    assert got[-1][1:7] == ["", "", "period 2021-2025", f"{PLAN}/zh-Hans/para_17", "measure", ""]
    assert len(got) == 11
