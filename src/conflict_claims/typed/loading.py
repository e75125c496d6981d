"""``load()`` and ``frames()``: a valid package as typed records, or as typed frames."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

from conflict_claims.typed.dataset import Dataset
from conflict_claims.typed.errors import InvalidPackageError

if TYPE_CHECKING:
    from conflict_claims.typed.frames import Frames
    from conflict_claims.typed.polars_frames import PolarsFrames


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
    from conflict_claims.io.read import read_package
    from conflict_claims.typed.from_columns import records_from_frame
    from conflict_claims.validation.package import check_raw

    raw = read_package(path, trusted=trusted)
    # One vectorised pass over every rule; the records are then built from checked cells.
    report = check_raw(raw)
    if not report.valid:
        raise InvalidPackageError(report)
    # The checks' scratch columns are freed, but Arrow's allocator keeps their pages for
    # reuse (a third of a gigabyte at a million claims); the records need them now.
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    # Each table's text cells are let go once its records exist, the largest table first, so
    # that the frames and the records of a large package are not all held at once.
    tables = {}
    for name in sorted(raw.frames, key=lambda table: -len(raw.frames[table])):
        tables[name] = records_from_frame(name, raw.frames.pop(name))
    # The cross-record rules already ran above: model_construct skips running them again.
    return Dataset.model_construct(None, **tables)


@overload
def frames(path: str | Path | None = None, *, backend: Literal["pandas"] = "pandas") -> Frames: ...
@overload
def frames(path: str | Path | None = None, *, backend: Literal["polars"]) -> PolarsFrames: ...


def frames(
    path: str | Path | None = None, *, backend: Literal["pandas", "polars"] = "pandas"
) -> Frames | PolarsFrames:
    """Load a package (the bundled one by default) and return its tables as typed frames.

    ``backend`` is ``"pandas"`` or ``"polars"``, as for :meth:`Dataset.frames`.

    >>> import conflict_claims as cc
    >>> claims = cc.frames().claims
    >>> list(claims.columns[:3])
    ['claim_id', 'event_id', 'claimant_id']
    """
    return load(path).frames(backend)
