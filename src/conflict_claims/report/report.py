"""The report: every problem found in one package, in one pass."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from conflict_claims.contract.problems import Problem


@dataclass(frozen=True)
class Report:
    """Everything wrong with one package, found in one pass.

    ``errors`` holds every problem reported, warnings included (each has a ``severity``); the
    package is valid when none of them is an error.
    """

    path: str
    errors: tuple[Problem, ...]
    rows: dict[str, int] = field(default_factory=dict)
    """Number of data rows read per table."""
    files: dict[str, str] = field(default_factory=dict)
    """The file each table was read from."""
    snapshots: int | None = None
    """How many source snapshots the quotes were checked against (None: not checked)."""
    skipped: tuple[str, ...] = ()
    """Rules not checked in this run (not selected, or needing an option not given)."""

    @property
    def valid(self) -> bool:
        return not any(p.severity == "error" for p in self.errors)

    @property
    def error_count(self) -> int:
        return sum(p.severity == "error" for p in self.errors)

    @property
    def warning_count(self) -> int:
        return len(self.errors) - self.error_count

    def keys(self) -> set[tuple[str, str, int | None]]:
        """The (rule, resource, row) set: what two validators must agree on."""
        return {(p.rule, p.resource, p.row) for p in self.errors}

    def by_rule(self) -> Counter[str]:
        return Counter(p.rule for p in self.errors)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the command line prints with ``--format json`` (its schema:
        ``schemas/report.schema.json``)."""
        return {
            "valid": self.valid,
            "path": self.path,
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "rows": dict(self.rows),
            "snapshots": self.snapshots,
            "skipped": list(self.skipped),
            "errors": [asdict(p) for p in self.errors],
        }
