"""OWL 2 RL entailments of the data, materialised in the store by SPARQL rules read off the ontology's closure.

owlrl's full closure does not scale to the data (seconds per document, minutes per hundred thousand
triples), but the ontology alone closes in under a second. Its closure lists, for every class and property,
everything OWL 2 RL can conclude about an instance: superclasses (cax-sco), super-properties (prp-spo1),
inverses (prp-inv), transitivity (prp-trp), domains and ranges (prp-dom, prp-rng). Those conclusions become a
few SPARQL rules that Oxigraph runs over the asserted graphs, a batch of graphs per query, written into the
inferred graph a part at a time: the asserted graphs are never written, and running it twice gives the same graph.
One update over the whole store held every inference in one transaction and cost more per plan as the store grew;
per batch, the work per plan stays flat. A run interrupted part-way leaves part of the inferred graph, which the next run
replaces (it is derived, like the lineage graph).

Only entailments about the data's own nodes (IRIs under https://w3id.org/plankg/id/) are kept: what the data
entails about vocabulary terms (pk:Province a skos:Concept, dct:title a rdf:Property) is the ontology's business.
Left out on purpose, because no query can use them: `owl:Thing` types, reflexive `owl:sameAs`, the types of
literals (xsd:string …) and of the anonymous owl:unionOf classes that union domains and ranges give. Under
consistent data (functional properties, disjoint classes) OWL 2 RL concludes nothing else about instances of
this ontology; tests/test_reason.py checks that owlrl and these rules agree triple for triple on the corpus.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pyoxigraph import NamedNode, Quad, Store
from rdflib import Graph, URIRef

from plankg.graph.solutions import construct, select
from plankg.graph.vocab import ID, INFERRED_GRAPH, OWL, RDF, RDFS, RUNS_GRAPH, XSD

# owl:Thing holds of every node and owl:Nothing of none; the others are datatypes, whose instances are literals.
NOT_MATERIALISED = {str(c) for c in (OWL.Thing, OWL.Nothing, RDFS.Literal, RDF.langString, RDF.PlainLiteral, RDF.XMLLiteral)}

BATCH_GRAPHS = 10  # asserted graphs reasoned over in one query
WRITE_QUADS = 100_000  # inferred quads written in one transaction
Edge = tuple[str, bool]  # a property, and whether its triples count reversed (through owl:inverseOf)


@dataclass(frozen=True)
class Rules:
    """The instance rules: what an asserted type, or a triple of a property, entails."""

    superclasses: dict[str, set[str]]  # class → its named superclasses, itself excluded
    edges: dict[str, set[Edge]]  # property → the edges whose triples are also its triples
    transitive: set[str]
    subject_types: dict[str, set[str]]  # property → the classes its subjects belong to (domains)
    object_types: dict[str, set[str]]  # property → the classes its non-literal objects belong to (ranges)


RULES_FILE = "reason_rules.json"  # the rules derive_rules reads off the ontology, in kg/data (ontology_rules)


@lru_cache(maxsize=1)
def ontology_rules() -> Rules:
    """The ontology's instance rules: kg/data/reason_rules.json when it was made from the ontology as it is (its
    SHA-256 recorded), else derived again (owlrl's closure of the ontology takes a second or more, which adding one
    document to a reasoned store would pay). tests/test_reason.py checks the file is current; write_rules_file
    makes it."""
    text = _ontology_text()
    kept = json.loads((resources.files("plankg") / "data" / RULES_FILE).read_text(encoding="utf-8"))
    if kept.get("ontology_sha256") != hashlib.sha256(text.encode()).hexdigest():
        return derive_rules(ontology_closure())
    return Rules(
        {c: set(s) for c, s in kept["superclasses"].items()},
        {p: {(e, rev) for e, rev in edges} for p, edges in kept["edges"].items()},
        set(kept["transitive"]),
        {p: set(c) for p, c in kept["subject_types"].items()},
        {p: set(c) for p, c in kept["object_types"].items()},
    )


def write_rules_file(folder: Path) -> Path:
    """Write the rules derived from the ontology as it is, with its SHA-256, to folder/RULES_FILE."""
    rules = derive_rules(ontology_closure())

    def listed(mapping: dict[str, set[str]]) -> dict[str, list[str]]:
        return {k: sorted(v) for k, v in sorted(mapping.items())}

    content = {
        "ontology_sha256": hashlib.sha256(_ontology_text().encode()).hexdigest(),
        "superclasses": listed(rules.superclasses),
        "edges": {p: sorted([e, rev] for e, rev in edges) for p, edges in sorted(rules.edges.items())},
        "transitive": sorted(rules.transitive),
        "subject_types": listed(rules.subject_types),
        "object_types": listed(rules.object_types),
    }
    path = folder / RULES_FILE
    path.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def _ontology_text() -> str:
    return (resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def ontology_closure() -> Graph:
    """The OWL 2 RL closure of ontology/plankg.ttl alone (owlrl; about a thousand triples)."""
    import owlrl

    closure = Graph().parse(data=_ontology_text(), format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return closure


def _iri_pairs(closure: Graph, predicate: URIRef) -> list[tuple[str, str]]:
    """(subject, object) of a predicate in the closure, both IRIs (owl:unionOf classes are blank nodes)."""
    return [(str(s), str(o)) for s, o in closure.subject_objects(predicate) if isinstance(s, URIRef) and isinstance(o, URIRef)]


def _class(iri: str) -> bool:
    """A class whose membership is worth materialising."""
    return iri not in NOT_MATERIALISED and not iri.startswith(str(XSD))


def derive_rules(closure: Graph) -> Rules:
    """Read the instance rules off an ontology closure (its subClassOf and subPropertyOf are already transitive)."""
    supers: dict[str, set[str]] = {}
    for sub, sup in _iri_pairs(closure, RDFS.subClassOf):
        if _class(sub) and _class(sup) and sub != sup:
            supers.setdefault(sub, set()).add(sup)
    subproperties: dict[str, set[str]] = {}
    for sub, sup in _iri_pairs(closure, RDFS.subPropertyOf):
        subproperties.setdefault(sup, set()).add(sub)
    inverses: dict[str, set[str]] = {}
    for a, b in _iri_pairs(closure, OWL.inverseOf):
        inverses.setdefault(a, set()).add(b)
        inverses.setdefault(b, set()).add(a)
    properties = set(subproperties) | set(inverses)
    edges = {p: _edges(p, subproperties, inverses) for p in properties}
    transitive = {str(p) for p in closure.subjects(RDF.type, OWL.TransitiveProperty) if isinstance(p, URIRef)}

    def classes(predicate: URIRef) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for prop, cls in _iri_pairs(closure, predicate):
            if _class(cls):
                found.setdefault(prop, set()).update({cls} | supers.get(cls, set()))
        return found

    domains, ranges = classes(RDFS.domain), classes(RDFS.range)
    subject_types: dict[str, set[str]] = {}
    object_types: dict[str, set[str]] = {}
    for prop in properties:
        for edge, reversed_ in edges[prop]:
            subject_side, object_side = (object_types, subject_types) if reversed_ else (subject_types, object_types)
            subject_side.setdefault(edge, set()).update(domains.get(prop, set()))
            object_side.setdefault(edge, set()).update(ranges.get(prop, set()))
    return Rules(supers, edges, transitive, subject_types, object_types)


def _edges(prop: str, subproperties: dict[str, set[str]], inverses: dict[str, set[str]]) -> set[Edge]:
    """Every (property, reversed) whose triples are triples of prop, through sub-properties and inverses."""
    found: set[Edge] = {(prop, False)}
    todo = [(prop, False)]
    while todo:
        current, reversed_ = todo.pop()
        following = {(s, reversed_) for s in subproperties.get(current, ())}
        following |= {(i, not reversed_) for i in inverses.get(current, ())}
        for edge in following - found:
            found.add(edge)
            todo.append(edge)
    return found


def _path(edges: set[Edge], rules: Rules, closed: bool) -> str:
    """A SPARQL property path matching the triples of a property made of these edges."""
    if closed:
        return "(" + "|".join(f"{'^' if rev else ''}<{p}>" for p, rev in sorted(edges)) + ")+"
    steps = []
    for prop, rev in sorted(edges):  # a transitive sub-property contributes its closure
        step = _path(rules.edges[prop], rules, closed=True) if prop in rules.transitive else f"<{prop}>"
        steps.append(f"^{step}" if rev else step)
    return "|".join(steps)


def _values(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f"(<{a}> <{b}>)" for a, b in sorted(pairs))


def rules_where(rules: Rules, graphs: list[str]) -> str:
    """The WHERE clause giving every entailment (?x ?p ?y) of these asserted graphs that no graph states yet.

    A union of the rules, each matching inside one graph at a time (GRAPH ?g, ?g bound by VALUES; over a merged
    dataset, USING, they run tens of times slower): only a chain of a transitive property could span graphs, and
    none does, as a document's pk:partOf tree ends at its PlanText in its own graph and the regions are a graph of
    their own (tests/test_reason.py checks it). What any graph states, the inferred graph included (an earlier
    batch), is left out.
    """
    return _where(rules, f"VALUES ?g {{ {' '.join(f'<{g}>' for g in graphs)} }}")


def paths_about(rules: Rules, nodes: list[str]) -> str:
    """The CONSTRUCT of the entailments through properties' paths (sub-properties, inverses, transitive chains)
    about these nodes (as ?x) from any asserted graph that no graph states yet: rules_where's path rules with ?x bound
    instead of ?g. kg/graph/inferences.py applies the rest, the type rules, to a node's own triples."""
    scope = f"VALUES ?x {{ {' '.join(f'<{n}>' for n in nodes)} }} FILTER(?g NOT IN (<{INFERRED_GRAPH}>, <{RUNS_GRAPH}>))"
    return f"CONSTRUCT {{ ?x ?p ?y }} {_where(rules, scope, types=False)}"


