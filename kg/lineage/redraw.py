"""The candidate pairs of the text-reuse search kept beside the lineage cache, and drawn again only where items changed.

textreuse.candidate_codes draws the pairs from every (bucket, item) entry: the LSH buckets of the clauses' signatures
and the runs of shared characters, some fifteen million entries at a thousand plans, seconds of sorting. The pairs a
bucket gives are a function of the bucket's items (their plans, ranks and chains of regions: textreuse._lsh_codes),
so a change of a few plans changes the pairs of the buckets the changed items fall in, and no others. The pairs
last drawn are kept (STATE_FILE) with a mark of each item they number (its IRI, plan, span, text and place among the
plans), and an update
- keeps the pairs of the items that stayed as they were, numbered as the items are now;
- draws the pairs of every bucket an item that came, went or changed falls in, from those buckets' entries alone
  (kept sorted by bucket, kg/lineage/buckets.py: only the signatures and run hashes of the items that came, went or
  are checked below are read);
- checks each kept pair of two items of such buckets that those buckets no longer give: it stays when a bucket no
  change touched gives it, and goes otherwise.
The result is candidate_codes' whatever pairs were kept (tests/test_redraw.py). A missing, damaged or foreign file
(of other code), a text gone whose signatures the cache no longer has, or a change of more than a quarter of the
items draws every pair again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.lineage import buckets, kept, textreuse
from plankg.lineage.cache import text_key

if TYPE_CHECKING:
    import numpy as np

STATE_FILE = "lineage-candidates.npz"  # beside the lineage cache, in the store's folder
KEY_BYTES = 20  # a text's key (cache.text_key)
MOST_CHANGED = 0.25  # the share of the items that may change before every pair is drawn again

# the signatures and run hashes the cache keeps of texts, by their keys: {key: signatures}, {key: run hashes}
Known = Callable[[list[bytes]], tuple[dict[bytes, bytes], dict[bytes, bytes]]]
# the signatures and run hashes of the items at some positions, in their order
Texts = Callable[[Sequence[int]], tuple[list[bytes], list[bytes]]]


@dataclass(frozen=True)
class Drawn:
    """Candidate pairs as codes a * len(marks) + b (textreuse.candidate_codes) of the items marked (marks, in their
    order), with each item's text key (to find the signatures of a text gone)."""

    marks: np.ndarray  # uint64
    texts: list[bytes]
    codes: np.ndarray  # int64, sorted


def candidates(
    items: list[textreuse.Item],
    texts: Texts,
    places: textreuse.Places,
    folder: Path | None,
    known: Known,
    full: bool = False,
) -> np.ndarray:
    """textreuse.candidate_codes of the items (texts: their signatures and run hashes, by position): the pairs kept
    in folder updated where items changed (None: none kept), or drawn from scratch (full: always); kept for the next
    time, with the buckets' entries (kg/lineage/buckets.py). known: what the cache keeps of texts, asked for the texts
    of the items gone."""
    import numpy as np

    marks = mark(items, places)
    before = None if full or folder is None else _load(folder / STATE_FILE, _version())
    index = buckets.Index([], marks) if full or folder is None else buckets.load(folder, _version(), marks)
    codes = _updated(before, marks, items, texts, places, known, index) if before is not None else None
    if codes is None:
        signed, hashed = texts(range(len(items)))
        codes = textreuse.candidate_codes(items, signed, hashed, places)
        index = buckets.Index([], marks)
        index.add(np.arange(len(items)), signed, hashed)
    if folder is not None:
        _save(folder / STATE_FILE, Drawn(marks, [text_key(i.text) for i in items], codes), _version())
        if (tidied := index.tidied()).changed:
            tidied.save(folder, _version())
    return codes


def keep(folder: Path, items: list[textreuse.Item], places: textreuse.Places, codes: np.ndarray) -> None:
    """Keep in folder the candidate pairs (codes) drawn from scratch elsewhere (textreuse.SharedSearch); the
    buckets' entries are made by the next update."""
    _save(folder / STATE_FILE, Drawn(mark(items, places), [text_key(i.text) for i in items], codes), _version())


