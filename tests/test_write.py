"""Dataset.write(): a valid package, no value lost on the way back, and nothing half-written."""

from __future__ import annotations

from pathlib import Path

import frictionless
import pytest

import conflict_claims as cc
from conflict_claims.typed import writing as write_module
from conflict_claims.typed.dataset import Dataset
from loaded import bundled


def tricky() -> Dataset:
    """The bundled data with text that CSV writers get wrong, and an extra column."""
    d = bundled()
    events = list(d.events)
    events[0] = events[0].model_copy(
        update={"summary": 'Léré, then "Ber";\nGoïta\'s army, 2 lines, a\ttab and a CR\r\nend.'}
    )
    claims = [
        c.model_copy(update={"reviewer": None if i % 3 else f'Goïta, "{i}"'})
        for i, c in enumerate(d.claims)
    ]
    claims[1] = claims[1].model_copy(update={"notes": None, "statement": "Léré, 0"})
    return d.model_copy(update={"events": tuple(events), "claims": tuple(claims)})


def test_bundled_round_trip_is_byte_identical(tmp_path: Path) -> None:
    d = bundled()
    descriptor = d.write(tmp_path / "copy")
    assert cc.load(descriptor) == d
    from pkgtools import BUNDLED

    for name in d.tables():
        written = (tmp_path / "copy" / "data" / f"{name}.csv").read_bytes()
        assert written == (BUNDLED / "data" / f"{name}.csv").read_bytes(), name


def test_round_trip_keeps_accents_quotes_commas_and_empty_vs_zero(tmp_path: Path) -> None:
    d = tricky()
    descriptor = d.write(tmp_path / "tricky")
    again = cc.load(descriptor)
    assert again == d
    assert again.events[0].summary == d.events[0].summary
    assert again.claims[0].model_extra == {"reviewer": 'Goïta, "0"'}
    assert again.claims[1].model_extra == {"reviewer": None}
    zero = {q.phrase: q for q in again.quantifiers}
    assert (zero["None"].value_high, zero["dozens"].value_high) == (0, None)
    assert frictionless.validate(str(descriptor)).valid
    assert cc.validate(descriptor).valid


def test_write_replaces_an_earlier_package(tmp_path: Path) -> None:
    bundled().write(tmp_path / "out")
    d = tricky()
    d.write(tmp_path / "out")
    assert cc.load(tmp_path / "out") == d
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folder left


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_an_invalid_dataset_is_not_written(tmp_path: Path) -> None:
    bundled().write(tmp_path / "out")
    before = snapshot(tmp_path / "out")
    d = bundled()
    broken = d.claims[0].model_copy(update={"event_id": "2023-01-01-nowhere"})
    bad = d.model_copy(update={"claims": (broken, *d.claims[1:])})
    with pytest.raises(cc.InvalidPackageError) as caught:
        bad.write(tmp_path / "out")
    assert {(p.rule, p.resource, p.row) for p in caught.value.report.errors} >= {
        ("foreign-key", "claims", 1)
    }
    assert snapshot(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_failure_midway_leaves_the_earlier_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled().write(tmp_path / "out")
    before = snapshot(tmp_path / "out")
    real = write_module.write_table

    def failing(path: Path, table: str, records: object) -> list[str]:
        if table == "claims":
            raise OSError(28, "No space left on device")
        return real(path, table, records)  # type: ignore[arg-type]

    monkeypatch.setattr(write_module, "write_table", failing)
    with pytest.raises(OSError, match="No space left"):
        tricky().write(tmp_path / "out")
    assert snapshot(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_that_is_not_a_package_is_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        bundled().write(tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("text", ["lone\rreturn", "end\r", "\rstart", "both\r\nkinds\nhere"])
def test_line_breaks_of_every_kind_survive_a_round_trip(text: str, tmp_path: Path) -> None:
    dataset = bundled()
    first = dataset.claims[0].model_copy(update={"notes": text})
    changed = dataset.model_copy(update={"claims": (first, *dataset.claims[1:])})
    assert cc.load(changed.write(tmp_path / "out")).claims[0].notes == text
