"""A tiny progress indicator on standard error, for packages that take a while.

The validator runs in one call, so there is no fraction done to show: the bar bounces and the
elapsed seconds count, so that a person at a terminal knows the command is working. It is shown
only to a terminal and erased when done, so it never ends up in a report or a log.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

#: Below this, validating takes about a second or less: no indicator.
THRESHOLD_BYTES = 20_000_000


def package_bytes(descriptor: Path) -> int:
    """Total size of the files a datapackage.json names inside its folder (0 when unknown)."""
    from conflict_claims.io.bounds import DEFAULT_LIMITS
    from conflict_claims.io.containment import check_file, read_bytes

    limit = DEFAULT_LIMITS.max_descriptor_bytes
    # never open a FIFO or a device here: the reader reports those as problems
    real = check_file(descriptor, None, max_bytes=limit, what="--max-descriptor-size")
    if not isinstance(real, Path):
        return 0
    try:
        resources = json.loads(read_bytes(real, limit)).get("resources", [])
    except (OSError, ValueError, AttributeError, RecursionError):
        return 0
    base = descriptor.parent.resolve()
    total = 0
    for resource in resources if isinstance(resources, list) else []:
        path = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(path, str) or "://" in path:
            continue
        try:
            file = (base / path).resolve()
            if file.is_relative_to(base):  # only what the validator itself would read
                total += file.stat().st_size
        except (OSError, ValueError):
            continue
    return total


class Progress:
    """``with Progress("validating 45 MB"):`` draws on stderr until the block ends."""

    WIDTH = 20

    def __init__(self, label: str, *, interval: float = 0.1) -> None:
        self.label = label
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._draw, daemon=True)

    def _draw(self) -> None:
        start = time.monotonic()
        step = 0
        while not self._stop.wait(self.interval):
            position = step % (2 * self.WIDTH - 2)
            if position >= self.WIDTH:
                position = 2 * self.WIDTH - 2 - position
            bar = " " * position + "#" + " " * (self.WIDTH - 1 - position)
            elapsed = time.monotonic() - start
            sys.stderr.write(f"\r{self.label} [{bar}] {elapsed:5.1f} s")
            sys.stderr.flush()
            step += 1

    def __enter__(self) -> Progress:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        width = len(self.label) + self.WIDTH + 12
        sys.stderr.write("\r" + " " * width + "\r")
        sys.stderr.flush()
