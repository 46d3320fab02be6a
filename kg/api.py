"""plankg from Python: a store opened as a KnowledgeGraph, to query, validate, export and draw from a notebook.

Every method returns data (rows of Python values, reports, graphs), never prints; the `plankg` commands print
what these return. Heavy libraries are imported by the methods that need them.

Example:
    >>> import plankg
    >>> kg = plankg.open("plankg-data")
    >>> [d.region for d in kg.documents()]
    ['玉林市', '辽宁省', '怀化市', '新吴区', '韶关市']
    >>> kg.query("indicators-shared", min_plans=3).to_pandas()
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pyoxigraph import Store

from plankg.query.library import QueryError
from plankg.query.rows import Rows, python_results
from plankg.viz import MAX_NODES

if TYPE_CHECKING:
    from collections.abc import Iterable

    import networkx as nx
    import rdflib
    from pyoxigraph import QueryBoolean, QuerySolutions, Triple

    from plankg.lineage.graph import LineageSummary
    from plankg.pipeline import BuildReport
    from plankg.query.library import LibraryQuery
    from plankg.query.stats import PlanSummary
    from plankg.validation.shacl import DocumentReport
    from plankg.viz.data import Lineage
    from plankg.viz.network import View
    from plankg.viz.notebook import ViewNetwork


def open(path: str | Path | None = None, *, read_only: bool = True, wait: float = 0) -> KnowledgeGraph:
    """The store at path (default: $PLANKG_STORE or ./plankg-data) as a KnowledgeGraph.

    Read-only by default, so that any number of notebooks and a `plankg serve` can share it; read_only=False
    opens it for writing (build, remove, rebuild_lineage, reason), this process's alone, waiting up to `wait`
    seconds for another process writing it. Raises FileNotFoundError when a read-only store does not exist.

    Example:
        >>> kg = plankg.open("plankg-data")
        >>> len(kg.documents())
        5
    """
    from plankg.graph.store import open_store, store_path

    location = store_path(str(path) if path is not None else None)
    return KnowledgeGraph(open_store(location, read_only=read_only, wait=wait), location, read_only=read_only)


class KnowledgeGraph:
    """A plankg store: its documents, the query library and SPARQL, validation, export, lineage and the views.

    `store` is the pyoxigraph Store itself, for anything the methods do not cover.

    Example:
        >>> with plankg.open("plankg-data") as kg:
        ...     kg.sparql("ASK { ?p a pk:Plan }")
        True
    """

    def __init__(self, store: Store, path: Path | None = None, *, read_only: bool = True) -> None:
        self._store: Store | None = store
        self.path, self.read_only = path, read_only

    @property
    def store(self) -> Store:
        """The pyoxigraph Store, for what the methods do not cover (a QueryError once closed).

        Example:
            >>> from pyoxigraph import NamedNode
            >>> kg.store.contains_named_graph(NamedNode(kg.documents()[0].graph))
            True
        """
        if self._store is None:
            raise QueryError(f"the store {self.path or ''} is closed: open it again with plankg.open")
        return self._store

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.path or 'in memory'}{' (read-only)' if self.read_only else ''}>"

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Write what was stored to the store's files (when writable) and let other processes open it for writing.

        Example:
            >>> kg.close()
        """
        if self._store is not None and not self.read_only:
            from plankg.graph.store import flush

            flush(self._store)
        self._store = None  # the store's files are released with the last reference to the on-disk Store

    # Documents and queries

    def documents(self) -> list[PlanSummary]:
        """Every loaded document, in file-name order: file, graph and plan IRIs, region and its level, title, period,
        genre, and counts of its chapters, sections, boxes, measures, indicators, projects and citations.

        Example:
            >>> doc = kg.documents()[1]
            >>> doc.file, doc.region, doc.period, doc.counts["measures"]
            ('001_e6d1326eb6e5ef17.txt', '辽宁省', '2021–2025', 107)
        """
        from plankg.query.stats import summaries

        return summaries(self.store)

    def document(self, name: str) -> PlanSummary:
        """One loaded document, by file name or graph IRI; a QueryError naming the loaded ones when there is none.

        Example:
            >>> kg.document("001_e6d1326eb6e5ef17.txt").title
            '辽宁省民政事业发展第十四个五年规划'
        """
        documents = self.documents()
        for document in documents:
            if name in (document.file, document.graph):
                return document
        files = [d.file for d in documents]
        held = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "") if files else "none"
        raise QueryError(f"no document {name!r} in the store; it holds {held}")

    def queries(self) -> list[LibraryQuery]:
        """The query library: each query's name, question and parameters (name → IRI, string or integer).

        Example:
            >>> [(q.name, q.parameters) for q in kg.queries()][:1]
            [('binding-indicators', {'region': 'string'})]
        """
        from plankg.query.library import library

        return list(library().values())

    def query(self, name: str, **params: object) -> Rows:
        """Run a query of the library with its parameters (any value; IRIs may be CURIEs such as pkid:plan/…):
        the rows as dicts of Python values (int, Decimal, float, date, str; IRIs as str). A QueryError names an
        unknown query or parameter.

        Example:
            >>> rows = kg.query("indicators-shared", min_plans=3)
            >>> sorted({r["name"] for r in rows})[0]
            '养老机构护理型床位占比'
        """
        from plankg.query.library import run_library

        return _rows(name, run_library(self.store, name, _texts(params)))

    def sparql(self, text: str, *, union: bool = True, allow_service: bool = False) -> Rows | bool | rdflib.Graph:
        """Run a SPARQL query with the project's prefixes predefined (pk:, pkid:, dct: …): SELECT gives Rows,
        ASK a bool, CONSTRUCT and DESCRIBE an rdflib Graph. The default graph is the union of the named graphs
        unless union=False. A QueryError gives a syntax error's line, column and reason; a SERVICE pattern (a
        request to another endpoint) is refused unless allow_service.

        Example:
            >>> kg.sparql("SELECT (COUNT(?p) AS ?plans) WHERE { ?p a pk:Plan }")[0]["plans"]
            5
        """
        from plankg.query.library import execute

        return python_results(execute(self.store, text, union, allow_service))

    # Validation, export, lineage, reasoning

    def validate(self, documents: str | list[str] | None = None, *, engine: str = "pyrudof") -> list[DocumentReport]:
        """SHACL validation of the documents (all, or those named by file name or graph IRI), one report each with
        its findings (severity, shape, message, file, line, quote); validating them all also checks the lineage graph.

        Example:
            >>> report = kg.validate("001_e6d1326eb6e5ef17.txt")[0]
            >>> report.conforms, report.count("Warning")
            (True, 31)
        """
        from plankg.validation.shacl import validate_store

        names = [documents] if isinstance(documents, str) else documents
        for name in names or []:
            self.document(name)  # a QueryError for a document the store does not hold
        return validate_store(self.store, engine, names)

    def export(self, path: str | Path, format: str | None = None) -> Path:
        """Write the whole graph to a file: trig, nquads, jsonld (every named graph), turtle, ntriples (their union)
        or csv (one row per indicator value); the format defaults to the file's extension, else trig.

        Example:
            >>> kg.export("plans.trig")
            PosixPath('plans.trig')
        """
        from plankg.graph.export import FORMATS, export_store, format_for

        target = Path(path)
        chosen = format or format_for(target) or "trig"
        if chosen not in FORMATS:
            raise ValueError(f"unknown export format {chosen!r}; one of {', '.join(FORMATS)}")
        target.write_bytes(export_store(self.store, chosen))
        return target

    def lineage(self) -> Lineage:
        """The lineage graph as read by the views: policy families and shared indicator concepts with the plans each
        touches (and how many items), declared parent plans, themes.

        Example:
            >>> found = kg.lineage()
            >>> len(found.concepts), found.parents[:1]
        """
        from plankg.viz.data import lineage

        return lineage(self.store)

    def rebuild_lineage(self, min_score: float | None = None, full: bool = False, parallel: bool | None = None) -> LineageSummary:
        """Recompute the lineage graph from the document graphs (the store opened with read_only=False); min_score
        is the least probability of a copied clause linked (default: the model's threshold). What changed since the
        last rebuild is recomputed, the rest read from the store's lineage cache; full recomputes everything.
        parallel: as plankg.build's (a second process shares the text-reuse work).

        Example:
            >>> plankg.open("plankg-data", read_only=False).rebuild_lineage().families
        """
        from plankg.pipeline import update_lineage

        store = self._writable("rebuild the lineage graph")
        return update_lineage(store, min_score, cache=self.path, full=full, parallel=parallel)

    def reason(self) -> int:
        """Materialise the OWL 2 RL entailments into the inferred graph (read_only=False); the triples inferred.

        Example:
            >>> plankg.open("plankg-data", read_only=False).reason()
        """
        from plankg.graph.reason import materialise

        return materialise(self._writable("reason"))

    def remove(self, document: str, parallel: bool | None = None) -> list[str]:
        """Remove a document (by file name or graph IRI), update the lineage graph and keep the inferred graph, if
        any, up to date (read_only=False); the graphs removed. parallel: as plankg.build's.

        Example:
            >>> plankg.open("plankg-data", read_only=False).remove("004_816c855b418fc27c.txt")
        """
        from plankg.pipeline import remove

        store = self._writable("remove a document")
        self.document(document)
        return remove(store, document, cache=self.path, parallel=parallel).graphs

    def build(self, paths: Any = None, **options: Any) -> BuildReport:
        """plankg.build into this store (read_only=False), with the same options.

        Example:
            >>> plankg.open("plankg-data", read_only=False).build(["new-plan.docx"], lineage=False).ok
        """
        from plankg.pipeline import build

        return build(paths, self._writable("build"), store_dir=self.path, **options)

    def _writable(self, doing: str) -> Store:
        if self.read_only:
            raise QueryError(f"cannot {doing}: the store is open read-only (plankg.open(path, read_only=False))")
        return self.store

    # Views

    def plan_view(self, document: str, max_nodes: int = MAX_NODES) -> View:
        """A document's plan tree as the site draws it (region → plan → chapters → … → indicators and projects),
        collapsed above max_nodes nodes.

        Example:
            >>> view = kg.plan_view("001_e6d1326eb6e5ef17.txt")
            >>> view.title
            '辽宁省民政事业发展第十四个五年规划'
        """
        from plankg.viz.data import plan_tree, plans
        from plankg.viz.network import plan_view

        graph = self.document(document).graph
        info = next(p for p in plans(self.store) if p.graph == graph)
        return plan_view(info, plan_tree(self.store, graph), max_nodes)

    def lineage_view(self, max_nodes: int = MAX_NODES) -> View:
        """The lineage network as the site draws it: plans, policy families and shared indicators.

        Example:
            >>> kg.lineage_view().title
            'Policy lineage across plans'
        """
        from plankg.viz.data import lineage, plans
        from plankg.viz.network import lineage_view

        return lineage_view(plans(self.store), lineage(self.store), max_nodes)

    def write_views(self, folder: str | Path = "plankg-site", max_nodes: int = MAX_NODES) -> list[Path]:
        """Write the offline site (as `plankg viz`): index.html, a page per plan, lineage.html, indicators.html;
        the pages written, index first.

        Example:
            >>> [page.name for page in kg.write_views("site")][:2]
            ['index.html', 'plan-000_7c45746ca5003da4.html']
        """
        from plankg.viz.site import write_site

        return write_site(self.store, Path(folder), max_nodes)

    def plan_graph(self, document: str) -> nx.MultiDiGraph:
        """A document's whole plan tree (nothing collapsed) as a networkx graph, parent → child; node attributes
        kind (Chapter, Measure …), label, text, quote, source.

        Example:
            >>> tree = kg.plan_graph("001_e6d1326eb6e5ef17.txt")
            >>> sum(kind == "Chapter" for _, kind in tree.nodes(data="kind"))
            6
        """
        from plankg.viz.notebook import to_networkx

        return to_networkx(self.plan_view(document, max_nodes=2**31))

    def lineage_graph(self) -> nx.MultiDiGraph:
        """The whole lineage network as a networkx graph (edge kinds member, shared, basis).

        Example:
            >>> network = kg.lineage_graph()
            >>> sorted(n for n, kind in network.nodes(data="kind") if kind == "Plan")
        """
        from plankg.viz.notebook import to_networkx

        return to_networkx(self.lineage_view(max_nodes=2**31))

    def plan_network(self, document: str, max_nodes: int = MAX_NODES) -> ViewNetwork:
        """A document's plan tree as a pyvis Network, as on the site; a notebook cell shows it.

        Example:
            >>> kg.plan_network("001_e6d1326eb6e5ef17.txt")
        """
        from plankg.viz.notebook import to_pyvis

        return to_pyvis(self.plan_view(document, max_nodes))

    def lineage_network(self, max_nodes: int = MAX_NODES) -> ViewNetwork:
        """The lineage network as a pyvis Network, as on the site; a notebook cell shows it.

        Example:
            >>> kg.lineage_network().write_html("lineage.html")
        """
        from plankg.viz.notebook import to_pyvis

        return to_pyvis(self.lineage_view(max_nodes))


