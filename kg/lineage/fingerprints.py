"""What the text-reuse search compares of one text: jieba words, the shingles of its clauses, their MinHash
signatures, and the hashes of its runs of SHARED_RUN normalised characters.

Each is a function of the text alone, so the lineage cache (kg/lineage/cache.py) keeps it by the text and by this
module's code: a change to how candidates are drawn or scored (kg/lineage/textreuse.py) keeps them.

The MinHash signatures are datasketch's (2.x, scheme affine32, seed 1: SHA-1 of the shingle, MurmurHash3
finalizer, h -> a*h + b mod 2^32) computed here with numpy for all clauses at once: importing datasketch pulls
in scipy, which cost more than the whole computation (tests/test_textreuse.py checks the two agree).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from itertools import islice

from plankg.lineage.passages import mask, normalised

NUM_PERM = 128
SEED = 1
LSH_THRESHOLD = 0.3  # LSH only proposes candidates, scoring decides
BANDS, ROWS = 37, 3  # datasketch's optimal banding of NUM_PERM permutations for LSH_THRESHOLD (MinHashLSH .b, .r)
SIGNATURE_BYTES = BANDS * ROWS * 4  # the bands of one clause's MinHash signature (uint32 values)
SIGNATURE_CHUNK = 4096  # clause signatures computed by one numpy operation (about 60k shingles: 27 MB)
MIN_CLAUSE = 6
SHARED_RUN = 8  # normalised characters two items must share in one run to be a candidate whatever LSH says

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_CLAUSE_END = re.compile(r"[。;；,，:：!！?？\n]")


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(resources.files("plankg").joinpath("data/userdict.txt")))
    return tokenizer


def words(text: str) -> list[str]:
    """jieba words of a Simplified text, every character kept (their lengths add up to the text's)."""
    return _jieba().lcut(text)


def tokens(text: str) -> list[str]:
    """jieba words of a Simplified text, punctuation and spaces left out."""
    return [w for w in _jieba().lcut(text) if _WORD.search(w)]


def shingles(text: str) -> set[str]:
    """Word bigrams (and the words of very short texts), the sets MinHash compares."""
    words = tokens(text)
    if len(words) < 3:
        return set(words)
    return {a + " " + b for a, b in zip(words, words[1:], strict=False)}


def clauses(text: str) -> list[str]:
    """The clauses of a text (split at 。；，：), long enough to carry a policy; reuse is clause-sized."""
    return [c for c in _CLAUSE_END.split(text) if len(_HAN.findall(c)) >= MIN_CLAUSE]


def _shingle_hash(shingle: str) -> int:
    """datasketch's sha1_hash32 of the shingle, premixed by the MurmurHash3 32-bit finalizer (its fmix)."""
    h = int.from_bytes(hashlib.sha1(shingle.encode("utf-8")).digest()[:4], "little")
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    return h ^ (h >> 16)


@lru_cache(maxsize=1)
def _permutations():
    """The (a, b) of datasketch's affine32 permutations for SEED, drawn for NUM_PERM, those the bands use."""
    import numpy as np

    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a[: BANDS * ROWS], b[: BANDS * ROWS]


def band_keys(shingled: Iterable[tuple[int, set[str]]]) -> Iterator[tuple[int, list[int]]]:
    """(owner, a hash of each band of the MinHash signature) of each (owner, non-empty shingle set), in order."""
    width = ROWS * 4
    for owner, raw in clause_signatures(shingled):
        yield owner, [hash(raw[k : k + width]) for k in range(0, BANDS * width, width)]


def clause_signatures(shingled: Iterable[tuple[int, set[str]]]) -> Iterator[tuple[int, bytes]]:
    """(owner, the bands of the MinHash signature as SIGNATURE_BYTES bytes) of each (owner, non-empty shingle set),
    in order.

    Signatures are computed SIGNATURE_CHUNK sets at a time, so memory stays bounded however many clauses.
    """
    import numpy as np

    a, b = _permutations()
    entries = iter(shingled)
    while chunk := list(islice(entries, SIGNATURE_CHUNK)):
        hashes = np.array([_shingle_hash(g) for _, grams in chunk for g in grams], dtype=np.uint32)
        starts = np.cumsum([0] + [len(grams) for _, grams in chunk[:-1]])
        raw = np.minimum.reduceat(hashes[:, None] * a + b, starts, axis=0).tobytes()
        for n, (owner, _) in enumerate(chunk):
            yield owner, raw[n * SIGNATURE_BYTES : (n + 1) * SIGNATURE_BYTES]


def signatures(texts: list[str]) -> list[bytes]:
    """Each text's clause signatures one after the other (SIGNATURE_BYTES each): what lsh_pairs compares, a
    function of the text alone, so that it can be kept (kg/lineage/cache.py)."""
    found = [bytearray() for _ in texts]
    for i, raw in clause_signatures(_shingled_clauses(texts)):
        found[i] += raw
    return [bytes(f) for f in found]


def _shingled_clauses(texts: list[str]) -> Iterator[tuple[int, set[str]]]:
    for i, text in enumerate(texts):
        for clause in clauses(mask(text, " ")):
            grams = shingles(clause)
            if grams:
                yield i, grams


def run_hashes(text: str) -> bytes:
    """The distinct hashes of the runs of SHARED_RUN normalised characters of a text holding no masked character
    (sorted uint64 values), what shared_run_pairs compares: a function of the text alone, so that it can be kept."""
    import numpy as np

    units = np.frombuffer(normalised(text)[0].encode("utf-16-le"), dtype=np.uint16).astype(np.uint64)
    m = len(units) - SHARED_RUN + 1
    if m <= 0:
        return b""
    h = np.zeros(m, dtype=np.uint64)
    masked = np.zeros(m, dtype=bool)
    for k in range(SHARED_RUN):
        window = units[k : k + m]
        h = h * np.uint64(1_000_003) + window
        masked |= window == 0
    return np.unique(h[~masked]).tobytes()


def load_dictionary() -> None:
    """Load jieba's dictionary (half a second): in the worker process, before its first search."""
    _jieba()
