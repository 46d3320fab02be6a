"""Wall time of `plankg build` on the bundled corpus, end to end, interpreter start-up included.

Run:  python benchmarks/build_time.py [--repeat 3]

Times the whole build (load, validate, lineage, views) and, to show where the time goes, the same build
with stages left out and the bare start-up (`plankg --help`), each the median of --repeat runs in a fresh
store. Prints the figures and the target (under 3 s).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PLANKG = Path(sys.executable).with_name("plankg")
VARIANTS = {
    "start-up (plankg --help)": ["--help"],
    "load only": ["build", "--no-validate", "--no-lineage", "--no-views"],
    "load + validate": ["build", "--no-lineage", "--no-views"],
    "load + validate + lineage": ["build", "--no-views"],
    "build (load, validate, lineage, views)": ["build"],
}


def _median_wall(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            extra = ["--store", str(Path(tmp) / "store")] if args[0] == "build" else []
            start = time.perf_counter()
            subprocess.run([str(PLANKG), *args, *extra], cwd=tmp, check=False, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which(str(PLANKG)):
        sys.exit(f"{PLANKG} not found: install plankg in this interpreter's environment")
    for name, variant in VARIANTS.items():
        print(f"{name:<42}{_median_wall(variant, args.repeat):8.2f} s")
    print("target: the whole build under 3 s wall")


if __name__ == "__main__":
    main()
