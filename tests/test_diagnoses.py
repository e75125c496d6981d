"""The commonest derivation mistakes are each told as one problem naming cause and fix."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from clitools import run_cli
from conflict_claims.cli import main
from conflict_claims.validation.package import validate
from conflict_claims.validation.table import validate_table
from pkgtools import BUNDLED


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "pkg"
    shutil.copytree(BUNDLED, folder)
    return folder


def test_a_pandas_round_trip_of_the_claims_is_one_diagnosis(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    claims = folder / "data" / "claims.csv"
    pd.read_csv(claims).to_csv(claims)  # read and write with pandas' defaults
    report = validate(folder)
    assert [p.key() for p in report.errors] == [("written-by-pandas", "claims", None, None)]
    (problem,) = report.errors
    assert "pandas" in problem.message
    assert "index column" in problem.message
    assert "10.0" in problem.message or ".0)" in problem.message
    assert "keep_default_na=False" in problem.hint
    assert "index=False" in problem.hint
    result = run_cli("validate", str(folder))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) <= 5  # the summary and the diagnosis
    assert "written-by-pandas" in result.stdout


def test_the_fix_the_diagnosis_gives_works(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    claims = folder / "data" / "claims.csv"
    pd.read_csv(claims, dtype=str, keep_default_na=False).to_csv(claims, index=False)
    assert validate(folder).valid


@pytest.mark.parametrize(("sep", "name"), [(";", "semicolon"), ("\t", "tab")])
def test_a_file_with_another_separator_is_one_problem_naming_it(
    tmp_path: Path, sep: str, name: str
) -> None:
    folder = _copy(tmp_path)
    claims = folder / "data" / "claims.csv"
    pd.read_csv(claims, dtype=str, keep_default_na=False).to_csv(claims, sep=sep, index=False)
    for report in (validate(folder), validate_table(claims, "claims")):
        assert [p.key() for p in report.errors] == [("csv-malformed", "claims", None, None)]
        (problem,) = report.errors
        assert f"{name}-separated" in problem.message
        assert problem.value == sep
        assert "comma-separated" in problem.hint


def test_a_dialect_naming_another_separator_gets_a_fix_about_the_separator(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][0]["dialect"] = {"delimiter": ";"}
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (problem,) = validate(folder).errors
    assert problem.rule == "resource-unsupported"
    assert '{"delimiter": ";"}' in problem.message
    assert "comma-separated" in problem.hint
    assert "datapackage.json" not in problem.hint  # not the generic "point at a package"


def test_a_descriptor_given_to_table_is_a_usage_error(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    err = io.StringIO()
    from contextlib import redirect_stderr

    with redirect_stderr(err):
        code = main(["validate", str(folder / "datapackage.json"), "--table", "claims"])
    assert code == 2
    assert "package descriptor, not a table" in err.getvalue()
    assert "drop --table" in err.getvalue()
