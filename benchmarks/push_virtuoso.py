"""`plankg push` of a built store into Virtuoso open source on loopback, timed, with every library query timed
there beside the embedded store.

Run:  python benchmarks/push_virtuoso.py --store DIR [--plans N] [--buffers 170000] [--out FILE.json]
      [--keep DB_DIR | --reuse DB_DIR] [--only QUERY …]

DIR is a store built before (`python benchmarks/run.py --sizes N` leaves $TMPDIR/plankg-bench/store-N). Virtuoso
starts on free ports of 127.0.0.1 with its own database in a temporary folder (as tests/servers.py starts it),
with --buffers 8 KB pages of buffer pool; the push is `plankg push` as a user runs it, its wall time and its
own count check (every graph's triples counted back on the endpoint). Then each library query runs on both: the
embedded store opened read-only and Virtuoso's endpoint, the answers compared (rows sorted; ties in ORDER BY may
come in any order), p50 of `--repeat` runs after one warm-up (a query over 1 s: its first run). Prints a table
and writes JSON. Not a test.

--keep DB_DIR keeps Virtuoso's database in DB_DIR (empty or new) after the run; --reuse DB_DIR starts Virtuoso on
such a kept database and times the queries without pushing again (a push of 1,000 plans takes minutes), so that a
query can be rewritten and timed on both sides in seconds. --only limits the queries timed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

VIRTUOSO_TIMEOUT_S = 300  # a query slower than this on Virtuoso is reported as a timeout


def _ini(text: str, buffers: int) -> str:
    """tests/servers.py's ini with a buffer pool sized for the store (at most 3/4 of it dirty) and a longer query limit."""
    for old, new in (
        ("NumberOfBuffers = 10000", f"NumberOfBuffers = {buffers}"),
        ("MaxDirtyBuffers = 6000", f"MaxDirtyBuffers = {buffers * 3 // 4}"),
        ("MaxQueryExecutionTime = 120", f"MaxQueryExecutionTime = {VIRTUOSO_TIMEOUT_S}"),
    ):
        if old not in text:
            raise SystemExit(f"tests/servers.py's Virtuoso ini no longer says {old!r}: update this benchmark")
        text = text.replace(old, new)
    return text


@contextmanager
def virtuoso(directory: Path, buffers: int, kept: bool = False) -> Iterator[tuple[str, int]]:
    """Virtuoso with tests/servers.py's database layout and this benchmark's buffer pool: its base URL and pid.
    kept: a database of an earlier run, whose transaction log is replayed and checkpointed first (a run without
    checkpoints leaves the whole push there: minutes to replay, longer than the wait for the server to answer)."""
    from tests.servers import VIRTUOSO_INI, free_port, started

    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise SystemExit("Virtuoso is not installed (Debian package virtuoso-opensource)")
    http_port = free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(_ini(VIRTUOSO_INI.format(dir=directory, sql_port=free_port(), http_port=http_port), buffers))
    url = f"http://127.0.0.1:{http_port}"
    command = [binary, "+configfile", str(ini), "+foreground"]
    if kept:
        with (directory / "virtuoso.out").open("w") as out:
            subprocess.run([*command, "+checkpoint-only"], stdout=out, stderr=subprocess.STDOUT, cwd=directory, check=True)
    with started(command, url + "/sparql?query=ASK%7B%7D", directory / "virtuoso.out") as server:
        yield url, server.pid


