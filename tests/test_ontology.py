"""The ontology declares every term the loaders write, in English and Chinese, and reasons as documented.

Domains and ranges are checked against the data of the whole corpus, so that an OWL reasoner never
derives a type that is false of a node.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import owlrl
import pytest
from owlrl.Namespaces import ERRNS
from pyoxigraph import RdfFormat, serialize
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from plankg.graph.vocab import DOC_TYPES
from plankg.loaders.pipeline import parse_document
from plankg.loaders.triples import document_quads, region_quads
from tests.conftest import CORPUS, FILES

PK = Namespace("https://w3id.org/plankg/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
QB = Namespace("http://purl.org/linked-data/cube#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SH = Namespace("http://www.w3.org/ns/shacl#")
ONTOLOGY = URIRef("https://w3id.org/plankg/ontology")
DECLARATIONS = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme, QB.DataStructureDefinition}

# 004 (韶关市2021年民政工作要点): line 13 "三、积极应对人口老龄化,推进养老服务事业发展";
# line 16 "(十二)完善社区和居家养老服务体系。新建风采长者饭堂6间,…".
SG = "https://w3id.org/plankg/id/plan/440200/annual/2021/97646312/zh-Hans"
SG_CHAPTER_3 = URIRef(f"{SG}/chp_3")
SG_MEASURE_12 = URIRef(f"{SG}/chp_3__para_3")
SG_CANTEENS = URIRef(f"{SG}/chp_3__para_3__proj_1")
# 003 (无锡高新区(新吴区)): line 586 "1. 强化民政事业的组织领导。" under line 584 "第五章  保障举措";
# 主要指标 row 1: line 136 "困难群众应救尽救率", line 152 "约束性".
XW = "https://w3id.org/plankg/id/plan/320214/fyp/2021-2025/5ccb1f6a/zh-Hans"
XW_SAFEGUARD = URIRef(f"{XW}/chp_5__para_1")
XW_BINDING = URIRef(f"{XW}/tbl_1__row_1")


GENRES_NOT_IN_CORPUS = {
    PK.SpecialPlan,
    PK.Outline,
    PK.Proposal,
    PK.ImplementationPlan,
    PK.ActionPlan,
    PK.Opinion,
    PK.PolicyMeasures,
    PK.Rules,
    PK.ContingencyPlan,
    PK.Decision,
    PK.WorkReport,
    PK.Notice,
}


def _graph(quads) -> Graph:
    text = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES).decode("utf-8")
    return Graph().parse(data=text, format="nt")


def document_graph(name: str) -> Graph:
    doc, region = parse_document(CORPUS / name)
    return _graph(document_quads(doc, region))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    text = (resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")


@pytest.fixture(scope="module")
def corpus_graph() -> Graph:
    """Every document's triples and the shared region triples, in one graph."""
    quads = []
    for name in FILES:
        doc, region = parse_document(CORPUS / name)
        quads += document_quads(doc, region)
        quads += region_quads(region)
    return _graph(quads)


def pk_terms(data: Graph) -> set[URIRef]:
    """pk: predicates, classes and IRI values (concepts) used in the data."""
    return {t for triple in data for t in triple if isinstance(t, URIRef) and t.startswith(PK)}


def languages(ontology: Graph, term: URIRef, prop: URIRef) -> set[str | None]:
    return {o.language for o in ontology.objects(term, prop) if isinstance(o, Literal)}


def superclasses(ontology: Graph) -> dict[Node, set[Node]]:
    """Each class with all its superclasses (itself included), from rdfs:subClassOf."""
    direct: dict[Node, set[Node]] = {}
    for sub, sup in ontology.subject_objects(RDFS.subClassOf):
        direct.setdefault(sub, set()).add(sup)
    closed: dict[Node, set[Node]] = {}
    for cls in direct:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closed[cls] = seen
    return closed


def alternatives(ontology: Graph, cls: Node) -> set[Node]:
    """The named classes a domain or range allows: the class itself, or the members of its owl:unionOf."""
    union = ontology.value(cls, OWL.unionOf) if isinstance(cls, BNode) else None
    return set(Collection(ontology, union)) if union is not None else {cls}


def literal_fits(lit: Literal, datatype: Node) -> bool:
    if datatype == RDFS.Literal:
        return True
    if datatype == RDF.langString:
        return lit.language is not None
    if datatype == XSD.string:
        return lit.language is None and lit.datatype in (None, XSD.string)
    return lit.datatype == datatype


