"""Networks for the views: vis-network nodes, edges and options, with their positions where the page needs them.

A view holds at most `max_nodes` nodes (MAX_NODES by default): a larger plan collapses its measures,
indicators and projects into one node per heading, then everything under a chapter into one node per
chapter; the lineage view keeps the most widely shared families and concepts. The page says so.
vis.js physics stalls beyond a few hundred nodes, so physics is only left on for a lineage view of at most
PHYSICS_MAX_NODES nodes. Every view gets positions: a plan's tree a balloon layout, linear in its nodes (a
thousand plans' views cost no more per plan than five), which physics would only undo (it pulled a region onto
its plan's label); the one lineage view networkx's spring layout.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from plankg.viz import MAX_NODES
from plankg.viz.data import Lineage, PlanInfo, TreeNode
from plankg.viz.grouping import GROUP, group_by_theme

PHYSICS_MAX_NODES = 150
PLAN_MASS = 5  # vis-network repulsion of a plan node in the lineage view: hubs pushed apart, never covering each other
LABEL_CHARS = 16
TREE_LABEL_ZOOM = 16  # a plan view's label font size below which a label is not drawn at the fitted zoom

COLOURS = {
    "Region": "#8c564b",
    "Plan": "#d62728",
    "Book": "#08519c",
    "Chapter": "#1f77b4",
    "Section": "#6baed6",
    "Part": "#9ecae1",
    "Box": "#ff7f0e",
    "IndicatorTable": "#bcbd22",
    "Measure": "#2ca02c",
    "SafeguardMeasure": "#98df8a",
    "Indicator": "#c5b0d5",
    "BindingIndicator": "#6a3d9a",
    "ExpectedIndicator": "#9467bd",
    "ProseIndicator": "#dbb6f0",
    "Project": "#e377c2",
    "ThemeGroup": "#17becf",
    "Collapsed": "#7f7f7f",
    "PolicyFamily": "#2ca02c",
    "IndicatorConcept": "#9467bd",
    "PolicyInstrument": "#ff7f0e",
}
NAMES = {
    "Region": "region 行政区",
    "Plan": "plan 规划",
    "Book": "book 篇",
    "Chapter": "chapter 章",
    "Section": "section 节",
    "Part": "part 部分",
    "Box": "box 专栏",
    "IndicatorTable": "indicator table 指标表",
    "Measure": "measure 任务措施",
    "SafeguardMeasure": "safeguard measure 保障措施",
    "Indicator": "indicator 指标",
    "BindingIndicator": "binding indicator 约束性指标",
    "ExpectedIndicator": "expected indicator 预期性指标",
    "ProseIndicator": "target stated in prose 文中目标",
    "Project": "project 项目",
    "ThemeGroup": "theme group 主题分组",
    "Collapsed": "collapsed group",
    "PolicyFamily": "policy family 政策家族",
    "IndicatorConcept": "shared indicator 共享指标",
    "PolicyInstrument": "shared instrument 共享政策工具",
}
SIZES = {
    "Region": 30,
    "Plan": 26,
    "Book": 23,
    "Chapter": 20,
    "ThemeGroup": 20,
    "Section": 15,
    "PolicyFamily": 12,
    "IndicatorConcept": 12,
    "PolicyInstrument": 12,
}
SCORES = {"PolicyFamily": "mean probability of its copied clauses"}
RELATIONS = {"PolicyFamily": "families", "IndicatorConcept": "indicators", "PolicyInstrument": "instruments"}  # toggles
CONTENT = {"Measure", "SafeguardMeasure", "Indicator", "BindingIndicator", "ExpectedIndicator", "ProseIndicator", "Project"}
FONT = "Noto Sans CJK SC, Noto Sans CJK TC, sans-serif"


@dataclass
class View:
    """A network ready for the page template: vis nodes and edges, options, click details, notices."""

    title: str
    nodes: list[dict]
    edges: list[dict]
    options: dict
    details: dict[str, dict]
    legend: list[tuple[str, str]]
    notes: list[str] = field(default_factory=list)
    meta: dict[str, dict] = field(default_factory=dict)
    tree: bool = False
    edge_legend: list[str] = field(default_factory=list)
    depths: list[tuple[int, str]] = field(default_factory=list)


def short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


OPTIONS: dict[str, Any] = {  # vis-network options of every view (those pyvis wrote, which the pages were made with)
    "configure": {"enabled": False},
    "edges": {"color": {"inherit": True}, "smooth": {"enabled": True, "type": "dynamic"}},
    "interaction": {"dragNodes": True, "hideEdgesOnDrag": False, "hideNodesOnDrag": False, "hover": True, "tooltipDelay": 300},
    "nodes": {"font": {"face": FONT, "size": 14}, "borderWidth": 1, "scaling": {"label": {"drawThreshold": 7}}},
}
LEAF_RADIUS = 18  # room a leaf of a tree takes (a node of size 10 and its margin)
BRANCH_RADIUS = 110  # least room a child of a tree's centre takes: half a label of 16 characters at 14 px


def balloon_layout(centre: str, edges: list[dict]) -> dict[str, tuple[float, float]]:
    """Positions of a tree around its centre: each node's children on a circle around it, wide enough for their own
    subtrees' circles (a balloon tree); linear in the nodes.

    Children keep the order of their edges (document order, clockwise), facing away from their grandparent; the
    first child of the centre (the region) sits at the top.
    """
    adjacent: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        adjacent[e["from"]].append(e["to"])
        adjacent[e["to"]].append(e["from"])
    parent: dict[str, str] = {centre: ""}
    order = [centre]
    for node in order:  # breadth first: order grows as it is read
        for other in adjacent[node]:
            if other not in parent:
                parent[other] = node
                order.append(other)
    children: dict[str, list[str]] = defaultdict(list)
    for node in order[1:]:
        children[parent[node]].append(node)
    radius: dict[str, float] = {}  # of the disc a node's subtree takes
    ring: dict[str, float] = {}  # of the circle its children sit on
    room: dict[str, float] = {}  # the angle they share: a full turn at the centre, else one with a gap towards its parent
    for node in reversed(order):
        kids = children[node]
        if not kids:
            radius[node] = LEAF_RADIUS
        else:
            room[node] = 2 * math.pi if node == centre else 2 * math.pi * len(kids) / (len(kids) + 1)
            ring[node] = max(sum(2 * radius[k] for k in kids) / room[node], max(radius[k] for k in kids) + LEAF_RADIUS)
            radius[node] = ring[node] + max(radius[k] for k in kids)
        if parent[node] == centre:  # the centre's children are labelled at the fitted zoom: room for their labels
            radius[node] = max(radius[node], BRANCH_RADIUS)
    positions = {centre: (0.0, 0.0)}
    heading = {centre: -math.pi / 2}  # the direction a node's children fan out to
    for node in order:
        kids = children[node]
        if not kids:
            continue
        total = sum(radius[k] for k in kids)
        angle = heading[node] - (math.pi * radius[kids[0]] / total if node == centre else room[node] / 2)
        x0, y0 = positions[node]
        for kid in kids:
            wedge = room[node] * radius[kid] / total
            middle = angle + wedge / 2
            positions[kid] = (round(x0 + ring[node] * math.cos(middle), 1), round(y0 + ring[node] * math.sin(middle), 1))
            heading[kid] = middle
            angle += wedge
    return positions


def spring_layout(
    nodes: list[dict], edges: list[dict], later: frozenset[str] | set[str] = frozenset()
) -> dict[str, tuple[float, float]]:
    """networkx's force-directed positions (vis-network's physics, started from random positions, never settles).

    The nodes in `later` are placed after the others, which stay where they were: an instrument named by two plans
    settles between them, inside the area the rest takes, instead of widening it (and shrinking the fitted zoom).
    """
    import networkx as nx

    first = [n for n in nodes if n["id"] not in later]
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(n["id"] for n in first)
    graph.add_edges_from((e["from"], e["to"]) for e in edges if e["from"] not in later and e["to"] not in later)
    size = max(len(first), 1)
    scale = 70 * size**0.5
    positions = nx.spring_layout(graph, k=2.5 / size**0.5, seed=7, iterations=100, scale=scale)
    if later:
        graph.add_nodes_from(n["id"] for n in nodes)
        graph.add_edges_from((e["from"], e["to"]) for e in edges)
        placed = nx.spring_layout(graph, pos=positions, fixed=list(positions) or None, k=scale / size**0.5, seed=7, iterations=50)
        xs, ys = [x for x, _y in positions.values()], [y for _x, y in positions.values()]
        low, high = (min(xs, default=0), min(ys, default=0)), (max(xs, default=0), max(ys, default=0))
        clamped = {node: (min(max(x, low[0]), high[0]), min(max(y, low[1]), high[1])) for node, (x, y) in placed.items()}
        return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in clamped.items()}
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in positions.items()}


def _view(
    title: str,
    nodes: list[dict],
    edges: list[dict],
    positions: dict[str, tuple[float, float]],
    directed: bool,
    details: dict[str, dict],
    legend: list[str],
    notes: list[str],
    meta: dict,
    tree: bool,
) -> View:
    """The view's vis-network data: the nodes at their positions, physics only in a small lineage view."""
    placed = [{**n, "x": positions[n["id"]][0], "y": positions[n["id"]][1]} for n in nodes]
    if directed:
        edges = [{"arrows": "to", **e} for e in edges]
    options = {
        **OPTIONS,
        "edges": dict(OPTIONS["edges"]),
        "physics": {
            "enabled": not tree and len(nodes) <= PHYSICS_MAX_NODES,
            "stabilization": {"enabled": True, "fit": True, "iterations": 300, "onlyDynamicEdges": False, "updateInterval": 50},
        },
    }
    return View(title, placed, edges, options, details, [(COLOURS[c], NAMES[c]) for c in legend], notes, meta, tree)


