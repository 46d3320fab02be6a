"""plankg benchmark: every stage at N synthetic plans (10, 100, 1,000 … 10,000), beside the naive way of doing the same work.

Run:  python benchmarks/run.py [--sizes 10 100 1000] [--out docs/benchmark-results.json] [--trace]
      python benchmarks/run.py --series   (cleaner, segmenter and table parser on inputs up to 50 MB)
      python benchmarks/run.py --stage views --plans 1000 --store DIR --corpus DIR   (one stage on a store built before)

Stages: synth, load (documents/s, MB/s, triples/s), store size, SHACL validation (pyrudof per document; pyshacl
over the whole graph at once as the naive baseline), lineage (time, recall and precision on the recorded copies;
all-pairs comparison as the baseline), OWL 2 RL reasoning (SPARQL rules; owlrl on rdflib as the baseline), views,
and p50/p95 latency of every library query (rdflib's in-memory SPARQL as the baseline). A baseline runs where it
is feasible and is extrapolated beyond. Each stage runs in a child process of its own on the store the stages
before it left, so its peak memory (ru_maxrss) is that stage's own; --trace adds the Python heap's peak and its
largest holders (tracemalloc, slower). The corpus is `plankg synth`'s, hierarchical when synth can write one.
Prints a table of figures and ratios and writes JSON (after each size, so a long run keeps what it measured).
Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RDFLIB_MAX_TRIPLES = 400_000  # rdflib parses ~35k triples/s and answers some queries in minutes beyond this
PYSHACL_MAX_TRIPLES = 40_000  # pyshacl validates ~3k triples/s
OWLRL_MAX_TRIPLES = 40_000
PLANKG = [sys.executable, "-c", "from plankg.cli import main; main()"]
QUERY_TIMEOUT_S = 60  # a library query slower than this at some N is reported as a timeout there
ALL_PAIRS_SAMPLE = 2000  # pairs compared to time the all-pairs baseline, then extrapolated to all pairs
QUERY_TARGET_MS = {"targeted": 100, "text-filter": 5000, "aggregation": 5000, "join": 5000}  # issue 18's targets
QUERY_KIND = {
    "provenance": "targeted",
    "measure-lineage": "targeted",
    "indicator-across-plans": "targeted",
    "binding-indicators": "targeted",
    "measures-by-chapter": "targeted",
    "measure-search": "text-filter",
    "plans-overview": "aggregation",
    "indicators-shared": "aggregation",
    "theme-coverage": "aggregation",
    "policy-families": "aggregation",
    "binding-missing-in-child": "join",
    "diffusion-paths": "join",
    "plan-citations": "join",
    "projects-by-region": "aggregation",
    "projects-in-region": "targeted",
    "shared-indicator-concepts": "join",
    "measures-by-body": "text-filter",
    "shared-instruments": "aggregation",
    "instrument-mentions": "targeted",
}


CPU: dict[str, float] = {}  # stage -> CPU seconds of this process, beside the wall time (the machine is shared)


def _timed(fn, *args, stage: str = "", **kwargs):
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    if stage:
        CPU[stage] = time.process_time() - cpu
    return result, time.perf_counter() - start


def _latencies(fn, repeat: int) -> tuple[float, float]:
    """Median and 95th percentile in ms; a query slower than 1 s is repeated 3 times, slower than 10 s once."""
    times = [1000 * _timed(fn)[1]]
    times += [1000 * _timed(fn)[1] for _ in range(min(repeat, 1 if times[0] > 10_000 else 3 if times[0] > 1000 else repeat) - 1)]
    times.sort()
    return statistics.median(times), times[max(0, int(round(0.95 * len(times))) - 1)]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    """This process's resident memory now (ru_maxrss is the peak)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_size(n: int, work: Path, corpus_args: list[str], trace: bool = False, quick: bool = False) -> dict:
    """All stages for one corpus size, each in a child process of its own (so each peak memory is that stage's own);
    returns the figures."""
    corpus, store_dir = work / f"corpus-{n}", work / f"store-{n}"
    shutil.rmtree(store_dir, ignore_errors=True)
    _, synth_s = _timed(write_corpus, n, corpus, corpus_args)
    figures: dict = {"plans": n, "synth_s": synth_s, "corpus_args": corpus_args}
    common = ["--plans", str(n), "--store", str(store_dir), "--corpus", str(corpus), "--work", str(work)]
    for stage in STAGES:
        figures.update(_child(["--stage", stage, *common, *(["--trace"] if trace else []), *(["--quick"] if quick else [])]))
        print(f"N={n}: {stage} done, load average {os.getloadavg()[0]:.2f}", file=sys.stderr)
    load_s = figures["load_s"]
    figures.update(
        load_docs_per_s=n / load_s, load_mb_per_s=figures["input_mb"] / load_s, load_triples_per_s=figures["triples"] / load_s
    )
    figures["validate_triples_per_s"] = figures["triples"] / figures["validate_s"]
    figures["load_validate_lineage_s"] = figures["load_s"] + figures["validate_s"] + figures["lineage_s"]
    figures["store_mb"] = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file()) / 1e6
    figures["queries"] = {} if quick else _queries(store_dir, n)
    figures["peak_rss_mb"] = max(figures[f"{stage}_peak_rss_mb"] for stage in STAGES)
    figures["load_average_1min_at_end"] = os.getloadavg()[0]
    return figures


