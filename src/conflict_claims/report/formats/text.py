"""The text report, for people: a summary line, then one line per problem."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._common import plural, printable, shown

if TYPE_CHECKING:
    from conflict_claims.contract.problems import Problem
    from conflict_claims.report.report import Report

_RED, _GREEN, _YELLOW, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[33m", "\033[1m", "\033[0m"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text


def summary(report: Report, target: str, color: bool = False) -> str:
    """``valid: TARGET — 6 tables, 151 rows`` (and the error count when invalid)."""
    status = _paint(
        "valid" if report.valid else "invalid", _GREEN if report.valid else _RED + _BOLD, color
    )
    line = (
        f"{status}: {printable(target)} \u2014 {plural(len(report.rows), 'table')}, "
        f"{plural(sum(report.rows.values()), 'row')}"
    )
    if report.error_count:
        line += f", {plural(report.error_count, 'error')}"
    if report.warning_count:
        line += f", {plural(report.warning_count, 'warning')}"
    if report.snapshots is not None:
        line += f"; quotes checked against {plural(report.snapshots, 'source snapshot')}"
    return line


def problem_line(problem: Problem, color: bool = False) -> str:
    """One problem: where it is, what is wrong, its rule and the fix."""
    text = printable(" ".join(problem.sentence().split()))  # one line, nothing a terminal obeys
    tag = f"[{problem.rule}"
    if color and tag in text:
        end = text.index("]", text.index(tag)) + 1
        start = text.index(tag)
        text = text[:start] + _paint(text[start:end], _YELLOW, True) + text[end:]
    return "  " + text


def render_text(
    report: Report, *, target: str, max_errors: int | None = None, color: bool = False
) -> str:
    lines = [summary(report, target, color)]
    problems, hidden = shown(report, max_errors)
    lines.extend(problem_line(p, color) for p in problems)
    if hidden:
        lines.append(f"  \u2026 and {plural(hidden, 'more problem')} not shown (see --max-errors)")
    return "\n".join(lines) + "\n"
