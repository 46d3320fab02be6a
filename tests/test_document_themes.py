"""Themes updated where document graphs changed are those made from every graph's records, node for node and count
for count.

kg/lineage/document_themes.py keeps each document graph's part in the themes (its nodes' themes, the counts of its
themed nodes by plan, title and theme) in the lineage cache under the runs that wrote the graph, and makes again only
the parts of the graphs that came or were written again. These tests add, remove and reword graphs made of the
bundled corpus' records (copies of its documents under other plans) in a seeded random order and compare each update
with the themes and counts made from scratch as lineage made them before they were kept: over the whole corpus at
once, node by node.
"""

from __future__ import annotations

import copy
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from plankg.lineage import cache as lineage_cache
from plankg.lineage import document_themes, records, themes
from plankg.lineage.cache import LineageCache

PLANS = "https://w3id.org/plankg/id/plan/"


@pytest.fixture(scope="module")
def written(corpus_store) -> dict[str, records.Records]:
    """Twelve document graphs: the bundled corpus' own and copies of them under other plans (every IRI moved)."""
    corpus = records.read(corpus_store)
    documents = sorted(g for g, found in corpus.items() if found["items"])
    graphs = {}
    for n in range(12):
        original = documents[n % len(documents)]
        moved = json.dumps(corpus[original], ensure_ascii=False).replace(PLANS, f"{PLANS}copy{n}/")
        graphs[original.replace(PLANS, f"{PLANS}copy{n}/")] = json.loads(moved)
    return graphs


def from_scratch(graphs: dict[str, records.Records]) -> document_themes.Themed:
    """The themes of every node and their counts, made over the whole corpus at once as lineage made them."""
    corpus = records.Corpus(graphs)
    item_context = document_themes.contexts(corpus.rows("item_context"))
    ind_context = document_themes.contexts(corpus.rows("indicator_context"))
    stated = {ind: text for ind, text in corpus.rows("stated")}
    assigned: dict[str, list[str]] = {}
    for item, _plan, _kind, text, *_ in sorted(corpus.rows("items"), key=lambda r: (r[1], int(r[5]), r[0])):
        assigned[item] = themes.of_node(text, item_context.get(item, ""))
    for ind, _plan, name, category in sorted(corpus.rows("indicators")):
        context = " ".join(filter(None, (ind_context.get(ind, ""), stated.get(ind, ""))))
        assigned[ind] = themes.of_node(f"{name} {category}", context, "")
    nodes = {}
    for found in graphs.values():
        titles = sorted({(row[0], row[1]) for row in found["plans"] if row[1]})
        nodes.update({row[0]: (titles, row[2]) for row in found["items"]})
        nodes.update({row[0]: (titles, "indicator") for row in found["indicators"]})
    counts: dict[tuple[str, str, str], Counter[str]] = {}
    for node, theme_list in assigned.items():
        titles, kind = nodes[node]
        for plan, title in titles:
            for theme in theme_list:
                counts.setdefault((plan, title, theme), Counter())[kind] += 1
    return document_themes.Themed(assigned, {k: (c["measure"], c["project"], c["indicator"]) for k, c in sorted(counts.items())})


class Made:
    """How many graphs' parts each update made (document_themes._made), the others read from the cache."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.counts: list[int] = []
        self.made = document_themes._made
        monkeypatch.setattr(document_themes, "_made", self)

    def __call__(self, graphs: list[records.Records], cache: LineageCache) -> list[list]:
        self.counts.append(len(graphs))
        return self.made(graphs, cache)


def reworded(found: records.Records, rng: random.Random, pool: list[str]) -> records.Records:
    """A graph's records as if its document were written again: an item's text and an indicator's name replaced."""
    found = copy.deepcopy(found)
    found["items"][rng.randrange(len(found["items"]))][3] = rng.choice(pool)
    if found["indicators"]:
        found["indicators"][rng.randrange(len(found["indicators"]))][2] = rng.choice(pool)[:12]
    return found


def test_themes_updated_graph_by_graph_are_those_made_from_scratch(written, tmp_path: Path, monkeypatch) -> None:
    rng = random.Random(18)
    made = Made(monkeypatch)
    pool = sorted({row[3] for found in written.values() for row in found["items"]})
    loaded = {g: (written[g], "run 0") for g in list(written)[:6]}  # graph -> its records and the runs that wrote it
    kind = "first"
    for step in range(25):
        corpus = records.Corpus({g: r for g, (r, _) in loaded.items()}, marks={g: m for g, (_, m) in loaded.items()})
        cache = LineageCache(tmp_path)
        got = document_themes.themed(corpus, cache)
        cache.close()
        expected = from_scratch(corpus.graphs)
        assert (got.assigned, got.counts) == (expected.assigned, expected.counts), step
        assert made.counts[-1] == {"first": len(loaded), "remove": 0}.get(kind, 1), (step, kind)
        kind = rng.choice(("add", "add", "remove", "reword"))
        absent = [g for g in written if g not in loaded]
        if kind == "add" and absent:
            graph = rng.choice(absent)
            loaded[graph] = (written[graph], f"run {step + 1}")  # every write of a graph records a new run
        elif kind == "remove" and len(loaded) > 2:
            del loaded[rng.choice(sorted(loaded))]
        else:  # a graph written again, with a text and a name replaced
            kind = "reword"
            graph = rng.choice(sorted(loaded))
            loaded[graph] = (reworded(loaded[graph][0], rng, pool), f"run {step + 1}")
    assert any(v for v in expected.assigned.values()) and expected.counts


def test_a_graph_of_no_run_or_parts_of_other_code_are_made_again(written, tmp_path: Path, monkeypatch) -> None:
    made = Made(monkeypatch)
    graphs = dict(list(written.items())[:4])
    expected = from_scratch(graphs)
    marks = dict.fromkeys(graphs, "run 0")
    other = {**lineage_cache.versions(), document_themes.KIND: "other code"}
    for case in ("first", "kept", "no run", "other code", "cleared"):
        if case == "no run":
            del marks[next(iter(graphs))]
        if case == "other code":
            monkeypatch.setattr(lineage_cache, "versions", lambda: other)
        cache = LineageCache(tmp_path)
        if case == "cleared":  # a full rebuild
            cache.clear()
        got = document_themes.themed(records.Corpus(graphs, marks=marks), cache)
        cache.close()
        assert (got.assigned, got.counts) == (expected.assigned, expected.counts), case
    assert made.counts == [4, 0, 1, 4, 4]
