"""How long the pages of a built site take to open in Chromium, offline, as tests/test_viz.py opens them.

Run:  python benchmarks/views_open.py SITE [--all] [--limit 5] [--out FILE.json]

A page is open when its view says so (body[data-ready=true], set once the graph or the charts are drawn; the index
page when loaded). Each page opens in a new tab of one headless Chromium (Debian's /usr/bin/chromium) with every
non-file: request refused; the time is from the navigation to that point, wall clock, beside the CPU time of the page's
main thread and of its renderer process meanwhile (Chrome's ThreadTime and ProcessTime: on a machine loaded beyond its
cores the wall clock mostly measures the wait for a core). Without --all: every page that is not a plan's, the 20
largest plan pages (the most nodes, the worst case) and 20 others drawn at random (seed 1). Prints each page over the
limit, a summary, and writes JSON. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

LARGEST, RANDOM = 20, 20


def chosen(site: Path, every: bool) -> list[Path]:
    pages = sorted(site.glob("*.html"))
    if every:
        return pages
    plans = [p for p in pages if p.name.startswith("plan-")]
    largest = sorted(plans, key=lambda p: p.stat().st_size, reverse=True)[:LARGEST]
    rest = [p for p in plans if p not in largest]
    drawn = random.Random(1).sample(rest, min(RANDOM, len(rest)))
    return [p for p in pages if not p.name.startswith("plan-")] + largest + sorted(drawn)


def open_page(browser, path: Path, timeout_s: float) -> dict:
    """Open one page offline; its time to ready, its errors and what it tried to fetch from elsewhere."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    refused, errors = [], []
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith("file:") else (refused.append(route.request.url), route.abort())
        ),
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    start = time.perf_counter()
    row: dict = {"page": path.name, "mb": path.stat().st_size / 1e6}
    try:
        page.goto(path.as_uri(), timeout=timeout_s * 1000)
        if path.name != "index.html":
            page.locator("body[data-ready=true]").wait_for(state="attached", timeout=timeout_s * 1000)
        row["seconds"] = time.perf_counter() - start
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        row["cpu_s"] = metrics["ThreadTime"]  # CPU time of the page's main thread (of its renderer: ProcessTime)
        row["renderer_cpu_s"] = metrics["ProcessTime"]
        if page.evaluate("typeof plankgView !== 'undefined' && !!plankgView.nodes"):
            row["nodes"], row["edges"] = page.evaluate("[plankgView.nodes.length, plankgView.edges.length]")
    except Exception as exc:  # a page that does not become ready in time is a figure here
        row["seconds"], row["failed"] = time.perf_counter() - start, f"{type(exc).__name__}: {str(exc)[:200]}"
    row["errors"], row["refused"] = errors, refused
    page.close()
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--all", action="store_true", help="Open every page (else a sample, see above).")
    parser.add_argument("--limit", type=float, default=5.0, help="Seconds a page may take (the target).")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "plankg-views-open.json")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from tests.test_viz import ARGS, CHROMIUM

    pages = chosen(args.site, args.all)
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for path in pages:
            rows.append(open_page(browser, path, timeout_s=max(60.0, 4 * args.limit)))
            row = rows[-1]
            if row["seconds"] > args.limit or "failed" in row or row["errors"] or row["refused"]:
                print(json.dumps(row, ensure_ascii=False), file=sys.stderr)
        browser.close()
    times = sorted(r["seconds"] for r in rows)
    summary = {
        "site": str(args.site),
        "pages_in_site": len(list(args.site.glob("*.html"))),
        "pages_opened": len(rows),
        "over_limit": [r["page"] for r in rows if r["seconds"] > args.limit or "failed" in r],
        "with_errors": [r["page"] for r in rows if r["errors"] or r["refused"]],
        "p50_s": times[len(times) // 2],
        "max_s": times[-1],
        "max_cpu_s": max((r.get("cpu_s", 0.0) for r in rows), default=0.0),
        "slowest": sorted(rows, key=lambda r: -r["seconds"])[:5],
        "load_average": os.getloadavg(),
    }
    args.out.write_text(json.dumps({"summary": summary, "pages": rows}, indent=1, ensure_ascii=False))
    print(json.dumps({k: v for k, v in summary.items() if k != "slowest"}, ensure_ascii=False))
    for row in summary["slowest"]:
        busy = f"{row['cpu_s']:6.2f} s CPU" if "cpu_s" in row else ""
        size = f"{row['page']:<36} {row['mb']:7.2f} MB"
        print(f"{size} {row['seconds']:6.2f} s {busy} {row.get('nodes', '')}", row.get("failed", ""))


if __name__ == "__main__":
    main()
