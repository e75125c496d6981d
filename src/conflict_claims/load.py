"""``load()``: a valid package as typed records."""

from __future__ import annotations

from pathlib import Path

from .dataset import Dataset
from .engine_pydantic import table_records
from .read import read_package
from .report import Report


class InvalidPackageError(ValueError):
    """The package breaks rules; ``report`` holds every problem."""

    def __init__(self, report: Report, limit: int = 20) -> None:
        self.report = report
        lines = [p.message for p in report.errors[:limit]]
        if len(report.errors) > limit:
            lines.append(f"… and {len(report.errors) - limit} more")
        super().__init__(f"{report.path} breaks {len(report.errors)} rule(s):\n" + "\n".join(lines))


def load(path: str | Path | None = None) -> Dataset:
    """Load and validate a data package (the bundled one by default) as typed records.

    Raises :class:`InvalidPackageError`, listing every problem, when a rule is broken.

    >>> import conflict_claims as cc
    >>> len(cc.load().claims) > 0
    True
    """
    from .validate import validate

    report = validate(path)
    if not report.valid:
        raise InvalidPackageError(report)
    raw = read_package(path)
    tables = {}
    for name, frame in raw.frames.items():
        _, rows, _ = table_records(name, frame)
        tables[name] = tuple(record for _, record in rows)
    return Dataset.model_validate(tables)
