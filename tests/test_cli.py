"""Black-box tests of the installed ``conflict-claims`` console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import conflict_claims
from clitools import run_cli
from conflict_claims.cli import main
from conflict_claims.report.report import Report
from pkgtools import Package

NEW_KEYS = {"hint", "file", "line", "resource_name", "severity"}
"""Keys the JSON error object gained, beside those it always had."""

HERE = Path(__file__).parent


def assert_one_line_usage_error(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("conflict-claims: error: ")


def write_package(folder: Path, broken_rows: int = 0) -> Path:
    """A copy of the bundled package; the first ``broken_rows`` claims get a non-number value."""
    package = Package(folder)
    for row in range(1, broken_rows + 1):
        package.set("claims", row, "value_low", "many")
    return folder / "datapackage.json"


def test_help_shows_commands_and_an_example() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout
    assert "example" in result.stdout
    assert "conflict-claims validate" in result.stdout


def test_validate_help_shows_options_and_an_example() -> None:
    result = run_cli("validate", "--help")
    assert result.returncode == 0
    for option in (
        "--format",
        "--output",
        "--sources-dir",
        "--max-errors",
        "--table",
        "--package",
        "--strict",
        "--trusted",
        "--allow-remote",
    ):
        assert option in result.stdout
    assert "example" in result.stdout
    assert "conflict-claims validate" in result.stdout


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"conflict-claims {conflict_claims.__version__}"


@pytest.mark.parametrize(
    "args",
    [
        ("--bogus",),
        ("validate", "--bogus"),
        (),
        ("no-such-command",),
        ("validate", "--format", "xml"),
        ("validate", "--max-errors", "-1"),
        ("validate", "--max-errors", "many"),
        ("validate", "a", "b"),
        ("validate", "--table", "claims"),
        ("validate", "--table", "nope", "x.csv"),
        ("validate", "--package", "."),
        ("validate", "datapackage/data/claims.csv"),
        ("info", "no-such-folder"),
        ("rules", "extra"),
    ],
)
def test_wrong_usage_is_one_line_and_exit_2(args: tuple[str, ...]) -> None:
    assert_one_line_usage_error(run_cli(*args, cwd=HERE.parent))


def test_unrecognized_option_message() -> None:
    result = run_cli("--bogus")
    assert result.stderr.strip() == (
        "conflict-claims: error: unrecognized arguments: --bogus (see conflict-claims --help)"
    )


def test_validate_missing_path(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "missing" / "datapackage.json"))
    assert_one_line_usage_error(result)
    assert "does not exist" in result.stderr


def test_validate_missing_sources_dir(tmp_path: Path) -> None:
    package = write_package(tmp_path / "pkg")
    result = run_cli("validate", str(package), "--sources-dir", str(tmp_path / "nope"))
    assert_one_line_usage_error(result)


def test_validate_valid_package(tmp_path: Path) -> None:
    package = write_package(tmp_path / "pkg")
    result = run_cli("validate", str(package))
    assert result.returncode == 0, result
    assert result.stdout.splitlines()[0].startswith(f"valid: {package} \u2014 6 tables, ")
    assert result.stderr == ""  # no progress indicator when stderr is not a terminal


def test_validate_accepts_a_folder(tmp_path: Path) -> None:
    write_package(tmp_path / "pkg")
    result = run_cli("validate", str(tmp_path / "pkg"))
    assert result.returncode == 0, result


def test_validate_invalid_package_text(tmp_path: Path) -> None:
    package = write_package(tmp_path / "pkg", broken_rows=2)
    result = run_cli("validate", str(package), "--max-errors", "1")
    assert result.returncode == 1, result
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"invalid: {package} \u2014 6 tables, ")
    assert lines[0].endswith("2 errors")
    assert lines[1].startswith("  claims, data/claims.csv line 2 (row 1), column value_low: ")
    assert "value_low is not a whole number: 'many' [type] Fix: " in lines[1]
    assert "1 more problem" in lines[2]
    assert len(lines) == 3
    assert "\033[" not in result.stdout  # no colour when stdout is not a terminal


def test_validate_invalid_package_json_to_file(tmp_path: Path) -> None:
    package = write_package(tmp_path / "pkg", broken_rows=1)
    output = tmp_path / "report.json"
    result = run_cli("validate", str(package), "--format", "json", "--output", str(output))
    assert result.returncode == 1, result
    assert result.stdout == ""
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["valid"] is False
    assert report["error_count"] == 1
    error = report["errors"][0]
    assert (error["rule"], error["resource"], error["row"], error["field"], error["value"]) == (
        "type",
        "claims",
        1,
        "value_low",
        "many",
    )
    assert set(error) == {"rule", "resource", "row", "field", "value", "message", *NEW_KEYS}
    assert (error["file"], error["line"], error["severity"]) == ("data/claims.csv", 2, "error")
    assert error["hint"]
    assert not list(tmp_path.glob(".*partial"))


def test_max_errors_caps_printing_not_counting(tmp_path: Path) -> None:
    package = write_package(tmp_path / "pkg", broken_rows=3)
    result = run_cli("validate", str(package), "--format", "json", "--max-errors", "1")
    assert result.returncode == 1, result
    report = json.loads(result.stdout)
    assert report["error_count"] == 3
    assert len(report["errors"]) == 1
    assert report["errors_not_shown"] == 2


def test_validate_broken_descriptor(tmp_path: Path) -> None:
    package = tmp_path / "datapackage.json"
    package.write_text("{not json", encoding="utf-8")
    result = run_cli("validate", str(package))
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("invalid: ")


def test_validate_bundled_package_is_valid(tmp_path: Path) -> None:
    result = run_cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("valid: the bundled package \u2014 ")


def test_help_does_not_import_heavy_modules() -> None:
    code = (
        "import sys; from conflict_claims.cli import build_parser; build_parser(); "
        "heavy = {'pandas', 'frictionless', 'pandera', 'pyarrow'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


_TOKENS = st.sampled_from(
    [
        "validate",
        "--format",
        "text",
        "json",
        "github",
        "junit",
        "xml",
        "--strict",
        "--table",
        "claims",
        "--allow-remote",
        "--max-errors",
        "0",
        "3",
        "-1",
        "--sources-dir",
        str(HERE / "no-such-dir"),
        str(HERE / "no-such-file.json"),
        "--bogus",
        "-x",
        "--",
        "",
        "\u00e9t\u00e9 \u2014 2023",
    ]
)


@given(argv=st.lists(_TOKENS, max_size=6))
def test_no_argv_crashes_the_cli(argv: list[str]) -> None:
    stub = Report(path="stub", errors=())
    with (
        mock.patch("conflict_claims.cli.validate._validate_package", return_value=stub),
        mock.patch("sys.stdout"),
        mock.patch("sys.stderr") as stderr,
    ):
        code = main(argv)
    assert code in (0, 1, 2)
    if code == 2:
        written = "".join(call.args[0] for call in stderr.write.call_args_list)
        assert written.startswith("conflict-claims: error: ")
        assert written.count("\n") == 1
