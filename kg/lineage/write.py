"""Writing the lineage graph: only the quads that changed since the last write.

Lineage's quads are spooled as they are made (Spool): each one a line of its subject and its predicate and object
in N-Triples form, sorted in runs of bounded size spilled to disk and merged back in subject order, so that no
process ever holds the whole graph (14 million quads at ten thousand plans). The cache (kg/lineage/cache.py) keeps
a digest of each subject's quads in the graph last written, in the same order, and the runs that wrote it; when the
store's lineage graph was last written by those runs, a subject whose digest is unchanged is left alone, and for
each other subject the quads the store holds for it are compared with the new ones: those that went are deleted,
the new ones inserted. A store written since by anything else, no cache or a full rebuild: the graph the store holds
is read (spooled the same way) and compared with the new one subject by subject. Either way the graph holds the new
quads, and a rebuild that finds what was there rewrites nothing (replacing a graph in one transaction would hold
1.4 KB a quad of it in memory).

A unit of the graph (Units: a reuse link and the nodes under its IRI, an instrument mention and its span) whose
inputs are those it had in the graph the cache vouches for is not even made: its subjects are left alone.

The rdfs:label of a lineage node is a function of that node's own quads (plankg.loaders.labels, lineage writes no
pk:citedWork), so labels are made for the subjects written only, a batch of whole subjects at a time.
"""

from __future__ import annotations

import hashlib
import heapq
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, parse

from plankg.graph.store import run_record
from plankg.graph.vocab import LINEAGE_GRAPH
from plankg.lineage import records
from plankg.loaders.labels import label_quads, label_sources

if TYPE_CHECKING:
    from pyoxigraph import Store

    from plankg.lineage.cache import LineageCache

WRITE_BATCH = 100_000  # lineage quads written in one transaction
SPOOL_RUN = 500_000  # quads sorted in memory before a run of them is spilled to disk (about 100 MB)
Object = str | Literal  # an IRI as a string, else the literal
Old = tuple[bytes, int] | list[bytes]  # a subject's digest and number of quads recorded by the cache, or its lines
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
        if type(o) is str:  # most objects are IRIs (a few hundred thousand quads a run: the cheapest test first)
            line = f"{s}\t{p} <{o}>"
        elif isinstance(o, Literal):
            line = f"{s}\t{p} {o}"
        elif isinstance(o, str):
            line = f"{s}\t{p} <{o}>"
        else:
            raise TypeError(f"a lineage quad's object is neither an IRI nor a literal: {o!r}")
        lines = self.lines
        lines.append(line.encode())
        if len(lines) >= SPOOL_RUN:
            self._spill()

    def add_line(self, line: bytes) -> None:
        """A quad as a line already (subject, tab, predicate and object)."""
        self.lines.append(line)
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
    graph = NamedNode(str(LINEAGE_GRAPH))
    return [Quad(t.subject, t.predicate, t.object, graph) for t in parse(_ntriples(subjects), format=RdfFormat.N_TRIPLES)]


def _ntriples(subjects: Iterable[Subject]) -> bytes:
    return b"".join(
        b"<" + s.encode() + b"> <" + line.replace(b" ", b"> ", 1) + b" .\n" for s, lines in subjects for line in lines
    )


def _line(quad: Quad) -> bytes:
    """A quad's "predicate object" line (the object in N-Triples form, as Spool writes it)."""
    return f"{quad.predicate.value} {quad.object}".encode()


class Units:
    """The units of the lineage graph: a node and the nodes under its IRI (a reuse link with its features, passages
    and their spans; an instrument mention with its span), whose quads no other part of the graph adds to and which
    are a function of a few inputs. Each unit's inputs are digested as the graph is made (fresh): a unit whose digest
    is the one recorded when the graph the cache vouches for was written is neither made, nor read, nor compared
    again; its quads, in the store, stand. globs: GLOB patterns matching the subjects of units, and no others."""

    def __init__(self, before: dict[str, bytes], globs: tuple[str, ...]) -> None:
        self.before, self.now, self.globs = before, dict[str, bytes](), globs

    def fresh(self, unit: str, *inputs: object) -> bool:
        """Record the digest of a unit's inputs (their repr: str, numbers and tuples of them); whether its quads must
        be made (it is new, or its inputs changed)."""
        digest = hashlib.blake2b(repr(inputs).encode(), digest_size=12).digest()
        self.now[unit] = digest
        return self.before.get(unit) != digest

    def redone(self) -> list[str]:
        """The units recorded whose quads were made again or went."""
        return [u for u, d in self.before.items() if self.now.get(u) != d]

    def save(self, cache: LineageCache) -> None:
        cache.set_units(
            {u: d for u, d in self.now.items() if self.before.get(u) != d}, [u for u in self.before if u not in self.now]
        )


