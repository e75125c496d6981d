"""Every problem of a report as one Parquet table, for reports too long to read whole."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from conflict_claims.report.report import Report


def write_failures(report: Report, path: str | Path, keys: Sequence[str | None] = ()) -> int:
    """Write every problem (rule, resource, key, row, field, value, message, severity, file,
    line) to a Parquet file at ``path``; ``keys`` gives each problem's row key, where known.
    Returns how many rows were written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    errors = report.errors
    known = list(keys) or [None] * len(errors)
    table = pa.table(
        {
            "rule": pa.array([p.rule for p in errors], pa.string()),
            "resource": pa.array([p.resource for p in errors], pa.string()),
            "key": pa.array(known, pa.string()),
            "row": pa.array([p.row for p in errors], pa.int64()),
            "field": pa.array([p.field for p in errors], pa.string()),
            "value": pa.array([p.value for p in errors], pa.string()),
            "message": pa.array([p.message for p in errors], pa.string()),
            "severity": pa.array([p.severity for p in errors], pa.string()),
            "file": pa.array([p.file for p in errors], pa.string()),
            "line": pa.array([p.line for p in errors], pa.int64()),
        }
    )
    pq.write_table(table, str(path))
    return len(errors)
