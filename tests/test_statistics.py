"""The copied-clause statistics kept up to date plan by plan are those counted from scratch, bit for bit.

kg/lineage/statistics.py keeps the document frequencies beside the lineage cache and adds or subtracts the grams of
the texts that came and went; a pair's features must be the same whichever way its statistics were made, or an
update would not be the graph a rebuild writes.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from plankg.lineage import reuse_model, statistics, textreuse
from plankg.lineage.cache import text_key


@pytest.fixture(scope="module")
def items(corpus_store) -> list[textreuse.Item]:
    from plankg.lineage.graph import reuse_items

    return reuse_items(corpus_store)[0]


@pytest.fixture(scope="module")
def termed(items) -> tuple[np.ndarray, list[bytes]]:
    """Candidate pairs of the corpus with a shared passage (the first 120, by IRI) and their pair terms."""
    pairs, terms = [], []
    for a, b in sorted(textreuse.candidate_pairs(items)):
        passages, longest = textreuse.compare_texts([(items[a].text, items[b].text)])[0]
        if passages:
            pairs.append((items[a].iri, items[b].iri))
            terms.append(reuse_model.pair_terms(items[a].text, items[b].text, list(passages), longest))
        if len(pairs) == 120:
            break
    return pairs, terms


def _grams(items: list[textreuse.Item]):
    made = {text_key(i.text): reuse_model.item_grams(i.text) for i in items}
    asked: list[list[bytes]] = []

    def grams(keys: list[bytes]) -> list[bytes]:
        asked.append(keys)
        return [made[k] for k in keys]

    return grams, asked


@pytest.mark.parametrize("least", [reuse_model.SAMPLE, 2])
def test_counts_kept_through_adds_removals_and_changes_are_those_counted_from_scratch(items, termed, least, monkeypatch) -> None:
    """A seeded sequence of sets of plans, some items' texts changed and one text written by a second item of the same
    plan and of another: after each, the counts brought up to date (and kept in a file and read back) are the counts
    of the sampled plans' items (all plans, or a sample of at least 2 of them), and the features of the pairs among
    them are the same bits as under statistics made from scratch."""
    monkeypatch.setattr(reuse_model, "SAMPLE", least)
    rng = random.Random(18)
    plans = sorted({i.plan for i in items})
    assert len(plans) == 5
    grams, asked = _grams(items + [_changed(i) for i in items])
    state = statistics.empty()
    pairs, terms = termed
    text = {i.iri: i.text for i in items}
    compared = 0
    for step in range(6):
        chosen = set(rng.sample(plans, rng.randint(1, 5)))
        now = [i for i in items if i.plan in chosen]
        if step % 2:  # some texts changed, and one written twice more
            now = [_changed(i) if n % 7 == 0 else i for n, i in enumerate(now)]
            now.append(textreuse.Item("copy-1", now[0].plan, "measure", now[3].text, now[3].source, now[3].start))
            now.append(textreuse.Item("copy-2", plans[0], "measure", now[3].text, now[3].source, now[3].start))
        keys = [text_key(i.text) for i in now]
        asked.clear()
        state = statistics.update(state, Counter(zip([i.plan for i in now], keys, strict=True)), grams)
        row = {k: n for n, k in enumerate(state.keys)}
        kept = reuse_model.Statistics.counted(state.counts, state.texts, np.array([row[k] for k in keys]))
        sampled = reuse_model.sample(i.plan for i in now)
        fresh = reuse_model.Statistics([i.text for i in now], [i.plan for i in now])
        for name in ("g4", "df4", "pdf4", "g2", "df2"):
            assert getattr(kept, name).tolist() == getattr(fresh, name).tolist(), (step, name)
        counted = [i for i in now if i.plan in sampled]
        assert (kept.items, kept.plans) == (len(counted), len(sampled)) == (fresh.items, fresh.plans)
        assert least == 2 or sampled == {i.plan for i in now}
        index = {i.iri: n for n, i in enumerate(now) if i.text == text.get(i.iri)}  # pairs of texts unchanged
        mine = [n for n, (a, b) in enumerate(pairs) if a in index and b in index]
        chosen_pairs = np.array([(index[pairs[n][0]], index[pairs[n][1]]) for n in mine], dtype=np.int64).reshape(-1, 2)
        chosen_terms = [terms[n] for n in mine]
        compared += len(mine)
        assert kept.features(chosen_terms, chosen_pairs).tobytes() == fresh.features(chosen_terms, chosen_pairs).tobytes()
        state = _kept_and_read(state)
    assert compared >= 100


def test_the_sample_is_of_the_plans_alone_and_grows_by_halves(monkeypatch) -> None:
    """At least SAMPLE plans (all when there are no more), chosen by their IRIs' digests alone: whatever the order,
    and a plan added outside it leaves it as it was, while the share kept halves as the plans double."""
    monkeypatch.setattr(reuse_model, "SAMPLE", 8)
    plans = [f"https://w3id.org/plankg/id/plan/p{n}" for n in range(200)]
    assert reuse_model.sample(plans[:8]) == set(plans[:8])
    sizes, outside = [], 0
    for n in range(9, 201):
        sampled = reuse_model.sample(plans[:n])
        assert sampled == reuse_model.sample(reversed(plans[:n])) and len(sampled) >= 8
        if plans[n - 1] not in sampled:
            assert sampled == reuse_model.sample(plans[: n - 1])
            outside += 1
        sizes.append(len(sampled))
    assert max(sizes[-20:]) < 32 and outside > 150  # about 200 / 2 ** 4 of the 200 plans in it


def test_only_the_texts_that_came_are_read(items) -> None:
    grams, asked = _grams(items)
    plans = sorted({i.plan for i in items})
    first = [i for i in items if i.plan != plans[2]]
    members = Counter((i.plan, text_key(i.text)) for i in first)
    state = statistics.update(statistics.empty(), members, grams)
    assert statistics.update(state, members, grams) is state  # nothing changed: nothing made
    asked.clear()
    everything = Counter((i.plan, text_key(i.text)) for i in items)
    statistics.update(state, everything, grams)
    expected = {text_key(i.text) for i in items if i.plan == plans[2]} - {text_key(i.text) for i in first}
    assert [set(keys) for keys in asked] == [expected]


def test_a_damaged_or_foreign_file_is_counted_again(items, tmp_path: Path, monkeypatch) -> None:
    grams, _ = _grams(items)
    keys, plans = [text_key(i.text) for i in items], [i.plan for i in items]
    fresh = statistics.statistics(keys, plans, grams, None)
    (tmp_path / statistics.STATE_FILE).write_bytes(b"not a file of counts")
    assert statistics.statistics(keys, plans, grams, tmp_path).df4.tolist() == fresh.df4.tolist()
    kept = statistics._load(tmp_path / statistics.STATE_FILE, statistics._version())
    assert kept is not None and kept.counts.df4.tolist() == fresh.df4.tolist()
    some = [n for n, i in enumerate(items) if i.plan != plans[0]]  # a plan gone: too few texts to write the file again
    fewer = statistics.statistics([keys[n] for n in some], [plans[n] for n in some], grams, tmp_path)
    assert (
        fewer.df4.tolist() == statistics.statistics([keys[n] for n in some], [plans[n] for n in some], grams, None).df4.tolist()
    )
    assert statistics._load(tmp_path / statistics.STATE_FILE, statistics._version()).counts.df4.tolist() == fresh.df4.tolist()
    monkeypatch.setattr(statistics, "_version", lambda: "other code")
    assert statistics._load(tmp_path / statistics.STATE_FILE, "other code") is None
    assert statistics.statistics(keys[:50], plans[:50], grams, tmp_path).items == 50


def _changed(item: textreuse.Item) -> textreuse.Item:
    """The item with its text reworded (a clause added)."""
    text = item.text + "健全农村留守老年人关爱服务体系。"
    return textreuse.Item(item.iri, item.plan, item.kind, text, item.source, item.start)


def _kept_and_read(state: statistics.Counted) -> statistics.Counted:
    """The counts written to a file and read back."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / statistics.STATE_FILE
        statistics._save(path, state, "v")
        again = statistics._load(path, "v")
    assert again is not None and again.members == state.members and again.keys == state.keys
    for name in ("four", "two", "counts", "at4", "at2", "ix4", "ix2"):
        assert getattr(again.texts, name).tolist() == getattr(state.texts, name).tolist(), name
    return again