def vouched(store: Store, cache: LineageCache | None, globs: tuple[str, ...] = ()) -> bool:
    """Whether the cache's record of the lineage graph (its subjects' and units' digests) is of the graph the store
    holds, kept with the units of globs (Units.globs; a record kept with other units has no digest of some subjects
    and digests of units the other code never made): then a write compares the new graph with the record, and the
    units left unchanged need not be made."""
    if cache is None or not store.contains_named_graph(NamedNode(str(LINEAGE_GRAPH))):
        return False
    recorded = cache.meta("lineage-runs")
    return recorded is not None and recorded == _recorded(store, globs)


def _recorded(store: Store, globs: tuple[str, ...]) -> str | None:
    """What the cache's record of the lineage graph is of: the runs that wrote the graph and the units left out of
    the record (Units.globs), in one value, so that code leaving out other units (or none) never vouches for it."""
    runs = records.writes(store).get(str(LINEAGE_GRAPH))
    return None if runs is None else "|".join((runs, *globs))


def write(
    store: Store,
    spool: Spool,
    cache: LineageCache | None,
    whole: bool = False,
    units: Units | None = None,
    touched: Callable[[Iterable[str]], None] | None = None,
) -> int:
    """Make the lineage graph hold the quads of the spool and their labels; returns how many quads it holds. Only
    the quads that changed are written: found by the digests the cache recorded of the graph it vouches for, else
    (whole, no cache, or a graph written since by anything else) by reading the graph the store holds. The cache's
    record of the graph is withdrawn while the store is written (an interrupted write leaves a graph the cache does
    not vouch for) and made again after. units: the graph's units, those not made again left out of the spool, which
    only a graph the cache vouches for allows. touched: told the subjects and objects of the quads deleted or
    inserted (kg/graph/inferences.py)."""
    previous: Iterator[tuple[str, Old]] | None = None
    unlisted = 0  # quads of the units not made again
    globs = units.globs if units is not None else ()
    if cache is not None and not whole and vouched(store, cache, globs):
        previous, unlisted = _previous(cache, units)
    if units is not None and units.before and previous is None:
        raise ValueError("units of the lineage graph were left out, but the cache does not vouch for the graph stored")
    if cache is not None:
        cache.set_meta("lineage-runs", None)
        if previous is None:
            cache.clear_written()
    total = unlisted + _write(store, spool, cache, previous if previous is not None else _stored(store), touched)
    if cache is not None:
        if units is not None:
            units.save(cache)
        cache.set_meta("lineage-runs", _recorded(store, globs))
    return total


def _stored(store: Store) -> Iterator[tuple[str, Old]]:
    """Each subject of the lineage graph the store holds, with its lines, in subject order: the graph dumped as
    N-Triples to a file (Oxigraph writes a term as str() of it does) and spooled."""
    spool = Spool()
    with tempfile.TemporaryDirectory(prefix="plankg-lineage-") as folder:
        dumped = Path(folder) / "lineage.nt"
        store.dump(dumped, format=RdfFormat.N_TRIPLES, from_graph=NamedNode(str(LINEAGE_GRAPH)))
        with dumped.open("rb") as f:
            for line in f:  # <s> <p> o .
                s, _, p_o = line[1:-3].partition(b"> <")
                spool.add_line(s + b"\t" + p_o.replace(b"> ", b" ", 1))
    return spool.subjects()


LABELLED_BY = tuple(f"{p} ".encode() for p in label_sources())  # the lines a label is made of (labels.py)


def _may_be_labelled(lines: list[bytes]) -> bool:
    """Whether label_quads may give a subject of these lines a label: only when it states one of LABELLED_BY."""
    return any(line.startswith(LABELLED_BY) for line in lines)


def _named(term: object) -> str:
    if not isinstance(term, NamedNode):
        raise TypeError(f"a lineage quad's subject or object is a blank node: {term}")
    return term.value


def _previous(cache: LineageCache, units: Units | None) -> tuple[Iterator[tuple[str, Old]], int]:
    """The digests of the lineage graph's subjects as the cache recorded them (in subject order), but those of the
    units not made again (Units: their subjects stand), and how many quads those have."""
    if units is None or not units.before:
        return ((s, (d, n)) for s, d, n in cache.written()), 0
    redone = cache.written_under(units.redone())
    unlisted = cache.written_quads(units.globs) - sum(n for _, _, n in redone)
    return ((s, (d, n)) for s, d, n in heapq.merge(cache.written(units.globs), redone)), unlisted