def path_predicates(rules: Rules) -> set[str]:
    """The properties whose triples the path rules read: a node without any has no entailment through a path."""
    read = set()
    for prop in _pathed(rules):
        for inner, _ in rules.edges[prop]:  # a transitive sub-property's path reads its own edges (_path)
            read |= {edge for edge, _ in rules.edges.get(inner, {(inner, False)})}
    return read


def _pathed(rules: Rules) -> list[str]:
    """The properties with a path rule: those with sub-properties or inverses, and the transitive ones."""
    return [prop for prop in sorted(rules.edges) if rules.edges[prop] != {(prop, False)} or prop in rules.transitive]


def _where(rules: Rules, scope: str, types: bool = True) -> str:
    """The rules' union, within scope: a VALUES clause binding ?g (the graphs reasoned over) or ?x (the nodes);
    types: with the rules giving types (superclasses, domains, ranges)."""
    rdf_type = str(RDF.type)
    branches = []
    for prop in _pathed(rules):
        path = _path(rules.edges[prop], rules, closed=prop in rules.transitive)
        branches.append(f"{{ GRAPH ?g {{ ?x {path} ?y }} BIND(<{prop}> AS ?p) }}")
    subclass = _values([(c, s) for c, sups in rules.superclasses.items() for s in sups])
    domain = _values([(p, c) for p, classes in rules.subject_types.items() for c in classes])
    range_ = _values([(p, c) for p, classes in rules.object_types.items() for c in classes])
    branches += (
        [
            f"{{ VALUES (?d ?y) {{ {subclass} }} GRAPH ?g {{ ?x a ?d }} BIND(<{rdf_type}> AS ?p) }}",
            f"{{ VALUES (?q ?y) {{ {domain} }} GRAPH ?g {{ ?x ?q ?o }} BIND(<{rdf_type}> AS ?p) }}",
            f"{{ VALUES (?q ?y) {{ {range_} }} GRAPH ?g {{ ?s ?q ?x }} FILTER(!isLiteral(?x)) BIND(<{rdf_type}> AS ?p) }}",
        ]
        if types
        else []
    )
    rules_text = "\n  UNION ".join(branches)
    return f"""WHERE {{
  {scope}
  {rules_text}
  FILTER(STRSTARTS(STR(?x), "{ID}") && NOT EXISTS {{ GRAPH ?h {{ ?x ?p ?y }} }})
}}"""