STAGES = ("load", "validate", "lineage", "reason", "views")


def write_corpus(n: int, corpus: Path, corpus_args: list[str]) -> None:
    """`plankg synth` as a user runs it (its options, e.g. a hierarchy, from --corpus-args), unless written before."""
    done = corpus / ".plans"
    if done.exists() and done.read_text() == " ".join([str(n), *corpus_args]):
        return
    shutil.rmtree(corpus, ignore_errors=True)
    subprocess.run([*PLANKG, "synth", "--plans", str(n), "--seed", "1", "-o", str(corpus), *corpus_args], check=True)
    done.write_text(" ".join([str(n), *corpus_args]))


def _child(arguments: list[str]) -> dict:
    out = subprocess.run([sys.executable, __file__, *arguments], check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_stage(stage: str, n: int, store_dir: Path, corpus: Path, work: Path, trace: bool, quick: bool = False) -> dict:
    """One stage in this process, on the store the stages before it left: wall, CPU, the resident memory after
    the imports and at its peak (ru_maxrss), and with trace the Python heap's peak and its largest holders."""
    from plankg.graph.store import flush, open_store

    _import_stage(stage)
    store = open_store(store_dir)
    rss_open = _rss_mb()
    if trace:
        import tracemalloc

        tracemalloc.start(8)
    start, cpu = time.perf_counter(), time.process_time()
    out = STAGE_FUNCTIONS[stage](store, n, corpus, work)
    seconds, cpu_s = time.perf_counter() - start, time.process_time() - cpu
    figures = {
        f"{stage}_s": seconds,
        f"{stage}_cpu_s": cpu_s,
        f"{stage}_ms_per_plan": 1000 * seconds / n,
        f"{stage}_cpu_ms_per_plan": 1000 * cpu_s / n,
        f"{stage}_start_rss_mb": rss_open,
        f"{stage}_peak_rss_mb": _peak_mb(),
        f"{stage}_end_rss_mb": _rss_mb(),
        f"{stage}_load_average": os.getloadavg()[0],
    }
    if trace:
        figures.update(_heap(stage))
    flush(store)  # as the plankg commands leave it: a later open replays no log
    after = out.pop("_after", lambda: {})
    if not quick:
        figures.update(after())  # baselines and recall, computed after the stage's own time and memory
    figures.update(out)
    return figures


def _import_stage(stage: str) -> None:
    """The stage's modules imported before its memory and time are read (as the command has them at start-up)."""
    import plankg.lineage.graph  # noqa: F401
    import plankg.loading.documents  # noqa: F401
    import plankg.validation.shacl  # noqa: F401
    import plankg.viz.site  # noqa: F401


def _heap(stage: str) -> dict:
    """The Python heap's peak (tracemalloc) and the ten places holding the most of it at the stage's end."""
    import tracemalloc

    snapshot = tracemalloc.take_snapshot()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    top = snapshot.statistics("traceback")[:10]
    return {
        f"{stage}_heap_peak_mb": peak / 2**20,
        f"{stage}_heap_end_mb": sum(s.size for s in snapshot.statistics("filename")) / 2**20,
        f"{stage}_heap_top": [
            {"mb": s.size / 2**20, "blocks": s.count, "where": [f"{f.filename}:{f.lineno}" for f in s.traceback][-4:]}
            for s in top
        ],
    }


def _load_stage(store, n: int, corpus: Path, work: Path) -> dict:
    from plankg.loading.documents import load_paths

    files = _plan_files(corpus)[:n]
    results = load_paths(store, files)
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    triples = sum(r.triples for r in results)
    return {
        "input_mb": megabytes,
        "failed": sum(not r.ok for r in results),
        "triples": triples,
    }


def _plan_files(corpus: Path) -> list[Path]:
    return sorted(corpus.glob("*.txt"))


def _validate_stage(store, n: int, corpus: Path, work: Path) -> dict:
    """pyrudof one document at a time (what build does); pyshacl over the whole graph at once, where feasible."""
    from plankg.validation.shacl import validate_store

    violations = sum(r.count("Violation") for r in validate_store(store))
    return {"validate_violations": violations, "_after": lambda: _naive_pyshacl(store)}


def _naive_pyshacl(store) -> dict:
    from pyoxigraph import RdfFormat, serialize

    from plankg.graph.store import document_graphs
    from plankg.graph.vocab import REGIONS_GRAPH
    from plankg.validation.shacl import graph_triples, run_engine, with_supertypes

    if len(store) > PYSHACL_MAX_TRIPLES:
        return {}
    whole = with_supertypes(graph_triples(store, [g for g, _, _ in document_graphs(store)] + [str(REGIONS_GRAPH)]))
    text = serialize(whole, format=RdfFormat.N_TRIPLES).decode("utf-8")
    _, naive = _timed(run_engine, "pyshacl", text, stage="naive_pyshacl_whole")
    return {"naive_pyshacl_whole_s": naive, "naive_pyshacl_triples_per_s": len(whole) / naive}


def _lineage_stage(store, n: int, corpus: Path, work: Path) -> dict:
    """Lineage rebuilt in this process alone (no worker), then recall/precision on the recorded copies and the
    all-pairs baseline (after the stage's time and memory are read)."""
    from plankg.lineage.graph import rebuild_lineage

    summary = rebuild_lineage(store)
    return {
        "lineage_items": summary.items,
        "lineage_candidates": summary.candidate_pairs,
        "lineage_links": summary.reuse_links,
        "lineage_triples": summary.triples,
        "lineage_resolved_citations": summary.resolved_citations,
        "lineage_citations": summary.citations,
        "lineage_stage_s": summary.seconds,
        "_after": lambda: _lineage_truth(store, corpus),
    }


def _lineage_truth(store, corpus: Path) -> dict:
    from plankg.lineage.graph import reuse_items
    from plankg.lineage.passages import compare

    sys.path.insert(0, str(HERE))
    from recall import evaluate

    out: dict = {"lineage_truth": evaluate(store, corpus)}
    items, _ = reuse_items(store)
    pairs = (
        [(a, b) for a in range(len(items)) for b in range(a + 1, len(items)) if items[a].plan != items[b].plan]
        if len(items) < 5000
        else None
    )
    count = len(pairs) if pairs is not None else _cross_plan_pairs(items)
    rng = random.Random(1)
    sample = (
        rng.sample(pairs, min(ALL_PAIRS_SAMPLE, len(pairs)))
        if pairs is not None
        else [_random_cross_pair(items, rng) for _ in range(ALL_PAIRS_SAMPLE)]
    )
    _, sample_s = _timed(lambda: [compare(items[a].text, items[b].text) for a, b in sample])
    out.update({"naive_all_pairs": count, "naive_all_pairs_s_extrapolated": sample_s / len(sample) * count})
    return out


def _cross_plan_pairs(items) -> int:
    per_plan: dict[str, int] = {}
    for item in items:
        per_plan[item.plan] = per_plan.get(item.plan, 0) + 1
    total = len(items)
    return (total * total - sum(k * k for k in per_plan.values())) // 2


def _random_cross_pair(items, rng: random.Random) -> tuple[int, int]:
    while True:
        a, b = rng.randrange(len(items)), rng.randrange(len(items))
        if items[a].plan != items[b].plan:
            return a, b


def _reason_stage(store, n: int, corpus: Path, work: Path) -> dict:
    """The inferred graph materialised; its progress on stderr (graphs done, CPU, memory) every 100 batches."""
    from plankg.graph.reason import materialise

    start, cpu, batches = time.perf_counter(), time.process_time(), []

    def progress(batch: list[str]) -> None:
        batches.append(len(batch))
        if len(batches) % 100 == 1:
            figures = {"graphs": sum(batches), "wall_s": time.perf_counter() - start, "cpu_s": time.process_time() - cpu}
            print(json.dumps({**figures, "rss_mb": _rss_mb(), "peak_mb": _peak_mb()}), file=sys.stderr, flush=True)

    inferred = materialise(store, progress)
    return {"reason_inferred": inferred, "store_quads": len(store), "_after": lambda: _naive_owlrl(store, inferred)}


def _naive_owlrl(store, inferred: int) -> dict:
    if len(store) - inferred > OWLRL_MAX_TRIPLES:
        return {}
    import owlrl
    from pyoxigraph import RdfFormat, serialize
    from rdflib import Graph

    from plankg.graph.reason import INFERRED_GRAPH, ontology_closure

    graph = Graph()
    graph += ontology_closure()
    data = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{INFERRED_GRAPH}>) }}")
    graph.parse(data=serialize(data, format=RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    _, naive = _timed(owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand, graph, stage="naive_owlrl")
    return {"naive_owlrl_s": naive}


def _views_stage(store, n: int, corpus: Path, work: Path) -> dict:
    from plankg.viz.data import plans
    from plankg.viz.site import write_site

    out_dir = work / f"site-{n}"
    shutil.rmtree(out_dir, ignore_errors=True)
    pages = write_site(store, out_dir)
    return {
        "views_pages": len(pages),
        "views_site_mb": sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file()) / 1e6,
        # the summary query the views share with `plankg stats`, timed on its own
        "_after": lambda: {"views_plans_query_s": _timed(plans, store)[1]},
    }


STAGE_FUNCTIONS = {
    "load": _load_stage,
    "validate": _validate_stage,
    "lineage": _lineage_stage,
    "reason": _reason_stage,
    "views": _views_stage,
}


def _queries(store_dir: Path, n: int, only: list[str] | None = None) -> dict:
    """p50/p95 of each library query on the store (or of the `only` ones), and on rdflib's in-memory dataset where it
    is feasible."""
    from pyoxigraph import RdfFormat

    from plankg.graph.store import open_store
    from plankg.query.library import library

    store = open_store(store_dir, read_only=True)
    dataset, parse_s = None, None
    if len(store) <= RDFLIB_MAX_TRIPLES:
        from rdflib import Dataset

        dataset = Dataset()
        _, parse_s = _timed(dataset.parse, data=store.dump(format=RdfFormat.N_QUADS), format="nquads")
    params = _example_params(store)
    figures: dict = {"_rdflib_parse_s": parse_s, "_params": params}
    for name in only or library():
        row = {"kind": QUERY_KIND.get(name, "other")}
        try:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--query",
                    name,
                    "--store",
                    str(store_dir),
                    "--params",
                    json.dumps(params, ensure_ascii=False),
                ],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
                timeout=QUERY_TIMEOUT_S,
            ).stdout
            row.update(json.loads(out.strip().splitlines()[-1]))
        except subprocess.TimeoutExpired:
            row["timeout_s"] = QUERY_TIMEOUT_S
        if dataset is not None:
            text = _bound_query(name, params)
            r50, r95 = _latencies(lambda t=text: list(dataset.query(t)), repeat=3)
            row.update({"rdflib_p50_ms": r50, "rdflib_p95_ms": r95})
            if "p50_ms" in row:
                row["speedup"] = r50 / row["p50_ms"]
        figures[name] = row
    return figures


