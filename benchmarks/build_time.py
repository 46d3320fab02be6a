"""Wall time of `plankg build` on the bundled corpus, end to end, interpreter start-up included.

Run:  python benchmarks/build_time.py [--repeat 3]

Times the whole build (load, validate, lineage, views) and, to show where the time goes, the same build
with stages left out and the bare start-up (`plankg --help`), each the median of --repeat runs in a fresh
store. Prints the figures and the target (under 3 s), each wall time beside the CPU time of the command and
the worker process it starts (user + system): on a machine other jobs share, the wall time grows with their
load (the 1-minute load average is printed) while the CPU time stays.
"""

from __future__ import annotations

import argparse
import os
import resource
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


def _median_times(args: list[str], repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of `plankg ARGS` (in a fresh store for a build)."""
    walls, cpus = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            extra = ["--store", str(Path(tmp) / "store")] if args[0] == "build" else []
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([str(PLANKG), *args, *extra], cwd=tmp, check=False, capture_output=True)
            walls.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which(str(PLANKG)):
        sys.exit(f"{PLANKG} not found: install plankg in this interpreter's environment")
    print(f"1-minute load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(f"{'':<42}{'wall':>8}  {'CPU':>8}")
    for name, variant in VARIANTS.items():
        wall, cpu = _median_times(variant, args.repeat)
        print(f"{name:<42}{wall:8.2f} s{cpu:8.2f} s")
    print(f"1-minute load average after: {os.getloadavg()[0]:.2f}")
    print("target: the whole build under 3 s wall")


if __name__ == "__main__":
    main()
