"""OWL 2 RL entailments of the data, materialised in the store by SPARQL rules read off the ontology's closure.

owlrl's full closure does not scale to the data (seconds per document, minutes per hundred thousand
triples), but the ontology alone closes in under a second. Its closure lists, for every class and property,
everything OWL 2 RL can conclude about an instance: superclasses (cax-sco), super-properties (prp-spo1),
inverses (prp-inv), transitivity (prp-trp), domains and ranges (prp-dom, prp-rng). Those conclusions become a
few INSERT rules that Oxigraph runs over the asserted graphs, in one update that replaces the inferred graph
whole: the asserted graphs are never written, and running it twice gives the same graph.

Left out on purpose, because no query can use them: `owl:Thing` types, reflexive `owl:sameAs`, the types of
literals (xsd:string …) and of the anonymous owl:unionOf classes that union domains and ranges give. Under
consistent data (functional properties, disjoint classes) OWL 2 RL concludes nothing else about instances of
this ontology; tests/test_reason.py checks that owlrl and these rules agree triple for triple on the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pyoxigraph import Store
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from plankg.vocab import ID, INFERRED_GRAPH, RUNS_GRAPH

# Classes whose instances are literals: OWL 2 RL types literals with them, which no query needs.
DATATYPES = {RDFS.Literal, RDF.langString, RDF.PlainLiteral, RDF.XMLLiteral}
NOT_MATERIALISED = {OWL.Thing}

Edge = tuple[URIRef, bool]  # a property, and whether its triples count reversed (through owl:inverseOf)


@dataclass(frozen=True)
class Rules:
    """The instance rules: what an asserted type, or a triple of a property, entails."""

    superclasses: dict[URIRef, set[URIRef]]  # class → its named superclasses, itself excluded
    edges: dict[URIRef, set[Edge]]  # property → the edges whose triples are also its triples
    transitive: set[URIRef]
    subject_types: dict[URIRef, set[URIRef]]  # property → the classes its subjects belong to (domains)
    object_types: dict[URIRef, set[URIRef]]  # property → the classes its non-literal objects belong to (ranges)


@lru_cache(maxsize=1)
def ontology_closure() -> Graph:
    """The OWL 2 RL closure of ontology/plankg.ttl alone (owlrl; about a thousand triples)."""
    import owlrl

    text = (resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8")
    closure = Graph().parse(data=text, format="turtle")
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return closure


def _named(nodes) -> set[URIRef]:
    return {n for n in nodes if isinstance(n, URIRef) and n not in NOT_MATERIALISED and n not in DATATYPES
            and not n.startswith(str(XSD))}


def derive_rules(closure: Graph) -> Rules:
    """Read the instance rules off an ontology closure (its subClassOf and subPropertyOf are already transitive)."""
    supers: dict[URIRef, set[URIRef]] = {}
    for sub, sup in closure.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and _named([sup]) and sup != sub:
            supers.setdefault(sub, set()).add(sup)
    subproperties: dict[URIRef, set[URIRef]] = {}
    for sub, sup in closure.subject_objects(RDFS.subPropertyOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            subproperties.setdefault(sup, set()).add(sub)
    inverses: dict[URIRef, set[URIRef]] = {}
    for a, b in closure.subject_objects(OWL.inverseOf):
        inverses.setdefault(a, set()).add(b)
        inverses.setdefault(b, set()).add(a)
    properties = set(subproperties) | set(inverses)
    edges = {p: _edges(p, subproperties, inverses) for p in properties}
    transitive = {p for p in closure.subjects(RDF.type, OWL.TransitiveProperty) if isinstance(p, URIRef)}

    def with_supers(classes: set[URIRef]) -> set[URIRef]:
        return classes | {s for c in classes for s in supers.get(c, ())}

    domains = {p: with_supers(_named(closure.objects(p, RDFS.domain))) for p in properties}
    ranges = {p: with_supers(_named(closure.objects(p, RDFS.range))) for p in properties}
    subject_types: dict[URIRef, set[URIRef]] = {}
    object_types: dict[URIRef, set[URIRef]] = {}
    for prop in properties:
        for edge, reversed_ in edges[prop]:
            subject_side, object_side = (object_types, subject_types) if reversed_ else (subject_types, object_types)
            subject_side.setdefault(edge, set()).update(domains[prop])
            object_side.setdefault(edge, set()).update(ranges[prop])
    return Rules(supers, edges, transitive, subject_types, object_types)


def _edges(prop: URIRef, subproperties: dict[URIRef, set[URIRef]], inverses: dict[URIRef, set[URIRef]]) -> set[Edge]:
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
    steps = sorted(f"{'^' if rev else ''}<{p}>" for p, rev in edges)
    if closed:
        return f"({'|'.join(steps)})+"
    for prop, rev in sorted(edges):
        if prop in rules.transitive:  # a transitive sub-property contributes its closure
            steps.append(f"{'^' if rev else ''}({_path(rules.edges[prop], rules, closed=True)})")
    return "|".join(steps)


def _values(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f"(<{a}> <{b}>)" for a, b in sorted(pairs))


def rules_update(rules: Rules, graphs: list[str]) -> str:
    """The SPARQL update that replaces the inferred graph by the entailments of the named graphs."""
    drop = f"DROP SILENT GRAPH <{INFERRED_GRAPH}>"
    if not graphs:
        return drop
    using = "\n".join(f"USING <{g}>" for g in graphs)
    parts = [drop]
    for prop in sorted(rules.edges):
        if rules.edges[prop] == {(prop, False)} and prop not in rules.transitive:
            continue
        path = _path(rules.edges[prop], rules, closed=prop in rules.transitive)
        parts.append(f"INSERT {{ GRAPH <{INFERRED_GRAPH}> {{ ?x <{prop}> ?y }} }}\n{using}\n"
                     f"WHERE {{ ?x {path} ?y FILTER NOT EXISTS {{ ?x <{prop}> ?y }} }}")
    subclass = _values([(c, s) for c, sups in rules.superclasses.items() for s in sups])
    domain = _values([(p, c) for p, classes in rules.subject_types.items() for c in classes])
    range_ = _values([(p, c) for p, classes in rules.object_types.items() for c in classes])
    parts.append(f"""INSERT {{ GRAPH <{INFERRED_GRAPH}> {{ ?x a ?c }} }}
{using}
WHERE {{
  {{ VALUES (?d ?c) {{ {subclass} }} ?x a ?d }}
  UNION {{ VALUES (?p ?c) {{ {domain} }} ?x ?p ?o }}
  UNION {{ VALUES (?p ?c) {{ {range_} }} ?s ?p ?x FILTER(!isLiteral(?x)) }}
  FILTER(STRSTARTS(STR(?x), "{ID}") && NOT EXISTS {{ ?x a ?c }})
}}""")
    return " ;\n".join(parts)


def asserted_graphs(store: Store) -> list[str]:
    """Every named graph but the inferred one and the bookkeeping of runs."""
    skip = {str(INFERRED_GRAPH), str(RUNS_GRAPH)}
    return sorted(g.value for g in store.named_graphs() if g.value not in skip)


def materialise(store: Store) -> int:
    """Replace the inferred graph by the OWL 2 RL entailments of the asserted graphs; returns its size."""
    store.update(rules_update(derive_rules(ontology_closure()), asserted_graphs(store)))
    return inferred_size(store)


def inferred_size(store: Store) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{INFERRED_GRAPH}> {{ ?s ?p ?o }} }}"
    return int(next(iter(store.query(query)))["n"].value)
