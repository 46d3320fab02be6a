"""Plans that state no chapters: their items grouped by theme under intermediate nodes, not a hairball.

A plan whose text lost or never had its headings hangs every measure, box, indicator and project from the plan
node itself: a hundred spokes no one can read. When more than MAX_FAN such items hang from the plan, each goes
under a node of its theme (the civil-affairs thesaurus themes the lineage graph assigns from the item's text,
ontology/themes.ttl); a box (专栏) goes under the theme most of its projects have, of equal ones the theme of the
text it follows. The groups are derived, not
headings of the document, and the page says so. Items with no theme (the lineage graph not built, or no keyword
found) are grouped in runs of document order instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from plankg.viz.data import TreeNode

MAX_FAN = 12  # items hanging from the plan node itself above which they are grouped
GROUP = "ThemeGroup"
GROUPED = {
    "Measure",
    "SafeguardMeasure",
    "Indicator",
    "BindingIndicator",
    "ExpectedIndicator",
    "ProseIndicator",
    "Project",
    "Box",
}


def _line(node: TreeNode) -> int:
    return int(node.line) if node.line.isdigit() else 0


def _lines(run: list[TreeNode]) -> str:
    first, last = _line(run[0]), _line(run[-1])
    return f"{first}–{last}" if last != first else str(first)


def group_by_theme(tree: list[TreeNode]) -> tuple[list[TreeNode], list[TreeNode]]:
    """The tree with the items hanging from the plan grouped by theme, and the group nodes added (none when at most
    MAX_FAN items hang from the plan). The top level is put in document order (by first line)."""
    known = {n.iri for n in tree}
    top = [n for n in tree if n.parent not in known]
    items = [n for n in top if n.cls in GROUPED]
    if len(items) <= MAX_FAN:
        return tree, []
    below: dict[str, list[TreeNode]] = {}
    for n in tree:
        below.setdefault(n.parent, []).append(n)

    def themes_of(node: TreeNode) -> list[str]:
        if node.themes or node.cls != "Box":
            return node.themes
        return [t for child in below.get(node.iri, []) for t in child.themes]  # a box: its projects' themes

    share = Counter(t for n in items for t in set(themes_of(n)))
    theme_of: dict[str, str] = {}
    before = ""  # the theme of the item before, in document order: a box illustrates the text it follows
    for n in sorted(items, key=lambda n: (_line(n), n.iri)):
        own = Counter(themes_of(n))
        if own:  # its most frequent theme, then the one of the item before, then the plan's most frequent
            theme_of[n.iri] = min(own, key=lambda t: (-own[t], t != before, -share[t], t))
            before = theme_of[n.iri]
    members: dict[str, list[TreeNode]] = {}
    for n in items:
        if n.iri in theme_of:
            members.setdefault(theme_of[n.iri], []).append(n)
    unthemed = sorted((n for n in items if n.iri not in theme_of), key=_line)
    runs = [unthemed[i : i + MAX_FAN] for i in range(0, len(unthemed), MAX_FAN)]
    groups: list[tuple[str, str, list[TreeNode]]] = [(t, f"{t} ({len(ms)})", ms) for t, ms in members.items()]
    groups += [("", f"第{_lines(run)}行 ({len(run)})", run) for run in runs]  # "第264–277行 (12)": lines 264 to 277
    parent = items[0].parent
    added: list[TreeNode] = []
    moved: dict[str, TreeNode] = {}
    for theme, label, ms in groups:
        ms = sorted(ms, key=lambda n: (_line(n), n.iri))
        gid = f"{parent}#theme/{theme}" if theme else f"{parent}#lines/{_line(ms[0])}"
        added.append(TreeNode(gid, GROUP, parent, 0, label, text=theme, line=ms[0].line))
        moved |= {m.iri: replace(m, parent=gid, order=i) for i, m in enumerate(ms, start=1)}
    rest = [n for n in top if n.iri not in moved]
    ranked = {n.iri: replace(n, order=i) for i, n in enumerate(sorted(rest + added, key=lambda n: (_line(n), n.iri)), 1)}
    out = [ranked.get(n.iri) or moved.get(n.iri) or n for n in tree] + [ranked[g.iri] for g in added]
    return sorted(out, key=lambda n: (n.parent, n.order, n.iri)), [ranked[g.iri] for g in added]
