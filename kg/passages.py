"""The precise half of text reuse: the passages two texts share and the rule that says whether they are reuse.

The common passages of two texts are difflib matching blocks of at least Rule.min_passage Han characters once stock
phrases, cited titles and numbers are masked out; the score is the share of the shorter text they cover.
A pair is reuse when its passages carry enough policy wording (see `evidence`: a shared term, a bare
mechanism name or a list of groups is not a policy clause) and cover enough of the shorter text.
Thresholds and stock phrases were chosen on the development halves of tests/lineage_labels.json ("tune", "test"
and "holdout", 228 pairs relabelled by one written guideline): precision 0.869, recall 0.890. On the blind
held-out half "holdout2" (332 pairs, 29 reuse, labelled before the rule was run on them) it measured precision
0.625 and recall 0.517, short of the 0.9 required: clauses sharing a list of qualifiers (价格适中、方便可及、质量可靠)
are discounted like lists of groups, and national formulae outside stock_phrases.txt still pass
(see tests/test_lineage.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

_HAN = re.compile(r"[\u4e00-\u9fff]")
_CITED = re.compile(r"《[^《》]*》")
_BARE_NAME = re.compile(r"(机制|制度|工程|行动|改革|体系|补贴)$")
_CLAUSE_BREAK = re.compile(r"[。;；,，:：!！?？]")
_PASSAGE_EDGE = "。;；,，:：!！?？、 \n"
_QUOTE_MARKS = str.maketrans({c: "\"" for c in "“”‘’「」『』'"})


@dataclass(frozen=True)
class Rule:
    """The thresholds of the decision rule (chosen on the labelled set: benchmarks/reuse_rule_grid.py searches them)."""

    min_passage: int = 7  # Han characters in one shared passage
    min_score: float = 0.05  # share of the shorter text covered by shared passages
    term_length: int = 3  # a passage counts its Han characters beyond this many: short passages are mostly shared terms
    min_evidence: int = 11  # policy wording (see evidence) the shared passages must carry together
    list_item: int = 2  # Han characters of a list's first and last item that belong to the list, not to the clause


RULE = Rule()


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


def compare(a: str, b: str, min_passage: int = RULE.min_passage) -> tuple[float, list[Passage]]:
    """The passages a and b share (masked stock wording never matches) and the share of the shorter they cover."""
    matcher = SequenceMatcher(None, mask(a, "\x00"), mask(b, "\x01"), autojunk=False)
    passages = []
    for block in matcher.get_matching_blocks():
        quote = a[block.a : block.a + block.size]
        if len(_HAN.findall(quote)) >= min_passage:
            passages.append(Passage(block.a, block.a + block.size, block.b, block.b + block.size, quote))
    shorter = min(len(_HAN.findall(a)), len(_HAN.findall(b))) or 1
    covered = sum(len(_HAN.findall(p.text)) for p in passages)
    return covered / shorter, passages


def _wording(passage: str, list_item: int) -> int:
    """Han characters of a passage that state policy: none for a bare name of a national mechanism or programme
    (every plan implementing it writes the name), only the words around the list for an enumeration of groups."""
    if not _CLAUSE_BREAK.search(passage) and _BARE_NAME.search(passage):
        return 0
    if "、" in passage:
        terms = passage.split("、")
        return sum(max(len(_HAN.findall(t)) - list_item, 0) for t in (terms[0], terms[-1]))
    return len(_HAN.findall(passage))


def evidence(passages: list[Passage], rule: Rule = RULE) -> int:
    """The policy wording the passages carry together: each distinct passage (one inside a longer one counts
    once) adds its wording beyond rule.term_length characters, so several shared clauses add up and a shared term does not."""
    counted: list[str] = []
    total = 0
    for passage in sorted(passages, key=lambda p: -len(_HAN.findall(p.text))):
        core = passage.text.strip(_PASSAGE_EDGE)
        if any(core in longer for longer in counted):
            continue
        counted.append(core)
        total += max(_wording(core, rule.list_item) - rule.term_length, 0)
    return total


def is_reuse(score: float, passages: list[Passage], rule: Rule = RULE) -> bool:
    """The decision rule: enough of the shorter text covered and enough policy wording in the shared passages."""
    return score >= rule.min_score and evidence(passages, rule) >= rule.min_evidence
