"""Writing the lineage graph: only the subjects whose quads changed since the last write, else the whole graph.

Lineage's quads are spooled as they are made (Spool): each one a line of its subject and its predicate and object
in N-Triples form, sorted in runs of bounded size spilled to disk and merged back in subject order, so that no
process ever holds the whole graph (14 million quads at ten thousand plans). Each subject's quads are digested
as they come. The cache (kg/lineage/cache.py) keeps the digests of the graph last written, in the same order,
with the runs that wrote it; when the store's lineage graph was last written by those runs, a subject whose digest
is unchanged is left alone, and for each other subject the quads the store holds for it are compared with the new
ones: those that went are deleted, the new ones inserted. A store written since by anything else (or no cache)
gets the whole graph replaced. Either way the graph holds the new quads.

The rdfs:label of a lineage node is a function of that node's own quads (plankg.loaders.labels, lineage writes no
pk:citedWork), so labels are made for the subjects written only, a batch of whole subjects at a time.
"""

from __future__ import annotations

import hashlib
import heapq
import tempfile
from collections.abc import Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from plankg.graph.store import replace_graph, run_record, triples_text
from plankg.graph.vocab import LINEAGE_GRAPH
from plankg.lineage import records
from plankg.loaders.labels import label_quads

if TYPE_CHECKING:
    from pyoxigraph import Store

    from plankg.lineage.cache import LineageCache

WRITE_BATCH = 100_000  # lineage quads written in one transaction
SPOOL_RUN = 500_000  # quads sorted in memory before a run of them is spilled to disk (about 100 MB)
Object = str | Literal  # an IRI as a string, else the literal
Subject = tuple[str, list[bytes]]  # a subject IRI and its quads' "predicate object" lines (N-Triples terms), sorted


def digest(lines: list[bytes]) -> bytes:
    """A digest of one subject's quads: its "predicate object" lines (sorted, distinct)."""
    return hashlib.blake2b(b"\n".join(lines), digest_size=12).digest()


class Spool:
    """Lineage quads as they are made, grouped by subject when read back (subjects), whatever order they came in.

    Each quad is one UTF-8 line (subject, tab, predicate and object as N-Triples terms: an IRI holds no tab, a
    literal's newlines and tabs are escaped); every SPOOL_RUN lines are sorted and spilled to a file of a temporary
    folder, and the files merged when read back. A subject's lines are contiguous in the sorted order (they are the
    lines that start with the subject and a tab), and their order within it is their digest's."""

    def __init__(self) -> None:
        self.lines: list[bytes] = []
        self.folder: tempfile.TemporaryDirectory[str] | None = None
        self.runs: list[Path] = []

    def add(self, s: str, p: str, o: Object) -> None:
        if isinstance(o, Literal):
            self.lines.append(f"{s}\t{p} {o}".encode())
        elif isinstance(o, str):
            self.lines.append(f"{s}\t{p} <{o}>".encode())
        else:
            raise TypeError(f"a lineage quad's object is neither an IRI nor a literal: {o!r}")
        if len(self.lines) >= SPOOL_RUN:
            self._spill()

    def _spill(self) -> None:
        if self.folder is None:
            self.folder = tempfile.TemporaryDirectory(prefix="plankg-lineage-")
        path = Path(self.folder.name) / f"run-{len(self.runs)}"
        with path.open("wb") as f:
            f.writelines(line + b"\n" for line in sorted(set(self.lines)))
        self.runs.append(path)
        self.lines = []

    def _sorted(self) -> Iterator[bytes]:
        """Every distinct line, in order."""
        if not self.runs:
            yield from sorted(set(self.lines))
            return
        if self.lines:
            self._spill()
        files = [path.open("rb") for path in self.runs]
        try:
            last = None
            for line in heapq.merge(*files):
                if line != last:
                    yield line[:-1]
                    last = line
        finally:
            for f in files:
                f.close()

    def subjects(self) -> Iterator[Subject]:
        """Each subject (in order) with its distinct lines, once; the spool is emptied."""
        subject: bytes | None = None
        lines: list[bytes] = []
        for line in self._sorted():
            s, _, rest = line.partition(b"\t")
            if s != subject:
                if subject is not None:
                    yield subject.decode(), lines
                subject, lines = s, []
            lines.append(rest)
        if subject is not None:
            yield subject.decode(), lines
        self.close()

    def close(self) -> None:
        self.lines, self.runs = [], []
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