def _peak_mb(pid: int) -> float:
    """A running process's peak resident memory (VmHWM), MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _p50(fn, repeat: int) -> tuple[float, object]:
    """The median of repeat runs after a warm-up, in ms, and the last answer; a query whose first run took over a
    second is timed by that run alone (at 1,000 plans some take minutes on one side)."""
    start = time.perf_counter()
    answer = fn()
    first = 1000 * (time.perf_counter() - start)
    if first > 1000:
        return first, answer
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        answer = fn()
        times.append(1000 * (time.perf_counter() - start))
    return statistics.median(times), answer


def compare_queries(store_dir: Path, endpoint: str, repeat: int, only: list[str] | None = None) -> dict:
    """Every library query on the embedded store and on the endpoint: p50s and whether the answers agree."""
    from run import _example_params

    from plankg.graph.store import open_store
    from plankg.query.library import get, library, run, run_remote

    store = open_store(store_dir, read_only=True)
    params = _example_params(store)
    rows = {"_params": params}
    for name in only or library():
        given = {k: params[k] for k in get(name).parameters if k in params}  # the others take their defaults
        local_ms, local = _p50(lambda n=name, g=given: run(store, n, g), repeat)
        row: dict = {"embedded_p50_ms": local_ms, "rows": len(local[1])}
        try:
            remote_ms, remote = _p50(lambda n=name, g=given: run_remote(endpoint, n, g, timeout=VIRTUOSO_TIMEOUT_S), repeat)
            row["virtuoso_p50_ms"] = remote_ms
            row["same_answer"] = (local[0], sorted(local[1])) == (remote[0], sorted(remote[1]))
            if not row["same_answer"] and _latin1_separator(local) == (remote[0], sorted(remote[1])):
                row["same_answer"] = "yes, but for GROUP_CONCAT's separator 、, which Virtuoso 7 writes as ?"
            elif not row["same_answer"]:
                row["difference"] = _difference(local, remote)
        except Exception as exc:  # a timeout or a Virtuoso error is a figure here, not a crash
            row["virtuoso_error"] = f"{type(exc).__name__}: {str(exc)[:300]}"
        rows[name] = row
        print(f"{name:<28} {json.dumps(row, ensure_ascii=False)[:200]}", file=sys.stderr)
    return rows


def _latin1_separator(answer) -> tuple[list[str], list[list[str]]]:
    """The answer as Virtuoso 7 gives it: a GROUP_CONCAT separator outside Latin-1 turned into "?" (tests/test_push.py),
    in the concatenated column only (policy-families' regions): a label may hold 、 of its own."""
    concatenated = [i for i, column in enumerate(answer[0]) if column == "regions"]
    return answer[0], sorted(
        [cell.replace("、", "?") if i in concatenated else cell for i, cell in enumerate(row)] for row in answer[1]
    )


def _difference(local, remote) -> dict:
    here, there = {tuple(r) for r in local[1]}, {tuple(r) for r in remote[1]}
    return {
        "columns": [local[0], remote[0]],
        "only_embedded": len(here - there),
        "only_virtuoso": len(there - here),
        "example_embedded": sorted(here - there)[:2],
        "example_virtuoso": sorted(there - here)[:2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--plans", type=int, default=0, help="How many plans the store holds (for the report).")
    parser.add_argument("--buffers", type=int, default=170_000, help="Virtuoso's NumberOfBuffers (8 KB pages).")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "plankg-push-virtuoso.json")
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--keep", type=Path, help="Keep Virtuoso's database in this folder (empty or new).")
    kept.add_argument("--reuse", type=Path, help="Time the queries on a database kept by --keep, without a push.")
    parser.add_argument("--only", nargs="+", help="Time these library queries only.")
    args = parser.parse_args()
    if args.reuse:
        with virtuoso(args.reuse, args.buffers, kept=True) as (url, _):
            figures = {"plans": args.plans, "reused": str(args.reuse)}
            figures["queries"] = compare_queries(args.store, url + "/sparql", args.repeat, args.only)
        _report(figures, args.out)
        return
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        if any(args.keep.iterdir()):
            raise SystemExit(f"{args.keep} is not empty: --keep needs an empty or new folder")
    from plankg.graph.store import open_store
    from plankg.remote.push import local_graphs

    store = open_store(args.store, read_only=True)
    graphs = local_graphs(store)
    figures: dict = {"plans": args.plans, "graphs": len(graphs), "triples": sum(n for _, n in graphs)}
    del store
    with _database(args.keep) as tmp, virtuoso(Path(tmp), args.buffers) as (url, pid):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PLANKG_ENDPOINT_")}
        env |= {"PLANKG_ENDPOINT_USER": "dba", "PLANKG_ENDPOINT_PASSWORD": "dba"}  # a fresh database's admin
        command = [sys.executable, "-c", "from plankg.cli import main; main()", "push", "--store", str(args.store)]
        command += ["--endpoint", url + "/sparql", "--timeout", "600"]
        load_before = os.getloadavg()[0]
        start, before = time.perf_counter(), os.times()
        pushed = subprocess.run(command, capture_output=True, text=True, env=env)
        after = os.times()
        figures.update(
            push_s=time.perf_counter() - start,
            push_cpu_s=after.children_user + after.children_system - before.children_user - before.children_system,
            push_exit=pushed.returncode,
            push_output=pushed.stdout.strip().splitlines()[-1:] + pushed.stderr.strip().splitlines()[-3:],
            counts_match="counts match" in pushed.stdout,
            push_peak_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,  # the push: the one child ended
            virtuoso_peak_rss_mb=_peak_mb(pid),
            load_average_before_push=load_before,
            load_average_after_push=os.getloadavg()[0],
        )
        print(json.dumps(figures, ensure_ascii=False), file=sys.stderr)
        if pushed.returncode == 0:
            figures["queries"] = compare_queries(args.store, url + "/sparql", args.repeat, args.only)
        figures["virtuoso_db_mb"] = sum(f.stat().st_size for f in Path(tmp).glob("virtuoso*.db")) / 1e6
        figures["load_average_at_end"] = os.getloadavg()[0]
    _report(figures, args.out)


@contextmanager
def _database(keep: Path | None) -> Iterator[str]:
    """The folder of Virtuoso's database: the one to keep, or a temporary one removed at the end."""
    if keep is not None:
        yield str(keep)
        return
    with tempfile.TemporaryDirectory(prefix="plankg-virtuoso-") as tmp:
        yield tmp


def _report(figures: dict, out: Path) -> None:
    """The figures as JSON in out, and as a table on stdout."""
    out.write_text(json.dumps(figures, indent=1, ensure_ascii=False))
    print(json.dumps({k: v for k, v in figures.items() if k != "queries"}, ensure_ascii=False))
    for name, row in figures.get("queries", {}).items():
        if not name.startswith("_"):
            there = f"{row['virtuoso_p50_ms']:10.1f}" if "virtuoso_p50_ms" in row else f"{'error':>10}"
            print(f"{name:<28} embedded {row['embedded_p50_ms']:10.1f} ms  Virtuoso {there} ms  same {row.get('same_answer')}")


if __name__ == "__main__":
    main()
