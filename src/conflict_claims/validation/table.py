"""One table on its own: a CSV or Parquet file checked against its table's rules.

For a team that produces a single table (say, its own claims) and wants it checked before it
joins a package: the table's cell, row and in-table rules, and, given a package, its references
into that package.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from conflict_claims.contract.tables import TABLES
from conflict_claims.io.bounds import DEFAULT_LIMITS, Limits
from conflict_claims.io.parquet import read_parquet_table
from conflict_claims.io.read import RawPackage, read_package, read_table
from conflict_claims.report.report import Report
from conflict_claims.validation.package import finish
from conflict_claims.validation.selection import Selection, given


def validate_table(
    file: str | Path,
    table: str,
    *,
    package: str | Path | None = None,
    strict: bool = False,
    trusted: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    warn: Iterable[str] | None = None,
) -> Report:
    """Check one table file (CSV, or Parquet by its ``.parquet`` suffix) against its rules.

    Without ``package``, the table's cell and row rules and the rules within the table (unique
    keys, repeated claims, actors' parent cycles). With ``package`` (a datapackage.json or a
    folder holding one), also the rules linking it to that package's other tables (foreign keys,
    subjects, quantifiers, dates); the package's own copy of the table is ignored.
    ``limits`` bounds what is read. The file itself may lie anywhere (the caller named it), but
    must be a regular file within the size limit. ``select``, ``ignore`` and ``warn`` choose
    rules as for ``validate()``. Never raises on bad data; raises ``ValueError`` for an unknown
    table name or rule slug.
    """
    from conflict_claims.engines.vectorised import engine as engine_pandera

    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    selection = Selection().overridden(**given(select, ignore, warn))
    location = Path(file)
    raw = RawPackage(path=str(location))
    if location.suffix.lower() in (".parquet", ".pq"):
        frame = read_parquet_table(raw, table, location, strict=strict, limits=limits)
    else:
        frame = read_table(raw, table, location, strict=strict, limits=limits)
    checked = RawPackage(path=raw.path, files=dict(raw.files), rows=dict(raw.rows))
    if package is not None:
        base = read_package(package, trusted=trusted, limits=limits)
        # Reading problems of the other tables stop the checks that need them: report them.
        raw.problems.extend(p for p in base.problems if p.resource != table)
        checked.frames.update({name: f for name, f in base.frames.items() if name != table})
        checked.files = {**base.files, **raw.files}
    if frame is not None:
        checked.frames[table] = frame
    # Problems of the package's other tables are the package's business, not this table's.
    found = [p for p in engine_pandera.run(checked) if p.resource == table]
    return finish(raw, [*raw.problems, *found], selection, files=checked.files)
