"""The bounds on what a run reads: file and descriptor sizes, descriptor depth, remote fetches.

Every bound has a default that a package of a million claims stays well under (about 300 MB of
claims, a few dozen columns per table) and can be raised by the caller; a bound that is hit
becomes a problem naming the file, never a hang or an exhausted memory.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

MB = 1 << 20


@dataclass(frozen=True)
class Refusal:
    """Why something is not read: the rule it breaks and the words for it."""

    rule: str
    message: str
    line: int | None = None
    """The line of the file where the defect is, when known."""


@dataclass(frozen=True)
class Limits:
    """How much one run may read, and for how long it may wait on a server."""

    max_file_bytes: int = 2048 * MB
    """Largest table file (local, or fetched with ``allow_remote``)."""
    max_descriptor_bytes: int = 16 * MB
    """Largest ``datapackage.json``."""
    max_descriptor_depth: int = 64
    """Deepest nesting of JSON arrays and objects in the descriptor."""
    max_columns: int = 10_000
    """Widest table header: every column becomes a column of text in memory."""
    remote_timeout: float = 60.0
    """Seconds one remote resource may take, connection and whole body included."""
    remote_deadline: float = 300.0
    """Seconds all remote resources of one run may take together."""


DEFAULT_LIMITS = Limits()


@dataclass
class Deadline:
    """A point in time shared by every fetch of one run."""

    seconds: float
    start: float = field(default_factory=time.monotonic)

    def left(self) -> float:
        return self.seconds - (time.monotonic() - self.start)


def json_depth(value: object) -> int:
    """How deeply arrays and objects nest in a parsed JSON value (a scalar is 0); iterative, so
    any depth the parser accepted is measured without recursion."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth + 1)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def size_text(count: int) -> str:
    """A byte count as people read it: '2048 MB', '512 bytes'."""
    return f"{count / MB:g} MB" if count >= MB else f"{count} bytes"


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON (the standard has no NaN or Infinity)")


def parse_descriptor(text: str, max_depth: int) -> object:
    """Parse descriptor JSON strictly and within ``max_depth``; a :class:`Refusal` says why not
    ("… is not valid JSON: …", or the depth bound under ``limit-exceeded``)."""
    try:
        value = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return Refusal(
            "package-invalid",
            f"is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            line=exc.lineno,
        )
    except ValueError as exc:
        return Refusal("package-invalid", f"is not valid JSON: {exc}")
    except RecursionError:
        return Refusal("limit-exceeded", f"nests deeper than the limit of {max_depth}")
    depth = json_depth(value)
    if depth > max_depth:
        return Refusal(
            "limit-exceeded", f"nests {depth} deep, deeper than the limit of {max_depth}"
        )
    return value
