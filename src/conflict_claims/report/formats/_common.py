"""Helpers shared by the renderers."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conflict_claims.contract.problems import Problem
    from conflict_claims.report.report import Report


def shown(report: Report, max_errors: int | None) -> tuple[tuple[Problem, ...], int]:
    """The problems to print, and how many were left out."""
    errors = report.errors
    if max_errors is None or len(errors) <= max_errors:
        return errors, 0
    return errors[:max_errors], len(errors) - max_errors


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def display_path(path: str | Path) -> str:
    """``path`` relative to the current folder when it lies under it, else as given.

    Always with forward slashes, as GitHub expects in annotations and as is stable across
    platforms in committed reports.
    """
    candidate = Path(path)
    try:
        relative = candidate.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return str(candidate).replace(os.sep, "/")
    return relative.as_posix()


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: every control character (C0 but tab and line feed,
    DEL, C1, and the bidirectional overrides) is shown as its escape, e.g. ``\\x1b``, so an
    escape sequence in a header, cell or path is seen, never obeyed."""

    def shown(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(shown, text)
