"""The error ``load()`` and ``Dataset.write()`` raise when a package breaks rules."""

from __future__ import annotations

from conflict_claims.report.report import Report


class InvalidPackageError(ValueError):
    """The package breaks rules; ``report`` holds every problem.

    The message lists the problems (the first ``limit`` of them), each naming table, row,
    column, value and rule, so ``str(error)`` is enough to fix the package.
    """

    def __init__(self, report: Report, limit: int = 20) -> None:
        self.report = report
        lines = [p.sentence() for p in report.errors[:limit]]
        if len(report.errors) > limit:
            lines.append(f"… and {len(report.errors) - limit} more")
        super().__init__(f"{report.path} breaks {len(report.errors)} rule(s):\n" + "\n".join(lines))
