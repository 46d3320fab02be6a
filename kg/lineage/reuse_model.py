"""Copied clauses judged by a calibrated model: the features of a pair of items and a logistic regression over them.

The model replaces a hand-set rule whose thresholds no setting could bring to 0.9 precision and recall. It is
trained on the labelled pairs of tests/lineage_labels.json (question `copied`, guideline tests/lineage_labels.md)
by `python -m plankg.lineage.reuse_train`, which cross-validates it by document pair and writes its weights to
kg/data/reuse_model.json; at run time only numpy is needed.

Features of a pair (both texts Simplified, stock phrases, cited titles and digits masked out, punctuation and quote
marks dropped so they never split a shared passage):
- idf_containment: IDF-weighted share of the shorter side's character 4-grams that the other side has (the IDF
  over all the items of the store: a 4-gram every plan writes weighs little), counted fully only when the shorter
  side has about a sentence (passages.WINDOW characters) or more, as cover_short is;
- longest_passage: Han characters of the longest shared passage (log);
- cover_short / cover_long: share of each side covered by shared passages of at least MIN_PASSAGE characters;
- tfidf_cosine: cosine of the character-bigram TF-IDF vectors;
- passage_spread: how many other plans write the longest shared passage too, as a share of the other plans
  (a passage every plan writes is a formula, not a copy), both counted in the sample (the pair's own two plans
  taken for two of its writers);
- title_similarity: difflib ratio of the two items' title sentences;
- policy_wording: the shared wording beyond bare mechanism names, short terms and lists of groups, a passage
  that is one item of a list in either text adding nothing (log; kg/lineage/passages.py `evidence`);
- aligned_density: the largest share of any stretch of about a sentence (passages.WINDOW characters) of either
  side covered by the runs of 4 characters or more the two share in one alignment, bare names of mechanisms left
  out (passages.aligned_density): a clause copied lightly edited inside a long measure is dense there, while the
  other features, read over the whole items, dilute it;
- name_share: the share of the shared runs' characters in runs that end at an instrument's head noun (工程, 中心,
  制度 …; passages.name_share): two items sharing names share an instrument, not necessarily a clause (the
  guideline's "a mechanism name with a generic verb", several names not adding up to a clause).

The corpus statistics (document frequencies) are counted over a sample of the plans (sample): all of them up to
SAMPLE, above that those whose digest falls below the largest power-of-two share of the digests keeping at least
SAMPLE of them. Every item is weighed under them. A frequency moves with every plan counted, and a gram of a common
word is shared by most pairs, so with every plan counted one plan added moved the features of most pairs in their
last digits and their links were written again; with a sample, a plan outside it (seven in eight at a thousand plans)
changes no other pair's features. The sample is a function of the plans alone, so a rebuild and an update agree.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from plankg.lineage.passages import WINDOW, Passage, aligned_density, compare, evidence, name_share, normalised

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import numpy as np

FEATURES = (
    "idf_containment",
    "longest_passage",
    "cover_short",
    "cover_long",
    "tfidf_cosine",
    "passage_spread",
    "title_similarity",
    "policy_wording",
    "aligned_density",
    "name_share",
)
MODEL_FILE = "data/reuse_model.json"
SAMPLE = 64  # plans the statistics are counted over, at least (all of them up to this many)
_TITLE_END = re.compile(r"[。:：;；]")
_ENUMERATOR = re.compile(r"^[(（]?[一二三四五六七八九十\d]+[)）.、]\s*")


@lru_cache(maxsize=8192)
def gram_codes(text: str, n: int, counts: bool = False):
    """The character n-grams (n <= 4) of a normalised text (see passages.normalised) that hold no masked
    character, as sorted unique uint64 codes (n 16-bit code units), with how often each occurs if counts."""
    import numpy as np

    units = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16).astype(np.uint64)
    m = len(units) - n + 1
    if m <= 0:
        empty = np.zeros(0, dtype=np.uint64)
        return (empty, np.zeros(0, dtype=np.int64)) if counts else empty
    codes = np.zeros(m, dtype=np.uint64)
    masked = np.zeros(m, dtype=bool)
    for k in range(n):
        window = units[k : k + m]
        codes |= window << np.uint64(16 * k)
        masked |= window == 0
    found = codes[~masked]
    return np.unique(found, return_counts=True) if counts else np.unique(found)


def item_grams(text: str) -> bytes:
    """What the statistics and the features read of one item: the 4-gram codes of its normalised text, its bigram
    codes and how often each occurs (uint32: a bigram is two 16-bit units), packed. A function of the text alone,
    so that it can be kept (kg/lineage/cache.py)."""
    import numpy as np

    norm = normalised(text)[0]
    four = gram_codes(norm, 4)
    two, counts = gram_codes(norm, 2, counts=True)
    head = np.array([len(four), len(two)], dtype=np.uint32)
    return head.tobytes() + four.tobytes() + two.astype(np.uint32).tobytes() + counts.astype(np.uint32).tobytes()


def _unpack_grams(packed: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import numpy as np

    n4, n2 = np.frombuffer(packed, dtype=np.uint32, count=2).tolist()
    four = np.frombuffer(packed, dtype=np.uint64, count=n4, offset=8)
    two = np.frombuffer(packed, dtype=np.uint32, count=n2, offset=8 + 8 * n4)
    counts = np.frombuffer(packed, dtype=np.uint32, count=n2, offset=8 + 8 * n4 + 4 * n2)
    return four, two, counts


def pair_terms(a: str, b: str, passages: list[Passage], longest: str) -> bytes:
    """What the features of items a and b (texts) need besides the corpus statistics, packed: the features that do
    not depend on them (longest_passage, cover_short, cover_long, title_similarity, policy_wording,
    aligned_density, name_share), and where in
    the two items' item_grams the grams that matter are: the 4-grams both share (in a), the bigrams both share (in a
    and in b), the 4-grams of the longest shared passage (in a: it is a run of a's text). A function of the two texts
    alone (passages and longest are compare's), so that it can be kept; the statistics are then read by position,
    never looked up."""
    import numpy as np

    na, nb = normalised(a)[0], normalised(b)[0]
    ca = gram_codes(na, 4)
    _, ia4, _ = np.intersect1d(ca, gram_codes(nb, 4), assume_unique=True, return_indices=True)
    _, ia2, ib2 = np.intersect1d(gram_codes(na, 2), gram_codes(nb, 2), assume_unique=True, return_indices=True)
    spread = gram_codes(longest, 4) if len(longest) >= 4 else np.zeros(0, dtype=np.uint64)
    il = np.searchsorted(ca, spread)
    if len(spread) and not np.array_equal(ca[np.minimum(il, len(ca) - 1)], spread):
        raise ValueError(f"the longest shared passage is not a run of the first text: {longest!r}")
    han_a, han_b = (sum(1 for ch in t if ch != "\x00") or 1 for t in (na, nb))
    index = normalised(a)[1]
    covered = sum(bisect_left(index, p.a_end) - bisect_left(index, p.a_start) for p in passages)
    shorter, longer = sorted((han_a, han_b))
    fixed = [
        math.log1p(len(longest)),
        min(covered / shorter, 1.0) * _whole(shorter),
        min(covered / longer, 1.0),
        SequenceMatcher(None, title(a), title(b), autojunk=False).ratio(),
        math.log1p(evidence(passages, a, b)),
        aligned_density(a, b),
        name_share(a, b),
    ]
    head = np.array([len(ia4), len(ia2), len(il), shorter], dtype=np.uint32)
    positions = np.concatenate([ia4, ia2, ib2, il]).astype(np.uint32)
    return np.array(fixed, dtype=np.float64).tobytes() + head.tobytes() + positions.tobytes()


_FIXED = (
    "longest_passage",
    "cover_short",
    "cover_long",
    "title_similarity",
    "policy_wording",
    "aligned_density",
    "name_share",
)


def _whole(shorter: int) -> float:
    """How far a share of the shorter item counts (cover_short, idf_containment): fully from about a sentence
    (passages.WINDOW characters) up; a one-line project of twenty characters that shares a term with a long measure
    (培育2家以上儿童福利机构高质量发展示范单位: 以上儿童福利机构) is not half copied."""
    return min(shorter / WINDOW, 1.0)


def _unpack_terms(packed: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """(the statistics-free features, the positions of: the shared 4-grams in a, the shared bigrams in a and in
    b, the longest passage's 4-grams in a; and the Han characters of the shorter item) of pair_terms."""
    import numpy as np

    fixed = np.frombuffer(packed, dtype=np.float64, count=len(_FIXED))
    n4, n2, nl, shorter = np.frombuffer(packed, dtype=np.uint32, count=4, offset=8 * len(_FIXED)).tolist()
    positions = np.frombuffer(packed, dtype=np.uint32, offset=8 * len(_FIXED) + 16).astype(np.int64)
    four, a2, b2 = positions[:n4], positions[n4 : n4 + n2], positions[n4 + n2 : n4 + 2 * n2]
    return fixed, four, a2, b2, positions[n4 + 2 * n2 :], shorter


def sample(plans: Iterable[str]) -> set[str]:
    """The plans the statistics are counted over (see the module's docstring): a plan is in it when the first 64 bits
    of its IRI's SHA-256 fall below 2 ** (64 - j), j the largest keeping at least SAMPLE plans in it. Adding a plan
    changes the sample only when the plan falls in it (one in 2 ** j), or when it halves (j grows: rarely)."""
    digest = {p: int.from_bytes(hashlib.sha256(p.encode()).digest()[:8], "big") for p in set(plans)}
    ordered = sorted(digest.values())
    shift = 64
    while shift > 1 and bisect_left(ordered, 1 << (shift - 1)) >= SAMPLE:
        shift -= 1
    return {p for p, d in digest.items() if d < 1 << shift}


def _sums(values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The sum of each run values[at[n]:at[n + 1]] (nothing for an empty one), added in order: the same bits wherever
    the run sits in values."""
    import numpy as np

    sums = np.zeros(len(at) - 1)
    some = at[1:] > at[:-1]
    if some.any():
        sums[some] = np.add.reduceat(values, at[:-1][some])
    return sums


@dataclass
class Counts:
    """The document frequencies the statistics are made of: how many items (items) and plans (plans) of the sample
    there are, the distinct 4-grams of every item counted (g4, sorted codes) with how many items (df4) and plans
    (pdf4) of the sample have each, the distinct bigrams (g2) with how many items of the sample have each (df2), and
    how many items of any plan have each gram (held4, held2: a gram no item has any more is dropped)."""

    items: int
    plans: int
    g4: np.ndarray
    df4: np.ndarray
    pdf4: np.ndarray
    g2: np.ndarray
    df2: np.ndarray
    held4: np.ndarray
    held2: np.ndarray


@dataclass
class Joined:
    """The item_grams of several texts joined, text after text: their 4-gram codes (four), bigram codes (two) and
    counts, where each text's start (at4, at2: one more than the texts, the last the end), and where each gram is
    in the Counts they are counted in (ix4 in g4, ix2 in g2)."""

    four: np.ndarray
    two: np.ndarray
    counts: np.ndarray
    at4: np.ndarray
    at2: np.ndarray
    ix4: np.ndarray
    ix2: np.ndarray


@dataclass
class _Weighed:
    """Items under the statistics: the IDF of each 4-gram, the TF-IDF of each bigram and the plans writing each
    4-gram, joined item after item in item_grams order (at4, at2: where each item's start), and each item's weight4
    (the sum of its 4-grams' IDF) and norm2 (the norm of its TF-IDF vector)."""

    idf4: np.ndarray
    tfidf: np.ndarray
    plans4: np.ndarray
    at4: np.ndarray
    at2: np.ndarray
    weight4: np.ndarray
    norm2: np.ndarray


def _weighed(
    unpacked: list[tuple[np.ndarray, np.ndarray, np.ndarray]], idf4: np.ndarray, idf2: np.ndarray, plans4: np.ndarray
) -> _Weighed:
    """Items under the statistics, given the IDF and plans of each of their grams. Each item's sums are made over its
    own run of grams (_sums), so a pair's features are the same bits whichever way they are computed."""
    import numpy as np

    counts = _joined([u[2] for u in unpacked], np.uint32)
    return _weighed_joined([len(u[0]) for u in unpacked], [len(u[1]) for u in unpacked], counts, idf4, idf2, plans4)


def _weighed_joined(
    sizes4: Sequence[int] | np.ndarray,
    sizes2: Sequence[int] | np.ndarray,
    counts: np.ndarray,
    idf4: np.ndarray,
    idf2: np.ndarray,
    plans4: np.ndarray,
) -> _Weighed:
    """_weighed of items whose grams come joined, item after item (sizes4, sizes2: how many of each an item has;
    counts: each bigram's count in its item)."""
    import numpy as np

    tfidf = counts.astype(float) * idf2
    at4 = np.r_[0, np.cumsum(sizes4)].astype(np.int64)
    at2 = np.r_[0, np.cumsum(sizes2)].astype(np.int64)
    weight4, norm2 = _sums(idf4, at4), np.sqrt(_sums(tfidf * tfidf, at2))
    return _Weighed(idf4, tfidf, plans4, at4, at2, weight4, norm2)


class Statistics:
    """Document frequencies over the items of the sampled plans (sample: IDF of 4-grams and bigrams, and the plans
    writing each 4-gram, for spread), and every item weighed under them (own). grams: each item's item_grams when
    known (kept by the cache), else made from texts."""

    def __init__(self, texts: list[str], plans: list[str], grams: list[bytes] | None = None) -> None:
        import numpy as np

        packed = grams if grams is not None else [item_grams(t) for t in texts]
        unpacked = [_unpack_grams(g) for g in packed]
        chosen = sample(plans)
        counted = [(u, p) for u, p in zip(unpacked, plans, strict=True) if p in chosen]
        self.items = max(len(counted), 1)
        fours = _joined([u[0] for u, _ in counted], np.uint64)
        self.g4, inverse4, self.df4 = np.unique(fours, return_inverse=True, return_counts=True)
        self.g2, self.df2 = np.unique(_joined([u[1] for u, _ in counted], np.uint32), return_counts=True)
        plan_ids: dict[str, int] = {}
        plan_of = np.array([plan_ids.setdefault(p, len(plan_ids)) for _, p in counted], dtype=np.int64)
        owner = np.repeat(plan_of, [len(u[0]) for u, _ in counted])
        self.plans = len(plan_ids)
        written = np.sort(inverse4.astype(np.int64) * max(self.plans, 1) + owner)  # (4-gram, plan), each once
        written = written[np.r_[True, written[1:] != written[:-1]]] if len(written) else written
        self.p4, self.pdf4 = self.g4, np.bincount(written // max(self.plans, 1), minlength=len(self.g4))
        self.own = self._weigh(unpacked)
        self.rows: np.ndarray | None = None  # own is of the items themselves

    @classmethod
    def counted(cls, counts: Counts, texts: Joined, rows: np.ndarray) -> Statistics:
        """The statistics of items given their counts (statistics.py keeps them up to date as plans come and go):
        the same as those made of the items themselves, bit for bit. texts: the grams of each distinct text, joined;
        rows: each item's text in texts (own is of the texts, each weighed once however many items have it)."""
        import numpy as np

        self = cls.__new__(cls)
        self.items, self.plans = max(counts.items, 1), counts.plans
        some4, some2 = counts.df4 > 0, counts.df2 > 0  # the grams the sample has
        self.g4, self.df4, self.pdf4 = counts.g4[some4], counts.df4[some4], counts.pdf4[some4]
        self.g2, self.df2 = counts.g2[some2], counts.df2[some2]
        self.p4 = self.g4
        # as _weigh looks them up (a gram the sample lacks counts once), by the place of each gram in the counts
        idf4 = np.log((self.items + 1) / np.maximum(counts.df4, 1)[texts.ix4].astype(float))
        idf2 = np.log((self.items + 1) / np.maximum(counts.df2, 1)[texts.ix2].astype(float))
        plans4 = np.maximum(counts.pdf4, 1)[texts.ix4].astype(float)
        self.own = _weighed_joined(np.diff(texts.at4), np.diff(texts.at2), texts.counts, idf4, idf2, plans4)
        self.rows = rows
        return self

    def weighed(self, grams: list[bytes]) -> _Weighed:
        """Other items (their item_grams) weighed under these statistics."""
        return self._weigh([_unpack_grams(g) for g in grams])

    def _weigh(self, unpacked: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> _Weighed:
        """Items weighed under these statistics, their grams looked up (counted does the same by place)."""
        import numpy as np

        fours = _joined([u[0] for u in unpacked], np.uint64)
        idf2 = self.idf2(_joined([u[1] for u in unpacked], np.uint32))
        return _weighed(unpacked, self.idf4(fours), idf2, self._lookup(self.p4, self.pdf4, fours))

    @staticmethod
    def _lookup(keys: np.ndarray, counts: np.ndarray, codes: np.ndarray) -> np.ndarray:
        import numpy as np

        if not len(keys):
            return np.ones(len(codes))
        at = np.clip(np.searchsorted(keys, codes), 0, len(keys) - 1)
        return np.where(keys[at] == codes, counts[at], 1).astype(float)

    def idf4(self, codes: np.ndarray) -> np.ndarray:
        import numpy as np

        return np.log((self.items + 1) / self._lookup(self.g4, self.df4, codes))

    def idf2(self, codes: np.ndarray) -> np.ndarray:
        import numpy as np

        return np.log((self.items + 1) / self._lookup(self.g2, self.df2, codes))

    def features(self, terms: list[bytes], pairs: np.ndarray, weighed: _Weighed | None = None) -> np.ndarray:
        """The features (columns in FEATURES order) of pairs of items (rows of two indexes into weighed, default the
        statistics' own items), given each pair's pair_terms: the grams that matter read by position, all at once."""
        import numpy as np

        w = weighed or self.own
        unpacked = [_unpack_terms(t) for t in terms]
        n = len(unpacked)
        x = np.zeros((n, len(FEATURES)))
        if not n:
            return x
        fixed = np.stack([u[0] for u in unpacked])
        for k, name in enumerate(_FIXED):
            x[:, FEATURES.index(name)] = fixed[:, k]
        a, b = pairs[:, 0], pairs[:, 1]
        if weighed is None and self.rows is not None:  # own is of the distinct texts
            a, b = self.rows[a], self.rows[b]
        sizes4 = np.array([len(u[1]) for u in unpacked], dtype=np.int64)
        sizes2 = np.array([len(u[2]) for u in unpacked], dtype=np.int64)
        sizesl = np.array([len(u[4]) for u in unpacked], dtype=np.int64)
        idf4 = w.idf4[np.repeat(w.at4[a], sizes4) + _joined([u[1] for u in unpacked], np.int64)]
        tfidf = w.tfidf[np.repeat(w.at2[a], sizes2) + _joined([u[2] for u in unpacked], np.int64)]
        tfidf *= w.tfidf[np.repeat(w.at2[b], sizes2) + _joined([u[3] for u in unpacked], np.int64)]
        shared4 = _sums(idf4, np.r_[0, np.cumsum(sizes4)])  # each pair's sums over its own grams, in their order
        shared2 = _sums(tfidf, np.r_[0, np.cumsum(sizes2)])
        weight = np.minimum(w.weight4[a], w.weight4[b])
        whole = np.minimum(np.array([u[5] for u in unpacked], dtype=float) / WINDOW, 1.0)  # _whole of each pair
        x[:, FEATURES.index("idf_containment")] = np.divide(shared4, weight, out=np.zeros(n), where=weight > 0) * whole
        norm = w.norm2[a] * w.norm2[b]
        x[:, FEATURES.index("tfidf_cosine")] = np.divide(shared2, norm, out=np.zeros(n), where=norm > 0)
        writing = w.plans4[np.repeat(w.at4[a], sizesl) + _joined([u[4] for u in unpacked], np.int64)]
        fewest = np.zeros(n)
        if (some := sizesl > 0).any():
            fewest[some] = np.minimum.reduceat(writing, np.r_[0, np.cumsum(sizesl)[:-1]][some])
        if (others := self.plans - 2) > 0:
            x[:, FEATURES.index("passage_spread")] = np.maximum(fewest - 2, 0) / others
        return x


def _joined(arrays: list[np.ndarray], dtype) -> np.ndarray:
    import numpy as np

    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)


def title(text: str) -> str:
    """An item's title sentence (its text up to the first full stop or colon), without its enumerator."""
    body = _ENUMERATOR.sub("", text.strip())
    return _TITLE_END.split(body, 1)[0][:40]


def features(a: str, b: str, passages: list[Passage], longest: str, stats: Statistics) -> dict[str, float]:
    """The features of items a and b (texts), given their shared passages (passages.compare) and the longest, under
    statistics made of items that include them (Statistics.features computes them for many pairs at once)."""
    import numpy as np

    weighed = stats.weighed([item_grams(a), item_grams(b)])
    x = stats.features([pair_terms(a, b, passages, longest)], np.array([[0, 1]]), weighed)
    return dict(zip(FEATURES, x[0].tolist(), strict=True))


@dataclass(frozen=True)
class Model:
    """A logistic regression over standardised features, its default threshold and how it was measured."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    threshold: float
    measured: dict

    def contributions(self, x: dict[str, float]) -> dict[str, float]:
        """Each feature's term in the log-odds (coefficient times standardised value)."""
        return {f: c * (x[f] - m) / s for f, m, s, c in zip(FEATURES, self.mean, self.scale, self.coef, strict=True)}

    def probability(self, x: dict[str, float]) -> float:
        z = self.intercept + sum(self.contributions(x).values())
        return 1 / (1 + math.exp(-max(min(z, 40.0), -40.0)))

    def contribution_matrix(self, x: np.ndarray) -> np.ndarray:
        """contributions of many pairs at once (rows of features in FEATURES order)."""
        import numpy as np

        return np.asarray(self.coef) * (x - np.asarray(self.mean)) / np.asarray(self.scale)

    def probabilities(self, contributions: np.ndarray) -> list[float]:
        """probability of many pairs, given their contribution_matrix: the same bits as probability's (the
        contributions added in FEATURES order, math.exp)."""
        import numpy as np

        total = np.zeros(len(contributions))
        for column in contributions.T:
            total = total + column
        return [1 / (1 + math.exp(-max(min(z, 40.0), -40.0))) for z in (self.intercept + total).tolist()]

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "mean": list(self.mean),
            "scale": list(self.scale),
            "coef": list(self.coef),
            "intercept": self.intercept,
            "threshold": self.threshold,
            "measured": self.measured,
        }


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The model trained on the labelled pairs (kg/data/reuse_model.json)."""
    data = json.loads(resources.files("plankg").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE}: trained on features {data['features']}, this code computes {list(FEATURES)}")
    return Model(
        tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]), data["intercept"], data["threshold"], data["measured"]
    )


def fit(x: np.ndarray, y: np.ndarray, c: float = 1.0, threshold: float = 0.5, measured: dict | None = None) -> Model:
    """L2-regularised logistic regression (scikit-learn's LogisticRegression(C=c) objective) by Newton's method."""
    import numpy as np

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) / c
    penalty[0, 0] = 0.0  # the intercept is not penalised
    for _ in range(100):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) + penalty @ w
        hess = z.T @ (z * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return Model(tuple(mean.tolist()), tuple(scale.tolist()), tuple(w[1:].tolist()), float(w[0]), threshold, measured or {})


def score(a: str, b: str, stats: Statistics, model: Model | None = None) -> tuple[float, dict[str, float], tuple[Passage, ...]]:
    """(probability that a and b share a copied clause, features, shared passages) of two item texts."""
    model = model or shipped()
    passages, longest = compare(a, b)
    x = features(a, b, passages, longest, stats)
    return model.probability(x), x, tuple(passages)
