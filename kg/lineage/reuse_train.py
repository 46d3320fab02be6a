"""Train the copied-clause model on labelled pairs and measure it by document pair, never in-sample.

    python -m plankg.lineage.reuse_train [--labels FILE ...] [--corpus DIR] [--out kg/data/reuse_model.json]
                                 [--blind] [--misjudged]

Each labels file holds pairs of items (IRIs relative to the plan base, as in tests/lineage_labels.json) labelled
`copied`: clear, borderline or no (guideline: tests/lineage_labels.md); pairs whose `split` is "blind" are
left out of training and measured only with --blind. Each file's plans are loaded into a temporary store of their
own: the files its `documents` names (relative to the labels file), else --corpus (default: the bundled corpus),
so a user can retrain on labels of their own documents. --labels may be given more than once (default: the
bundled set, tests/lineage_labels.json, the one the shipped model is trained on; the set of the real documents is
tests/lineage_labels_real.json); one model is trained on the training pairs of all of them, and each set's figures
are reported as well as those of all together.

Measurement: leave-one-document-pair-out cross-validation over the training pairs (each fold's model never
sees a pair of the two documents it is measured on); clear pairs are positives, "no" pairs negatives,
borderline pairs are neither trained on nor counted. A pair the candidate search never proposes counts as
predicted "no", as at run time. The default threshold is the lowest at which the cross-validated precision
stays at least TARGET_PRECISION from there up.

Shared instruments (kg/lineage/instruments.py) are measured against the `instrument` labels the same way, on
the training pairs (and with --blind on the blind split); nothing is trained there, so nothing is cross-validated.
Both together: the share of pairs labelled clear on either question that the right relation relates.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plankg.graph.vocab import ID
from plankg.lineage import instruments, reuse_model, textreuse
from plankg.lineage.passages import compare

PLAN = str(ID["plan/"])  # labels name a plan by its IRI after this prefix
LABEL_SETS = (Path("tests/lineage_labels.json"),)  # the shipped model's training labels
TARGET_PRECISION = 0.9
C = 1.0  # inverse L2 regularisation strength


@dataclass
class Labelled:
    """One labelled pair: its features, label, document pair, whether the candidate search proposes it and the
    labels file it comes from."""

    label: dict
    features: dict[str, float]
    proposed: bool
    documents: tuple[str, str]
    source: str = ""


def labelled_pairs(labels: list[dict], items: list[textreuse.Item], source: str = "") -> list[Labelled]:
    """The features of every labelled pair (items looked up by IRI), the statistics counted over items."""
    index = {item.iri: n for n, item in enumerate(items)}
    stats = reuse_model.Statistics([i.text for i in items], [i.plan for i in items])
    candidates = textreuse.candidate_pairs(items)
    out = []
    for label in labels:
        a, b = sorted((index[PLAN + label["a"]], index[PLAN + label["b"]]))
        _, x, _ = reuse_model.score(items[a].text, items[b].text, stats, model=_NEUTRAL)
        first, second = sorted((items[a].plan, items[b].plan))
        out.append(Labelled(label, x, (a, b) in candidates, (first, second), source))
    return out


_NEUTRAL = reuse_model.Model(
    (0.0,) * len(reuse_model.FEATURES), (1.0,) * len(reuse_model.FEATURES), (0.0,) * len(reuse_model.FEATURES), 0.0, 0.5, {}
)


def _xy(pairs: list[Labelled]):
    import numpy as np

    x = np.array([[p.features[f] for f in reuse_model.FEATURES] for p in pairs])
    y = np.array([p.label["copied"] == "clear" for p in pairs], dtype=float)
    return x, y


def graded(pairs: list[Labelled]) -> list[Labelled]:
    """The pairs labelled clear or no (borderline pairs are neither trained on nor counted)."""
    return [p for p in pairs if p.label["copied"] != "borderline"]


def cross_validated(pairs: list[Labelled]) -> list[float]:
    """Each graded pair's probability from a model trained without its document pair (0 if never proposed)."""
    import numpy as np

    pairs = graded(pairs)
    out = [0.0] * len(pairs)
    for group in sorted({p.documents for p in pairs}):
        train = [p for p in pairs if p.documents != group]
        x, y = _xy(train)
        if y.min() == y.max():
            continue
        model = reuse_model.fit(x, y, C)
        for n, p in enumerate(pairs):
            if p.documents == group and p.proposed:
                out[n] = model.probability(p.features)
    return [float(v) for v in np.asarray(out)]