def quads_of(subjects: Iterable[Subject]) -> list[Quad]:
    """The quads of subjects, in the lineage graph (parsed from their N-Triples lines at once)."""
    text = b"".join(
        b"<" + s.encode() + b"> <" + line.replace(b" ", b"> ", 1) + b" .\n" for s, lines in subjects for line in lines
    )
    graph = NamedNode(str(LINEAGE_GRAPH))
    return [Quad(t.subject, t.predicate, t.object, graph) for t in parse(text, format=RdfFormat.N_TRIPLES)]


def write(store: Store, spool: Spool, cache: LineageCache | None, whole: bool = False) -> int:
    """Make the lineage graph hold the quads of the spool and their labels (whole: replace it whole); returns how
    many quads it holds. The cache's record of the graph is withdrawn while the store is written (an interrupted
    write leaves a graph the cache does not vouch for: the next one replaces it whole) and made again after."""
    previous = None if whole else _previous(store, cache)
    if cache is not None:
        cache.set_meta("lineage-runs", None)
    if previous is None:
        total = _replace(store, spool, cache)
    else:
        assert cache is not None
        total = _update(store, spool, cache, previous)
    if cache is not None:
        cache.set_meta("lineage-runs", records.writes(store).get(str(LINEAGE_GRAPH)))
    return total


def _batches(subjects: Iterable[Subject], size: int) -> Iterator[list[Subject]]:
    """Whole subjects, about size quads at a time."""
    batch: list[Subject] = []
    count = 0
    for entry in subjects:
        batch.append(entry)
        count += len(entry[1])
        if count >= size:
            yield batch
            batch, count = [], 0
    if batch:
        yield batch


def _subject(quad: Quad) -> str:
    if not isinstance(quad.subject, NamedNode):
        raise TypeError(f"a lineage quad's subject is not an IRI: {quad}")
    return quad.subject.value


def _counted(batch: list[Subject], labels: list[Quad]) -> list[tuple[str, bytes, int]]:
    """(subject, digest, how many quads with its labels) of each subject of a batch."""
    labelled: dict[str, int] = {}
    for q in labels:
        labelled[_subject(q)] = labelled.get(_subject(q), 0) + 1
    return [(s, digest(lines), len(lines) + labelled.get(s, 0)) for s, lines in batch]


def _previous(store: Store, cache: LineageCache | None) -> Iterator[tuple[str, bytes, int]] | None:
    """The digests of the lineage graph's subjects as the cache recorded them (in subject order), if the store's
    lineage graph is still the one written then (written by the same runs); else None."""
    if cache is None or not store.contains_named_graph(NamedNode(str(LINEAGE_GRAPH))):
        return None
    runs = cache.meta("lineage-runs")
    if runs is None or records.writes(store).get(str(LINEAGE_GRAPH)) != runs:
        return None
    return cache.written()


def _replace(store: Store, spool: Spool, cache: LineageCache | None) -> int:
    """Replace the lineage graph by the quads of the spool and their labels: in one transaction up to WRITE_BATCH
    quads, else in batches of about that size, made as they are written (the cache's record of the graph with them).

    Oxigraph keeps a transaction in memory (about 2 KB a quad as a SPARQL update), so the single transaction
    that keeps the graph whole would need 13 GB for a thousand plans; a batched rewrite interrupted part-way
    leaves part of the new graph, which the next write replaces whole (the cache does not vouch for it).
    """
    if cache is not None:
        cache.clear_written()
    batches = _batches(spool.subjects(), WRITE_BATCH)
    first = next(batches, [])
    second = next(batches, None)
    total = 0
    if second is None:
        quads = quads_of(first)
        labels = label_quads(quads)  # a node's label is a function of its own quads: see the module's docstring
        replace_graph(store, str(LINEAGE_GRAPH), quads + labels)
        if cache is not None:
            cache.set_written(_counted(first, labels))
        return len(quads) + len(labels)
    store.remove_graph(NamedNode(str(LINEAGE_GRAPH)))
    for batch in chain((first, second), batches):
        quads = quads_of(batch)
        labels = label_quads(quads)
        store.extend(quads + labels)
        store.flush()  # RocksDB holds what was written in memory until a flush: about 1 KB a quad
        if cache is not None:
            cache.set_written(_counted(batch, labels))
        total += len(quads) + len(labels)
    store.update(run_record(str(LINEAGE_GRAPH)))
    return total


