"""The build, as one function: load → validate → lineage → reason → views → flush, results returned, not printed.

`plankg build` and notebooks call the same function; what each document gave (its graph, counts, warnings,
error, validation) comes back in a BuildReport for the caller to print or inspect. A document that fails is
reported in it and changes nothing already stored; a machine fault (a full disk, the store in use) is raised.
"""

from __future__ import annotations

import contextlib
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import Store

from plankg.loading.documents import LoadResult

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from plankg.graph.inferences import InferenceUpkeep, Kept
    from plankg.lineage.graph import LineageSummary
    from plankg.loading.limits import Limits
    from plankg.validation.shacl import DocumentReport

DEFAULT_SITE = Path("plankg-site")


@dataclass
class DocumentResult(LoadResult):
    """What the build did with one input file: LoadResult's graph, triples, warnings and error, the counts of what
    its graph holds (chapters, measures, indicators …), and its validation report when the build validated it.

    Example:
        >>> document = report.documents[1]
        >>> document.counts["chapters"], document.validation.count("Warning")
        (6, 31)
    """

    counts: dict[str, int] = field(default_factory=dict)
    validation: DocumentReport | None = field(default=None, repr=False)  # its findings are many: see .validation


@dataclass
class BuildReport:
    """What a build did: each input file's result, the folder entries skipped (with why), and the later stages'
    outcomes (None for a stage not run).

    Example:
        >>> report = plankg.build(store="plankg-data", lineage=False)
        >>> report.ok, [d.path.name for d in report.failed]
        (True, [])
    """

    store: Path | None
    documents: list[DocumentResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    validation: list[DocumentReport] | None = field(default=None, repr=False)
    lineage: LineageSummary | None = None
    inferred: int | None = None
    inferences_kept: Kept | None = None  # a store's inferred graph kept up to date instead of materialised (reason)
    pages: list[Path] = field(default_factory=list)

    def __repr__(self) -> str:
        """What a notebook cell shows: the outcome in one line (the documents and reports are attributes)."""
        parts = [f"{len(self.loaded)} of {len(self.documents)} documents loaded", f"{len(self.failed)} failed"]
        if found := self.findings():
            parts.append(f"{sum(v for v, _ in found.values())} violations, {sum(w for _, w in found.values())} warnings")
        if self.lineage is not None:
            parts.append(f"lineage: {self.lineage.reuse_links} reuse links, {self.lineage.families} policy families")
        return f"<BuildReport {self.store or 'in an open store'}: {'; '.join(parts)}>"

    @property
    def loaded(self) -> list[DocumentResult]:
        """The documents whose graph the store now holds (a graph a later file of the batch replaced left out).

        Example:
            >>> [d.graph for d in report.loaded][1]
            'https://w3id.org/plankg/id/graph/plan/210000/fyp/2021-2025/6362853e/zh-Hans'
        """
        return [d for d in self.documents if d.ok and not d.replaced_by]

    @property
    def failed(self) -> list[DocumentResult]:
        """The documents that did not load, each with its error (the store unchanged by them).

        Example:
            >>> [(d.path.name, d.error) for d in plankg.build(["empty.txt"], lineage=False).failed]
            [('empty.txt', 'the file is empty')]
        """
        return [d for d in self.documents if not d.ok]

    @property
    def conforms(self) -> bool | None:
        """Whether every validated document conforms to the shapes (None when the build did not validate).

        Example:
            >>> report.conforms
            True
        """
        return None if self.validation is None else all(r.conforms for r in self.validation)

    @property
    def ok(self) -> bool:
        """Every document loaded, and conforms when validated: `plankg build` exits 0.

        Example:
            >>> report.ok
            True
        """
        return not self.failed and self.conforms is not False

    def findings(self) -> dict[str, tuple[int, int]] | None:
        """(violations, warnings) of each validated graph, None when the build did not validate.

        Example:
            >>> sum(warnings for _, warnings in report.findings().values())
            90
        """
        if self.validation is None:
            return None
        return {r.graph: (r.count("Violation"), r.count("Warning")) for r in self.validation}


@dataclass(frozen=True)
class Step:
    """Where a build is, for a progress display: a stage ("loading", "validating", "lineage", "reasoning", "views")
    starting; while loading, once per file, the file and how many came before it.

    Example:
        >>> plankg.build(store="plankg-data", progress=lambda step: print(step.stage, step.path))
    """

    stage: str
    done: int = 0
    total: int = 0
    path: Path | None = None


Progress = Callable[[Step], None]


def build(
    paths: Iterable[str | Path] | str | Path | None = None,
    store: str | Path | Store | None = None,
    *,
    validate: bool = True,
    lineage: bool = True,
    reason: bool = False,
    views: bool = False,
    site: str | Path = DEFAULT_SITE,
    replace: bool = False,
    limits: Limits | None = None,
    wait: float = 0,
    engine: str = "pyrudof",
    parallel: bool | None = None,
    progress: Progress | None = None,
    store_dir: Path | None = None,
) -> BuildReport:
    """Load documents into a store, then validate them, rebuild the lineage graph, reason and write the views.

    paths: files and folders (None: the bundled corpus). store: a folder (default: $PLANKG_STORE or
    ./plankg-data), opened for writing, waiting up to `wait` seconds for another process writing it; or an open
    pyoxigraph Store, whose folder store_dir names when the disk fills. replace lets a later file of the batch
    replace the graph of an earlier one of the same plan; limits raise the limits on one document; views are written
    to the folder `site`. parallel: search text reuse for the lineage graph in a second process while this one
    validates; that process imports the calling script again, which must keep its own work under
    `if __name__ == "__main__":`, so by default it is used only where there is no script (a notebook, the
    interpreter's prompt). progress is called with a Step as each stage starts, and before each file is loaded.

    Example:
        >>> report = plankg.build(store="plankg-data")  # the bundled corpus
        >>> [(d.path.name, d.counts["measures"]) for d in report.loaded][1]
        ('001_e6d1326eb6e5ef17.txt', 107)
    """
    from plankg.graph.store import flush, open_store, store_path

    if isinstance(store, Store):
        location, opened = store_dir, store
    else:
        location = store_path(str(store) if store is not None else None)
        opened = open_store(location, wait=wait)
    from plankg.graph.inferences import InferenceUpkeep

    upkeep = None if reason else InferenceUpkeep(opened)  # reasoning materialises the inferred graph anew
    with _worker(parallel if lineage else False) as worker:
        try:
            report = BuildReport(location)
            _load(opened, report, _paths(paths), replace, limits, location, upkeep, progress or _quiet)
            _after_loading(
                opened, location, report, lineage, worker, validate, reason, upkeep, views, Path(site), engine, progress or _quiet
            )
            return report
        except BaseException as exc:
            # The store's files stay locked while anything refers to the Store: a notebook keeps the last exception,
            # and its traceback the frames below, whose locals would keep a store this call opened from being opened
            # again.
            if not isinstance(store, Store):
                traceback.clear_frames(exc.__traceback__)
            raise
        finally:
            _flush_quietly(opened, flush)
            del opened, upkeep  # the upkeep refers to the store too


def _quiet(step: Step) -> None:
    """No progress display."""


def _no_script() -> bool:
    """Whether the program is not a script a second process would import again (a notebook, the interactive prompt)."""
    import sys

    return getattr(sys.modules.get("__main__"), "__file__", None) is None


def _paths(paths: Iterable[str | Path] | str | Path | None) -> list[Path]:
    """The paths to load: None is the bundled corpus's documents (its package files, notes and bytecode are none of
    the user's business); an empty list is nothing."""
    from plankg.loading.documents import bundled_corpus, find_documents

    if paths is None:
        return find_documents([bundled_corpus()])
    if isinstance(paths, str | Path):
        return [Path(paths)]
    return [Path(p) for p in paths]


def _start_worker() -> Executor:
    """The build's worker process (plankg.lineage.worker), started before anything else so that it has loaded jieba's
    dictionary by the time the documents are loaded and its text-reuse search can start."""
    from plankg.lineage.fingerprints import load_dictionary
    from plankg.lineage.worker import start

    return start(load_dictionary)


def _load(
    store: Store,
    report: BuildReport,
    paths: list[Path],
    replace: bool,
    limits: Limits | None,
    location: Path | None,
    upkeep: InferenceUpkeep | None,
    progress: Progress,
) -> None:
    """Each file loaded in turn, its result (counts read back from the store) added to the report."""
    from plankg.loading.documents import Batch, gather
    from plankg.loading.limits import DEFAULT_LIMITS
    from plankg.query.stats import summaries

    inputs = gather(paths)
    batch = Batch(store, limits or DEFAULT_LIMITS, replace, location, inputs.size(), upkeep)
    results = []
    for done, path in enumerate(inputs.files):
        progress(Step("loading", done, len(inputs.files), path))
        results.append(batch.load(path))
    counts = {s.graph: s.counts for s in summaries(store, [r.graph for r in results if r.ok])}
    report.documents = [DocumentResult(**vars(r)) for r in results]  # replaced_by is set on earlier results by then
    for document in report.loaded:
        document.counts = counts.get(document.graph, {})
    report.skipped = inputs.skipped


def _after_loading(
    store: Store,
    location: Path | None,
    report: BuildReport,
    lineage: bool,
    worker: Executor | None,
    validate: bool,
    reason: bool,
    upkeep: InferenceUpkeep | None,
    views: bool,
    site: Path,
    engine: str,
    progress: Progress,
) -> None:
    """Validation runs while the worker searches text reuse for the lineage graph; then the inferred graph is
    materialised (reason) or kept up to date (upkeep), and the views written."""
    rebuild = None
    if lineage:
        from plankg.lineage.graph import LineageRebuild

        # a worker searches text reuse while this process validates; what lineage computed is kept in the store's folder
        rebuild = LineageRebuild(store, worker, cache=location, touched=upkeep.touched if upkeep else None)
    if validate:
        from plankg.validation.shacl import check_loaded

        progress(Step("validating"))
        report.validation = check_loaded(store, [d.graph for d in report.loaded], engine)
        by_graph = {r.graph: r for r in report.validation}
        for document in report.loaded:
            document.validation = by_graph.get(document.graph)
    if rebuild:
        progress(Step("lineage"))
        report.lineage = rebuild.finish()
    if reason:
        from plankg.graph.reason import materialise

        progress(Step("reasoning"))
        report.inferred = materialise(store)
    elif upkeep and upkeep.active:
        progress(Step("reasoning"))
        report.inferences_kept = upkeep.apply()
    if views:
        from plankg.viz.site import write_site

        progress(Step("views"))
        report.pages = write_site(store, site)


def update_lineage(
    store: Store, min_score: float | None = None, cache: Path | None = None, full: bool = False, parallel: bool | None = None
) -> LineageSummary:
    """Rebuild the lineage graph for what changed (lineage.graph.LineageRebuild) and keep the store's inferred graph,
    if it has one, up to date with it. parallel: as build's (a second process draws the candidates, or shares the
    whole text-reuse search when most texts are new)."""
    from plankg.graph.inferences import InferenceUpkeep

    with _worker(parallel) as worker:
        return _lineage_kept(store, InferenceUpkeep(store), min_score, cache, full, worker)


def _lineage_kept(
    store: Store,
    upkeep: InferenceUpkeep,
    min_score: float | None = None,
    cache: Path | None = None,
    full: bool = False,
    worker: Executor | None = None,
) -> LineageSummary:
    """Rebuild the lineage graph, upkeep told what it changed, then the inferred graph brought up to date."""
    from plankg.lineage.graph import LineageRebuild

    summary = LineageRebuild(store, worker, min_score, cache, full, upkeep.touched).finish()
    if kept := upkeep.apply():
        summary.inferences = str(kept)
    return summary


@contextlib.contextmanager
def _worker(parallel: bool | None) -> Iterator[Executor | None]:
    """The worker process of a build or a lineage update, started now (it loads jieba's dictionary while the caller works)
    when parallel says so (None: only where there is no script a second process would import again), then let go."""
    worker = _start_worker() if (_no_script() if parallel is None else parallel) else None
    try:
        yield worker
    finally:
        if worker:
            worker.shutdown(wait=False, cancel_futures=True)


@dataclass
class Removal:
    """What removing a document did: the graphs removed and the lineage graph after (its summary says how the
    inferred graph followed)."""

    graphs: list[str]
    lineage: LineageSummary | None


def remove(store: Store, document: str, cache: Path | None = None, parallel: bool | None = None) -> Removal:
    """Remove a document (by file name or graph IRI), update the lineage graph, whose links to the removed nodes
    would dangle otherwise, and keep the inferred graph up to date; nothing is done when no document matches.
    parallel: as update_lineage's."""
    from plankg.graph.inferences import InferenceUpkeep
    from plankg.graph.store import remove_document

    upkeep = InferenceUpkeep(store)
    with _worker(parallel) as worker:
        removed = remove_document(store, document, before=upkeep.replacing)
        if not removed:
            return Removal([], None)
        return Removal(removed, _lineage_kept(store, upkeep, cache=cache, worker=worker))


def _flush_quietly(store: Store, flush: Callable[[Store], None]) -> None:
    """Flush whatever happened; a flush that fails too (the disk still full) leaves the writes in the store's log,
    which the next open replays, so the failure that stopped the build is the one reported."""
    with contextlib.suppress(OSError):
        flush(store)
