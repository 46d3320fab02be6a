"""Draw the cross-document pairs of tests/lineage_labels_real.json from the real documents, without the detector.

    python benchmarks/sample_real_lineage_pairs.py [--out pairs.json]

The pairs are measures and projects of two real documents (tests/fixtures/real/) that could share policy: both of
one place (Shanghai; Fujian, i.e. Pingtan and Fuzhou) or one of them central (a parent of every other). Each pair's
run is the longest common run of Han characters of the two texts with everything but Han characters removed,
over the pairs that share at least one run of four. The strata, as the bundled set's holdout2 drew them
(tests/lineage_labels.md, "How the pairs were sampled"):

1. every pair with run >= 12;
2. RUN_8_11 pairs drawn uniformly (random.Random(SEED_8_11)) among those with run 8-11;
3. RUN_5_7 pairs drawn uniformly (random.Random(SEED_5_7)) among those with run 5-7.

The output lists each pair unlabelled (IRIs relative to the plan base, the stratum and run), for a reader to
label by the guideline before any score is looked at.

    python benchmarks/sample_real_lineage_pairs.py --split LABELS

draws the labelled pairs' split once, before any model is trained on them: within each pair of answers (copied,
instrument), the pairs shuffled by random.Random(SEED_SPLIT) go to "dev" and "blind" in turn, so the two halves
hold the answers in the same proportions; the file is rewritten with each pair's `split`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import tempfile
from collections import defaultdict
from difflib import SequenceMatcher
from pathlib import Path

from plankg.graph.store import open_store
from plankg.graph.vocab import ID
from plankg.lineage.graph import reuse_items
from plankg.loading.documents import load_paths

REAL = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "real"
PLAN = str(ID["plan/"])
# The documents' places, by the number their file name starts with (tests/fixtures/real/MANIFEST.md).
CENTRAL = {1, 2, 8, 26, 27}
PLACES = {
    "shanghai": {3, 4, 5, 6, 7, 9, 10, 14, 15, 19, 20, 21},
    "fujian": {12, 13, 16, 17, 18, 23, 24},
    "sichuan": {11},
    "chongqing": {25},
}
RUN_8_11, SEED_8_11 = 90, 20261207
RUN_5_7, SEED_5_7 = 24, 20261208
SEED_SPLIT = 20261209
STRATA_BOUNDS = [("run>=12", 12, 10**9), ("run 8-11", 8, 11), ("run 5-7", 5, 7), ("run 4", 4, 4)]
HAN = re.compile(r"[\u4e00-\u9fff]")


def documents(folder: Path = REAL) -> list[Path]:
    """The real documents the set was drawn from: those of CENTRAL and PLACES (the 26 the folder held then; notes,
    sidecars and later documents left out)."""
    numbers = CENTRAL.union(*PLACES.values())
    found = (p for p in folder.iterdir() if p.name[:3].isdigit() and p.suffix in {".txt", ".md", ".html"})
    return sorted(p for p in found if int(p.name[:3]) in numbers)


def place(path: Path) -> str:
    """The place a document speaks for: "central" or the group of PLACES its number is in."""
    number = int(path.name[:3])
    if number in CENTRAL:
        return "central"
    return next(name for name, numbers in PLACES.items() if number in numbers)


def could_share(first: str, second: str) -> bool:
    """Whether two documents of these places could share policy: one place, or one of them central."""
    return first == second or "central" in (first, second)


def load(paths: list[Path]) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """The items (IRI, plan, text) of the documents and each plan's place, loaded into a temporary store."""
    with tempfile.TemporaryDirectory(prefix="plankg-sample-") as folder:
        store = open_store(Path(folder))
        results = load_paths(store, paths)
        items = [(i.iri, i.plan, i.text) for i in reuse_items(store)[0]]
        del store
    places = {}
    for result in results:
        if not result.ok:
            raise SystemExit(f"{result.path}: {result.error}")
        plan = result.graph.replace("/graph/plan/", "/plan/").rsplit("/", 1)[0]
        places[plan] = place(result.path)
    return items, places


def han(text: str) -> str:
    """The text's Han characters only (punctuation, digits and Latin letters removed)."""
    return "".join(HAN.findall(text))


def runs(items: list[tuple[str, str, str]], places: dict[str, str]) -> dict[tuple[int, int], int]:
    """Each pair of items of two documents that could share policy and share a run of four Han characters: the
    length of their longest common run."""
    texts = [han(text) for _, _, text in items]
    holders: dict[str, set[int]] = defaultdict(set)
    for n, text in enumerate(texts):
        for k in range(len(text) - 3):
            holders[text[k : k + 4]].add(n)
    pairs = set()
    for numbers in holders.values():
        pairs.update(itertools.combinations(sorted(numbers), 2))
    out = {}
    for a, b in sorted(pairs):
        plan_a, plan_b = items[a][1], items[b][1]
        if plan_a != plan_b and could_share(places[plan_a], places[plan_b]):
            match = SequenceMatcher(None, texts[a], texts[b], autojunk=False)
            out[(a, b)] = match.find_longest_match(0, len(texts[a]), 0, len(texts[b])).size
    return out


def strata(run: dict[tuple[int, int], int]) -> list[tuple[str, tuple[int, int]]]:
    """The sampled pairs with their stratum, in the order of the module's docstring."""
    at_least_12 = sorted(p for p, r in run.items() if r >= 12)
    eight_to_11 = sorted(p for p, r in run.items() if 8 <= r <= 11)
    five_to_7 = sorted(p for p, r in run.items() if 5 <= r <= 7)
    drawn = [("run>=12", p) for p in at_least_12]
    drawn += [("run 8-11", p) for p in random.Random(SEED_8_11).sample(eight_to_11, min(RUN_8_11, len(eight_to_11)))]
    drawn += [("run 5-7", p) for p in random.Random(SEED_5_7).sample(five_to_7, min(RUN_5_7, len(five_to_7)))]
    return drawn


def split(pairs: list[dict]) -> None:
    """Give each labelled pair its `split`: stratified by the two answers, dev and blind in turn (see the docstring)."""
    strata: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for pair in pairs:
        strata[(pair["copied"], pair["instrument"])].append(pair)
    turn = 0
    for key in sorted(strata):
        members = sorted(strata[key], key=lambda p: (p["a"], p["b"]))
        random.Random(SEED_SPLIT).shuffle(members)
        for pair in members:
            pair["split"] = ("dev", "blind")[turn % 2]
            turn += 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="where to write the pairs (default: print)")
    parser.add_argument("--split", type=Path, default=None, help="a labelled file to give its pairs' split")
    args = parser.parse_args(argv)
    if args.split:
        labelled = json.loads(args.split.read_text(encoding="utf-8"))
        split(labelled["pairs"])
        args.split.write_text(json.dumps(labelled, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    items, places = load(documents())
    run = runs(items, places)
    counts = {name: sum(1 for r in run.values() if low <= r <= high) for name, low, high in STRATA_BOUNDS}
    pairs = [
        {"a": items[a][0].removeprefix(PLAN), "b": items[b][0].removeprefix(PLAN), "stratum": name, "run": run[(a, b)]}
        for name, (a, b) in strata(run)
    ]
    text = json.dumps({"pairs_by_run": counts, "pairs": pairs}, ensure_ascii=False, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