def _changes(spool: Spool, previous: Iterator[tuple[str, Old]]) -> Iterator[tuple[str, list[bytes] | None, Old | None]]:
    """(subject, its new lines or None when it went, what was recorded of it or None when new) of every subject of
    the new graph or the previous one, in subject order (both come in it)."""
    old = next(previous, None)
    for s, lines in spool.subjects():
        while old is not None and old[0] < s:
            yield old[0], None, old[1]
            old = next(previous, None)
        if old is not None and old[0] == s:
            yield s, lines, old[1]
            old = next(previous, None)
        else:
            yield s, lines, None
    while old is not None:
        yield old[0], None, old[1]
        old = next(previous, None)


def _write(
    store: Store,
    spool: Spool,
    cache: LineageCache | None,
    previous: Iterator[tuple[str, Old]],
    touched: Callable[[Iterable[str]], None] | None,
) -> int:
    """Delete the quads that went and insert the new ones, subject by subject; a subject the cache recorded with the
    same digest is left alone. One update up to WRITE_BATCH quads changed, else several of about that size."""
    graph = NamedNode(str(LINEAGE_GRAPH))
    total, updates, size = 0, 0, 0
    delete: list[Subject] = []
    insert: list[Subject] = []
    written: list[tuple[str, bytes, int]] = []
    gone: list[str] = []
    entries: list[tuple[str, list[bytes] | None, Old | None]] = []

    def compare() -> None:
        """The lines to delete and insert of the subjects of entries (labels made of their new quads)."""
        nonlocal total
        subjects = [(s, lines) for s, lines, _ in entries if lines is not None and _may_be_labelled(lines)]
        labels = label_quads(quads_of(subjects))  # a node's label is a function of its own quads: see the docstring
        labelled: dict[str, list[bytes]] = {}
        for q in labels:
            labelled.setdefault(_named(q.subject), []).append(_line(q))
        for s, lines, old in entries:
            new = set(lines or ()) | set(labelled.get(s, ()))
            if old is None:
                before: set[bytes] = set()
            elif isinstance(old, list):
                before = set(old)
            else:
                before = {_line(q) for q in store.quads_for_pattern(NamedNode(s), None, None, graph)}
            if before - new:
                delete.append((s, sorted(before - new)))
            if new - before:
                insert.append((s, sorted(new - before)))
            if lines is None:
                gone.append(s)
            else:
                written.append((s, digest(lines), len(new)))
                total += len(new)
        entries.clear()

    def apply(last: bool) -> None:
        nonlocal updates
        if touched:
            touched(_terms(delete + insert))
        _apply(store, delete, insert, last, batched=updates > 0 or not last)
        if cache is not None:
            cache.set_written(written, gone)
        for done in (delete, insert, written, gone):
            done.clear()
        updates += 1

    for s, lines, old in _changes(spool, previous):
        if lines is not None and isinstance(old, tuple) and old[0] == digest(lines):
            total += old[1]  # recorded by the cache as it is now
            continue
        entries.append((s, lines, old))
        size += len(lines or ()) + (len(old) if isinstance(old, list) else old[1] if old else 0)
        if size >= WRITE_BATCH // 4:
            compare()
            size = 0
            if sum(len(lines) for _, lines in (*delete, *insert)) >= WRITE_BATCH:
                apply(last=False)
    compare()
    apply(last=True)
    return total


def _terms(subjects: list[Subject]) -> Iterator[str]:
    """The subjects of these quads and their objects that are IRIs."""
    for s, lines in subjects:
        yield s
        for line in lines:
            o = line.partition(b" ")[2]
            if o.startswith(b"<"):
                yield o[1:-1].decode()


def _apply(store: Store, delete: list[Subject], insert: list[Subject], last: bool, batched: bool) -> None:
    """Delete and insert quads of the lineage graph (their lines), and record the run with the last; batched: one of
    several updates (each flushed: an interrupted update leaves a graph the cache does not vouch for, so the next
    write reads the store's). The deletes go first: a line deleted and a line inserted may be one quad, a literal in
    two forms (an xsd:decimal made as "1.0", which the store holds as "1"), which must stay."""
    graph = str(LINEAGE_GRAPH)
    deleted = f"DELETE DATA {{ GRAPH <{graph}> {{\n{_ntriples(delete).decode()}}} }}"
    if not batched:
        parts = [deleted] if delete else []
        if insert:
            parts.append(f"INSERT DATA {{ GRAPH <{graph}> {{\n{_ntriples(insert).decode()}}} }}")
        if last:
            parts.append(run_record(graph))
        if parts:
            store.update(" ;\n".join(parts))
        return
    if delete:
        store.update(deleted)
    if insert:
        store.extend(quads_of(insert))  # one transaction, half the cost of the update's text
    if last:
        store.update(run_record(graph))
    store.flush()  # RocksDB holds what was written in memory until a flush: about 1 KB a quad
