"""Properties of valid drawn datasets: they pass every validator, and survive a write and a load."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import frictionless
from hypothesis import given, settings

from conflict_claims.contract.tables import LIST_SEPARATOR
from conflict_claims.engines.per_record.record_models import RECORD_MODELS
from conflict_claims.strategies import (
    Tables,
    datasets,
    snapshot_files,
    write_package,
    write_snapshots,
)
from conflict_claims.typed.dataset import Dataset
from conflict_claims.typed.loading import load
from conflict_claims.validation.package import validate
from hyputil import scaled


def _records(tables: Tables) -> dict[str, tuple[Any, ...]]:
    """The typed records the drawn rows stand for, built straight from the cells."""
    return {
        name: tuple(RECORD_MODELS[name].model_validate(row) for row in rows)
        for name, rows in tables.items()
    }


@settings(max_examples=scaled(50))
@given(datasets())
def test_valid_datasets_pass_both_layers_with_their_snapshots(tables: Tables) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_package(tables, folder)
        sources = write_snapshots(snapshot_files(tables), Path(folder) / "snapshots")
        for engine in ("pandera", "pydantic"):
            report = validate(folder, engine=engine, sources_dir=sources, strict=True)
            assert report.keys() == set(), [p.message for p in report.errors]
            assert report.rows == {name: len(rows) for name, rows in tables.items()}


@settings(max_examples=scaled(20))
@given(datasets())
def test_valid_datasets_pass_frictionless(tables: Tables) -> None:
    with tempfile.TemporaryDirectory() as folder:
        descriptor = write_package(tables, folder)
        report = frictionless.validate(str(descriptor))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


@settings(max_examples=scaled(50))
@given(datasets())
def test_write_then_load_loses_nothing(tables: Tables) -> None:
    """Free text holds arbitrary Unicode with commas, quotes and line breaks; all of it comes
    back, and so does every typed value."""
    with tempfile.TemporaryDirectory() as folder:
        write_package(tables, folder)
        loaded = load(folder)
    assert loaded == Dataset.model_validate(_records(tables))
    for name, rows in tables.items():
        assert [_as_text(r.model_dump()) for r in loaded.tables()[name]] == rows


def _as_text(values: dict[str, Any]) -> dict[str, str | None]:
    """A loaded record's values written back as the text cells a CSV holds."""
    return {k: _cell(v) for k, v in values.items()}


def _cell(value: object) -> str | None:
    if isinstance(value, tuple):  # a list column: its items joined, an empty list empty
        return LIST_SEPARATOR.join(value) or None
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)
