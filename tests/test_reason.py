"""OWL 2 RL reasoning: the store's rules give exactly owlrl's instance entailments, into the inferred graph only.

owlrl's full closure of (ontology + one document) is the reference. Compared are its instance triples: those
about the data's nodes (IRIs under https://w3id.org/plankg/id/) that the data does not state, without what
plankg leaves out on purpose (kg/graph/reason.py): `owl:Thing` types, reflexive `owl:sameAs`, and types that are
anonymous owl:unionOf classes; the types owlrl gives literals have a literal subject, so they are out too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import owlrl
import pytest
from pyoxigraph import NamedNode, Quad, RdfFormat, Store, serialize
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF

from plankg.graph import reason
from plankg.graph.reason import asserted_graphs, materialise
from plankg.graph.store import document_graphs
from plankg.graph.vocab import ID, INFERRED_GRAPH, PK, REGIONS_GRAPH, SPARQL_PREFIXES, org_iri
from plankg.loaders.pipeline import parse_document
from plankg.loaders.triples import document_quads, region_quads
from tests.conftest import CORPUS, FILES

LN = "https://w3id.org/plankg/id/plan/210000/fyp/2021-2025/6362853e/zh-Hans"
# 001 lines 246-254: row 18 of 专栏1, 养老机构护理型床位占比 | % | ≥55 | 约束性; the table sits in 第一章 (line 25),
# section 4 (chp_1__sec_4).
ROW_18 = URIRef(f"{LN}/tbl_1__row_18")
# 001 line 484 "发展养老护理员队伍。…培育培训8万名…": a project of a measure of 第四节 加强养老服务人才队伍建设
# (line 481) of 第五章 全面构建养老服务体系… (line 452).
PROJECT = URIRef(f"{LN}/chp_5__sec_4__para_2__proj_1")
MEASURE, SECTION, CHAPTER = (URIRef(f"{LN}/{eid}") for eid in ("chp_5__sec_4__para_2", "chp_5__sec_4", "chp_5"))
# 003 (无锡高新区(新吴区)): 新吴区 320214 ⊂ 无锡市 320200 ⊂ 江苏省 320000 ⊂ China.
XINWU = URIRef(f"{ID}region/320214")
# The classes under pk:DocumentElement the loaders write (ontology/plankg.ttl).
ELEMENTS = {
    str(PK[c])
    for c in (
        "Chapter",
        "Section",
        "Part",
        "Box",
        "IndicatorTable",
        "Measure",
        "SafeguardMeasure",
        "Indicator",
        "BindingIndicator",
        "ExpectedIndicator",
        "Project",
        "Citation",
        "DroppedText",
        "Passage",
        "Preamble",
        "LeadParagraph",
        "Statement",
        "Continuation",
        "Conclusion",
        "ClosingClause",
    )
}


def document(name: str) -> list[Quad]:
    doc, region = parse_document(CORPUS / name)
    return document_quads(doc, region) + list(region_quads(region))


def rdflib_graph(triples) -> Graph:
    return Graph().parse(data=serialize(list(triples), format=RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")


def inferred(store: Store) -> Graph:
    return rdflib_graph(q.triple for q in store.quads_for_pattern(None, None, None, NamedNode(str(INFERRED_GRAPH))))


def owlrl_entailments(quads: list[Quad]) -> set:
    """owlrl's OWL 2 RL closure of the ontology and the quads' triples, restricted to instance entailments."""
    data = rdflib_graph(q.triple for q in quads)
    closure = Graph().parse(data=(resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8"), format="turtle")
    closure += data
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    return {
        (s, p, o)
        for s, p, o in closure
        if (s, p, o) not in data
        and isinstance(s, URIRef)
        and s.startswith(str(ID))
        and not (p == OWL.sameAs and s == o)
        and not (p == RDF.type and (o == OWL.Thing or isinstance(o, BNode)))
    }


@pytest.mark.parametrize("name", FILES)
def test_rules_give_exactly_owlrls_entailments(name: str) -> None:
    quads = document(name)
    store = Store()
    store.extend(quads)
    expected = owlrl_entailments(quads)
    assert materialise(store) == len(expected)
    assert set(inferred(store)) == expected
    elements = {URIRef(q.subject.value) for q in quads if q.predicate.value == str(RDF.type) and q.object.value in ELEMENTS}
    assert {s for s, p, o in expected if (p, o) == (RDF.type, PK.DocumentElement)} == elements


@pytest.fixture(scope="module")
def reasoned(corpus_store) -> tuple[Store, set[Quad]]:
    """A copy of the corpus's document and region graphs, reasoned over; and its quads before reasoning."""
    graphs = {NamedNode(g) for g, _, _ in document_graphs(corpus_store)} | {NamedNode(str(REGIONS_GRAPH))}
    store = Store()
    store.extend(q for q in corpus_store if q.graph_name in graphs)
    before = set(store)
    materialise(store)
    return store, before


