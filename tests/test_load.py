"""load(): the records it builds, and the error it raises on a package that breaks a rule."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import conflict_claims as cc
from conflict_claims.engines.per_record.engine import table_records
from conflict_claims.io.read import read_package
from conflict_claims.typed.dataset import Dataset
from pkgtools import BUNDLED, Package
from test_rules import CASES


def validated_one_by_one(path: Path | None = None) -> Dataset:
    """The reference: every row through its Pydantic model, then the dataset model."""
    raw = read_package(path)
    tables = {
        name: tuple(record for _, record in table_records(name, frame)[1])
        for name, frame in raw.frames.items()
    }
    return Dataset.model_validate(tables)


def test_load_counts_every_claim() -> None:
    lines = (BUNDLED / "data" / "claims.csv").read_text(encoding="utf-8").splitlines()
    assert len(cc.load().claims) == len(lines) - 1  # no claim holds a line break


def test_records_equal_those_model_validate_builds() -> None:
    loaded = cc.load()
    reference = validated_one_by_one()
    for name in loaded.tables():
        assert getattr(loaded, name) == getattr(reference, name), name
    for ours, theirs in zip(loaded.claims, reference.claims, strict=True):
        assert ours.model_fields_set == theirs.model_fields_set


def test_a_copy_with_an_update_leaves_the_other_records_as_they_were() -> None:
    # the records of a table share one set of fields set (typed/from_columns.py)
    d = cc.load()
    first, second = d.claims[0], d.claims[1]
    before = set(second.model_fields_set)
    changed = first.model_copy(update={"notes_extra": "x"})
    assert "notes_extra" in changed.model_fields_set
    assert second.model_fields_set == before
    assert first.model_fields_set == before
    with pytest.raises(ValueError, match="frozen"):
        first.notes = "changed"  # type: ignore[misc]


def test_values_are_typed() -> None:
    d = cc.load()
    event = d.event("2023-09-17-lere")
    assert isinstance(event.date_start, dt.date)
    assert event.place == "Léré"
    claim = d.claim("wp-bourem-08")
    assert isinstance(claim.value_low, int)
    assert claim.claimed_on is None
    quantifiers = {q.phrase: q for q in d.quantifiers}
    assert quantifiers["None"].value_high == 0  # the phrase "None" is text, its figure zero
    assert quantifiers["dozens"].value_high is None


def test_extra_columns_are_kept_as_text(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    rows = package.rows("claims")
    for number, row in enumerate(rows):
        row["reviewer"] = "Aminata Goïta" if number % 2 else ""
    package.write_rows("claims", rows)
    descriptor = package.descriptor
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")  # type: ignore[attr-defined]
    claims["schema"]["fields"].append(
        {"name": "reviewer", "type": "string"}
    )  # declared, as it must be
    package.write_descriptor(descriptor)
    loaded = cc.load(package.folder)
    assert loaded == validated_one_by_one(package.folder)
    assert loaded.claims[0].model_extra == {"reviewer": None}
    assert loaded.claims[1].model_extra == {"reviewer": "Aminata Goïta"}


def test_navigation() -> None:
    d = cc.load()
    claim = d.claim("wp-bourem-08")
    assert d.event_of(claim).event_id == claim.event_id
    assert d.claimant_of(claim).actor_id == claim.claimant_id
    assert d.source_of(claim).source_id == claim.source_id
    assert d.subject_of(claim).actor_id == claim.subject_id
    assert claim in d.claims_about(d.event_of(claim))
    with pytest.raises(KeyError, match="no claims row"):
        d.claim("no-such-claim")


@pytest.mark.parametrize(
    "slug",
    ["package-invalid", "csv-malformed", "vocabulary", "value-order", "foreign-key",
     "subject-not-participant"],
)  # fmt: skip
def test_a_broken_rule_raises_one_error_naming_rule_and_row(slug: str, tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    expected, _ = CASES[slug](package)
    with pytest.raises(cc.InvalidPackageError) as caught:
        cc.load(package.folder)
    report = caught.value.report
    assert {(p.rule, p.resource, p.row, p.field) for p in report.errors} == expected
    for rule, resource, row, _field in expected:
        assert f"[{rule}]" in str(caught.value)
        assert resource in str(caught.value)
        if row is not None:
            assert f"row {row}" in str(caught.value)


def test_public_functions_stay_functions_once_their_modules_are_imported() -> None:
    import conflict_claims.typed.loading
    import conflict_claims.validation.package  # noqa: F401

    assert callable(cc.load)
    assert callable(cc.validate)
    assert cc.validate().valid
    assert cc.load is sys.modules["conflict_claims.typed.loading"].load


@pytest.mark.parametrize("sample", [2, 10_000])
def test_columns_convert_alike_cell_by_cell_or_per_distinct_value(
    sample: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tiny sample makes every column look mostly distinct (converted cell by cell); the
    default makes the bundled ones look repetitive (converted once per distinct value)."""
    from conflict_claims.typed import from_columns as typed

    monkeypatch.setattr(typed, "_SAMPLE", sample)
    reference = validated_one_by_one()
    loaded = cc.load()
    for name in loaded.tables():
        assert getattr(loaded, name) == getattr(reference, name), name
