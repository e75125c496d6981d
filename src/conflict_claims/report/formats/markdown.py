"""The Markdown summary GitHub shows on a workflow run (``$GITHUB_STEP_SUMMARY``): the verdict,
a table of rules with their counts and fixes, and the first problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from conflict_claims.contract.rules import RULES_BY_SLUG

from ._common import plural

if TYPE_CHECKING:
    from conflict_claims.report.report import Report

FIRST = 20
"""How many problems the summary lists."""


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell: one line, no column breaks."""
    return " ".join(text.split()).replace("|", "\\|")


def render_markdown(report: Report, *, target: str, max_errors: int | None = None) -> str:
    verdict = "valid" if report.valid else "invalid"
    counts = [plural(report.error_count, "error")]
    if report.warning_count:
        counts.append(plural(report.warning_count, "warning"))
    lines = [f"### conflict-claims: {verdict}", "", f"`{_cell(target)}`: {', '.join(counts)}."]
    if report.errors:
        lines += ["", "| rule | severity | problems | fix |", "| --- | --- | --- | --- |"]
        seen: dict[tuple[str, str], int] = {}
        for p in report.errors:
            seen[(p.rule, p.severity)] = seen.get((p.rule, p.severity), 0) + 1
        for (rule, severity), count in seen.items():
            hint = RULES_BY_SLUG[rule].hint if rule in RULES_BY_SLUG else ""
            lines.append(f"| `{rule}` | {severity} | {count} | {_cell(hint)} |")
        first = report.errors[
            : min(FIRST, len(report.errors) if max_errors is None else max_errors)
        ]
        if first:
            rest = len(report.errors) - len(first)
            lines += ["", f"The first {len(first)}:" if rest else "Problems:", ""]
            lines += [f"- {_cell(p.where())}: {_cell(p.message)} (`{p.rule}`)" for p in first]
        rest = len(report.errors) - len(first)
        if rest:
            lines += ["", f"{plural(rest, 'more problem')}: see the JSON report."]
    return "\n".join(lines) + "\n\n"
