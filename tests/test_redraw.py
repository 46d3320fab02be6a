"""Candidate pairs drawn again only where items changed are the pairs drawn from scratch, pair for pair.

kg/lineage/redraw.py keeps the pairs last drawn beside the cache and, when plans come, go or change, draws again only
the buckets the changed items fall in. These tests add, remove and reword plans of a small hierarchy (texts of the
bundled corpus, a formula every plan writes, children copying their parents) in a seeded random order and compare
each update with textreuse.candidate_codes of the same items.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from plankg.lineage import fingerprints, redraw, textreuse
from plankg.lineage.cache import text_key

# region -> its parent region: a nation, three provinces, two prefectures each, a county under each prefecture
PARENT = {"N": None, **{p: "N" for p in ("P1", "P2", "P3")}}
PARENT.update({f"{p}C{k}": p for p in ("P1", "P2", "P3") for k in (1, 2)})
PARENT.update({f"{c}X": c for c in list(PARENT) if "C" in c})


def chain(region: str | None) -> tuple[str, ...]:
    found: list[str] = []
    while region is not None:
        found.append(region)
        region = PARENT[region]
    return tuple(found)


class Texts:
    """The signatures and run hashes of texts, made once each (what the lineage cache keeps)."""

    def __init__(self) -> None:
        self.signed: dict[bytes, bytes] = {}
        self.hashed: dict[bytes, bytes] = {}

    def add(self, texts: list[str]) -> None:
        new = [t for t in dict.fromkeys(texts) if text_key(t) not in self.signed]
        for t, s in zip(new, fingerprints.signatures(new), strict=True):
            self.signed[text_key(t)] = s
            self.hashed[text_key(t)] = fingerprints.run_hashes(t)

    def of(self, items: list[textreuse.Item], asked: list[list[int]]) -> redraw.Texts:
        """The signatures and run hashes of items by position (redraw.Texts), the positions asked for recorded."""

        def texts(positions):
            asked.append(list(positions))
            keys = [text_key(items[n].text) for n in positions]
            return [self.signed[k] for k in keys], [self.hashed[k] for k in keys]

        return texts

    def known(self, keys: list[bytes]) -> tuple[dict[bytes, bytes], dict[bytes, bytes]]:
        return {k: self.signed[k] for k in keys if k in self.signed}, {k: self.hashed[k] for k in keys if k in self.hashed}


@pytest.fixture(scope="module")
def pool(corpus_store) -> list[str]:
    """Distinct measure texts of the bundled corpus, in a fixed order."""
    from plankg.lineage.graph import reuse_items

    return sorted({item.text for item in reuse_items(corpus_store)[0] if item.kind == "measure"})


def plan_texts(rng: random.Random, pool: list[str], parent: list[str] | None, formula: str) -> list[str]:
    """A plan's item texts: a formula every plan writes, some of its parent's texts copied (a few with a clause added),
    and texts of its own."""
    texts = [formula] + rng.sample(pool, 12)
    for text in parent or []:
        if text != formula and rng.random() < 0.5:
            texts.append(text + "，加强督促检查" if rng.random() < 0.2 else text)
    return texts


def items_of(plans: dict[str, tuple[str | None, list[str]]]) -> tuple[list[textreuse.Item], textreuse.Places]:
    """The items of the plans loaded (name -> region, texts) in the order lineage sorts them, and their places."""
    items = sorted(
        (
            textreuse.Item(f"urn:{name}/item/{k}", f"urn:{name}", "measure", text, f"urn:{name}/source", k * 100)
            for name, (_, texts) in plans.items()
            for k, text in enumerate(texts)
        ),
        key=lambda i: (i.plan, i.start, i.iri),
    )
    deepest = max(len(chain(r)) for r, _ in plans.values() if r) if any(r for r, _ in plans.values()) else 1
    regions = {f"urn:{name}": region for name, (region, _) in plans.items()}
    rank = [len(chain(regions[i.plan])) - 1 if regions[i.plan] else deepest for i in items]
    return items, textreuse.Places(rank, [chain(regions[i.plan]) for i in items])


def test_pairs_updated_plan_by_plan_are_those_drawn_from_scratch(pool: list[str], tmp_path: Path, monkeypatch) -> None:
    rng = random.Random(18)
    formula = pool[0]
    written: dict[str, list[str]] = {}  # region -> the texts of its plan as first written
    for region in PARENT:  # parents first
        parent = PARENT[region]
        written[region] = plan_texts(rng, pool, written[parent] if parent else None, formula)
    written["none"] = plan_texts(rng, pool, written["P2C1"], formula)  # a plan stating no region
    texts = Texts()
    texts.add([t for ts in written.values() for t in ts])
    updates, checks = [], []
    spy_updated, spy_codes = redraw._updated, redraw._Search.codes
    monkeypatch.setattr(redraw, "_updated", lambda *a: updates.append(r := spy_updated(*a)) or r)
    monkeypatch.setattr(redraw._Search, "codes", lambda self, *a, **k: checks.append("involved" in k) or spy_codes(self, *a, **k))
    loaded: dict[str, tuple[str | None, list[str]]] = {}
    asked: list[list[int]] = []
    before: set[int] = set()
    parts: list[int] = []  # the parts of the buckets' entries after each step
    names = list(written)
    for name in names[:8]:
        loaded[name] = (None if name == "none" else name, written[name])
    for step in range(30):
        items, places = items_of(loaded)
        signed = [texts.signed[text_key(i.text)] for i in items]
        hashed = [texts.hashed[text_key(i.text)] for i in items]
        got = redraw.candidates(items, texts.of(items, asked), places, tmp_path, texts.known)
        assert np.array_equal(got, textreuse.candidate_codes(items, signed, hashed, places)), step
        marks = redraw.mark(items, places).tolist()
        came = [n for n, m in enumerate(marks) if m not in before]
        # the first update makes every item's entries; the others read the texts of the items that came (and of those
        # whose pairs are checked), not every item's
        assert (asked[0] if asked else []) == (came if step else list(range(len(items)))), step
        asked.clear()
        before = set(marks)
        index = redraw.buckets.load(tmp_path, redraw._version(), np.array(marks, dtype=np.uint64))
        assert not len(index.missing()) and len(index.parts) <= redraw.buckets.MOST_PARTS + 1, step
        parts.append(len(index.parts))
        kind = rng.choice(("add", "add", "remove", "reword"))
        absent = [n for n in names if n not in loaded]
        if kind == "add" and absent:
            name = rng.choice(absent)
            loaded[name] = (None if name == "none" else name, written[name])
        elif kind == "remove" and len(loaded) > 2:
            del loaded[rng.choice(sorted(loaded))]
        else:  # a plan loaded again with one text replaced by another plan's
            name = rng.choice(sorted(loaded))
            region, old = loaded[name]
            new = list(old)
            new[rng.randrange(1, len(new))] = rng.choice(pool)
            texts.add(new)
            loaded[name] = (region, new)
    assert len(updates) == 29 and all(u is not None for u in updates)  # each drawn again where it changed, none all over
    assert any(checks)  # and some kept pairs checked against the buckets no change touched
    assert any(a > b for a, b in zip(parts, parts[1:], strict=False))  # and the parts of the entries merged


def test_a_full_rebuild_a_missing_file_or_an_unknown_text_gone_draws_every_pair(pool: list[str], tmp_path: Path) -> None:
    plans = {"N": ("N", pool[:10]), "P1": ("P1", pool[5:15]), "P2": ("P2", pool[8:20])}
    texts = Texts()
    texts.add(pool[:20])
    items, places = items_of(plans)
    signed = [texts.signed[text_key(i.text)] for i in items]
    hashed = [texts.hashed[text_key(i.text)] for i in items]
    expected = textreuse.candidate_codes(items, signed, hashed, places)
    assert np.array_equal(redraw.candidates(items, texts.of(items, []), places, tmp_path, texts.known), expected)
    state = tmp_path / redraw.STATE_FILE
    kept = redraw._load(state, redraw._version())
    assert kept is not None and np.array_equal(kept.codes, expected)
    del plans["P2"]
    fewer, fewer_places = items_of(plans)
    some = [texts.signed[text_key(i.text)] for i in fewer]
    runs = [texts.hashed[text_key(i.text)] for i in fewer]
    nothing_known = lambda keys: ({}, {})  # noqa: E731
    marks = redraw.mark(fewer, fewer_places)
    index = redraw.buckets.load(tmp_path, redraw._version(), marks)
    assert len(index.parts) == 1 and not len(index.missing())
    assert redraw._updated(kept, marks, fewer, texts.of(fewer, []), fewer_places, nothing_known, index) is None
    for f in tmp_path.glob("lineage-buckets-*-lsh_keys.npy"):
        f.write_bytes(b"damaged")
    assert not redraw.buckets.load(tmp_path, redraw._version(), marks).parts
    state.write_bytes(b"not a zip file")
    assert redraw._load(state, redraw._version()) is None
    assert redraw._load(tmp_path / "missing.npz", redraw._version()) is None
    assert np.array_equal(
        redraw.candidates(fewer, texts.of(fewer, []), fewer_places, tmp_path, nothing_known),
        textreuse.candidate_codes(fewer, some, runs, fewer_places),
    )
