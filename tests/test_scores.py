"""Copied-clause results kept while the statistics' sample stands are those scored from scratch, pair for pair.

kg/lineage/scores.py keeps the result of each pair last scored beside the cache under a stamp of the statistics'
sample, the model and the code; lineage then scores only the pairs it does not find there. These tests add, remove
and reword plans (texts of the bundled corpus, a formula every plan writes, plans copying each other) in a seeded
random order, with a sample small enough that some plans fall outside it, and compare each update's links with those
scored from scratch under statistics made of the items themselves.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from plankg.lineage import graph, kept, reuse_model, scores, statistics, textreuse
from plankg.lineage.cache import LineageCache, text_key


@pytest.fixture(scope="module")
def pool(corpus_store) -> list[str]:
    """Distinct measure texts of the bundled corpus, in a fixed order."""
    return sorted({item.text for item in graph.reuse_items(corpus_store)[0] if item.kind == "measure"})


def written(rng: random.Random, pool: list[str], plans: int) -> dict[str, list[str]]:
    """Each plan's texts: a formula every plan writes, some texts of an earlier plan (a few with a clause added) and
    texts of its own."""
    found: dict[str, list[str]] = {}
    for n in range(plans):
        texts = [pool[0], *rng.sample(pool, 10)]
        if found:
            source = found[rng.choice(sorted(found))]
            texts += [t + "，加强督促检查" if rng.random() < 0.2 else t for t in source[1:] if rng.random() < 0.5]
        found[f"urn:plan/{n:02d}"] = texts
    return found


def items_of(loaded: dict[str, list[str]]) -> list[textreuse.Item]:
    """The items of the plans loaded in the order lineage sorts them."""
    items = (
        textreuse.Item(f"{plan}/item/{k}", plan, "measure", text, f"{plan}/source", k * 100)
        for plan, texts in loaded.items()
        for k, text in enumerate(texts)
    )
    return sorted(items, key=lambda i: (i.plan, i.start, i.iri))


def from_scratch(items: list[textreuse.Item], pairs: list[tuple[int, int]]) -> list[tuple]:
    """The links among pairs scored under statistics made of the items themselves, nothing kept."""
    stats = reuse_model.Statistics([i.text for i in items], [i.plan for i in items])
    cache = LineageCache(None)
    try:
        return _rows(graph._scored(items, pairs, cache, None, stats))
    finally:
        cache.close()


def _rows(links: list[textreuse.Reuse]) -> list[tuple]:
    return sorted((link.a, link.b, link.score, link.passages, link.drivers) for link in links)


def scored(items: list[textreuse.Item], pairs: list[tuple[int, int]], folder: Path) -> tuple[list[tuple], graph._Scorer]:
    """The links among pairs as lineage scores them with the store's folder (kept results read, the rest scored)."""
    cache = LineageCache(folder)
    try:
        scorer = graph._Scorer(items, cache, folder, False, None)
        links = scorer(pairs[: len(pairs) // 2]) + scorer(pairs[len(pairs) // 2 :])  # in two batches, as score_stated
        scorer.keep()
        return _rows(links), scorer
    finally:
        cache.close()


def test_results_kept_through_adds_removals_and_rewordings_are_those_scored_from_scratch(
    pool: list[str], tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(reuse_model, "SAMPLE", 2)
    rng = random.Random(18)
    plans = written(rng, pool, 16)
    loaded = {name: plans[name] for name in list(plans)[:8]}
    sample_before, kept_steps, linked = None, 0, 0
    for step in range(30):
        items = items_of(loaded)
        pairs = sorted(textreuse.candidate_pairs(items))
        got, scorer = scored(items, pairs, tmp_path)
        assert got == from_scratch(items, pairs), step
        sample = statistics.sample_digest([text_key(i.text) for i in items], [i.plan for i in items])
        # the results are kept while the sample stands (the first scoring keeps them): only the new pairs are scored
        assert (scorer.kept is not None) == (sample == sample_before), step
        if scorer.kept is not None:
            kept_steps += 1
            assert scorer.scored == sum(text_key(items[a].text) + text_key(items[b].text) not in scorer.kept for a, b in pairs)
            assert scorer.scored < len(pairs), step
            assert scorer.counts is not None and scorer.stats is None  # their texts alone weighed, under the kept counts
        sample_before, linked = sample, linked + len(got)
        kind = rng.choice(("add", "add", "remove", "reword"))
        absent = [name for name in plans if name not in loaded]
        if kind == "add" and absent:
            name = rng.choice(absent)
            loaded[name] = plans[name]
        elif kind == "remove" and len(loaded) > 2:
            del loaded[rng.choice(sorted(loaded))]
        else:  # a plan loaded again with one text replaced by another
            name = rng.choice(sorted(loaded))
            loaded[name] = [*loaded[name]]
            loaded[name][rng.randrange(1, len(loaded[name]))] = rng.choice(pool)
    assert kept_steps >= 15 and linked >= 1000, (kept_steps, linked)


def test_another_model_or_a_damaged_file_scores_every_pair(pool: list[str], tmp_path: Path, monkeypatch) -> None:
    rng = random.Random(7)
    items = items_of(written(rng, pool, 4))
    pairs = sorted(textreuse.candidate_pairs(items))
    expected = from_scratch(items, pairs)
    got, scorer = scored(items, pairs, tmp_path)
    assert got == expected and scorer.kept is None and scorer.scored == len(pairs)
    got, scorer = scored(items, pairs, tmp_path)
    assert got == expected and scorer.kept is not None and scorer.scored == 0
    monkeypatch.setattr(scores, "_model_digest", lambda: "a retrained model")
    got, scorer = scored(items, pairs, tmp_path)
    assert got == expected and scorer.kept is None and scorer.scored == len(pairs)
    assert scores.stamp("sample", None) != scores.stamp("sample", 0.5)
    monkeypatch.undo()
    stamped = scorer.stamp
    with np.load(tmp_path / scores.STATE_FILE) as f:
        arrays = {name: f[name] for name in f.files if name != "version"}
    arrays["features"] = arrays["features"].copy()
    arrays["features"][0, 0] = len(reuse_model.FEATURES)  # no feature: a damaged file under the right stamp
    kept.save(tmp_path / scores.STATE_FILE, arrays, stamped)
    assert scores.load(tmp_path, stamped) is None
    sample = tmp_path / statistics.SAMPLE_FILE
    with np.load(sample) as f:
        counts = {name: f[name] for name in f.files if name != "version"} | {"df4": f["df4"][1:]}
        version = str(f["version"])
    kept.save(sample, counts, version)
    assert statistics.standing(tmp_path, version.split()[-1]) is None
    (tmp_path / scores.STATE_FILE).write_bytes(b"not a file of results")
    got, scorer = scored(items, pairs[::2], tmp_path)
    assert got == from_scratch(items, pairs[::2]) and scorer.kept is None and scorer.scored == len(pairs[::2])
    (tmp_path / statistics.SAMPLE_FILE).write_bytes(b"not a file of counts")  # the results kept, the sample's counts not
    got, scorer = scored(items, pairs, tmp_path)
    assert got == expected and scorer.kept is not None and scorer.counts is None and scorer.stats is not None
    unkept = sum(text_key(items[a].text) + text_key(items[b].text) not in scorer.kept for a, b in pairs)
    assert 0 < scorer.scored == unkept < len(pairs)
