"""The SHACL shapes: true of the corpus, each constraint proven to fire, and two engines in agreement.

Mutation tests work on a small graph cut from document 002 (chapters 1-3 with a box, both indicator tables,
a measure with its projects, a citation, a dropped span) so that pyshacl stays fast; each mutation breaks
one thing and must add exactly one finding, the same for pyrudof and pyshacl.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from pyoxigraph import Literal, NamedNode, Triple

from plankg.graph.store import document_graphs
from plankg.graph.vocab import ELI, OA, PK, QB, org_iri
from plankg.validation.shacl import (
    document_triples,
    lineage_triples,
    shape_descriptions,
    superclasses,
    validate_store,
    validate_triples,
)

PKS = "https://w3id.org/plankg/shapes#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

ID = "https://w3id.org/plankg/id/"
P = ID + "plan/431200/fyp/2021-2025/c1126cbe"  # 怀化市 (document 002)
E = P + "/zh-Hant"
SRC = E + "/source"
REGION = ID + "region/431200"

# The elements of document 002 kept in the small graph (with their spans, values and quantities); line 489 states
# the target 2022年底前全市公辦養老機構的護理床位占比達到50%以上 (chp_3__sec_1__para_1__ind_1).
KEPT = [
    "chp_1",
    "chp_1__sec_1",
    "chp_1__sec_2",
    "chp_1__sec_3",
    "chp_1__sec_3__part_2",
    "chp_1__sec_4",
    "tbl_1",
    "tbl_1__row_1",
    "tbl_1__row_2",
    "tbl_2",
    "tbl_2__row_1",
    "tbl_2__row_2",
    "chp_2",
    "chp_2__sec_1",
    "box_1",
    "box_1__item_1",
    "box_1__item_2",
    "box_1__item_3",
    "chp_3",
    "chp_3__sec_1",
    "chp_3__sec_1__para_1",
    "chp_3__sec_1__para_1__ind_1",
    "chp_3__sec_2",
    "chp_3__sec_2__para_1",
    "chp_3__sec_2__para_1__proj_1",
    "chp_3__sec_2__para_1__proj_2",
    "cite_1",
    "dropped_1",
    "source",
    "sidecar",
    "fact",
    "run",
    "chp_1__sec_3__part_2__point_1",
    "chp_2__intro_1",
]


def _kept(node: str) -> bool:
    if not node.startswith(E + "/"):
        return True
    local = node.removeprefix(E + "/")
    return any(local == k or local.startswith(k + "/") for k in KEPT)


class Graph:
    """A mutable list of pyoxigraph triples with the edits the mutations need."""

    def __init__(self, triples: list[Triple]) -> None:
        self.triples = list(triples)

    def objects(self, s: str, p: str) -> list:
        return [t.object for t in self.triples if t.subject.value == s and t.predicate.value == str(p)]

    def remove(self, s: str, p: str) -> None:
        p, before = str(p), len(self.triples)
        self.triples = [t for t in self.triples if not (t.subject.value == s and t.predicate.value == p)]
        assert len(self.triples) < before, f"nothing to remove: {s} {p}"

    def add(self, s: str, p: str, o: str | Literal) -> None:
        self.triples.append(Triple(NamedNode(s), NamedNode(str(p)), o if isinstance(o, Literal) else NamedNode(str(o))))

    def set(self, s: str, p: str, o: str | Literal) -> None:
        self.remove(s, p)
        self.add(s, p, o)

    def drop_links(self, p: str, o: str) -> None:
        """Remove every triple (anything, p, o)."""
        self.triples = [t for t in self.triples if not (t.predicate.value == str(p) and t.object.value == o)]

    def drop(self, *nodes: str) -> None:
        """Remove the nodes with what is under them (spans, values, rows) and every triple that mentions them."""

        def hit(term) -> bool:
            return isinstance(term, NamedNode) and any(
                term.value == n or term.value.startswith(n + "/") or term.value.startswith(n + "__") for n in nodes
            )

        self.triples = [t for t in self.triples if not (hit(t.subject) or hit(t.object))]


def span(node: str) -> str:
    return node + "/span"


def integer(v: int) -> Literal:
    return Literal(str(v), datatype=NamedNode(XSD + "integer"))


def _bad_exact(g: Graph) -> None:
    quote = span(MEASURE) + "/quote"
    g.set(quote, OA.exact, Literal(g.objects(quote, str(OA.exact))[0].value + "多"))


def _shift_out(g: Graph) -> None:
    position, length = span(MEASURE) + "/position", int(g.objects(SRC, str(PK.length))[0].value)
    for prop in (OA.start, OA.end):
        g.set(position, prop, integer(int(g.objects(position, str(prop))[0].value) + length))


def _as_decimal(g: Graph, prop: str) -> None:
    """The same offset, typed xsd:decimal instead of xsd:integer (so only the datatype is wrong)."""
    position = span(MEASURE) + "/position"
    g.set(position, prop, Literal(g.objects(position, str(prop))[0].value + ".0", datatype=NamedNode(XSD + "decimal")))


def _sec_2_after_sec_3(g: Graph) -> None:
    """Section 2's span moved after section 3's start (same length, inside the text): numbered out of order."""
    position = span(E + "/chp_1__sec_2") + "/position"
    start, end = (int(g.objects(position, str(p))[0].value) for p in (OA.start, OA.end))
    after = int(g.objects(span(E + "/chp_1__sec_3") + "/position", str(OA.start))[0].value) + 1
    g.set(position, OA.start, integer(after))
    g.set(position, OA.end, integer(after + end - start))


def _no_attribute(g: Graph) -> None:
    """A row without 指标属性 cell, as the loader writes it: no attribute, and neither binding nor expected."""
    g.remove(ROW, PK.attribute)
    g.triples.remove(Triple(NamedNode(ROW), NamedNode(RDF_TYPE), NamedNode(str(PK.ExpectedIndicator))))


def _other_plan(g: Graph) -> None:
    """Table 1 and its second row move to a copy of the plan; its first row stays behind."""
    for t in [t for t in g.triples if t.subject.value == P]:
        g.add(P + "-copy", t.predicate.value, t.object if isinstance(t.object, Literal) else t.object.value)
    g.set(E + "/tbl_1", PK.inPlan, P + "-copy")
    g.set(E + "/tbl_1__row_2", PK.inPlan, P + "-copy")


def _drop_actuals(g: Graph) -> None:
    row = E + "/tbl_1__row_1"
    for value in g.objects(row, str(PK.hasValue)):
        if g.objects(value.value, str(PK.valueKind)) == [NamedNode(PK.Actual)]:
            g.drop(value.value)


MEASURE = E + "/chp_3__sec_2__para_1"
STATEMENT = E + "/chp_1__sec_3__part_2__point_1"  # ——堅持黨的領導。… (line 199), a principle
LEAD = E + "/chp_2__intro_1"  # the lead paragraph of 第二章 (line 449)
BODY = MEASURE + "/body_1"


def _responsibility(without: str) -> Mutation:
    """The measure names a responsible body (as ［市民政局负责］ would), with one part of it left out."""

    def mutate(g: Graph) -> None:
        org = ID + "org/test"
        parts = {
            "of": (MEASURE, PK.responsibility, BODY),
            "agent": (BODY, PROV + "agent", org),
            "role": (BODY, PROV + "hadRole", PK.LeadRole),
            "span": (BODY, PROV + "wasDerivedFrom", span(MEASURE)),
        }
        for key, (s, p, o) in parts.items():
            if key != without:
                g.add(s, p, o)
        g.add(BODY, RDF_TYPE, PK.Responsibility)
        g.add(BODY, RDF_TYPE, PROV + "Association")
        g.add(org, RDF_TYPE, "http://www.w3.org/ns/org#Organization")
        g.add(org, SKOS + "prefLabel", Literal("市民政局", language="zh-Hans"))  # a named organisation

    return mutate


PROJECT = E + "/box_1__item_3"
QUANTITY = PROJECT + "/quantity_1"
ROW = E + "/tbl_2__row_2"
TARGET = ROW + "/value_2"  # 75 (%) in 2025
PROSE = E + "/chp_3__sec_1__para_1__ind_1"
PROSE_VALUE = PROSE + "/value_1"  # 達到50%以上 in 2022
FACT = E + "/fact/title"
WORK = E + "/cite_1"

ISSUER = org_iri("怀化市民政局")  # line 5: 信息來源:懷化市民政局


def _notice(g: Graph, missing: str) -> None:
    """An issuing notice of the plan, complete but for one part (its title, its span or its plan)."""
    notice = E + "/notice"
    g.add(notice, RDF_TYPE, PK.IssuingNotice)
    if missing != "title":
        g.add(notice, DCT + "title", Literal("关于印发《懷化市“十四五”民政事業發展規劃》的通知", language="zh-Hant"))
    if missing != "span":
        g.add(notice, PROV + "wasDerivedFrom", span(MEASURE))
    if missing != "plan":
        g.add(P, PK.issuingNotice, notice)


def _parentless_zone(g: Graph) -> None:
    """The plan's region as a functional zone the gazetteer does not list and nothing places."""
    g.remove(REGION, PK.adminCode)
    g.remove(REGION, PK.partOf)
    g.set(REGION, PK.adminLevel, PK.FunctionalZone)


