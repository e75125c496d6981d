"""The shared local Spark session of the Spark tests, and how they compare two reports.

The Spark tests need Python 3.11 (pyspark 4) and Java. On Python 3.10 (the lowest-versions
run, where the spark extra installs nothing) they skip; anywhere else a missing pyspark or Java
is an error, never a skip: CI installs both.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conflict_claims.contract.tables import TABLES
from conflict_claims.io.read import read_package
from conflict_claims.report.report import Report

NEEDS_SPARK = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="pyspark 4 needs Python 3.11 (the spark extra is empty)"
)


def local_session() -> Iterator[Any]:
    """One JVM for the whole test session: local[1], one shuffle partition (tiny tables)."""
    from conflict_claims.engines.spark.session import require_spark

    require_spark()  # raises, and so fails the test, when pyspark or Java is missing
    os.environ.setdefault("SPARK_SHUFFLE_PARTITIONS", "1")
    from conflict_claims.engines.spark.session import spark_session

    spark = spark_session("local[1]")
    # small tables: adaptive planning costs more than it saves
    spark.conf.set("spark.sql.adaptive.enabled", "false")
    # batches of 8 rows: every table but the smallest spans several batches, so a rule that
    # needs more than one row (a declared unique constraint) is seen across batches, as on a
    # large table
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "8")
    yield spark
    spark.stop()


Keyed = tuple[str, str, "str | None", "str | None"]


def keyed(report: Report, path: Path, **options: Any) -> set[Keyed]:
    """The (rule, resource, primary key, field) set of a report of the package at ``path``,
    keys looked up in the package's own rows."""
    raw = read_package(path, strict=bool(options.get("strict")))
    found: set[Keyed] = set()
    for p in report.errors:
        frame = raw.frames.get(p.resource)
        key = None
        if p.row is not None and frame is not None:
            cells = [frame.at[p.row, k] for k in TABLES[p.resource].primary_key]
            key = ",".join(str(c) for c in cells)
        found.add((p.rule, p.resource, key, p.field))
    return found


def spark_keyed(keys: tuple[str | None, ...], report: Report) -> set[Keyed]:
    return {(p.rule, p.resource, k, p.field) for p, k in zip(report.errors, keys, strict=True)}
