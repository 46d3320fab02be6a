"""The instruments' 4-gram document frequencies over every item, kept up to date as plans come and go.

How specific an instrument's name is (instruments.Specificity) is read from how many of the store's items write
each 4-gram of it. Counted from scratch that is a read of every item's 4-grams from the lineage cache and a sort of
all of them (over a second at a thousand plans), for every plan added. They are counts, so they are kept beside the
lineage cache (STATE_FILE) with what they count, how many items have each text, and a change of a few plans adds and
subtracts the 4-grams of the texts that came and went: the same integers as counting from scratch, hence the same
instruments.

The kept counts are a function of what they count: a missing, damaged or foreign file (of other code), or a text
gone whose 4-grams the cache no longer has, is counted again from scratch, and a full rebuild always counts from
scratch. The file is written again once SAVE_AFTER texts came or went since.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.lineage import kept
from plankg.lineage.statistics import _merged, _summed

if TYPE_CHECKING:
    import numpy as np

STATE_FILE = "lineage-instrument-grams.npz"  # beside the lineage cache, in the store's folder
KEY_BYTES = 20  # a text's key (cache.text_key)
SAVE_AFTER = 1_000  # texts come or gone since the kept counts from which they are kept again

# the 4-grams of texts by key (instruments.key_grams, as Specificity orders them: instruments._first_highest), of
# those whose grams are known or can be made
Grams = Callable[[list[bytes]], dict[bytes, "np.ndarray"]]


@dataclass
class GramCounts:
    """How many items have each text (texts), each 4-gram any of them has (grams, sorted) and how many items have it
    (df)."""

    texts: Counter[bytes]
    grams: np.ndarray
    df: np.ndarray


def counts(keys: list[bytes], grams: Grams, folder: Path | None, full: bool = False) -> GramCounts:
    """The counts of the items whose texts' keys are given: those kept in folder (None: none kept) brought up to
    date, or counted from scratch when there are none, a text gone has no grams known, or full."""
    version = _version()
    before = None if full or folder is None else _load(folder / STATE_FILE, version)
    now = Counter(keys)
    counted = _updated(before, now, grams) if before is not None else None
    if counted is None:
        counted, before = _counted(now, grams), None
    if folder is not None and (before is None or sum(map(abs, _change(before.texts, now).values())) >= SAVE_AFTER):
        _save(folder / STATE_FILE, counted, version)
    return counted


def _counted(texts: Counter[bytes], grams: Grams) -> GramCounts:
    """The counts of texts (each text's key -> how many items have it) from scratch."""
    import numpy as np

    keys = sorted(texts)
    found = grams(keys)
    joined = [found[k] for k in keys for _ in range(texts[k])]
    unique, df = np.unique(np.concatenate(joined) if joined else np.zeros(0, dtype=np.uint64), return_counts=True)
    return GramCounts(Counter(texts), unique, df.astype(np.int64))


def _change(before: Counter[bytes], now: Counter[bytes]) -> dict[bytes, int]:
    """Each text whose number of items changed, by how much."""
    return {k: d for k in before.keys() | now.keys() if (d := now.get(k, 0) - before.get(k, 0))}


def _updated(before: GramCounts, now: Counter[bytes], grams: Grams) -> GramCounts | None:
    """The counts of now from those of before: the 4-grams of each text whose number of items changed, times the
    change, added. None when the 4-grams of a text that changed are not known."""
    change = _change(before.texts, now)
    if not change:
        return before
    changed = sorted(change)
    found = grams(changed)
    if any(k not in found for k in changed):
        return None
    summed = _summed([found[k] for k in changed], [change[k] for k in changed], before.grams.dtype)
    try:
        kept, (df,), _ = _merged(before.grams, [before.df], [summed])
    except ValueError:  # a count fell below nothing: the kept counts are not of the texts they name
        return None
    return GramCounts(Counter(now), kept, df)


# ---------------------------------------------------------------- kept beside the cache


def _version() -> str:
    """The digest of the code the 4-grams are made by (the lineage cache's, kg/lineage/cache.py)."""
    from plankg.lineage.cache import versions

    return versions()["instrument-grams"]


def _load(path: Path, version: str) -> GramCounts | None:
    """The counts kept at path, None when there are none, they are damaged or other code made them."""
    return kept.load(path, version, _counts_of)


def _counts_of(arrays: Mapping[str, np.ndarray]) -> GramCounts:
    import numpy as np

    keys = [bytes(k) for k in arrays["keys"].reshape(-1, KEY_BYTES)]
    texts = Counter(dict(zip(keys, arrays["items"].tolist(), strict=True)))
    return GramCounts(texts, arrays["grams"], arrays["df"].astype(np.int64))


def _save(path: Path, counted: GramCounts, version: str) -> None:
    """Keep the counts at path."""
    import numpy as np

    keys = sorted(counted.texts)
    arrays = {
        "keys": np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, KEY_BYTES),
        "items": np.array([counted.texts[k] for k in keys], dtype=np.int32),
        "grams": counted.grams,
        "df": counted.df.astype(np.uint32),
    }
    kept.save(path, arrays, version)