Mutation = Callable[[Graph], None]
# (constraint, mutation, focus node, path, severity)
CASES: list[tuple[str, Mutation, str, str, str]] = [
    ("Region-adminCode", lambda g: g.set(REGION, PK.adminCode, Literal("4312")), REGION, "pk:adminCode", "Violation"),
    ("RegionCodeShape", lambda g: g.remove(REGION, PK.adminCode), REGION, "", "Violation"),
    ("Region-parentClass", lambda g: g.set(REGION, PK.partOf, P), REGION, "pk:partOf", "Violation"),
    ("RegionParentShape", lambda g: g.remove(REGION, PK.partOf), REGION, "", "Violation"),
    # A zone has no code; one whose parent neither the zone table nor its name gives lacks it in the sources.
    ("ZoneParentShape", _parentless_zone, REGION, "", "Warning"),
    # A plan-level fact the text does not state is a warning; one stated wrongly is a violation.
    ("Plan-title", lambda g: g.remove(P, DCT + "title"), P, "dct:title", "Warning"),
    ("Plan-regionStated", lambda g: g.remove(P, PK.region), P, "pk:region", "Warning"),
    ("Plan-region", lambda g: g.set(P, PK.region, E), P, "pk:region", "Violation"),
    ("Plan-periodStartStated", lambda g: g.remove(P, PK.periodStart), P, "", "Warning"),  # an end only (到2025年)
    ("Plan-periodStart", lambda g: g.set(P, PK.periodStart, Literal("2021")), P, "pk:periodStart", "Violation"),
    ("Plan-periodEndStated", lambda g: g.remove(P, PK.periodEnd), P, "pk:periodEnd", "Warning"),
    ("Plan-periodEnd", lambda g: g.set(P, PK.periodEnd, Literal("2025")), P, "pk:periodEnd", "Violation"),
    ("Plan-documentTypeStated", lambda g: g.remove(P, PK.documentType), P, "pk:documentType", "Warning"),
    ("Plan-documentType", lambda g: g.set(P, PK.documentType, PK.Country), P, "pk:documentType", "Violation"),
    ("Plan-date", lambda g: g.remove(P, ELI.date_document), P, "eli:date_document", "Warning"),
    ("Plan-issuer", lambda g: g.remove(P, ELI.passed_by), P, "eli:passed_by", "Warning"),
    (
        "Plan-entryIntoForce",
        lambda g: g.add(P, ELI.first_date_entry_in_force, Literal("2022年6月20日")),
        P,
        "eli:first_date_entry_in_force",
        "Violation",
    ),
    ("Plan-validity", lambda g: g.add(P, PK.validity, Literal("5年")), P, "pk:validity", "Violation"),
    ("Plan-indicatorTable", lambda g: g.drop(E + "/tbl_1", E + "/tbl_2"), P, "^pk:inPlan", "Warning"),
    ("IssuingNotice-title", lambda g: _notice(g, "title"), E + "/notice", "dct:title", "Violation"),
    ("IssuingNotice-span", lambda g: _notice(g, "span"), E + "/notice", "prov:wasDerivedFrom", "Violation"),
    ("IssuingNotice-plan", lambda g: _notice(g, "plan"), E + "/notice", "^pk:issuingNotice", "Violation"),
    ("Organization-label", lambda g: g.remove(ISSUER, SKOS + "prefLabel"), ISSUER, "skos:prefLabel", "Violation"),
    ("Organization-jurisdiction", lambda g: g.set(ISSUER, PK.jurisdiction, P), ISSUER, "pk:jurisdiction", "Violation"),
    ("PlanText-realizes", lambda g: g.remove(E, ELI.realizes), E, "eli:realizes", "Violation"),
    ("PlanText-source", lambda g: g.remove(E, PROV + "wasDerivedFrom"), E, "prov:wasDerivedFrom", "Violation"),
    ("PlanText-language", lambda g: g.set(E, DCT + "language", Literal("en")), E, "dct:language", "Violation"),
    ("SourceDocument-identifier", lambda g: g.remove(SRC, DCT + "identifier"), SRC, "dct:identifier", "Violation"),
    ("SourceDocument-text", lambda g: g.remove(SRC, PK.text), SRC, "pk:text", "Violation"),
    ("SourceDocument-length", lambda g: g.remove(SRC, PK.length), SRC, "pk:length", "Violation"),
    ("SourceDocument-sha256", lambda g: g.set(SRC, PK.sha256, Literal("0f")), SRC, "pk:sha256", "Violation"),
    (
        "LoaderRun-used",
        lambda g: g.remove(next(t.subject.value for t in g.triples if t.predicate.value == PROV + "used"), PROV + "used"),
        "run",
        "prov:used",
        "Violation",
    ),
    ("MetadataFact-about", lambda g: g.remove(FACT, PK.about), FACT, "pk:about", "Violation"),
    ("MetadataFact-value", lambda g: g.remove(FACT, PK.value), FACT, "pk:value", "Violation"),
    ("MetadataFact-origin", lambda g: g.set(FACT, PROV + "wasDerivedFrom", P), FACT, "prov:wasDerivedFrom", "Violation"),
    ("Span-source", lambda g: g.remove(span(MEASURE), OA.hasSource), span(MEASURE), "oa:hasSource", "Violation"),
    (
        "Span-position",
        lambda g: g.triples.remove(
            Triple(NamedNode(span(MEASURE)), NamedNode(str(OA.hasSelector)), NamedNode(span(MEASURE) + "/position"))
        ),
        span(MEASURE),
        "oa:hasSelector",
        "Violation",
    ),
    (
        "Span-quote",
        lambda g: g.triples.remove(
            Triple(NamedNode(span(MEASURE)), NamedNode(str(OA.hasSelector)), NamedNode(span(MEASURE) + "/quote"))
        ),
        span(MEASURE),
        "oa:hasSelector",
        "Violation",
    ),
    ("Span-line", lambda g: g.remove(span(MEASURE), PK.line), span(MEASURE), "pk:line", "Violation"),
    ("Span-exactLength", _bad_exact, SRC, "", "Violation"),
    ("Span-bounds", _shift_out, SRC, "", "Violation"),
    ("Position-start", lambda g: _as_decimal(g, OA.start), span(MEASURE) + "/position", "oa:start", "Violation"),
    ("Position-end", lambda g: _as_decimal(g, OA.end), span(MEASURE) + "/position", "oa:end", "Violation"),
    ("Quote-exact", lambda g: g.remove(span(MEASURE) + "/quote", OA.exact), span(MEASURE) + "/quote", "oa:exact", "Violation"),
    ("Element-parent", lambda g: g.remove(MEASURE, PK.partOf), MEASURE, "pk:partOf", "Violation"),
    ("Element-span", lambda g: g.remove(MEASURE, PROV + "wasDerivedFrom"), MEASURE, "prov:wasDerivedFrom", "Violation"),
    ("Element-order", lambda g: g.remove(WORK, PK.order), WORK, "pk:order", "Violation"),
    ("Element-inPlan", lambda g: g.remove(WORK, PK.inPlan), WORK, "pk:inPlan", "Violation"),
    # A box item (order 1, part of a box) typed as a chapter too.
    (
        "Chapter-parent",
        lambda g: g.add(E + "/box_1__item_1", RDF_TYPE, PK.Chapter),
        E + "/box_1__item_1",
        "pk:partOf",
        "Violation",
    ),
    ("Book-parent", lambda g: g.add(E + "/box_1__item_1", RDF_TYPE, PK.Book), E + "/box_1__item_1", "pk:partOf", "Violation"),
    (
        "Section-parent",
        lambda g: g.set(E + "/chp_2__sec_1", PK.partOf, E + "/box_1"),
        E + "/chp_2__sec_1",
        "pk:partOf",
        "Violation",
    ),
    ("Unit-numbering", lambda g: g.set(E + "/chp_2__sec_1", PK.order, integer(2)), E, "", "Violation"),
    ("Unit-numbering", _sec_2_after_sec_3, E, "", "Violation"),
    ("Box-items", lambda g: g.drop(*(f"{E}/box_1__item_{n}" for n in (1, 2, 3))), E + "/box_1", "^pk:partOf", "Warning"),
    ("IndicatorTable-rows", lambda g: g.drop(E + "/tbl_2__row_1", E + "/tbl_2__row_2"), E + "/tbl_2", "^pk:partOf", "Violation"),
    ("Measure-text", lambda g: g.remove(MEASURE, PK.text), MEASURE, "pk:text", "Violation"),
    ("Measure-parent", lambda g: g.set(MEASURE, PK.partOf, E + "/box_1"), MEASURE, "pk:partOf", "Violation"),
    ("Project-text", lambda g: g.remove(PROJECT, PK.text), PROJECT, "pk:text", "Violation"),
    ("Project-parent", lambda g: g.set(PROJECT, PK.partOf, E + "/chp_2"), PROJECT, "pk:partOf", "Violation"),
    ("Project-quantity", lambda g: g.add(PROJECT, PK.quantity, E + "/chp_2"), PROJECT, "pk:quantity", "Violation"),
    ("Quantity-number", lambda g: g.remove(QUANTITY, PK.numericValue), QUANTITY, "pk:numericValue", "Violation"),
    ("Quantity-span", lambda g: g.remove(QUANTITY, PROV + "wasDerivedFrom"), QUANTITY, "prov:wasDerivedFrom", "Violation"),
    (
        "Indicator-table",
        lambda g: g.set(E + "/tbl_2__row_1", PK.partOf, E + "/chp_2"),
        E + "/tbl_2__row_1",
        "pk:partOf",
        "Violation",
    ),
    ("Indicator-name", lambda g: g.remove(ROW, PK.name), ROW, "pk:name", "Violation"),
    ("Indicator-value", lambda g: g.add(ROW, PK.hasValue, E + "/chp_2"), ROW, "pk:hasValue", "Violation"),
    ("Indicator-baseline", _drop_actuals, E + "/tbl_1__row_1", "pk:hasValue", "Warning"),
    ("Indicator-unit", lambda g: g.remove(ROW, PK.unit), ROW, "pk:unit", "Warning"),
    ("Indicator-attribute", _no_attribute, ROW, "pk:attribute", "Warning"),
    ("Indicator-samePlan", _other_plan, E + "/tbl_1", "", "Violation"),
    ("BindingIndicator-attribute", lambda g: g.add(ROW, RDF_TYPE, PK.BindingIndicator), ROW, "pk:attribute", "Violation"),
    (
        "ExpectedIndicator-attribute",
        lambda g: g.set(ROW, PK.attribute, Literal("约束性", language="zh-Hans")),
        ROW,
        "pk:attribute",
        "Violation",
    ),
    ("ProseIndicator-statedIn", lambda g: g.remove(PROSE, PK.statedIn), PROSE, "pk:statedIn", "Violation"),
    ("ProseIndicator-target", lambda g: g.set(PROSE_VALUE, PK.valueKind, PK.Actual), PROSE, "pk:hasValue", "Violation"),
    ("ProseIndicator-year", lambda g: g.remove(PROSE_VALUE, PK.year), PROSE, "", "Warning"),
    ("Value-indicator", lambda g: g.remove(TARGET, PK.indicator), TARGET, "pk:indicator", "Violation"),
    ("Value-dataSet", lambda g: g.remove(TARGET, QB.dataSet), TARGET, "qb:dataSet", "Violation"),
    ("Value-kind", lambda g: g.set(TARGET, PK.valueKind, PK.Country), TARGET, "pk:valueKind", "Violation"),
    ("Value-asWritten", lambda g: g.remove(TARGET, PK.asWritten), TARGET, "pk:asWritten", "Violation"),
    ("Value-year", lambda g: g.set(TARGET, PK.year, Literal("2025")), TARGET, "pk:year", "Violation"),
    ("Value-span", lambda g: g.remove(TARGET, PROV + "wasDerivedFrom"), TARGET, "prov:wasDerivedFrom", "Violation"),
    (
        "Value-targetYear",
        lambda g: g.set(TARGET, PK.year, Literal("2030", datatype=NamedNode(XSD + "gYear"))),
        E + "/tbl_2",
        "",
        "Violation",
    ),
    ("Passage-text", lambda g: g.remove(STATEMENT, PK.text), STATEMENT, "pk:text", "Violation"),
    ("Passage-role", lambda g: g.add(LEAD, PK.role, PK.Country), LEAD, "pk:role", "Violation"),
    ("Statement-role", lambda g: g.remove(STATEMENT, PK.role), STATEMENT, "pk:role", "Violation"),
    ("Responsibility-agent", _responsibility("agent"), BODY, "prov:agent", "Violation"),
    ("Responsibility-role", _responsibility("role"), BODY, "prov:hadRole", "Violation"),
    ("Responsibility-span", _responsibility("span"), BODY, "prov:wasDerivedFrom", "Violation"),
    ("Responsibility-of", _responsibility("of"), BODY, "^pk:responsibility", "Violation"),
    ("Citation-work", lambda g: g.remove(WORK, PK.citedWork), WORK, "pk:citedWork", "Violation"),
    (
        "CitedWork-title",
        lambda g: g.remove(g.objects(WORK, str(PK.citedWork))[0].value, PK.normalizedTitle),
        "work",
        "pk:normalizedTitle",
        "Violation",
    ),
]