def _node(iri: str, cls: str, label: str) -> dict:
    node = {"id": iri, "label": short(label), "color": COLOURS[cls], "size": SIZES.get(cls, 10), "shape": "dot"}
    if cls in SIZES:
        node["font"] = {"size": SIZES[cls] - 2, "strokeWidth": 3}
    return node


# How a plan above the cap is collapsed, mildest first: what each level of collapse keeps, and what the page says.
COLLAPSE = (
    ("content", "the measures, indicators and projects under each heading are collapsed into one grey node"),
    ("chapters", "everything below each chapter is collapsed into one grey node"),
    ("all", "everything below the plan is collapsed into one grey node"),
)


def _aggregate(tree: list[TreeNode], level: str) -> tuple[list[TreeNode], dict[str, list[TreeNode]]]:
    """The nodes kept, and the collapsed ones grouped by the node they hang from ("" for the plan)."""
    by_iri = {n.iri: n for n in tree}

    def into(node: TreeNode) -> str | None:
        """None if the node stays, else the IRI of the node its group hangs from."""
        chain = [node]
        while chain[-1].parent in by_iri:
            chain.append(by_iri[chain[-1].parent])
        if level == "all":
            return ""
        if level == "chapters":
            return None if len(chain) == 1 else chain[-1].iri
        heading = next((c for c in chain if c.cls not in CONTENT), None)
        return None if node.cls not in CONTENT else (heading.iri if heading else "")

    kept, groups = [], defaultdict(list)
    for node in tree:
        target = into(node)
        if target is None:
            kept.append(node)
        else:
            groups[target].append(node)
    return kept, groups


