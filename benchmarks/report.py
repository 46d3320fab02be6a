"""The tables of docs/benchmarks.md, rendered from the JSON benchmarks/run.py writes.

Run:  python benchmarks/report.py [docs/benchmark-results.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FIGURES = [
    ("input MB", "input_mb", 2),
    ("triples loaded", "triples", 0),
    ("load s", "load_s", 1),
    ("load documents/s", "load_docs_per_s", 1),
    ("load MB/s", "load_mb_per_s", 2),
    ("load triples/s", "load_triples_per_s", 0),
    ("store MB", "store_mb", 0),
    ("store quads", "store_quads", 0),
    ("validate s (pyrudof, per document)", "validate_s", 1),
    ("validate triples/s", "validate_triples_per_s", 0),
    ("naive: pyshacl whole graph s", "naive_pyshacl_whole_s", 1),
    ("lineage s", "lineage_s", 1),
    ("lineage items", "lineage_items", 0),
    ("lineage LSH candidates", "lineage_candidates", 0),
    ("lineage links", "lineage_links", 0),
    ("lineage triples", "lineage_triples", 0),
    ("naive: all-pairs comparison s (extrapolated)", "naive_all_pairs_s_extrapolated", 0),
    ("load + validate + lineage s", "load_validate_lineage_s", 1),
    ("reasoning s (SPARQL rules)", "reason_s", 1),
    ("inferred triples", "reason_inferred", 0),
    ("naive: owlrl on rdflib s", "naive_owlrl_s", 1),
    ("views s", "views_s", 1),
    ("views: the plans' summary query s", "views_plans_query_s", 2),
    ("lineage citations (resolved to a loaded plan)", ("lineage_citations", "lineage_resolved_citations"), 0),
    ("peak RSS MB: load (its own process)", "load_peak_rss_mb", 0),
    ("peak RSS MB: validate", "validate_peak_rss_mb", 0),
    ("peak RSS MB: lineage", "lineage_peak_rss_mb", 0),
    ("peak RSS MB: reasoning", "reason_peak_rss_mb", 0),
    ("peak RSS MB: views", "views_peak_rss_mb", 0),
    ("peak RSS MB (largest stage)", "peak_rss_mb", 0),
    ("load ms/plan (wall / CPU)", ("load_ms_per_plan", "load_cpu_ms_per_plan"), 0),
    ("validate ms/plan (wall / CPU)", ("validate_ms_per_plan", "validate_cpu_ms_per_plan"), 0),
    ("lineage ms/plan (wall / CPU)", ("lineage_ms_per_plan", "lineage_cpu_ms_per_plan"), 0),
    ("reasoning ms/plan (wall / CPU)", ("reason_ms_per_plan", "reason_cpu_ms_per_plan"), 0),
    ("views ms/plan (wall / CPU)", ("views_ms_per_plan", "views_cpu_ms_per_plan"), 0),
    (
        "load average (1 min) after load / validate / lineage",
        tuple(f"{s}_load_average" for s in ("load", "validate", "lineage")),
        1,
    ),
    ("load average (1 min) at the end", "load_average_1min_at_end", 1),
]


def _cell(row: dict, key, digits: int) -> str:
    if isinstance(key, tuple):
        return " / ".join(_cell(row, k, digits) for k in key)
    value = row.get(key)
    return "–" if value is None else f"{value:,.{digits}f}"


def render(results: dict) -> str:
    runs = results["runs"]
    lines = ["| figure | " + " | ".join(f"N={r['plans']}" for r in runs) + " |", "|---" * (len(runs) + 1) + "|"]
    lines += [f"| {label} | " + " | ".join(_cell(r, key, d) for r in runs) + " |" for label, key, d in FIGURES]
    lines += [
        "",
        "Per-plan time ratios (flat is 1.0, target ≤ 1.5):",
        "",
        "| stage | "
        + " | ".join(f"N={b['plans']}/N={a['plans']} wall / CPU" for a, b in zip(runs, runs[1:], strict=False))
        + " |",
        "|---" * len(runs) + "|",
    ]
    for stage in ("load", "validate", "lineage", "reason", "views"):
        cells = []
        for a, b in zip(runs, runs[1:], strict=False):
            wall, cpu = f"{stage}_ms_per_plan", f"{stage}_cpu_ms_per_plan"
            cpu_ratio = f"{b[cpu] / a[cpu]:.2f}" if cpu in a and cpu in b else "–"
            cells.append(f"{b[wall] / a[wall]:.2f} / {cpu_ratio}" if wall in a and wall in b else "–")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    if all("lineage_truth" in r for r in runs):
        lines += _truth(runs)
    lines += _queries(runs)
    if "series" in results:
        lines += _series(results["series"])
    if "incremental" in results:
        lines += _incremental(results["incremental"])
    return "\n".join(lines)


def _truth(runs: list[dict]) -> list[str]:
    lines = [
        "",
        "Lineage against the copies plankg synth recorded:",
        "",
        "| N | recorded copies | not extracted as measures | links | precision | recall | "
        + " | ".join(f"recall, level {k}" for k in sorted(runs[0]["lineage_truth"]["recall_by_level"]))
        + " |",
        "|---" * (6 + len(runs[0]["lineage_truth"]["recall_by_level"])) + "|",
    ]
    for r in runs:
        t = r["lineage_truth"]
        lines.append(
            f"| {r['plans']} | {t['copies']} | {t['copies_not_extracted']} | {t['links']} | {t['precision']:.3f} | "
            f"{t['recall']:.3f} | " + " | ".join(f"{v:.3f}" for _, v in sorted(t["recall_by_level"].items())) + " |"
        )
    return lines


def _queries(runs: list[dict]) -> list[str]:
    lines = [
        "",
        "Library queries, p50 (p95) in ms; rdflib's in-memory SPARQL p50 and the speed-up where it was run:",
        "",
        "| query | kind | "
        + " | ".join(f"N={r['plans']}" for r in runs)
        + " | "
        + " | ".join(f"rdflib N={r['plans']}" for r in runs if _has_rdflib(r))
        + " |",
        "|---" * (2 + len(runs) + sum(_has_rdflib(r) for r in runs)) + "|",
    ]
    for name in (n for n in runs[0]["queries"] if not n.startswith("_")):
        cells = []
        for r in runs:
            q = r.get("queries", {}).get(name, {"not_run": True})
            cells.append(
                f"{q['p50_ms']:,.1f} ({q['p95_ms']:,.1f})"
                if "p50_ms" in q
                else f"> {q['timeout_s']} s"
                if "timeout_s" in q
                else "not run"
            )
        rdflib = [
            f"{r['queries'][name]['rdflib_p50_ms']:,.0f} ({r['queries'][name].get('speedup', 0):.1f}×)"
            for r in runs
            if _has_rdflib(r)
        ]
        lines.append(f"| {name} | {runs[0]['queries'][name]['kind']} | " + " | ".join(cells + rdflib) + " |")
    return lines


def _series(series: list[dict]) -> list[str]:
    return [
        "",
        "Loader stages on one growing input (CPU seconds per MB; linear growth is a flat column):",
        "",
        "| input MB | clean s | segment s | tables s | clean CPU s/MB | segment CPU s/MB | tables CPU s/MB |",
        "|---|---|---|---|---|---|---|",
    ] + [
        f"| {s['mb']:.1f} | {s['clean_s']:.2f} | {s['segment_s']:.2f} | {s['tables_s']:.2f} | "
        f"{s['clean_cpu_s_per_mb']:.3f} | {s['segment_cpu_s_per_mb']:.3f} | {s['tables_cpu_s_per_mb']:.3f} |"
        for s in series
    ]


INCREMENTAL = [
    ("full build of the N plans (load, validate, lineage)", "full_build"),
    ("`plankg lineage --rebuild` on it", "full_lineage_rebuild"),
    ("add 1 plan (`plankg build ONE --store S --no-views`)", "add_1"),
    ("add 10 plans", "add_10"),
    ("add 100 plans", "add_100"),
    ("remove 1 plan (`plankg remove`)", "remove_1"),
]


def _incremental(series: dict[str, dict]) -> list[str]:
    sizes = sorted(series, key=int)
    lines = [
        "",
        "Changes to a store of N plans, each from a copy of the same store, start-up included: wall s / CPU s / peak MB",
        "(CPU of the command and its worker; load average after it in brackets):",
        "",
        "| change | " + " | ".join(f"N={n} (commit {series[n].get('commit', '?')})" for n in sizes) + " |",
        "|---" * (1 + len(sizes)) + "|",
    ]
    for label, key in INCREMENTAL:
        cells = []
        for n in sizes:
            row = series[n].get(key)
            cells.append(
                "–"
                if row is None
                else f"{row['s']:,.1f} / {row['cpu_s']:,.1f} / {row['peak_rss_mb']:,.0f} ({row['load_average']:.1f})"
                + ("" if row["exit"] in (0, 1) else f" exit {row['exit']}")
            )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _has_rdflib(run: dict) -> bool:
    return any("rdflib_p50_ms" in q for n, q in run.get("queries", {}).items() if not n.startswith("_"))


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "benchmark-results.json"
    print(render(json.loads(path.read_text(encoding="utf-8"))))


if __name__ == "__main__":
    main()
