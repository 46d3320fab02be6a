"""The build's worker process: work shared from both ends of a list gives what one process gives, in order."""

from __future__ import annotations

import os
import time

from plankg.lineage.worker import collect, start, submit_from_the_end


def _pid_after_a_while(n: int) -> tuple[int, int]:
    time.sleep(0.05)
    return n, os.getpid()


def test_work_shared_from_both_ends_keeps_the_order_and_both_processes_work() -> None:
    worker = start(os.getpid)
    try:
        worker.submit(os.getpid).result()  # started and idle
        items = list(range(20))
        results = collect(_pid_after_a_while, items, submit_from_the_end(worker, _pid_after_a_while, items))
    finally:
        worker.shutdown()
    assert [n for n, _ in results] == list(range(20))
    pids = [pid for _, pid in results]
    assert pids[0] == os.getpid() and pids[-1] != os.getpid()  # this process from the start, the worker from the end
    assert pids == sorted(pids, key=lambda pid: pid != os.getpid())  # one switch: each item computed once
