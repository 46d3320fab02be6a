"""What the benchmarks of one lineage step updated where plans changed share: the store, and the plans taken out
and put back (spread over the store's plans in name order), so each step is timed on the same changes."""

from __future__ import annotations

import argparse
from pathlib import Path

from plankg.graph.store import open_store
from plankg.lineage import graph
from plankg.lineage.cache import LineageCache


def opened(description: str) -> tuple[argparse.Namespace, graph.LineageRebuild, LineageCache]:
    """The command's arguments (--store, --plans), the store's lineage inputs and its lineage cache."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--plans", type=int, default=5, help="plans taken out and put back, spread over the store")
    args = parser.parse_args()
    rebuild = graph.LineageRebuild(open_store(args.store, read_only=True), cache=args.store)
    return args, rebuild, LineageCache.reading(args.store / "lineage-cache.sqlite3")


def chosen_plans(args: argparse.Namespace, items: list) -> list[str]:
    """The --plans plans to take out and put back, spread evenly over the items' plans in name order (the first and
    the last among them); says how many plans and items the store holds."""
    names = sorted({i.plan for i in items})
    print(f"{args.store}: {len(names)} plans, {len(items)} items")
    return [names[k * (len(names) - 1) // max(args.plans - 1, 1)] for k in range(args.plans)]
