"""Loads never lose data: a failure inside a document's write, or a build killed with SIGKILL, leaves the
store as it was before that document, and a build never touches graphs it was not asked to replace.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pyoxigraph import RdfFormat, Store

from plankg.graph.store import document_graphs, open_store
from plankg.graph.vocab import RUNS_GRAPH
from plankg.loading.documents import bundled_corpus, load_document, load_paths
from plankg.synth import write_corpus

CORPUS = bundled_corpus()
BATCH = 40  # synthetic plans in the killed build: about 1.3 MB of write-ahead log each


def quads(store: Store) -> set[str]:
    """The store as N-Quads lines, without the record of when graphs were written."""
    text = store.dump(format=RdfFormat.N_QUADS).decode("utf-8")
    return {line for line in text.splitlines() if f"<{RUNS_GRAPH}>" not in line}


def corpus_store(path: Path) -> Store:
    store = open_store(path)
    assert all(r.ok for r in load_paths(store, [CORPUS]))
    return store


def test_a_failure_inside_a_documents_write_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch) -> None:
    store = corpus_store(tmp_path / "store")
    before = store.dump(format=RdfFormat.N_QUADS)
    changed = tmp_path / "001_e6d1326eb6e5ef17.txt"  # 001 with its first measure reworded: its graph would change
    changed.write_text((CORPUS / changed.name).read_text(encoding="utf-8").replace("革弊鼎新", "改革创新"), encoding="utf-8")
    # The last operation of the update fails after the DROP of the old graph and the INSERT of the new one ran.
    monkeypatch.setattr("plankg.graph.store.run_record", lambda graph: "DROP GRAPH <urn:plankg:test:absent>")
    failed = load_document(store, changed)
    assert not failed.ok and failed.error.startswith("internal error while loading (RuntimeError: ")
    assert "does not exist" in failed.error
    assert store.dump(format=RdfFormat.N_QUADS) == before
    monkeypatch.undo()
    result = load_document(store, changed)  # without the failure the reworded text replaces the graph
    assert result.ok and "改革创新" in store.dump(format=RdfFormat.N_QUADS).decode("utf-8")


def test_reloading_a_changed_document_replaces_only_its_own_graph(tmp_path: Path) -> None:
    store = corpus_store(tmp_path / "store")
    graphs = document_graphs(store)
    graph = next(g for g, f, _ in graphs if f == "004_816c855b418fc27c.txt")
    before = quads(store)
    changed = tmp_path / "004_816c855b418fc27c.txt"
    # 004 line 3: the first item, reworded
    source = (CORPUS / changed.name).read_text(encoding="utf-8")
    changed.write_text(source.replace("(一)持续推动学习贯彻", "(一)持续深入学习贯彻", 1), encoding="utf-8")
    (tmp_path / "004_816c855b418fc27c.meta.json").write_bytes((CORPUS / "004_816c855b418fc27c.meta.json").read_bytes())
    result = load_document(store, changed)
    assert result.ok and result.graph == graph and document_graphs(store) == graphs  # the same graph, replaced
    after = quads(store)
    assert {q for q in after if not q.endswith(f"<{graph}> .")} == {q for q in before if not q.endswith(f"<{graph}> .")}
    assert any("持续深入学习贯彻" in q for q in after) and not any("持续推动学习贯彻" in q for q in after)


def _wal_bytes(store_dir: Path, initial: set[str]) -> int:
    """Bytes in write-ahead logs created since the build started: they grow with each committed document."""
    return sum(p.stat().st_size for p in store_dir.glob("*.log") if p.name not in initial)


def test_a_build_killed_with_sigkill_leaves_the_previous_state_and_whole_documents(tmp_path: Path) -> None:
    """After the kill the store opens and holds exactly the corpus plus the batch documents whose write had
    committed, each whole: the same quads as a build that loaded just those documents."""
    store_dir = tmp_path / "store"
    corpus_store(store_dir)  # released when the returned store is collected, before the build opens it
    batch = tmp_path / "batch"
    write_corpus(BATCH, 7, batch)
    initial = {p.name for p in store_dir.glob("*.log")}
    build = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from plankg.cli import main; main()",
            "build",
            str(batch),
            "--store",
            str(store_dir),
            "--no-validate",
            "--no-lineage",
            "--no-views",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"PATH": "/usr/bin:/bin"},
    )
    deadline = time.monotonic() + 300
    while _wal_bytes(store_dir, initial) < 3_000_000 and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(build.pid, signal.SIGKILL)
    assert build.wait() == -signal.SIGKILL  # killed mid-way, not finished
    store = open_store(store_dir)
    loaded = sorted(f for _, f, _ in document_graphs(store) if f.startswith("synth_"))
    planned = sorted(p.name for p in batch.glob("synth_*.txt"))
    assert 0 < len(loaded) < BATCH and loaded == planned[: len(loaded)]
    reference = open_store(tmp_path / "reference")
    assert all(r.ok for r in load_paths(reference, [CORPUS] + [batch / name for name in loaded]))
    assert quads(store) == quads(reference)