@pytest.fixture(scope="module")
def small(corpus_store) -> list[Triple]:
    graph = next(g for g, file, _ in document_graphs(corpus_store) if file.startswith("002_"))
    triples = [t for t in document_triples(corpus_store, graph) if _kept(t.subject.value)]
    # Drop dangling links to elements that were left out (the plan's other citations stay valid).
    return [t for t in triples if not isinstance(t.object, NamedNode) or _kept(t.object.value)]


@pytest.fixture(scope="module")
def baseline(small) -> dict[str, set[tuple[str, str, str]]]:
    return {engine: {f.key for f in validate_triples("002", "", small, engine).findings} for engine in ("pyrudof", "pyshacl")}


def test_small_graph_has_no_violation_and_engines_agree(baseline):
    assert baseline["pyrudof"] == baseline["pyshacl"]
    assert {severity for _, _, severity in baseline["pyrudof"]} == {"Warning"}
    # Table 1 (十三五 results, 002 line 73 onwards) has no 指标属性 column; table 2 row 1 gives "——" as its 2020 value.
    assert Counter(shape.removeprefix(PKS) for _, shape, _ in baseline["pyrudof"]) == {
        "Indicator-attribute": 2,
        "Indicator-baseline": 2,
    }


def test_every_constraint_has_a_mutation():
    cases = {case[0] for case in CASES} | {case[0] for case in LINEAGE_CASES}
    assert sorted(s.removeprefix(PKS) for s in shape_descriptions()) == sorted(cases)


