"""Text reuse between measures and projects of different plans: candidates by MinHash LSH, then exact passages.

Candidate pairs come from a MinHash LSH index over jieba word-bigram shingles of each clause of the Simplified
text (reuse is clause-sized: a city copies a sentence, not a paragraph), so the work grows with the number of
clauses, not with the number of pairs. Each candidate is then scored precisely by kg/passages.py: the passages
the two texts share and the decision rule over them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from plankg.passages import Passage, compare, is_reuse, mask

METHOD = "jieba-minhash-lsh/difflib-passages"
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # LSH only proposes candidates, scoring decides

_HAN = re.compile(r"[\u4e00-\u9fff]")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_CLAUSE_END = re.compile(r"[。;；,，:：!！?？\n]")
MIN_CLAUSE = 6
MAX_NEIGHBOURS = 32  # a clause with this many near-duplicates already indexed is boilerplate: not indexed again


@dataclass(frozen=True)
class Item:
    """A measure or project: its IRI, plan, Simplified text and where that text starts in its source."""

    iri: str
    plan: str
    kind: str  # "measure" | "project"
    text: str
    source: str  # the pk:SourceDocument node its offsets index
    start: int


@dataclass(frozen=True)
class Reuse:
    """A scored reuse link between items a and b (indexes into the item list)."""

    a: int
    b: int
    score: float
    passages: tuple[Passage, ...]


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(resources.files("plankg").joinpath("data/userdict.txt")))
    return tokenizer


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


def candidate_pairs(items: list[Item], threshold: float = LSH_THRESHOLD) -> set[tuple[int, int]]:
    """Pairs of items of different plans with a clause each that MinHash LSH buckets together (never all pairs).

    The banding is datasketch's optimum for the threshold; the buckets are plain dicts keyed by a hash of the band
    holding a clause number, a list only when clauses collide (the same candidates as datasketch's MinHashLSH,
    without its per-band byte swapping, the bulk of its time, and at a fraction of its memory).
    A clause that already has MAX_NEIGHBOURS near-duplicates in the index still pairs with them but is not
    indexed itself, so a formula repeated by every plan costs each plan a bounded number of candidates instead
    of one per earlier plan; its repeaters stay connected through the indexed ones.
    """
    from datasketch import MinHash, MinHashLSH

    bands = MinHashLSH(threshold=threshold, num_perm=NUM_PERM).hashranges
    buckets: list[dict[int, int | list[int]]] = [{} for _ in bands]  # band hash -> clause, or clauses
    template = MinHash(num_perm=NUM_PERM)  # permutations drawn once, shared by every signature
    owner: list[int] = []
    pairs: set[tuple[int, int]] = set()
    for i, item in enumerate(items):
        for clause in clauses(mask(item.text, " ")):
            grams = shingles(clause)
            if not grams:
                continue
            sig = MinHash(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme)
            sig.update_batch([g.encode("utf-8") for g in grams])
            keys = [hash(sig.hashvalues[start:end].tobytes()) for start, end in bands]
            near: set[int] = set()
            for bucket, key in zip(buckets, keys, strict=True):
                found = bucket.get(key)
                if isinstance(found, int):
                    near.add(found)
                elif found:
                    near.update(found)
            for key in near:
                j = owner[key]
                if items[j].plan != item.plan:
                    pairs.add((j, i))
            if len(near) < MAX_NEIGHBOURS:
                for bucket, key in zip(buckets, keys, strict=True):
                    found = bucket.get(key)
                    if found is None:
                        bucket[key] = len(owner)
                    elif isinstance(found, int):
                        bucket[key] = [found, len(owner)]
                    else:
                        found.append(len(owner))
                owner.append(i)
    return pairs


def score_pairs(items: list[Item], pairs: set[tuple[int, int]]) -> list[Reuse]:
    """The candidate pairs that pass the decision rule, scored, with their shared passages."""
    links = []
    for a, b in sorted(pairs):
        score, passages = compare(items[a].text, items[b].text)
        if is_reuse(score, passages):
            links.append(Reuse(a, b, round(score, 4), tuple(passages)))
    return links


def find_reuse(items: list[Item]) -> list[Reuse]:
    """Scored reuse links among items of different plans."""
    return score_pairs(items, candidate_pairs(items))