def violations(ontology: Graph, data: Graph) -> list[str]:
    """Triples of data whose subject or object is not of the declared domain or range of a pk: property."""
    supers = superclasses(ontology)
    types: dict[Node, set[Node]] = {}
    for node, cls in (*data.subject_objects(RDF.type), *ontology.subject_objects(RDF.type)):
        types.setdefault(node, set()).update(supers.get(cls, {cls}))
    properties = {p for c in (OWL.ObjectProperty, OWL.DatatypeProperty) for p in ontology.subjects(RDF.type, c)}
    found = []
    for prop in sorted({p for p in data.predicates() if p.startswith(PK)}):
        domains = [alternatives(ontology, d) for d in ontology.objects(prop, RDFS.domain)]
        ranges = [alternatives(ontology, r) for r in ontology.objects(prop, RDFS.range)]
        assert domains and ranges, f"{prop} has no rdfs:domain or no rdfs:range"
        for s, o in data.subject_objects(prop):
            if any(not (types.get(s, set()) & allowed) for allowed in domains):
                found.append(f"{s} {prop}: subject types {types.get(s)}")
            for allowed in ranges:
                if isinstance(o, Literal):
                    ok = any(literal_fits(o, dt) for dt in allowed)
                elif RDF.Property in allowed:
                    ok = o in properties or ((o in DCTERMS or o in SKOS) and o.split("/")[-1].split("#")[-1][0].islower())
                else:
                    ok = bool(types.get(o, set()) & allowed)
                if not ok:
                    found.append(f"{s} {prop} {o!r}: not in range {sorted(allowed)}")
    return found


