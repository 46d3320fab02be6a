"""SHACL validation of the graph, one document at a time, by either of two engines that must agree.

A document is validated as its own named graph plus its regions (from the regions graph), with the ontology's
class hierarchy materialised as rdf:type triples (shapes target pk:DocumentElement, pk:StructuralUnit …), so
that every engine sees the same, small graph: validating a whole store in one piece would not scale (pyrudof
needs ~6.5 KB per triple, pyshacl minutes per million triples). The lineage graph is validated apart, against
its own shapes. pyrudof (Rust) is the default; pyshacl is the reference, and tests/test_shapes.py checks that
both report the same (focus node, source shape, severity) findings.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Triple

from plankg.graph.solutions import construct, select, written
from plankg.graph.store import document_graphs
from plankg.graph.vocab import LINEAGE_GRAPH, PK, PREFIXES, RDFS, REGIONS_GRAPH, SH, SHAPES, SPARQL_PREFIXES
from plankg.loaders.records import line_at

PK_TEXT = str(PK.text)
SEVERITIES = ("Violation", "Warning", "Info")


@dataclass
class Finding:
    """One validation result, with what a steward needs to find it in the source."""

    focus: str
    shape: str
    severity: str  # Violation | Warning | Info
    component: str = ""
    value: str = ""
    path: str = ""
    message_en: str = ""
    message_zh: str = ""
    file: str = ""
    line: int = 0
    quote: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What two engines must agree on."""
        return (self.focus, self.shape, self.severity)


@dataclass
class DocumentReport:
    """The findings for one document (or one data file without document graphs)."""

    name: str
    graph: str
    triples: int
    engine: str
    seconds: float
    findings: list[Finding] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    @property
    def conforms(self) -> bool:
        return self.count("Violation") == 0


@cache
def shapes_text(shapes: str = "plankg") -> str:
    """A shapes file: shapes/plankg.ttl for documents, shapes/lineage.ttl for the lineage graph."""
    return (resources.files("plankg.shapes") / f"{shapes}.ttl").read_text(encoding="utf-8")


@cache
def shapes_graph(shapes: str = "plankg"):
    from rdflib import Graph

    return Graph().parse(data=shapes_text(shapes), format="turtle")


@lru_cache(maxsize=1)
def shape_descriptions() -> dict[str, tuple[str, str, str]]:
    """Shape IRI → (path as SPARQL, English message, Chinese message), read from the shapes graph."""
    graph = _turtle_store(shapes_text("plankg"), shapes_text("lineage"))
    messages: dict[str, dict[str, str]] = {}
    paths: dict[str, str] = {}
    for r in select(
        graph,
        f"""SELECT ?shape ?message ?path ?inverse WHERE {{ ?shape <{SH}message> ?message .
            OPTIONAL {{ ?shape <{SH}path> ?path OPTIONAL {{ ?path <{SH}inversePath> ?inverse }} }} }}""",
    ):
        shape, message, path, inverse = r["shape"].value, r["message"], r["path"], r["inverse"]
        messages.setdefault(shape, {})[(message.language or "").lower()] = message.value
        paths[shape] = (
            "^" + short(inverse.value) if inverse is not None else short(path.value) if isinstance(path, NamedNode) else ""
        )
    return {shape: (paths[shape], m.get("en", ""), m.get("zh-hans", "")) for shape, m in messages.items()}


def _turtle_store(*texts: str) -> Store:
    """Turtle files in an in-memory store: parsing them with rdflib took longer than validating a document."""
    graph = Store()
    for text in texts:
        graph.load(text.encode("utf-8"), format=RdfFormat.TURTLE)
    return graph


def short(iri: str) -> str:
    """An IRI with its prefix (pks:, pk:, dct: …) when it has one."""
    if iri.startswith(SHAPES):
        return "pks:" + iri.removeprefix(SHAPES)
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(str(namespace)):
            return f"{prefix}:{iri.removeprefix(str(namespace))}"
    return iri


@lru_cache(maxsize=1)
def superclasses() -> dict[str, set[str]]:
    """Named class → its named superclasses, from the ontology's rdfs:subClassOf axioms (transitively).

    The same map as plankg.graph.reason's (tests/test_shapes.py checks it) without its owlrl closure, which costs
    seconds on every validation run.
    """
    ontology = _turtle_store((resources.files("plankg.ontology") / "plankg.ttl").read_text(encoding="utf-8"))
    found: dict[str, set[str]] = {}
    for r in select(
        ontology,
        f"""SELECT DISTINCT ?class ?super WHERE {{ ?class <{RDFS}subClassOf>+ ?super
            FILTER(isIRI(?class) && isIRI(?super) && ?class != ?super) }}""",
    ):
        found.setdefault(r["class"].value, set()).add(r["super"].value)
    return found