def test_corpus_entailments(reasoned) -> None:
    store, _ = reasoned
    graph = inferred(store)
    # Row 18 of 001 is written as a pk:BindingIndicator and pk:Indicator; the rest comes from the ontology.
    assert set(graph.objects(ROW_18, RDF.type)) == {PK.DocumentElement}
    assert set(graph.objects(ROW_18, PK.partOf)) == {URIRef(f"{LN}/chp_1__sec_4"), URIRef(f"{LN}/chp_1"), URIRef(LN)}
    assert set(graph.objects(ROW_18, PROV.wasDerivedFrom)) == {URIRef(f"{ROW_18}/name-span")}
    # The project is written partOf its measure only: the rest of the path to the plan text is transitive.
    assert set(graph.objects(PROJECT, PK.partOf)) == {SECTION, CHAPTER, URIRef(LN)}
    assert set(graph.objects(PROJECT, DCTERMS.isPartOf)) == {MEASURE, SECTION, CHAPTER, URIRef(LN)}
    assert {MEASURE, SECTION, CHAPTER, URIRef(LN)} == set(graph.subjects(PK.hasPart, PROJECT))
    assert set(graph.objects(SECTION, RDF.type)) == {PK.StructuralUnit, PK.DocumentElement}
    assert set(graph.objects(XINWU, PK.partOf)) == {URIRef(f"{ID}region/320000"), URIRef(f"{ID}region/CN")}
    assert [str(o) for o in graph.objects(XINWU, DCTERMS.identifier)] == ["320214"]
    assert set(graph.predicates()) == {
        RDF.type,
        PK.partOf,
        PK.hasPart,
        DCTERMS.isPartOf,
        DCTERMS.hasPart,
        DCTERMS.identifier,
        PROV.wasDerivedFrom,
        DCTERMS.spatial,
    }
    # 003 line 6: 发布机构 新吴区民政卫健局, whose pk:jurisdiction (⊑ dct:spatial) is 新吴区.
    assert set(graph.subjects(DCTERMS.spatial, XINWU)) == {URIRef(org_iri("新吴区民政卫健局"))}


def test_reasoning_leaves_the_asserted_graphs_unchanged_and_is_idempotent(reasoned) -> None:
    store, before = reasoned
    inferred_graph = NamedNode(str(INFERRED_GRAPH))
    assert {q for q in store if q.graph_name != inferred_graph} == before
    first = {q.triple for q in store.quads_for_pattern(None, None, None, inferred_graph)}
    assert not first & {q.triple for q in before}  # only what the asserted graphs do not state
    assert materialise(store) == len(first)
    assert {q.triple for q in store.quads_for_pattern(None, None, None, inferred_graph)} == first
    assert {q for q in store if q.graph_name != inferred_graph} == before
    assert str(INFERRED_GRAPH) not in asserted_graphs(store)