def plan_view(info: PlanInfo, tree: list[TreeNode], max_nodes: int = MAX_NODES) -> View:
    """Region → plan → chapters → sections → measures → indicators and projects, collapsed above max_nodes; the
    items of a plan without chapters grouped by theme (plankg.viz.grouping)."""
    notes: list[str] = []
    groups: dict[str, list[TreeNode]] = {}
    stated = len(tree) + 2  # the document's nodes, before any theme node is added
    tree, themed = group_by_theme(tree)
    whole = tree
    if themed:
        grouped = [n for n in tree if n.parent in {g.iri for g in themed}]
        count = Counter(NAMES[n.cls].rsplit(" ", 1)[0] for n in grouped)
        named = ", ".join(f"{k} {v}" for k, v in sorted(count.items(), key=lambda kv: (-kv[1], kv[0])))
        where = (
            "This plan states no chapters: its"
            if not any(n.cls == "Chapter" for n in tree)
            else "Outside its chapters, this plan's"
        )
        notes.append(
            f"{where} {len(grouped)} items ({named}) are grouped under {len(themed)} theme nodes, from the "
            "themes assigned to their texts (not headings of the document)."
        )
    if len(tree) + 2 > max_nodes:
        for level, what in COLLAPSE:
            kept, groups = _aggregate(tree, level)
            collapsed = what
            if len(kept) + len(groups) + 2 <= max_nodes:
                break
        notes.insert(
            0,
            f"This plan has {stated} nodes{f' and {len(themed)} theme nodes' if themed else ''}, more than the "
            f"cap of {max_nodes} per view: {collapsed} "
            f"({len(kept) + len(groups) + 2} nodes shown). Click a grey node for the list.",
        )
        tree = kept
    nodes = [_node(info.region, "Region", info.region_label), _node(info.plan, "Plan", info.title or info.file)]
    edges = [{"from": info.region, "to": info.plan, "tree": True}]
    details: dict[str, dict[str, Any]] = {
        info.region: {
            "title": info.region_label,
            "fields": [["class", NAMES["Region"]], ["level", info.level], ["IRI", info.region]],
        },
        info.plan: {
            "title": info.title,
            "fields": [["class", NAMES["Plan"]], ["period", info.period], ["document", info.file], ["IRI", info.plan]],
        },
    }
    known = {n.iri for n in tree}
    for n in tree:
        nodes.append(_node(n.iri, n.cls, n.label))
        edges.append({"from": n.parent if n.parent in known else info.plan, "to": n.iri, "tree": True})
        if n.cls == GROUP:
            details[n.iri] = _group_details(n, [m for m in whole if m.parent == n.iri])
            continue
        fields: list[list[Any]] = [["class", NAMES[n.cls]], ["text", n.text]]
        fields += [["numbers", n.numbers]] if n.numbers else []
        fields += [["role", n.role]] if n.role else []
        fields += [["lead paragraphs", n.leads]] if n.leads else []
        fields += [["responsible bodies", n.bodies]] if n.bodies else []
        fields += [["themes", n.themes]] if n.themes else []
        fields += [["quote", n.quote], ["source", f"{info.file} line {n.line}"], ["IRI", n.iri]]
        details[n.iri] = {"title": n.label, "fields": fields}
    for into, members in groups.items():
        gid = f"{into or info.plan}#collapsed"
        counts = Counter(NAMES[m.cls].split(" ")[0] for m in members)
        label = ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
        nodes.append(_node(gid, "Collapsed", f"{len(members)} collapsed"))
        edges.append({"from": into or info.plan, "to": gid, "tree": True})
        lines = [f"{m.label} (line {m.line})" for m in members]
        details[gid] = {"title": f"{len(members)} nodes collapsed: {label}", "fields": [["members", lines]]}
    classes = ["Region", "Plan"] + sorted({n.cls for n in tree}, key=list(COLOURS).index) + (["Collapsed"] if groups else [])
    view = _view(
        info.title or info.file, nodes, edges, balloon_layout(info.plan, edges), True, details, classes, notes, {}, tree=True
    )
    kinds = {info.region: "Region", info.plan: "Plan"} | {n.iri: n.cls for n in tree}
    kinds |= {f"{into or info.plan}#collapsed": "Collapsed" for into in groups}
    view.depths = _depths(edges, kinds)
    # Labels by zoom level: at the fitted zoom the region's, the plan's and the chapters' (or theme groups'); the
    # sections', measures' and the rest once one zooms in (or a search focuses them), where they have room.
    view.options["labelZoom"] = TREE_LABEL_ZOOM
    return view


