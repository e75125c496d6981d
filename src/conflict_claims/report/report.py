"""The report: every problem found in one package, in one pass."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from conflict_claims.contract.problems import Problem


@dataclass(frozen=True)
class Report:
    """Everything wrong with one package, found in one pass."""

    path: str
    errors: tuple[Problem, ...]
    rows: dict[str, int] = field(default_factory=dict)
    """Number of data rows read per table."""
    files: dict[str, str] = field(default_factory=dict)
    """The file each table was read from."""

    @property
    def valid(self) -> bool:
        return not self.errors

    def keys(self) -> set[tuple[str, str, int | None]]:
        """The (rule, resource, row) set: what two validators must agree on."""
        return {(p.rule, p.resource, p.row) for p in self.errors}

    def by_rule(self) -> Counter[str]:
        return Counter(p.rule for p in self.errors)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the command line prints with ``--format json``."""
        return {
            "valid": self.valid,
            "path": self.path,
            "error_count": len(self.errors),
            "rows": dict(self.rows),
            "errors": [asdict(p) for p in self.errors],
        }