def with_supertypes(triples: list[Triple]) -> list[Triple]:
    """The triples plus the rdf:type triples their types' superclasses entail (the shapes rely on them)."""
    data = _memory_store(triples)
    _add_supertypes(data)
    return triples + sorted({Triple(q.subject, q.predicate, q.object) for q in data} - set(triples), key=str)


def _memory_store(triples: list[Triple]) -> Store:
    data = Store()
    data.extend(Quad(t.subject, t.predicate, t.object) for t in triples)
    return data


def _add_supertypes(data: Store) -> None:
    """Add to an in-memory graph the rdf:type triples its types' superclasses entail."""
    pairs = " ".join(f"(<{c}> <{s}>)" for c, supers in sorted(superclasses().items()) for s in sorted(supers))
    data.update(f"INSERT {{ ?node a ?super }} WHERE {{ ?node a ?class VALUES (?class ?super) {{ {pairs} }} }}")


def graph_triples(store: Store, graphs: list[str]) -> list[Triple]:
    """The triples of the named graphs, as one graph."""
    seen: set[Triple] = set()
    for graph in graphs:
        seen.update(Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, NamedNode(graph)))
    return sorted(seen, key=str)


def _document_query(graph: str) -> str:
    return (
        SPARQL_PREFIXES
        + f"""
        CONSTRUCT {{ ?s ?p ?o }} WHERE {{
          {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}
          UNION
          {{ GRAPH <{graph}> {{ ?plan a pk:Plan ; pk:region ?region }}
             GRAPH <{REGIONS_GRAPH}> {{ ?region pk:partOf* ?s . ?s ?p ?o }} }} }}"""
    )


def document_triples(store: Store, graph: str) -> list[Triple]:
    """A document's graph with its plan's region and that region's ancestors from the shared regions graph.

    Only the regions the document names are included, so that a faulty region is reported with the documents
    in it, not with every document.
    """
    return sorted(set(construct(store, _document_query(graph))), key=str)


def document_data(store: Store, graph: str) -> Store:
    """document_triples in an in-memory store, copied as N-Triples from store to store (no Python object per
    triple: the bulk of a document's validation time otherwise). A document whose text is too long for one
    N-Triples token (see LONG_TEXT) is copied triple by triple instead."""
    data = Store()
    ntriples = written(construct(store, _document_query(graph)).serialize(format=RdfFormat.N_TRIPLES))
    try:
        data.load(ntriples, format=RdfFormat.N_TRIPLES)
    except MemoryError:  # "Reached the buffer maximal size": a literal over the parser's 16 MiB token buffer
        data = Store()
        data.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in construct(store, _document_query(graph)))
    return data


# The N-Triples readers of pyoxigraph and pyrudof hold one token in at most 16 MiB: a source text longer than
# LONG_TEXT characters (8 bytes each at worst, escapes included) could not be read. The shapes ask of pk:text only
# that there is one (pks:SourceDocument-text; spans are checked against pk:length), so the engine is given a
# stand-in, the text's first STAND_IN characters; the findings are explained against the whole text.
LONG_TEXT = (16 << 20) // 8
STAND_IN = 1000


def _engine_input(data: Store) -> str:
    """The data as N-Triples for an engine, each source text longer than LONG_TEXT replaced by its stand-in."""
    long_texts = [
        (r["s"], r["t"]) for r in select(data, f"SELECT ?s ?t WHERE {{ ?s <{PK_TEXT}> ?t FILTER (STRLEN(?t) > {LONG_TEXT}) }}")
    ]
    if not long_texts:
        return written(data.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())).decode("utf-8")
    text = NamedNode(PK_TEXT)
    copy = Store()
    replaced = {(s, t) for s, t in long_texts}
    copy.extend(
        q
        for q in data.quads_for_pattern(None, None, None, DefaultGraph())
        if q.predicate != text or (q.subject, q.object) not in replaced
    )
    copy.extend(
        Quad(
            s,
            text,
            Literal(t.value[:STAND_IN], datatype=t.datatype)
            if t.language is None
            else Literal(t.value[:STAND_IN], language=t.language),
            DefaultGraph(),
        )
        for s, t in long_texts
    )
    return written(copy.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())).decode("utf-8")