@pytest.mark.parametrize(
    ("shape", "mutate", "focus", "path", "severity"), CASES, ids=[f"{c[0]}-{n}" for n, c in enumerate(CASES)]
)
def test_constraint_fires(small, baseline, shape: str, mutate: Mutation, focus: str, path: str, severity: str):
    graph = Graph(small)
    mutate(graph)
    if focus == "run":
        focus = next(t.subject.value for t in small if t.predicate.value == PROV + "used")
    if focus == "work":
        focus = next(t.object.value for t in small if t.subject.value == WORK and t.predicate.value == str(PK.citedWork))
    reports = {engine: validate_triples("002", "", graph.triples, engine) for engine in ("pyrudof", "pyshacl")}
    added = {engine: [f for f in r.findings if f.key not in baseline[engine]] for engine, r in reports.items()}
    assert {f.key for f in added["pyrudof"]} == {f.key for f in added["pyshacl"]}
    assert [(f.focus, f.shape, f.severity, f.path) for f in added["pyrudof"]] == [(focus, PKS + shape, severity, path)]


@pytest.fixture(scope="module")
def corpus_reports(corpus_store):
    """The documents only: other tests may have added the lineage graph to the shared store."""
    files = [file for _, file, _ in document_graphs(corpus_store)]
    return {engine: validate_store(corpus_store, engine, files) for engine in ("pyrudof", "pyshacl")}