def mark(items: list[textreuse.Item], places: textreuse.Places) -> np.ndarray:
    """A 64-bit digest of all that the pairs an item is drawn into depend on: its IRI, plan, span, text, rank and
    chain of regions (its position among the items follows from its plan and span)."""
    import numpy as np

    digests = (
        hashlib.blake2b(
            "\x1f".join((i.iri, i.plan, i.source, str(i.start), str(i.end), i.text, str(rank), *chain)).encode(),
            digest_size=8,
        ).digest()
        for i, rank, chain in zip(items, places.rank, places.chain, strict=True)
    )
    return np.frombuffer(b"".join(digests), dtype=np.uint64).copy()


def _updated(
    before: Drawn,
    marks: np.ndarray,
    items: list[textreuse.Item],
    texts: Texts,
    places: textreuse.Places,
    known: Known,
    index: buckets.Index,
) -> np.ndarray | None:
    """The codes of the items marked `marks` from those drawn before, the buckets' entries read from the index (the
    items it lacks added to it); None when drawing them all costs less or the texts of the items gone are not
    known."""
    import numpy as np

    if len(np.unique(marks)) != len(marks) or len(np.unique(before.marks)) != len(before.marks):
        return None  # two items alike in all (no IRI is two items'): no numbering to trust
    now_of = _renumbering(before.marks, marks)
    came = np.setdiff1d(np.arange(len(marks)), now_of[now_of >= 0])
    went = np.flatnonzero(now_of < 0)
    if len(came) + len(went) > MOST_CHANGED * max(len(marks), 1):
        return None
    gone = [before.texts[k] for k in went]
    gone_signed, gone_hashed = known(gone)
    if any(k not in gone_signed or k not in gone_hashed for k in gone):
        return None
    stayed = _renumbered(before.codes, len(before.marks), now_of, len(marks))
    if not len(came) and not len(went):
        return stayed
    missing = index.missing()
    wanted = np.union1d(came, missing)
    signed, hashed = texts(wanted.tolist())
    held = np.isin(wanted, missing)
    index.add(
        wanted[held], [s for s, h in zip(signed, held, strict=True) if h], [r for r, h in zip(hashed, held, strict=True) if h]
    )
    new = np.isin(wanted, came)
    changed_signed = [s for s, n in zip(signed, new, strict=True) if n] + [gone_signed[k] for k in gone]
    changed_hashed = [r for r, n in zip(hashed, new, strict=True) if n] + [gone_hashed[k] for k in gone]
    lsh_wanted = _distinct_keys(keys for keys, _ in textreuse.lsh_entries(changed_signed))  # the buckets changed
    run_wanted = _distinct_keys([textreuse.run_entries(changed_hashed)[0]])
    search = _Search(items, index, texts, places)
    touched = np.zeros(len(items), dtype=bool)
    fresh = search.codes(lsh_wanted, run_wanted, touched)
    a, b = np.divmod(stayed, max(len(items), 1))
    doubtful = stayed[touched[a] & touched[b]]
    doubtful = doubtful[~np.isin(doubtful, fresh)]
    if len(doubtful):  # pairs the changed buckets gave before and no longer give: does an unchanged bucket give them?
        involved = np.zeros(len(items), dtype=bool)
        involved[np.concatenate(np.divmod(doubtful, len(items)))] = True
        given = search.codes(lsh_wanted, run_wanted, involved=involved)
        stayed = np.setdiff1d(stayed, doubtful[~np.isin(doubtful, given)], assume_unique=True)
    return np.union1d(stayed, fresh)


