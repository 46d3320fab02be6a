"""Text reuse between measures and projects of different plans: candidates, exact passages, then the model.

Candidate pairs come from a MinHash LSH index over jieba word-bigram shingles of each clause of the Simplified
text (reuse is clause-sized: a city copies a sentence, not a paragraph; kg/lineage/fingerprints.py), so the work
grows with the number of clauses, not with the number of pairs. Each candidate's shared passages are found by
kg/lineage/passages.py, and kg/lineage/reuse_model.py turns them and corpus statistics into the probability that the
pair shares a copied clause.
"""

from __future__ import annotations

import threading
from concurrent.futures import CancelledError
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plankg.lineage import reuse_model
from plankg.lineage.fingerprints import BANDS, ROWS, SIGNATURE_BYTES, run_hashes, signatures
from plankg.lineage.passages import Passage, compare
from plankg.lineage.worker import submit_from_the_end

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from concurrent.futures import Executor, Future

    import numpy as np

METHOD = "jieba-minhash-lsh/difflib-passages/logistic-model"
JUDGE_BATCH = 20_000  # candidate pairs judged at once when the worker shares the search
SCORE_CHUNK = 32  # candidate pairs scored by one task when a worker process shares the scoring
# An LSH bucket of more plans than one chain of inheritance holds (nation, province, prefecture, county, each with a
# five-year plan and an annual one) is a formula written down several chains: _lsh_codes pairs its items sparingly.
MAX_WRITERS = 8
FIRST_WRITERS = 4  # in a formula's bucket, the writers ranked first each item is paired with (the nation's, a province's)
REGION_WRITERS = 8  # and, for each region on its plan's chain, the writers of that region it is paired with at most
KEY_PART = 2_000_000  # LSH and run entries (key, item) sorted and grouped at once
PAIR_CHUNK = 4_000_000  # pairs of items drawn from the LSH buckets at once, before the distinct ones are kept
MAX_SHARERS = 16  # a run that more items than this write is boilerplate: it proposes no pair
# A clause (LSH bucket) or run that more plans than this write pairs items of unrelated plans only when no plan of a
# region above both writes it too (_related): that plan is their common source, and each is paired with it; what a
# few plans write alike is always paired (one copied the other).
UNRELATED_WRITERS = 2


@dataclass(frozen=True)
class Item:
    """A measure or project: its IRI, plan, Simplified text and where that text starts in its source."""

    iri: str
    plan: str
    kind: str  # "measure" | "project" ("target" for a target stated in prose, which names instruments only)
    text: str
    source: str  # the pk:SourceDocument node its offsets index
    start: int
    end: int = -1  # where its span ends in the source (-1: start + the text's length)


@dataclass(frozen=True)
class Places:
    """Where each item's plan sits among the plans: its rank (lowest first: the depth of its plan's region, a plan
    without one last) and its chain of regions (its plan's region, then the regions that region is part of,
    nearest first; empty when the text states no place). Items of one plan share one chain."""

    rank: list[int]
    chain: list[tuple[str, ...]]


@dataclass(frozen=True)
class Reuse:
    """A scored reuse link between items a and b (indexes into the item list)."""

    a: int
    b: int
    score: float  # the model's probability of a copied clause
    passages: tuple[Passage, ...]
    drivers: tuple[tuple[str, float, float], ...]  # (feature, value, contribution to the log-odds), largest first


def candidate_pairs(
    items: list[Item], signed: list[bytes] | None = None, hashed: list[bytes] | None = None, places: Places | None = None
) -> set[tuple[int, int]]:
    """Pairs of items of different plans worth comparing: similar clauses (lsh_pairs) or a shared run of
    SHARED_RUN characters (shared_run_pairs). signed, hashed: each item's signatures and run hashes when known;
    places: see lsh_pairs."""
    return pairs_of(candidate_codes(items, signed, hashed, places), len(items))


