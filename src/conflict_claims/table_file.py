"""One table on its own: a CSV or Parquet file checked against its table's rules.

For a team that produces a single table (say, its own claims) and wants it checked before it
joins a package: the table's cell, row and in-table rules, and, given a package, its references
into that package.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .contract import TABLES
from .read import RawPackage, check_columns, read_package, read_table
from .report import Report
from .validate import sort_problems


def read_parquet_table(
    raw: RawPackage, table: str, location: Path, *, strict: bool = False
) -> pd.DataFrame | None:
    """Read a Parquet file as text cells, like a CSV: the same rules then apply to both."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    raw.files[table] = str(location)
    try:
        data = pq.read_table(location)
    except (OSError, pa.ArrowException) as exc:
        raw.add("file-unreadable", table, f"cannot read {location} as Parquet: {exc}")
        return None
    header = list(data.column_names)
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raw.add("file-unreadable", table, f"repeated column names in {location}: {repeated}")
        return None
    if not check_columns(raw, table, header, location, strict=strict):
        return None
    columns = {}
    for name in header:
        try:
            columns[name] = pc.cast(data[name], pa.string())
        except (pa.ArrowException, NotImplementedError):
            raw.add(
                "file-unreadable",
                table,
                f"column {name!r} of {location} holds {data[name].type}, which has no text form",
                column=name,
            )
            return None
    frame: pd.DataFrame = pa.table(columns).to_pandas()
    for name in header:
        text = frame[name].astype("str")
        # an empty string is a missing value, as in a CSV cell
        frame[name] = text.where(frame[name].notna() & (text != ""), None)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    raw.rows[table] = len(frame)
    return frame


def validate_table(
    file: str | Path,
    table: str,
    *,
    package: str | Path | None = None,
    strict: bool = False,
    trusted: bool = False,
) -> Report:
    """Check one table file (CSV, or Parquet by its ``.parquet`` suffix) against its rules.

    Without ``package``, the table's cell and row rules and the rules within the table (unique
    keys, repeated claims, actors' parent cycles). With ``package`` (a datapackage.json or a
    folder holding one), also the rules linking it to that package's other tables (foreign keys,
    subjects, quantifiers, dates); the package's own copy of the table is ignored.
    Never raises on bad data; raises ``ValueError`` for an unknown table name.
    """
    from . import engine_pandera

    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    location = Path(file)
    raw = RawPackage(path=str(location))
    if location.suffix.lower() in (".parquet", ".pq"):
        frame = read_parquet_table(raw, table, location, strict=strict)
    else:
        frame = read_table(raw, table, location, strict=strict)
    checked = RawPackage(path=raw.path, files=dict(raw.files), rows=dict(raw.rows))
    if package is not None:
        base = read_package(package, trusted=trusted)
        # Reading problems of the other tables stop the checks that need them: report them.
        raw.problems.extend(p for p in base.problems if p.resource != table)
        checked.frames.update({name: f for name, f in base.frames.items() if name != table})
        checked.files = {**base.files, **raw.files}
    if frame is not None:
        checked.frames[table] = frame
    # Problems of the package's other tables are the package's business, not this table's.
    found = [p for p in engine_pandera.run(checked) if p.resource == table]
    return Report(
        path=raw.path,
        errors=sort_problems([*raw.problems, *found]),
        rows=dict(raw.rows),
        files=checked.files,
    )