class _Search:
    """The entries of the buckets wanted, read from the index (kg/lineage/buckets.py), and the pairs they give."""

    def __init__(self, items: list[textreuse.Item], index: buckets.Index, texts: Texts, places: textreuse.Places) -> None:
        self.items, self.index, self.texts = items, index, texts
        self.order, self.chain = textreuse.ordering(items, places)

    def codes(
        self,
        lsh_wanted: np.ndarray,
        run_wanted: np.ndarray,
        touched: np.ndarray | None = None,
        involved: np.ndarray | None = None,
    ) -> np.ndarray:
        """The pairs (codes) candidate_codes draws from the LSH buckets lsh_wanted and the runs run_wanted, the items
        in them marked in touched; or, given the items involved (a mark for each item), from the other buckets and
        runs of those items."""
        import numpy as np

        if involved is not None:  # the other buckets of the items involved, from their texts' entries
            signed, hashed = self.texts(np.flatnonzero(involved).tolist())
            lsh_wanted = np.setdiff1d(_distinct_keys(keys for keys, _ in textreuse.lsh_entries(signed)), lsh_wanted)
            run_wanted = np.setdiff1d(_distinct_keys([textreuse.run_entries(hashed)[0]]), run_wanted)
        lsh_keys, lsh_owners = self.index.entries("lsh", lsh_wanted)
        run_keys, run_owners = self.index.entries("run", run_wanted)
        if touched is not None:
            touched[lsh_owners] = True
            touched[run_owners] = True
        items, order, chain = self.items, self.order, self.chain
        lsh = textreuse.grouped_codes(lsh_keys, lsh_owners, order, items, textreuse.MAX_WRITERS, chain)
        runs = textreuse.grouped_codes(
            run_keys, run_owners, textreuse.run_order(items), items, textreuse.MAX_SHARERS, chain, capped=False
        )
        return np.union1d(lsh, runs)


def _where(values: list[bytes], chosen: np.ndarray) -> list[bytes]:
    """The values whose mark in chosen is set."""
    return [v for v, c in zip(values, chosen, strict=True) if c]


def _renumbering(before: np.ndarray, now: np.ndarray) -> np.ndarray:
    """For each item marked before, its position among the items marked now (-1: gone, or changed)."""
    import numpy as np

    now_of = np.full(len(before), -1, dtype=np.int64)
    if not len(now) or not len(before):
        return now_of
    sort = np.argsort(now)
    at = np.minimum(np.searchsorted(now[sort], before), len(now) - 1)
    same = now[sort][at] == before
    now_of[same] = sort[at[same]]
    return now_of


def _renumbered(codes: np.ndarray, items_before: int, now_of: np.ndarray, items_now: int) -> np.ndarray:
    """The pairs (codes) of items that stayed, numbered as the items are now, sorted."""
    import numpy as np

    a, b = now_of[codes // max(items_before, 1)], now_of[codes % max(items_before, 1)]
    stayed = (a >= 0) & (b >= 0)
    a, b = a[stayed], b[stayed]
    return np.sort(np.minimum(a, b) * items_now + np.maximum(a, b))


def _distinct_keys(parts: Iterable[np.ndarray]) -> np.ndarray:
    import numpy as np

    return np.unique(np.concatenate([*parts, np.zeros(0, dtype=np.uint64)]))


# ---------------------------------------------------------------- kept beside the cache


def _version() -> str:
    """The digest of the code the pairs are drawn by (the lineage cache's, kg/lineage/cache.py)."""
    from plankg.lineage.cache import versions

    return versions()["candidates"]


def _load(path: Path, version: str) -> Drawn | None:
    """The pairs kept at path, None when there are none, they are damaged or other code drew them."""
    return kept.load(path, version, _drawn_of)


def _drawn_of(arrays: Mapping[str, np.ndarray]) -> Drawn | None:
    import numpy as np

    marks, codes = arrays["marks"], arrays["codes"].astype(np.int64)
    texts = [bytes(k) for k in arrays["texts"].reshape(-1, KEY_BYTES)]
    if len(texts) != len(marks) or (len(codes) and int(codes.max()) >= len(marks) ** 2):
        return None
    return Drawn(marks, texts, codes)


def _save(path: Path, drawn: Drawn, version: str) -> None:
    """Keep the pairs at path."""
    import numpy as np

    texts = np.frombuffer(b"".join(drawn.texts), dtype=np.uint8).reshape(-1, KEY_BYTES)
    kept.save(path, {"marks": drawn.marks, "texts": texts, "codes": drawn.codes}, version)
