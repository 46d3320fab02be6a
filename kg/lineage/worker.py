"""The worker process `plankg build` starts first, so that its text-reuse search runs beside the build on a second core.

jieba and difflib hold the GIL: a thread would not run beside the loading and validating, a process does. Work is
shared from both ends of a list (submit_from_the_end, collect): the worker takes items from the last one back
whenever it is free, this process from the first one on, each item by whichever gets to it first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

T = TypeVar("T")
R = TypeVar("R")


def start(warm_up: Callable[[], object]) -> Executor:
    """One worker process, started now and running warm_up (loading what its work needs) while the caller works."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    worker = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_exit_with_parent)
    worker.submit(warm_up)
    return worker


def _exit_with_parent() -> None:
    """In the worker: end it when its parent ends, even killed (the pool's queue alone would keep it waiting)."""
    import multiprocessing
    import multiprocessing.connection
    import os

    parent = multiprocessing.parent_process()
    if parent is None:  # not a worker: no parent to outlive
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def submit_from_the_end(worker: Executor, fn: Callable[[T], R], items: Sequence[T]) -> list[Future]:
    """fn of each item queued on the worker, the last item first; the futures in the order of the items."""
    return [worker.submit(fn, item) for item in reversed(items)][::-1]


def collect(fn: Callable[[T], R], items: Sequence[T], futures: list[Future]) -> list[R]:
    """fn of each item, in order: computed here from the first item on while the worker has not taken it
    (cancelled there), then the worker's results from the first item it took."""
    return [fn(item) if future.cancel() else future.result() for item, future in zip(items, futures, strict=True)]
