"""Inputs on which the two validation layers once disagreed or one of them crashed, found by the
property tests (tests/test_properties_*.py) and kept here as plain examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_claims.validation.package import validate
from pkgtools import Package


@pytest.mark.parametrize("engine", ["pandera", "pydantic"])
def test_sources_without_claims(engine: str, tmp_path: Path) -> None:
    """No claim, so no source reports an event: the date rules have nothing to compare."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("claims")
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    report = validate(package.folder, engine=engine)  # type: ignore[arg-type]
    assert report.keys() == set()


@pytest.mark.parametrize("engine", ["pandera", "pydantic"])
def test_claims_when_no_event_is_sound(engine: str, tmp_path: Path) -> None:
    """Every event has a broken cell, so no claim's event start is known."""
    package = Package(tmp_path / "pkg")
    rows = package.rows("events")
    package.write_rows("events", [{**r, "name": ""} for r in rows])
    report = validate(package.folder, engine=engine)  # type: ignore[arg-type]
    assert report.keys() == {("required", "events", n) for n in range(1, len(rows) + 1)}


@pytest.mark.parametrize(
    ("key", "value"),
    [("name", {"a": 1}), ("name", ["claims"]), ("mapping", ["x"]), ("mapping", {"x": 1})],
)
def test_odd_resource_names_are_a_missing_table(key: str, value: object, tmp_path: Path) -> None:
    """Valid JSON with a resource name or a table mapping that is no string: no crash."""
    package = Package(tmp_path / "pkg")
    descriptor = package.descriptor
    resources: list[dict[str, object]] = descriptor["resources"]  # type: ignore[assignment]
    claims = next(r for r in resources if r["name"] == "claims")
    if key == "name":
        claims["name"] = value
    else:
        descriptor["conflictClaims"] = {"tables": {"claims": value}}
    package.write_descriptor(descriptor)
    for engine in ("pandera", "pydantic"):
        report = validate(package.folder, engine=engine)  # type: ignore[arg-type]
        # a mapping that is no string is a malformed descriptor; a resource whose name is no
        # string cannot be the claims table, which is then missing
        rule = "table-missing" if key == "name" else "package-invalid"
        assert report.keys() == {(rule, "claims", None)}


def test_a_csv_dialect_other_than_commas_is_reported_not_misread(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    descriptor = package.descriptor
    resources: list[dict[str, object]] = descriptor["resources"]  # type: ignore[assignment]
    next(r for r in resources if r["name"] == "events")["dialect"] = {"delimiter": ";"}
    package.write_descriptor(descriptor)
    for engine in ("pandera", "pydantic"):
        report = validate(package.folder, engine=engine)  # type: ignore[arg-type]
        assert report.keys() == {("resource-unsupported", "events", None)}