def test_one_graph_per_update_gives_the_same_inferred_graph(reasoned, monkeypatch) -> None:
    """Batches only split the work: what an earlier batch inferred, or another graph states, is not added twice."""
    store, before = reasoned
    inferred_graph = NamedNode(str(INFERRED_GRAPH))
    together = {q.triple for q in store.quads_for_pattern(None, None, None, inferred_graph)}
    # the corpus's 5 documents and the regions, one update (BATCH_GRAPHS covers them); 4 of them dct:spatial of the
    # issuers' pk:jurisdiction (001: 2, 002: 1, 003: 1)
    # 8,653 before targets stated in prose, 9,346 before the 16 quantified undertakings read since (000 lines 268, 279,
    # 325; 001 line 308; 002 lines 497, 513 (4), 601, 655 (3); 003 lines 552, 554; 004 line 14): 228 partOf, hasPart
    # and type triples, 12 to 16 for each (by the depth it sits at); 9,574 before 001 lines 546-548, after 专栏6,
    # went on with 第六节's last measure instead of concluding 第六章: two more ancestors (the measure, the section)
    # each, 8 inferred triples per paragraph (3 x 8 = 24)
    assert len(together) == 9598
    separate = Store()
    separate.extend(before)
    monkeypatch.setattr(reason, "BATCH_GRAPHS", 1)
    assert len(reason.batches(asserted_graphs(separate))) == 6
    assert materialise(separate) == 9598
    assert {q.triple for q in separate.quads_for_pattern(None, None, None, inferred_graph)} == together


def test_written_a_part_at_a_time_gives_the_same_inferred_graph(reasoned, monkeypatch) -> None:
    """Entailments are written WRITE_QUADS at a time, each part a transaction of its own (the lineage graph alone
    entails millions of triples at 10,000 plans): parts of 7 give the same 9,598 triples, each batch reported."""
    store, before = reasoned
    inferred_graph = NamedNode(str(INFERRED_GRAPH))
    together = {q.triple for q in store.quads_for_pattern(None, None, None, inferred_graph)}
    parts = Store()
    parts.extend(before)
    monkeypatch.setattr(reason, "WRITE_QUADS", 7)
    done: list[list[str]] = []
    assert materialise(parts, progress=done.append) == 9598
    assert done == reason.batches(asserted_graphs(parts))
    assert {q.triple for q in parts.quads_for_pattern(None, None, None, inferred_graph)} == together


def test_no_part_of_chain_spans_two_graphs(reasoned) -> None:
    """The rules close pk:partOf inside each graph (kg/graph/reason.py); that equals the closure of the union only so."""
    store, _ = reasoned
    ask = (
        SPARQL_PREFIXES
        + f"""ASK {{ GRAPH ?g {{ ?x pk:partOf|^pk:hasPart ?y }} GRAPH ?h {{ ?y pk:partOf|^pk:hasPart ?z }}
                                      FILTER(?g != ?h && ?g != <{INFERRED_GRAPH}> && ?h != <{INFERRED_GRAPH}>) }}"""
    )
    assert not bool(store.query(ask))


def test_inferred_part_of_answers_like_the_property_path(reasoned) -> None:
    """measures-by-chapter walks pk:partOf+; with the inferred graph, one pk:partOf step gives the same pairs."""
    store, _ = reasoned
    path = SPARQL_PREFIXES + "SELECT ?m ?c WHERE { GRAPH ?g { ?m a pk:Measure ; pk:partOf+ ?c . ?c a pk:Chapter } }"
    step = (
        SPARQL_PREFIXES
        + f"""SELECT ?m ?c WHERE {{
      GRAPH ?g {{ ?m a pk:Measure . ?c a pk:Chapter }}
      {{ GRAPH ?g {{ ?m pk:partOf ?c }} }} UNION {{ GRAPH <{INFERRED_GRAPH}> {{ ?m pk:partOf ?c }} }} }}"""
    )
    by_path = {(r["m"].value, r["c"].value) for r in store.query(path)}
    assert {(r["m"].value, r["c"].value) for r in store.query(step)} == by_path
    assert len({m for m, _ in by_path}) == len(by_path)  # every measure in exactly one chapter


