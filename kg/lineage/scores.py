"""The copied-clause results of the candidate pairs, kept beside the lineage cache while the statistics' sample stands.

A pair's result (whether the model links it, with what probability and drivers) is a function of its two texts, of the
statistics (reuse_model.Statistics: document frequencies over the items of the sampled plans, reuse_model.sample),
of the model and of the least probability linked. The statistics are a function of the sample's members (each
sampled plan's texts and how many of its items have each: statistics.sample_digest), so a plan added or removed
outside the sample (seven in eight at a thousand plans) leaves every other pair's result as it was. The results of the
pairs last scored are kept (STATE_FILE) under a stamp of the four (the code's version, the model file's digest, the
least probability and the sample's digest); an update scores only the pairs it does not find there (those of a new or
changed text, or newly stated), and every pair when the stamp differs (the sample moved, the model was retrained,
other code). A missing, damaged or foreign file is read as none: every pair is scored, the same results, slower.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from plankg.lineage import kept, reuse_model

if TYPE_CHECKING:
    import numpy as np

STATE_FILE = "lineage-scores.npz"  # beside the lineage cache, in the store's folder
KEY_BYTES = 40  # a pair's key: the keys of its two texts (cache.text_key), joined (no digest made of each pair)

Drivers = tuple[tuple[str, float, float], ...]  # textreuse.Reuse.drivers
Result = tuple[float, Drivers] | None  # a link's probability and drivers; None: the pair is no link


def stamp(sample: str, min_score: float | None) -> str:
    """What the kept results are a function of besides the texts: the code, the model, the least probability linked
    (None: the model's threshold) and the statistics' sample (its digest)."""
    return hashlib.sha256(f"{_version()} {_model_digest()} {min_score!r} {sample}".encode()).hexdigest()[:32]


def load(folder: Path, stamped: str) -> dict[bytes, Result] | None:
    """The results kept in folder under the stamp given (pair key -> result), None when there are none, they are
    damaged or kept under another stamp."""
    return kept.load(folder / STATE_FILE, stamped, _results_of)


def save(folder: Path, stamped: str, results: Mapping[bytes, Result]) -> None:
    """Keep the results (pair key -> result) in folder under the stamp."""
    import numpy as np

    keys = list(results)
    links = [n for n, k in enumerate(keys) if results[k] is not None]
    found = [results[keys[n]] for n in links]
    names = {name: n for n, name in enumerate(reuse_model.FEATURES)}
    arrays = {
        "keys": np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, KEY_BYTES),
        "links": np.array(links, dtype=np.int64),
        "scores": np.array([r[0] for r in found if r], dtype=np.float64),
        "features": np.array([[names[d[0]] for d in r[1]] for r in found if r], dtype=np.uint8).reshape(-1, len(names)),
        "values": np.array([[d[1] for d in r[1]] for r in found if r], dtype=np.float64).reshape(-1, len(names)),
        "contributions": np.array([[d[2] for d in r[1]] for r in found if r], dtype=np.float64).reshape(-1, len(names)),
    }
    kept.save(folder / STATE_FILE, arrays, stamped)


def forget(folder: Path) -> None:
    """Forget the results kept in folder and the sample's counts they were scored under (a full rebuild reads nothing
    kept, and a rebuild whose worker process scores every pair keeps none)."""
    from plankg.lineage.statistics import SAMPLE_FILE

    for name in (STATE_FILE, SAMPLE_FILE):
        (folder / name).unlink(missing_ok=True)


def _results_of(arrays: Mapping[str, np.ndarray]) -> dict[bytes, Result] | None:
    """The results of the arrays kept, None when they do not fit together (a damaged file)."""
    keys = [bytes(k) for k in arrays["keys"].reshape(-1, KEY_BYTES)]
    links, scores = arrays["links"].tolist(), arrays["scores"].tolist()
    features, values, contributions = arrays["features"].tolist(), arrays["values"].tolist(), arrays["contributions"].tolist()
    if not len(links) == len(scores) == len(features) == len(values) == len(contributions) or max(links, default=-1) >= len(keys):
        return None
    if any(sorted(row) != list(range(len(reuse_model.FEATURES))) for row in features):  # each feature once
        return None
    results: dict[bytes, Result] = dict.fromkeys(keys)
    for n, link in enumerate(links):
        drivers = tuple((reuse_model.FEATURES[f], v, c) for f, v, c in zip(features[n], values[n], contributions[n], strict=True))
        results[keys[link]] = (scores[n], drivers)
    return results


def _version() -> str:
    """The digest of the code the results are made by (the lineage cache's, kg/lineage/cache.py)."""
    from plankg.lineage.cache import versions

    return versions()["scores"]


@lru_cache(maxsize=1)
def _model_digest() -> str:
    """The digest of the copied-clause model's file (kg/data/reuse_model.json): retrained, every pair is scored again."""
    from importlib import resources

    return hashlib.sha256(resources.files("plankg").joinpath(reuse_model.MODEL_FILE).read_bytes()).hexdigest()[:16]
