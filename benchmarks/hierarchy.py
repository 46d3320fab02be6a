"""plankg benchmark: lineage on a synthetic national hierarchy, against the truth `plankg synth --hierarchy` records.

Run:  nice python benchmarks/hierarchy.py [--sizes 100 1000] [--seed 1] [--work DIR] [--out FILE.json] [--evaluate-only]

For each size: writes the tree (plankg.synth_tree), loads it into a fresh store, rebuilds lineage, then prints
recall and precision of
- citation resolution: the pk:parentPlan links against the plans each child cites as its basis (its parent, and
  for some its grandparent too), and the pk:resolvesTo links of the plans' citations (a resolved citation is right
  when it resolves to one of those; recall of the parent's citation by the form the child cites it in);
- binding-missing-in-child (the library query) against the binding indicators the children dropped;
- diffusion-paths (the library query) against the recorded chains of copies (origin -> step 1 -> step 2, the
  origin a measure copied from nothing), and its steps (prov:wasDerivedFrom) against the recorded copies;
- text reuse on the copies (benchmarks/recall.py: recall by perturbation level, precision against copy chains),
  and the shape of the links: directed (derivations) and undirected, how many undirected links join two items that
  derivations already connect (none are stated: kg/lineage/graph.py, stated_links), and how many recorded copies
  are linked to their source, or are not but share its family (left out as implied by derivations when their
  pair is undirected; a directed pair that is not linked was missed: no candidate or below the threshold). A sibling
  pair (two copies of one source) is no recorded copy: recall never counts it; precision counts a link right when
  its two items belong to one chain of copies, siblings included (they do share the wording).
Each size runs in this process one after the other (run it under `nice`: it is one heavy process). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from recall import _find, _items_by_file, evaluate  # noqa: E402

from plankg.graph.solutions import string_rows  # noqa: E402
from plankg.graph.vocab import LINEAGE_GRAPH  # noqa: E402
from plankg.lineage.graph import indicator_name, title_key  # noqa: E402
from plankg.loaders.script import to_simplified  # noqa: E402

Key = tuple[str, str]  # (file, measure title) of a measure of the truth


def _ratio(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def _scores(found: set, truth: set) -> dict:
    hits = len(found & truth)
    return {
        "truth": len(truth),
        "found": len(found),
        "correct": hits,
        "recall": _ratio(hits, len(truth)),
        "precision": _ratio(hits, len(found)),
    }


def _plan_files(store) -> dict[str, str]:
    """Plan IRI -> the source file it was read from."""
    rows = string_rows(
        store, "SELECT ?plan ?file WHERE { GRAPH ?g { ?plan a pk:Plan . ?s a pk:SourceDocument ; dct:identifier ?file } }"
    )
    return {r["plan"]: r["file"] for r in rows}


def citations(store, truth: dict) -> dict:
    files = _plan_files(store)
    basis = {(p["file"], b) for p in truth["plan_tree"] for b in p["basis_files"]}
    declared = string_rows(store, f"SELECT ?c ?p WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c pk:parentPlan ?p }} }}")
    parent_links = {(files[r["c"]], files[r["p"]]) for r in declared}
    resolved = string_rows(
        store,
        f"""SELECT ?plan ?target WHERE {{ GRAPH ?g {{ ?cite a pk:Citation ; pk:inPlan ?plan ; pk:citedWork ?work }}
        GRAPH <{LINEAGE_GRAPH}> {{ ?work pk:resolvesTo ?target }} }}""",
    )
    resolutions = {(files[r["plan"]], files[r["target"]]) for r in resolved}
    by_form: dict[str, list[int]] = {}
    for plan in truth["plan_tree"]:
        if plan["parent_file"]:
            hit = by_form.setdefault(plan["citation_form"], [0, 0])
            hit[0] += (plan["file"], plan["parent_file"]) in resolutions
            hit[1] += 1
    return {
        "parentPlan": _scores(parent_links, basis),
        "resolvesTo": _scores(resolutions, basis),
        "resolvesTo_recall_by_form": {form: _ratio(*hit) for form, hit in sorted(by_form.items())},
    }


def binding_missing(store, truth: dict) -> dict:
    from plankg.query.library import run

    file_of = {title_key(p["title"]): p["file"] for p in truth["plan_tree"]}
    _, rows = run(store, "binding-missing-in-child", {})
    found = {
        (
            file_of.get(title_key(to_simplified(child)), child),
            file_of.get(title_key(to_simplified(parent)), parent),
            indicator_name(ind),
        )
        for child, parent, ind, _ in rows
    }
    dropped = {(d["file"], d["parent_file"], indicator_name(d["indicator"])) for d in truth["dropped_binding"]}
    annual = {p["file"] for p in truth["plan_tree"] if p["level"] == "annual"}
    return {
        "all": _scores(found, dropped),
        "five-year children": _scores({f for f in found if f[0] not in annual}, {d for d in dropped if d[0] not in annual}),
        "weakened_reported": len(
            {(d["file"], d["parent_file"], indicator_name(d["indicator"])) for d in truth["weakened_binding"]} & found
        ),
        "weakened": len(truth["weakened_binding"]),
    }


def diffusion(store, truth: dict) -> dict:
    """The diffusion-paths rows and the derivation steps, as (file, measure title) keys, against the copy chains.

    Strict: a row is one recorded chain (origin -> its copy -> the copy's copy), a step one recorded copy. Lenient:
    a step from any earlier link of the same chain is right too (a county's copy of its prefecture's copy of a
    provincial measure does derive from the provincial one, and the province is an ancestor region)."""
    from plankg.query.library import run

    items = _items_by_file(store)
    source_of: dict[Key, Key] = {}
    children: dict[Key, list[Key]] = {}
    for c in truth["copies"]:
        source, copy = (c["source_file"], c["source_title"]), (c["file"], c["title"])
        source_of[copy] = source
        children.setdefault(source, []).append(copy)
    keys = set(children) | set(source_of)
    key_of = {iri: key for key in keys if (iri := _find(items.get(key[0], []), key[1]))}
    extracted = set(key_of.values())

    def chain_above(key: Key | str) -> set[Key | str]:
        above: set[Key | str] = set()
        while key in source_of:
            key = source_of[key]  # type: ignore[index]
            above.add(key)
        return above

    paths = {
        (origin, step1, step2)
        for origin in children
        if origin not in source_of
        for step1 in children[origin]
        for step2 in children.get(step1, [None])  # type: ignore[list-item]
    }
    truth_paths = {p for p in paths if all(k is None or k in extracted for k in p)}
    header, rows = run(store, "diffusion-paths", {"rows": "paths"})  # every path, not the count along each chain
    at = {name: header.index(name) for name in ("origin", "step1", "step2")}
    found = {tuple(key_of.get(r[at[c]], r[at[c]]) if r[at[c]] else None for c in ("origin", "step1", "step2")) for r in rows}
    lenient = {p for p in found if p[0] in chain_above(p[1]) and (p[2] is None or p[1] in chain_above(p[2]))}
    steps = string_rows(store, f"SELECT ?d ?s WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?d prov:wasDerivedFrom ?s }} }}")
    found_steps = {(key_of.get(r["s"], r["s"]), key_of.get(r["d"], r["d"])) for r in steps}
    truth_steps = {(s, c) for c, s in source_of.items() if s in extracted and c in extracted}
    return {
        "paths": _scores(found, truth_paths),
        "paths_lenient_precision": _ratio(len(lenient), len(found)),
        "paths_not_extracted": len(paths) - len(truth_paths),
        "steps": _scores(found_steps, truth_steps),
        "steps_lenient_precision": _ratio(sum(1 for s, d in found_steps if s in chain_above(d)), len(found_steps)),
    }


def link_shape(store, truth: dict) -> dict:
    """Directed and undirected reuse links; undirected ones between items of one derivation tree (a component of the
    directed links: stated_links leaves them out); recorded copies linked to their source, or not but in its family
    (of which directed: a missed link, not one the rule left out)."""
    import networkx as nx

    rows = string_rows(
        store,
        f"""SELECT ?a ?b ?d WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{
        ?l pk:between ?a , ?b ; pk:directed ?d FILTER(STR(?a) < STR(?b)) }} }}""",
    )
    directed = nx.Graph([(r["a"], r["b"]) for r in rows if r["d"] == "true"])
    undirected = [(r["a"], r["b"]) for r in rows if r["d"] != "true"]
    tree = {item: n for n, component in enumerate(nx.connected_components(directed)) for item in component}
    linked = {frozenset((r["a"], r["b"])) for r in rows}
    family = {
        r["m"]: r["f"] for r in string_rows(store, f"SELECT ?f ?m WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?f pk:member ?m }} }}")
    }
    items = _items_by_file(store)
    copies = [
        (a, b, c["file"], c["source_file"])
        for c in truth["copies"]
        if (a := _find(items.get(c["file"], []), c["title"])) and (b := _find(items.get(c["source_file"], []), c["title"]))
    ]
    directed_plans = _plan_direction(store)
    in_family = [
        (f, g) for a, b, f, g in copies if frozenset((a, b)) not in linked and a in family and family[a] == family.get(b)
    ]
    return {
        "directed": directed.number_of_edges(),
        "undirected": len(undirected),
        "undirected_within_a_derivation_tree": sum(1 for a, b in undirected if a in tree and tree[a] == tree.get(b)),
        "copies_extracted": len(copies),
        "copies_linked_to_their_source": sum(1 for a, b, _, _ in copies if frozenset((a, b)) in linked),
        "copies_only_in_their_sources_family": len(in_family),
        "copies_only_in_family_directed": sum(1 for f, g in in_family if directed_plans(f, g)),
    }


def _plan_direction(store):
    """A function of (child file, parent file): whether a link between items of the two plans is directed: the child
    declares the parent (pk:parentPlan), or the parent's region is one of the child's ancestor regions (the period
    rule of _is_parent aside: a recorded parent's period never starts later)."""
    from plankg.lineage.records import region_parents

    plan = {f: p for p, f in _plan_files(store).items()}
    rows = string_rows(store, f"SELECT ?c ?p WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ ?c pk:parentPlan ?p }} }}")
    declared = {(r["c"], r["p"]) for r in rows}
    region = {
        r["plan"]: r["r"] for r in string_rows(store, "SELECT ?plan ?r WHERE { GRAPH ?g { ?plan a pk:Plan ; pk:region ?r } }")
    }
    part_of = region_parents(store)

    def directed(child_file: str, parent_file: str) -> bool:
        child, parent = plan.get(child_file), plan.get(parent_file)
        place = region.get(child)
        ancestors = set()
        while place in part_of:
            place = part_of[place]
            ancestors.add(place)
        return (child, parent) in declared or region.get(parent) in ancestors

    return directed


def run_size(n: int, seed: int, work: Path, evaluate_only: bool = False) -> dict:
    """All stages for one size (evaluate_only: the figures of the tree and store a previous run left in work)."""
    from plankg.graph.store import open_store
    from plankg.lineage.graph import rebuild_lineage
    from plankg.loading.documents import load_paths
    from plankg.synth_tree import write_tree

    corpus, store_dir = work / f"tree-{n}", work / f"tree-store-{n}"
    seconds: dict[str, float] = {}

    def stage(name: str, fn, *args):
        clock = time.perf_counter()
        result = fn(*args)
        seconds[name] = round(time.perf_counter() - clock, 1)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
        print(f"N={n}: {name} {seconds[name]} s (peak so far {peak:.1f} GB)", file=sys.stderr, flush=True)
        return result

    figures: dict = {"plans": n}
    if not evaluate_only:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(store_dir, ignore_errors=True)
        stage("synth", write_tree, n, seed, corpus)
    truth = json.loads((corpus / "lineage-truth.json").read_text(encoding="utf-8"))
    store = open_store(store_dir)
    if not evaluate_only:
        results = stage("load", load_paths, store, [corpus])
        summary = stage("lineage", rebuild_lineage, store)
        figures |= {
            "failed_to_load": [f"{r.path.name}: {r.error}" for r in results if r.error],
            "citations_in_store": summary.citations,
            "citations_resolved": summary.resolved_citations,
            "reuse_links": summary.reuse_links,
            "directed_links": summary.directed_links,
            "lineage_triples": summary.triples,
        }
    figures["levels"] = dict(Counter(p["level"] for p in truth["plan_tree"]))
    figures["citation"] = stage("citation figures", citations, store, truth)
    figures["binding_missing_in_child"] = stage("binding-missing-in-child", binding_missing, store, truth)
    figures["diffusion"] = stage("diffusion-paths", diffusion, store, truth)
    figures["text_reuse"] = stage("text reuse", evaluate, store, corpus)
    figures["link_shape"] = stage("link shape", link_shape, store, truth)
    figures["seconds"] = seconds
    figures["peak_gb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)
    return figures


def _line(name: str, s: dict) -> str:
    def f(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:.3f}"

    counts = f"({s['correct']} of {s['truth']} true, {s['found']} found)"
    return f"  {name:<34} recall {f(s['recall'])}  precision {f(s['precision'])}  {counts}"


def report(fig: dict) -> None:
    failed = fig.get("failed_to_load", [])
    print(f"\nN={fig['plans']} plans {fig['levels']}; load failures: {len(failed)}")
    print(f"  seconds {fig['seconds']}; peak memory {fig['peak_gb']} GB")
    for failure in failed[:5]:
        print(f"  failed: {failure}")
    if "reuse_links" in fig:
        print(f"  lineage: {fig['reuse_links']} reuse links ({fig['directed_links']} directed), {fig['lineage_triples']} triples")
        print(f"  citations: {fig['citations_resolved']} of {fig['citations_in_store']} resolved to loaded plans")
    c = fig["citation"]
    print(_line("cited basis (pk:parentPlan)", c["parentPlan"]))
    print(_line("cited basis (pk:resolvesTo)", c["resolvesTo"]))
    forms = ", ".join(f"{k} {v:.3f}" for k, v in c["resolvesTo_recall_by_form"].items())
    print(f"  parent citation resolved, by the form it is cited in: {forms}")
    b = fig["binding_missing_in_child"]
    print(_line("binding-missing-in-child", b["all"]))
    print(_line("  of five-year children", b["five-year children"]))
    print(f"  weakened binding indicators reported as missing: {b['weakened_reported']} of {b['weakened']}")
    d = fig["diffusion"]
    print(_line("diffusion-paths rows", d["paths"]) + f"; {d['paths_not_extracted']} paths not extracted")
    print(f"    lenient precision (a step from an earlier link of the same chain): {d['paths_lenient_precision']:.3f}")
    print(_line("derivation steps (wasDerivedFrom)", d["steps"]))
    print(f"    lenient precision: {d['steps_lenient_precision']:.3f}")
    t = fig["text_reuse"]
    print(
        f"  text reuse on the copies: recall {t['recall']:.3f} precision {t['precision']:.3f} ({t['copies']} copies, "
        f"{t['copies_not_extracted']} not extracted); by level: "
        + ", ".join(f"{k.split()[0]}={v:.3f}" for k, v in t["recall_by_level"].items())
    )
    s = fig["link_shape"]
    print(
        f"  reuse links: {s['directed']} directed, {s['undirected']} undirected, of which "
        f"{s['undirected_within_a_derivation_tree']} join two items derivations already connect"
    )
    print(
        f"  recorded copies linked to their source: {s['copies_linked_to_their_source']} of {s['copies_extracted']}; "
        f"not linked but in their source's family: {s['copies_only_in_their_sources_family']} "
        f"({s['copies_only_in_family_directed']} of them directed pairs: missed, not left out)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "plankg-hierarchy")
    parser.add_argument("--out", type=Path, help="Also write the figures as JSON to this file.")
    parser.add_argument(
        "--evaluate-only", action="store_true", help="Only the figures, on the tree and store an earlier run left in --work."
    )
    args = parser.parse_args()
    print(f"load average {os.getloadavg()}", flush=True)
    figures = []
    for n in args.sizes:
        figures.append(run_size(n, args.seed, args.work, args.evaluate_only))
        report(figures[-1])
        sys.stdout.flush()
    if args.out:
        args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
