"""Records as polars DataFrames with proper dtypes (``pip install "conflict-claims[polars]"``).

Dates are ``Date``, integers ``Int64`` (null where empty), vocabularies ``Enum`` with the
vocabulary's values in order, ``aliases`` a ``List(String)``, other text ``String``; extra
columns of derived tables are ``String``. The records were validated when they were loaded,
so the frames are built from them as they are.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from conflict_claims.contract.tables import TABLES, Column
from conflict_claims.engines.per_record.record_models import Record
from conflict_claims.typed.frames import extra_columns

if TYPE_CHECKING:
    import polars as pl

    from conflict_claims.typed.dataset import Dataset


@dataclass(frozen=True)
class PolarsFrames:
    """One polars DataFrame per table.

    >>> import conflict_claims as cc
    >>> f = cc.load().frames(backend="polars")
    >>> str(f.events["date_start"].dtype), str(f.claims["value_high"].dtype)
    ('Date', 'Int64')
    """

    events: pl.DataFrame
    actors: pl.DataFrame
    participants: pl.DataFrame
    sources: pl.DataFrame
    claims: pl.DataFrame
    quantifiers: pl.DataFrame

    def items(self) -> Iterator[tuple[str, pl.DataFrame]]:
        """(table name, frame) pairs in table order."""
        for f in fields(self):
            yield f.name, getattr(self, f.name)


def _polars() -> Any:
    try:
        import polars
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "frames(backend='polars') needs polars: pip install \"conflict-claims[polars]\""
        ) from None
    return polars


def polars_dtype(column: Column | None) -> Any:
    """The polars dtype of a column (None: an extra column, text)."""
    polars = _polars()
    if column is None:
        return polars.String
    if column.enum:
        return polars.Enum(list(column.enum))
    if column.is_list:
        return polars.List(polars.String)
    return {"integer": polars.Int64, "date": polars.Date}.get(column.kind, polars.String)


def polars_table(table: str, records: Sequence[Record]) -> pl.DataFrame:
    """One table's records as a polars DataFrame, extra columns of derived tables last."""
    polars = _polars()
    series = [
        polars.Series(c.name, [getattr(r, c.name) for r in records], dtype=polars_dtype(c))
        for c in TABLES[table].columns
    ]
    for name in extra_columns(records):
        values = [(r.model_extra or {}).get(name) for r in records]
        values = [None if v is None else str(v) for v in values]
        series.append(polars.Series(name, values, dtype=polars.String))
    frame: pl.DataFrame = polars.DataFrame(series)
    return frame


def dataset_polars_frames(dataset: Dataset) -> PolarsFrames:
    """Every table of a dataset as a polars DataFrame."""
    tables = dataset.tables().items()
    return PolarsFrames(**{name: polars_table(name, records) for name, records in tables})
