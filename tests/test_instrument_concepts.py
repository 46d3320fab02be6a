"""Instrument concepts updated where texts changed are those found from scratch, span for span.

kg/lineage/instrument_concepts.py keeps what each text's mentions tell and where each text names the shared names
beside the cache and, when plans come, go or change, makes again only the spans of the texts that came or whose names
are now shared otherwise. These tests add, remove and reword plans made of the bundled corpus' texts that name
instruments (plans copying each other's texts, so that names are shared) in a seeded random order and compare each
update with instruments.find of the same items.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from plankg.lineage import instrument_concepts, instruments
from plankg.lineage.cache import text_key


class Rows:
    """The mention rows of texts, made once each (what the lineage cache keeps), and which were asked for."""

    def __init__(self) -> None:
        self.made: dict[bytes, list] = {}
        self.asked: list[bytes] = []

    def add(self, texts: list[str]) -> None:
        for text in texts:
            if text_key(text) not in self.made:
                self.made[text_key(text)] = [m.row() for m in instruments.mentions(text)]

    def __call__(self, keys: list[bytes]) -> dict[bytes, list]:
        self.asked += keys
        return {k: self.made[k] for k in keys}


@pytest.fixture(scope="module")
def pool(corpus_store) -> list[str]:
    """Distinct texts of the bundled corpus' measures and projects that name an instrument, in a fixed order."""
    from plankg.lineage.graph import reuse_items

    texts = sorted({item.text for item in reuse_items(corpus_store)[0]})
    return [t for t in texts if instruments.mentions(t)][:400]


def plan_texts(rng: random.Random, pool: list[str], others: list[list[str]]) -> list[str]:
    """A plan's texts: some of its own, and some copied from plans written before (so that their names are shared)."""
    texts = rng.sample(pool, 15)
    for other in rng.sample(others, min(2, len(others))):
        texts += rng.sample(other, 5)
    return texts


def found_of(plans: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    """The texts and plans of the items of the plans loaded, in the order lineage sorts them."""
    items = sorted((name, n, text) for name, texts in plans.items() for n, text in enumerate(texts))
    return [text for _, _, text in items], [name for name, _, _ in items]


def test_concepts_updated_plan_by_plan_are_those_found_from_scratch(pool: list[str], tmp_path: Path) -> None:
    rng = random.Random(18)
    written: dict[str, list[str]] = {}
    for n in range(12):
        written[f"urn:plan{n}"] = plan_texts(rng, pool, list(written.values()))
    rows = Rows()
    rows.add([t for ts in written.values() for t in ts])
    loaded = {name: written[name] for name in list(written)[:6]}
    remade = []  # the share of the texts whose spans were made again at each update
    for step in range(25):
        texts, plans = found_of(loaded)
        specificity = instruments.Specificity(texts)
        rows.asked = []
        got = instrument_concepts.found(texts, plans, rows, specificity, tmp_path)
        named = [[instruments.Mention.from_row(r) for r in rows.made[text_key(t)]] for t in texts]
        expected = instruments.find(texts, plans, named, instruments.Specificity(texts))
        assert (got.shared, got.spans) == (expected.shared, expected.spans), step
        if step:
            remade.append(len(set(rows.asked)) / len(set(texts)))
        kind = rng.choice(("add", "add", "remove", "reword"))
        absent = [n for n in written if n not in loaded]
        if kind == "add" and absent:
            name = rng.choice(absent)
            loaded[name] = written[name]
        elif kind == "remove" and len(loaded) > 2:
            del loaded[rng.choice(sorted(loaded))]
        else:  # a plan loaded again with a text replaced by another plan's
            name = rng.choice(sorted(loaded))
            new = list(loaded[name])
            new[rng.randrange(len(new))] = rng.choice(pool)
            rows.add(new)
            loaded[name] = new
    assert expected.shared and max(remade) < 1 and sum(remade) / len(remade) < 0.5  # most texts' spans kept


def test_a_full_rebuild_or_a_damaged_or_foreign_file_finds_every_text_again(pool: list[str], tmp_path: Path) -> None:
    rng = random.Random(7)
    plans: dict[str, list[str]] = {}
    for n in range(4):
        plans[f"urn:plan{n}"] = plan_texts(rng, pool, list(plans.values()))
    texts, names = found_of(plans)
    rows = Rows()
    rows.add(texts)
    specificity = instruments.Specificity(texts)
    first = instrument_concepts.found(texts, names, rows, specificity, tmp_path)
    every = set(map(text_key, texts))
    for broken in ("full", "damaged", "foreign"):
        state = tmp_path / instrument_concepts.STATE_FILE
        if broken == "damaged":
            state.write_bytes(b"not a zip file")
        if broken == "foreign":
            instrument_concepts.kept.save(state, {}, "other code")
        rows.asked = []
        again = instrument_concepts.found(texts, names, rows, specificity, tmp_path, full=broken == "full")
        assert set(rows.asked) == every and (again.shared, again.spans) == (first.shared, first.spans), broken
    rows.asked = []
    instrument_concepts.found(texts, names, rows, specificity, tmp_path)
    assert not rows.asked  # nothing changed: every text's part kept