def test_header(ontology: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert languages(ontology, ONTOLOGY, DCTERMS.title) == {"en", "zh-Hans"}
    assert languages(ontology, ONTOLOGY, DCTERMS.description) == {"en", "zh-Hans"}
    assert not list(ontology.objects(ONTOLOGY, OWL.imports))  # loads offline


def test_contract_classes_exist(ontology: Graph) -> None:
    for name in ("Region", "Plan", "Chapter", "Section", "Measure", "Indicator", "Project"):
        assert (PK[name], RDF.type, OWL.Class) in ontology
    assert (PK.Plan, RDFS.subClassOf, ELI.LegalResource) in ontology
    assert (PK.PlanText, RDFS.subClassOf, ELI.LegalExpression) in ontology
    for name in ("Chapter", "Section", "Part", "Box", "IndicatorTable"):
        assert (PK[name], RDFS.subClassOf, PK.StructuralUnit) in ontology
    for dim in (PK.year, PK.valueKind, PK.group):
        assert (dim, RDF.type, QB.DimensionProperty) in ontology
    for measure in (PK.numericValue, PK.asWritten):
        assert (measure, RDF.type, QB.MeasureProperty) in ontology


def test_every_declared_term_has_english_and_chinese_label_and_definition(ontology: Graph) -> None:
    declared = {s for c in DECLARATIONS for s in ontology.subjects(RDF.type, c) if isinstance(s, URIRef)}
    for term in sorted(t for t in declared if t.startswith(PK)):
        assert {"en", "zh-Hans"} <= languages(ontology, term, RDFS.label), term
        assert {"en", "zh-Hans"} <= languages(ontology, term, SKOS.definition), term


def test_the_document_type_shape_admits_every_genre_the_loaders_write(ontology: Graph) -> None:
    """pks:Plan-documentType lists the concepts a plan's pk:documentType may take: every genre of DOC_TYPES, each
    a top concept of pk:DocumentTypes (a genre left out of the list makes every plan of that genre a violation)."""
    shapes = Graph().parse(data=(resources.files("plankg.shapes") / "plankg.ttl").read_text(encoding="utf-8"), format="turtle")
    listed = next(shapes.objects(URIRef("https://w3id.org/plankg/shapes#Plan-documentType"), SH["in"]))
    concepts = set(ontology.objects(PK.DocumentTypes, SKOS.hasTopConcept))
    assert set(Collection(shapes, listed)) == set(DOC_TYPES.values()) == concepts


def test_every_term_in_the_corpus_data_is_declared(ontology: Graph, corpus_graph: Graph) -> None:
    used = pk_terms(corpus_graph)
    classes = {o for o in corpus_graph.objects(None, RDF.type) if o.startswith(PK)}
    assert classes == {
        PK[n]
        for n in (
            "Region",
            "Plan",
            "PlanText",
            "SourceDocument",
            "Sidecar",
            "MetadataFact",
            "LoaderRun",
            "Chapter",
            "Section",
            "Part",
            "Box",
            "IndicatorTable",
            "Measure",
            "SafeguardMeasure",
            "Indicator",
            "TableIndicator",
            "ProseIndicator",
            "BindingIndicator",
            "ExpectedIndicator",
            "IndicatorValue",
            "Project",
            "Quantity",
            "Citation",
            "CitedWork",
            "DroppedText",
            "Passage",
            "Preamble",
            "LeadParagraph",
            "Statement",
            "Continuation",
            "Conclusion",
            "IssuingNotice",
            "Responsibility",  # 000 line 358: 市民政局牵头组织实施本规划
        )
    }  # 001's notice, lines 5-19
    for term in sorted(used):
        kinds = set(ontology.objects(term, RDF.type)) & DECLARATIONS
        assert kinds, f"{term} is not declared"
        assert {"en", "zh-Hans"} <= languages(ontology, term, RDFS.label), term
    for prop in sorted({p for p in corpus_graph.predicates() if p.startswith(PK)}):
        literal = {isinstance(o, Literal) for o in corpus_graph.objects(None, prop)}
        expected = OWL.DatatypeProperty if literal == {True} else OWL.ObjectProperty
        assert (prop, RDF.type, expected) in ontology, prop


def test_domains_and_ranges_are_true_of_the_corpus(ontology: Graph, corpus_graph: Graph) -> None:
    assert violations(ontology, corpus_graph) == []


def test_owl_rl_closure_gives_the_documented_entailments(ontology: Graph) -> None:
    data = document_graph("004_816c855b418fc27c.txt")
    others = document_graph("003_1530986ba0a39128.txt")
    # Two nodes of 003 with only their most specific type: the reasoner must derive the rest.
    for node in (XW_SAFEGUARD, XW_BINDING):
        for triple in others.triples((node, None, None)):
            data.add(triple)
    data.remove((XW_SAFEGUARD, RDF.type, PK.Measure))
    data.remove((XW_BINDING, RDF.type, PK.Indicator))
    closure = Graph()
    for triple in ontology:
        closure.add(triple)
    for triple in data:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)

    assert list(closure.objects(None, ERRNS.error)) == []  # consistent: disjointness and functionality hold
    assert (XW_SAFEGUARD, RDF.type, PK.Measure) in closure
    assert (XW_BINDING, RDF.type, PK.Indicator) in closure
    assert (XW_BINDING, RDF.type, PK.DocumentElement) in closure
    assert (XW_BINDING, PROV.wasDerivedFrom, URIRef(f"{XW_BINDING}/name-span")) in closure
    assert (SG_MEASURE_12, PROV.wasDerivedFrom, URIRef(f"{SG_MEASURE_12}/title-span")) in closure
    assert (SG_CHAPTER_3, RDF.type, PK.StructuralUnit) in closure
    assert (SG_CHAPTER_3, PK.hasPart, SG_MEASURE_12) in closure  # inverse of the written partOf
    assert (SG_CHAPTER_3, PK.hasPart, SG_CANTEENS) in closure  # project ⊂ measure ⊂ chapter: transitive
    assert (URIRef(SG), PK.hasPart, SG_CANTEENS) in closure
    assert (SG_CANTEENS, PK.partOf, URIRef(SG)) in closure
    assert (SG_CANTEENS, DCTERMS.isPartOf, SG_CHAPTER_3) in closure
    assert set(closure.objects(URIRef(SG), PK.hasPart)) >= {URIRef(f"{SG}/chp_{n}") for n in range(1, 9)}

    # Domain and range reasoning adds no named pk: class to a node of 004 beyond its written types
    # and their superclasses.
    supers = superclasses(ontology)
    for node in set(data.subjects(RDF.type, None)):
        written = {sup for cls in data.objects(node, RDF.type) for sup in supers.get(cls, {cls})}
        derived = {c for c in closure.objects(node, RDF.type) if isinstance(c, URIRef) and c.startswith(PK)}
        assert derived <= written, (node, derived - written)
    measures = set(closure.subjects(RDF.type, PK.Measure))
    assert len(measures) == 41  # 004's 40 items (一)…(四十) and 003's safeguard item
    assert not measures & set(closure.subjects(RDF.type, PK.Indicator))