def _changes(
    spool: Spool, previous: Iterator[tuple[str, bytes, int]]
) -> Iterator[tuple[str, list[bytes] | None, tuple[bytes, int] | None]]:
    """(subject, its new lines or None when it went, its previous digest and count or None when new) of every
    subject of the new graph or the previous one, in subject order (both come in it)."""
    old = next(previous, None)
    for s, lines in spool.subjects():
        while old is not None and old[0] < s:
            yield old[0], None, old[1:]
            old = next(previous, None)
        if old is not None and old[0] == s:
            yield s, lines, old[1:]
            old = next(previous, None)
        else:
            yield s, lines, None
    while old is not None:
        yield old[0], None, old[1:]
        old = next(previous, None)


def _update(store: Store, spool: Spool, cache: LineageCache, previous: Iterator[tuple[str, bytes, int]]) -> int:
    """Write the subjects whose digest changed (the quads that went deleted, the new ones inserted) and forget the
    subjects that went; the others are left alone. One update up to WRITE_BATCH quads changed, else several."""
    graph = NamedNode(str(LINEAGE_GRAPH))
    total, updates = 0, 0
    delete: list[Quad] = []
    insert: list[Quad] = []
    written: list[tuple[str, bytes, int]] = []
    gone: list[str] = []

    def compare(subjects: list[Subject], went: list[str]) -> None:
        """The quads to delete and insert for subjects (new lines) and went (subjects no longer in the graph)."""
        nonlocal total
        new = quads_of(subjects)
        labels = label_quads(new)
        counted = _counted(subjects, labels)
        total += sum(n for _, _, n in counted)
        new_set = set(new) | set(labels)
        nodes = [NamedNode(s) for s in (*(s for s, _ in subjects), *went)]
        old_set = {q for node in nodes for q in store.quads_for_pattern(node, None, None, graph)}
        delete.extend(old_set - new_set)
        insert.extend(new_set - old_set)
        written.extend(counted)
        gone.extend(went)

    def apply(last: bool) -> None:
        nonlocal updates
        _apply(store, sorted(delete, key=str), sorted(insert, key=str), last, batched=updates > 0 or not last)
        cache.set_written(written, gone)
        for done in (delete, insert, written, gone):
            done.clear()
        updates += 1

    changed: list[Subject] = []
    went: list[str] = []
    size = 0
    for s, lines, old in _changes(spool, previous):
        if lines is None:
            went.append(s)
            size += old[1] if old else 0
        elif old is not None and old[0] == digest(lines):
            total += old[1]
            continue
        else:
            changed.append((s, lines))
            size += len(lines)
        if size >= WRITE_BATCH // 4:
            compare(changed, went)
            changed, went, size = [], [], 0
            if len(delete) + len(insert) >= WRITE_BATCH:
                apply(last=False)
    compare(changed, went)
    apply(last=True)
    return total


def _apply(store: Store, delete: list[Quad], insert: list[Quad], last: bool, batched: bool) -> None:
    """Delete and insert quads of the lineage graph, and record the run with the last; batched: one of several
    updates (each flushed: an interrupted update leaves a graph the cache does not vouch for, so the next write
    replaces it whole)."""
    graph = str(LINEAGE_GRAPH)
    changes = (("DELETE", delete), ("INSERT", insert))
    parts = [f"{verb} DATA {{ GRAPH <{graph}> {{\n{triples_text(quads)}}} }}" for verb, quads in changes if quads]
    if last:
        parts.append(run_record(graph))
    if parts:
        store.update(" ;\n".join(parts))
    if batched:
        store.flush()
