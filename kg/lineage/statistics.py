"""The copied-clause model's statistics over the sampled plans' items, kept up to date as plans come and go.

The statistics (reuse_model.Statistics) are document frequencies over the items of the sampled plans of the store
(reuse_model.sample): how many items and plans have each 4-gram, how many items have each bigram, how many items and
plans there are; beside them, how many items of any plan have each gram, so that every text's grams have a place
in the counts and every item is weighed by place, never looked up. Made from scratch
they cost a sort of every gram of every item (four million of each at a thousand plans) and a read of every item's
grams. They are counts, so they are kept beside the lineage cache (STATE_FILE) with what they count, each plan's
texts and how many of its items have each, and a change of a few plans adds and subtracts the grams of the texts
that came and went: the same integers as counting from scratch, hence the same statistics bit for bit (the weights
of each text are computed from them as reuse_model always computes them). Each distinct text is weighed once, however
many items have it.

The kept counts are a function of what they count: a missing, damaged or foreign file (of other code) is counted
again from scratch, and a full rebuild always counts from scratch. The file is written again once SAVE_AFTER texts
came or went since.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.lineage import kept, reuse_model
from plankg.lineage.reuse_model import Counts, Joined

if TYPE_CHECKING:
    import numpy as np

STATE_FILE = "lineage-statistics.npz"  # beside the lineage cache, in the store's folder
SAMPLE_FILE = "lineage-sample.npz"  # the sample's counts alone, under its digest (standing)
KEY_BYTES = 20  # a text's key (cache.text_key)
# Texts come or gone since the kept counts from which they are kept again: below, each update adds and subtracts the
# texts since the file again, cheaper than writing the whole file (a hundred megabytes at a thousand plans) each time.
SAVE_AFTER = 1_000

Members = Counter[tuple[str, bytes]]  # (plan, text key) -> how many of the plan's items have the text


@dataclass
class Counted:
    """What the counts were made of (members: each plan's texts and how many of its items have each), the grams of
    each distinct text counted (texts, in keys' order) and the counts (Counts)."""

    members: Members
    keys: list[bytes]
    texts: Joined
    counts: Counts


def statistics(
    keys: list[bytes], plans: list[str], grams: Callable[[list[bytes]], list[bytes]], folder: Path | None, full: bool = False
) -> reuse_model.Statistics:
    """The statistics of the items whose texts' keys and plans are given: the counts of the sampled plans' items
    (reuse_model.sample) kept in folder (None: none kept) brought up to date, or counted from scratch when there are
    none (or full), and every distinct text weighed under them. grams: the item_grams of texts by key (read from the
    lineage cache, or made)."""
    import numpy as np

    version = _version()
    before = None if full or folder is None else _load(folder / STATE_FILE, version)
    counted = update(before or empty(), Counter(zip(plans, keys, strict=True)), grams)
    if folder is not None and (before is None or len(set(counted.keys) ^ set(before.keys)) >= SAVE_AFTER):
        _save(folder / STATE_FILE, counted, version)
    row = {k: n for n, k in enumerate(counted.keys)}
    return reuse_model.Statistics.counted(counted.counts, counted.texts, np.array([row[k] for k in keys], dtype=np.int64))


def sample_digest(keys: list[bytes], plans: list[str]) -> str:
    """A digest of what the statistics of the items whose texts' keys and plans are given are a function of: the
    sample's members (each sampled plan's texts and how many of its items have each). A plan outside the sample
    leaves it as it was (kg/lineage/scores.py keeps the pairs' results under it)."""
    sampled = _sampled(Counter(zip(plans, keys, strict=True)))
    digest = hashlib.sha256()
    for (plan, key), n in sorted(sampled.items()):
        digest.update(b"%s\x1f%s\x1f%d\x1e" % (plan.encode(), key.hex().encode(), n))
    return digest.hexdigest()[:32]


def keep_sample(folder: Path, sample: str, stats: reuse_model.Statistics) -> None:
    """Keep the sample's counts of stats (what every text is weighed under) in folder under the sample's digest, unless
    they are kept already: read by standing while the sample stands."""
    import numpy as np

    path = folder / SAMPLE_FILE
    if kept.load(path, f"{_version()} {sample}", lambda _: True):
        return
    arrays = {"items": np.array(stats.items), "plans": np.array(stats.plans), "g4": stats.g4, "g2": stats.g2}
    arrays |= {name: getattr(stats, name).astype(np.uint32) for name in ("df4", "pdf4", "df2")}
    kept.save(path, arrays, f"{_version()} {sample}")


def standing(folder: Path, sample: str) -> Counts | None:
    """The counts of the sample whose digest is given, kept in folder (keep_sample), None when they are not: a plan
    added or removed outside the sample leaves them as they were, and a few texts are then weighed under them
    (weighed) instead of every text, their counts brought up to date (statistics) and read."""
    import numpy as np

    def counts_of(f: Mapping[str, np.ndarray]) -> Counts:
        none = np.zeros(0, dtype=np.int64)
        df4, pdf4, df2 = (f[name].astype(np.int64) for name in ("df4", "pdf4", "df2"))
        if not len(f["g4"]) == len(df4) == len(pdf4) or len(f["g2"]) != len(df2):
            raise ValueError("the sample's counts kept do not fit together")
        return Counts(int(f["items"]), int(f["plans"]), f["g4"], df4, pdf4, f["g2"], df2, none, none.copy())

    return kept.load(folder / SAMPLE_FILE, f"{_version()} {sample}", counts_of)


def weighed(counts: Counts, grams: list[bytes], rows: np.ndarray) -> reuse_model.Statistics:
    """The statistics of the sample's counts (standing) with the texts whose item_grams are given weighed under them
    (rows: each item's text among them, an index past them for an item not weighed): the same bits as statistics
    weighing every text, each gram's counts found by place, a gram the sample lacks counted once (at the end)."""
    import numpy as np

    unpacked = [reuse_model._unpack_grams(g) for g in grams]
    extra4, extra2 = np.iinfo(np.uint64).max, np.iinfo(np.uint32).max

    def places(codes: np.ndarray, among: np.ndarray) -> np.ndarray:
        at = np.minimum(np.searchsorted(among, codes), max(len(among) - 1, 0))
        found = among[at] == codes if len(among) else np.zeros(len(codes), dtype=bool)
        return np.where(found, at, len(among)).astype(np.int64)

    four = [u[0] for u in unpacked]
    two = [u[1] for u in unpacked]
    texts = Joined(
        np.concatenate([np.zeros(0, dtype=np.uint64), *four]),
        np.concatenate([np.zeros(0, dtype=np.uint32), *two]),
        np.concatenate([np.zeros(0, dtype=np.uint32), *(u[2] for u in unpacked)]),
        np.r_[0, np.cumsum([len(f) for f in four], dtype=np.int64)].astype(np.int64),
        np.r_[0, np.cumsum([len(w) for w in two], dtype=np.int64)].astype(np.int64),
        np.concatenate([np.zeros(0, dtype=np.int64), *(places(f, counts.g4) for f in four)]),
        np.concatenate([np.zeros(0, dtype=np.int64), *(places(w, counts.g2) for w in two)]),
    )
    c = counts
    lacking = Counts(
        c.items,
        c.plans,
        np.r_[c.g4, np.uint64(extra4)],
        np.r_[c.df4, 0],
        np.r_[c.pdf4, 0],
        np.r_[c.g2, np.uint32(extra2)],
        np.r_[c.df2, 0],
        c.held4,
        c.held2,
    )
    return reuse_model.Statistics.counted(lacking, texts, rows)


def empty() -> Counted:
    """The counts of no items."""
    import numpy as np

    none4, none2, none = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.int64)
    start = np.zeros(1, dtype=np.int64)
    texts = Joined(none4, none2, none2.copy(), start, start.copy(), none.copy(), none.copy())
    return Counted(Counter(), [], texts, Counts(0, 0, none4, none, none.copy(), none2, none.copy(), none.copy(), none.copy()))


def update(before: Counted, members: Members, grams: Callable[[list[bytes]], list[bytes]]) -> Counted:
    """The counts of members, from those of before: the grams of the texts whose number of items changed added or
    subtracted (held4, held2), those of the sampled plans' texts likewise (df4, df2: the sample, reuse_model.sample,
    is a function of the plans, and a plan may come into it or leave it) and those of the sampled plans whose texts
    changed (pdf4). Returns before itself when nothing changed."""
    import numpy as np

    if members == before.members:
        return before
    sampled, sampled_before = _sampled(members), _sampled(before.members)
    held, change = _change(members, before.members), _change(sampled, sampled_before)
    texts_of, texts_before = _texts_of(sampled), _texts_of(sampled_before)
    moved = sorted(p for p in set(texts_of) | set(texts_before) if texts_of.get(p) != texts_before.get(p))
    row = {k: n for n, k in enumerate(before.keys)}
    used = {key for _, key in members}
    new = sorted(k for k in used if k not in row)  # texts no item had: their grams read (or made)
    added = [reuse_model._unpack_grams(g) for g in grams(new)]
    new_row = {k: n for n, k in enumerate(new)}

    def four(key: bytes) -> np.ndarray:
        if key in new_row:
            return added[new_row[key]][0]
        n = row[key]
        return before.texts.four[before.texts.at4[n] : before.texts.at4[n + 1]]

    def two(key: bytes) -> np.ndarray:
        if key in new_row:
            return added[new_row[key]][1]
        n = row[key]
        return before.texts.two[before.texts.at2[n] : before.texts.at2[n + 1]]

    changed, kept = sorted(change), sorted(held)
    held4 = _summed([four(k) for k in kept], [held[k] for k in kept], np.uint64)
    held2 = _summed([two(k) for k in kept], [held[k] for k in kept], np.uint32)
    df4 = _summed([four(k) for k in changed], [change[k] for k in changed], np.uint64)
    df2 = _summed([two(k) for k in changed], [change[k] for k in changed], np.uint32)
    plan_grams = []  # each moved plan's distinct 4-grams: -1 as it was, +1 as it is
    for p in moved:
        for side, sign in ((texts_before.get(p, set()), -1), (texts_of.get(p, set()), 1)):
            if side:
                plan_grams.append((np.unique(np.concatenate([four(k) for k in sorted(side)])), sign))
    pdf4 = _summed([g for g, _ in plan_grams], [sign for _, sign in plan_grams], np.uint64)
    c = before.counts
    g4, (new_held4, new_df4, new_pdf4), move4 = _merged(c.g4, [c.held4, c.df4, c.pdf4], [held4, df4, pdf4])
    g2, (new_held2, new_df2), move2 = _merged(c.g2, [c.held2, c.df2], [held2, df2])
    # the texts counted: those kept, in their order (their grams' places in the counts moved), then the new ones
    t = before.texts
    keep = np.array([k in used for k in before.keys], dtype=bool)
    sizes4, sizes2 = np.diff(t.at4), np.diff(t.at2)
    kept4, kept2 = np.repeat(keep, sizes4), np.repeat(keep, sizes2)
    ix4, ix2 = move4[t.ix4[kept4]], move2[t.ix2[kept2]]
    if (ix4 < 0).any() or (ix2 < 0).any():
        raise ValueError("a gram of a text still counted is no longer counted: the statistics kept do not match")
    new4 = [a[0] for a in added]
    new2 = [a[1] for a in added]
    texts = Joined(
        np.concatenate([t.four[kept4], *new4]).astype(np.uint64),
        np.concatenate([t.two[kept2], *new2]).astype(np.uint32),
        np.concatenate([t.counts[kept2], *(a[2] for a in added)]).astype(np.uint32),
        np.r_[0, np.cumsum(np.concatenate([sizes4[keep], np.array([len(f) for f in new4], dtype=np.int64)]))],
        np.r_[0, np.cumsum(np.concatenate([sizes2[keep], np.array([len(w) for w in new2], dtype=np.int64)]))],
        np.concatenate([ix4, *(np.searchsorted(g4, f) for f in new4)]).astype(np.int64),
        np.concatenate([ix2, *(np.searchsorted(g2, w) for w in new2)]).astype(np.int64),
    )
    counts = Counts(sum(sampled.values()), len(texts_of), g4, new_df4, new_pdf4, g2, new_df2, new_held4, new_held2)
    return Counted(Counter(members), [k for k in before.keys if k in used] + new, texts, counts)


def _sampled(members: Members) -> Members:
    """The members of the sampled plans (reuse_model.sample)."""
    chosen = reuse_model.sample(plan for plan, _ in members)
    return Counter({member: n for member, n in members.items() if member[0] in chosen})


def _change(members: Members, before: Members) -> Counter[bytes]:
    """Each text's change in how many items have it, from before to members."""
    change: Counter[bytes] = Counter()
    for member in set(members) | set(before):
        if d := members.get(member, 0) - before.get(member, 0):
            change[member[1]] += d
    return change


def _texts_of(members: Members) -> dict[str, set[bytes]]:
    """Each plan's texts."""
    found: dict[str, set[bytes]] = {}
    for plan, key in members:
        found.setdefault(plan, set()).add(key)
    return found


def _summed(codes: list[np.ndarray], weights: list[int], dtype) -> tuple[np.ndarray, np.ndarray]:
    """Each distinct code of the arrays (sorted) with the sum of the weights of the arrays that have it."""
    import numpy as np

    if not codes or not sum(len(c) for c in codes):
        return np.zeros(0, dtype=dtype), np.zeros(0, dtype=np.int64)
    joined = np.concatenate(codes).astype(dtype)
    each = np.repeat(np.asarray(weights, dtype=np.int64), [len(c) for c in codes])
    order = np.argsort(joined, kind="stable")
    joined, each = joined[order], each[order]
    starts = np.flatnonzero(np.r_[True, joined[1:] != joined[:-1]])
    return joined[starts], np.add.reduceat(each, starts)


def _merged(
    keys: np.ndarray, columns: list[np.ndarray], changes: list[tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """Sorted keys with a count in each column, each column's changes (sorted keys, amounts) added; keys whose first
    count falls to nothing are dropped (a gram no item has any more). Returns the keys, the columns and where each
    key given went (-1: dropped). Counts never fall below nothing."""
    import numpy as np

    touched = np.unique(np.concatenate([k for k, _ in changes])).astype(keys.dtype)
    at = np.searchsorted(keys, touched)
    present = at < len(keys)
    present[present] = keys[at[present]] == touched[present]
    extra, at = touched[~present], at[~present]
    moved = np.arange(len(keys), dtype=np.int64)
    if len(extra):  # the new keys inserted where they sort: the keys after them move up
        moved += np.searchsorted(at, moved, side="right")
        keys = np.insert(keys, at, extra)
    columns = [np.insert(c.astype(np.int64), at, 0) if len(extra) else c.astype(np.int64) for c in columns]
    for column, (changed, amounts) in zip(columns, changes, strict=True):
        if len(changed):
            column[np.searchsorted(keys, changed)] += amounts
    if any((c < 0).any() for c in columns):
        raise ValueError("a document frequency fell below nothing: the statistics kept do not match their members")
    there = columns[0] > 0
    place = np.cumsum(there) - 1
    return keys[there], [c[there] for c in columns], np.where(there[moved], place[moved], -1)


# ---------------------------------------------------------------- kept beside the cache


def _version() -> str:
    """The digest of the code the counts are made by (the lineage cache's, kg/lineage/cache.py)."""
    from plankg.lineage.cache import versions

    return versions()["statistics"]


def _load(path: Path, version: str) -> Counted | None:
    """The counts kept at path, None when there are none, they are damaged or other code made them."""
    return kept.load(path, version, _counted_of)


def _counted_of(f: Mapping[str, np.ndarray]) -> Counted:
    import numpy as np

    plans = [str(p) for p in f["plans"]]
    keys = [bytes(k) for k in f["keys"].reshape(-1, KEY_BYTES)]
    members = Counter(
        {
            (plans[p], keys[k]): int(n)
            for p, k, n in zip(f["member_plan"].tolist(), f["member_key"].tolist(), f["member_count"].tolist(), strict=True)
        }
    )
    texts = Joined(f["four"], f["two"], f["counts"], f["at4"], f["at2"], f["ix4"].astype(np.int64), f["ix2"].astype(np.int64))
    counts = Counts(
        int(f["items"]),
        int(f["plan_count"]),
        f["g4"],
        f["df4"].astype(np.int64),
        f["pdf4"].astype(np.int64),
        f["g2"],
        f["df2"].astype(np.int64),
        f["held4"].astype(np.int64),
        f["held2"].astype(np.int64),
    )
    return Counted(members, keys, texts, counts)


def _save(path: Path, counted: Counted, version: str) -> None:
    """Keep the counts at path."""
    import numpy as np

    plans = sorted({p for p, _ in counted.members})
    plan_of = {p: n for n, p in enumerate(plans)}
    row = {k: n for n, k in enumerate(counted.keys)}
    members = sorted(counted.members.items())
    t, c = counted.texts, counted.counts
    arrays = {
        "plans": np.array(plans, dtype=str),
        "keys": np.frombuffer(b"".join(counted.keys), dtype=np.uint8).reshape(-1, KEY_BYTES),
        "member_plan": np.array([plan_of[p] for (p, _), _ in members], dtype=np.int32),
        "member_key": np.array([row[k] for (_, k), _ in members], dtype=np.int32),
        "member_count": np.array([n for _, n in members], dtype=np.int32),
        "four": t.four,
        "two": t.two,
        "counts": t.counts,
        "at4": t.at4,
        "at2": t.at2,
        "ix4": t.ix4.astype(np.uint32),
        "ix2": t.ix2.astype(np.uint32),
        "items": np.array(c.items),
        "plan_count": np.array(c.plans),
        "g4": c.g4,
        "df4": c.df4.astype(np.uint32),
        "pdf4": c.pdf4.astype(np.uint32),
        "g2": c.g2,
        "df2": c.df2.astype(np.uint32),
        "held4": c.held4.astype(np.uint32),
        "held2": c.held2.astype(np.uint32),
    }
    kept.save(path, arrays, version)
