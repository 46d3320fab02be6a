"""Loading documents into the store: find the files, parse each, replace its graph, report.

Nothing is lost without a word: a path that cannot be read is a failed document with its reason, a folder entry
that is not a document is named as skipped, and two files of one batch that would write the same graph (a .txt and
its .html, a file and its copy) are an error naming both, unless the build is told to let the later one replace.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pyoxigraph import Quad, Store

from plankg.graph.faults import disk_full, is_disk_full
from plankg.graph.inferences import InferenceUpkeep
from plankg.graph.solutions import select
from plankg.graph.store import flush, replace_graph
from plankg.graph.vocab import DCT, PK
from plankg.loaders.errors import LoadError
from plankg.loaders.formats import MEDIA_TYPES
from plankg.loaders.metadata import read_sidecar
from plankg.loaders.pipeline import parse_source
from plankg.loaders.read import read_source
from plankg.loaders.triples import document_quads, plan_identity, region_quads
from plankg.loading.limits import DEFAULT_LIMITS, Limits, check_file, check_text, time_limit

# Markdown (.md) is read when a file is named, not when a folder is: beside documents it is the format of notes
# (README.md, MANIFEST.md).
DOCUMENT_SUFFIXES = set(MEDIA_TYPES) - {".md", ".markdown"}
SIDECAR = ".meta.json"
# Bytes of store per byte of input, measured on the bundled corpus (27.2 MB of log and tables for 330 KB of text):
# the estimate of the space a build still needs when the disk fills.
STORE_BYTES_PER_INPUT_BYTE = 85
# Quads a batch writes before it flushes the store: RocksDB keeps what is written in memory (its memtables) until
# then, about 1 KB per quad, so without it a 500-plan load held 1 GB and grew with every document; flushed every
# 100k quads (about 45 synthetic plans) it stays near 215 MB, for about 5% more CPU.
FLUSH_EVERY_QUADS = 100_000


@dataclass
class LoadResult:
    """What happened to one input file."""

    path: Path
    graph: str = ""
    triples: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    replaced_by: Path | None = None  # a later file of the same batch wrote this graph (with --replace)

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class Inputs:
    """The files a build tries, in order (those it cannot read fail with the reason), and what it skipped, with why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def size(self) -> int:
        return sum(_size(path) for path in self.files)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def bundled_corpus() -> Path:
    """The sample corpus shipped inside the package."""
    return Path(str(resources.files("plankg.corpus")))


def unreadable(path: Path) -> str:
    """Why path cannot be read as a document ('' if it can): a symbolic-link loop, a broken link, no permission."""
    try:
        info = path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"a symbolic link loop: {path} -> {os.readlink(path)}"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"a broken symbolic link: {path} -> {os.readlink(path)}"
        if exc.errno == errno.ENOENT:
            return f"no such file: {path}"
        return f"cannot read {path}: {exc.strerror}"
    readable = os.access(path, os.R_OK | os.X_OK) if path.is_dir() else os.access(path, os.R_OK)
    if not readable:
        return f"cannot read {path}: permission denied"
    if not (path.is_dir() or path.is_file()):
        return f"not a regular file: {path} (mode {oct(info.st_mode)})"
    return ""


def gather(paths: Iterable[Path]) -> Inputs:
    """Files named directly, and the documents inside folders (sorted, sidecars used by their documents)."""
    found = Inputs()
    for path in paths:
        if path.is_dir() and not unreadable(path):
            _gather_folder(path, found)
        else:
            found.files.append(path)  # an unreadable one fails when loaded, with the reason
    return found


def _gather_folder(folder: Path, found: Inputs) -> None:
    others = []
    for entry in sorted(folder.iterdir()):
        if entry.name.endswith(SIDECAR):
            continue  # read with its document
        problem = unreadable(entry)
        if entry.suffix.lower() in DOCUMENT_SUFFIXES and problem:
            found.files.append(entry)  # fails when loaded, with the reason
        elif problem:
            found.skipped.append(f"{entry}: {problem}")
        elif entry.is_dir():
            found.skipped.append(f"{entry}: a folder inside a folder (give it as a PATH of its own to load it)")
        elif entry.suffix.lower() not in DOCUMENT_SUFFIXES:
            others.append(entry.name)
        else:
            found.files.append(entry)
    if others:
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        found.skipped.append(f"{folder}: {shown}: not documents ({', '.join(sorted(DOCUMENT_SUFFIXES))})")


def find_documents(paths: list[Path]) -> list[Path]:
    """The documents among paths (folders' documents included); gather() also tells what was skipped."""
    return gather(paths).files


@dataclass
class Parsed:
    graph: str
    quads: list[Quad]
    shared: list[Quad]
    warnings: list[str]


