"""The command line never crashes: on drawn packages with random byte-level damage (truncated
files, bad bytes, shuffled header columns, broken or oddly shaped JSON) ``conflict-claims
validate`` exits 0 or 1 and prints no traceback."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_claims.cli import main
from conflict_claims.strategies import damaged_files, datasets, write_files
from hyputil import scaled

damaged = datasets().flatmap(damaged_files)


def _cli() -> list[str]:
    script = Path(sysconfig.get_path("scripts")) / "conflict-claims"
    found = str(script) if script.is_file() else shutil.which("conflict-claims")
    assert found, "the conflict-claims console script is not installed (pip install -e .)"
    return [found]


@settings(max_examples=scaled(70))
@given(damaged, st.sampled_from(["text", "json"]))
def test_cli_never_crashes_in_process(files: dict[str, bytes], fmt: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        write_files(files, folder)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", folder, "--format", fmt])
    assert code in (0, 1), err.getvalue()
    if fmt == "json":
        assert json.loads(out.getvalue())["valid"] == (code == 0)


@settings(max_examples=scaled(8))
@given(damaged)
def test_cli_never_crashes_as_a_command(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_files(files, folder)
        result = subprocess.run(
            [*_cli(), "validate", folder],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
