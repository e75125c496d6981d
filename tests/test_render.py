"""The renderers on hand-made reports: escaping, line numbers, XML safety."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conflict_claims.contract.problems import Problem
from conflict_claims.io.lines import record_lines
from conflict_claims.io.locate import locate
from conflict_claims.report.formats import render
from conflict_claims.report.formats.github import escape_data, escape_property
from conflict_claims.report.report import Report


def _report(tmp_path: Path, value: str, file_name: str = "claims.csv") -> Report:
    data = tmp_path / file_name
    data.write_text('claim_id,notes\na,"two\nlines"\n\nb,x\n', encoding="utf-8")
    # a raw message, not describe()'s: it must survive any character a message may hold
    problem = Problem("control-character", "claims", 2, "notes", value, f"bad cell: {value}")
    files = {"claims": str(data)}
    descriptor = tmp_path / "datapackage.json"
    located = tuple(locate([problem], descriptor=descriptor, files=files))
    return Report(path=str(descriptor), errors=located, files=files)


def test_record_lines_follow_multiline_records_and_skip_blank_lines(tmp_path: Path) -> None:
    data = tmp_path / "t.csv"
    data.write_text('h1,h2\n1,"a\nb\nc"\n\n2,x\r\n3,"y"\n', encoding="utf-8", newline="")
    assert record_lines(data) == {1: 2, 2: 6, 3: 7}
    assert record_lines(tmp_path / "missing.csv") == {}


def test_github_escapes_messages_and_properties() -> None:
    assert escape_data("50% of\r\nthem") == "50%25 of%0D%0Athem"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"


def test_github_line_and_escaped_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = _report(tmp_path, "100%\nsure", file_name="my,claims.csv")
    (line,) = render(report, "github").splitlines()
    assert line.startswith("::error file=my%2Cclaims.csv,line=5,title=control-character::")
    assert "100%25%0Asure" in line
    assert "\n" not in line


def test_text_is_one_line_per_problem_and_plain_without_colour(tmp_path: Path) -> None:
    report = _report(tmp_path, "line\nbreak")
    lines = render(report, "text", target="pkg").splitlines()
    assert lines[0] == "invalid: pkg \u2014 0 tables, 0 rows, 1 error"
    assert len(lines) == 2
    assert "\033[" not in "".join(lines)
    coloured = render(report, "text", target="pkg", color=True)
    assert "\033[" in coloured


def test_junit_survives_control_characters(tmp_path: Path) -> None:
    report = _report(tmp_path, "nul\x00 and bell\x07")
    root = ET.fromstring(render(report, "junit", target="pkg\x01"))
    failure = root.find(".//testcase[@name='control-character']/failure")
    assert failure is not None
    assert "\\x00" in (failure.text or "")


def test_json_is_report_to_dict(tmp_path: Path) -> None:
    report = _report(tmp_path, "v")
    assert json.loads(render(report, "json")) == {
        **report.to_dict(),
        "errors_shown": 1,
        "errors_not_shown": 0,
    }


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(_report(tmp_path, "v"), "xml")
