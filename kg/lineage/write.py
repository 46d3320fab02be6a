"""Writing the lineage graph: only the subjects whose quads changed since the last write, else the whole graph.

Lineage's quads are grouped by subject, and each subject's quads digested. The cache (kg/lineage/cache.py) keeps
the digests of the graph last written, with the runs that wrote it; when the store's lineage graph was last written
by those runs, a subject whose digest is unchanged is left alone, and for each other subject the quads the store
holds for it are compared with the new ones: those that went are deleted, the new ones inserted. A store written
since by anything else (or no cache) gets the whole graph replaced. Either way the graph holds the new quads.

The rdfs:label of a lineage node is a function of that node's own quads (plankg.loaders.labels, lineage writes no
pk:citedWork), so labels are made for the subjects written only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from plankg.graph.store import replace_graph, run_record, triples_text
from plankg.graph.vocab import LINEAGE_GRAPH
from plankg.lineage import records
from plankg.loaders.labels import label_quads

if TYPE_CHECKING:
    from pyoxigraph import Store

    from plankg.lineage.cache import LineageCache

WRITE_BATCH = 100_000  # lineage quads written in one transaction
Object = str | Literal | BlankNode  # an IRI as a string, else the term
Subjects = dict[str, set[tuple[str, Object]]]  # subject IRI -> its (predicate IRI, object) pairs


def digest(pairs: set[tuple[str, Object]]) -> bytes:
    """A digest of one subject's quads (its predicates and objects, in N-Triples form, sorted)."""
    lines = sorted(f"{p} {f'<{o}>' if isinstance(o, str) else o}" for p, o in pairs)
    return hashlib.blake2b("\n".join(lines).encode("utf-8"), digest_size=12).digest()


def quads_of(subjects: Iterable[tuple[str, set[tuple[str, Object]]]]) -> list[Quad]:
    graph = NamedNode(str(LINEAGE_GRAPH))
    out: list[Quad] = []
    for s, pairs in subjects:
        node = NamedNode(s)
        out.extend(Quad(node, NamedNode(p), NamedNode(o) if isinstance(o, str) else o, graph) for p, o in pairs)
    return out


def write(store: Store, subjects: Subjects, cache: LineageCache | None, whole: bool = False) -> int:
    """Make the lineage graph hold the quads of subjects and their labels (whole: replace it whole); returns how
    many quads it holds."""
    digests = {s: digest(pairs) for s, pairs in subjects.items()}
    previous = None if whole else _previous(store, cache)
    if previous is None:
        counts = {s: len(pairs) for s, pairs in subjects.items()}
        for labels in _replace(store, subjects):
            for q in labels:
                counts[_subject(q)] += 1
        written = {s: (digests[s], counts[s]) for s in subjects}
        if cache is not None:
            cache.set_written(written, replace=True)
    else:
        changed = [s for s, d in digests.items() if previous.get(s, (b"", 0))[0] != d]
        gone = [s for s in previous if s not in digests]
        new = quads_of((s, subjects[s]) for s in changed)
        labels = label_quads(new)
        new_set = set(new) | set(labels)
        old_set = {
            q for s in (*changed, *gone) for q in store.quads_for_pattern(NamedNode(s), None, None, NamedNode(str(LINEAGE_GRAPH)))
        }
        _apply(store, sorted(old_set - new_set, key=str), sorted(new_set - old_set, key=str))
        counts = {s: len(subjects[s]) for s in changed}
        for q in labels:
            counts[_subject(q)] += 1
        written = {s: (digests[s], counts[s]) for s in changed}
        assert cache is not None
        cache.set_written(written, gone=gone)
        written = {**previous, **written}
        for s in gone:
            del written[s]
    if cache is not None:
        cache.set_meta("lineage-runs", records.writes(store).get(str(LINEAGE_GRAPH)))
    return sum(count for _, count in written.values())


def _subject(quad: Quad) -> str:
    if not isinstance(quad.subject, NamedNode):
        raise TypeError(f"a lineage quad's subject is not an IRI: {quad}")
    return quad.subject.value


def _previous(store: Store, cache: LineageCache | None) -> dict[str, tuple[bytes, int]] | None:
    """The digests of the lineage graph's subjects as the cache recorded them, if the store's lineage graph is
    still the one written then (written by the same runs); else None."""
    if cache is None or not store.contains_named_graph(NamedNode(str(LINEAGE_GRAPH))):
        return None
    runs = cache.meta("lineage-runs")
    if runs is None or records.writes(store).get(str(LINEAGE_GRAPH)) != runs:
        return None
    return cache.written()


def _replace(store: Store, subjects: Subjects) -> Iterator[list[Quad]]:
    """Replace the lineage graph by the quads of subjects and their labels (yielded, a batch at a time): in one
    transaction up to WRITE_BATCH quads, else in batches of about that size, made as they are written.

    Oxigraph keeps a transaction in memory (about 2 KB a quad as a SPARQL update), so the single transaction
    that keeps the graph whole would need 13 GB for a thousand plans; a batched rewrite interrupted part-way
    leaves part of the new graph, which the next write replaces whole (the cache does not vouch for it).
    """
    if sum(len(pairs) for pairs in subjects.values()) <= WRITE_BATCH:
        quads = quads_of(subjects.items())
        labels = label_quads(quads)
        replace_graph(store, str(LINEAGE_GRAPH), quads + labels)
        yield labels
        return
    store.remove_graph(NamedNode(str(LINEAGE_GRAPH)))
    batch: list[tuple[str, set[tuple[str, Object]]]] = []
    size = 0
    for n, entry in enumerate(subjects.items()):
        batch.append(entry)
        size += len(entry[1])
        if size >= WRITE_BATCH or n == len(subjects) - 1:
            quads = quads_of(batch)
            labels = label_quads(quads)  # a node's label is a function of its own quads: see the module's docstring
            store.extend(quads + labels)
            store.flush()  # RocksDB holds what was written in memory until a flush: about 1 KB a quad
            yield labels
            batch, size = [], 0
    store.update(run_record(str(LINEAGE_GRAPH)))


def _apply(store: Store, delete: list[Quad], insert: list[Quad]) -> None:
    """Delete and insert quads of the lineage graph and record the run: one transaction up to WRITE_BATCH quads,
    else batches, the run recorded with the last (an interrupted update leaves a graph the cache does not vouch
    for, so the next write replaces it whole)."""
    graph = str(LINEAGE_GRAPH)
    batches = [("DELETE", delete[k : k + WRITE_BATCH]) for k in range(0, len(delete), WRITE_BATCH)]
    batches += [("INSERT", insert[k : k + WRITE_BATCH]) for k in range(0, len(insert), WRITE_BATCH)]
    for n, (verb, quads) in enumerate(batches):
        last = n == len(batches) - 1
        update = f"{verb} DATA {{ GRAPH <{graph}> {{\n{triples_text(quads)}}} }}"
        store.update(f"{update} ;\n{run_record(graph)}" if last else update)
        if len(batches) > 1:
            store.flush()
    if not batches:
        store.update(run_record(graph))