def test_owl_rl_flags_a_node_typed_both_measure_and_indicator(ontology: Graph) -> None:
    closure = Graph()
    for triple in ontology:
        closure.add(triple)
    closure.add((SG_MEASURE_12, RDF.type, PK.Measure))
    closure.add((SG_MEASURE_12, RDF.type, PK.Indicator))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    assert list(closure.objects(None, ERRNS.error))


def test_lineage_terms_are_declared_and_true_of_the_data(ontology: Graph, corpus_store) -> None:
    from plankg.lineage.graph import rebuild_lineage

    rebuild_lineage(corpus_store)
    nt = serialize([q.triple for q in corpus_store], format=RdfFormat.N_TRIPLES).decode("utf-8")
    data = Graph().parse(data=nt, format="nt")
    used = pk_terms(data)
    declared = {s for c in DECLARATIONS for s in ontology.subjects(RDF.type, c) if s in pk_terms(ontology)}
    assert used <= declared, used - declared
    # Declared but never written: abstract superclasses, the inferred inverse, the concept schemes, the
    # links to a loaded plan (no bundled plan cites another bundled plan, so no cited work resolves), the regions of a
    # derivation's ends (no bundled plan is another's parent, so no reuse link is directed), and
    # what the bundled plans do not state: significance, closing clauses, task and project tables (the latter checked
    # by tests/test_project_tables.py), responsible or supporting bodies (000 line 358 names one lead body:
    # 市民政局牵头组织实施本规划; tests/test_structure_general.py checks others), the genres and validity no bundled plan
    # has (tests/test_genres_levels.py checks the documents that have them), and books (第X篇: no bundled plan is a 纲要
    # divided into them; tests/test_structure_general.py checks an outline that is), the ends of a range (no
    # bundled plan states a target as one; tests/test_targets.py checks 016's), the levels of zones, their 片区
    # and towns (no bundled plan is theirs; tests/test_real_documents.py checks 006's, 012's, 013's), and units of
    # major projects (四、重大工程; tests/test_real_documents.py checks 028's).
    assert declared - used == {
        PK.DocumentElement,
        PK.StructuralUnit,
        PK.hasPart,
        PK.RegionLevels,
        PK.DocumentTypes,
        PK.ValueKinds,
        PK.resolvesTo,
        PK.parentPlan,
        PK.FunctionalZone,
        PK.ZoneArea,
        PK.Township,
        PK.sourceRegion,
        PK.derivedRegion,
        PK.ContentRoles,
        PK.ResponsibilityRoles,
        PK.Significance,
        PK.Scope,
        PK.Responsibilities,
        PK.ClosingClause,
        PK.Book,
        PK.Attachment,
        PK.AnnexText,
        PK.ClosingProvisions,
        PK.TaskTable,
        PK.ProjectTable,
        PK.MajorProjects,
        PK.ResponsibleRole,
        PK.SupportingRole,
        PK.validity,
        PK.lowerBound,
        PK.upperBound,
        *GENRES_NOT_IN_CORPUS,
    }
    assert violations(ontology, data) == []


def test_readme_queries_run_on_the_corpus_store(corpus_store) -> None:
    readme = (Path(__file__).parents[1] / "ontology" / "README.md").read_text(encoding="utf-8")
    targets, provenance = re.findall(r"```sparql\n(.*?)```", readme, flags=re.S)
    rows = [tuple(term.value for term in row) for row in corpus_store.query(targets)]
    assert len(rows) == 15
    # 002 row 8 from line 327: 養老機構護理型床位占比(% (bracket lost in scraping), ≥55, 約束性;
    # 003 row 1 from line 130: 困难群众应救尽救率, 100;
    # 000 line 164 养老机构护理型床位占比, ≥60.
    assert ("怀化市", "养老机构护理型床位占比(%", "≥55", "327") in rows
    assert ("新吴区", "困难群众应救尽救率", "100", "130") in rows
    assert ("玉林市", "养老机构护理型床位占比", "≥60", "164") in rows
    (row,) = corpus_store.query(provenance)
    assert row["file"].value == "004_816c855b418fc27c.txt"
    assert row["exact"].value.startswith("(十二)完善社区和居家养老服务体系。新建风采长者饭堂6间")  # 004 line 16
    assert row["matches"].value == "true"
