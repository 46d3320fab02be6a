"""Keeping a store's inferred graph true as documents come, go or change, without materialising it again.

`plankg reason` materialises the entailments of every asserted graph (reason.materialise: about two minutes at a
thousand plans). A store that has an inferred graph keeps it up to date when a build adds or replaces documents,
when one is removed and when the lineage graph changes, at the cost of what changed. The rules match inside one
graph, and but for pk:partOf's chains, which stay inside a document graph or the regions graph, each entailment
follows from one triple of a graph, about its subject or its object. So:

- a graph written whole (a document added or replaced): its entailments (reason.rules_construct over it alone) join
  the inferred graph, and what it states leaves it (the inferred graph holds what no graph states);
- the nodes a graph mentioned before it was removed or replaced, and the subjects and objects of the lineage triples
  that went or came: the entailments about each are made again from every graph (reason.rules_about); a node no
  graph mentions any more has none.

Past FULL_AFTER nodes a graph (a lineage graph written anew) the inferred graph is materialised again instead, which
then costs less. tests/test_reason.py checks the result equals materialise's after adds, replaces and removes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad, Store, Triple

from plankg.graph.reason import (
    BATCH_GRAPHS,
    Rules,
    asserted_graphs,
    batches,
    materialise,
    ontology_rules,
    path_predicates,
    paths_about,
    rules_construct,
)
from plankg.graph.solutions import construct
from plankg.graph.vocab import ID, INFERRED_GRAPH, RDF_TYPE, RUNS_GRAPH
from plankg.wording import counted

FULL_AFTER = 50  # nodes to reason about per asserted graph past which materialising the whole graph costs less
NODES_PER_QUERY = 500
_NOT_ASSERTED = {str(INFERRED_GRAPH), str(RUNS_GRAPH)}


def has_inferences(store: Store) -> bool:
    """Whether the store has an inferred graph to keep up to date."""
    return next(store.quads_for_pattern(None, None, None, NamedNode(str(INFERRED_GRAPH))), None) is not None


@dataclass(frozen=True)
class Kept:
    """What keeping the inferred graph up to date did: graphs whose entailments were added, nodes reasoned about
    again, or the size of the inferred graph when it was materialised again instead (materialised)."""

    graphs: int
    nodes: int
    materialised: int | None = None

    def __str__(self) -> str:
        if self.materialised is not None:
            return f"reasoning: inferred graph rebuilt, {self.materialised} triples (cheaper than updating it)"
        changed = [counted(self.graphs, "graph") + " written"] if self.graphs else []
        changed += [counted(self.nodes, "node") + " changed"] if self.nodes else []
        return "reasoning: inferred graph updated for " + (" and ".join(changed) or "no change")


class InferenceUpkeep:
    """What changed since it was made, told by the code that changed it, and the inferred graph brought up to date
    (apply). Does nothing for a store without an inferred graph."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.active = has_inferences(store)
        self.written: set[str] = set()  # graphs written whole
        self.nodes: set[str] = set()  # nodes whose entailments are made again
        self.whole = False  # too many nodes: materialise again
        self.paths: set[str] = set()  # the properties the path rules read (reason.path_predicates)
        self.limit = FULL_AFTER * max(len(asserted_graphs(store)), BATCH_GRAPHS) if self.active else 0

    def replacing(self, graph: str) -> None:
        """A graph is about to be removed or replaced: the nodes it mentions are reasoned about again."""
        if self.active:
            self.touched(_nodes_of(self.store, graph))

    def wrote(self, graph: str, shared: Iterable[Quad] = ()) -> None:
        """A graph was written whole, and shared quads added to other graphs (a region's chain to the regions
        graph), whose subjects and objects are reasoned about again."""
        if self.active:
            self.written.add(graph)
            self.touched(_iris(shared))

    def touched(self, nodes: Iterable[str]) -> None:
        """Nodes some of whose triples went or came (lineage's writes)."""
        if not self.active or self.whole:
            return
        self.nodes.update(n for n in nodes if n.startswith(ID))
        if len(self.nodes) > self.limit:
            self.whole, self.nodes = True, set()

    def apply(self) -> Kept | None:
        """Bring the inferred graph up to date, and say how (None: the store has none)."""
        if not self.active:
            return None
        if self.whole:
            return Kept(len(self.written), 0, materialise(self.store))
        kept = Kept(len(self.written), len(self.nodes))
        rules = ontology_rules()
        self.paths = path_predicates(rules)
        inferred = NamedNode(str(INFERRED_GRAPH))
        written = sorted(g for g in self.written if self.store.contains_named_graph(NamedNode(g)))
        for batch in batches(written):
            made = construct(self.store, rules_construct(rules, batch))
            self.store.extend([Quad(t.subject, t.predicate, t.object, inferred) for t in made])
            for graph in batch:  # what a graph now states is no longer inferred
                stated = f"GRAPH <{graph}> {{ ?s ?p ?o }}"
                self.store.update(f"DELETE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }} WHERE {{ {stated} }}")
        nodes = sorted(self.nodes)
        for start in range(0, len(nodes), NODES_PER_QUERY):
            self._again([NamedNode(n) for n in nodes[start : start + NODES_PER_QUERY]], rules, inferred)
        self.store.flush()
        self.written, self.nodes = set(), set()
        return kept

    def _again(self, nodes: list[NamedNode], rules: Rules, inferred: NamedNode) -> None:
        """The entailments about these nodes made again: dropped, then made from the asserted graphs' triples about
        each (the type rules applied here; the path rules, for a node with a triple they read, by paths_about)."""
        made: set[Triple] = set()
        pathed: list[str] = []
        for node in nodes:
            for quad in list(self.store.quads_for_pattern(node, None, None, inferred)):
                self.store.remove(quad)
            out = _asserted(self.store.quads_for_pattern(node, None, None))
            into = _asserted(self.store.quads_for_pattern(None, None, node))
            made.update(Triple(node, RDF_TYPE, NamedNode(c)) for c in _types(rules, out, into))
            if {q.predicate.value for q in out + into} & self.paths:
                pathed.append(node.value)
        if pathed:
            made.update(construct(self.store, paths_about(rules, pathed)))
        self.store.extend([Quad(t.subject, t.predicate, t.object, inferred) for t in made if self._unstated(t)])

    def _unstated(self, triple: Triple) -> bool:
        """Whether no graph states the triple (the inferred graph holds only what none does)."""
        return next(self.store.quads_for_pattern(triple.subject, triple.predicate, triple.object), None) is None


def _asserted(quads: Iterable[Quad]) -> list[Quad]:
    return [q for q in quads if isinstance(q.graph_name, NamedNode) and q.graph_name.value not in _NOT_ASSERTED]


def _types(rules: Rules, out: list[Quad], into: list[Quad]) -> set[str]:
    """The classes a node's own triples (out: it is their subject; into: their object) entail it belongs to: the
    superclasses of its types, the domains of its properties and the ranges of those it is the object of."""
    classes: set[str] = set()
    for q in out:
        if q.predicate == RDF_TYPE and isinstance(q.object, NamedNode):
            classes |= rules.superclasses.get(q.object.value, set())
        classes |= rules.subject_types.get(q.predicate.value, set())
    for q in into:
        classes |= rules.object_types.get(q.predicate.value, set())
    return classes


def _nodes_of(store: Store, graph: str) -> set[str]:
    """The IRIs a graph has as subjects or objects."""
    return set(_iris(store.quads_for_pattern(None, None, None, NamedNode(graph))))


def _iris(quads: Iterable[Quad]) -> Iterable[str]:
    """The subjects and the objects that are IRIs of quads."""
    for q in quads:
        for term in (q.subject, q.object):
            if isinstance(term, NamedNode):
                yield term.value
