"""``conflict-claims rules`` and ``info``, the README rule table, colour and progress."""

from __future__ import annotations

import csv
import io
import os
import pty
import subprocess
import time
from pathlib import Path

import pytest

from clitools import REPO, run_cli, script
from conflict_claims.cli._progress import Progress, package_bytes
from conflict_claims.contract.rules import RULES
from conflict_claims.report.formats.catalogue import catalogue_markdown
from pkgtools import BUNDLED, Package

README = REPO / "README.md"
EXAMPLES = REPO / "examples"


def test_rules_lists_every_slug() -> None:
    result = run_cli("rules")
    assert result.returncode == 0
    listed = {line.split()[0] for line in result.stdout.splitlines()[1:] if line.strip()}
    assert {r.slug for r in RULES} <= listed


def test_readme_rules_table_is_the_catalogue() -> None:
    text = README.read_text(encoding="utf-8")
    assert catalogue_markdown() in text  # regenerate it with catalogue_markdown() on change
    for rule in RULES:
        assert f"| `{rule.slug}` |" in text


def test_info_summarises_the_bundled_package() -> None:
    result = run_cli("info")
    assert result.returncode == 0, result.stderr
    with (BUNDLED / "data" / "claims.csv").open(encoding="utf-8", newline="") as f:
        claims = list(csv.DictReader(f))
    assert f"{len(claims)} claims" in result.stdout.splitlines()[1]
    # Bourem: the army's own ten dead (body and infobox, one statement) under the government
    # side, the CMA's own nine dead under the rebels side, never in one range
    lines = result.stdout.splitlines()
    bourem = lines.index("  2023-09-12-bourem  Battle of Bourem")
    government = lines.index("    about the government side:", bourem)
    rebels = lines.index("    about the rebels side:", bourem)
    assert government < lines.index("        10 per mali-fama (about mali-fama; 2 claims)", bourem)
    assert rebels < lines.index("        9 per cma (about cma; 2 claims)", bourem)
    assert government < rebels
    assert " to " not in result.stdout


@pytest.mark.parametrize("package", [None, EXAMPLES / "derived" / "valid"])
def test_info_never_mixes_sides(package: Path | None) -> None:
    from conflict_claims.typed.loading import load
    from conflict_claims.typed.summary import summarize
    from conflict_claims.typed.views import subject_sides

    dataset = load(package)
    side_of = subject_sides(dataset)
    summary = summarize(dataset)
    # every figure sits under its own subject's side, and each statement is listed once
    assert summary.figures
    for figure in summary.figures:
        assert figure.side == side_of(figure.event_id, figure.subject_id)
    assert len(summary.figures) == len(dataset.statements())


def test_summarize_counts() -> None:
    from conflict_claims.typed.loading import load
    from conflict_claims.typed.summary import summarize

    dataset = load()
    summary = summarize(dataset)
    assert sum(summary.claims_per_event.values()) == len(dataset.claims)
    assert sum(summary.claims_per_claimant.values()) == len(dataset.claims)
    # each claim is recorded by exactly one statement
    assert sum(f.claims for f in summary.figures) == len(dataset.claims)


def test_info_on_an_invalid_package_exits_1(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    package.set("claims", 1, "value_low", "many")
    result = run_cli("info", str(package.folder))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "conflict-claims validate" in result.stderr


def _on_a_terminal(*args: str, env: dict[str, str]) -> str:
    """Run the script with stdout and stderr on a pseudo-terminal; return what it printed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [script(), *args],
        stdout=follower,
        stderr=follower,
        cwd=REPO,
        env={**os.environ, **env},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    coloured = _on_a_terminal("validate", "examples/derived/invalid", env=env)
    assert "\033[31m" in coloured
    plain = _on_a_terminal("validate", "examples/derived/invalid", env={"NO_COLOR": "1"})
    assert "\033[" not in plain
    assert "invalid: examples/derived/invalid/datapackage.json" in plain


def test_package_bytes_counts_only_files_inside_the_package(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    inside = sum(package.csv_path(t).stat().st_size for t in ("events", "claims"))
    descriptor = package.descriptor
    descriptor["resources"] = [
        {"name": "events", "path": "data/events.csv"},
        {"name": "claims", "path": "data/claims.csv"},
        {"name": "x", "path": "../../etc/passwd"},
        {"name": "y", "path": "https://example.org/big.csv"},
    ]
    package.write_descriptor(descriptor)
    assert package_bytes(package.folder / "datapackage.json") == inside
    assert package_bytes(tmp_path / "missing.json") == 0


def test_progress_draws_then_erases(capsys: pytest.CaptureFixture[str]) -> None:
    with Progress("validating 30 MB", interval=0.01):
        time.sleep(0.1)
    err = capsys.readouterr().err
    assert "validating 30 MB [" in err
    assert err.endswith("\r")  # the line is blanked, so no bar is left on the screen


def test_script_output_is_unchanged_by_a_pipe() -> None:
    # a report read through a pipe has no colour and no progress on stderr
    result = run_cli("validate", "examples/derived/invalid", env={"TERM": "xterm-256color"})
    assert "\033[" not in result.stdout
    assert result.stderr == ""
    assert io.StringIO(result.stdout).readline().startswith("invalid: ")


def test_info_writes_open_ended_and_approximate_figures() -> None:
    from conflict_claims.typed.summary import Figure

    def text(low: int, high: int | None) -> str:
        return Figure("e", "s", "killed", "c", "c", low, high, 1).text

    assert (text(24, None), text(27, 33), text(7, 7)) == ("24+", "27-33", "7")