def test_corpus_conforms_with_warnings_true_of_the_source(corpus_reports):
    counts = {r.name[:3]: Counter((f.severity, f.shape.removeprefix(PKS)) for f in r.findings) for r in corpus_reports["pyrudof"]}
    assert all(r.conforms for r in corpus_reports["pyrudof"])
    assert counts == {
        # 000: the 十三五 result table (line 9) has no attribute column; 8 rows give no 2020 value or "--".
        # 000 and 004 state no date and no issuer (their titles come from the sidecars).
        # Targets stated in prose without a year: 000 lines 267, 280 and 288; 001 lines 356, 393 (two), 406, 439, 444,
        # 446, 466 (two), 469; 002 lines 489, 523, 543, 563; 003 lines 554, 560, 564.
        "000": {
            ("Warning", "Indicator-attribute"): 9,
            ("Warning", "Indicator-baseline"): 8,
            ("Warning", "Plan-date"): 1,
            ("Warning", "Plan-issuer"): 1,
            ("Warning", "ProseIndicator-year"): 3,
        },
        # 001: the table (line 61) has only a 2025 target column; 福利彩票销售网点数 has no unit (line 118).
        "001": {("Warning", "Indicator-baseline"): 20, ("Warning", "Indicator-unit"): 1, ("Warning", "ProseIndicator-year"): 10},
        "002": {
            ("Warning", "Indicator-baseline"): 9,
            ("Warning", "Indicator-attribute"): 8,
            ("Warning", "Indicator-unit"): 1,
            ("Warning", "ProseIndicator-year"): 4,
        },
        "003": {("Warning", "Indicator-baseline"): 7, ("Warning", "Indicator-unit"): 2, ("Warning", "ProseIndicator-year"): 3},
        # 004 is an annual work plan (工作要点) without any indicator table.
        "004": {("Warning", "Plan-indicatorTable"): 1, ("Warning", "Plan-date"): 1, ("Warning", "Plan-issuer"): 1},
    }


