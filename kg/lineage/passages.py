"""The passages two item texts share, on a normalised projection that keeps every offset of the original.

Stock phrases, cited titles and digits are masked out (sharing them is not reuse), and punctuation, quote marks
and spaces are dropped before the comparison, so that 实施“养老服务+行业”行动 and 实施养老服务+行业行动 share one
passage and a passage does not stop at a comma one side has and the other has not. Each passage is mapped back
to exact spans of both original texts. Whether the passages make a copied clause is the model's decision
(kg/lineage/reuse_model.py); `evidence` here is one of its features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

_HAN = re.compile(r"[\u4e00-\u9fff]")
_KEPT = re.compile(r"[\u4e00-\u9fffA-Za-z\x00]")
_CITED = re.compile(r"《[^《》]*》")
_BARE_NAME = re.compile(r"(机制|制度|工程|行动|改革|体系|补贴|计划)$")
_CLAUSE_BREAK = re.compile(r"[。;；,，:：!！?？]")
_PASSAGE_EDGE = "。;；,，:：!！?？、 \n"
_QUOTE_MARKS = str.maketrans({c: '"' for c in "“”‘’「」『』'"})
ALIGNED_RUN = 4  # normalised characters of the shortest shared run the comparison keeps
WINDOW = 40  # normalised characters of the stretch aligned_density reads: about a sentence
MIN_PASSAGE = 7  # normalised characters of a shared passage recorded as a span (shorter ones are shared terms)
TERM_LENGTH = 3  # a passage counts its characters beyond this many as policy wording: short passages are terms
LIST_ITEM = 2  # characters of a list's first and last item that belong to the list, not to the clause
_LIST_MARK = "、"
_QUOTES = "\"“”‘’「」『』'"


@dataclass(frozen=True)
class Passage:
    """Wording two items share: offsets into each item's text (add Item.start for the source)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str


