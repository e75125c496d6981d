"""Every problem says what is wrong, where, and how to fix it, in every format: each breakage of
the strategies through text, JSON (against its published schema), GitHub and JUnit."""

from __future__ import annotations

import json
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

from clitools import REPO
from conflict_claims.contract.problems import Problem
from conflict_claims.contract.rules import RULES, RULES_BY_SLUG
from conflict_claims.report.formats import render
from conflict_claims.report.formats._common import display_path
from conflict_claims.report.report import Report
from conflict_claims.strategies import Broken, breakages
from conflict_claims.validation.package import validate
from hyputil import scaled

SCHEMA = json.loads((REPO / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


def assert_json_report_is_valid(text: str) -> dict[str, object]:
    payload: dict[str, object] = json.loads(text)
    jsonschema.Draft202012Validator(SCHEMA).validate(payload)
    return payload


def _assert_complete(problem: Problem) -> None:
    rule = RULES_BY_SLUG[problem.rule]
    assert problem.message
    assert problem.message != rule.description
    assert problem.hint
    assert problem.file
    assert problem.line is not None
    assert problem.line >= 1


def _assert_every_format_says_it(report: Report) -> None:
    text = render(report, "text", target="pkg")
    for problem in report.errors:
        assert f"{problem.file} line {problem.line}" in text
        # the text wraps long lines: compare with runs of blanks folded on both sides (a
        # message may itself hold two blanks in a row, quoting a cell)
        told = f"{problem.message} [{problem.rule}] Fix: {problem.hint}"
        assert " ".join(told.split()) in " ".join(text.split())
    payload = assert_json_report_is_valid(render(report, "json"))
    errors = payload["errors"]
    assert isinstance(errors, list)
    assert [(e["file"], e["line"], e["hint"]) for e in errors] == [
        (p.file, p.line, p.hint) for p in report.errors
    ]
    github = render(report, "github").splitlines()
    annotated = [line for line in github if line.startswith("::error ")]
    assert len(annotated) == min(10, len(report.errors))
    for problem, line in zip(report.errors, annotated, strict=False):
        where = display_path(Path(report.path).parent / str(problem.file))
        assert line.startswith(f"::error file={where},line={problem.line},title={problem.rule}::")
    suite = ET.fromstring(render(report, "junit", target="pkg"))
    failures = "\n".join(f.text or "" for f in suite.iter("failure"))
    for problem in report.errors:
        assert f"{problem.file} line {problem.line}" in failures


@pytest.mark.parametrize("slug", [r.slug for r in RULES])
def test_each_breakage_is_told_with_message_fix_file_and_line_in_every_format(slug: str) -> None:
    @settings(max_examples=scaled(5))
    @given(breakages(slug))
    def check(broken: Broken) -> None:
        with tempfile.TemporaryDirectory() as folder:
            options = broken.write(folder)
            reports = [validate(folder, engine=e, **options) for e in ("pandera", "pydantic")]
            pandera, pydantic = reports
            # the message is built once, from the problem's data: both engines word it alike
            assert pandera.errors == pydantic.errors
            assert pandera.errors
            for problem in pandera.errors:
                _assert_complete(problem)
            _assert_every_format_says_it(pandera)

    check()


def test_valid_report_validates_against_the_schema() -> None:
    payload = assert_json_report_is_valid(render(validate(), "json"))
    assert payload["valid"] is True
    assert payload["errors"] == []
