"""The text-reuse candidates drawn again where plans changed (kg/lineage/redraw.py) against drawn from scratch.

On a built store (its lineage cache holds every item's signatures and run hashes), each plan chosen is taken out and
put back, as `plankg remove` and `plankg build` do, and the pairs are drawn both ways; every update is checked
against the draw from scratch. Prints the seconds of each and their ratio.

    python benchmarks/redraw.py --store STORE [--plans 5]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np
from plan_changes import chosen_plans, opened

from plankg.lineage import graph, redraw, textreuse
from plankg.lineage.cache import text_key


def main() -> None:
    args, rebuild, cache = opened(__doc__.splitlines()[0])
    items, plans, citations = rebuild.items, rebuild.plans, rebuild.citations
    keys = [text_key(i.text) for i in items]
    signed_of, hashed_of = cache.known("minhash", keys), cache.known("runs", keys)
    if len(signed_of) < len(set(keys)) or len(hashed_of) < len(set(keys)):
        raise SystemExit(f"{args.store}: its lineage cache does not hold every item's signatures: run `plankg lineage` first")
    known = lambda wanted: (cache.known("minhash", wanted), cache.known("runs", wanted))  # noqa: E731
    chosen = chosen_plans(args, items)
    print(f"{'change':<10} {'plan':<44} {'pairs':>7} {'scratch s':>9} {'redrawn s':>9} {'ratio':>6}")
    with tempfile.TemporaryDirectory(prefix="plankg-redraw-") as folder:
        kept = Path(folder)
        everything = _inputs(items, plans, citations, signed_of, hashed_of)
        redraw.candidates(*_kept_inputs(*everything), kept, known)
        for plan in chosen:
            without = [i for i in items if i.plan != plan]
            for change, some in (("remove", without), ("add", items)):
                inputs = _inputs(some, plans, citations, signed_of, hashed_of)
                start = time.perf_counter()
                scratch = textreuse.candidate_codes(*inputs)
                middle = time.perf_counter()
                codes = redraw.candidates(*_kept_inputs(*inputs), kept, known)
                end = time.perf_counter()
                if not np.array_equal(codes, scratch):
                    raise SystemExit(f"{change} {plan}: the pairs drawn again differ from those drawn from scratch")
                print(
                    f"{change:<10} {plan[-44:]:<44} {len(codes):>7,} {middle - start:>9.2f} {end - middle:>9.2f}"
                    f" {(middle - start) / (end - middle):>5.1f}x"
                )


def _inputs(items, plans, citations, signed_of, hashed_of):
    """What candidate_codes takes: the items, their signatures, run hashes and places."""
    keys = [text_key(i.text) for i in items]
    return items, [signed_of[k] for k in keys], [hashed_of[k] for k in keys], graph._places(items, plans, citations)


def _kept_inputs(items, signed, hashed, places):
    """What redraw.candidates takes: the items, their signatures and run hashes by position, and their places."""
    return items, lambda positions: ([signed[n] for n in positions], [hashed[n] for n in positions]), places


if __name__ == "__main__":
    main()