def _group_details(group: TreeNode, members: list[TreeNode]) -> dict:
    """A theme group's panel: its theme and its members in document order, with their lines."""
    theme = group.text or "none assigned: grouped in document order"
    return {
        "title": group.label,
        "fields": [
            ["class", NAMES[GROUP]],
            ["theme", theme],
            [
                "why",
                "these items hang from the plan itself, outside any chapter; the group is derived from their texts, "
                "not a heading of the document",
            ],
            ["members", [f"{m.label} (line {m.line})" for m in sorted(members, key=lambda m: (m.order, m.iri))]],
        ],
    }


def _depths(edges: list[dict], kinds: dict[str, str]) -> list[tuple[int, str]]:
    """The levels a plan view folds at (below the plan, above the leaves), each named by the classes found there."""
    parent = {e["to"]: e["from"] for e in edges}
    found: dict[int, set[str]] = defaultdict(set)
    for node, kind in kinds.items():
        depth, up = 0, parent.get(node)
        while up is not None:
            depth, up = depth + 1, parent.get(up)
        found[depth].add(NAMES[kind].rsplit(" ", 1)[0])
    return [(d, f"level {d}: " + ", ".join(sorted(found[d]))) for d in sorted(found)[1:-1]]


def lineage_view(plans: list[PlanInfo], found: Lineage, max_nodes: int = MAX_NODES) -> View:
    """Plans, policy families, shared indicator concepts and shared instruments; edge width by how much they share."""
    by_plan = {p.plan: p for p in plans}
    items = [("PolicyFamily", iri, v) for iri, v in found.families.items()]
    items += [("IndicatorConcept", iri, v) for iri, v in found.concepts.items()]
    items += [("PolicyInstrument", iri, v) for iri, v in found.instruments.items()]
    items = [i for i in items if any(p in by_plan for p in i[2]["plans"])]
    items.sort(key=lambda i: (-len(i[2]["plans"]), -sum(i[2]["plans"].values()), i[2]["label"], i[1]))
    notes = []
    if len(by_plan) > max_nodes // 2:
        sharing = Counter(p for _cls, _iri, item in items for p in item["plans"] if p in by_plan)
        keep = sorted(by_plan, key=lambda p: (-sharing[p], p))[: max_nodes // 2]
        notes.append(
            f"{len(by_plan)} plans exceed half the cap of {max_nodes} nodes per view: the {len(keep)} plans "
            "that share the most are shown."
        )
        by_plan = {p: by_plan[p] for p in sorted(keep)}
        items = [i for i in items if any(p in by_plan for p in i[2]["plans"])]
    room = max_nodes - len(by_plan)
    if len(items) > room:
        notes.append(
            f"{len(items)} families, shared indicators and instruments exceed the cap of {max_nodes} nodes per view: "
            f"the {room} shared by the most plans are shown. Plan-to-plan edges count all of them."
        )
    nodes: list[dict] = []
    edges: list[dict] = []
    details: dict[str, dict[str, Any]] = {}
    meta: dict[str, dict[str, Any]] = {}
    for p in by_plan.values():
        nodes.append({**_node(p.plan, "Plan", f"{p.region_label} {p.period}"), "mass": PLAN_MASS})
        meta[p.plan] = {"kind": "plan", "level": p.level, "themes": []}
        details[p.plan] = {
            "title": p.title,
            "fields": [
                ["class", NAMES["Plan"]],
                ["region", p.region_label],
                ["level", p.level],
                ["period", p.period],
                ["document", p.file],
            ],
        }
    shared: Counter[tuple[str, str]] = Counter()
    for _cls, _iri, item in items:
        shared.update(combinations(sorted(p for p in item["plans"] if p in by_plan), 2))
    found.read_texts([iri for _cls, iri, _item in items[:room]])
    for cls, iri, item in items[:room]:
        nodes.append(_node(iri, cls, item["label"]))
        # which plan each line of "items per plan" and "member texts" is of: the page leaves out the plans a
        # filter hides, and says how many
        per_plan = "occurrences per plan" if cls == "PolicyInstrument" else "items per plan"
        meta[iri] = {
            "kind": "item",
            "cls": cls,
            "level": "",
            "themes": sorted(item["themes"]),
            "score": item.get("score"),
            "rows": {
                per_plan: [p for p in item["plans"] if p in by_plan],
                "member texts": [p for p, _l, _t in item.get("members", []) if p in by_plan],
                "occurrences": [p for p, *_ in item.get("occurrences", []) if p in by_plan],
            },
        }
        members = [f"{by_plan[p].region_label}: {n}" for p, n in item["plans"].items() if p in by_plan]
        texts = [f"{by_plan[p].region_label} line {line}: {text}" for p, line, text in item.get("members", []) if p in by_plan]
        named = [
            f"{by_plan[p].region_label} line {line}: {quote} — {sentence}"
            for p, line, quote, sentence in item.get("occurrences", [])
            if p in by_plan
        ]
        details[iri] = {
            "title": item["label"],
            "fields": [
                ["class", NAMES[cls]],
                ["themes", sorted(item["themes"])],
                *([[SCORES[cls], item["score"]]] if "score" in item else []),
                *([["specificity", item["specificity"]]] if "specificity" in item else []),
                [per_plan, members],
                *([["member texts", texts]] if texts else []),
                *([["occurrences", named]] if named else []),
                ["IRI", iri],
            ],
        }
        for plan, count in item["plans"].items():
            if plan in by_plan:
                edges.append({"from": iri, "to": plan, "width": count, "value": count, "color": COLOURS[cls]})
    strongest = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:max_nodes]
    if len(shared) > max_nodes:
        notes.append(f"{len(shared)} pairs of plans share something: the {max_nodes} pairs that share the most are drawn.")
    for (a, b), weight in sorted(strongest):
        edges.append(
            {
                "from": a,
                "to": b,
                "width": weight,
                "value": weight,
                "label": str(weight),
                "color": "#d62728",
                "pair": True,
                "weight": weight,
            }
        )
    for child, parent in found.parents:
        if child in by_plan and parent in by_plan:
            edges.append({"from": child, "to": parent, "dashes": True, "arrows": "to", "label": "依据"})
    view = _view(
        "Policy lineage across plans",
        nodes,
        edges,
        spring_layout(nodes, edges, {iri for cls, iri, _item in items[:room] if cls == "PolicyInstrument"}),
        False,
        details,
        ["Plan", *RELATIONS],
        notes,
        meta,
        tree=False,
    )
    view.options["edges"]["scaling"] = {"min": 1, "max": 12}
    # Labels by zoom level: at the fitted zoom, whatever the screen, the plans' names only; the families',
    # indicators' and instruments' (a font of 10) appear once one zooms in past 1.2 times it, so that they do not
    # pile up (a view with its instruments is dense: 162 nodes on the corpus, fitted at half size on 1280×800).
    view.options["labelZoom"] = 12  # the label font size, at the fitted zoom, below which a label is not drawn
    view.edge_legend = [
        "family, indicator or instrument – plan: width = the plan's items in the family, its indicator rows, or the "
        "places it names the instrument",
        "plan – plan (red, labelled): how many families, shared indicators and instruments the two plans share "
        "(under a filter: of those shown)",
        "dashed arrow 依据: the plan cites the other as its basis",
    ]
    return view
