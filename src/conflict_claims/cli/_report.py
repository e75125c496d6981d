"""A validation report independent of the validator that produced it, and its renderings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Issue:
    """One problem found in a data package."""

    code: str
    message: str
    resource: str | None = None
    row: int | None = None
    field: str | None = None

    def location(self) -> str:
        parts = []
        if self.resource is not None:
            parts.append(self.resource)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.field is not None:
            parts.append(f"field {self.field}")
        return ", ".join(parts) if parts else "package"


@dataclass(frozen=True)
class ValidationReport:
    """Outcome of validating one data package."""

    target: str
    valid: bool
    tables: int
    rows: int
    issues: tuple[Issue, ...] = field(default=())

    def shown(self, max_errors: int | None) -> tuple[Issue, ...]:
        return self.issues if max_errors is None else self.issues[:max_errors]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def render_text(report: ValidationReport, max_errors: int | None = None) -> str:
    status = "valid" if report.valid else "invalid"
    summary = (
        f"{status}: {report.target} \u2014 "
        f"{_plural(report.tables, 'table')}, {_plural(report.rows, 'row')}"
    )
    if report.issues:
        summary += f", {_plural(len(report.issues), 'error')}"
    lines = [summary]
    shown = report.shown(max_errors)
    lines.extend(f"  {i.location()}: [{i.code}] {i.message}" for i in shown)
    hidden = len(report.issues) - len(shown)
    if hidden:
        lines.append(f"  ... and {_plural(hidden, 'more error')} (raise --max-errors to see them)")
    return "\n".join(lines) + "\n"


def render_json(report: ValidationReport, max_errors: int | None = None) -> str:
    shown = report.shown(max_errors)
    payload = {
        "target": report.target,
        "valid": report.valid,
        "tables": report.tables,
        "rows": report.rows,
        "error_count": len(report.issues),
        "errors": [asdict(issue) for issue in shown],
        "truncated": len(shown) < len(report.issues),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
