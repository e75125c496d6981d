"""Typed Parquet: the library's own frames are accepted by value, checked by the same rules as a
CSV, and reading Parquet never leaves Arrow's thread pool to crash the process at exit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from clitools import REPO, run_cli
from conflict_claims.contract.tables import TABLE_NAMES
from conflict_claims.typed.loading import load
from conflict_claims.validation.table import validate_table

BUNDLED = REPO / "datapackage"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    typed = load().frames()
    return {name: getattr(typed, name) for name in TABLE_NAMES}


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_frames_round_trip_through_parquet(
    name: str, frames: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    target = tmp_path / f"{name}.parquet"
    frames[name].to_parquet(target)
    report = validate_table(target, name, package=BUNDLED)
    assert report.errors == ()
    assert report.rows[name] == len(frames[name])


@pytest.mark.parametrize("name", TABLE_NAMES)
def test_frames_round_trip_through_csv(
    name: str, frames: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    target = tmp_path / f"{name}.csv"
    frames[name].to_csv(target, index=False)
    assert validate_table(target, name, package=BUNDLED).errors == ()


def test_typed_values_are_read_as_the_text_a_csv_holds(
    frames: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """Dates, timestamps at midnight, nullable integers and categoricals, by value."""
    claims = frames["claims"].copy()
    assert isinstance(claims["category"].dtype, pd.CategoricalDtype)
    assert str(claims["value_high"].dtype) == "Int64"
    assert claims["value_high"].isna().any()
    claims["claimed_on"] = claims["claimed_on"].dt.date  # Arrow date32, not a timestamp
    target = tmp_path / "claims.parquet"
    claims.to_parquet(target)
    assert validate_table(target, "claims", package=BUNDLED).errors == ()


def test_a_timestamp_past_midnight_is_not_a_date(
    frames: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    events = frames["events"].copy()
    events.loc[0, "date_end"] = events.loc[0, "date_end"] + pd.Timedelta(hours=5)
    target = tmp_path / "events.parquet"
    events.to_parquet(target)
    (problem,) = validate_table(target, "events", package=BUNDLED).errors
    assert (problem.rule, problem.row, problem.field) == ("type", 1, "date_end")
    assert problem.value is not None
    assert problem.value.endswith("05:00:00.000000000")


def test_added_parquet_columns_are_held_to_the_hygiene_rules(
    frames: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    claims = frames["claims"].copy()
    claims["link"] = ["=cmd()" if i == 2 else "fine" for i in range(len(claims))]
    claims["day"] = dt.date(2023, 1, 1)
    target = tmp_path / "claims.parquet"
    claims.to_parquet(target)
    (problem,) = validate_table(target, "claims", package=BUNDLED).errors
    assert problem.key() == ("formula-injection", "claims", 3, "link")


def test_parquet_is_read_without_the_thread_pool(
    frames: dict[str, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pyarrow thread-shutdown abort comes from the pool: the reader must not use it."""
    import pyarrow.parquet as pq

    calls: list[dict[str, object]] = []
    real = pq.read_table

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pq, "read_table", spy)
    target = tmp_path / "claims.parquet"
    frames["claims"].to_parquet(target)
    assert validate_table(target, "claims").errors == ()
    assert calls
    assert all(c.get("use_threads") is False for c in calls)


def test_validating_parquet_in_a_loop_never_crashes_at_exit(
    frames: dict[str, pd.DataFrame], tmp_path: Path
) -> None:
    """Whole processes, each reading Parquet and exiting: every one exits 0 with its report
    (the abort it guards against printed "valid", then exited 134)."""
    target = tmp_path / "claims.parquet"
    frames["claims"].to_parquet(target)
    for _ in range(12):
        result = run_cli("validate", str(target), "--table", "claims", "--package", str(BUNDLED))
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout.startswith("valid")
