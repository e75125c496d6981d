"""Test helpers: run the installed ``conflict-claims`` console script as a user would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

REPO = Path(__file__).parent.parent
EXAMPLES = REPO / "examples" / "derived"


def script() -> str:
    candidate = Path(sysconfig.get_path("scripts")) / "conflict-claims"
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("conflict-claims")
    assert found, "the conflict-claims console script is not installed (pip install -e .)"
    return found


def run_cli(
    *args: str, cwd: Path | None = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [script(), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result
