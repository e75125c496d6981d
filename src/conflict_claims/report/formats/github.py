"""GitHub Actions workflow commands: one ``::error`` per problem, on the offending line.

See "Workflow commands for GitHub Actions": in a message, ``%``, CR and LF are escaped; in a
property value, ``:`` and ``,`` are escaped too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ._common import display_path, plural, shown

if TYPE_CHECKING:
    from conflict_claims.contract.problems import Problem
    from conflict_claims.report.report import Report


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


ANNOTATIONS_PER_STEP = 10
"""GitHub shows at most 10 error (and 10 warning) annotations per step; it drops the rest."""


def _location(problem: Problem, report: Report) -> dict[str, str]:
    """file= and line= of a problem, relative to the working folder as GitHub expects."""
    base = Path(report.path).parent
    where = {"file": display_path(base / problem.file if problem.file else report.path)}
    if problem.line is not None:
        where["line"] = str(problem.line)
    return where


def _annotation(problem: Problem, report: Report) -> str:
    props = {**_location(problem, report), "title": problem.rule}
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    text = problem.message + (f" Fix: {problem.hint}" if problem.hint else "")
    return f"::{problem.severity} {joined}::{escape_data(f'{problem.where()}: {text}')}"


def render_github(report: Report, *, max_errors: int | None = None) -> str:
    """One annotation per problem, at most as many of each severity as GitHub shows (and at
    most ``max_errors`` in all); a last annotation says how many more there are."""
    problems, _ = shown(report, max_errors)
    lines = []
    room = {"error": ANNOTATIONS_PER_STEP, "warning": ANNOTATIONS_PER_STEP - 1}
    for problem in problems:
        if room[problem.severity] > 0:
            room[problem.severity] -= 1
            lines.append(_annotation(problem, report))
    hidden = len(report.errors) - len(lines)
    if hidden:
        lines.append(
            f"::warning title=conflict-claims::{plural(hidden, 'more problem')} not shown as "
            "annotations (GitHub shows 10 per step): see the job summary or the JSON report"
        )
    if report.valid:
        lines.append(
            f"::notice title=conflict-claims::{escape_data(display_path(report.path))} is valid"
        )
    return "\n".join(lines) + "\n"