def test_the_readme_example_runs_on_the_reasoned_corpus(reasoned) -> None:
    store, _ = reasoned
    readme = (Path(__file__).parents[1] / "ontology" / "README.md").read_text(encoding="utf-8")
    (query,) = re.findall(r'plankg sparql "(.*?)"\n```', readme.split("## Reasoning (OWL 2 RL)")[1], flags=re.S)
    rows = [(r["class"].value.removeprefix(str(PK)), int(r["n"].value)) for r in store.query(query)]
    # 001 第五章 (line 452): its lead paragraph (line 455); 第一节…第五节 (lines 457-487) with 3, 9, 3, 3, 3
    # measures; the project of line 484; 专栏5 (line 493) with items 1-6 (lines 495-500); targets stated in prose at
    # lines 466 (two), 469 and 497.
    assert rows == [
        ("Box", 1),
        ("DocumentElement", 39),
        ("Indicator", 4),
        ("LeadParagraph", 1),
        ("Measure", 21),
        ("Passage", 1),
        ("Project", 7),
        ("ProseIndicator", 4),
        ("Section", 5),
        ("StructuralUnit", 6),
    ]


def test_a_binding_indicator_is_inferred_to_be_an_indicator() -> None:
    """Without the loader's redundant pk:Indicator type, subclass reasoning gives it back (001: 4 约束性, 16 预期性)."""
    quads = document("001_e6d1326eb6e5ef17.txt")
    indicator = NamedNode(str(PK.Indicator))
    typed = [q for q in quads if q.object == indicator]
    store = Store()
    store.extend(q for q in quads if q.object != indicator)
    materialise(store)
    graph = inferred(store)
    assert (ROW_18, RDF.type, PK.Indicator) in graph
    assert len(typed) == 20 + 12  # the 20 rows of 专栏1 and 12 targets stated in prose
    # 约束性 at 001 lines 116, 204, 214 and 254; the other 16 rows of 专栏1 are 预期性.
    binding = {q.subject for q in quads if q.object == NamedNode(str(PK.BindingIndicator))}
    assert len(binding) == 4 and NamedNode(str(ROW_18)) in binding
    assert set(graph.subjects(RDF.type, PK.Indicator)) == {URIRef(q.subject.value) for q in typed}
    assert len(set(graph.subjects(RDF.type, PK.Indicator)) & set(graph.subjects(RDF.type, PK.DocumentElement))) == 32