@lru_cache(maxsize=1)
def stock_phrases() -> tuple[str, ...]:
    """Slogans and standard terms every plan repeats; sharing them is not reuse (longest first)."""
    text = resources.files("plankg").joinpath("data/stock_phrases.txt").read_text(encoding="utf-8")
    phrases = {ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    return tuple(sorted(phrases, key=len, reverse=True))


def mask(text: str, filler: str) -> str:
    """Stock phrases, 《cited titles》 and digits replaced by filler, keeping every offset."""
    text = text.translate(_QUOTE_MARKS)
    out = list(text)
    for m in _CITED.finditer(text):
        out[m.start() : m.end()] = filler * (m.end() - m.start())
    for phrase in stock_phrases():
        start = text.find(phrase)
        while start >= 0:
            out[start : start + len(phrase)] = filler * len(phrase)
            start = text.find(phrase, start + len(phrase))
    return "".join(filler if ch.isdigit() else ch for ch in out)


@lru_cache(maxsize=4096)
def normalised(text: str) -> tuple[str, tuple[int, ...]]:
    """The masked text without punctuation, quote marks or spaces ("\\x00" where something was masked), and the
    offset in text of each of its characters."""
    masked = mask(text, "\x00")
    index = tuple(m.start() for m in _KEPT.finditer(masked))
    return "".join(masked[k] for k in index), index


@lru_cache(maxsize=1 << 15)
def aligned_runs(a: str, b: str) -> tuple[tuple[int, int, int], ...]:
    """The runs of at least ALIGNED_RUN characters the normalised texts of a and b share in one alignment (difflib's
    matching blocks, masked wording never matching), as (start in a's normalised text, start in b's, length). Kept
    for the pair's features (aligned_density), which read them again after compare: a pair compared in another
    process, or long before, is aligned again."""
    na, nb = normalised(a)[0], normalised(b)[0]
    matcher = SequenceMatcher(None, na, nb.replace("\x00", "\x01"), autojunk=False)
    return tuple((m.a, m.b, m.size) for m in matcher.get_matching_blocks() if m.size >= ALIGNED_RUN)


def compare(a: str, b: str, min_passage: int = MIN_PASSAGE) -> tuple[list[Passage], str]:
    """The passages of at least min_passage normalised characters a and b share (masked wording never matches),
    as spans of both, and the longest shared run of at least ALIGNED_RUN characters (normalised, "" if none)."""
    na, ia = normalised(a)
    nb, ib = normalised(b)
    passages, longest = [], ""
    for at_a, at_b, size in aligned_runs(a, b):
        run = na[at_a : at_a + size]
        longest = max(longest, run, key=len)
        if size >= min_passage:
            a_start, a_end = ia[at_a], ia[at_a + size - 1] + 1
            b_start, b_end = ib[at_b], ib[at_b + size - 1] + 1
            passages.append(Passage(a_start, a_end, b_start, b_end, a[a_start:a_end]))
    return passages, longest


def aligned_density(a: str, b: str, window: int = WINDOW) -> float:
    """The largest share of any `window` normalised characters of either text that the aligned shared runs cover,
    bare names of mechanisms and programmes left out (see _wording): a clause copied with light edits (a word
    changed, a modifier dropped) is a stretch of text densely covered by short runs, however long the two items
    are around it; a shared term or name is one run alone."""
    import numpy as np

    sizes = (len(normalised(a)[0]), len(normalised(b)[0]))
    covered = [np.zeros(n + 1, dtype=np.int64) for n in sizes]
    na = normalised(a)[0]
    for at_a, at_b, size in aligned_runs(a, b):
        if _BARE_NAME.search(na[at_a : at_a + size]):
            continue
        for side, at in zip(covered, (at_a, at_b), strict=True):
            side[at] += 1
            side[at + size] -= 1
    best = 0
    for side, n in zip(covered, sizes, strict=True):
        total = np.r_[0, np.cumsum(np.cumsum(side[:n]) > 0)]
        best = max(best, int(total[-1] if n <= window else (total[window:] - total[:-window]).max()))
    return best / window


@lru_cache(maxsize=1)
def _name_end() -> re.Pattern:
    """The end of a name of an instrument: one of its head nouns (kg/data/instrument_heads.txt; 工程, 中心, 制度 …)."""
    text = resources.files("plankg").joinpath("data/instrument_heads.txt").read_text(encoding="utf-8")
    heads = {ln.strip().lstrip("~") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")}
    return re.compile("(" + "|".join(map(re.escape, sorted(heads, key=len, reverse=True))) + ")$")


def name_share(a: str, b: str) -> float:
    """The share of the characters of the runs a and b share in one alignment (aligned_runs) that are in runs ending
    at the head noun of an instrument's name (工程, 中心, 制度, 改造 …): where two items share names (建立特殊困难老人
    定期探访制度, 实施特殊困难老年人家庭适老化改造), the instrument travelled; a copied clause shares its objects and
    conditions too."""
    na = normalised(a)[0]
    runs = aligned_runs(a, b)
    total = sum(size for _, _, size in runs)
    named = sum(size for at, _, size in runs if _name_end().search(na[at : at + size]))
    return named / total if total else 0.0


def list_item(a: str, b: str, passage: Passage) -> bool:
    """A passage that is one item of a list (a 、 right before or after it in either text, quote marks skipped, and
    none inside it): 易地扶贫搬迁集中安置社区 of …安置社区、生态移民搬迁安置社区… is one of the groups or places a
    list names, not a clause, even where the other text joins the items with 及."""
    spans = ((a, passage.a_start, passage.a_end), (b, passage.b_start, passage.b_end))
    if any(_LIST_MARK in text[start:end] for text, start, end in spans):
        return False
    return any(_LIST_MARK in (_beside(text, start - 1, -1), _beside(text, end, 1)) for text, start, end in spans)


def _beside(text: str, at: int, step: int) -> str:
    """The character at `at` in text, or the first one past it (in the direction of step) that is not a quote mark."""
    while 0 <= at < len(text) and text[at] in _QUOTES:
        at += step
    return text[at] if 0 <= at < len(text) else ""


def _wording(passage: str) -> int:
    """Han characters of a passage that state policy: none for a bare name of a national mechanism or programme
    (every plan implementing it writes the name), only the words around the list for an enumeration of groups."""
    if _BARE_NAME.search(passage):
        return 0
    if "、" in passage:
        terms = passage.split("、")
        return sum(max(len(_HAN.findall(t)) - LIST_ITEM, 0) for t in (terms[0], terms[-1]))
    return len(_HAN.findall(passage))


def evidence(passages: list[Passage], a: str | None = None, b: str | None = None) -> int:
    """The policy wording the passages carry together: each distinct clause piece of a passage (split at
    punctuation; one inside a longer one counts once) adds its wording beyond TERM_LENGTH characters, so several
    shared clauses add up and a shared term or a mechanism name with a generic verb does not. Given the two texts
    (a and b, the passages' own), a passage that is one item of a list in either (list_item) adds nothing: the
    groups or places a list names are not a clause, however long their names."""
    if a is not None and b is not None:
        passages = [p for p in passages if not list_item(a, b, p)]
    pieces = {piece.strip(_PASSAGE_EDGE) for p in passages for piece in _CLAUSE_BREAK.split(p.text)}
    counted: list[str] = []
    total = 0
    for core in sorted(pieces, key=lambda c: -len(_HAN.findall(c))):
        if not core or any(core in longer for longer in counted):
            continue
        counted.append(core)
        total += max(_wording(core) - TERM_LENGTH, 0)
    return total
