"""How far the reuse rule's thresholds can take it on the labelled pairs (tests/lineage_labels.json).

Searches every threshold of kg/passages.py's Rule over a grid and prints, for the rule as shipped and for the best
grid point: precision and recall on each labelled half; the best in-sample figures over all pairs (a ceiling: what
no choice of thresholds can beat with these features); and a two-fold cross-validation (thresholds chosen on one
random half of all pairs, measured on the other, both ways), the estimate of what tuning on one half gives.
Run: python benchmarks/reuse_rule_grid.py
"""

from __future__ import annotations

import itertools
import json
import random
import tempfile
from dataclasses import astuple
from pathlib import Path

from plankg.build import bundled_corpus, load_paths
from plankg.lineage import _items
from plankg.passages import RULE, Rule, compare, is_reuse
from plankg.store import open_store
from plankg.textreuse import candidate_pairs

LABELS = Path(__file__).parent.parent / "tests" / "lineage_labels.json"
PLAN = "https://w3id.org/plankg/id/plan/"
GRID = [Rule(*values) for values in itertools.product(
    (5, 6, 7, 8, 9), (0.03, 0.05, 0.1, 0.15), (2, 3, 4, 5), (5, 8, 11, 14, 17, 20), (0, 2, 99))]

Labelled = list[tuple[dict, dict[int, tuple]]]  # (label, min_passage -> compare() result, or None if not a candidate)


def labelled_pairs() -> Labelled:
    """Every labelled pair with its shared passages at each passage length of the grid."""
    store = open_store(Path(tempfile.mkdtemp(prefix="plankg-grid-")))
    load_paths(store, [bundled_corpus()])
    items, _ = _items(store)
    index = {item.iri: n for n, item in enumerate(items)}
    candidates = candidate_pairs(items)
    out = []
    for label in json.loads(LABELS.read_text(encoding="utf-8"))["pairs"]:
        a, b = sorted((index[PLAN + label["a"]], index[PLAN + label["b"]]))
        compared = {m: compare(items[a].text, items[b].text, m) for m in {r.min_passage for r in GRID}} \
            if (a, b) in candidates else None
        out.append((label, compared))
    return out


def counts(rule: Rule, pairs: Labelled) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of a rule on the pairs; a pair LSH never proposed is predicted not reuse."""
    tp = fp = fn = tn = 0
    for label, compared in pairs:
        predicted = compared is not None and is_reuse(*compared[rule.min_passage], rule)
        tp += predicted and label["reuse"]
        fp += predicted and not label["reuse"]
        fn += not predicted and label["reuse"]
        tn += not predicted and not label["reuse"]
    return tp, fp, fn, tn


def precision_recall(c: tuple[int, int, int, int]) -> tuple[float, float]:
    tp, fp, fn, _ = c
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1)


def best(pairs: Labelled) -> Rule:
    """The grid point with the highest lower of precision and recall (then F1): both must reach the target."""
    def key(rule: Rule) -> tuple[float, float]:
        p, r = precision_recall(counts(rule, pairs))
        return min(p, r), 2 * p * r / max(p + r, 1e-9)
    return max(GRID, key=key)


def row(name: str, rule: Rule, pairs: Labelled) -> str:
    c = counts(rule, pairs)
    p, r = precision_recall(c)
    return f"| {name} | {astuple(rule)} | {p:.3f} | {r:.3f} | {c} |"


def main() -> None:
    pairs = labelled_pairs()
    halves = sorted({label["half"] for label, _ in pairs})
    ceiling = best(pairs)
    print("| pairs | rule (min_passage, min_score, term_length, min_evidence, list_item) | precision | recall | tp, fp, fn, tn |")
    print("|---|---|---|---|---|")
    for half in halves:
        part = [p for p in pairs if p[0]["half"] == half]
        print(row(f"{half}, rule as shipped", RULE, part))
    print(row("all, rule as shipped", RULE, pairs))
    print(row("all, best thresholds in-sample (ceiling)", ceiling, pairs))
    shuffled = sorted(pairs, key=lambda p: (p[0]["reuse"], random.Random(p[0]["a"] + p[0]["b"]).random()))
    folds = shuffled[0::2], shuffled[1::2]  # stratified: reuse and not reuse alternate between the folds
    for n, (tune, held) in enumerate((folds, folds[::-1]), start=1):
        print(row(f"cross-validation {n}: tuned on one half, measured on the other", best(tune), held))


if __name__ == "__main__":
    main()