def run_queries_on(store_dir: Path, only: list[str] | None, out: Path | None) -> None:
    """Every library query on a store built before, each in a child process (the store opened read-only), printed
    against issue 18's targets (targeted < 100 ms, corpus-wide < 5 s) with the load average before and after; the
    figures go to out's "queries_on" entry, keyed by the store's folder, when out is given (a scratch store's
    figures do not belong in the results the docs are made of)."""
    before = os.getloadavg()
    figures = _queries(store_dir, 0, only)
    figures["_machine"] = _machine() | {"load_average_before": before}
    figures["_commit"] = _commit()
    if out is not None:
        previous = json.loads(out.read_text()) if out.exists() else {}
        previous.setdefault("queries_on", {})[str(store_dir)] = figures
        out.write_text(json.dumps(previous, indent=1, ensure_ascii=False))
    print(f"{'query':<27}{'kind':<13}{'p50 ms':>10}{'p95 ms':>10}{'CPU ms':>10}{'rows':>8}  target (p50)")
    for name, row in figures.items():
        if name.startswith("_"):
            continue
        target = QUERY_TARGET_MS.get(row["kind"], 5000)
        if "p50_ms" in row:
            verdict = "met" if row["p50_ms"] < target else "MISSED"
            times = f"{row['p50_ms']:>10.1f}{row['p95_ms']:>10.1f}{row['cpu_p50_ms']:>10.1f}{row['rows']:>8}"
            print(f"{name:<27}{row['kind']:<13}{times}  < {target:,} ms {verdict}")
        else:
            print(f"{name:<27}{row['kind']:<13}{'> ' + str(row['timeout_s']) + ' s':>20}{'':>18}  < {target:,} ms MISSED")
    print(f"load average before {before[0]:.2f}, after {os.getloadavg()[0]:.2f}; commit {figures['_commit']}")


