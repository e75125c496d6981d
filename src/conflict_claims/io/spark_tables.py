"""Reading a data package's tables as Spark DataFrames, reporting what cannot be read.

The descriptor, the resources and their declared schemas are read as ``read_package`` reads
them, with the same problems; the table files themselves are read by Spark, lazily, and never
pass through this process. A table is a CSV file (read with ``multiLine``, as quoted newlines
need: one partition per file) or Parquet (a file, or a folder of part files: the layout that
splits into partitions).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from conflict_claims.contract.tables import TABLES
from conflict_claims.io import declared
from conflict_claims.io.bounds import DEFAULT_LIMITS, Limits, Refusal
from conflict_claims.io.containment import check_file, real_folder
from conflict_claims.io.read import (
    RawPackage,
    _descriptor,
    _location,
    _reason,
    _resources,
    check_columns,
    descriptor_path,
    repeated_names,
)

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


def read_spark_package(
    spark: SparkSession,
    path: str | Path | None = None,
    *,
    strict: bool = False,
    trusted: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[RawPackage, dict[str, DataFrame]]:
    """The package as read (problems, files, names, declared columns) and its tables."""
    try:
        target = descriptor_path(path)
        base = real_folder(target.parent)
    except (OSError, ValueError) as exc:
        raw = RawPackage(path=str(path))
        raw.add("package-invalid", "datapackage", f"cannot open {path!r}: {_reason(exc)}")
        return raw, {}
    raw = RawPackage(path=str(target))
    frames: dict[str, DataFrame] = {}
    descriptor = _descriptor(raw, target, None if trusted else base, limits)
    if descriptor is None:
        return raw, frames
    resources = _resources(raw, descriptor)
    names = {table: str(resource.get("name")) for table, resource in resources.items()}
    for table, resource in resources.items():
        fmt = resource.get("format")
        parquet = isinstance(fmt, str) and fmt.lower() == "parquet"
        # beside CSV, Spark reads Parquet ("format": "parquet"; a file or a folder of parts);
        # encoding, compression and dialect are judged as for any resource
        judged = {**resource, "format": "csv"} if parquet else resource
        if not declared.readable(raw.add, table, judged):
            continue
        schema = declared.declared_schema(raw.add, table, resource, names)
        # remote resources are not fetched here: Spark reads what its workers can reach
        location = _location(raw, table, resource, target.parent, trusted, False)
        if not isinstance(location, Path):
            continue
        frame = _read(
            spark, raw, table, location, None if trusted else base, parquet=parquet, strict=strict
        )
        if frame is None:
            continue
        if schema is not None:
            columns = declared.header_columns(raw.add, table, list(frame.columns), schema)
            if columns is None:
                continue
            if columns != TABLES[table].columns:
                raw.columns[table] = columns
            frame = _without_missing_values(frame, [v for v in schema.missing_values if v])
        frames[table] = frame
    return raw, frames


def _read(
    spark: SparkSession,
    raw: RawPackage,
    table: str,
    location: Path,
    base: Path | None,
    *,
    parquet: bool,
    strict: bool,
) -> DataFrame | None:
    raw.files[table] = str(location)
    if not location.is_dir():
        # no size bound: the file is Spark's to split, never held here
        checked = check_file(location, base, max_bytes=1 << 62, what="")
        if isinstance(checked, Refusal):
            raw.add(checked.rule, table, checked.message, value=str(location))
            return None
    parquet = parquet or location.is_dir() or location.suffix.lower() == ".parquet"
    try:
        if parquet:
            frame = spark.read.parquet(str(location))
        else:
            header_names = _csv_header(location)
            if header_names is None:
                raw.add("file-unreadable", table, f"{location} has no header row")
                return None
            repeated = repeated_names(header_names)
            if repeated:
                raw.add("file-unreadable", table,
                        f"repeated column names in {location}: {repeated}")  # fmt: skip
                return None
            # the header read here, every column text: Spark need not read the file to plan
            names = ", ".join("`" + n.replace("`", "``") + "` string" for n in header_names)
            frame = (
                spark.read.schema(names)
                .option("header", True)
                .option("multiLine", True)
                .option("escape", '"')
                .option("inferSchema", False)
                .option("encoding", "UTF-8")
                .csv(str(location))
            )
        header = list(frame.columns)
    except Exception as exc:  # Spark's analysis errors: not a file it can read
        kind = "Parquet" if parquet else "CSV"
        raw.add("file-unreadable", table, f"cannot read {location} as {kind}: {exc}")
        return None
    repeated = repeated_names(header)
    if repeated:
        raw.add("file-unreadable", table, f"repeated column names in {location}: {repeated}")
        return None
    if not check_columns(raw, table, header, location, strict=strict):
        return None
    return frame


def _csv_header(location: Path) -> list[str] | None:
    """The names of the first record of a CSV file (None: an empty file)."""
    with location.open(encoding="utf-8", errors="replace", newline="") as handle:
        return next(csv.reader(handle), None)


def _without_missing_values(frame: DataFrame, others: list[str]) -> DataFrame:
    """The declared missing values (beside the empty cell) emptied."""
    if not others:
        return frame
    from pyspark.sql import functions as sf

    return frame.select(
        *[
            sf.when(sf.col(f"`{n}`").isin(others), sf.lit(None))
            .otherwise(sf.col(f"`{n}`"))
            .alias(n)
            for n in frame.columns
        ]
    )
