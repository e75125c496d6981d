"""`.ci/run` refuses to start without the source snapshots: a CI run that checked no quote
must not pass."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from pkgtools import REPO


def test_ci_run_fails_without_the_source_snapshots(tmp_path: Path) -> None:
    env = {**os.environ, "CONFLICT_CLAIMS_SEEDS": str(tmp_path / "nowhere")}
    result = subprocess.run(
        ["bash", str(REPO / ".ci" / "run")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "no source snapshots at" in result.stderr
    assert "Quick start" not in result.stdout  # it stopped before running anything