def measure(y: list[bool], p: list[float], threshold: float) -> dict[str, float]:
    """Precision and recall at threshold, average precision, and the best precision at recall >= 0.9."""
    ranked = sorted(zip(p, y, strict=True), key=lambda t: -t[0])
    positives = sum(y)
    tp = fp = 0
    ap = 0.0
    best_at_09 = 0.0
    for score, truth in ranked:
        if score <= 0:
            break  # never proposed: never predicted reuse, at any threshold
        tp += truth
        fp += not truth
        if truth:
            ap += tp / (tp + fp) / positives
        if tp / positives >= 0.9:
            best_at_09 = max(best_at_09, tp / (tp + fp))
    hits = [(s >= threshold, t) for s, t in zip(p, y, strict=True)]
    tp_t = sum(1 for h, t in hits if h and t)
    fp_t = sum(1 for h, t in hits if h and not t)
    return {
        "pairs": len(y),
        "positives": positives,
        "threshold": round(threshold, 4),
        "precision": round(tp_t / (tp_t + fp_t), 3) if tp_t + fp_t else 0.0,
        "recall": round(tp_t / positives, 3) if positives else 0.0,
        "tp": tp_t,
        "fp": fp_t,
        "fn": positives - tp_t,
        "average_precision": round(ap, 3),
        "precision_at_recall_0.9": round(best_at_09, 3),
    }


def choose_threshold(y: list[bool], p: list[float]) -> float:
    """The lowest probability at which the cross-validated precision is still >= TARGET_PRECISION (the cut
    with the most recall at that precision)."""
    ranked = sorted(((s, t) for s, t in zip(p, y, strict=True) if s > 0), key=lambda t: -t[0])
    tp = fp = 0
    chosen = 1.0
    for score, truth in ranked:
        tp += truth
        fp += not truth
        if tp / (tp + fp) >= TARGET_PRECISION:
            chosen = score
    return chosen


def train(pairs: list[Labelled]) -> reuse_model.Model:
    """The model fitted on all the graded training pairs, its threshold and figures from cross-validation: of all
    the pairs, and of each labels file's when they come from more than one."""
    scored = graded(pairs)
    y = [p.label["copied"] == "clear" for p in scored]
    oof = cross_validated(pairs)
    threshold = choose_threshold(y, oof)
    measured: dict = {
        "cross_validated": measure(y, oof, threshold),
        "method": "leave-one-document-pair-out over the dev split, clear vs no, borderline left out",
    }
    sources = sorted({p.source for p in scored})
    if len(sources) > 1:
        measured["by_labels"] = {source: measure(*of_source(scored, oof, source), threshold) for source in sources}
    x, yy = _xy(scored)
    return reuse_model.fit(x, yy, C, threshold, measured)


def of_source(scored: list[Labelled], probabilities: list[float], source: str) -> tuple[list[bool], list[float]]:
    """The truths and probabilities of the graded pairs of one labels file (scored: graded pairs, in order)."""
    kept = [(p.label["copied"] == "clear", q) for p, q in zip(scored, probabilities, strict=True) if p.source == source]
    return [t for t, _ in kept], [q for _, q in kept]


def misjudged(pairs: list[Labelled], threshold: float, probabilities: list[float] | None = None) -> list[tuple[float, Labelled]]:
    """The graded training pairs the cross-validated model gets wrong at threshold, as (out-of-fold probability,
    pair): the clear pairs it misses (never proposed: probability 0), then the "no" pairs it links; the ones to
    read when looking for what the features do not see. probabilities: one per graded pair, out of fold
    (default: cross-validated over pairs)."""
    scored = graded(pairs)
    found = cross_validated(pairs) if probabilities is None else probabilities
    wrong = [(p, pair) for p, pair in zip(found, scored, strict=True) if (p >= threshold) != _clear(pair)]
    return sorted(wrong, key=lambda w: (not _clear(w[1]), w[0]))


def _clear(pair: Labelled) -> bool:
    return pair.label["copied"] == "clear"


def show_misjudged(wrong: list[tuple[float, Labelled]], items: list[textreuse.Item]) -> str:
    """Each misjudged pair with its probability, features, both texts and the passages they share."""
    text = {item.iri: item.text for item in items}
    lines = []
    for p, pair in wrong:
        a, b = text[PLAN + pair.label["a"]], text[PLAN + pair.label["b"]]
        kind = "missed (clear)" if _clear(pair) else "linked (no)"
        features = ", ".join(f"{f} {v:.3f}" for f, v in pair.features.items())
        lines += [f"{kind} p={p:.3f}{'' if pair.proposed else ' never proposed'}: {pair.label['a']} ~ {pair.label['b']}"]
        lines += [f"  {features}", f"  a: {a}", f"  b: {b}"]
        lines += [f"  shared: {' | '.join(x.text for x in compare(a, b)[0])}", ""]
    return "\n".join(lines)


