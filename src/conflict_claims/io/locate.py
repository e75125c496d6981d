"""Where each problem is: the package's own resource name, the file relative to the package
folder, and the physical line where the record starts."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from conflict_claims.io.bounds import DEFAULT_LIMITS
from conflict_claims.io.containment import is_regular, regular_text
from conflict_claims.io.lines import record_lines

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from conflict_claims.contract.problems import Problem

DESCRIPTOR = "datapackage"
"""The resource under which problems of the descriptor itself are reported."""

# Problems of a table that concern its declaration rather than its file's content.
_DECLARED = frozenset(
    {
        "table-missing",
        "path-unsafe",
        "package-invalid",
        "file-unreadable",
        "file-not-regular",
        "schema-missing",
        "schema-invalid",
        "resource-unsupported",
        "file-stats",
    }
)


def relative(path: str | Path, base: Path) -> str:
    """``path`` relative to ``base`` (``../`` when outside it), with forward slashes."""
    candidate = Path(path)
    try:
        return Path(os.path.relpath(candidate.resolve(), base.resolve())).as_posix()
    except (ValueError, OSError):  # another drive, on Windows
        return candidate.as_posix()


def _declared_line(text: str, name: str | None) -> int:
    """The line of the descriptor that declares resource ``name`` (else its ``resources`` key,
    else 1)."""
    for needle in ((f'"name"\\s*:\\s*{re.escape(json.dumps(name))}',) if name else ()) + (
        '"resources"\\s*:',
    ):
        found = re.search(needle, text)
        if found:
            return text.count("\n", 0, found.start()) + 1
    return 1


def locate(
    problems: Iterable[Problem],
    *,
    descriptor: str | Path,
    files: dict[str, str],
    names: dict[str, str] | None = None,
) -> list[Problem]:
    """Each problem with ``file``, ``line`` and ``resource_name`` filled in.

    ``descriptor`` is the datapackage.json (or, for one table checked alone, the table's
    file); paths are given relative to its folder. A row whose line cannot be found (a file
    that no longer parses as far as that row) keeps ``line`` empty rather than a wrong one.
    """
    names = names or {}
    base = Path(descriptor).parent
    # read again only as the reader did: never a FIFO, a device or a file beyond the bound
    declared_text = regular_text(descriptor, DEFAULT_LIMITS.max_descriptor_bytes) or ""
    is_descriptor = Path(descriptor).suffix.lower() == ".json"
    lines: dict[str, Mapping[int, int]] = {}
    shown: dict[str, str] = {}  # resolving a path costs more than the rest of locating it
    out = []
    for problem in problems:
        file = files.get(problem.resource)
        name = names.get(problem.resource)
        resource_name = name if name is not None and name != problem.resource else None
        line: int | None
        if file is None or (problem.rule in _DECLARED and is_descriptor):
            where = relative(descriptor, base)
            line = _declared_line(declared_text, name) if is_descriptor else None
        else:
            if file not in shown:
                shown[file] = relative(file, base)
            where = shown[file]
            line = None
            if not file.lower().endswith(".csv"):
                pass  # a Parquet file has no lines: its row says where
            elif problem.row is None:
                line = 1  # the header: a problem of the whole file
            else:
                if file not in lines:
                    lines[file] = record_lines(file) if is_regular(file) else {}
                line = lines[file].get(problem.row)
        # the reader may know the line better than the records do (a byte that is not UTF-8)
        line = problem.line if problem.line is not None else line
        out.append(problem.placed(where, line, resource_name))
    return out
