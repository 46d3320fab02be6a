"""Copied clauses judged by a calibrated model: the features of a pair of items and a logistic regression over them.

The model replaces a hand-set rule whose thresholds no setting could bring to 0.9 precision and recall. It is
trained on the labelled pairs of tests/lineage_labels.json (question `copied`, guideline tests/lineage_labels.md)
by `python -m plankg.lineage.reuse_train`, which cross-validates it by document pair and writes its weights to
kg/data/reuse_model.json; at run time only numpy is needed.

Features of a pair (both texts Simplified, stock phrases, cited titles and digits masked out, punctuation and quote
marks dropped so they never split a shared passage):
- idf_containment: IDF-weighted share of the shorter side's character 4-grams that the other side has (the IDF
  over all the items of the store: a 4-gram every plan writes weighs little);
- longest_passage: Han characters of the longest shared passage (log);
- cover_short / cover_long: share of each side covered by shared passages of at least MIN_PASSAGE characters;
- tfidf_cosine: cosine of the character-bigram TF-IDF vectors;
- passage_spread: how many other plans write the longest shared passage too, as a share of the other plans
  (a passage every plan writes is a formula, not a copy);
- title_similarity: difflib ratio of the two items' title sentences;
- policy_wording: the shared wording beyond bare mechanism names, short terms and lists of groups (log;
  kg/lineage/passages.py `evidence`).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from plankg.lineage.passages import Passage, compare, evidence, normalised

if TYPE_CHECKING:
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
)
MODEL_FILE = "data/reuse_model.json"
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
    not depend on them (longest_passage, cover_short, cover_long, title_similarity, policy_wording), the 4-grams
    both share, the 4-grams of the longest shared passage, the bigrams both share with their counts on each side.
    A function of the two texts alone (passages and longest are compare's), so that it can be kept."""
    import numpy as np

    na, nb = normalised(a)[0], normalised(b)[0]
    shared4 = np.intersect1d(gram_codes(na, 4), gram_codes(nb, 4), assume_unique=True)
    (ka, ta), (kb, tb) = gram_codes(na, 2, counts=True), gram_codes(nb, 2, counts=True)
    shared2, ia, ib = np.intersect1d(ka, kb, assume_unique=True, return_indices=True)
    counts = np.concatenate([ta[ia], tb[ib]]).astype(np.float64)
    spread = gram_codes(longest, 4) if len(longest) >= 4 else np.zeros(0, dtype=np.uint64)
    han_a, han_b = (sum(1 for ch in t if ch != "\x00") or 1 for t in (na, nb))
    index = normalised(a)[1]
    covered = sum(bisect_left(index, p.a_end) - bisect_left(index, p.a_start) for p in passages)
    shorter, longer = sorted((han_a, han_b))
    fixed = [
        math.log1p(len(longest)),
        min(covered / shorter, 1.0),
        min(covered / longer, 1.0),
        SequenceMatcher(None, title(a), title(b), autojunk=False).ratio(),
        math.log1p(evidence(passages)),
    ]
    head = np.array([len(shared4), len(shared2), len(spread)], dtype=np.uint32)
    return (
        np.array(fixed, dtype=np.float64).tobytes()
        + head.tobytes()
        + b"\0" * 4
        + shared4.tobytes()
        + spread.tobytes()
        + counts.tobytes()
        + shared2.astype(np.uint32).tobytes()
    )


_FIXED = ("longest_passage", "cover_short", "cover_long", "title_similarity", "policy_wording")


