"""Renderings of a report: text, JSON, GitHub annotations, JUnit.

Every renderer takes the report and ``max_errors``, which caps what is *printed*, never what is
counted: each rendering says how many problems it left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conflict_claims.report.report import Report

__all__ = ["FORMATS", "render"]

FORMATS: tuple[str, ...] = ("text", "json", "github", "junit", "markdown")


def render(
    report: Report,
    fmt: str,
    *,
    target: str | None = None,
    max_errors: int | None = None,
    color: bool = False,
    skipped: frozenset[str] = frozenset(),
) -> str:
    """The report in format ``fmt``; ``target`` is the name shown for the package.

    ``skipped`` names rules that were not checked, beside the report's own ``skipped``: JUnit
    shows them as skipped rather than passed. ``markdown`` is the summary written to
    ``$GITHUB_STEP_SUMMARY``.
    """
    shown_as = target if target is not None else report.path
    if fmt == "text":
        from .text import render_text

        return render_text(report, target=shown_as, max_errors=max_errors, color=color)
    if fmt == "json":
        from .as_json import render_json

        return render_json(report, max_errors=max_errors)
    if fmt == "github":
        from .github import render_github

        return render_github(report, max_errors=max_errors)
    if fmt == "junit":
        from .junit import render_junit

        return render_junit(report, target=shown_as, max_errors=max_errors, skipped=skipped)
    if fmt == "markdown":
        from .markdown import render_markdown

        return render_markdown(report, target=shown_as, max_errors=max_errors)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
