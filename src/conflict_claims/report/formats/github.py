"""GitHub Actions workflow commands: one ``::error`` per problem, on the offending line.

See "Workflow commands for GitHub Actions": in a message, ``%``, CR and LF are escaped; in a
property value, ``:`` and ``,`` are escaped too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._common import display_path, plural, shown
from .lines import record_lines

if TYPE_CHECKING:
    from conflict_claims.contract.problems import Problem
    from conflict_claims.report.report import Report


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _location(problem: Problem, report: Report, cache: dict[str, dict[int, int]]) -> dict[str, str]:
    """file= and line= of a problem: the table's CSV and the record's first line, when known."""
    file = report.files.get(problem.resource)
    if file is None:
        # package-level problems, and tables that were never located, point at the descriptor
        return {"file": display_path(report.path)}
    where = {"file": display_path(file)}
    if problem.row is not None and file.lower().endswith(".csv"):
        if file not in cache:
            cache[file] = record_lines(file)
        line = cache[file].get(problem.row)
        if line is not None:
            where["line"] = str(line)
    return where


def render_github(report: Report, *, max_errors: int | None = None) -> str:
    problems, hidden = shown(report, max_errors)
    cache: dict[str, dict[int, int]] = {}
    lines = []
    for problem in problems:
        props = {**_location(problem, report, cache), "title": problem.rule}
        joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
        lines.append(f"::error {joined}::{escape_data(problem.message)}")
    if hidden:
        lines.append(
            f"::warning title=conflict-claims::{plural(hidden, 'more error')} not shown "
            f"(raise --max-errors to see them)"
        )
    if not report.errors:
        lines.append(
            f"::notice title=conflict-claims::{escape_data(display_path(report.path))} is valid"
        )
    return "\n".join(lines) + "\n"