def rules_update(rules: Rules, graphs: list[str]) -> str:
    """The SPARQL update that adds the entailments of these asserted graphs to the inferred graph (for a store
    elsewhere: `plankg reason --show-update`). One INSERT whose WHERE is a union of the rules: it is evaluated before
    anything is written, so no rule reads another's output, and Oxigraph runs it several times faster than one
    INSERT per rule."""
    return f"INSERT {{ GRAPH <{INFERRED_GRAPH}> {{ ?x ?p ?y }} }} {rules_where(rules, graphs)}"


def rules_construct(rules: Rules, graphs: list[str]) -> str:
    """The same entailments as a CONSTRUCT, which materialise reads as they come and writes a part at a time."""
    return f"CONSTRUCT {{ ?x ?p ?y }} {rules_where(rules, graphs)}"


def asserted_graphs(store: Store) -> list[str]:
    """The graphs reasoned over: every named graph but the inferred one and the bookkeeping of runs."""
    skip = {str(INFERRED_GRAPH), str(RUNS_GRAPH)}
    return sorted(g.value for g in store.named_graphs() if g.value not in skip)


def batches(graphs: list[str]) -> list[list[str]]:
    """The graphs in the groups one update reasons over."""
    return [graphs[i : i + BATCH_GRAPHS] for i in range(0, len(graphs), BATCH_GRAPHS)]