def _finding(reports, file: str, shape: str, focus: str):
    report = next(r for r in reports if r.name.startswith(file))
    return next(f for f in report.findings if f.shape == PKS + shape and f.focus == focus)


def test_warnings_point_at_the_source(corpus_reports):
    reports = corpus_reports["pyrudof"]
    # 000 line 207: "15 | 每百户拥有社区服务设施建筑面积 | 平方米 | ≥35 | 预期性": the 2020 cell is missing.
    row = _finding(reports, "000", "Indicator-baseline", ID + "plan/450900/fyp/2021-2025/05cd351b/zh-Hans/tbl_2__row_15")
    assert (row.file, row.line, row.path) == ("000_7c45746ca5003da4.txt", 207, "pk:hasValue")
    assert row.quote.split("\n")[1] == "每百户拥有社区服务设施建筑面积 |"
    assert row.message_zh == "该指标行在原文中没有基期（现状）值：无此单元格或仅为破折号"
    # 001 line 118: "5 福利彩票销售网点数 12000 预期性", no unit cell.
    unit = _finding(reports, "001", "Indicator-unit", ID + "plan/210000/fyp/2021-2025/6362853e/zh-Hans/tbl_1__row_5")
    assert (unit.line, "福利彩票销售网点数" in unit.quote, "%" in unit.quote) == (118, True, False)
    # 002 line 427 (Traditional): "17 市本級精神衛生福利機構 —— 1", no unit cell.
    hant = _finding(reports, "002", "Indicator-unit", ID + "plan/431200/fyp/2021-2025/c1126cbe/zh-Hant/tbl_2__row_17")
    assert (hant.line, "市本級精神衛生福利機構" in hant.quote) == (427, True)


def test_result_tables_of_the_previous_period_are_exempt(corpus_store, corpus_reports):
    # 002 table 1 "“十三五”全市民政事业发展主要指标完成情况" gives 2020 targets (规划目标) of the previous plan.
    years = {
        row["y"].value
        for row in corpus_store.query(
            f"SELECT DISTINCT ?y WHERE {{ GRAPH ?g {{ ?v <{QB.dataSet}> <{E}/tbl_1> ; <{PK.valueKind}> <{PK.Target}> ; "
            f"<{PK.year}> ?y }} }}"
        )
    }
    assert years == {"2020"}
    assert not any(f.shape == PKS + "Value-targetYear" for r in corpus_reports["pyrudof"] for f in r.findings)


def test_engines_agree_on_the_corpus(corpus_reports):
    for fast, reference in zip(corpus_reports["pyrudof"], corpus_reports["pyshacl"], strict=True):
        assert fast.name == reference.name
        assert {f.key for f in fast.findings} == {f.key for f in reference.findings}, fast.name


def test_supertypes_are_those_of_the_owl_rl_closure():
    from plankg.graph.reason import derive_rules, ontology_closure

    assert {c: s for c, s in superclasses().items() if s} == derive_rules(ontology_closure()).superclasses
    assert superclasses()[str(PK.Chapter)] == {str(PK.StructuralUnit), str(PK.DocumentElement)}


def test_messages_in_both_languages():
    for shape, (_, english, chinese) in shape_descriptions().items():
        assert english and chinese, shape


# The lineage graph, validated against shapes/lineage.ttl: a small graph keeps one of each lineage node.
LINEAGE_KINDS = ("reuse/", "family/", "indicator-concept/", "work/", "instrument/")


def _first(g: Graph, cls: str) -> str:
    return min(t.subject.value for t in g.triples if t.predicate.value == RDF_TYPE and t.object.value == str(cls))


def _keep_one(g: Graph, node: str, prop: str) -> None:
    for other in g.objects(node, prop)[1:]:
        g.triples.remove(Triple(NamedNode(node), NamedNode(str(prop)), other))


def _reuse(g):
    return _first(g, PK.TextReuse)