def lineage_triples(store: Store) -> list[Triple]:
    """The lineage graph, the types of the document nodes it links to, and the citations of the works it classifies."""
    linked = construct(
        store,
        SPARQL_PREFIXES
        + f"""
        CONSTRUCT {{ ?node a ?class . ?citation pk:citedWork ?work }} WHERE {{
          {{ GRAPH <{LINEAGE_GRAPH}> {{ {{ ?x ?p ?node }} UNION {{ ?node ?p ?x }} }}
             GRAPH ?g {{ ?node a ?class }} FILTER (?g != <{LINEAGE_GRAPH}>) }}
          UNION
          {{ GRAPH <{LINEAGE_GRAPH}> {{ ?work a pk:UnresolvedWork }} GRAPH ?g {{ ?citation pk:citedWork ?work }} }}
        }}""",
    )
    return sorted(set(graph_triples(store, [str(LINEAGE_GRAPH)])) | set(linked), key=str)


def run_engine(engine: str, ntriples: str, shapes: str = "plankg") -> list[Finding]:
    """Validate N-Triples data against a shapes file; the findings as the engine reports them."""
    return _run_pyrudof(ntriples, shapes) if engine == "pyrudof" else _run_pyshacl(ntriples, shapes)


# A triple no shape can target (no class, no property of the shapes): the data each document is staged over.
_STAGING_BASE = "<urn:plankg:staging-base> <urn:plankg:staging-base> <urn:plankg:staging-base> .\n"


