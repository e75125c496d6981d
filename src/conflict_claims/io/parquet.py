"""Reading a Parquet file as text cells, like a CSV, so that the same rules apply to both."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from conflict_claims.io.bounds import DEFAULT_LIMITS, Limits
from conflict_claims.io.read import (
    RawPackage,
    check_columns,
    checked_location,
    repeated_names,
    within_width,
)


def read_parquet_table(
    raw: RawPackage,
    table: str,
    location: Path,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> pd.DataFrame | None:
    """Read a Parquet file as text cells, like a CSV: the same rules then apply to both."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    real = checked_location(raw, table, location, limits, None)
    if real is None:
        return None
    try:
        # the schema first: a table too wide is refused before its columns are read
        if not within_width(raw, table, pq.read_schema(real).names, location, limits):
            return None
        # Without Arrow's thread pool: a process that read Parquet with it could abort at exit
        # ("terminate called without an active exception") while the pool shut down.
        data = pq.read_table(real, use_threads=False)
    except MemoryError:
        raw.add("limit-exceeded", table, f"{location} does not fit in memory")
        return None
    except (OSError, pa.ArrowException) as exc:
        raw.add("file-unreadable", table, f"cannot read {location} as Parquet: {exc}")
        return None
    header = list(data.column_names)
    repeated = repeated_names(header)
    if repeated:
        raw.add("file-unreadable", table, f"repeated column names in {location}: {repeated}")
        return None
    if not check_columns(raw, table, header, location, strict=strict):
        return None
    columns = {}
    for name in header:
        try:
            columns[name] = as_text(data[name])
        except (pa.ArrowException, NotImplementedError):
            raw.add(
                "file-unreadable",
                table,
                f"column {name!r} of {location} holds {data[name].type}, which has no text form",
                column=name,
            )
            return None
    frame: pd.DataFrame = pa.table(columns).to_pandas(use_threads=False)
    for name in header:
        text = frame[name].astype("str")
        # an empty string is a missing value, as in a CSV cell
        frame[name] = text.where(frame[name].notna() & (text != ""), None)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    raw.rows[table] = len(frame)
    return frame


def as_text(values: Any) -> Any:
    """A typed Parquet column as the text a CSV cell would hold, value by value: categories as
    their labels, dates as YYYY-MM-DD, a timestamp at midnight as its date (what pandas makes
    of a date column), integers in digits; anything else as Arrow writes it, for the same rules
    to judge."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = values.type
    if pa.types.is_dictionary(kind):
        return as_text(pc.cast(values, kind.value_type))
    if pa.types.is_timestamp(kind) and kind.tz is None:
        day = pc.cast(values, pa.date32())
        midnight = pc.equal(pc.cast(day, kind), values)
        return pc.if_else(midnight, pc.cast(day, pa.string()), pc.cast(values, pa.string()))
    return pc.cast(values, pa.string())
