"""Choosing rules: skip them, run them alone, or report them as warnings; from the command line
and from the package's ``conflictClaims`` key."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clitools import EXAMPLES
from conflict_claims.cli import main
from conflict_claims.validation.package import validate
from conflict_claims.validation.table import validate_table

INVALID = EXAMPLES / "invalid"  # breaks value-negative and foreign-key
BOTH = {"value-negative", "foreign-key"}


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", *args])
    return code, out.getvalue(), err.getvalue()


def _with_settings(tmp_path: Path, settings: dict[str, object]) -> Path:
    folder = tmp_path / "pkg"
    shutil.copytree(INVALID, folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["conflictClaims"].update(settings)
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return folder


def test_ignore_and_select_choose_the_rules_checked() -> None:
    assert {p.rule for p in validate(INVALID).errors} == BOTH
    assert {p.rule for p in validate(INVALID, ignore=["foreign-key"]).errors} == {"value-negative"}
    only = validate(INVALID, select=["foreign-key", "unique-key"])
    assert {p.rule for p in only.errors} == {"foreign-key"}
    assert "value-negative" in only.skipped
    assert "unique-key" not in only.skipped


def test_a_warning_is_reported_but_leaves_the_package_valid() -> None:
    report = validate(INVALID, warn=["value-negative", "foreign-key"])
    assert report.valid
    assert {(p.rule, p.severity) for p in report.errors} == {
        ("value-negative", "warning"),
        ("foreign-key", "warning"),
    }
    half = validate(INVALID, warn=["value-negative"])
    assert not half.valid
    assert (half.error_count, half.warning_count) == (1, 1)


def test_an_unknown_slug_is_refused() -> None:
    with pytest.raises(ValueError, match="no such rule: no-such-rule"):
        validate(INVALID, ignore=["no-such-rule"])
    with pytest.raises(ValueError, match="no such rule"):
        validate_table(INVALID / "tables" / "claims.csv", "claims", warn=["nope"])


def test_command_line_options_take_comma_separated_slugs() -> None:
    code, out, _ = _cli(str(INVALID), "--warn", "value-negative,foreign-key")
    assert code == 0
    assert out.startswith("valid: ")
    assert "2 warnings" in out.splitlines()[0]
    assert "[value-negative, warning]" in out
    code, out, _ = _cli(str(INVALID), "--ignore", "foreign-key", "--ignore", "value-negative")
    assert (code, out.count("\n")) == (0, 1)
    code, out, _ = _cli(str(INVALID), "--select", "foreign-key", "--format", "json")
    assert code == 1
    assert [e["rule"] for e in json.loads(out)["errors"]] == ["foreign-key"]
    code, _, err = _cli(str(INVALID), "--ignore", "foreign-keys")
    assert code == 2
    assert "no such rule: foreign-keys" in err


def test_the_package_settings_choose_rules_and_the_command_line_overrides_them(
    tmp_path: Path,
) -> None:
    folder = _with_settings(tmp_path, {"ignore": ["foreign-key"], "warn": ["value-negative"]})
    report = validate(folder)
    assert report.valid
    assert [(p.rule, p.severity) for p in report.errors] == [("value-negative", "warning")]
    # a setting given on the command line replaces the package's same setting, not the others
    code, out, _ = _cli(str(folder), "--warn", "unique-key")
    assert code == 1
    assert "[value-negative]" in out
    assert "foreign-key" not in out


def test_bad_package_settings_are_a_problem_of_the_descriptor(tmp_path: Path) -> None:
    folder = _with_settings(tmp_path, {"ignore": "foreign-key", "warn": ["no-such-rule"]})
    wrong = [p for p in validate(folder).errors if p.rule == "package-invalid"]
    assert {p.message for p in wrong} == {
        "conflictClaims.ignore must be a list of rule slugs",
        "conflictClaims.warn names no rule no-such-rule",
    }
    assert all(p.file == "datapackage.json" for p in wrong)


def test_junit_shows_skipped_rules_as_skipped_and_warnings_as_passed() -> None:
    code, out, _ = _cli(
        str(INVALID), "--format", "junit", "--ignore", "unique-key", "--warn", "foreign-key"
    )
    assert code == 1
    cases = {c.get("name"): c for c in ET.fromstring(out).iter("testcase")}
    assert cases["unique-key"].find("skipped") is not None
    assert cases["foreign-key"].find("failure") is None
    assert "1 warning" in (cases["foreign-key"].findtext("system-out") or "")
    assert cases["value-negative"].find("failure") is not None


def test_load_checks_every_rule_whatever_the_package_settings(tmp_path: Path) -> None:
    import conflict_claims as cc

    folder = _with_settings(tmp_path, {"ignore": ["foreign-key", "value-negative"]})
    assert validate(folder).valid
    with pytest.raises(cc.InvalidPackageError) as caught:
        cc.load(folder)  # typed records need sound data: nothing is skipped or only warned
    assert {p.rule for p in caught.value.report.errors} == BOTH