def _passage(g):
    return g.objects(_reuse(g), str(PK.sharedPassage))[0].value


def _target(g):
    return min(o.value for o in g.objects(_passage(g), str(OA.hasTarget)))


def _family(g):
    return _first(g, PK.PolicyFamily)


def _concept(g):
    return _first(g, PK.IndicatorConcept)


def _match(g):
    return g.objects(_concept(g), str(PK.match))[0].value


def _work(g):
    return _first(g, PK.UnresolvedWork)


def _linked_row(g):
    return min(t.subject.value for t in g.triples if t.predicate.value == str(PK.indicatorConcept))


def _feature(g):
    return g.objects(_reuse(g), str(PK.drivenBy))[0].value


def _instrument(g):
    return _first(g, PK.PolicyInstrument)


def _mention(g):
    return min(o.value for o in g.objects(_instrument(g), str(PK.mention)))


def _naming_item(g):
    return min(t.subject.value for t in g.triples if t.predicate.value == str(PK.namesInstrument))


def _derived_with(g: Graph, node: str, prop: str, region: str) -> None:
    """Make a reuse link a derivation stating region as one of its ends' regions (the bundled plans have no
    derivation: no plan is another's parent)."""
    g.add(node, RDF_TYPE, PROV + "Derivation")
    g.add(node, prop, region)


def _drop_label(g: Graph, node: str, language: str) -> None:
    """Remove node's skos:prefLabel in one language (pyoxigraph writes tags in lower case)."""
    before = len(g.triples)
    g.triples = [
        t
        for t in g.triples
        if not (t.subject.value == node and t.predicate.value == SKOS + "prefLabel" and t.object.language == language)
    ]
    assert len(g.triples) == before - 1


def _edit(node, change):
    """A mutation that changes what node(graph) names and returns that node, the expected focus."""

    def mutate(g: Graph) -> str:
        focus = node(g)
        change(g, focus)
        return focus

    return mutate


SKOS = "http://www.w3.org/2004/02/skos/core#"
LineageMutation = Callable[[Graph], str]
LINEAGE_CASES: list[tuple[str, LineageMutation, str, str]] = [
    ("TextReuse-between", _edit(_reuse, lambda g, n: _keep_one(g, n, PK.between)), "pk:between", "Violation"),
    (
        "TextReuse-score",
        _edit(_reuse, lambda g, n: g.set(n, PK.score, Literal("1.5", datatype=NamedNode(XSD + "decimal")))),
        "pk:score",
        "Violation",
    ),
    ("TextReuse-passage", _edit(_reuse, lambda g, n: g.remove(n, PK.sharedPassage)), "pk:sharedPassage", "Violation"),
    (
        "Derivation-source-region",
        _edit(_reuse, lambda g, n: _derived_with(g, n, PK.sourceRegion, P)),
        "pk:sourceRegion",
        "Violation",
    ),
    (
        "Derivation-derived-region",
        _edit(_reuse, lambda g, n: _derived_with(g, n, PK.derivedRegion, P)),
        "pk:derivedRegion",
        "Violation",
    ),
    ("SharedPassage-targets", _edit(_passage, lambda g, n: _keep_one(g, n, OA.hasTarget)), "oa:hasTarget", "Violation"),
    ("PassageSpan-source", _edit(_target, lambda g, n: g.remove(n, OA.hasSource)), "oa:hasSource", "Violation"),
    ("PassageSpan-scope", _edit(_target, lambda g, n: g.set(n, OA.hasScope, P)), "oa:hasScope", "Violation"),
    ("TextReuse-driver", _edit(_reuse, lambda g, n: g.set(n, PK.drivenBy, P)), "pk:drivenBy", "Violation"),
    ("FeatureValue-name", _edit(_feature, lambda g, n: g.remove(n, PK.featureName)), "pk:featureName", "Violation"),
    (
        "FeatureValue-value",
        _edit(_feature, lambda g, n: g.set(n, PK.featureValue, Literal("high"))),
        "pk:featureValue",
        "Violation",
    ),
    ("FeatureValue-contribution", _edit(_feature, lambda g, n: g.remove(n, PK.contribution)), "pk:contribution", "Violation"),
    (
        "PassageSpan-position",
        _edit(_target, lambda g, n: g.set(n + "/position", OA.start, Literal("-1", datatype=NamedNode(XSD + "integer")))),
        "oa:hasSelector",
        "Violation",
    ),
    ("PassageSpan-quote", _edit(_target, lambda g, n: g.remove(n + "/quote", OA.exact)), "oa:hasSelector", "Violation"),
    # a shared instrument: a label in each script, in its scheme, its specificity, two plans, two occurrences
    ("PolicyInstrument-label", _edit(_instrument, lambda g, n: _drop_label(g, n, "zh-hant")), "skos:prefLabel", "Violation"),
    (
        "PolicyInstrument-scheme",
        _edit(_instrument, lambda g, n: g.set(n, SKOS + "inScheme", ID + "indicator-concept")),
        "skos:inScheme",
        "Violation",
    ),
    (
        "PolicyInstrument-specificity",
        _edit(_instrument, lambda g, n: g.remove(n, PK.specificity)),
        "pk:specificity",
        "Violation",
    ),
    ("PolicyInstrument-plan", _edit(_instrument, lambda g, n: _keep_one(g, n, PK.spansPlan)), "pk:spansPlan", "Violation"),
    (
        "PolicyInstrument-plan-count",
        _edit(_instrument, lambda g, n: g.remove(n, PK.planCount)),
        "pk:planCount",
        "Violation",
    ),
    ("PolicyInstrument-mention", _edit(_instrument, lambda g, n: _keep_one(g, n, PK.mention)), "pk:mention", "Violation"),
    ("InstrumentMention-body", _edit(_mention, lambda g, n: g.set(n, OA.hasBody, P)), "oa:hasBody", "Violation"),
    ("InstrumentMention-target", _edit(_mention, lambda g, n: g.remove(n, OA.hasTarget)), "oa:hasTarget", "Violation"),
    ("Instrument-link", _edit(_naming_item, lambda g, n: g.set(n, PK.namesInstrument, P)), "pk:namesInstrument", "Violation"),
    ("PolicyFamily-member", _edit(_family, lambda g, n: _keep_one(g, n, PK.member)), "pk:member", "Violation"),
    ("PolicyFamily-size", _edit(_family, lambda g, n: g.remove(n, PK.size)), "pk:size", "Violation"),
    ("PolicyFamily-plan", _edit(_family, lambda g, n: g.remove(n, PK.spansPlan)), "pk:spansPlan", "Violation"),
    ("PolicyFamily-region", _edit(_family, lambda g, n: g.set(n, PK.spansRegion, P)), "pk:spansRegion", "Violation"),
    ("PolicyFamily-regionStated", _edit(_family, lambda g, n: g.remove(n, PK.spansRegion)), "pk:spansRegion", "Warning"),
    ("IndicatorConcept-match", _edit(_concept, lambda g, n: _keep_one(g, n, PK.match)), "pk:match", "Violation"),
    (
        "IndicatorConcept-kind",
        _edit(_concept, lambda g, n: g.set(n, PK.matchKind, Literal("similar"))),
        "pk:matchKind",
        "Violation",
    ),
    ("ConceptMatch-indicator", _edit(_match, lambda g, n: g.set(n, PK.indicator, P)), "pk:indicator", "Violation"),
    ("ConceptMatch-type", _edit(_match, lambda g, n: g.set(n, PK.matchType, SKOS + "broadMatch")), "pk:matchType", "Violation"),
    ("UnresolvedWork-cited", _edit(_work, lambda g, n: g.drop_links(PK.citedWork, n)), "^pk:citedWork", "Violation"),
    (
        "IndicatorConcept-link",
        _edit(_linked_row, lambda g, n: g.set(n, PK.indicatorConcept, P)),
        "pk:indicatorConcept",
        "Violation",
    ),
]