def instruments_named(items: list[textreuse.Item]) -> dict[str, set[str]]:
    """Each item's IRI -> the shared instruments it names (kg/lineage/instruments.py over all the items)."""
    found = instruments.find([i.text for i in items], [i.plan for i in items])
    return {item.iri: {k for k, _s, _e in spans} for item, spans in zip(items, found.spans, strict=True)}


def _share(label: dict, named: dict[str, set[str]]) -> bool:
    return bool(named[PLAN + label["a"]] & named[PLAN + label["b"]])


def instrument_counts(labels: list[dict], named: dict[str, set[str]], blind: bool) -> dict[str, float]:
    """The shared-instrument relation against the `instrument` labels of the training pairs (or of the blind
    split): a pair is related when both items name a shared instrument (nothing is trained, so the figures are
    not cross-validated); clear pairs are positives, "no" pairs negatives, borderline pairs are not counted."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for label in labels:
        if (label.get("split") == "blind") != blind or label["instrument"] == "borderline":
            continue
        related, truth = _share(label, named), label["instrument"] == "clear"
        counts[("t" if related == truth else "f") + ("p" if related else "n")] += 1
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {
        **counts,
        "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
    }


def instruments_misjudged(labels: list[dict], named: dict[str, set[str]]) -> str:
    """The training pairs the shared-instrument relation gets wrong: each pair labelled clear whose items name no
    shared instrument in common (with the names the labels give and those each item is found to name), then each
    pair labelled "no" whose items do (with the instruments they share)."""
    missed, related = [], []
    for label in labels:
        if label.get("split") == "blind" or label["instrument"] == "borderline":
            continue
        a, b = named[PLAN + label["a"]], named[PLAN + label["b"]]
        if label["instrument"] == "clear" and not a & b:
            names = "、".join(label["instruments"])
            missed.append(f"missed (clear: {names}): {label['a']} names {sorted(a)}; {label['b']} names {sorted(b)}")
        elif label["instrument"] == "no" and a & b:
            related.append(f"related (no): {label['a']} ~ {label['b']} share {sorted(a & b)}")
    return "\n".join(missed + related)


def right_relation(pairs: list[Labelled], probabilities: list[float], threshold: float, named: dict[str, set[str]]) -> dict:
    """How many pairs labelled clear on either question the right relation relates: a copied clause by a
    TextReuse link (probability >= threshold), a shared instrument by an instrument both items name; a pair clear
    on both questions needs both. probabilities: the copied-clause model's, one per graded pair (see graded)."""
    wanting = relations_wanting(pairs, probabilities, threshold, named)
    total = sum(1 for p in pairs if "clear" in (p.label["copied"], p.label["instrument"]))
    related = total - len(wanting)
    return {"pairs": total, "related": related, "share": round(related / total, 3) if total else 0.0}


def relations_wanting(
    pairs: list[Labelled], probabilities: list[float], threshold: float, named: dict[str, set[str]]
) -> list[tuple[Labelled, float, list[str]]]:
    """The pairs labelled clear on either question that the right relation does not relate, each with its
    copied-clause probability and what is wanting: "copied" (no TextReuse link for a clear copied clause),
    "instrument" (no instrument both items name for a clear shared instrument), or both."""
    graded_probabilities = iter(probabilities)
    out = []
    for p in pairs:
        probability = next(graded_probabilities) if p.label["copied"] != "borderline" else 0.0
        wanting = []
        if p.label["copied"] == "clear" and probability < threshold:
            wanting.append("copied")
        if p.label["instrument"] == "clear" and not _share(p.label, named):
            wanting.append("instrument")
        if wanting:
            out.append((p, probability, wanting))
    return out


def show_relations_wanting(wanting: list[tuple[Labelled, float, list[str]]]) -> str:
    """One line per pair the right relation does not relate: what is wanting, the two answers, the copied-clause
    probability and the instruments the labels name."""
    lines = []
    for p, probability, missing in wanting:
        names = "、".join(p.label.get("instruments", []))
        answers = f"copied {p.label['copied']}, instrument {p.label['instrument']}"
        lines.append(f"wanting {' and '.join(missing)} ({answers}; p={probability:.3f}{'; ' + names if names else ''}): ")
        lines[-1] += f"{p.label['a']} ~ {p.label['b']}"
    return "\n".join(lines)


