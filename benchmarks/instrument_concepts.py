"""The instrument concepts updated where plans changed (kg/lineage/instrument_concepts.py) against found from scratch.

On a built store (its lineage cache holds every text's instrument mentions), each plan chosen is taken out and put
back, as `plankg remove` and `plankg build` do, and the concepts are found both ways: from scratch as a rebuild does
(every text's mentions read from the cache, instruments.find) and updated from what was kept; every update is checked
against the result from scratch. Prints the CPU seconds of each and their ratio.

    python benchmarks/instrument_concepts.py --store STORE [--plans 5]
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from plan_changes import chosen_plans, opened

from plankg.lineage import graph, instrument_concepts, instruments
from plankg.lineage.cache import text_key


def main() -> None:
    args, rebuild, cache = opened(__doc__.splitlines()[0])
    items = rebuild.items + rebuild.targets
    if len(cache.have("mentions", [text_key(i.text) for i in items])) < len({text_key(i.text) for i in items}):
        raise SystemExit(f"{args.store}: its lineage cache does not hold every text's mentions: run `plankg lineage` first")
    rows = lambda wanted: cache.known("mentions", wanted)  # noqa: E731
    chosen = chosen_plans(args, items)
    print(f"{'change':<10} {'plan':<44} {'concepts':>8} {'scratch s':>9} {'updated s':>9} {'ratio':>6}")
    with tempfile.TemporaryDirectory(prefix="plankg-instruments-") as folder:
        kept = Path(folder)
        texts = [i.text for i in items]
        instrument_concepts.found(texts, [i.plan for i in items], rows, graph._specificity(texts, cache), kept)
        for plan in chosen:
            without = [i for i in items if i.plan != plan]
            for change, some in (("remove", without), ("add", items)):
                texts, plans = [i.text for i in some], [i.plan for i in some]
                specificity = graph._specificity(texts, cache)
                start = time.process_time()
                named = rows([text_key(t) for t in texts])
                mentions = [[instruments.Mention.from_row(r) for r in named[text_key(t)]] for t in texts]
                scratch = instruments.find(texts, plans, mentions, specificity)
                middle = time.process_time()
                updated = instrument_concepts.found(texts, plans, rows, specificity, kept)
                end = time.process_time()
                if (updated.shared, updated.spans) != (scratch.shared, scratch.spans):
                    raise SystemExit(f"{change} {plan}: the concepts updated differ from those found from scratch")
                print(
                    f"{change:<10} {plan[-44:]:<44} {len(updated.shared):>8,} {middle - start:>9.2f} {end - middle:>9.2f}"
                    f" {(middle - start) / (end - middle):>5.1f}x"
                )


if __name__ == "__main__":
    main()
