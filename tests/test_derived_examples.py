"""The examples of the README's "Derived packages" section give exactly their committed report."""

from __future__ import annotations

import pytest

from clitools import EXAMPLES, run_cli


@pytest.mark.parametrize(("name", "code"), [("valid", 0), ("invalid", 1)])
def test_example_gives_its_committed_report(name: str, code: int) -> None:
    result = run_cli("validate", f"examples/derived/{name}")
    assert result.returncode == code, result.stderr
    expected = (EXAMPLES / name / "expected-report.txt").read_text(encoding="utf-8")
    assert result.stdout == expected
    assert result.stderr == ""


def test_invalid_example_breaks_the_documented_rules() -> None:
    from conflict_claims.validation.package import validate

    report = validate(EXAMPLES / "invalid")
    assert {(p.rule, p.resource, p.row, p.field, p.value) for p in report.errors} == {
        ("value-negative", "claims", 3, "value_low", "-5"),
        ("foreign-key", "claims", 13, "source_id", "atlas-bourem"),
    }


def test_valid_example_uses_the_profile_an_extra_column_and_a_subset() -> None:
    import json

    from conflict_claims.typed.loading import load
    from conflict_claims.validation.package import validate

    descriptor = json.loads((EXAMPLES / "valid" / "datapackage.json").read_text("utf-8"))
    names = {r["name"] for r in descriptor["resources"]}
    assert set(descriptor["conflictClaims"]["tables"].values()) == names
    assert not names & {"events", "claims"}  # found through the profile, not by name
    dataset = load(EXAMPLES / "valid")
    assert len(dataset.events) == 1
    assert len(dataset.events) < len(load().events)
    assert all(getattr(c, "reviewed_by", None) == "team-a" for c in dataset.claims)
    strict = validate(EXAMPLES / "valid", strict=True)
    assert {p.key() for p in strict.errors} == {
        ("column-unexpected", "claims", None, "reviewed_by")
    }
