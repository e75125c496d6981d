"""Independent checks of a large table run side by side on the machine's cores.

Most of a check's time is spent in Arrow compute kernels and NumPy loops, which release the
GIL, so threads overlap them; every check reads the frames and writes nothing shared (the
integer parsing cache of ``table_checks`` is a dict, whose updates are atomic). Results come
back in the order of the tasks, so a report does not depend on which thread finished first.
Small tables are checked in the calling thread: there a pool would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

MIN_ROWS = 50_000
"""Tables with fewer rows than this are checked in the calling thread."""


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_all(tasks: Sequence[Callable[[], T]], rows: int) -> list[T]:
    """The result of each task, in order; side by side when ``rows`` is large enough."""
    workers = min(_cores(), len(tasks), 4)
    if rows < MIN_ROWS or workers < 2:
        return [task() for task in tasks]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="conflict-claims") as pool:
        futures = [pool.submit(task) for task in tasks]
        return [future.result() for future in futures]
