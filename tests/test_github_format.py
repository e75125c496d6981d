"""The GitHub format: annotations capped at what GitHub shows, a last one saying how many more,
and a Markdown job summary when ``GITHUB_STEP_SUMMARY`` is set; and the small CLI points."""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
from pathlib import Path

import pytest

from clitools import EXAMPLES, REPO
from conflict_claims.cli import main
from pkgtools import BUNDLED, SEEDS, Package

INVALID = EXAMPLES / "invalid"


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*args])
    return code, out.getvalue()


def _many_errors(tmp_path: Path, count: int) -> Path:
    package = Package(tmp_path / "pkg")
    rows = package.rows("claims")
    for row in rows[:count]:
        row["value_low"] = "-1"
    package.write_rows("claims", rows)
    return package.folder


def test_annotations_stop_at_ten_errors_and_say_how_many_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    folder = _many_errors(tmp_path, 25)
    code, out = _cli("validate", str(folder), "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert lines[-1].startswith("::warning title=conflict-claims::")
    hidden = re.search(r"(\d+) more problems not shown", lines[-1])
    assert hidden
    total = int(re.findall(r"(\d+) errors", _cli("validate", str(folder))[1])[0])
    assert total >= 25
    assert int(hidden[1]) == total - 10


def test_the_job_summary_has_a_table_of_rules_and_the_first_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, _ = _cli("validate", str(INVALID), "--format", "github")
    assert code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, never overwritten
    assert "### conflict-claims: invalid" in text
    assert "| `value-negative` | error | 1 |" in text
    assert "| `foreign-key` | error | 1 |" in text
    assert "value_low is negative: -5" in text
    # only the GitHub format writes the summary
    _cli("validate", str(INVALID), "--format", "json")
    assert summary.read_text(encoding="utf-8") == text


def test_max_errors_zero_prints_the_count_only() -> None:
    code, out = _cli("validate", str(INVALID), "--max-errors", "0")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].endswith("2 errors")
    assert lines[1] == "  \u2026 and 2 more problems not shown (see --max-errors)"
    assert len(lines) == 2


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_sources_dir_success_line_says_what_the_quotes_were_checked_against() -> None:
    code, out = _cli("validate", "--sources-dir", str(SEEDS))
    assert code == 0
    with (BUNDLED / "data" / "sources.csv").open(encoding="utf-8", newline="") as f:
        cited = {row["snapshot_sha256"] for row in csv.DictReader(f)}
    held = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SEEDS.iterdir() if p.is_file()}
    snapshots = len(cited & held)
    assert snapshots > 1
    assert out.rstrip().endswith(f"; quotes checked against {snapshots} source snapshots")
    _, plain = _cli("validate")
    assert "quotes" not in plain


def test_info_counts_in_the_singular_for_one() -> None:
    code, out = _cli("info", str(EXAMPLES / "valid"))
    assert code == 0
    assert "  1 event, 27 actors," in out


def test_the_example_workflow_uploads_the_json_report_it_writes() -> None:
    import shlex

    import yaml

    workflow = yaml.safe_load((REPO / "examples" / "ci" / "github-workflow.yml").read_text("utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [shlex.split(s["run"]) for s in steps if "run" in s]
    assert any(r[:2] == ["conflict-claims", "validate"] and "github" in r for r in runs)
    (json_run,) = [r for r in runs if "json" in r]
    written = json_run[json_run.index("--output") + 1]
    (upload,) = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert upload["with"]["path"] == written
    assert upload["if"] == "always()"  # kept when validation fails, which is when it matters
