"""The inferred graph kept up to date (kg/graph/inferences.py) on a reasoned store: adding a document, then removing
one, each update timed, and the result compared quad for quad with what `plankg reason` materialises.

Run:  python benchmarks/inferences.py --store STORE --add FILE --remove NAME [--work DIR]

STORE is copied to --work first (a reasoned store: `plankg reason --store STORE`; it is left as it was). Prints the
wall and CPU time of each update with what it did, then the inferred graph's size beside materialise's, the CPU
materialise took and whether the two graphs are equal.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store

import plankg
from plankg.graph import inferences
from plankg.graph.reason import materialise
from plankg.graph.store import open_store
from plankg.graph.vocab import INFERRED_GRAPH
from plankg.pipeline import remove


def inferred(store: Store) -> set[Quad]:
    return set(store.quads_for_pattern(None, None, None, NamedNode(str(INFERRED_GRAPH))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--add", type=Path, required=True, help="a document to add")
    parser.add_argument("--remove", required=True, help="a document to remove, by file name")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "plankg-inferences")
    args = parser.parse_args()
    copy = args.work / "store"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(args.store, copy)
    store = open_store(copy)
    if not inferences.has_inferences(store):
        raise SystemExit(f"{args.store} has no inferred graph: run `plankg reason --store {args.store}` first")
    updates: list[tuple[float, float, str]] = []
    apply = inferences.InferenceUpkeep.apply

    def timed(self: inferences.InferenceUpkeep) -> inferences.Kept | None:
        wall, cpu = time.perf_counter(), time.process_time()
        kept = apply(self)
        updates.append((time.perf_counter() - wall, time.process_time() - cpu, str(kept)))
        return kept

    inferences.InferenceUpkeep.apply = timed  # type: ignore[method-assign]
    plankg.build([args.add], store, store_dir=copy, validate=False, parallel=False)
    remove(store, args.remove, cache=copy)
    for what, (wall, cpu, kept) in zip((f"add {args.add.name}", f"remove {args.remove}"), updates, strict=True):
        print(f"{what}: {wall:.2f} s wall, {cpu:.2f} s CPU; {kept}")
    kept_quads = inferred(store)
    cpu = time.process_time()
    materialise(store)
    again = inferred(store)
    print(f"materialise: {time.process_time() - cpu:.1f} s CPU, {len(again):,} quads")
    print(f"kept up to date: {len(kept_quads):,} quads, {'equal' if kept_quads == again else 'DIFFERENT'}")
    del store
    shutil.rmtree(copy)


if __name__ == "__main__":
    main()