def query_latency(store_dir: Path, name: str, params: dict[str, str]) -> dict:
    """One library query's p50/p95 on the store (run in a child process by _queries)."""
    from plankg.graph.store import open_store

    store = open_store(store_dir, read_only=True)
    text = _bound_query(name, params)
    rows: list[int] = []
    cpu: list[float] = []  # the query's own CPU time (Oxigraph evaluates in this thread): comparable on a shared machine

    def once() -> None:
        start = time.process_time()
        rows.append(len(list(store.query(text))))
        cpu.append(1000 * (time.process_time() - start))

    p50, p95 = _latencies(once, repeat=20)
    return {"p50_ms": p50, "p95_ms": p95, "cpu_p50_ms": statistics.median(cpu), "rows": rows[-1]}


def _bound_query(name: str, params: dict[str, str]) -> str:
    """The query with the example parameters it takes bound; one it is not given takes its default."""
    from plankg.query.library import bind, get, with_values

    query = get(name)
    return with_values(query.text, bind(query, {k: params[k] for k in query.parameters if k in params}))


def _example_params(store) -> dict[str, str]:
    """Parameters naming one thing of this store each: a measure with lineage, its region, an indicator row and that
    indicator's name (a whole name: the targeted query asks about one indicator).

    Looked up step by step, each from a bound or limited start: one query joining them all is evaluated in full by
    Oxigraph, LIMIT or not.
    """
    from plankg.graph.vocab import LINEAGE_GRAPH, SPARQL_PREFIXES

    def first(query: str) -> str:
        return next((row[0].value for row in store.query(SPARQL_PREFIXES + query)), "")

    measure = first(
        f"SELECT ?m WHERE {{ {{ SELECT ?m WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?l pk:between ?m }} }} LIMIT 100 }} "
        "GRAPH ?g { ?m a pk:Measure } } LIMIT 1"
    )
    plan = first(f"SELECT ?p WHERE {{ GRAPH ?g {{ <{measure}> pk:inPlan ?p }} }} LIMIT 1")
    region = first(
        f"SELECT ?label WHERE {{ GRAPH ?g {{ <{plan}> pk:region ?r }} GRAPH ?rg {{ ?r skos:prefLabel ?label }} }} LIMIT 1"
    )
    node = first("SELECT ?i WHERE { GRAPH ?g { ?i a pk:Indicator } } LIMIT 1")
    name = first(f'SELECT ?n WHERE {{ GRAPH ?g {{ <{node}> pk:name ?n FILTER(lang(?n) = "zh-hans") }} }} LIMIT 1')
    instrument = first(
        f"SELECT ?l WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c a pk:PolicyInstrument ; skos:prefLabel ?l }} "
        'FILTER(lang(?l) = "zh-hans") } LIMIT 1'
    )
    return {
        "instrument": instrument,
        "measure": measure,
        "node": node,
        "region": region,
        "name": name,
        "text": "养老服务",
        "min_plans": "3",
        "body": "民政",
    }


