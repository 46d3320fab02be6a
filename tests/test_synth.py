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
