"""The embedded on-disk store (Oxigraph): one named graph per document, replaced atomically.

A document's graph is written in one transaction (Store.extend for a new graph, else a single SPARQL update,
DROP GRAPH + INSERT DATA): a failure or a kill in the middle leaves the previous state, never half a graph.
"""

from __future__ import annotations

import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, RdfFormat, Store, Triple, serialize

from plankg.graph.faults import disk_full, is_disk_full, is_no_permission, no_permission, no_store, store_in_use
from plankg.graph.solutions import select, written
from plankg.graph.vocab import ID, PK, PROV, RUNS_GRAPH, SPARQL_PREFIXES, XSD_DATETIME

DEFAULT_STORE = "plankg-data"


def store_path(option: str | None) -> Path:
    """--store, else $PLANKG_STORE, else ./plankg-data."""
    return Path(option or os.environ.get("PLANKG_STORE") or DEFAULT_STORE)


def open_store(path: Path, read_only: bool = False, wait: float = 0) -> Store:
    """The store at path; opened for writing, it is this process's alone (RocksDB's lock): if another process holds
    it, wait up to `wait` seconds, then raise a Fault naming that process. Permission and disk faults are Faults."""
    if read_only:
        if not path.exists():
            raise no_store(path)
        return Store.read_only(str(path))
    deadline = time.monotonic() + wait
    while True:
        try:
            path.mkdir(parents=True, exist_ok=True)
            return Store(str(path))
        except OSError as exc:
            if is_no_permission(exc):
                raise no_permission(path, exc) from None
            if is_disk_full(exc):
                raise disk_full(path, 16 << 20, "opening it") from None
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise store_in_use(path) from None
            time.sleep(0.2)


def flush(store: Store) -> None:
    """Write what a command stored to the store's table files before it exits. Otherwise RocksDB leaves it in its
    write-ahead log, and every later open, read-only included, replays that log: 40 s for a 1,000-plan store."""
    store.flush()


def triples_text(quads: Iterable[Quad]) -> str:
    """Quads as N-Triples lines (for an update naming their graph)."""
    triples = [Triple(q.subject, q.predicate, q.object) for q in quads]
    return written(serialize(triples, format=RdfFormat.N_TRIPLES)).decode("utf-8")


def replace_graph(store: Store, graph: str, quads: list[Quad], shared: Iterable[Quad] = ()) -> None:
    """Replace one named graph by quads (and add shared quads to their graphs) in one transaction.

    A graph the store does not hold yet is written by Store.extend, itself one transaction and half the cost
    of the SPARQL update (no N-Triples text to write and parse), which replaces a graph that exists.
    """
    name = NamedNode(graph)
    if not store.contains_named_graph(name):
        own = [q if q.graph_name == name else Quad(q.subject, q.predicate, q.object, name) for q in quads]
        runs = NamedNode(RUNS_GRAPH)
        store.extend([*own, *shared, *(Quad(t.subject, t.predicate, t.object, runs) for t in _run_triples(graph))])
        return
    parts = [f"DROP SILENT GRAPH <{graph}> ;"]
    parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{triples_text(quads)}}} }} ;")
    by_graph: dict[str, list[Quad]] = {}
    for q in shared:
        if isinstance(q.graph_name, DefaultGraph):
            raise ValueError(f"a shared quad names no graph: {q}")
        by_graph.setdefault(q.graph_name.value, []).append(q)
    for other, items in by_graph.items():
        parts.append(f"INSERT DATA {{ GRAPH <{other}> {{\n{triples_text(items)}}} }} ;")
    parts.append(run_record(graph))
    store.update("\n".join(parts).rstrip(" ;"))


def _run_triples(graph: str) -> list[Triple]:
    """When the graph was (re)written, kept apart from the graph so reloading stays idempotent. Each write is a run
    of its own, two in the same second included: what lineage cached of a graph is of the runs that wrote it."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    run = NamedNode(f"{ID}run/{now}/{hashlib.sha256(f'{graph} {uuid.uuid4()}'.encode()).hexdigest()[:16]}")
    return [
        Triple(run, NamedNode(PROV + "generated"), NamedNode(graph)),
        Triple(run, NamedNode(PROV + "endedAtTime"), Literal(now, datatype=XSD_DATETIME)),
    ]


def run_record(graph: str) -> str:
    """The run record as a SPARQL update, the last part of a graph's replacement."""
    body = written(serialize(_run_triples(graph), format=RdfFormat.N_TRIPLES)).decode("utf-8")
    return f"INSERT DATA {{ GRAPH <{RUNS_GRAPH}> {{\n{body}}} }}"


def document_graphs(store: Store) -> list[tuple[str, str, str]]:
    """(graph, source file name, plan) of every loaded document, in file-name order."""
    query = (
        SPARQL_PREFIXES
        + """
    SELECT ?g ?file ?plan WHERE {
      GRAPH ?g { ?expr a pk:PlanText ; eli:realizes ?plan ; prov:wasDerivedFrom ?src .
                 ?src a pk:SourceDocument ; dct:identifier ?file . }
    } ORDER BY ?file"""
    )
    return [(r["g"].value, r["file"].value, r["plan"].value) for r in select(store, query)]


def remove_document(store: Store, name_or_graph: str, before: Callable[[str], None] | None = None) -> list[str]:
    """Drop the graphs of the documents whose file name or graph IRI is given; returns them. before: called with
    each graph before it is dropped."""
    graphs = [g for g, file, _ in document_graphs(store) if name_or_graph in (g, file)]
    for graph in graphs:
        if before:
            before(graph)
    if graphs:
        store.update(" ;\n".join(f"DROP GRAPH <{g}>" for g in graphs))
    return graphs


def source_of(store: Store, graph: str) -> str:
    """The decoded text a document graph's spans point into."""
    query = f"SELECT ?t WHERE {{ GRAPH <{graph}> {{ ?s <{PK.text}> ?t ; a <{PK.SourceDocument}> }} }}"
    for row in select(store, query):
        return row["t"].value
    raise KeyError(graph)
