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

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.lineage import instruments, kept
from plankg.lineage.cache import text_key
from plankg.lineage.instruments import Found, Mention, WordTest

if TYPE_CHECKING:
    import numpy as np

STATE_FILE = "lineage-instruments.npz"  # beside the lineage cache, in the store's folder
KEY_BYTES = 20  # a text's key (cache.text_key)

Rows = Callable[[list[bytes]], dict[bytes, list]]  # the mention rows (Mention.row) of texts, by their keys
Spans = list[tuple[str, int, int]]


@dataclass
class Ragged:
    """Rows of numbers of several lengths: all in one array (flat), row n ending at ends[n]."""

    flat: np.ndarray  # int64
    ends: np.ndarray  # int64

    @classmethod
    def of(cls, rows: list[list[int]]) -> Ragged:
        import numpy as np

        flat = np.array([x for row in rows for x in row], dtype=np.int64)
        return cls(flat, np.cumsum([len(row) for row in rows], dtype=np.int64))

    def appended(self, rows: list[list[int]]) -> Ragged:
        import numpy as np

        more, total = Ragged.of(rows), int(self.ends[-1]) if len(self.ends) else 0
        return Ragged(np.concatenate([self.flat, more.flat]), np.concatenate([self.ends, more.ends + total]))

    def rows(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The numbers of the rows wanted (their positions), one row after the other, and which of wanted each is of."""
        import numpy as np

        starts = np.concatenate([[0], self.ends[:-1]]).astype(np.int64)[wanted]
        lengths = self.ends[wanted] - starts
        owner = np.repeat(np.arange(len(wanted)), lengths)
        at = np.arange(int(lengths.sum())) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return self.flat[at], owner

    def only(self, wanted: np.ndarray) -> Ragged:
        """The rows wanted, in that order."""
        import numpy as np

        flat, owner = self.rows(wanted)
        return Ragged(flat, np.cumsum(np.bincount(owner, minlength=len(wanted))).astype(np.int64))


@dataclass
class Kept:
    """What was found last: the strings it names, numbered (strings); each text's row (texts: by its key) of the whole
    names, normal forms and programmes carried (each with its head) of its Named, as numbers of strings, and its spans;
    the names shared and the shorter names the spans were made under; the head of each whole name
    (instruments._final_head); the word test of each name tested (by name and whether it is a stem: a function of
    both)."""

    strings: list[str]
    texts: dict[bytes, int]
    whole: Ragged
    keys: Ragged
    carried: Ragged  # a programme's number and its head's, in turn
    spans: dict[bytes, Spans]  # those of a text with none left out
    shared: dict[str, set[str]]
    shorter: dict[str, list[str]]
    heads: dict[str, str]
    tests: dict[tuple[str, bool], str]  # encoded (_encoded)


class _Tests(Mapping[tuple[str, bool], WordTest]):
    """Word tests kept encoded (_encoded), decoded when asked for: shared_of asks for those of a few thousand names."""

    def __init__(self, encoded: dict[tuple[str, bool], str]) -> None:
        self.encoded = encoded

    def __getitem__(self, tested: tuple[str, bool]) -> WordTest:
        code = self.encoded[tested]
        if code in _SIMPLE:
            return _SIMPLE[code]
        return tuple(tuple(group.split("\1")) for group in code.split("\2"))

    def __iter__(self) -> Iterator[tuple[str, bool]]:
        return iter(self.encoded)

    def __len__(self) -> int:
        return len(self.encoded)


_SIMPLE: dict[str, WordTest] = {"\3n": None, "\3t": True, "\3f": False}


def _encoded(test: WordTest) -> str:
    """A word test as a string: None, True or False, or its groups of words (no word has a control character)."""
    if isinstance(test, tuple):
        return "\2".join("\1".join(group) for group in test)
    return next(code for code, value in _SIMPLE.items() if value is test)


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
    import numpy as np

    keys = [text_key(t) for t in texts]
    text_of = dict(zip(keys, texts, strict=True))
    order = list(text_of)  # the distinct texts
    before = None if full or folder is None else _load(folder / STATE_FILE, _version())
    mentions: dict[bytes, list[Mention]] = {}
    state = _with_texts(before or _nothing(), order, rows, mentions)
    at = np.array([state.texts[k] for k in order], dtype=np.int64)
    gathered = _gathered(state, np.array([state.texts[k] for k in keys], dtype=np.int64), plans)
    heads = {name: state.heads.get(name) or instruments._final_head(name) for name in gathered.writers}
    shorter = instruments.shorter_names(gathered.writers, heads.__getitem__)
    number = {s: n for n, s in enumerate(state.strings)}
    kept_texts = before.texts if before else {}  # each with its spans, kept only when there are some
    spans = {k: state.spans.get(k, []) for k in order if k in kept_texts}
    moved = {w for w in state.shorter.keys() | shorter.keys() if sorted(state.shorter.get(w, ())) != sorted(shorter.get(w, ()))}
    for n in _touching(state.whole, at, moved, number):  # their names stand for other shorter names now
        spans.pop(order[n], None)
    made_under = state.shared

    def spans_of(shared: dict[str, set[str]]) -> list[Spans]:
        nonlocal made_under
        changed = {k for k in made_under.keys() | shared.keys() if made_under.get(k) != shared.get(k)}
        standing = {w for w, names in shorter.items() if not changed.isdisjoint(names)}
        touched = {*_touching(state.keys, at, changed, number), *_touching(state.whole, at, standing, number)}
        todo = [k for n, k in enumerate(order) if k not in spans or n in touched]
        wanted = [k for k in todo if k not in mentions]
        mentions.update((k, [Mention.from_row(r) for r in found]) for k, found in rows(wanted).items())
        spans.update((k, instruments.item_spans(text_of[k], mentions[k], shorter, shared)) for k in todo)
        made_under = shared
        return [spans[k] for k in keys]

    result = instruments.settled(plans, instruments.shared_of(gathered, shorter, specificity), specificity, spans_of)
    if folder is not None:  # the tests of names no text has any more are not kept
        state.spans, state.shared, state.shorter, state.heads = spans, made_under, shorter, heads
        state.tests = {t: state.tests[t] for t in gathered.tests}
        _save(folder / STATE_FILE, state, order, _version())
    return result


def _nothing() -> Kept:
    """What is kept before anything was found."""
    import numpy as np

    empty = Ragged(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    return Kept([], {}, empty, empty, empty, {}, {}, {}, {}, {})


def _with_texts(state: Kept, texts: list[bytes], rows: Rows, mentions: dict[bytes, list[Mention]]) -> Kept:
    """state with a row for each of texts (their keys) it has none for, made from their mentions (rows), which are left
    in mentions, and their word tests."""
    new = [k for k in texts if k not in state.texts]
    if not new:
        return state
    mentions.update((k, [Mention.from_row(r) for r in found]) for k, found in rows(new).items())
    named = [instruments.named_by(mentions[k]) for k in new]
    number = {s: n for n, s in enumerate(state.strings)}

    def numbers(strings: tuple[str, ...]) -> list[int]:
        return [number.setdefault(s, len(number)) for s in strings]

    whole = state.whole.appended([numbers(n.whole) for n in named])
    keys = state.keys.appended([numbers(n.keys) for n in named])
    carried = state.carried.appended([numbers(tuple(x for pair in n.carried for x in pair)) for n in named])
    tests = dict(state.tests)
    for n in named:
        tests.update(((k, stem), _encoded(test)) for k, stem, test in n.tests)
    rows_of = state.texts | {k: len(state.texts) + n for n, k in enumerate(new)}
    return Kept(list(number), rows_of, whole, keys, carried, state.spans, state.shared, state.shorter, state.heads, tests)


def _gathered(state: Kept, items: np.ndarray, plans: list[str]) -> instruments.Gathered:
    """instruments.gather of the items (the rows of their texts in state, their plans), but for the normal forms one
    plan writes that are no whole name (shared_of reads nothing of them): made in arrays, then sets for what is left."""
    import numpy as np

    names = sorted(set(plans))
    index = {p: n for n, p in enumerate(names)}
    plan = np.array([index[p] for p in plans], dtype=np.int64)
    width = max(len(names), 1)

    def pairs(ragged: Ragged) -> tuple[np.ndarray, np.ndarray]:
        flat, owner = ragged.rows(items)
        code = np.unique(flat * width + plan[owner])
        return code // width, code % width

    written, by = pairs(state.whole)
    key, of = pairs(state.keys)
    numbers, counts = np.unique(key, return_counts=True)
    named = np.union1d(numbers[counts >= 2], written)  # a name shared_of may judge: of two plans, or a whole name
    wanted = np.isin(key, named)
    flat, owner = state.carried.rows(items)
    judged = np.isin(flat[0::2], named)
    code = np.unique((flat[0::2][judged] * len(state.strings) + flat[1::2][judged]) * width + plan[owner[0::2][judged]])
    carried, carrier = code // width, code % width
    strings = state.strings
    gathered = instruments.Gathered({}, {}, {}, {})
    for k, p in zip(written.tolist(), by.tolist(), strict=True):
        gathered.writers.setdefault(strings[k], set()).add(names[p])
    for k, p in zip(key[wanted].tolist(), of[wanted].tolist(), strict=True):
        gathered.plans.setdefault(strings[k], set()).add(names[p])
    for c, p in zip(carried.tolist(), carrier.tolist(), strict=True):
        gathered.carried.setdefault(strings[c // len(strings)], set()).add((names[p], strings[c % len(strings)]))
    present = {strings[k] for k in numbers.tolist()}
    gathered.tests = _Tests({t: v for t, v in state.tests.items() if t[0] in present})
    return gathered


def _touching(ragged: Ragged, at: np.ndarray, names: set[str], number: dict[str, int]) -> list[int]:
    """Which of the rows at (their positions in it) have a number of one of names."""
    import numpy as np

    wanted = [number[k] for k in names if k in number]
    if not wanted:
        return []
    flat, owner = ragged.rows(at)
    return np.unique(owner[np.isin(flat, wanted)]).tolist()


# ---------------------------------------------------------------- kept beside the cache


def _version() -> str:
    """The digest of the code what is kept is made by (the lineage cache's, kg/lineage/cache.py)."""
    from plankg.lineage.cache import versions

    return versions()["instrument-concepts"]


def _load(path: Path, version: str) -> Kept | None:
    """What is kept at path, None when nothing is, it is damaged or other code made it."""
    return kept.load(path, version, _kept_of)


def _kept_of(arrays: Mapping[str, np.ndarray]) -> Kept:
    import numpy as np

    strings = arrays["strings"].tobytes().decode("utf-8").split("\0") if len(arrays["strings"]) else []

    def ragged(name: str) -> Ragged:
        return Ragged(arrays[name].astype("int64"), arrays[name + "-ends"].astype("int64"))

    def lists(name: str) -> list[tuple[str, ...]]:
        """The rows of a ragged array of strings' numbers as tuples of strings."""
        flat = [strings[n] for n in arrays[name].tolist()]
        bounds = [0, *arrays[name + "-ends"].tolist()]
        return [tuple(flat[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]

    texts = [bytes(k) for k in arrays["texts"]]
    at = arrays["spans"].tolist()
    ends = arrays["spans-ends"].tolist()
    starts = [0, *ends[:-1]]
    spanned = np.flatnonzero(np.diff([0, *ends])).tolist()
    spans = {texts[n]: [(strings[k], s, e) for k, s, e in at[starts[n] : ends[n]]] for n in spanned}
    tested = zip(arrays["tested"].tolist(), arrays["stems"].tolist(), arrays["tests"].tolist(), strict=True)
    return Kept(
        strings,
        {k: n for n, k in enumerate(texts)},
        ragged("whole"),
        ragged("keys"),
        ragged("carried"),
        spans,
        {names[0]: set(names[1:]) for names in lists("shared")},
        {names[0]: list(names[1:]) for names in lists("shorter")},
        {name: head for name, head in lists("heads")},
        {(strings[k], bool(stem)): strings[v] for k, stem, v in tested},
    )


def _save(path: Path, state: Kept, texts: list[bytes], version: str) -> None:
    """Keep the state of texts (their keys) at path: the strings in one table, strings elsewhere as their numbers."""
    import numpy as np

    at = np.array([state.texts[k] for k in texts], dtype=np.int64)
    rows = {name: getattr(state, name).only(at) for name in ("whole", "keys", "carried")}
    used = np.unique(np.concatenate([r.flat for r in rows.values()]))  # the strings of texts gone are not kept
    number = {state.strings[n]: m for m, n in enumerate(used.tolist())}

    def numbered(name: str, strings: list[tuple[str, ...]]) -> dict[str, np.ndarray]:
        flat = [number.setdefault(x, len(number)) for row in strings for x in row]
        return {name: np.array(flat, dtype=np.int32), name + "-ends": np.cumsum([len(r) for r in strings], dtype=np.int64)}

    arrays = {"texts": np.frombuffer(b"".join(texts), dtype=np.uint8).reshape(-1, KEY_BYTES)}
    for name, ragged in rows.items():
        arrays |= {name: np.searchsorted(used, ragged.flat).astype(np.int32), name + "-ends": ragged.ends}
    spans = [state.spans[k] for k in texts]
    arrays["spans"] = np.array([(number.setdefault(n, len(number)), s, e) for r in spans for n, s, e in r], dtype=np.int64)
    arrays["spans"] = arrays["spans"].reshape(-1, 3)
    arrays["spans-ends"] = np.cumsum([len(r) for r in spans], dtype=np.int64)
    arrays |= numbered("shared", [(k, *sorted(p)) for k, p in state.shared.items()])
    arrays |= numbered("shorter", [(k, *names) for k, names in state.shorter.items()])
    arrays |= numbered("heads", list(state.heads.items()))
    arrays["tested"] = np.array([number.setdefault(k, len(number)) for k, _stem in state.tests], dtype=np.int32)
    arrays["stems"] = np.array([stem for _k, stem in state.tests], dtype=np.bool_)
    arrays["tests"] = np.array([number.setdefault(v, len(number)) for v in state.tests.values()], dtype=np.int32)
    arrays["strings"] = np.frombuffer("\0".join(number).encode("utf-8"), dtype=np.uint8)
    kept.save(path, arrays, version)
