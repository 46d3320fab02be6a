"""The ontology declares every term the loaders write, in English and Chinese, and reasons as documented."""

from __future__ import annotations

from importlib import resources

import owlrl
import pytest
from pyoxigraph import RdfFormat, serialize
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from plankg.loaders.pipeline import parse_document
from plankg.loaders.triples import document_quads
from tests.conftest import CORPUS

PK = Namespace("https://w3id.org/plankg/ontology#")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    g = Graph()
    g.parse(data=(resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8"), format="turtle")
    return g


def document_graph(name: str) -> Graph:
    doc, region = parse_document(CORPUS / name)
    triples = serialize([q.triple for q in document_quads(doc, region)], format=RdfFormat.N_TRIPLES)
    return Graph().parse(data=triples.decode("utf-8"), format="nt")


def test_contract_classes_exist(ontology: Graph) -> None:
    for name in ("Region", "Plan", "Chapter", "Section", "Measure", "Indicator", "Project"):
        assert (PK[name], RDF.type, OWL.Class) in ontology


def test_every_term_in_the_data_is_declared_with_both_labels(ontology: Graph) -> None:
    used: set[URIRef] = set()
    for name in sorted(p.name for p in CORPUS.glob("*.txt")):
        g = document_graph(name)
        used |= {p for p in g.predicates() if str(p).startswith(str(PK))}
        used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(PK))}
        used |= {o for o in g.objects() if isinstance(o, URIRef) and str(o).startswith(str(PK))}
    assert len(used) > 60
    for term in sorted(used):
        labels = {lit.language for p in (RDFS.label, SKOS.prefLabel) for lit in ontology.objects(term, p)
                  if isinstance(lit, Literal)}
        assert {"en", "zh-Hans"} <= labels, term


def test_owl_rl_closure_gives_the_documented_entailments(ontology: Graph) -> None:
    data = document_graph("003_1530986ba0a39128.txt")
    closure = Graph()
    for triple in ontology:
        closure.add(triple)
    for triple in data:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    base = "https://w3id.org/plankg/id/plan/320214/fyp/2021-2025/zh-Hans/"
    safeguard = URIRef(base + "chp_5__para_1")  # 003 line 586: 1. 强化民政事业的组织领导 (第五章 保障举措)
    binding = URIRef(base + "tbl_1__row_1")  # 003 row 1 困难群众应救尽救率, 约束性
    chapter = URIRef(base + "chp_4")
    measure = URIRef(base + "chp_4__sec_1__para_1")
    assert (safeguard, RDF.type, PK.Measure) in closure
    assert (binding, RDF.type, PK.Indicator) in closure
    assert (chapter, PK.hasPart, measure) in closure  # partOf is transitive, hasPart its inverse
    assert (measure, PK.partOf, URIRef(base.rstrip("/"))) in closure
    assert not set(closure.subjects(RDF.type, PK.Measure)) & set(closure.subjects(RDF.type, PK.Indicator))


def test_lineage_terms_are_declared_too(ontology: Graph, corpus_store) -> None:
    from plankg.lineage import rebuild_lineage
    from plankg.vocab import LINEAGE_GRAPH

    rebuild_lineage(corpus_store)
    rows = corpus_store.query(f"SELECT DISTINCT ?t WHERE {{ GRAPH <{LINEAGE_GRAPH}> {{ {{ ?s ?t ?o }} UNION {{ ?s a ?t }} }} }}")
    used = {URIRef(r["t"].value) for r in rows if r["t"].value.startswith(str(PK))}
    assert PK.TextReuse in used and PK.IndicatorConcept in used
    for term in sorted(used):
        assert {"en", "zh-Hans"} <= {lit.language for lit in ontology.objects(term, RDFS.label)}, term