@cache
def _rudof(shapes: str):
    import pyrudof

    rudof = pyrudof.Rudof()
    rudof.read_shacl(shapes_text(shapes), format=pyrudof.ShaclFormat.Turtle, reader_mode=pyrudof.ReaderMode.Strict)
    rudof.read_data(_STAGING_BASE, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
    return rudof


def _run_pyrudof(ntriples: str, shapes: str) -> list[Finding]:
    """Each document is read into a staging frame over _STAGING_BASE and rolled back after: replacing or resetting
    pyrudof's data costs about 0.1 s a time, more than validating a plan, and a rollback next to nothing (the same
    findings, a third of the time)."""
    import pyrudof

    rudof = _rudof(shapes)
    rudof.begin_staging()
    try:
        rudof.read_data(ntriples, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict, merge=True)
        return [
            Finding(e.focus_node, e.source_shape or "", e.severity.removeprefix(SH), e.constraint_component or "", e.value or "")
            for e in rudof.validate_shacl()
        ]
    finally:
        rudof.rollback_staging()


def _run_pyshacl(ntriples: str, shapes: str) -> list[Finding]:
    from pyshacl import validate
    from rdflib import Graph
    from rdflib.query import ResultRow

    data = Graph().parse(data=ntriples, format="nt")
    _, report, text = validate(data, shacl_graph=shapes_graph(shapes), inference="none")
    if not isinstance(report, Graph):
        raise RuntimeError(f"pyshacl could not validate: {text}")
    query = f"""SELECT ?focus ?shape ?severity ?component ?value WHERE {{
        ?r <{SH}focusNode> ?focus ; <{SH}sourceShape> ?shape ; <{SH}resultSeverity> ?severity ;
           <{SH}sourceConstraintComponent> ?component . OPTIONAL {{ ?r <{SH}value> ?value }} }}"""
    return [
        Finding(str(r.focus), str(r.shape), str(r.severity).removeprefix(SH), str(r.component), _term(r.value))
        for r in report.query(query)
        if isinstance(r, ResultRow)
    ]  # a SELECT query's rows are all ResultRows


def _term(term) -> str:
    """An IRI as itself, a literal in N-Triples syntax, as pyrudof writes them."""
    from rdflib import URIRef

    return "" if term is None else str(term) if isinstance(term, URIRef) else term.n3()


def validate_triples(
    name: str, graph: str, triples: list[Triple], engine: str = "pyrudof", shapes: str = "plankg"
) -> DocumentReport:
    """Validate one graph (supertypes are added here) and explain each finding against its source."""
    return validate_data(name, graph, _memory_store(triples), engine, shapes)


def validate_data(name: str, graph: str, data: Store, engine: str = "pyrudof", shapes: str = "plankg") -> DocumentReport:
    """validate_triples of a graph in an in-memory store (its default graph), to which the supertypes are added."""
    _add_supertypes(data)
    ntriples = _engine_input(data)
    started = time.perf_counter()
    findings = sorted({f.key: f for f in run_engine(engine, ntriples, shapes)}.values(), key=_order)
    seconds = time.perf_counter() - started
    _explain(findings, data, name)
    return DocumentReport(name, graph, len(data), engine, seconds, findings)


def _order(f: Finding) -> tuple:
    return (SEVERITIES.index(f.severity) if f.severity in SEVERITIES else 3, f.shape, f.focus)


def _explain(findings: list[Finding], data: Store, name: str) -> None:
    """Fill in path and messages (from the shapes) and the source file, line and quote of each finding.

    A SPARQL constraint checked on a container (a source, a table) names the faulty node as sh:value: its
    span is the one shown.
    """
    descriptions = shape_descriptions()
    spans = _spans(data, {f.focus for f in findings} | {f.value for f in findings if f.value.startswith("http")})
    for f in findings:
        f.path, f.message_en, f.message_zh = descriptions.get(f.shape, ("", "", ""))
        located = f.value if f.component == SH + "SPARQLConstraintComponent" and f.value in spans else f.focus
        f.file, f.line, f.quote = spans.get(located, (name, 0, ""))


def _spans(store: Store, nodes: set[str]) -> dict[str, tuple[str, int, str]]:
    """Node → (file, line, quote) of its own span, or of the span it is or is a selector of."""
    nodes = {n for n in nodes if n.startswith("http")}
    if not nodes:
        return {}
    texts = {
        r["src"].value: (r["file"].value, r["text"].value)
        for r in select(
            store,
            SPARQL_PREFIXES
            + """
        SELECT ?src ?file ?text WHERE { ?src a pk:SourceDocument ; dct:identifier ?file ; pk:text ?text }""",
        )
    }
    found: dict[str, tuple[str, int, str]] = {}
    rows = select(
        store,
        SPARQL_PREFIXES
        + f"""
        SELECT ?node ?src ?start ?end ?exact WHERE {{
          VALUES ?node {{ {" ".join(f"<{n}>" for n in sorted(nodes))} }}
          {{ ?node prov:wasDerivedFrom ?span }} UNION {{ ?node a oa:SpecificResource . BIND(?node AS ?span) }}
          UNION {{ ?span oa:hasSelector ?node }}
          ?span a oa:SpecificResource ; oa:hasSource ?src ; oa:hasSelector ?p , ?q .
          ?p oa:start ?start ; oa:end ?end . ?q oa:exact ?exact .
        }}""",
    )
    for r in rows:
        node, source = r["node"].value, r["src"].value
        if node in found or source not in texts:
            continue
        file, text = texts[source]
        start, end = int(r["start"].value), int(r["end"].value)
        quote = text[start:end] if 0 <= start <= end <= len(text) else r["exact"].value
        found[node] = (file, line_at(text, max(0, min(start, len(text)))), quote)
    return found


def validate_store(store: Store, engine: str = "pyrudof", documents: list[str] | None = None) -> list[DocumentReport]:
    """Validate the documents of a store (all, or those named by file name or graph IRI) one by one, then the
    lineage graph (when all are validated and it exists) against its own shapes."""
    reports = []
    for graph, file, _plan in document_graphs(store):
        if documents is None or file in documents or graph in documents:
            reports.append(validate_data(file, graph, document_data(store, graph), engine))
    if documents is None and next(store.quads_for_pattern(None, None, None, NamedNode(LINEAGE_GRAPH)), None):
        reports.append(validate_triples("lineage", str(LINEAGE_GRAPH), lineage_triples(store), engine, "lineage"))
    return reports


def validate_dataset(store: Store, name: str, engine: str = "pyrudof") -> list[DocumentReport]:
    """A store read from a file: per document when it has document graphs, else all its triples as one graph."""
    if document_graphs(store):
        return validate_store(store, engine)
    triples = [Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)]
    return [validate_triples(name, "", sorted(set(triples), key=str), engine)]


def check_loaded(store: Store, graphs: list[str], engine: str = "pyrudof") -> list[DocumentReport]:
    """After a build: validate the documents just loaded."""
    return validate_store(store, engine, graphs)
