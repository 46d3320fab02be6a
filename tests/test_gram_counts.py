"""The instruments' 4-gram counts kept up to date plan by plan are those counted from scratch, integer for integer.

kg/lineage/gram_counts.py keeps how many items write each 4-gram beside the lineage cache and adds or subtracts the
4-grams of the texts that came and went; an instrument's specificity must be the same whichever way its counts were
made, or an update would not be the graph a rebuild writes.
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from plankg.lineage import gram_counts, instruments, textreuse
from plankg.lineage.cache import text_key


@pytest.fixture(scope="module")
def items(corpus_store) -> list[textreuse.Item]:
    from plankg.lineage.graph import reuse_items, target_items

    return reuse_items(corpus_store)[0] + target_items(corpus_store)


def _grams(items: list[textreuse.Item]):
    """The grams of the items' texts by key, and the keys asked for at each call."""
    made = {text_key(i.text): instruments.counted_grams(instruments.key_grams(i.text)) for i in items}
    asked: list[set[bytes]] = []

    def grams(keys: list[bytes]) -> dict:
        asked.append(set(keys))
        return {k: made[k] for k in keys if k in made}

    return grams, asked


def _as_specificity(texts: list[str]) -> tuple[list[int], list[int]]:
    """The 4-grams and their counts as Specificity makes them from the texts themselves."""
    specificity = instruments.Specificity(texts)
    return specificity.grams.tolist(), specificity.df.tolist()


def _counted(counts: gram_counts.GramCounts) -> tuple[list[int], list[int]]:
    return counts.grams.tolist(), counts.df.tolist()


@pytest.mark.parametrize("save_after", [1, gram_counts.SAVE_AFTER])
def test_counts_kept_through_adds_and_removals_are_those_counted_from_scratch(
    items, tmp_path: Path, monkeypatch, save_after: int
) -> None:
    """A seeded sequence of sets of plans, one text written by a second item: after each, the counts brought up to
    date from the file (written again after each change, or kept from the first) are the counts Specificity makes of
    the items' texts, and only the texts whose number of items differs from the file's are asked for."""
    monkeypatch.setattr(gram_counts, "SAVE_AFTER", save_after)
    rng = random.Random(18)
    plans = sorted({i.plan for i in items})
    assert len(plans) == 5
    twice = items + [items[0]]
    grams, asked = _grams(items)
    for _ in range(6):
        chosen = set(rng.sample(plans, rng.randint(1, 5)))
        now = [i for i in twice if i.plan in chosen]
        kept = gram_counts._load(tmp_path / gram_counts.STATE_FILE, gram_counts._version())
        asked.clear()
        counts = gram_counts.counts([text_key(i.text) for i in now], grams, tmp_path)
        assert _counted(counts) == _as_specificity([i.text for i in now])
        keys = Counter(text_key(i.text) for i in now)
        before = kept.texts if kept else Counter()
        assert asked == [{k for k in keys | before if keys[k] != before[k]}]


def test_a_damaged_foreign_or_unknown_file_is_counted_again(items, tmp_path: Path, monkeypatch) -> None:
    """A file that is no counts, counts of other code, or counts of a text gone whose grams are no longer known:
    counted from scratch, the same counts."""
    grams, _ = _grams(items)
    keys = [text_key(i.text) for i in items]
    expected = _as_specificity([i.text for i in items])
    (tmp_path / gram_counts.STATE_FILE).write_bytes(b"not a file of counts")
    assert _counted(gram_counts.counts(keys, grams, tmp_path)) == expected
    kept = gram_counts._load(tmp_path / gram_counts.STATE_FILE, gram_counts._version())
    assert kept is not None and _counted(kept) == expected
    assert gram_counts._load(tmp_path / gram_counts.STATE_FILE, "other code") is None
    forgotten = {text_key(items[0].text)}

    def forgetting(wanted: list[bytes]) -> dict:
        return {k: v for k, v in grams(wanted).items() if k not in forgotten}

    fewer = [i for i in items if text_key(i.text) not in forgotten]
    counts = gram_counts.counts([text_key(i.text) for i in fewer], forgetting, tmp_path)
    assert _counted(counts) == _as_specificity([i.text for i in fewer])
    monkeypatch.setattr(gram_counts, "_version", lambda: "other code")
    assert _counted(gram_counts.counts(keys[:40], grams, tmp_path)) == _as_specificity([i.text for i in items[:40]])