def plankg(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from plankg.cli import main; main()", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    )


def test_build_reason_and_the_reason_command(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    doc = str(CORPUS / "004_816c855b418fc27c.txt")
    built = plankg("build", doc, "--store", str(store_dir), "--no-validate", "--no-lineage", "--no-views", "--reason")
    assert built.returncode == 0, built.stderr
    # 476 before the undertaking of line 14 (开展2期市级养老护理员培训) was read: 12 inferred triples more
    assert f"reasoning: 488 inferred triples in <{INFERRED_GRAPH}>" in built.stdout
    again = plankg("reason", "--store", str(store_dir))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"reasoning: 488 inferred triples from 2 graphs in <{INFERRED_GRAPH}>")
    rules = plankg("reason", "--rules", "--store", str(store_dir))
    assert f"?x (^<{PK.hasPart}>|<{PK.partOf}>)+ ?y" in rules.stdout
    # 004 (韶关市, annual plan 2021) and the regions: one batch
    assert rules.stdout.startswith(
        "# run once per batch of up to 10 asserted graphs (VALUES ?g), after dropping the inferred graph; batch 1 of 1:\n"
    )
    assert (
        f"VALUES ?g {{ <https://w3id.org/plankg/id/graph/plan/440200/annual/2021/97646312/zh-Hans> <{REGIONS_GRAPH}> }}"
        in rules.stdout
    )
    missing = plankg("reason", "--store", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert missing.stderr.strip() == f"Error: no store at {tmp_path / 'nowhere'}: run `plankg build` first"


def inferred_quads(store: Store) -> set[Quad]:
    return set(store.quads_for_pattern(None, None, None, NamedNode(str(INFERRED_GRAPH))))


def test_the_inferred_graph_follows_adds_replaces_and_removes(tmp_path: Path, monkeypatch) -> None:
    """A store with an inferred graph keeps it as materialise would make it, after each change, at the cost of what
    changed (kg/graph/inferences.py): a document added, one replaced by an edited copy (the same plan, a line gone)
    twice, one removed, each with the lineage graph updated. Past FULL_AFTER nodes a graph the inferred graph is
    materialised again instead: the second replace takes that way."""
    import plankg
    from plankg.graph import inferences
    from plankg.pipeline import remove

    store = Store(str(tmp_path / "store"))
    files = sorted(CORPUS.glob("*.txt"))
    first = plankg.build([str(f) for f in files[:3]], store, reason=True, validate=False, parallel=False)
    assert first.inferred is not None and first.inferred > 0

    def kept_as_materialised() -> set[Quad]:
        kept = inferred_quads(store)
        materialise(store)
        assert kept == inferred_quads(store)
        return kept

    def without_a_line(path: Path, at: float) -> Path:
        text = path.read_text(encoding="utf-8")
        cut = text.index("\n", int(len(text) * at))
        edited = tmp_path / path.name
        edited.write_text(text[:cut] + text[text.index("\n", cut + 1) :], encoding="utf-8")
        return edited

    monkeypatch.setattr(inferences, "FULL_AFTER", 10**6)
    added = plankg.build([str(files[3])], store, validate=False, parallel=False).inferences_kept
    assert added is not None and (added.graphs, added.materialised) == (1, None) and added.nodes > 0
    # 003 (新吴区 ⊂ 无锡市 ⊂ 江苏省) is in a province the first three did not name: its region's chain is reasoned about
    jiangsu = NamedNode(f"{ID}region/320000")
    part_of = Quad(NamedNode(str(XINWU)), NamedNode(str(PK.partOf)), jiangsu, NamedNode(str(INFERRED_GRAPH)))
    assert part_of in kept_as_materialised()

    replaced = plankg.build([str(without_a_line(files[3], 0.5))], store, validate=False, parallel=False).inferences_kept
    assert replaced is not None and replaced.materialised is None and replaced.nodes > 0
    kept_as_materialised()

    monkeypatch.setattr(inferences, "FULL_AFTER", 0)
    replaced = plankg.build([str(without_a_line(files[3], 0.3))], store, validate=False, parallel=False).inferences_kept
    assert replaced is not None and replaced.materialised == len(inferred_quads(store))
    kept_as_materialised()

    monkeypatch.setattr(inferences, "FULL_AFTER", 10**6)
    removal = remove(store, files[1].name)
    assert removal.lineage is not None and removal.lineage.inferences is not None
    assert removal.lineage.inferences.startswith("reasoning: inferred graph updated for ")
    assert not any("/210000/" in q.subject.value for q in kept_as_materialised())  # nothing is left about 001 (辽宁省)


def test_the_shipped_rules_are_the_ontologys(tmp_path: Path) -> None:
    """kg/data/reason_rules.json is what derive_rules reads off the ontology as it is; after an edit of the
    ontology, write it again: python -c "from pathlib import Path; from plankg.graph.reason import write_rules_file;
    write_rules_file(Path('kg/data'))" (until then the rules are derived at every start, a second or more)."""
    shipped = (resources.files("plankg") / "data" / reason.RULES_FILE).read_text(encoding="utf-8")
    assert reason.write_rules_file(tmp_path).read_text(encoding="utf-8") == shipped
    assert reason.ontology_rules() == reason.derive_rules(reason.ontology_closure())