def candidate_codes(
    items: list[Item], signed: list[bytes] | None = None, hashed: list[bytes] | None = None, places: Places | None = None
) -> np.ndarray:
    """candidate_pairs as codes a * len(items) + b (a < b), sorted: 8 bytes a pair rather than a tuple's hundred."""
    import numpy as np

    return np.union1d(_lsh_codes(items, signed, places), _shared_run_codes(items, hashed, places))


def pairs_of(codes: np.ndarray, items: int) -> set[tuple[int, int]]:
    """The pairs of items (a, b) that codes a * items + b stand for."""
    return set(ordered_pairs(codes, items))


def ordered_pairs(codes: np.ndarray, items: int) -> list[tuple[int, int]]:
    """The pairs of items (a, b) that codes a * items + b stand for, in the codes' order."""
    return list(zip((codes // max(items, 1)).tolist(), (codes % max(items, 1)).tolist(), strict=True))


def lsh_pairs(items: list[Item], signed: list[bytes] | None = None, places: Places | None = None) -> set[tuple[int, int]]:
    """Pairs of items of different plans with a clause each that MinHash LSH buckets together (_lsh_codes)."""
    return pairs_of(_lsh_codes(items, signed, places), len(items))


def _lsh_codes(items: list[Item], signed: list[bytes] | None = None, places: Places | None = None) -> np.ndarray:
    """Pairs of items of different plans with a clause each that MinHash LSH buckets together (never all pairs), as
    codes (candidate_codes).

    A bucket is a band of the signature (ROWS values) and its number; every (bucket, item) is sorted at once with
    numpy and pairs are taken within each bucket. A bucket holding the clauses of more than MAX_WRITERS plans is a
    formula many plans write, and what many plans write comes down the hierarchy (a province's plan copies the
    nation's, a county's its prefecture's) or is a stock formula: each of its items is paired with the writers on
    its own plan's chain of regions (places: its region's plans, then its parent region's …, REGION_WRITERS of
    each at most) and with the FIRST_WRITERS items ranked first (rank, then the item order: the nation's plan,
    which every chain ends in; all a plan stating no place gets), never with the writers of unrelated regions. So
    a formula costs each item a bounded number of candidates whatever the number of plans, and its writers stay
    connected through their parents. The rule is a function of each bucket's set of items, whatever order the
    items came in, so adding or removing a plan changes only the pairs of the buckets its clauses fall in
    (kg/lineage/redraw.py draws those again, and no others).
    """
    import numpy as np

    if signed is None:
        signed = signatures([item.text for item in items])
    order, chain = ordering(items, places)
    found = np.zeros(0, dtype=np.int64)
    for keys, owners in lsh_entries(signed):
        found = _distinct(np.concatenate([found, grouped_codes(keys, owners, order, items, MAX_WRITERS, chain)]))
    return found


def ordering(items: list[Item], places: Places | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Each item's position in the order a formula's writers are ranked in (rank, then the item order), and the
    items' chains of regions (_chain_array; None without places)."""
    import numpy as np

    if places is None:
        return np.arange(len(items), dtype=np.int64), None
    order = np.empty(len(items), dtype=np.int64)
    order[np.lexsort((np.arange(len(items)), np.asarray(places.rank)))] = np.arange(len(items))
    return order, _chain_array(places.chain)


def lsh_entries(signed: list[bytes]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The (bucket, item) entries of the items' clauses (signed: each item's signatures), a few bands at a time
    (lsh_parts)."""
    return lsh_parts(*clause_bands(signed))


def clause_bands(signed: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The bands of every clause's signature (signed: each item's signatures), one row a clause, and each clause's
    item."""
    import numpy as np

    clauses = np.array([len(raw) // SIGNATURE_BYTES for raw in signed], dtype=np.int64)
    bands = np.frombuffer(b"".join(signed), dtype=np.uint32).reshape(-1, BANDS, ROWS)
    return bands, np.repeat(np.arange(len(signed), dtype=np.int64), clauses)


def lsh_parts(bands: np.ndarray, owners: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The (bucket, item) entries of the clauses (clause_bands), a few bands at a time (KEY_PART entries), as arrays
    of bucket keys and of items. A bucket is a band of a clause's signature (ROWS values) and its number, as one
    64-bit key: the first two values whole, the third and the band number mixed in by odd multipliers (two different
    bands agreeing on it is a chance of one in 2^64 per pair of buckets, and only adds a candidate); all the entries
    of a bucket come in one part."""
    import numpy as np

    if not len(bands):
        return
    step = max(1, KEY_PART // len(bands))
    for first in range(0, BANDS, step):
        some = bands[:, first : first + step, :]
        keys = (some[:, :, 0].astype(np.uint64) << np.uint64(32)) | some[:, :, 1]
        keys ^= some[:, :, 2].astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        keys ^= np.arange(first + 1, first + some.shape[1] + 1, dtype=np.uint64)[None, :] * np.uint64(0xBF58476D1CE4E5B9)
        yield keys.ravel(), np.repeat(owners, some.shape[1])


def run_entries(hashed: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The (run hash, item) entries of the items' runs (hashed: each item's run_hashes), as arrays of hashes and of
    items."""
    import numpy as np

    hashes = [np.frombuffer(h, dtype=np.uint64) for h in hashed]
    if not hashes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    owners = np.repeat(np.arange(len(hashed), dtype=np.int64), [len(h) for h in hashes])
    return np.concatenate(hashes), owners


def _chain_array(chains: list[tuple[str, ...]]) -> np.ndarray:
    """Each item's chain of regions (Places.chain) as numbers, one row an item, -1 past its end."""
    import numpy as np

    number: dict[str, int] = {}
    rows: dict[tuple[str, ...], list[int]] = {}
    depth = max((len(c) for c in chains), default=0)
    for c in chains:
        if c not in rows:
            rows[c] = [number.setdefault(region, len(number)) for region in c] + [-1] * (depth - len(c))
    return np.array([rows[c] for c in chains], dtype=np.int64).reshape(len(chains), depth)


def grouped_codes(keys, owners, order, items: list[Item], most: int, chain=None, capped: bool = True) -> np.ndarray:
    """Pairs of items of different plans (as codes: candidate_codes) whose entries (key, owner item) share a key. A
    key of more than `most` items pairs nothing (capped False); a key of more than `most` plans (capped True) pairs
    each item with the FIRST_WRITERS first of the key's items in `order` (an item's position) and with those on its
    chain of regions (chain: _chain_array; None: the first only, and any two items related); a key of more than
    UNRELATED_WRITERS plans pairs items of unrelated plans only when no writer of the key explains both (_related).
    numpy throughout: the work grows with the entries, not with the pairs of items. The keys are taken a share of them
    at a time (KEY_PART entries, by their value: all the entries of a key together), so that the sorting holds a
    share of the entries only."""
    import numpy as np

    parts = -(-len(keys) // KEY_PART)
    if not parts:
        return _no_codes()
    if parts <= 1:
        return _grouped_part(keys, owners, order, items, most, chain, capped)
    share = (keys % np.uint64(parts)).astype(np.uint32)
    found = np.zeros(0, dtype=np.int64)
    for part in range(parts):
        chosen = share == part
        codes = _grouped_part(keys[chosen], owners[chosen], order, items, most, chain, capped)
        found = _distinct(np.concatenate([found, codes]))
    return found


def _grouped_part(keys, owners, order, items: list[Item], most: int, chain, capped: bool) -> np.ndarray:
    """_grouped_codes of some of the keys, each key with all of its entries."""
    import numpy as np

    sort = np.argsort(keys)
    keys = keys[sort]
    first = np.r_[True, keys[1:] != keys[:-1]]
    group = np.cumsum(first) - 1
    shared = np.bincount(group)[group] >= 2  # most keys are one clause's: left out before the second sort
    # (key, item) as one number, the key's group above the item's position in `order`: sorted, distinct
    entries = _distinct((group[shared].astype(np.uint64) << np.uint64(32)) | order[owners[sort][shared]].astype(np.uint64))
    if not len(entries):
        return np.zeros(0, dtype=np.int64)
    group = (entries >> np.uint64(32)).astype(np.int64)
    owners = np.argsort(order)[(entries & np.uint64(0xFFFFFFFF)).astype(np.int64)]
    first = np.r_[True, group[1:] != group[:-1]]
    starts = np.flatnonzero(first)
    sizes = np.diff(np.r_[starts, len(group)])
    group = np.cumsum(first) - 1
    position = np.arange(len(group)) - starts[group]
    # a clause copied word for word falls in the same group of items in every band: each such group counted once
    spread = (entries & np.uint64(0xFFFFFFFF)) * np.uint64(0x9E3779B97F4A7C15)
    spread ^= spread >> np.uint64(29)
    alike = np.add.reduceat(spread * np.uint64(0xBF58476D1CE4E5B9), starts) ^ sizes.astype(np.uint64)
    once = np.zeros(len(starts), dtype=bool)
    once[np.unique(alike, return_index=True)[1]] = True
    kept = once[group] & (sizes[group] >= 2)
    plan_of: dict[str, int] = {}
    plan = np.array([plan_of.setdefault(item.plan, len(plan_of)) for item in items], dtype=np.int64)
    writers = np.bincount(_distinct(group * len(plan_of) + plan[owners]) // len(plan_of), minlength=len(starts))
    if capped:  # a formula: a group of more than `most` plans (one plan may write a formula in several items)
        big = (writers[group] > most)[kept]
    else:
        kept &= sizes[group] <= most
        big = np.zeros(int(kept.sum()), dtype=bool)
    # a group of few plans pairs any of its items; a larger one items of unrelated plans only if unexplained (_related)
    anywhere = (writers[group] <= UNRELATED_WRITERS)[kept] if chain is not None else np.ones(int(kept.sum()), dtype=bool)
    position, owners, group = position[kept], owners[kept], group[kept]  # whole groups kept: each stays contiguous
    writing = _writing(group, owners, chain) if chain is not None else None
    start = np.arange(len(owners)) - position
    # each entry is paired with the entries before it in its group, in a formula's group the first ones only
    width = np.where(big, np.minimum(position, FIRST_WRITERS), position)
    found = _chain_codes(group[big], owners[big], chain, plan) if chain is not None and big.any() else _no_codes()
    del keys, sort, first, shared, entries, spread, alike, kept, position, big
    ends = np.cumsum(width)
    low = 0
    while low < len(width):  # PAIR_CHUNK pairs at a time: a formula's writers make tens of millions before the distinct
        high = max(int(np.searchsorted(ends, (ends[low - 1] if low else 0) + PAIR_CHUNK, side="right")), low + 1)
        part = width[low:high]
        entry = low + np.repeat(np.arange(high - low), part)
        before = np.arange(len(entry)) - np.repeat(np.cumsum(part) - part, part)
        a, b = owners[start[entry] + before], owners[entry]
        differ = plan[a] != plan[b]
        if chain is not None and writing is not None:
            differ &= anywhere[entry] | _related(a, b, chain, group[entry], writing)
        found = _distinct(np.concatenate([found, np.minimum(a, b)[differ] * len(items) + np.maximum(a, b)[differ]]))
        low = high
    return found


def _writing(group: np.ndarray, owners: np.ndarray, chain: np.ndarray) -> np.ndarray:
    """The regions whose plans write each group, as sorted codes group * regions + region (chain: _chain_array): what
    _related looks a common source up in."""
    import numpy as np

    own = chain[owners, 0] if chain.shape[1] else np.full(len(owners), -1, dtype=np.int64)
    placed = own >= 0
    return np.unique(group[placed] * (int(chain.max(initial=0)) + 1) + own[placed])


def _related(a: np.ndarray, b: np.ndarray, chain: np.ndarray, group: np.ndarray, writing: np.ndarray) -> np.ndarray:
    """Whether the plans of items a and b (arrays of items of the groups `group`; chain: _chain_array; writing:
    _writing) may have copied one another: one's region is on the other's chain (the same region: an earlier plan; a
    region it is part of: a plan up the chain), or the two regions are parts of one region (siblings, which copy one
    another), or a plan states no place (nothing rules it out), or no plan of a region above both writes the clause
    too (cousins: with such a plan among the writers, both copied it and each is paired with it; without one, their
    likeness is all that shows what they share, a source outside the store or one copying the other)."""
    import numpy as np

    if not chain.shape[1] or not len(writing):
        return np.ones(len(a), dtype=bool)
    own_a, own_b = chain[a, 0], chain[b, 0]
    related = (own_a < 0) | (own_b < 0)
    related |= (chain[a] == own_b[:, None]).any(axis=1) | (chain[b] == own_a[:, None]).any(axis=1)
    if chain.shape[1] > 1:
        related |= (chain[a, 1] == chain[b, 1]) & (chain[a, 1] >= 0)
    regions = int(chain.max(initial=0)) + 1
    explained = np.zeros(len(a), dtype=bool)
    for level in range(1, chain.shape[1]):
        region = chain[a, level]
        common = (region >= 0) & (chain[b] == region[:, None]).any(axis=1)
        code = group * regions + region
        explained |= common & (writing[np.minimum(np.searchsorted(writing, code), len(writing) - 1)] == code)
    return related | ~explained


def _no_codes() -> np.ndarray:
    """No codes."""
    import numpy as np

    return np.zeros(0, dtype=np.int64)


def _chain_codes(group, owners, chain, plan) -> np.ndarray:
    """Pairs (as codes) of the entries (group, owner item) of formulae's groups with the entries of their group whose
    item's plan is of a region on the owner's chain (chain: _chain_array), REGION_WRITERS a region at most, the
    first in the group's order (the entries come sorted by group, then order)."""
    import numpy as np

    items = len(chain)
    regions = int(chain.max()) + 2 if chain.size else 1
    own = chain[owners, 0] if chain.shape[1] else np.full(len(owners), -1)
    placed = own >= 0
    by_region = group[placed] * regions + own[placed]
    sort = np.argsort(by_region, kind="stable")  # stable: within a (group, region) the group's order stays
    by_region, writers = by_region[sort], owners[placed][sort]
    found = _no_codes()
    for level in range(chain.shape[1]):
        region = chain[owners, level]
        here = region >= 0
        wanted = group[here] * regions + region[here]
        low = np.searchsorted(by_region, wanted, side="left")
        count = np.minimum(np.searchsorted(by_region, wanted, side="right") - low, REGION_WRITERS)
        a = np.repeat(owners[here], count)
        b = writers[np.repeat(low, count) + np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)]
        differ = plan[a] != plan[b]
        found = _distinct(np.concatenate([found, np.minimum(a, b)[differ] * items + np.maximum(a, b)[differ]]))
    return found


def _distinct(values):
    """The distinct values of an array, sorted (numpy's unique hashes them: slower on millions of distinct values)."""
    import numpy as np

    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values


Compared = tuple[tuple[Passage, ...], str]  # the shared passages of two texts and their longest shared run


def shared_run_pairs(items: list[Item], hashed: list[bytes] | None = None) -> set[tuple[int, int]]:
    """Pairs of items of different plans that share a run of SHARED_RUN normalised characters (_shared_run_codes)."""
    return pairs_of(_shared_run_codes(items, hashed), len(items))


def _shared_run_codes(items: list[Item], hashed: list[bytes] | None = None, places: Places | None = None) -> np.ndarray:
    """Pairs of items of different plans (as codes: candidate_codes) that share a run of SHARED_RUN normalised
    characters (stock phrases masked, punctuation dropped): a short clause inside long items, which MinHash of whole
    clauses can miss.

    Every run is hashed (a polynomial hash over 16-bit code units, numpy), the (hash, item) entries sorted, and
    pairs taken within each group of equal hashes of at most MAX_SHARERS items: the work grows with the text,
    not with the number of pairs of items. hashed: each item's run_hashes when known.
    """
    if hashed is None:
        hashed = [run_hashes(item.text) for item in items]
    keys, owners = run_entries(hashed)
    return grouped_codes(keys, owners, run_order(items), items, MAX_SHARERS, ordering(items, places)[1], capped=False)


def run_order(items: list[Item]) -> np.ndarray:
    """The order the sharers of a run are taken in: the item order (a run is no formula: its writers are not
    ranked)."""
    import numpy as np

    return np.arange(len(items), dtype=np.int64)


def score_pairs(items: list[Item], pairs: set[tuple[int, int]], min_score: float | None = None) -> list[Reuse]:
    """The candidate pairs the model judges copied clauses (probability >= min_score, default the model's
    threshold), scored, with their shared passages."""
    ordered = sorted(pairs)
    termed = termed_texts([(items[a].text, items[b].text) for a, b in ordered])
    return judge(items, ordered, [c for c, _ in termed], min_score, terms=[t for _, t in termed])


def compare_texts(pairs: list[tuple[str, str]]) -> list[Compared]:
    """The shared passages of each pair of texts (the costly part, shared with the worker process)."""
    results = []
    for a, b in pairs:
        passages, longest = compare(a, b)
        results.append((tuple(passages), longest))
    return results


def termed_texts(pairs: list[tuple[str, str]]) -> list[tuple[Compared, bytes]]:
    """Each pair of texts' shared passages (compare_texts) and pair terms (reuse_model.pair_terms, b"" without a
    shared passage), in the process that compared it: the terms read the alignment the comparison made
    (passages.aligned_runs, kept for a while), which another process would have to make again."""
    return [
        ((passages, longest), reuse_model.pair_terms(a, b, list(passages), longest) if passages else b"")
        for (a, b), (passages, longest) in zip(pairs, compare_texts(pairs), strict=True)
    ]


def judge(
    items: list[Item],
    ordered: list[tuple[int, int]],
    compared: list[Compared],
    min_score: float | None = None,
    grams: list[bytes] | None = None,
    stats: reuse_model.Statistics | None = None,
    terms: list[bytes] | None = None,
) -> list[Reuse]:
    """The pairs whose probability of a copied clause reaches min_score (default: the model's threshold), all
    scored at once under the statistics of all the items (grams: each item's reuse_model.item_grams, when known;
    stats: the statistics, when made already; terms: each pair's reuse_model.pair_terms, when made already)."""
    if terms is None:
        terms = [
            reuse_model.pair_terms(items[a].text, items[b].text, list(passages), longest) if passages else b""
            for (a, b), (passages, longest) in zip(ordered, compared, strict=True)
        ]
    return [
        Reuse(*ordered[n], score, compared[n][0], drivers)
        for n, score, drivers in scored(items, ordered, terms, min_score, grams, stats)
    ]


Drivers = tuple[tuple[str, float, float], ...]


def scored(
    items: list[Item],
    ordered: list[tuple[int, int]],
    terms: list[bytes],
    min_score: float | None = None,
    grams: list[bytes] | None = None,
    stats: reuse_model.Statistics | None = None,
) -> list[tuple[int, float, Drivers]]:
    """(position in ordered, probability, drivers) of the pairs whose probability reaches min_score (default: the
    model's threshold), given each pair's reuse_model.pair_terms (b"" for a pair without shared passages, which is
    no link): all scored at once under the statistics of all the items, so that a pair's result does not depend on
    the pairs scored with it. grams: each item's reuse_model.item_grams, when known; stats: the statistics of the
    items, when made already."""
    import numpy as np

    model = reuse_model.shipped()
    threshold = model.threshold if min_score is None else min_score
    shared = [n for n, t in enumerate(terms) if t]
    if not shared:
        return []
    stats = stats or reuse_model.Statistics([i.text for i in items], [i.plan for i in items], grams)
    pairs = np.array([ordered[n] for n in shared], dtype=np.int64).reshape(-1, 2)
    x = stats.features([terms[n] for n in shared], pairs)
    contributions = model.contribution_matrix(x)
    found = []
    for k, p in enumerate(model.probabilities(contributions)):
        if p >= threshold:
            drivers = sorted(
                zip(reuse_model.FEATURES, x[k].tolist(), contributions[k].tolist(), strict=True), key=lambda d: -d[2]
            )
            found.append((shared[k], round(p, 4), tuple((f, round(v, 4), round(c, 4)) for f, v, c in drivers)))
    return found


class SharedSearch:
    """candidate_pairs then score_pairs with a worker process (plankg.lineage.worker) doing its share.

    The worker searches the candidates; a thread of this process waits for them and queues their scoring on the
    worker in chunks, the last chunk first. When this process collects the result it scores chunks from the first
    on, each chunk the worker has not taken yet (cancelled there), so the two finish together whatever else this
    process had to do meanwhile; the comparisons are judged JUDGE_BATCH pairs at a time as they come in, never all
    held. Once the result is in, `signed` and `hashed` hold each item's signatures and run hashes, for the cache
    (kg/lineage/cache.py).
    """

    def __init__(self, items: list[Item], worker: Executor, min_score: float | None = None, places: Places | None = None) -> None:
        self.items, self.worker, self.min_score = items, worker, min_score
        self.candidates = worker.submit(signed_candidates, items, places)
        self.signed: list[bytes] = []
        self.hashed: list[bytes] = []
        self.chunks: list[list[tuple[str, str]]] = []
        self.futures: list[Future | None] = []
        self.queueing = threading.Thread(target=self._queue_scoring, daemon=True)
        self.queueing.start()

    def _queue_scoring(self) -> None:
        try:
            if self.candidates.exception() is not None:
                return  # raised again by result()
            codes = self.candidates.result()[0]
            ordered = ordered_pairs(codes, len(self.items))
            self.chunks = [
                [(self.items[a].text, self.items[b].text) for a, b in ordered[k : k + SCORE_CHUNK]]
                for k in range(0, len(ordered), SCORE_CHUNK)
            ]
            self.futures = list(submit_from_the_end(self.worker, termed_texts, self.chunks))
        except (CancelledError, RuntimeError):  # the worker was shut down: the build stopped on a fault
            self.chunks, self.futures = [], []

    def result(
        self, keep: Callable[[list[tuple[int, int]], list[Compared], list[bytes]], None] | None = None
    ) -> tuple[np.ndarray, list[Reuse]]:
        """The candidate pairs (candidate_codes) and the reuse links among them, as score_pairs finds them. keep: given
        the pairs judged, their comparisons and their pair terms (termed_texts: each made where the pair was
        compared), a batch at a time (e.g. to keep them in the cache)."""
        import numpy as np

        codes, self.signed, self.hashed = self.candidates.result()
        self.queueing.join()
        ordered = ordered_pairs(codes, len(self.items))
        if sum(len(chunk) for chunk in self.chunks) != len(ordered):
            raise RuntimeError("the worker process stopped before the text-reuse search was queued")
        stats = reuse_model.Statistics([i.text for i in self.items], [i.plan for i in self.items])
        links: list[Reuse] = []
        termed: list[tuple[Compared, bytes]] = []
        done = 0
        for k, chunk in enumerate(self.chunks):
            future = self.futures[k]
            termed += termed_texts(chunk) if future is None or future.cancel() else future.result()
            self.futures[k] = None  # its result is held here no longer than its batch
            if len(termed) >= JUDGE_BATCH or k == len(self.chunks) - 1:
                pairs = ordered[done : done + len(termed)]
                compared, terms = [c for c, _ in termed], [t for _, t in termed]
                links += judge(self.items, pairs, compared, self.min_score, stats=stats, terms=terms)
                if keep is not None:
                    keep(pairs, compared, terms)
                done, termed = done + len(termed), []
        return np.asarray(codes), links


def signed_candidates(items: list[Item], places: Places | None = None) -> tuple[np.ndarray, list[bytes], list[bytes]]:
    """candidate_codes of items, and the signatures and run hashes of their texts it compared."""
    signed = signatures([item.text for item in items])
    hashed = [run_hashes(item.text) for item in items]
    return candidate_codes(items, signed, hashed, places), signed, hashed
