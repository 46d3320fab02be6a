"""What the worker process computes for an update of the lineage graph (plankg.lineage.worker): the instrument
mentions of the new texts and the candidate pairs (kg/lineage/redraw.py). Kept apart from kg/lineage/graph.py, so
that the worker imports only what these need (not the graph's writing, the loaders, rdflib: 0.3-0.5 s of CPU a
build)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from plankg.lineage import fingerprints, instruments, redraw, textreuse
from plankg.lineage.cache import LineageCache, text_key, unknown

if TYPE_CHECKING:
    from pathlib import Path

    import numpy as np

Drawn = tuple["np.ndarray", list[bytes], list[int], list[bytes]]


def mention_rows(texts: list[str]) -> list[list]:
    """The instrument mentions of each text as kept (jieba's work: on the worker process when there is one)."""
    return [[m.row() for m in instruments.mentions(text)] for text in texts]


def drawn(
    path: Path, items: list[textreuse.Item], unsigned: list[int], places: textreuse.Places, folder: Path | None, full: bool
) -> Drawn:
    """On the worker process: the candidate pairs of items (textreuse.candidate_codes: those kept in folder updated,
    kg/lineage/redraw.py; full: drawn from scratch), the signatures and run hashes of their texts read from the cache
    (path, read only) as the update needs them, those of the new texts made here. Returns the codes, the signatures
    of the texts unsigned (positions in items), and the positions of the items whose run hashes were not kept with
    those hashes, for the caller to keep."""
    cache = LineageCache.reading(path)
    try:
        made = Made(items, unsigned, cache)
        codes = redraw.candidates(items, made.texts, places, folder, known_of(cache), full)
        return codes, made.signed, made.unhashed, made.hashed
    finally:
        cache.close()


class Made:
    """The signatures of the texts unsigned (positions in items) and the run hashes of the texts the cache keeps none
    of, made now; texts: the signatures and run hashes of items (redraw.Texts), those made or kept."""

    def __init__(self, items: list[textreuse.Item], unsigned: list[int], cache: LineageCache) -> None:
        self.keys = [text_key(item.text) for item in items]
        self.cache = cache
        self.signed = fingerprints.signatures([items[n].text for n in unsigned])
        self.unhashed = unknown(self.keys, dict.fromkeys(cache.have("runs", self.keys)))
        self.hashed = [fingerprints.run_hashes(items[n].text) for n in self.unhashed]
        self.made_signed = dict(zip((self.keys[n] for n in unsigned), self.signed, strict=True))
        self.made_hashed = dict(zip((self.keys[n] for n in self.unhashed), self.hashed, strict=True))

    def texts(self, positions: Sequence[int]) -> tuple[list[bytes], list[bytes]]:
        """The signatures and run hashes of the items at positions: made now, or read from the cache."""
        wanted = [self.keys[n] for n in positions]
        signed = self.cache.known("minhash", [k for k in wanted if k not in self.made_signed])
        hashed = self.cache.known("runs", [k for k in wanted if k not in self.made_hashed])
        signed.update(self.made_signed)
        hashed.update(self.made_hashed)
        return [signed[k] for k in wanted], [hashed[k] for k in wanted]


def known_of(cache: LineageCache) -> redraw.Known:
    """What the cache keeps of texts for the candidates (redraw.Known): their signatures and run hashes."""
    return lambda keys: (cache.known("minhash", keys), cache.known("runs", keys))