def connect(url: str, *, timeout: float = 60, allow_service: bool = False) -> Endpoint:
    """A SPARQL 1.1 endpoint (`plankg serve`'s, or any store the graph was pushed to), to run the query library and
    SPARQL on as on an open store.

    Example:
        >>> remote = plankg.connect("http://127.0.0.1:7878/query")
        >>> len(remote.query("plans-overview"))
        5
    """
    return Endpoint(url, timeout=timeout, allow_service=allow_service)


class Endpoint:
    """A remote SPARQL 1.1 endpoint: the same query and sparql as a KnowledgeGraph's, answered over HTTP. A failure
    to reach it, or its refusal, is an EndpointError (plankg.query.library) naming the endpoint.

    Example:
        >>> plankg.connect("http://127.0.0.1:7878/query").sparql("ASK { ?p a pk:Plan }")
        True
    """

    def __init__(self, url: str, *, timeout: float = 60, allow_service: bool = False) -> None:
        self.url, self.timeout, self.allow_service = url, timeout, allow_service

    def __repr__(self) -> str:
        from plankg.remote import redact

        return f"<Endpoint {redact.url(self.url)}>"

    def query(self, name: str, **params: object) -> Rows:
        """Run a query of the library on the endpoint (see KnowledgeGraph.query).

        Example:
            >>> remote.query("indicators-shared", min_plans=3)[0]["name"]
            '养老机构护理型床位占比'
        """
        from plankg.query.library import remote_library

        return _rows(name, remote_library(self.url, name, _texts(params), self.timeout, self.allow_service))

    def sparql(self, text: str) -> Rows | bool | rdflib.Graph:
        """Run a SPARQL query on the endpoint, the project's prefixes declared for it (see KnowledgeGraph.sparql).

        Example:
            >>> remote.sparql("SELECT (COUNT(?p) AS ?plans) WHERE { ?p a pk:Plan }")[0]["plans"]
            5
        """
        from plankg.query.library import execute_remote

        return python_results(execute_remote(self.url, text, self.timeout, self.allow_service))


def _texts(params: dict[str, object]) -> dict[str, str]:
    """Query parameters as the library binds them (an integer parameter given as 3 is "3")."""
    return {key: str(value) for key, value in params.items()}


def _rows(name: str, results: QuerySolutions | QueryBoolean | Iterable[Triple]) -> Rows:
    """A library query's rows (every query of the library is a SELECT)."""
    rows = python_results(results)
    if not isinstance(rows, Rows):
        raise QueryError(f"query {name} is not a SELECT query; run its text with sparql()")
    return rows