def _unpack_terms(packed: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(the statistics-free features, shared 4-grams, 4-grams of the longest passage, the shared bigrams' counts
    in a then in b, shared bigrams) of pair_terms."""
    import numpy as np

    fixed = np.frombuffer(packed, dtype=np.float64, count=len(_FIXED))
    at = 8 * len(_FIXED)
    n4, n2, nl = np.frombuffer(packed, dtype=np.uint32, count=3, offset=at).tolist()
    at += 16
    shared4 = np.frombuffer(packed, dtype=np.uint64, count=n4, offset=at)
    spread = np.frombuffer(packed, dtype=np.uint64, count=nl, offset=at + 8 * n4)
    counts = np.frombuffer(packed, dtype=np.float64, count=2 * n2, offset=at + 8 * (n4 + nl))
    shared2 = np.frombuffer(packed, dtype=np.uint32, count=n2, offset=at + 8 * (n4 + nl + 2 * n2))
    return fixed, shared4, spread, counts, shared2


class Statistics:
    """Document frequencies over the store's items (IDF of 4-grams and bigrams) and over its plans (spread), and
    what each of those items weighs under them (weight4: the sum of its 4-grams' IDF; norm2: the norm of its
    bigram TF-IDF vector). grams: each item's item_grams when known (kept by the cache), else made from texts."""

    def __init__(self, texts: list[str], plans: list[str], grams: list[bytes] | None = None) -> None:
        import numpy as np

        packed = grams if grams is not None else [item_grams(t) for t in texts]
        unpacked = [_unpack_grams(g) for g in packed]
        self.items = max(len(unpacked), 1)
        fours = [u[0] for u in unpacked]
        self.g4, inverse4, self.df4 = np.unique(_joined(fours, np.uint64), return_inverse=True, return_counts=True)
        twos = _joined([u[1] for u in unpacked], np.uint32)
        self.g2, inverse2, self.df2 = np.unique(twos, return_inverse=True, return_counts=True)
        idf4 = np.log((self.items + 1) / self.df4[inverse4].astype(float))  # idf4() of every item's 4-grams
        idf2 = np.log((self.items + 1) / self.df2[inverse2].astype(float))
        self.weight4, self.norm2 = _weights(unpacked, idf4, idf2)
        by_plan: dict[str, list[np.ndarray]] = {}
        for plan, codes in zip(plans, fours, strict=True):
            by_plan.setdefault(plan, []).append(codes)
        self.plans = len(by_plan)
        self.p4, self.pdf4 = np.unique(
            _joined([np.unique(np.concatenate(c)) for c in by_plan.values()], np.uint64), return_counts=True
        )

    def weights(self, unpacked: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
        """weight4 and norm2 of items (their unpacked item_grams) under these statistics."""
        import numpy as np

        idf4 = self.idf4(_joined([u[0] for u in unpacked], np.uint64))
        return _weights(unpacked, idf4, self.idf2(_joined([u[1] for u in unpacked], np.uint32)))

    @staticmethod
    def _lookup(keys: np.ndarray, counts: np.ndarray, codes: np.ndarray) -> np.ndarray:
        import numpy as np

        if not len(keys):
            return np.ones(len(codes))
        distinct, inverse = np.unique(codes, return_inverse=True)  # sorted queries: the table is read in order
        at = np.clip(np.searchsorted(keys, distinct), 0, len(keys) - 1)
        return np.where(keys[at] == distinct, counts[at], 1).astype(float)[inverse]

    def idf4(self, codes: np.ndarray) -> np.ndarray:
        import numpy as np

        return np.log((self.items + 1) / self._lookup(self.g4, self.df4, codes))

    def idf2(self, codes: np.ndarray) -> np.ndarray:
        import numpy as np

        return np.log((self.items + 1) / self._lookup(self.g2, self.df2, codes))

    def plans_writing(self, text: str) -> int:
        """An upper bound of the plans whose items contain text: the fewest plans any of its 4-grams occurs in."""
        codes = gram_codes(text, 4)
        return int(self._lookup(self.p4, self.pdf4, codes).min()) if len(codes) else 0

    def features(self, terms: list[bytes], weight4: np.ndarray, norm2: np.ndarray) -> np.ndarray:
        """The features (columns in FEATURES order) of pairs, given each pair's pair_terms and its two items'
        weight4 and norm2 (arrays of two columns), all pairs at once: one lookup of every shared gram."""
        import numpy as np

        unpacked = [_unpack_terms(t) for t in terms]
        n = len(unpacked)
        x = np.zeros((n, len(FEATURES)))
        if not n:
            return x
        fixed = np.stack([u[0] for u in unpacked])
        for k, name in enumerate(_FIXED):
            x[:, FEATURES.index(name)] = fixed[:, k]
        idf4 = self.idf4(_joined([u[1] for u in unpacked], np.uint64))
        idf2 = self.idf2(_joined([u[4] for u in unpacked], np.uint32))
        counts = [u[3] for u in unpacked]
        tfidf_a = _joined([c[: len(c) // 2] for c in counts], np.float64) * idf2
        tfidf_b = _joined([c[len(c) // 2 :] for c in counts], np.float64) * idf2
        at4 = at2 = 0
        containment, cosine = x[:, FEATURES.index("idf_containment")], x[:, FEATURES.index("tfidf_cosine")]
        for k, (_, shared4, _, _, shared2) in enumerate(unpacked):  # each pair's sums over its own array, in order
            weight = min(weight4[k, 0], weight4[k, 1])
            if weight > 0:
                containment[k] = float(idf4[at4 : at4 + len(shared4)].sum() / weight)
            norm = float(norm2[k, 0] * norm2[k, 1])
            if norm > 0:
                end = at2 + len(shared2)
                cosine[k] = float((tfidf_a[at2:end] * tfidf_b[at2:end]).sum() / norm)
            at4, at2 = at4 + len(shared4), at2 + len(shared2)
        sizes = np.array([len(u[2]) for u in unpacked], dtype=np.int64)
        writing = self._lookup(self.p4, self.pdf4, _joined([u[2] for u in unpacked], np.uint64))
        fewest = np.zeros(n)
        if (some := sizes > 0).any():
            fewest[some] = np.minimum.reduceat(writing, np.r_[0, np.cumsum(sizes)[:-1]][some])
        if (others := self.plans - 2) > 0:
            x[:, FEATURES.index("passage_spread")] = np.maximum(fewest - 2, 0) / others
        return x


def _weights(
    unpacked: list[tuple[np.ndarray, np.ndarray, np.ndarray]], idf4: np.ndarray, idf2: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """weight4 and norm2 of items given the IDF of each of their grams (joined in order). Each item's sums are
    numpy's over its own array, as one pair's features() sums them, so a pair's features are the same bits whichever
    way they are computed."""
    import numpy as np

    tfidf = _joined([u[2] for u in unpacked], np.uint32).astype(float) * idf2
    weight4, norm2 = np.zeros(len(unpacked)), np.zeros(len(unpacked))
    at4 = at2 = 0
    for n, (four, two, _) in enumerate(unpacked):
        weight4[n] = idf4[at4 : at4 + len(four)].sum()
        norm2[n] = np.linalg.norm(tfidf[at2 : at2 + len(two)].copy())
        at4, at2 = at4 + len(four), at2 + len(two)
    return weight4, norm2


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
    weight4, norm2 = stats.weights([_unpack_grams(item_grams(a)), _unpack_grams(item_grams(b))])
    x = stats.features([pair_terms(a, b, passages, longest)], weight4[None, :], norm2[None, :])
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