def _lineage_kept(node: str, kept: set[str]) -> bool:
    local = node.removeprefix(ID)
    kind = next((k for k in LINEAGE_KINDS if local.startswith(k)), None)
    return kind is None or any(node == k or node.startswith(k + "/") for k in kept)


@pytest.fixture(scope="module")
def lineage_store(tmp_path_factory):
    from plankg.graph.store import open_store
    from plankg.lineage.graph import rebuild_lineage
    from plankg.loading.documents import bundled_corpus, load_paths

    store = open_store(tmp_path_factory.mktemp("lineage"))
    assert all(r.ok for r in load_paths(store, [bundled_corpus()]))
    rebuild_lineage(store)
    return store


@pytest.fixture(scope="module")
def small_lineage(lineage_store) -> list[Triple]:
    full = Graph(lineage_triples(lineage_store))
    kept = {_reuse(full), _family(full), _concept(full), _work(full), _instrument(full)}
    return [
        t
        for t in full.triples
        if _lineage_kept(t.subject.value, kept)
        and not (isinstance(t.object, NamedNode) and not _lineage_kept(t.object.value, kept))
    ]


@pytest.fixture(scope="module")
def lineage_baseline(small_lineage) -> dict[str, set[tuple[str, str, str]]]:
    return {
        engine: {f.key for f in validate_triples("lineage", "", small_lineage, engine, "lineage").findings}
        for engine in ("pyrudof", "pyshacl")
    }


def test_lineage_graph_conforms_for_both_engines(lineage_store, lineage_baseline):
    reports = {engine: validate_store(lineage_store, engine)[-1] for engine in ("pyrudof", "pyshacl")}
    assert [(r.name, r.findings) for r in reports.values()] == [("lineage", []), ("lineage", [])]
    assert lineage_baseline == {"pyrudof": set(), "pyshacl": set()}


@pytest.mark.parametrize(("shape", "mutate", "path", "severity"), LINEAGE_CASES, ids=[c[0] for c in LINEAGE_CASES])
def test_lineage_constraint_fires(small_lineage, shape: str, mutate: LineageMutation, path: str, severity: str):
    graph = Graph(small_lineage)
    focus = mutate(graph)
    reports = {engine: validate_triples("lineage", "", graph.triples, engine, "lineage") for engine in ("pyrudof", "pyshacl")}
    assert {f.key for f in reports["pyrudof"].findings} == {f.key for f in reports["pyshacl"].findings}
    assert [(f.focus, f.shape, f.severity, f.path) for f in reports["pyrudof"].findings] == [(focus, PKS + shape, severity, path)]
