"""Every read is bounded, and a bound that is hit is a problem naming the file (limit-exceeded).

File and descriptor sizes (with options to raise them), descriptor depth, strict JSON, headers of
any width in linear time, and fields of any size read for what they are.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import conflict_claims as cc
from clitools import run_cli
from conflict_claims.contract.tables import TABLES
from conflict_claims.io.bounds import MB, Limits
from conflict_claims.validation.package import validate
from conflict_claims.validation.table import validate_table
from pkgtools import Package


@pytest.fixture
def package(tmp_path: Path) -> Package:
    return Package(tmp_path / "pkg")


def keys(report: cc.Report) -> set[tuple[str, str]]:
    return {(p.rule, p.resource) for p in report.errors}


def test_a_table_above_the_size_limit_is_reported_and_the_limit_can_be_raised(
    package: Package,
) -> None:
    size = package.csv_path("claims").stat().st_size
    report = validate(package.folder, limits=Limits(max_file_bytes=size - 1))
    assert keys(report) == {("limit-exceeded", "claims")}
    assert "claims.csv" in report.errors[0].message
    assert validate(package.folder, limits=Limits(max_file_bytes=size)).valid


def test_the_file_size_option_of_the_command(package: Package) -> None:
    tiny = run_cli("validate", str(package.folder), "--max-file-size", "0.001")
    assert tiny.returncode == 1
    assert "[limit-exceeded]" in tiny.stdout
    assert "claims.csv" in tiny.stdout
    assert run_cli("validate", str(package.folder), "--max-file-size", "1").returncode == 0
    bad = run_cli("validate", str(package.folder), "--max-file-size", "-3")
    assert bad.returncode == 2


def test_the_defaults_hold_a_million_claims_with_room_to_spare() -> None:
    from pkgtools import BUNDLED

    claims = BUNDLED / "data" / "claims.csv"
    per_claim = claims.stat().st_size / (len(claims.read_bytes().splitlines()) - 1)
    assert 1_000_000 * per_claim * 4 < Limits().max_file_bytes
    descriptor = (BUNDLED / "datapackage.json").stat().st_size
    assert descriptor * 100 < Limits().max_descriptor_bytes


def test_a_descriptor_above_its_size_limit_is_reported(package: Package) -> None:
    size = (package.folder / "datapackage.json").stat().st_size
    report = validate(package.folder, limits=Limits(max_descriptor_bytes=size - 1))
    assert keys(report) == {("limit-exceeded", "datapackage")}
    result = run_cli("validate", str(package.folder), "--max-descriptor-size", "0.001")
    assert result.returncode == 1
    assert "[limit-exceeded]" in result.stdout


@pytest.mark.parametrize("depth", [65, 10_000, 100_000])
def test_a_deeply_nested_descriptor_is_a_problem_not_a_crash(package: Package, depth: int) -> None:
    text = (package.folder / "datapackage.json").read_text(encoding="utf-8")
    nested = "[" * depth + "]" * depth
    (package.folder / "datapackage.json").write_text(
        text.replace('"resources":', f'"deep": {nested}, "resources":', 1), encoding="utf-8"
    )
    assert keys(validate(package.folder)) == {("limit-exceeded", "datapackage")}
    with pytest.raises(cc.InvalidPackageError):
        cc.load(package.folder)
    result = run_cli("validate", str(package.folder))
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert "[limit-exceeded]" in result.stdout


def test_the_depth_bound_is_a_limit(package: Package) -> None:
    d = package.descriptor
    d["deep"] = [[[[[]]]]]
    package.write_descriptor(d)
    assert validate(package.folder).valid
    report = validate(package.folder, limits=Limits(max_descriptor_depth=4))
    assert keys(report) == {("limit-exceeded", "datapackage")}


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(package: Package, constant: str) -> None:
    text = (package.folder / "datapackage.json").read_text(encoding="utf-8")
    (package.folder / "datapackage.json").write_text(
        text.replace('"resources":', f'"weight": {constant}, "resources":', 1), encoding="utf-8"
    )
    report = validate(package.folder)
    assert keys(report) == {("package-invalid", "datapackage")}
    assert constant.lstrip("-") in report.errors[0].message


def _wide_header(columns: int, table: str = "quantifiers") -> list[str]:
    return list(TABLES[table].column_names) + [f"x{i}" for i in range(columns)]


def test_a_header_of_a_million_columns_is_refused_in_linear_time(tmp_path: Path) -> None:
    header = _wide_header(1_000_000)
    file = tmp_path / "quantifiers.csv"
    file.write_text(",".join(header) + "\n", encoding="utf-8")
    start = time.monotonic()
    report = validate_table(file, "quantifiers", strict=True)
    elapsed = time.monotonic() - start
    assert keys(report) == {("limit-exceeded", "quantifiers")}
    assert f"{len(header)} columns" in report.errors[0].message
    assert elapsed < 20, f"{elapsed:.1f} s for a header of a million columns"


def test_a_wide_header_within_the_bound_is_read(tmp_path: Path) -> None:
    header = _wide_header(2_000)
    file = tmp_path / "quantifiers.csv"
    file.write_text(",".join(header) + "\n", encoding="utf-8")
    assert validate_table(file, "quantifiers").valid
    narrow = validate_table(file, "quantifiers", limits=Limits(max_columns=100))
    assert keys(narrow) == {("limit-exceeded", "quantifiers")}


def test_a_wide_header_with_a_repeat_is_found_in_linear_time(tmp_path: Path) -> None:
    header = [*_wide_header(300_000), "x7"]
    file = tmp_path / "quantifiers.csv"
    file.write_text(",".join(header) + "\n", encoding="utf-8")
    start = time.monotonic()
    report = validate_table(file, "quantifiers", limits=Limits(max_columns=400_000))
    assert time.monotonic() - start < 20
    assert keys(report) == {("csv-malformed", "quantifiers")}
    assert "x7" in report.errors[0].message


def test_a_wide_parquet_header_is_refused_in_linear_time(tmp_path: Path) -> None:
    names = _wide_header(30_000)
    table = pa.table({name: pa.array([], type=pa.string()) for name in names})
    pq.write_table(table, tmp_path / "quantifiers.parquet")
    start = time.monotonic()
    report = validate_table(tmp_path / "quantifiers.parquet", "quantifiers")
    elapsed = time.monotonic() - start
    assert keys(report) == {("limit-exceeded", "quantifiers")}
    assert elapsed < 10, f"{elapsed:.1f} s for a Parquet header of 30,000 columns"


def test_a_parquet_header_with_a_repeat_is_found_in_linear_time(tmp_path: Path) -> None:
    names = [*_wide_header(40_000), "x7"]
    arrays = [pa.array([], type=pa.string()) for _ in names]
    pq.write_table(pa.Table.from_arrays(arrays, names=names), tmp_path / "q.parquet")
    start = time.monotonic()
    report = validate_table(
        tmp_path / "q.parquet", "quantifiers", limits=Limits(max_columns=50_000)
    )
    assert time.monotonic() - start < 10
    assert keys(report) == {("file-unreadable", "quantifiers")}
    assert "x7" in report.errors[0].message


def test_a_large_well_formed_cell_is_not_called_malformed(package: Package) -> None:
    rows = package.rows("claims")
    rows[0]["notes"] = "long " * 60_000  # 300,000 characters, beyond the csv module's default
    package.write_rows("claims", rows)
    # a quoted header sends the file down the careful path, where the csv module reads it
    path = package.csv_path("claims")
    text = path.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    path.write_text('"' + header.replace(",", '","') + '"\n' + rest, encoding="utf-8")
    assert validate(package.folder).valid


def test_a_large_cell_does_not_hide_the_real_bad_row(package: Package) -> None:
    rows = package.rows("claims")
    rows[0]["notes"] = "long " * 60_000
    package.write_rows("claims", rows)
    path = package.csv_path("claims")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[5] += ",an extra cell"  # data row 5 is the one that is broken
    path.write_text("\n".join(lines), encoding="utf-8")
    report = validate(package.folder)
    assert {(p.rule, p.resource, p.row) for p in report.errors} == {("csv-malformed", "claims", 5)}


def test_limits_are_reported_per_file_in_json(package: Package) -> None:
    result = run_cli(
        "validate", str(package.folder), "--max-file-size", "0.005", "--format", "json"
    )
    errors = json.loads(result.stdout)["errors"]
    limited = {e["resource"] for e in errors if e["rule"] == "limit-exceeded"}
    big = {
        t for t in TABLES if package.csv_path(t).stat().st_size > 0.005 * MB
    }  # the files above 5 kB
    assert limited == big
    assert big