def materialise(store: Store, progress: Callable[[list[str]], None] | None = None) -> int:
    """Replace the inferred graph by the OWL 2 RL entailments of the asserted graphs; returns its size. progress,
    if given, is called after each batch of graphs with that batch.

    Each batch's entailments are read from a CONSTRUCT (over the store as it was when the batch began) and written
    WRITE_QUADS at a time, each part a transaction of its own, the store flushed every WRITE_QUADS: one INSERT per
    batch held a batch's entailments in one transaction, and the lineage graph, a single graph of 15 million triples
    at 10,000 plans, made that one transaction as large as the corpus. A triple written twice (two graphs of a batch
    entail it) is stored once.
    """
    rules = ontology_rules()
    store.update(f"DROP SILENT GRAPH <{INFERRED_GRAPH}>")
    inferred = NamedNode(str(INFERRED_GRAPH))
    unflushed = 0
    for batch in batches(asserted_graphs(store)):
        part: list[Quad] = []
        for triple in construct(store, rules_construct(rules, batch)):
            part.append(Quad(triple.subject, triple.predicate, triple.object, inferred))
            if len(part) == WRITE_QUADS:
                unflushed = _write(store, part, unflushed)
                part = []
        unflushed = _write(store, part, unflushed)
        if progress:
            progress(batch)
    store.flush()
    return inferred_size(store)


def _write(store: Store, part: list[Quad], unflushed: int) -> int:
    """Write a part; flush the store once WRITE_QUADS are written since the last flush (RocksDB holds what was
    written in memory until a flush, about 1 KB a quad: 1.3 GB for the 696k inferred quads of 1,000 plans). Returns
    the quads written since the last flush."""
    store.extend(part)
    unflushed += len(part)
    if unflushed >= WRITE_QUADS:
        store.flush()
        return 0
    return unflushed


def inferred_size(store: Store) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}"
    return int(next(iter(select(store, query)))["n"].value)
