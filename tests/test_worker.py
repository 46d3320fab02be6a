"""The build's worker process: work shared from both ends of a list gives what one process gives, in order."""

from __future__ import annotations

import os
import time

from plankg.store import document_graphs
from plankg.validate import validate_store
from plankg.worker import shared_map, start


def _pid_after_a_while(n: int) -> tuple[int, int]:
    time.sleep(0.05)
    return n, os.getpid()


def test_shared_map_keeps_the_order_and_both_processes_work() -> None:
    worker = start()
    try:
        worker.submit(os.getpid).result()  # started and idle
        results = shared_map(worker, _pid_after_a_while, list(range(20)))
    finally:
        worker.shutdown()
    assert [n for n, _ in results] == list(range(20))
    pids = [pid for _, pid in results]
    assert pids[0] == os.getpid() and pids[-1] != os.getpid()  # this process from the start, the worker from the end
    assert pids == sorted(pids, key=lambda pid: pid != os.getpid())  # one switch: each item computed once


def test_validation_shared_with_a_worker_reports_what_one_process_reports(corpus_store) -> None:
    files = [file for _, file, _ in document_graphs(corpus_store)]
    alone = validate_store(corpus_store, "pyrudof", files)
    worker = start()
    try:
        shared = validate_store(corpus_store, "pyrudof", files, worker)
    finally:
        worker.shutdown()

    def found(reports):
        return [(r.name, r.triples, [(f.key, f.file, f.line, f.quote, f.path, f.message_zh) for f in r.findings])
                for r in reports]

    assert found(shared) == found(alone)
    # the warnings per document `plankg build` prints (tests/test_validate_cli.py EXPECTED)
    assert [(r.name[:3], r.count("Warning"), r.count("Violation")) for r in shared] == [
        ("000", 17, 0), ("001", 21, 0), ("002", 18, 0), ("003", 9, 0), ("004", 1, 0)]
