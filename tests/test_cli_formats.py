"""The report formats of ``conflict-claims validate``, run through the real console script."""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from clitools import EXAMPLES, REPO, run_cli
from conflict_claims.cli import main
from conflict_claims.contract.rules import RULES
from pkgtools import Package

INVALID = "examples/derived/invalid"
VALID = "examples/derived/valid"
EXPECTED_KEYS = {
    ("value-negative", "claims", 3, "value_low"),
    ("foreign-key", "claims", 13, "source_id"),
}
GITHUB = re.compile(
    r"^::error file=(?P<file>[^,:]+)(?:,line=(?P<line>\d+))?,title=(?P<rule>[^:]+)::"
)


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # the examples are named relative to the repository, as a user in a checkout would
    monkeypatch.chdir(REPO)


@functools.cache
def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """The console script, run once per distinct command line (each run costs seconds)."""
    return run_cli("validate", *args)


def _inproc(*args: str) -> tuple[int, str]:
    """In-process: the same code as the script without its start-up cost, for the details."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["validate", *args])
    return code, out.getvalue()


def _json(*args: str) -> tuple[int, dict[str, object]]:
    code, text = _inproc(*args, "--format", "json")
    return code, json.loads(text)


def _keys(report: dict[str, object]) -> set[tuple[object, ...]]:
    errors = report["errors"]
    assert isinstance(errors, list)
    return {(e["rule"], e["resource"], e["row"], e["field"]) for e in errors}


@pytest.mark.parametrize("fmt", ["text", "json", "github", "junit"])
@pytest.mark.parametrize(("name", "code"), [(VALID, 0), (INVALID, 1)])
def test_every_format_exit_code_and_no_stderr(fmt: str, name: str, code: int) -> None:
    result = _run(name, "--format", fmt)
    assert result.returncode == code
    assert result.stderr == ""
    assert result.stdout.endswith("\n")


def test_json_shape() -> None:
    result = _run(INVALID, "--format", "json")
    code, report = result.returncode, json.loads(result.stdout)
    assert code == 1
    assert report["valid"] is False
    assert report["error_count"] == 2
    assert _keys(report) == EXPECTED_KEYS
    errors = report["errors"]
    assert isinstance(errors, list)
    old_keys = {"rule", "resource", "row", "field", "value", "message"}
    new_keys = {"hint", "file", "line", "resource_name", "severity"}
    assert all(set(e) == old_keys | new_keys for e in errors)
    result = _run(VALID, "--format", "json")
    code, report = result.returncode, json.loads(result.stdout)
    assert (code, report["valid"], report["errors"], report["error_count"]) == (0, True, [], 0)


def _record_at(file: Path, line: int) -> list[str]:
    """The CSV record that starts on physical line ``line`` of ``file``."""
    text = file.read_text(encoding="utf-8")
    rest = "".join(text.splitlines(keepends=True)[line - 1 :])
    return next(csv.reader(io.StringIO(rest)))


def test_github_lines_point_at_the_offending_record() -> None:
    result = _run(INVALID, "--format", "github")
    assert result.returncode == 1
    report = json.loads(_run(INVALID, "--format", "json").stdout)
    errors = report["errors"]
    assert isinstance(errors, list)
    lines = result.stdout.splitlines()
    assert len(lines) == len(errors) == 2
    claims_file = EXAMPLES / "invalid" / "tables" / "claims.csv"
    with claims_file.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for line, error in zip(lines, errors, strict=True):
        match = GITHUB.match(line)
        assert match, line
        assert match["file"] == f"{INVALID}/tables/claims.csv"
        assert match["rule"] == error["rule"]
        record = _record_at(REPO / match["file"], int(match["line"]))
        assert record[0] == rows[error["row"] - 1]["claim_id"]
    # claim 1 spans two lines, so row 3 starts on line 5, not 4
    assert GITHUB.match(lines[0])["line"] == "5"  # type: ignore[index]


def test_github_file_level_problem_points_at_the_header_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = Package(tmp_path / "pkg")
    package.delete("claims", "claim_id", "wp-bourem-13")
    rows = package.rows("events")
    for row in rows:
        del row["summary"]
    package.write_rows("events", rows)
    monkeypatch.chdir(tmp_path)
    code, stdout = _inproc(str(package.folder), "--format", "github")
    assert code == 1
    assert len(stdout.splitlines()) == 1
    assert stdout.startswith("::error file=pkg/data/events.csv,line=1,title=column-missing::")


def test_github_descriptor_problem_points_at_the_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "datapackage.json").write_text('{\n  "name": "x",\n  not json', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, stdout = _inproc(str(tmp_path), "--format", "github")
    assert code == 1
    match = GITHUB.match(stdout)
    assert match
    assert (match["file"], match["line"], match["rule"]) == (
        "datapackage.json",
        "3",  # where the JSON breaks
        "package-invalid",
    )


def test_junit_lists_one_case_per_rule_and_the_failures() -> None:
    result = _run(INVALID, "--format", "junit")
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    cases = root.findall("./testsuite/testcase")
    assert [c.get("name") for c in cases] == [r.slug for r in RULES]
    failed = {c.get("name"): c.find("failure") for c in cases if c.find("failure") is not None}
    assert set(failed) == {"value-negative", "foreign-key"}
    assert "row 13" in (failed["foreign-key"].text or "")  # type: ignore[union-attr]
    assert root.get("failures") == "2"
    skipped = {c.get("name") for c in cases if c.find("skipped") is not None}
    # not checked without --sources-dir, and column-unexpected not without --strict
    assert skipped == {"snapshot-missing", "quote-not-in-snapshot", "column-unexpected"}


def test_junit_valid_has_no_failures() -> None:
    root = ET.fromstring(_run(VALID, "--format", "junit").stdout)
    assert root.get("failures") == "0"
    assert root.findall(".//failure") == []


@pytest.mark.parametrize("fmt", ["text", "github", "junit", "json"])
def test_max_errors_says_how_many_are_not_shown(fmt: str) -> None:
    code, stdout = _inproc(INVALID, "--format", fmt, "--max-errors", "1")
    assert code == 1
    if fmt == "json":
        report = json.loads(stdout)
        assert (report["error_count"], len(report["errors"]), report["errors_not_shown"]) == (
            2,
            1,
            1,
        )
    elif fmt == "junit":
        root = ET.fromstring(stdout)
        assert root.get("failures") == "2"  # counted, though one is not listed
        assert "not shown" in ET.tostring(root, encoding="unicode")
    else:
        assert "1 more problem not shown" in stdout
        assert "value-negative" in stdout
        assert "foreign-key" not in stdout


def test_output_file_for_junit(tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    assert _inproc(INVALID, "--format", "junit", "--output", str(out)) == (1, "")
    assert ET.parse(out).getroot().tag == "testsuites"


def test_output_to_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", VALID, "--output", str(tmp_path / "no" / "r.txt")]) == 2
    assert capsys.readouterr().err.startswith("conflict-claims: error: cannot write ")


# ------------------------------------------------------------------ single tables


def test_table_alone_checks_its_own_rules_only() -> None:
    code, report = _json(f"{INVALID}/tables/claims.csv", "--table", "claims")
    assert code == 1
    assert _keys(report) == {("value-negative", "claims", 3, "value_low")}


def test_table_with_package_checks_its_references() -> None:
    args = (f"{INVALID}/tables/claims.csv", "--table", "claims")
    assert _keys(_json(*args, "--package", INVALID)[1]) == EXPECTED_KEYS
    # the valid package still holds the source this table refers to
    assert _keys(_json(*args, "--package", VALID)[1]) == {
        ("value-negative", "claims", 3, "value_low")
    }


def test_parquet_table_gives_the_same_problems(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    table = pacsv.read_csv(EXAMPLES / "invalid" / "tables" / "claims.csv")
    assert pa.types.is_integer(table.schema.field("value_low").type)  # typed, not text
    target = tmp_path / "claims.parquet"
    pq.write_table(table, target)
    code, report = _json(str(target), "--table", "claims", "--package", INVALID)
    assert code == 1
    assert _keys(report) == EXPECTED_KEYS


def test_broken_parquet_is_invalid_data_not_a_crash(tmp_path: Path) -> None:
    target = tmp_path / "claims.parquet"
    target.write_bytes(b"PAR1 this is not parquet")
    code, report = _json(str(target), "--table", "claims")
    assert code == 1
    assert _keys(report) == {("file-unreadable", "claims", None, None)}


def test_table_github_points_at_the_table_file() -> None:
    _, stdout = _inproc(f"{INVALID}/tables/claims.csv", "--table", "claims", "--format", "github")
    match = GITHUB.match(stdout)
    assert match
    assert (match["file"], match["line"]) == (f"{INVALID}/tables/claims.csv", "5")


# ------------------------------------------------------------------ strict and safety


def test_strict_refuses_extra_columns() -> None:
    code, report = _json(VALID, "--strict")
    assert code == 1
    assert _keys(report) == {("column-unexpected", "claims", None, "reviewed_by")}


@pytest.mark.parametrize("where", ["../outside.csv", "ABSOLUTE", "https://example.org/e.csv"])
def test_unsafe_paths_are_refused(tmp_path: Path, where: str) -> None:
    package = Package(tmp_path / "pkg")
    outside = tmp_path / "outside.csv"
    outside.write_bytes(package.csv_path("events").read_bytes())
    path = str(outside) if where == "ABSOLUTE" else where
    descriptor = package.descriptor
    resources = descriptor["resources"]
    assert isinstance(resources, list)
    next(r for r in resources if r["name"] == "events")["path"] = path
    package.write_descriptor(descriptor)
    code, report = _json(str(package.folder))
    assert code == 1
    assert ("path-unsafe", "events", None, None) in _keys(report)
    if not where.startswith("https"):
        code, report = _json(str(package.folder), "--trusted")
        assert (code, report["errors"]) == (0, [])


@pytest.mark.parametrize(
    ("descriptor", "expected"),
    [
        ('{"resources": [1, {"name": ["a"], "path": 3}]}', ("table-missing", "claims")),
        (
            '{"resources": [], "conflictClaims": {"tables": {"claims": ["x"]}}}',
            ("package-invalid", "claims"),
        ),
        ('{"resources": [{"name": "claims", "path": "data"}]}', ("file-not-regular", "claims")),
        ("[]", ("package-invalid", "datapackage")),
    ],
)
def test_odd_descriptors_are_invalid_data_not_crashes(
    tmp_path: Path, descriptor: str, expected: tuple[str, str]
) -> None:
    (tmp_path / "datapackage.json").write_text(descriptor, encoding="utf-8")
    (tmp_path / "data").mkdir()
    code, report = _json(str(tmp_path))
    assert code == 1
    assert expected in {(rule, resource) for rule, resource, _, _ in _keys(report)}
