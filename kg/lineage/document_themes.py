"""The themes of each document graph's nodes, and their counts, kept in the lineage cache and made again only for the
graphs that changed.

A measure's, project's or indicator's themes (themes.assign of its own text, the titles it sits under and, for a
target stated in prose, the text stating it) are a function of its document graph's records, and so is how many of
the graph's nodes have each theme under each title the graph states for its plan (the pk:ThemeCount nodes add these
up over the graphs). A graph's records are a function of the runs that wrote it (records.load reads a graph again
only when they changed), so each graph's part is kept in the cache (kind "document-themes", kg/lineage/cache.py) under
the graph and the digest of those runs (records.Corpus.marks), and an update
- reads the part of each graph written by the runs it was made for;
- makes the part of each graph that came or was written again (each node's themes read from the cache by its text,
  or assigned);
- leaves the graphs gone out.
The result is the one made from every graph's records (tests/test_document_themes.py). A part made by other code
(records.py's or themes.py's included: the cache's version of the kind) is never read, and a graph whose runs are
not recorded has its part made every time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from plankg.lineage import themes
from plankg.lineage.cache import text_key

if TYPE_CHECKING:
    from plankg.lineage.cache import LineageCache
    from plankg.lineage.records import Corpus, Records

KIND = "document-themes"  # the kind of result (kg/lineage/cache.py) a graph's part is kept as
KIND_OF_TEXT = "themes"  # the kind a node's themes are kept as, by the texts they are a function of
KINDS = ("measure", "project", "indicator")  # the kinds of node counted, in the order of a count's numbers

Inputs = tuple[str, ...]  # what a node's themes are a function of (themes.of_node's arguments)
Count = tuple[str, str, str]  # a plan, a Simplified title it states, a theme


@dataclass
class Themed:
    """Every node's themes (for its pk:theme quads and its family's theme) and, for each plan, title and theme, how
    many measures, projects and indicators have it (KINDS' order)."""

    assigned: dict[str, list[str]]
    counts: dict[Count, tuple[int, int, int]]


def contexts(rows: list[list[str]]) -> dict[str, str]:
    """Node -> the Simplified titles of the headings it sits in."""
    context: dict[str, list[str]] = {}
    for node, title in rows:
        context.setdefault(node, []).append(title)
    return {k: " ".join(sorted(v)) for k, v in context.items()}


def themed(corpus: Corpus, cache: LineageCache) -> Themed:
    """The themes of the nodes of every graph of the corpus and their counts: each graph's part read from the cache
    when kept for the runs that wrote it, else made (its nodes' themes read from the cache by text, or assigned) and
    kept."""
    graphs = sorted(corpus.graphs)
    keys = {g: text_key(g, corpus.marks[g]) for g in graphs if corpus.marks.get(g)}  # none for a graph of no run
    kept = cache.known(KIND, list(keys.values()))
    todo = [g for g in graphs if keys.get(g) not in kept]
    made = dict(zip(todo, _made([corpus.graphs[g] for g in todo], cache), strict=True))
    cache.keep(KIND, [keys[g] for g in todo if g in keys], [made[g] for g in todo if g in keys])
    return _summed([(corpus.graphs[g], made[g] if g in made else kept[keys[g]]) for g in graphs])


def _nodes(records: Records) -> dict[str, tuple[str, Inputs]]:
    """A graph's measures, projects and indicators -> its kind and the inputs of its themes, in the order its part
    keeps their themes (a node read twice has the inputs read last)."""
    item_context = contexts(records["item_context"])
    ind_context = contexts(records["indicator_context"])
    stated = {ind: text for ind, text in records["stated"]}
    nodes: dict[str, tuple[str, Inputs]] = {}
    for item, _plan, kind, text, *_ in records["items"]:
        nodes[item] = (kind, (text, item_context.get(item, "")))
    for ind, _plan, name, category in records["indicators"]:
        context = " ".join(filter(None, (ind_context.get(ind, ""), stated.get(ind, ""))))
        nodes[ind] = ("indicator", (f"{name} {category}", context, ""))
    return nodes


def _made(graphs: list[Records], cache: LineageCache) -> list[list]:
    """The parts of graphs (their records): each node's themes as numbers into the thesaurus, in _nodes' order, and
    the counts of its themed nodes, [plan, title, theme number, measures, projects, indicators] each."""
    nodes = [_nodes(records) for records in graphs]
    inputs = [args for found in nodes for _, args in found.values()]
    assigned = iter(
        cache.results(KIND_OF_TEXT, [text_key(*args) for args in inputs], lambda todo: [themes.of_node(*inputs[n]) for n in todo])
    )
    number = {t.iri: n for n, t in enumerate(themes.thesaurus())}
    parts = []
    for records, found in zip(graphs, nodes, strict=True):
        theme_lists = [[number[t] for t in next(assigned)] for _ in found]
        titles = sorted({(row[0], row[1]) for row in records["plans"] if row[1]})
        counts: dict[tuple[str, str, int], Counter[str]] = {}
        for (kind, _), numbers in zip(found.values(), theme_lists, strict=True):
            for plan, title in titles:
                for theme in numbers:
                    counts.setdefault((plan, title, theme), Counter())[kind] += 1
        parts.append([theme_lists, [[*count, *(n[k] for k in KINDS)] for count, n in sorted(counts.items())]])
    return parts


def _summed(parts: list[tuple[Records, list]]) -> Themed:
    """Every graph's part (with its records, which name its nodes) as one: the nodes' themes, the counts added up."""
    iris = [t.iri for t in themes.thesaurus()]
    assigned: dict[str, list[str]] = {}
    totals: dict[Count, list[int]] = {}
    for records, (theme_lists, counts) in parts:
        assigned.update(zip(_nodes_of(records), ([iris[n] for n in numbers] for numbers in theme_lists), strict=True))
        for plan, title, theme, *numbers in counts:
            total = totals.setdefault((plan, title, iris[theme]), [0, 0, 0])
            for k, n in enumerate(numbers):
                total[k] += n
    return Themed(assigned, {count: (m, p, i) for count, (m, p, i) in totals.items()})


def _nodes_of(records: Records) -> list[str]:
    """A graph's nodes in _nodes' order, without their inputs."""
    return list(dict.fromkeys([row[0] for row in records["items"]] + [row[0] for row in records["indicators"]]))
