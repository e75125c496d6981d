"""The package's shape: its lazy public API, ``python -m``, and the layers import-linter holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import conflict_claims as cc
from pkgtools import REPO


def test_dir_lists_every_public_name() -> None:
    assert set(cc.__all__) <= set(dir(cc))
    assert {"load", "validate", "frames", "spread", "Dataset", "Claim"} <= set(dir(cc))


def test_every_public_name_resolves_and_no_submodule_shadows_a_function() -> None:
    for name in cc.__all__:
        assert getattr(cc, name) is not None, name
    # every submodule imported: none may take the place of a public name
    import conflict_claims.typed.loading
    import conflict_claims.validation.package  # noqa: F401

    assert callable(cc.load)
    assert callable(cc.validate)
    assert cc.validate.__module__ == "conflict_claims.validation.package"


def test_python_dash_m_runs_the_command_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "conflict_claims", "validate", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"valid": true' in result.stdout


def test_python_dash_m_reports_a_broken_package_with_exit_1(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text("{not json", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "conflict_claims", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    sys.version_info < (3, 11),
    reason="import-linter 2.16 needs Python 3.11; .ci/run's quality gates run lint-imports",
)
def test_the_layer_contracts_are_kept() -> None:
    result = subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout
