"""The (bucket, item) entries of the text-reuse search kept beside the lineage cache, sorted by bucket, so that an
update of the candidate pairs (kg/lineage/redraw.py) finds the entries of the few buckets that changed without making
every item's: some fifteen million entries at a thousand plans, made from every text's signatures and run hashes
(reading those from the cache and sorting them cost seconds).

An item's entries are a function of its text (textreuse.lsh_entries, textreuse.run_entries), and its mark
(redraw.mark) says which item it is. The entries are kept in parts, each of the items of some marks, sorted by
bucket; an update adds a part of the items no part holds, and reads only the wanted buckets' entries of each part
(a binary search in the arrays mapped from their files). The entries of items gone stay until they are a quarter of
all, when the parts are merged into one of the items there are; small parts are merged when there are many.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.lineage import kept, textreuse

if TYPE_CHECKING:
    import numpy as np

INDEX_FILE = "lineage-buckets.npz"  # beside the lineage cache: the names of the parts, with the code's version
ARRAYS = ("marks", "sizes", "lsh_keys", "lsh_owners", "run_keys", "run_owners")  # a part's arrays, one .npy file each
MOST_PARTS = 8  # parts past the first before they are merged into one
MOST_GONE = 0.25  # the share of the entries that may be of items gone before the parts are merged


@dataclass
class Part:
    """The entries of the items of some marks: their buckets' keys sorted (uint64), each with its item's position
    among the marks (uint32); sizes: the number of entries of each item."""

    name: str
    marks: np.ndarray
    sizes: np.ndarray
    lsh_keys: np.ndarray
    lsh_owners: np.ndarray
    run_keys: np.ndarray
    run_owners: np.ndarray
    stored: bool = False  # read from its files (else to be written)


def part(marks: np.ndarray, signed: list[bytes], hashed: list[bytes]) -> Part:
    """The part of the items marked marks (distinct), of these signatures and run hashes."""
    import numpy as np

    lsh = [*textreuse.lsh_entries(signed)]
    lsh_keys = np.concatenate([np.zeros(0, dtype=np.uint64), *(k for k, _ in lsh)])
    lsh_owners = np.concatenate([np.zeros(0, dtype=np.int64), *(o for _, o in lsh)])
    run_keys, run_owners = textreuse.run_entries(hashed)
    sizes = np.bincount(lsh_owners, minlength=len(marks)) + np.bincount(run_owners, minlength=len(marks))
    return _sorted_part(marks, sizes, lsh_keys, lsh_owners, run_keys, run_owners)


def _sorted_part(marks, sizes, lsh_keys, lsh_owners, run_keys, run_owners) -> Part:  # noqa: ANN001
    import numpy as np

    lsh, runs = np.argsort(lsh_keys, kind="stable"), np.argsort(run_keys, kind="stable")
    return Part(
        secrets.token_hex(8),
        np.asarray(marks, dtype=np.uint64),
        np.asarray(sizes, dtype=np.uint32),
        lsh_keys[lsh],
        lsh_owners[lsh].astype(np.uint32),
        run_keys[runs].astype(np.uint64),
        run_owners[runs].astype(np.uint32),
    )


class Index:
    """The parts kept, read against the items there are now (their marks): which are in no part, and the entries
    of buckets wanted, numbered as the items are now."""

    def __init__(self, parts: list[Part], marks: np.ndarray) -> None:
        import numpy as np

        self.parts, self.marks = parts, marks
        self.order = np.argsort(marks)
        self.now = [self._positions(p.marks) for p in parts]
        self.changed = False

    def _positions(self, marks: np.ndarray) -> np.ndarray:
        """The position among the items now of each mark (-1: no such item)."""
        import numpy as np

        now = np.full(len(marks), -1, dtype=np.int64)
        if not len(marks) or not len(self.marks):
            return now
        sorted_marks = self.marks[self.order]
        at = np.minimum(np.searchsorted(sorted_marks, marks), len(self.marks) - 1)
        same = sorted_marks[at] == marks
        now[same] = self.order[at[same]]
        return now

    def missing(self) -> np.ndarray:
        """The positions of the items no part holds."""
        import numpy as np

        held = np.zeros(len(self.marks), dtype=bool)
        for now in self.now:
            held[now[now >= 0]] = True
        return np.flatnonzero(~held)

    def add(self, positions: np.ndarray, signed: list[bytes], hashed: list[bytes]) -> None:
        """Hold the items at positions (in no part), of these signatures and run hashes."""
        if len(positions):
            self._append(part(self.marks[positions], signed, hashed))

    def _append(self, new: Part) -> None:
        self.parts.append(new)
        self.now.append(self._positions(new.marks))
        self.changed = True

    def entries(self, kind: str, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The entries (keys, items numbered as now) of the buckets wanted (sorted, distinct) of kind "lsh" or "run"."""
        import numpy as np

        keys, owners = [np.zeros(0, dtype=np.uint64)], [np.zeros(0, dtype=np.int64)]
        for p, now in zip(self.parts, self.now, strict=True):
            part_keys = getattr(p, f"{kind}_keys")
            low = np.searchsorted(part_keys, wanted, side="left")
            count = np.searchsorted(part_keys, wanted, side="right") - low
            at = np.repeat(low - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
            there = now[np.asarray(getattr(p, f"{kind}_owners")[at], dtype=np.int64)]
            keys.append(np.asarray(part_keys[at])[there >= 0])
            owners.append(there[there >= 0])
        return np.concatenate(keys), np.concatenate(owners)

    def tidied(self) -> Index:
        """The index with its parts merged when those of items gone hold a quarter of the entries (all into one), or
        there are more than MOST_PARTS past the first (those into one)."""
        gone = sum(int(p.sizes[now < 0].sum()) for p, now in zip(self.parts, self.now, strict=True))
        every = sum(int(p.sizes.sum()) for p in self.parts)
        if gone > MOST_GONE * every:
            return self._merged(0)
        if len(self.parts) > MOST_PARTS + 1:
            return self._merged(1)
        return self

    def _merged(self, first: int) -> Index:
        """The index with the parts from first on merged into one of the items there are."""
        import numpy as np

        chosen = list(zip(self.parts[first:], self.now[first:], strict=True))
        held = np.concatenate([now[now >= 0] for _, now in chosen] + [np.zeros(0, dtype=np.int64)])
        held = np.unique(held)
        renumber = np.full(len(self.marks), -1, dtype=np.int64)
        renumber[held] = np.arange(len(held))
        arrays: dict[str, np.ndarray] = {"sizes": np.zeros(len(held), dtype=np.int64)}
        for kind in ("lsh", "run"):
            keys, owners = [np.zeros(0, dtype=np.uint64)], [np.zeros(0, dtype=np.int64)]
            for p, now in chosen:
                there = now[np.asarray(getattr(p, f"{kind}_owners"), dtype=np.int64)]
                keys.append(np.asarray(getattr(p, f"{kind}_keys"))[there >= 0])
                owners.append(renumber[there[there >= 0]])
            arrays[f"{kind}_keys"], arrays[f"{kind}_owners"] = np.concatenate(keys), np.concatenate(owners)
            arrays["sizes"] += np.bincount(arrays[f"{kind}_owners"], minlength=len(held))
        merged = _sorted_part(self.marks[held], arrays.pop("sizes"), *arrays.values())
        index = Index(self.parts[:first], self.marks)
        index._append(merged)
        return index

    def save(self, folder: Path, version: str) -> None:
        """Keep the parts in folder (the new ones written, then their list replaced at once, then the files of parts
        no longer listed removed)."""
        import numpy as np

        for p in self.parts:
            if not p.stored:
                for name in ARRAYS:
                    _write(folder / _file(p.name, name), getattr(p, name))
                p.stored = True
        kept.save(folder / INDEX_FILE, {"parts": np.array([p.name for p in self.parts] or [""])}, version)
        listed = {_file(p.name, name) for p in self.parts for name in ARRAYS}
        for f in folder.glob("lineage-buckets-*.npy"):
            if f.name not in listed:
                f.unlink(missing_ok=True)


def load(folder: Path, version: str, marks: np.ndarray) -> Index:
    """The parts kept in folder, read against the items marked marks now; none when there are none, a file is
    missing or damaged, or other code made them."""
    parts = kept.load(folder / INDEX_FILE, version, lambda f: [str(n) for n in f["parts"] if str(n)]) or []
    try:
        return Index([_read(folder, name) for name in parts], marks)
    except (OSError, ValueError):
        return Index([], marks)


def _read(folder: Path, name: str) -> Part:
    import numpy as np

    arrays = {a: np.load(folder / _file(name, a), mmap_mode="r", allow_pickle=False) for a in ARRAYS}
    if len(arrays["lsh_keys"]) != len(arrays["lsh_owners"]) or len(arrays["run_keys"]) != len(arrays["run_owners"]):
        raise ValueError(name)
    return Part(name, np.asarray(arrays.pop("marks")), np.asarray(arrays.pop("sizes")), **arrays, stored=True)


def _file(part_name: str, array: str) -> str:
    return f"lineage-buckets-{part_name}-{array}.npy"


def _write(path: Path, array: np.ndarray) -> None:
    """One array at path, written whole before it takes the name."""
    import numpy as np

    fd, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".npy", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            np.save(f, array, allow_pickle=False)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
