"""``load()``: a valid package as typed records."""

from __future__ import annotations

from pathlib import Path

from .dataset import Dataset
from .report import Report


class InvalidPackageError(ValueError):
    """The package breaks rules; ``report`` holds every problem.

    The message lists the problems (the first ``limit`` of them), each naming table, row,
    column, value and rule, so ``str(error)`` is enough to fix the package.
    """

    def __init__(self, report: Report, limit: int = 20) -> None:
        self.report = report
        lines = [p.message for p in report.errors[:limit]]
        if len(report.errors) > limit:
            lines.append(f"… and {len(report.errors) - limit} more")
        super().__init__(f"{report.path} breaks {len(report.errors)} rule(s):\n" + "\n".join(lines))


def load(path: str | Path | None = None, *, trusted: bool = False) -> Dataset:
    """Load and validate a data package (the bundled one by default) as typed records.

    ``path`` is a ``datapackage.json`` or a folder holding one, e.g. a package written by
    :meth:`Dataset.write`. Extra columns of derived tables are kept on the records as text.
    ``trusted`` allows resource paths outside the package folder, as ``validate`` does.

    Raises :class:`InvalidPackageError`, listing every problem, when a rule is broken.

    >>> import conflict_claims as cc
    >>> d = cc.load()
    >>> d.event("2023-09-17-lere").place
    'Léré'
    """
    from .read import read_package
    from .typed import records_from_frame
    from .validate import check_raw

    raw = read_package(path, trusted=trusted)
    # One vectorised pass over every rule; the records are then built from checked cells.
    report = check_raw(raw)
    if not report.valid:
        raise InvalidPackageError(report)
    tables = {name: records_from_frame(name, frame) for name, frame in raw.frames.items()}
    # The cross-record rules already ran above: model_construct skips running them again.
    return Dataset.model_construct(None, **tables)
