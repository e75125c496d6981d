"""Each script in examples/ runs, and what it writes is what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import conflict_claims as cc
from pkgtools import REPO

EXAMPLES = REPO / "examples"


def run(script: str, *args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_example_has_a_test() -> None:
    tested = {"spread.py", "filter_claimant.py", "plot_claims.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested


def test_spread(tmp_path: Path) -> None:
    out = run("spread.py", cwd=tmp_path)
    assert "Battle of Léré (2023-09-17-lere)" in out
    assert "81..98" in out  # Dioura: government killed, as the CSP-PSD spokesmen put it


def test_filter_claimant_writes_a_valid_derived_package(tmp_path: Path) -> None:
    run("filter_claimant.py", str(tmp_path / "cma"), "--claimant", "cma", cwd=tmp_path)
    derived = cc.load(tmp_path / "cma")
    assert derived.claims
    assert {c.claimant_id for c in derived.claims} == {"cma"}


def test_plot_writes_a_png(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    run("plot_claims.py", str(tmp_path / "chart.png"), cwd=tmp_path)
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