# ---------------------------------------------------------------- incremental series

ADDED = (1, 10, 100)


def run_incremental(n: int, work: Path, corpus_args: list[str]) -> dict:
    """Adding 1, 10 and 100 plans to a store of n plans, and removing one, each as a user does it (`plankg build
    FILES --store S --no-views`, `plankg remove FILE`), start-up included, beside the full builds they replace: a
    build of the n plans in a fresh store and `plankg lineage --rebuild` on it. Each change starts from a copy of the
    same n-plan store. Wall, CPU (the command and its worker) and peak memory (its largest process)."""
    corpus = work / f"corpus-{n}+{max(ADDED)}"
    write_corpus(n + max(ADDED), corpus, corpus_args)
    files = _plan_files(corpus)
    held, rest = files[:n], files[n:]
    base = work / f"incremental-{n}" / "base"
    shutil.rmtree(base.parent, ignore_errors=True)
    base.parent.mkdir(parents=True)
    links = base.parent / "base-corpus"  # too many paths for one command line at 10,000: a folder of links
    links.mkdir()
    for f in held:
        (links / f.name).symlink_to(f)
        if (meta := f.with_name(f.stem + ".meta.json")).exists():
            (links / meta.name).symlink_to(meta)
    figures: dict = {"plans": n, "corpus_args": corpus_args}
    figures["full_build"] = _command(["build", str(links), "--store", str(base), "--no-views"])
    figures["full_lineage_rebuild"] = _command(["lineage", "--rebuild", "--store", str(base)])
    for k in ADDED:
        store = _copy(base, base.parent / f"add-{k}")
        figures[f"add_{k}"] = _command(["build", *map(str, rest[:k]), "--store", str(store), "--no-views"])
        shutil.rmtree(store)
    store = _copy(base, base.parent / "remove-1")
    figures["remove_1"] = _command(["remove", held[len(held) // 2].name, "--store", str(store)])
    shutil.rmtree(store)
    figures["load_average_1min_at_end"] = os.getloadavg()[0]
    return figures


def _copy(store: Path, to: Path) -> Path:
    shutil.rmtree(to, ignore_errors=True)
    shutil.copytree(store, to)
    return to


def _command(arguments: list[str]) -> dict:
    """One plankg command, timed: wall, CPU of it and its children, peak memory of the largest, the load average."""
    with tempfile.TemporaryFile("w+") as out:  # a file, not a pipe: a build prints a line per document
        start = time.perf_counter()
        process = subprocess.Popen([*PLANKG, *arguments], stdout=out, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0)
        printed = out.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    row = {
        "command": "plankg " + " ".join(a if len(a) < 60 else "…" + a[-40:] for a in arguments[:6]),
        "exit": process.returncode,
        "s": seconds,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
        "load_average": os.getloadavg()[0],
    }
    if process.returncode not in (0, 1):  # 1: a document did not conform, still a finished command
        row["output"] = printed[-2000:]
    print(f"{row['command'][:80]}: {seconds:.1f} s, CPU {row['cpu_s']:.1f} s, {row['peak_rss_mb']:.0f} MB", file=sys.stderr)
    return row


# ---------------------------------------------------------------- linear growth of the loader stages


def run_series(sizes_mb: list[float]) -> dict:
    """Cleaner, segmenter and table parser on inputs made of whole synthetic plans, up to the largest size."""
    from plankg.loaders.clean import clean
    from plankg.loaders.segment import segment
    from plankg.loaders.tables import parse_table
    from plankg.synth import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(60, 2, Path(tmp))
        plans = [p.read_text(encoding="utf-8") for p in sorted(Path(tmp).glob("*.txt"))]
    rows = []
    for size in sizes_mb:
        parts, total, k = [], 0, 0
        while total < size * 1e6:
            parts.append(plans[k % len(plans)])
            total += len(parts[-1].encode("utf-8"))
            k += 1
        text = "\n".join(parts)
        cleaned, clean_s = _timed(clean, text, stage="clean")
        seg, segment_s = _timed(segment, text, cleaned.content, stage="segment")
        _, table_s = _timed(
            lambda text=text, seg=seg: [parse_table(text, t.heading, t.lines) for t in seg.tables], stage="tables"
        )
        mb = len(text.encode("utf-8")) / 1e6
        rows.append(
            {
                "mb": mb,
                "clean_s": clean_s,
                "segment_s": segment_s,
                "tables_s": table_s,
                "tables": len(seg.tables),
                **{f"{k}_cpu_s_per_mb": CPU[k] / mb for k in ("clean", "segment", "tables")},
            }
        )
        print(
            f"{mb:8.1f} MB  clean {clean_s:7.2f} s  segment {segment_s:7.2f} s  tables {table_s:7.2f} s wall; "
            f"CPU s/MB: " + " ".join(f"{k} {CPU[k] / mb:.3f}" for k in ("clean", "segment", "tables")),
            file=sys.stderr,
        )
    return {"series": rows}


# ---------------------------------------------------------------- report


def _print(rows: list[dict]) -> None:
    keys = [k for k in rows[0] if isinstance(rows[0][k], (int, float))]
    print(f"{'figure':<34}" + "".join(f"{r['plans']:>14}" for r in rows))
    for key in keys:
        print(f"{key:<34}" + "".join(f"{r.get(key, float('nan')):>14.2f}" for r in rows))
    for row in rows:
        if "lineage_truth" not in row:
            continue
        truth = row["lineage_truth"]
        print(
            f"N={row['plans']}: lineage recall {truth['recall']:.3f} precision {truth['precision']:.3f} "
            f"({truth['copies']} recorded copies, {truth['copies_not_extracted']} not extracted as measures); by level: "
            + ", ".join(f"{k.split()[0]}={v:.3f}" for k, v in truth["recall_by_level"].items())
        )
        print(f"N={row['plans']}: lineage stages (s): {row['lineage_stage_s']}")
    for previous, last in zip(rows, rows[1:], strict=False):
        print(f"\nper-plan time ratio N={last['plans']} / N={previous['plans']} (flat is 1.0, target <= 1.5):")
        for key in keys:
            if key.endswith("ms_per_plan"):
                print(f"  {key:<30}{last[key] / previous[key]:>8.2f}")
    for row in rows:
        for name, q in row["queries"].items():
            if name.startswith("_"):
                continue
            extra = f"  rdflib p50 {q['rdflib_p50_ms']:9.1f} ms  ({q['speedup']:.1f}x)" if "speedup" in q else ""
            own = f"p50 {q['p50_ms']:8.1f} ms  p95 {q['p95_ms']:8.1f} ms" if "p50_ms" in q else f"over {q['timeout_s']} s"
            print(f"N={row['plans']:<5} {name:<26} {q['kind']:<12} {own}{extra}")


def _machine() -> dict:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "system": platform.platform(),
        "load_average": os.getloadavg(),
    }


RESULTS = ROOT / "docs" / "benchmark-results.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--series", action="store_true", help="Run the loader-stage series instead (up to 50 MB).")
    parser.add_argument(
        "--out", type=Path, help=f"The results file (default {RESULTS.relative_to(ROOT)}; with --queries-on, none)."
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "plankg-bench")
    parser.add_argument(
        "--corpus-args",
        default=None,
        help="plankg synth's options as one argument: --corpus-args=--hierarchy (default if synth has it), --corpus-args= flat.",
    )
    parser.add_argument(
        "--incremental",
        type=int,
        nargs="+",
        metavar="N",
        help="The incremental series on stores of N plans (see run_incremental).",
    )
    parser.add_argument("--trace", action="store_true", help="Also trace the Python heap of each stage (slower).")
    parser.add_argument("--quick", action="store_true", help="The stages only: no baselines, recall or query latencies.")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size in this process
    parser.add_argument(
        "--queries-on",
        type=Path,
        metavar="STORE",
        help="Time every library query (or --only NAME …) on a store built before, against issue 18's targets.",
    )
    parser.add_argument("--only", nargs="+", metavar="QUERY", help="With --queries-on: these queries only.")
    parser.add_argument("--query", help=argparse.SUPPRESS)  # internal: time one query on --store
    parser.add_argument("--params", type=json.loads, help=argparse.SUPPRESS)  # internal: the --query's parameters
    parser.add_argument("--stage", choices=STAGES, help="Run one stage on --store, a store of --plans plans built before.")
    parser.add_argument("--plans", type=int, help="With --stage: how many plans the store holds.")
    parser.add_argument("--store", type=Path, help="With --stage: a store built before (e.g. `plankg build --no-views`).")
    parser.add_argument("--corpus", type=Path, help="With --stage: the synthetic corpus the store was built from.")
    args = parser.parse_args()
    if args.query:
        print(json.dumps(query_latency(args.store, args.query, args.params)))
        return
    if args.queries_on:
        run_queries_on(args.queries_on, args.only, args.out)
        return
    args.out = args.out or RESULTS
    args.work.mkdir(parents=True, exist_ok=True)
    if args.stage:
        print(
            json.dumps(
                run_stage(args.stage, args.plans, args.store, args.corpus, args.work, args.trace, args.quick), ensure_ascii=False
            )
        )
        return
    corpus_args = _corpus_args(args.corpus_args)
    if args.one:
        print(json.dumps(run_size(args.one, args.work, corpus_args, args.trace, args.quick), ensure_ascii=False))
        return
    previous = json.loads(args.out.read_text()) if args.out.exists() else {}
    if args.series:
        previous["series"] = run_series([1, 5, 10, 25, 50])["series"]
        previous["series_machine"] = _machine()
        args.out.write_text(json.dumps(previous, indent=1, ensure_ascii=False))
        return
    if args.incremental:
        series = previous.setdefault("incremental", {})
        for n in args.incremental:
            series[str(n)] = run_incremental(n, args.work, corpus_args)
            series[str(n)].update(machine=_machine(), commit=_commit())
            args.out.write_text(json.dumps(previous, indent=1, ensure_ascii=False))
        print(json.dumps(series, indent=1, ensure_ascii=False))
        return
    rows = []
    for n in args.sizes:
        command = ["--one", str(n), "--work", str(args.work), "--corpus-args=" + " ".join(corpus_args)]
        rows.append(_child(command + (["--trace"] if args.trace else []) + (["--quick"] if args.quick else [])))
        print(f"N={n}: done", file=sys.stderr)
        previous.update({"machine": _machine(), "commit": _commit(), "runs": rows})
        args.out.write_text(json.dumps(previous, indent=1, ensure_ascii=False))  # after each size: a long run keeps its part
    _print(rows)


def _corpus_args(given: str | None) -> list[str]:
    if given is not None:
        return given.split()
    shown = subprocess.run([*PLANKG, "synth", "--help"], capture_output=True, text=True).stdout
    return ["--hierarchy"] if "--hierarchy" in shown else []


def _commit() -> str:
    found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True
    )
    return found.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


if __name__ == "__main__":
    main()