@dataclass
class LabelSet:
    """A labels file: its labels, the items of its documents, its pairs' features and the instruments each item
    names (items, statistics and instruments are those of its own documents)."""

    path: Path
    labels: list[dict]
    items: list[textreuse.Item]
    pairs: list[Labelled]
    named: dict[str, set[str]]


def load_set(path: Path, corpus: Path | None = None) -> LabelSet:
    """A labels file with its documents loaded: the files its `documents` names (relative to it), else corpus
    (default: the bundled corpus)."""
    from plankg.loading.documents import bundled_corpus

    data = json.loads(path.read_text(encoding="utf-8"))
    documents = [path.parent / name for name in data.get("documents", [])] or [corpus or bundled_corpus()]
    items = load_items(documents)
    return LabelSet(path, data["pairs"], items, labelled_pairs(data["pairs"], items, path.name), instruments_named(items))


def load_items(documents: list[Path]) -> list[textreuse.Item]:
    """The measures and projects of the plans of documents (files or folders), loaded into a temporary store that is
    removed once they are read (each run used to leave a store of some 25 MB behind)."""
    from plankg.graph.store import open_store
    from plankg.lineage.graph import reuse_items
    from plankg.loading.documents import load_paths

    with tempfile.TemporaryDirectory(prefix="plankg-train-") as folder:
        store = open_store(Path(folder))
        results = load_paths(store, documents)
        failed = [r for r in results if not r.ok]
        if failed:
            raise SystemExit(f"{failed[0].path}: {failed[0].error}")
        items = reuse_items(store)[0]
        del store  # closed before its folder is removed
    return items


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, action="append", help="a labels file (more than one: trained together)")
    parser.add_argument("--out", type=Path, default=None, help="where to write the weights (default: print only)")
    parser.add_argument("--corpus", type=Path, default=None, help="the documents of a labels file that names none")
    parser.add_argument("--blind", action="store_true", help="also measure the shipped model on the blind split")
    parser.add_argument(
        "--misjudged",
        action="store_true",
        help="print the training pairs the cross-validated model or the instrument relation gets wrong",
    )
    args = parser.parse_args(argv)
    sets = [load_set(path, args.corpus) for path in args.labels or LABEL_SETS]
    training = [p for s in sets for p in s.pairs if p.label.get("split") != "blind"]
    model = train(training)
    print(json.dumps(model.measured, indent=1))
    print("coefficients:", dict(zip(reuse_model.FEATURES, (round(c, 3) for c in model.coef), strict=True)))
    probabilities = cross_validated(training)
    for s in sets:
        report_dev(s, training, probabilities, model.threshold, args.misjudged)
    if args.out:
        args.out.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    if args.blind:
        for s in sets:
            report_blind(s)


def report_dev(
    labels: LabelSet, training: list[Labelled], probabilities: list[float], threshold: float, misjudged_too: bool
) -> None:
    """A labels file's dev figures of both relations (copied clauses cross-validated with all the training pairs),
    and with misjudged_too the pairs each gets wrong."""
    own = [p for p in training if p.source == labels.path.name]
    scored = graded(training)
    mine = [q for p, q in zip(scored, probabilities, strict=True) if p.source == labels.path.name]
    name = labels.path.name
    print(f"shared instruments, dev, {name}:", instrument_counts(labels.labels, labels.named, blind=False))
    print(f"clear on either question, dev, {name}:", right_relation(own, mine, threshold, labels.named))
    if misjudged_too:
        print(show_misjudged(misjudged(own, threshold, mine), labels.items))
        print(instruments_misjudged(labels.labels, labels.named))
        print(show_relations_wanting(relations_wanting(own, mine, threshold, labels.named)))


def report_blind(labels: LabelSet) -> None:
    """The shipped model's and the instrument relation's figures on a labels file's blind split."""
    blind = [p for p in labels.pairs if p.label.get("split") == "blind"]
    shipped = reuse_model.shipped()
    probs = [shipped.probability(p.features) if p.proposed else 0.0 for p in graded(blind)]
    name = labels.path.name
    print(f"blind, {name}:", measure([p.label["copied"] == "clear" for p in graded(blind)], probs, shipped.threshold))
    print(f"shared instruments, blind, {name}:", instrument_counts(labels.labels, labels.named, blind=True))
    print(f"clear on either question, blind, {name}:", right_relation(blind, probs, shipped.threshold, labels.named))


if __name__ == "__main__":
    main()
