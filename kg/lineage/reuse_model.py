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


class Statistics:
    """Document frequencies over the store's items (IDF of 4-grams and bigrams) and over its plans (spread)."""

    def __init__(self, texts: list[str], plans: list[str]) -> None:
        import numpy as np

        self.items = max(len(texts), 1)
        norm = [normalised(t)[0] for t in texts]
        fours = [gram_codes(t, 4) for t in norm]
        self.g4, self.df4 = self._df(fours)
        self.g2, self.df2 = self._df([gram_codes(t, 2) for t in norm])
        by_plan: dict[str, list[np.ndarray]] = {}
        for plan, codes in zip(plans, fours, strict=True):
            by_plan.setdefault(plan, []).append(codes)
        self.plans = len(by_plan)
        self.p4, self.pdf4 = self._df([np.unique(np.concatenate(c)) for c in by_plan.values()])

    @staticmethod
    def _df(code_sets: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        if not code_sets:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint64)
        return np.unique(np.concatenate(code_sets), return_counts=True)

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

    def plans_writing(self, text: str) -> int:
        """An upper bound of the plans whose items contain text: the fewest plans any of its 4-grams occurs in."""
        codes = gram_codes(text, 4)
        return int(self._lookup(self.p4, self.pdf4, codes).min()) if len(codes) else 0


def title(text: str) -> str:
    """An item's title sentence (its text up to the first full stop or colon), without its enumerator."""
    body = _ENUMERATOR.sub("", text.strip())
    return _TITLE_END.split(body, 1)[0][:40]


def features(a: str, b: str, passages: list[Passage], longest: str, stats: Statistics) -> dict[str, float]:
    """The features of items a and b (texts), given their shared passages (passages.compare) and the longest."""
    import numpy as np

    na, nb = normalised(a)[0], normalised(b)[0]
    ca, cb = gram_codes(na, 4), gram_codes(nb, 4)
    shared = np.intersect1d(ca, cb, assume_unique=True)
    weight = min(stats.idf4(ca).sum(), stats.idf4(cb).sum())
    idf_containment = float(stats.idf4(shared).sum() / weight) if weight > 0 else 0.0
    a2, b2 = gram_codes(na, 2, counts=True), gram_codes(nb, 2, counts=True)
    cosine = _cosine(a2, b2, stats)
    han_a, han_b = (sum(1 for ch in t if ch != "\x00") or 1 for t in (na, nb))
    index = normalised(a)[1]
    covered = sum(bisect_left(index, p.a_end) - bisect_left(index, p.a_start) for p in passages)
    shorter, longer = sorted((han_a, han_b))
    others = stats.plans - 2
    spread = (max(stats.plans_writing(longest) - 2, 0) / others) if others > 0 and len(longest) >= 4 else 0.0
    return {
        "idf_containment": idf_containment,
        "longest_passage": math.log1p(len(longest)),
        "cover_short": min(covered / shorter, 1.0),
        "cover_long": min(covered / longer, 1.0),
        "tfidf_cosine": cosine,
        "passage_spread": spread,
        "title_similarity": SequenceMatcher(None, title(a), title(b), autojunk=False).ratio(),
        "policy_wording": math.log1p(evidence(passages)),
    }


def _cosine(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray], stats: Statistics) -> float:
    import numpy as np

    (ka, ta), (kb, tb) = a, b
    if not len(ka) or not len(kb):
        return 0.0
    wa, wb = ta * stats.idf2(ka), tb * stats.idf2(kb)
    _, ia, ib = np.intersect1d(ka, kb, assume_unique=True, return_indices=True)
    norm = float(np.linalg.norm(wa) * np.linalg.norm(wb))
    return float((wa[ia] * wb[ib]).sum() / norm) if norm > 0 else 0.0


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
