"""The instrument concepts kept beside the lineage cache, and found again only where texts or shared names changed.

instruments.find reads every item's mentions for what they tell of the names shared across plans (instruments.Named:
their whole names, normal forms, the programmes they carry, their word tests), finds the names shared by two plans
and specific enough, and where each item names them. What mentions tell is a function of a text; where a text names
the shared names is a function of the text and of which of its normal forms are shared, by which plans, and of the
shorter names its whole names stand for (instruments.shorter_names). Both are kept by text (STATE_FILE) with the
shared names and shorter names the spans were made under, and an update
- gathers the kept Named of every item (made from the mentions of the texts that came) and finds the names shared as
  find does: the specificity moves with every plan, so every name is judged again, in one search (Specificity.prepare);
- makes the spans again of the texts that came, and of those one of whose normal forms is now shared otherwise (or a
  whole name stands for other shorter names); keeps the others';
- settles as find does (a name resolved in one plan only dropped, the spans of the texts it touches made again).
The result is find's (tests/test_instrument_concepts.py). A missing, damaged or foreign file (of other code) makes
every text's again, as does a full rebuild, which never reads it; the texts gone are forgotten.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.lineage import instruments, kept
from plankg.lineage.cache import text_key
from plankg.lineage.instruments import Found, Mention, Named, WordTest

if TYPE_CHECKING:
    import numpy as np

STATE_FILE = "lineage-instruments.npz"  # beside the lineage cache, in the store's folder

Rows = Callable[[list[bytes]], dict[bytes, list]]  # the mention rows (Mention.row) of texts, by their keys
Spans = list[tuple[str, int, int]]


@dataclass
class Kept:
    """What was found last: each text's Named (its word tests apart, in tests) and spans (by its key), the names shared
    and the shorter names they were made under, the head of each whole name (instruments._final_head) and the word
    test of each name tested (by name and whether it is a stem: a function of both)."""

    named: dict[bytes, Named]
    spans: dict[bytes, Spans]
    shared: dict[str, set[str]]
    shorter: dict[str, list[str]]
    heads: dict[str, str]
    tests: dict[tuple[str, bool], WordTest]


def found(
    texts: list[str],
    plans: list[str],
    rows: Rows,
    specificity: instruments.Specificity,
    folder: Path | None,
    full: bool = False,
) -> Found:
    """instruments.find of the items (their Simplified texts and plans): what is kept in folder (None: nothing kept)
    brought up to date, or found from scratch (full: always); kept for the next time. rows: the mention rows of
    texts, asked for those whose kept results cannot serve."""
    before = None if full or folder is None else _load(folder / STATE_FILE, _version())
    before = before or Kept({}, {}, {}, {}, {}, {})
    keys = [text_key(t) for t in texts]
    text_of = dict(zip(keys, texts, strict=True))
    mentions: dict[bytes, list[Mention]] = {}

    def mentions_of(wanted: list[bytes]) -> None:
        todo = [k for k in wanted if k not in mentions]
        mentions.update((k, [Mention.from_row(r) for r in found]) for k, found in rows(todo).items())

    mentions_of([k for k in text_of if k not in before.named])
    named = {k: before.named[k] if k in before.named else instruments.named_by(mentions[k]) for k in text_of}
    gathered = instruments.gather([named[k] for k in keys], plans)
    gathered.tests = {t: v for t, v in (before.tests | gathered.tests).items() if t[0] in gathered.plans}
    heads = {name: before.heads.get(name) or instruments._final_head(name) for name in gathered.writers}
    shorter = instruments.shorter_names(gathered.writers, heads.__getitem__)
    spans = {k: s for k, s in before.spans.items() if k in text_of and _same_shorter(named[k], before.shorter, shorter)}
    made_under = before.shared

    def spans_of(shared: dict[str, set[str]]) -> list[Spans]:
        nonlocal made_under
        changed = {k for k in made_under.keys() | shared.keys() if made_under.get(k) != shared.get(k)}
        todo = [k for k in text_of if k not in spans or not changed.isdisjoint(_depends(named[k], shorter))]
        mentions_of(todo)
        spans.update((k, instruments.item_spans(text_of[k], mentions[k], shorter, shared)) for k in todo)
        made_under = shared
        return [spans[k] for k in keys]

    result = instruments.settled(plans, instruments.shared_of(gathered, shorter, specificity), specificity, spans_of)
    if folder is not None:
        _save(folder / STATE_FILE, Kept(named, spans, made_under, shorter, heads, gathered.tests), _version())
    return result


def _same_shorter(named: Named, before: dict[str, list[str]], now: dict[str, list[str]]) -> bool:
    """Whether a text's whole names stand for the same shorter names as when its spans were made."""
    return all(sorted(before.get(w, ())) == sorted(now.get(w, ())) for w in named.whole)


def _depends(named: Named, shorter: dict[str, list[str]]) -> set[str]:
    """The names a text's spans depend on being shared, and by which plans: its normal forms, and the shorter names
    its whole names stand for."""
    return {*named.keys, *(s for w in named.whole for s in shorter.get(w, ()))}


# ---------------------------------------------------------------- kept beside the cache


def _version() -> str:
    """The digest of the code what is kept is made by (the lineage cache's, kg/lineage/cache.py)."""
    from plankg.lineage.cache import versions

    return versions()["instrument-concepts"]


def _load(path: Path, version: str) -> Kept | None:
    """What is kept at path, None when nothing is, it is damaged or other code made it."""
    return kept.load(path, version, _kept_of)


def _kept_of(arrays: Mapping[str, np.ndarray]) -> Kept:
    state = json.loads(arrays["state"].tobytes().decode("utf-8"))
    named = {
        bytes.fromhex(k): Named(tuple(whole), tuple(keys), tuple(map(tuple, carried)), ())
        for k, (whole, keys, carried) in state["named"].items()
    }
    spans = {bytes.fromhex(k): [(n, s, e) for n, s, e in found] for k, found in state["spans"].items()}
    shared = {k: set(p) for k, p in state["shared"].items()}
    tests = {(k, stem): instruments._tuples(test) for k, stem, test in state["tests"]}
    return Kept(named, spans, shared, state["shorter"], state["heads"], tests)


def _save(path: Path, found: Kept, version: str) -> None:
    """Keep what was found at path."""
    import numpy as np

    state = {
        "named": {k.hex(): [n.whole, n.keys, n.carried] for k, n in found.named.items()},
        "spans": {k.hex(): s for k, s in found.spans.items() if k in found.named},
        "shared": {k: sorted(p) for k, p in found.shared.items()},
        "shorter": found.shorter,
        "heads": found.heads,
        "tests": [[k, stem, test] for (k, stem), test in found.tests.items()],
    }
    kept.save(path, {"state": np.frombuffer(json.dumps(state, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)}, version)
