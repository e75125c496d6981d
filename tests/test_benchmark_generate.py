"""The benchmark's generated packages: valid, and of the shape they were asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.generate import Shape, build_frames, main, write_package
from conflict_claims.validation.package import validate


@pytest.mark.parametrize(
    ("shape", "events_per_claim", "participants_per_event"),
    [
        (Shape(events_per_claim=0.5, participants_per_event=5.0, actors=200), 0.5, 5.0),
        # the bundled events already hold 3.4 participants each; the generator only adds
        (Shape(), 0.1, 3.4),
    ],
)
def test_realistic_shape_is_valid_and_as_asked(
    shape: Shape, events_per_claim: float, participants_per_event: float, tmp_path: Path
) -> None:
    frames = build_frames(1000, shape)
    claims, events = len(frames["claims"]), len(frames["events"])
    assert claims >= 1000
    assert events / claims == pytest.approx(events_per_claim, abs=0.01)
    assert len(frames["participants"]) / events == pytest.approx(participants_per_event, abs=0.1)
    assert len(frames["actors"]) == shape.actors
    report = validate(write_package(frames, tmp_path / "pkg"))
    assert report.valid, report.errors[:5]
    assert report.rows["claims"] == claims


def test_command_line_writes_and_describes_the_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(tmp_path / "pkg"), "--claims", "200", "--events-per-claim", "1"]) == 0
    printed = capsys.readouterr().out
    bundled = len(build_frames(1, Shape())["claims"])  # whole copies of the bundled claims
    claims = -(-200 // bundled) * bundled
    assert f"{claims} claims, {claims} events (1.00 per claim)" in printed
    assert validate(tmp_path / "pkg").valid