def parse_file(path: Path, limits: Limits) -> Parsed:
    """A document's graph, within the limits; raises LoadError naming the file and the problem."""
    if problem := unreadable(path):
        raise LoadError(path.name, problem)
    check_file(path, limits)
    with time_limit(path, limits):
        source = read_source(path)
        check_text(path, source.text, limits)
        doc, region = parse_source(source, read_sidecar(path))
        _, _, graph = plan_identity(doc, region)
        quads = document_quads(doc, region)
    return Parsed(graph, quads, list(region_quads(region)), doc.warnings)


def _failure(exc: Exception) -> str:
    if isinstance(exc, LoadError):
        return exc.problem
    if isinstance(exc, MemoryError):
        return "out of memory while loading it, nothing written for it: load it on a machine with more memory"
    return f"internal error while loading ({type(exc).__name__}: {exc}); please report it with this file"


def load_document(store: Store, path: Path, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Parse one file and replace its graph; a failure leaves the store untouched."""
    return Batch(store, limits).load(path)


def load_paths(store: Store, paths: list[Path], on_done: Callable[[LoadResult], None] = lambda r: None) -> list[LoadResult]:
    batch = Batch(store)
    results = []
    for path in gather(paths).files:
        result = batch.load(path)
        on_done(result)
        results.append(result)
    return results


def stored_file(store: Store, graph: str) -> str | None:
    """The file name of the document whose graph the store holds under that IRI, if any."""
    rows = select(
        store,
        f"SELECT ?file WHERE {{ GRAPH <{graph}> {{ ?source a <{PK.SourceDocument}> ; <{DCT.identifier}> ?file }} }} LIMIT 1",
    )
    return next((row["file"].value for row in rows), None)


class Batch:
    """The documents of one build, loaded one by one: a graph written by one file of the batch is not silently
    replaced by another (an error naming both, or with replace=True a warning), and a full disk stops it at once."""

    def __init__(
        self,
        store: Store,
        limits: Limits = DEFAULT_LIMITS,
        replace: bool = False,
        store_dir: Path | None = None,
        remaining_bytes: int = 0,
        upkeep: InferenceUpkeep | None = None,
    ) -> None:
        self.store, self.limits, self.replace, self.store_dir = store, limits, replace, store_dir or Path(".")
        self.upkeep = upkeep  # told what is written, to keep the inferred graph up to date
        self.written: dict[str, LoadResult] = {}
        self.remaining_bytes = remaining_bytes  # input bytes not yet loaded: for the space a full disk still needs
        self.unflushed = 0  # quads written since the store was last flushed

    def load(self, path: Path) -> LoadResult:
        """Parse one file and replace its graph; a failure leaves the store untouched. Raises a Fault on a full disk."""
        result = LoadResult(path)
        size = _size(path)
        self.remaining_bytes -= size
        try:
            parsed = parse_file(path, self.limits)
        except Exception as exc:  # a loader bug: this document fails, the batch goes on, the store is unchanged
            result.error = _failure(exc)
            return result
        earlier = self.written.get(parsed.graph)
        if earlier and not self.replace:
            result.error = (
                f"writes the same graph as {earlier.path} (the same plan: issuer, period, kind and "
                f"language), <{parsed.graph}>; nothing written for it: load one of the two, or give "
                "--replace to let the later file replace the earlier"
            )
            return result
        stored = None if earlier else stored_file(self.store, parsed.graph)
        if self.upkeep and (earlier or stored):
            self.upkeep.replacing(parsed.graph)
        try:
            replace_graph(self.store, parsed.graph, parsed.quads, shared=parsed.shared)
        except Exception as exc:
            if is_disk_full(exc):
                raise disk_full(
                    self.store_dir, (self.remaining_bytes + size) * STORE_BYTES_PER_INPUT_BYTE, f"writing {path.name}"
                ) from None
            result.error = _failure(exc)
            return result
        if earlier:
            earlier.replaced_by = path
            parsed.warnings.append(f"replaced the graph {earlier.path.name} wrote earlier in this build (the same plan)")
        elif stored and stored != path.name:
            parsed.warnings.append(f"replaced the graph loaded from {stored} before (the same plan)")
        if self.upkeep:
            self.upkeep.wrote(parsed.graph, parsed.shared)
        result.graph, result.triples, result.warnings = parsed.graph, len(parsed.quads), parsed.warnings
        self.written[parsed.graph] = result
        self._flush_now_and_then(len(parsed.quads))
        return result

    def _flush_now_and_then(self, quads: int) -> None:
        """Flush the store every FLUSH_EVERY_QUADS quads, so that a batch's memory does not grow with its size."""
        self.unflushed += quads
        if self.unflushed >= FLUSH_EVERY_QUADS:
            try:
                flush(self.store)
            except OSError as exc:
                if is_disk_full(exc):
                    raise disk_full(self.store_dir, self.remaining_bytes * STORE_BYTES_PER_INPUT_BYTE, "flushing") from None
                raise
            self.unflushed = 0
