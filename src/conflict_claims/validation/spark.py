"""Validation on Spark: a package read by Spark, or six Spark DataFrames, into one ``Report``.

Needs the ``spark`` extra (pyspark, Python 3.11 or later) and a Java runtime; without them
:class:`SparkUnavailableError` says what to install.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from conflict_claims.contract.problems import describe
from conflict_claims.contract.rules import RULES
from conflict_claims.contract.tables import TABLE_NAMES
from conflict_claims.engines.spark.session import SparkUnavailableError, spark_session
from conflict_claims.io.bounds import DEFAULT_LIMITS, Limits
from conflict_claims.io.read import RawPackage, check_columns
from conflict_claims.io.snapshots import read_snapshots
from conflict_claims.report.report import Report
from conflict_claims.validation.package import SNAPSHOT_RULES, finish
from conflict_claims.validation.selection import Selection, from_settings, given

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["SparkReport", "SparkUnavailableError", "validate_frames", "validate_spark"]

SPARK_UNREAD = frozenset({"encoding-invalid", "written-by-pandas", "file-stats"})
"""Rules about a file's bytes, which Spark reads itself: not checked on this path, and so
listed in the report's ``skipped`` (README "Spark")."""


@dataclasses.dataclass(frozen=True)
class SparkReport:
    """A report, and the primary key of each of its problems' rows (by position)."""

    report: Report
    keys: tuple[str | None, ...]


def validate_spark(
    path: str | Path | None = None,
    *,
    spark: SparkSession | None = None,
    master: str | None = None,
    sources_dir: str | Path | None = None,
    strict: bool = False,
    trusted: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    warn: Iterable[str] | None = None,
) -> SparkReport:
    """``validate()`` on Spark: the package at ``path`` (CSV or Parquet tables) read and checked
    by ``spark`` (default: the active session, else one on ``master``, else ``SPARK_MASTER``,
    else ``local[*]``). The same rules, the same problems, the same report."""
    from conflict_claims.io.spark_tables import read_spark_package

    session = spark or spark_session(master)
    chosen = given(select, ignore, warn)
    raw, frames = read_spark_package(session, path, strict=strict, trusted=trusted, limits=limits)
    selection, wrong = from_settings(raw.settings)
    raw.problems.extend(
        describe("package-invalid", "datapackage", None, None, None, w) for w in wrong
    )
    return _check(raw, frames, selection.overridden(**chosen), sources_dir, limits, strict)


def validate_frames(
    tables: Mapping[str, DataFrame],
    *,
    sources_dir: str | Path | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    warn: Iterable[str] | None = None,
    name: str = "spark",
) -> SparkReport:
    """Check six Spark DataFrames (read from Delta, Hive, anywhere), keyed by table name
    (events, actors, participants, sources, claims, quantifiers), against every rule. Rows are
    numbered in the order Spark reads each DataFrame; problems also carry the row's key."""
    raw = RawPackage(path=name)
    frames: dict[str, DataFrame] = {}
    for table in TABLE_NAMES:
        frame = tables.get(table)
        if frame is None:
            raw.add("table-missing", table, f"no DataFrame was given for the {table} table")
        elif check_columns(raw, table, list(frame.columns), Path(table)):
            frames[table] = frame
    unknown = sorted(set(tables) - set(TABLE_NAMES))
    if unknown:
        raise ValueError(f"no such table: {', '.join(unknown)} (tables: {', '.join(TABLE_NAMES)})")
    selection = Selection().overridden(**given(select, ignore, warn))
    return _check(raw, frames, selection, sources_dir, DEFAULT_LIMITS, False)


def _check(
    raw: RawPackage,
    frames: Mapping[str, DataFrame],
    selection: Selection,
    sources_dir: str | Path | None,
    limits: Limits,
    strict: bool,
) -> SparkReport:
    from conflict_claims.engines.spark.engine import run

    snapshots = None
    if sources_dir is not None:
        try:
            snapshots = read_snapshots(sources_dir, limits.max_file_bytes)
        except (OSError, ValueError) as exc:
            raw.add("snapshot-missing", "sources", f"cannot read the snapshots folder: {exc}",
                    value=str(sources_dir))  # fmt: skip
    found, rows = run(frames, raw.columns, snapshots)
    raw.rows.update(rows)
    key_of = {f.problem.key(): f.key for f in found}
    used = None
    if snapshots is not None:
        used = _snapshots_used(frames, snapshots)
    report = finish(raw, [*raw.problems, *(f.problem for f in found)], selection, snapshots=used)
    not_run = set(report.skipped)
    if sources_dir is None:
        not_run |= SNAPSHOT_RULES
    if not strict:
        not_run.add("column-unexpected")
    not_run |= SPARK_UNREAD
    report = dataclasses.replace(report, skipped=tuple(r.slug for r in RULES if r.slug in not_run))
    return SparkReport(report, tuple(key_of.get(p.key()) for p in report.errors))


def _snapshots_used(frames: Mapping[str, DataFrame], snapshots: dict[str, str]) -> int:
    sources = frames.get("sources")
    if sources is None:
        return 0
    hashes = {r[0] for r in sources.select("snapshot_sha256").distinct().collect()}
    return len(hashes & snapshots.keys())
