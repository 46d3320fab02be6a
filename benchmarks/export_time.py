"""Time of each `plankg export` format on a store, in process (no interpreter start-up), against N-Quads.

Run:  python benchmarks/export_time.py [--store plankg-data] [--repeat 3]

The CSV export should take at most twice the N-Quads export (the RDF formats are pyoxigraph's own writers;
JSON-LD adds the compaction with its @context). Prints the median wall time of each format and its ratio to
N-Quads.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from plankg.graph.export import FORMATS, export_store
from plankg.graph.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("plankg-data"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    store = open_store(args.store, read_only=True)
    medians = {}
    for fmt in ["nquads", *(f for f in FORMATS if f != "nquads")]:
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            size = len(export_store(store, fmt))
            times.append(time.perf_counter() - start)
        medians[fmt] = statistics.median(times)
        print(f"{fmt:<9} {medians[fmt]:6.2f} s  {size:>12,} bytes  {medians[fmt] / medians['nquads']:5.2f}x N-Quads")
    print(f"csv / nquads: {medians['csv'] / medians['nquads']:.2f} (target: at most 2)")


if __name__ == "__main__":
    main()
