"""What validation and loading let go of as they go, so that a large package is not held twice:
the engine's ``release``, and the frames ``records_from_frame`` uses up."""

from __future__ import annotations

from pathlib import Path

import conflict_claims as cc
from conflict_claims.engines.vectorised import engine
from conflict_claims.io.read import read_package
from conflict_claims.typed.from_columns import records_from_frame
from pkgtools import Package


def _broken(folder: Path) -> Path:
    """A copy of the bundled package with a broken cell and a broken row in claims (each
    leaves the claims' sound rows fewer than its rows) and a dangling reference."""
    package = Package(folder)
    package.set("claims", 2, "value_low", "ten")
    package.set("claims", 3, "value_low", "9")
    package.set("claims", 3, "value_high", "1")
    package.set("claims", 5, "event_id", "no-such-event")
    return package.folder


def _whole(problems: list[cc.Problem]) -> list[tuple[object, ...]]:
    return sorted((p.rule, p.resource, p.row, p.field, p.value, p.message) for p in problems)


def test_a_released_package_gives_the_same_problems_and_is_emptied(tmp_path: Path) -> None:
    folder = _broken(tmp_path / "pkg")
    kept, released = read_package(folder), read_package(folder)
    expected = engine.run(kept)
    got = engine.run(released, release=True)
    assert _whole(got) == _whole(expected)
    assert {p.rule for p in got} >= {"type", "value-order", "foreign-key"}
    assert released.frames == {}
    assert set(kept.frames) == set(released.rows)  # without release, nothing is taken


def test_validate_releases_and_reports_as_before(tmp_path: Path) -> None:
    from conflict_claims.validation.package import check_raw

    folder = _broken(tmp_path / "pkg")
    report = cc.validate(folder)
    assert _whole(list(report.errors)) == _whole(list(check_raw(read_package(folder)).errors))


def test_records_from_frame_uses_the_frame_up() -> None:
    frame = read_package().frames["claims"]
    records = records_from_frame("claims", frame)
    assert list(frame.columns) == []
    assert records == cc.load().claims
