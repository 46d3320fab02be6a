"""plankg benchmark: every stage at N = 10, 100, 1000 synthetic plans, beside the naive way.

Run:  python benchmarks/run.py [--sizes 10 100 1000] [--out benchmarks/results.json]

Prints a table of figures and ratios and writes them as JSON. Not part of the test suite.
Each size runs in a fresh subprocess so that peak memory (ru_maxrss) is that size's own.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def _latencies(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        _, seconds = _timed(fn)
        times.append(seconds * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def run_size(n: int, work: Path) -> dict:
    """All stages for one corpus size; returns the figures."""
    from pyoxigraph import RdfFormat

    from plankg.build import load_paths
    from plankg.store import open_store
    from plankg.synth import write_corpus

    corpus, store_dir = work / f"corpus-{n}", work / f"store-{n}"
    shutil.rmtree(store_dir, ignore_errors=True)
    if not corpus.exists():
        write_corpus(n, seed=1, out=corpus)
    files = sorted(corpus.glob("*.txt"))
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    store = open_store(store_dir)
    results, load_s = _timed(load_paths, store, files)
    triples = sum(r.triples for r in results)
    figures: dict = {
        "plans": n,
        "failed": sum(not r.ok for r in results),
        "triples": triples,
        "load_s": load_s,
        "load_docs_per_s": n / load_s,
        "load_mb_per_s": megabytes / load_s,
        "load_triples_per_s": triples / load_s,
        "load_ms_per_plan": 1000 * load_s / n,
        "store_mb": sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file()) / 1e6,
    }
    figures.update(_stage_figures(store, n))
    figures["queries"] = _query_figures(store, store.dump(format=RdfFormat.N_QUADS), n)
    figures["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _stage_figures(store, n: int) -> dict:
    """Lineage, timed, per plan too."""
    from plankg.lineage import rebuild_lineage

    summary, seconds = _timed(rebuild_lineage, store)
    return {"lineage_s": seconds, "lineage_ms_per_plan": 1000 * seconds / n, "lineage_links": summary.reuse_links,
            "lineage_triples": summary.triples}


def _query_figures(store, nquads: bytes, n: int) -> dict:
    """p50/p95 of each library query on the store, and on rdflib's in-memory dataset where feasible."""
    from plankg.query import bind, get, library, with_values

    rdflib_dataset = None
    if n <= 100:  # rdflib parses ~35k triples/s: beyond this size the baseline alone takes many minutes
        from rdflib import Dataset

        rdflib_dataset = Dataset()
        rdflib_dataset.parse(data=nquads, format="nquads")
    figures = {}
    for name in library():
        query = get(name)
        text = with_values(query.text, bind(query, _example_params(store, name)))
        p50, p95 = _latencies(lambda t=text: list(store.query(t)), repeat=10)
        row = {"p50_ms": p50, "p95_ms": p95}
        if rdflib_dataset is not None:
            r50, r95 = _latencies(lambda t=text: list(rdflib_dataset.query(t)), repeat=1)
            row.update({"rdflib_p50_ms": r50, "rdflib_p95_ms": r95, "speedup": r50 / p50 if p50 else None})
        figures[name] = row
    return figures


def _example_params(store, name: str) -> dict[str, str]:
    """Parameters naming something in this store: its first plan's first measure, region, indicator row."""
    from plankg.query import get

    wanted = get(name).parameters
    first = {}
    for row in store.query("PREFIX pk: <https://w3id.org/plankg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                           "SELECT ?m ?i ?label WHERE { GRAPH ?g { ?m a pk:Measure ; pk:inPlan ?p . ?i a pk:Indicator ; "
                           "pk:inPlan ?p . ?p pk:region ?r } GRAPH ?rg { ?r skos:prefLabel ?label } } LIMIT 1"):
        first = {"measure": row["m"].value, "node": row["i"].value, "region": row["label"].value}
    values = {"measure": first.get("measure", ""), "node": first.get("node", ""), "region": first.get("region", ""),
              "name": "覆盖率", "text": "养老服务", "min_plans": "3"}
    return {k: values[k] for k in wanted}


def _print(rows: list[dict]) -> None:
    keys = [k for k in rows[0] if k not in ("queries",)]
    print(f"{'figure':<26}" + "".join(f"{r['plans']:>14}" for r in rows))
    for key in keys:
        print(f"{key:<26}" + "".join(f"{r.get(key, float('nan')):>14.2f}" for r in rows))
    if len(rows) >= 2:
        first, last = rows[-2], rows[-1]
        print("\nper-plan time ratio (largest / previous size; flat is 1.0, target <= 1.5):")
        for key in keys:
            if key.endswith("ms_per_plan") and key in first and key in last:
                print(f"  {key:<24}{last[key] / first[key]:>8.2f}")
    for row in rows:
        for name, q in row.get("queries", {}).items():
            extra = f"  rdflib p50 {q['rdflib_p50_ms']:.1f} ms  ({q['speedup']:.0f}x)" if "speedup" in q else ""
            print(f"N={row['plans']:<5} {name:<32} p50 {q['p50_ms']:.1f} ms  p95 {q['p95_ms']:.1f} ms{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "plankg-bench")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(run_size(args.one, args.work)))
        return
    rows = []
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--work", str(args.work)],
                             check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(f"N={n}: done", file=sys.stderr)
    machine = {"python": platform.python_version(), "machine": platform.machine(), "cpus": __import__("os").cpu_count(),
               "system": platform.platform()}
    args.out.write_text(json.dumps({"machine": machine, "runs": rows}, indent=1, ensure_ascii=False))
    _print(rows)


if __name__ == "__main__":
    main()
