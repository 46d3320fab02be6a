"""Triples stage: a ParsedDocument -> the quads of its own named graph (plus shared region quads).

IRIs come from the plan's identity (region code, document type, period, script) and the element's
Akoma Ntoso style id, never from the file path or bytes, so loading a file twice gives the same graph.
Every node derived from text gets ``prov:wasDerivedFrom`` an ``oa:SpecificResource`` whose selectors
give its offsets and exact quote.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from plankg import __version__
from plankg.graph.vocab import (
    CHINA,
    DCT,
    DOC_TYPES,
    ELI,
    ID,
    LEVELS,
    NATION_CODE,
    OA,
    ORG,
    PK,
    PROV,
    QB,
    RDF_TYPE,
    REGIONS_GRAPH,
    RESPONSIBILITY_ROLES,
    ROLES,
    SKOS,
    UNKNOWN_TYPE,
    UNTITLED,
    VALUE_KINDS,
    XSD,
    cited_work_iri,
    expression_iri,
    graph_iri,
    org_iri,
    plan_iri,
    region_iri,
)

from .extract import normalise_title
from .issuers import recognise
from .labels import label_quads
from .records import (
    Fact,
    Heading,
    Indicator,
    IssuingNotice,
    Measure,
    ParsedDocument,
    Passage,
    Project,
    ResponsibleBody,
    Span,
    Value,
    line_at,
)
from .regions import Region, ancestry
from .script import to_simplified
from .titles import issued_title

_HEADING_CLASS = {
    "book": "Book",
    "chapter": "Chapter",
    "section": "Section",
    "part": "Part",
    "box": "Box",
    "table": "IndicatorTable",
    "attachment": "Attachment",
}
_FACT_PROPERTY = {
    "title": DCT + "title",
    "date": str(ELI.date_document),
    "doc_number": str(ELI.id_local),
    "period": str(PK.period),
    "region": str(PK.region),
    "doc_type": str(PK.documentType),
    "source_url": DCT + "source",
    "effective": str(ELI.first_date_entry_in_force),
    "validity": str(PK.validity),
}


@lru_cache(maxsize=4096)
def _n(iri: str) -> NamedNode:
    return NamedNode(str(iri))


def _int(v: int) -> Literal:
    return Literal(str(v), datatype=_n(XSD + "integer"))


def _dec(v: float) -> Literal:
    return Literal(repr(round(v, 6)).rstrip("0").rstrip(".") if v != int(v) else str(int(v)), datatype=_n(XSD + "decimal"))


class _Graph:
    """Collects the quads of one named graph, with helpers for the patterns used everywhere."""

    def __init__(self, graph: str, source: str, script: str, text: str) -> None:
        self.g = _n(graph)
        self.source = _n(source)
        self.script = script
        self.text = text
        self.quads: list[Quad] = []

    def add(self, s: str | NamedNode, p: str | NamedNode, o) -> None:
        s = s if isinstance(s, NamedNode) else _n(s)
        p = p if isinstance(p, NamedNode) else _n(p)
        o = o if isinstance(o, NamedNode | Literal | BlankNode) else _n(o)
        self.quads.append(Quad(s, p, o, self.g))

    def type(self, s: str, *classes: str) -> None:
        for c in classes:
            self.add(s, RDF_TYPE, c)

    def text_literal(self, s: str, p: str, value: str) -> None:
        """Text as written, tagged with its script, plus its Simplified form for Traditional text."""
        self.add(s, p, Literal(value, language=self.script))
        if self.script == "zh-Hant":
            self.add(s, p, Literal(to_simplified(value), language="zh-Hans"))

    def span(self, node: str, span: Span, suffix: str = "span", prop: str = PROV + "wasDerivedFrom") -> None:
        """node prov:wasDerivedFrom an oa:SpecificResource selecting span of the source text.

        A node has exactly one such span for all of it; parts of it (a measure's title, an
        indicator's name cell) use sub-properties of prov:wasDerivedFrom.
        """
        resource = f"{node}/{suffix}"
        position, quote = f"{resource}/position", f"{resource}/quote"
        self.add(node, prop, resource)
        self.type(resource, str(OA.SpecificResource))
        self.add(resource, OA.hasSource, self.source)
        self.add(resource, OA.hasSelector, position)
        self.add(resource, OA.hasSelector, quote)
        self.add(resource, PK.line, _int(line_at(self.text, span.start)))
        self.type(position, str(OA.TextPositionSelector))
        self.add(position, OA.start, _int(span.start))
        self.add(position, OA.end, _int(span.end))
        self.type(quote, str(OA.TextQuoteSelector))
        self.add(quote, OA.exact, Literal(span.quote))


def plan_identity(doc: ParsedDocument, region: Region | None) -> tuple[str, str, str]:
    """(plan IRI, expression IRI, graph IRI) from region key (its code, or a zone's or town's name hash), type,
    period, title and script.

    A part the text does not state has a stand-in that is never data (ontology/README.md, "Plan IRIs"):
    an unknown region is unknown-region, an unknown type document, an unknown period the stated date, else
    undated. The title is keyed by a short hash of the normalised title of the document (the one an issuing
    notice's title names; a sidecar's when it gives one), else untitled, and an undated, untitled document by a
    short hash of its normalised text.
    """
    meta = doc.metadata
    doc_type = meta.doc_type.value if meta.doc_type else UNKNOWN_TYPE
    period = meta.period.value if meta.period else meta.date.value if meta.date else "undated"
    if meta.title:
        title_key = _digest(normalise_title(issued_title(to_simplified(meta.title.value))))
    else:  # nothing but the text itself tells two undated, untitled documents apart
        title_key = _digest(_normalised_text(doc.source.text)) if period == "undated" else UNTITLED
    plan = plan_iri(region.key if region else None, doc_type, period, title_key)
    expression = expression_iri(plan, doc.source.script)
    return plan, expression, graph_iri(expression)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def _normalised_text(text: str) -> str:
    """The text's letters and digits in Simplified script: the same for a document in any format or layout."""
    return "".join(c for c in to_simplified(text) if c.isalnum())


def document_quads(doc: ParsedDocument, region: Region | None) -> list[Quad]:
    """All quads of the document's named graph."""
    plan, expression, graph = plan_identity(doc, region)
    source = f"{expression}/source"
    g = _Graph(graph, source, doc.source.script, doc.source.text)
    _source_and_run(g, doc, graph, source)
    _plan(g, doc, region, plan, expression, source)
    nodes: dict[int, str] = {}
    for heading in doc.headings:
        nodes[id(heading)] = _heading(g, heading, expression, plan, nodes)
    for measure in doc.measures:
        nodes[id(measure)] = _measure(g, measure, expression, plan, nodes)
    for passage in doc.passages:
        nodes[id(passage)] = _passage(g, passage, expression, plan, nodes)
    for project in doc.projects:
        nodes[id(project)] = _project(g, project, expression, plan, nodes)
    for indicator in doc.indicators:
        _indicator(g, indicator, expression, plan, nodes)
    for target in doc.targets:
        _prose_indicator(g, target, expression, plan, nodes)
    for citation in doc.citations:
        node = f"{expression}/cite_{citation.ordinal}"
        work = cited_work_iri(normalise_title(citation.title))
        g.type(node, str(PK.Citation))
        g.add(node, PK.partOf, expression)
        g.add(node, PK.inPlan, plan)
        g.add(node, PK.order, _int(citation.ordinal))
        g.add(node, PK.citedWork, work)
        g.add(node, PK.isBasis, Literal("true" if citation.basis else "false", datatype=_n(XSD + "boolean")))
        g.span(node, citation.span)
        g.type(work, str(PK.CitedWork), str(ELI.LegalResource))
        g.text_literal(work, DCT + "title", citation.title)
        g.add(work, PK.normalizedTitle, Literal(normalise_title(citation.title)))
        g.add(plan, ELI.cites, work)
        if citation.basis:
            g.add(plan, ELI.based_on, work)
    for n, dropped in enumerate(doc.dropped, start=1):
        node = f"{expression}/dropped_{n}"
        g.type(node, str(PK.DroppedText))
        g.add(node, PK.reason, Literal(dropped.reason))
        g.add(node, PK.partOf, expression)
        g.span(node, dropped.span)
    g.quads += element_counts(g.quads, expression, graph)
    return g.quads + label_quads(g.quads, doc.source.script)


# The elements a plan text's counts count (plans-overview's columns), by the count's property.
COUNTED = {
    PK.Chapter: PK.chapterCount,
    PK.Section: PK.sectionCount,
    PK.Measure: PK.measureCount,
    PK.Indicator: PK.indicatorCount,
    PK.Project: PK.projectCount,
    PK.Citation: PK.citationCount,
}


def element_counts(quads: list[Quad], expression: str, graph: str) -> list[Quad]:
    """How many chapters, sections, measures, indicators, projects and citations a document graph's quads type, as
    integers on its plan text (0 when none): plans-overview reads six numbers per plan instead of counting every
    typed node of the store (384,000 at 10,000 plans). Written with the graph, so a replaced or removed document
    takes its counts along."""
    typed: dict[str, set[str]] = {str(cls): set() for cls in COUNTED}
    for quad in quads:
        if quad.predicate == RDF_TYPE and isinstance(quad.object, NamedNode) and quad.object.value in typed:
            typed[quad.object.value].add(str(quad.subject))
    return [Quad(_n(expression), _n(prop), _int(len(typed[str(cls)])), _n(graph)) for cls, prop in COUNTED.items()]


def region_quads(region: Region | None) -> list[Quad]:
    """The region, its ancestors up to China, with codes, levels and labels, in the shared regions graph (China
    alone for a national plan or one whose region is unknown)."""
    facts = list(_region_facts(region))
    return facts + label_quads(facts)


def _region_facts(region: Region | None) -> Iterator[Quad]:
    graph = _n(REGIONS_GRAPH)
    china = _n(CHINA)
    yield Quad(china, RDF_TYPE, _n(PK.Region), graph)
    yield Quad(china, _n(PK.adminLevel), _n(LEVELS["country"]), graph)
    yield Quad(china, _n(SKOS + "prefLabel"), Literal("中国", language="zh-Hans"), graph)
    yield Quad(china, _n(SKOS + "altLabel"), Literal("中华人民共和国", language="zh-Hans"), graph)
    yield Quad(china, _n(PK.adminCode), Literal(NATION_CODE), graph)
    for reg in ancestry(region) if region else []:
        node = _n(region_iri(reg.key))
        yield Quad(node, RDF_TYPE, _n(PK.Region), graph)
        yield Quad(node, _n(PK.adminLevel), _n(LEVELS[reg.level]), graph)
        yield Quad(node, _n(SKOS + "prefLabel"), Literal(reg.name, language="zh-Hans"), graph)
        if reg.code:  # a zone or town has no GB/T 2260 code
            yield Quad(node, _n(PK.adminCode), Literal(reg.code), graph)
        if parent := _parent(reg):
            yield Quad(node, _n(PK.partOf), _n(parent), graph)


def _parent(reg: Region) -> str | None:
    """The IRI of the region reg lies in: China above a province (and any division the gazetteer places under no
    other), none for a zone whose parent neither its text nor the zone table gives."""
    if not reg.code:
        return region_iri(reg.parent.key) if reg.parent else None
    return region_iri(reg.parent_code) if reg.parent_code else str(CHINA)


def _source_and_run(g: _Graph, doc: ParsedDocument, graph: str, source: str) -> None:
    src = doc.source
    g.type(source, str(PK.SourceDocument), PROV + "Entity")
    g.add(source, DCT + "identifier", Literal(src.name))
    g.add(source, PK.sha256, Literal(src.sha256))
    g.add(source, PK.encoding, Literal(src.encoding))
    g.add(source, DCT + "format", Literal(src.media_type))
    g.add(source, PK.text, Literal(src.text))
    g.add(source, PK.length, _int(len(src.text)))
    run = f"{graph}/run/{__version__}/{src.sha256[:16]}"
    agent = str(ID[f"agent/plankg/{__version__}"])
    g.type(run, str(PK.LoaderRun), PROV + "Activity")
    g.add(run, PROV + "used", source)
    g.add(run, PROV + "wasAssociatedWith", agent)
    g.type(agent, PROV + "SoftwareAgent")
    g.add(agent, PK.version, Literal(__version__))
    g.add(graph, PROV + "wasGeneratedBy", run)


def _fact(g: _Graph, expression: str, plan: str, key: str, fact: Fact, n: int = 0) -> None:
    """Where a metadata value came from: a span of the text, or the sidecar file."""
    node = f"{expression}/fact/{key}" + (f"_{n}" if n else "")
    g.type(node, str(PK.MetadataFact))
    g.add(node, PK.about, plan)
    g.add(node, PK.property, _FACT_PROPERTY.get(key, str(ELI.passed_by)))
    g.add(node, PK.value, Literal(fact.value))
    if fact.span is not None:
        g.span(node, fact.span)
    elif fact.from_sidecar:
        g.add(node, PROV + "wasDerivedFrom", f"{expression}/sidecar")
        g.type(f"{expression}/sidecar", str(PK.Sidecar), PROV + "Entity")


def _plan(g: _Graph, doc: ParsedDocument, region: Region | None, plan: str, expression: str, source: str) -> None:
    meta = doc.metadata
    g.type(plan, str(PK.Plan), str(ELI.LegalResource))
    if region is not None:
        g.add(plan, PK.region, region_iri(region.key))
    if meta.doc_type:
        g.add(plan, PK.documentType, DOC_TYPES[meta.doc_type.value])
    g.add(plan, ELI.is_realized_by, expression)
    g.type(expression, str(PK.PlanText), str(ELI.LegalExpression))
    g.add(expression, ELI.realizes, plan)
    g.add(expression, DCT + "language", Literal(doc.source.script))
    g.add(expression, PROV + "wasDerivedFrom", source)
    if meta.period:
        years = meta.period.value.split("-")
        if years[0] != "to":  # to-2025: a horizon, no start stated
            g.add(plan, PK.periodStart, Literal(years[0], datatype=_n(XSD + "gYear")))
        g.add(plan, PK.periodEnd, Literal(years[-1], datatype=_n(XSD + "gYear")))
    if meta.effective:
        g.add(plan, ELI.first_date_entry_in_force, Literal(meta.effective.value, datatype=_n(XSD + "date")))
    if meta.validity:
        duration = meta.validity.value.startswith("P")
        g.add(
            plan,
            PK.validity if duration else ELI.date_no_longer_in_force,
            Literal(meta.validity.value, datatype=_n(XSD + ("duration" if duration else "date"))),
        )
    if meta.title:
        g.text_literal(plan, DCT + "title", meta.title.value)
        g.text_literal(expression, DCT + "title", meta.title.value)
    if meta.date:
        g.add(plan, ELI.date_document, Literal(meta.date.value, datatype=_n(XSD + "date")))
    if meta.doc_number:
        g.add(plan, ELI.id_local, Literal(meta.doc_number.value))
    for n, issuer in enumerate(meta.issuers, start=1):
        g.add(plan, ELI.passed_by, _organisation(g, issuer.value, doc.source.text, region))
        _fact(g, expression, plan, "issuer", issuer, n)
    if meta.notice:
        _notice(g, meta.notice, plan, expression, doc.source.text, region)
    for key in ("title", "date", "doc_number", "period", "region", "doc_type", "source_url", "effective", "validity"):
        fact = getattr(meta, key)
        if fact is not None:
            _fact(g, expression, plan, key, fact)


def _organisation(g: _Graph, name_as_written: str, text: str, region: Region | None) -> str:
    """An issuing body as a W3C ORG organisation, named by its Simplified name (a central body by the name
    documents use for it: 国家发改委 is 国家发展改革委), with the region it governs."""
    body = recognise(name_as_written, text[:3000])
    name = body.name if body else to_simplified(name_as_written)
    org = org_iri(name)
    g.type(org, str(ORG.Organization))
    if name == to_simplified(name_as_written):
        g.text_literal(org, SKOS + "prefLabel", name_as_written)
    else:
        g.add(org, SKOS + "prefLabel", Literal(name, language="zh-Hans"))
        g.text_literal(org, SKOS + "altLabel", name_as_written)
    # the regions graph holds the nation and the plan's own region chain: other regions are not linked
    if body and body.region and (body.region.code == NATION_CODE or (region is not None and body.region in ancestry(region))):
        g.add(org, PK.jurisdiction, region_iri(body.region.key))
    return org


def _notice(g: _Graph, notice: IssuingNotice, plan: str, expression: str, text: str, region: Region | None) -> None:
    """The notice that issues the plan (关于印发《…》的通知): a document of its own, with its span and facts."""
    node = f"{expression}/notice"
    g.type(node, str(PK.IssuingNotice), str(ELI.LegalResource))
    g.add(plan, PK.issuingNotice, node)
    g.text_literal(node, DCT + "title", notice.title.value)
    if notice.doc_number:
        g.add(node, ELI.id_local, Literal(notice.doc_number.value))
    if notice.date:
        g.add(node, ELI.date_document, Literal(notice.date.value, datatype=_n(XSD + "date")))
    for issuer in notice.issuers:
        g.add(node, ELI.passed_by, _organisation(g, issuer.value, text, region))
    g.span(node, notice.span)


def _element(g: _Graph, node: str, cls: str, parent: str, plan: str, order: int, eid: str) -> None:
    g.type(node, str(PK[cls]))
    g.add(node, PK.partOf, parent)
    g.add(node, PK.inPlan, plan)
    g.add(node, PK.order, _int(order))
    g.add(node, PK.eId, Literal(eid))


def _heading(g: _Graph, h: Heading, expression: str, plan: str, nodes: dict[int, str]) -> str:
    node = f"{expression}/{h.eid}"
    parent = nodes[id(h.parent)] if h.parent is not None else expression
    _element(g, node, _heading_class(h), parent, plan, h.ordinal, h.eid)
    if h.number:
        g.add(node, PK.number, Literal(h.number))
    if h.title:
        g.text_literal(node, DCT + "title", h.title)
    if h.role:
        g.add(node, PK.role, ROLES[h.role])
    if h.projects and h.kind != "table":
        g.type(node, str(PK.MajorProjects))  # 四、重大工程: its items are projects
    if h.kind == "table" and not h.tasks and not h.projects:
        g.type(node, str(QB.DataSet))
        g.add(node, QB.structure, PK.IndicatorTableStructure)
    g.span(node, h.span)
    return node


def _heading_class(h: Heading) -> str:
    """A table is typed by what its rows are: tasks of the text's measures, projects, or indicators."""
    if h.tasks:
        return "TaskTable"
    return "ProjectTable" if h.projects and h.kind == "table" else _HEADING_CLASS[h.kind]


def _measure(g: _Graph, m: Measure, expression: str, plan: str, nodes: dict[int, str]) -> str:
    node = f"{expression}/{m.eid}"
    parent = nodes[id(m.parent)] if m.parent is not None else expression
    _element(g, node, "SafeguardMeasure" if m.safeguard else "Measure", parent, plan, m.ordinal, m.eid)
    if m.safeguard:
        g.type(node, str(PK.Measure))
    _paragraph_text(g, node, m)
    return node


def _paragraph_text(g: _Graph, node: str, para: Measure | Passage) -> None:
    """What a measure and a passage both carry: number, title sentence, text, spans and responsible bodies."""
    if para.number:
        g.add(node, PK.number, Literal(para.number))
    if para.heading:
        assert para.heading_span is not None  # a title sentence is cut from the text with its span (loaders/extract.py)
        g.text_literal(node, DCT + "title", para.heading)
        g.span(node, para.heading_span, "title-span", str(PK.titleDerivedFrom))
    g.text_literal(node, PK.text, para.text)
    g.span(node, para.span)
    _bodies(g, node, para.bodies)


_PASSAGE_CLASS = {
    "preamble": "Preamble",
    "lead": "LeadParagraph",
    "statement": "Statement",
    "continuation": "Continuation",
    "conclusion": "Conclusion",
    "closing": "ClosingClause",
    "annex": "AnnexText",
}


def _passage(g: _Graph, p: Passage, expression: str, plan: str, nodes: dict[int, str]) -> str:
    """Text that is not a task, typed by its place (lead, conclusion …) and what it states (pk:role)."""
    node = f"{expression}/{p.eid}"
    container = p.item if p.item is not None else p.parent
    parent = nodes[id(container)] if container is not None else expression
    _element(g, node, _PASSAGE_CLASS[p.kind], parent, plan, p.ordinal, p.eid)
    g.type(node, str(PK.Passage))
    if p.role:
        g.add(node, PK.role, ROLES[p.role])
    _paragraph_text(g, node, p)
    return node


def _bodies(g: _Graph, node: str, bodies: list[ResponsibleBody]) -> None:
    """Each responsible body: the organisation (org_iri of its Simplified name), linked by pk:responsibleBody,
    and a qualified pk:Responsibility (a prov:Association) with its role and the span of its name."""
    for n, body in enumerate(bodies, start=1):
        org = org_iri(to_simplified(body.name))
        g.type(org, str(ORG.Organization))
        g.text_literal(org, SKOS + "prefLabel", body.name)
        g.add(node, PK.responsibleBody, org)
        qualified = f"{node}/body_{n}"
        g.type(qualified, str(PK.Responsibility), PROV + "Association")
        g.add(node, PK.responsibility, qualified)
        g.add(qualified, PROV + "agent", org)
        g.add(qualified, PROV + "hadRole", RESPONSIBILITY_ROLES[body.role])
        g.span(qualified, body.span)


def _project(g: _Graph, p: Project, expression: str, plan: str, nodes: dict[int, str]) -> str:
    node = f"{expression}/{p.eid}"
    parent = nodes[id(p.box or p.table or p.measure)]
    _element(g, node, "Project", parent, plan, p.ordinal, p.eid)
    if p.number:
        g.add(node, PK.number, Literal(p.number))
    if p.title:
        g.text_literal(node, DCT + "title", p.title)
    if p.category:
        g.text_literal(node, PK.category, p.category)
    g.text_literal(node, PK.text, p.text)
    g.span(node, p.span)
    _bodies(g, node, p.bodies)
    for n, q in enumerate(p.quantities, start=1):
        qnode = f"{node}/quantity_{n}"
        g.type(qnode, str(PK.Quantity))
        g.add(node, PK.quantity, qnode)
        g.add(qnode, PK.numericValue, _dec(q.value))
        g.add(qnode, PK.unit, Literal(q.unit))
        if q.qualifier:
            g.add(qnode, PK.qualifier, Literal(q.qualifier))
        g.span(qnode, q.span)
    return node


def _indicator(g: _Graph, ind: Indicator, expression: str, plan: str, nodes: dict[int, str]) -> None:
    assert ind.table is not None  # a row of a table (a target stated in prose is _prose_indicator's)
    table = nodes[id(ind.table)]
    node = f"{table}__row_{ind.ordinal}"
    _element(g, node, "Indicator", table, plan, ind.ordinal, f"{ind.table.eid}__row_{ind.ordinal}")
    g.type(node, str(PK.TableIndicator))
    attribute = to_simplified(ind.attribute)
    if attribute.startswith("约束"):
        g.type(node, str(PK.BindingIndicator))
    elif attribute.startswith("预期"):
        g.type(node, str(PK.ExpectedIndicator))
    if ind.number:
        g.add(node, PK.number, Literal(ind.number))
    g.text_literal(node, PK.name, ind.name)
    g.span(node, ind.name_span, "name-span", str(PK.nameDerivedFrom))
    for key, value in (("category", ind.category), ("unit", ind.unit), ("attribute", ind.attribute), ("note", ind.note)):
        if value:
            g.text_literal(node, PK[key], value)
    g.span(node, ind.span)
    for n, v in enumerate(ind.values, start=1):
        _value(g, f"{node}/value_{n}", node, table, v)


def _value(g: _Graph, node: str, indicator: str, table: str, v: Value) -> None:
    g.type(node, str(PK.IndicatorValue), str(QB.Observation))
    g.add(indicator, PK.hasValue, node)
    g.add(node, QB.dataSet, table)
    g.add(node, PK.indicator, indicator)
    g.add(node, PK.valueKind, VALUE_KINDS[v.kind])
    if v.year:
        g.add(node, PK.year, Literal(str(v.year), datatype=_n(XSD + "gYear")))
    if v.group:
        g.text_literal(node, PK.group, v.group)
    g.add(node, PK.asWritten, Literal(v.as_written))
    if v.comparator:
        g.add(node, PK.comparator, Literal(v.comparator))
    if v.number is not None:
        g.add(node, PK.numericValue, _dec(v.number))
        if v.unit:
            g.add(node, PK.unit, Literal(v.unit))
        g.add(node, PK.normalizedValue, _dec(v.number * v.scale))
    _bounds(g, node, v)
    g.span(node, v.span)


def _bounds(g: _Graph, node: str, v: Value) -> None:
    """A range (6.5～7.5%) as its two ends in the unit as written: it states no single number."""
    if v.bounds is not None:
        g.add(node, PK.lowerBound, _dec(v.bounds[0]))
        g.add(node, PK.upperBound, _dec(v.bounds[1]))
        g.add(node, PK.unit, Literal(v.unit))


def _prose_indicator(g: _Graph, ind: Indicator, expression: str, plan: str, nodes: dict[int, str]) -> None:
    """A target stated in a sentence: part of its measure (else of the unit or plan text holding it), pk:statedIn
    the most specific element that holds it (a box item or a passage, which hold no elements, or the measure)."""
    parent = (
        nodes[id(ind.measure)]
        if ind.measure is not None
        else nodes[id(ind.container)]
        if ind.container is not None
        else expression
    )
    node = f"{expression}/{ind.eid}"
    _element(g, node, "Indicator", parent, plan, ind.ordinal, ind.eid)
    g.type(node, str(PK.ProseIndicator))
    g.add(node, PK.statedIn, nodes[id(ind.stated_in)] if ind.stated_in is not None else parent)
    g.text_literal(node, PK.name, ind.name)
    g.span(node, ind.name_span, "name-span", str(PK.nameDerivedFrom))
    if ind.unit:
        g.text_literal(node, PK.unit, ind.unit)
    g.span(node, ind.span)
    for n, v in enumerate(ind.values, start=1):
        value = f"{node}/value_{n}"
        g.type(value, str(PK.IndicatorValue))
        g.add(node, PK.hasValue, value)
        g.add(value, PK.indicator, node)
        g.add(value, PK.valueKind, VALUE_KINDS[v.kind])
        if v.year:
            g.add(value, PK.year, Literal(str(v.year), datatype=_n(XSD + "gYear")))
        g.add(value, PK.asWritten, Literal(v.as_written))
        if v.comparator:
            g.add(value, PK.comparator, Literal(v.comparator))
        if v.number is not None:
            g.add(value, PK.numericValue, _dec(v.number))
            g.add(value, PK.unit, Literal(v.unit))
            g.add(value, PK.normalizedValue, _dec(v.number * v.scale))
        _bounds(g, value, v)
        g.span(value, v.span)
