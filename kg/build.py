"""Loading documents into the store: find the files, parse each, replace its graph, report."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pyoxigraph import Store

from plankg.loaders.errors import LoadError
from plankg.loaders.pipeline import parse_document
from plankg.loaders.triples import document_quads, plan_identity, region_quads
from plankg.store import replace_graph

DOCUMENT_SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}


@dataclass
class LoadResult:
    """What happened to one input file."""

    path: Path
    graph: str = ""
    triples: int = 0
    error: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error


def bundled_corpus() -> Path:
    """The sample corpus shipped inside the package."""
    return Path(str(resources.files("plankg.corpus")))


def find_documents(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, and the documents inside folders (sorted, sidecars and notes skipped)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            yield path


def load_document(store: Store, path: Path) -> LoadResult:
    """Parse one file and replace its graph; a failure leaves the store untouched."""
    result = LoadResult(path)
    try:
        doc, region = parse_document(path)
        _, _, graph = plan_identity(doc, region)
        quads = document_quads(doc, region)
        replace_graph(store, graph, quads, shared=region_quads(region))
    except LoadError as exc:
        result.error = exc.problem
        return result
    except Exception as exc:  # a loader bug: this document fails, the batch goes on, the store is unchanged
        result.error = f"internal error while loading ({type(exc).__name__}: {exc}); please report it with this file"
        return result
    result.graph, result.triples, result.warnings = graph, len(quads), doc.warnings
    return result


def load_paths(store: Store, paths: list[Path], on_done: Callable[[LoadResult], None] = lambda r: None) -> list[LoadResult]:
    results = []
    for path in find_documents(paths):
        result = load_document(store, path)
        on_done(result)
        results.append(result)
    return results
