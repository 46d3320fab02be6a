"""Shared fixtures: the bundled corpus parsed once, and a store built from it once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from plankg.graph.store import open_store
from plankg.loaders.pipeline import parse_document
from plankg.loaders.records import ParsedDocument
from plankg.loading.documents import bundled_corpus, load_paths

CORPUS = bundled_corpus()
FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="session")
def parsed() -> dict[str, ParsedDocument]:
    """Every corpus document parsed into records, by file name."""
    return {name: parse_document(CORPUS / name)[0] for name in FILES}


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory):
    """An on-disk store holding the whole bundled corpus."""
    path: Path = tmp_path_factory.mktemp("store")
    store = open_store(path)
    results = load_paths(store, [CORPUS])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return store


@pytest.fixture(scope="module")
def store_dir(corpus_store, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the corpus store on disk as it is when a module starts, for the command line (the session store
    stays open in this process)."""
    from pyoxigraph import RdfFormat, Store

    path = tmp_path_factory.mktemp("copy") / "store"
    copy = Store(str(path))
    copy.load(corpus_store.dump(format=RdfFormat.N_QUADS), format=RdfFormat.N_QUADS)
    copy.flush()
    del copy
    return path
