"""The command line never crashes: on drawn packages with random byte-level damage (truncated
files, bad bytes, shuffled header columns, broken or oddly shaped JSON) ``conflict-claims
validate`` exits 0 with a valid report or 1 with a report of the problems, and prints no
traceback. ``main()`` turns any exception into exit 1 and "internal error", so exit 1 alone
proves nothing: the report must be there, and the internal error must not."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sysconfig
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflict_claims.cli import main
from conflict_claims.strategies import damaged_files, datasets, write_files
from hyputil import scaled
from pkgtools import BUNDLED

damaged = datasets().flatmap(damaged_files)


def _cli() -> list[str]:
    script = Path(sysconfig.get_path("scripts")) / "conflict-claims"
    found = str(script) if script.is_file() else shutil.which("conflict-claims")
    assert found, "the conflict-claims console script is not installed (pip install -e .)"
    return [found]


def assert_reported(code: int, out: str, err: str, fmt: str) -> None:
    """Exit 0 or 1 with a report that says so; never an internal error."""
    assert "internal error" not in err, err
    assert "Traceback" not in err, err
    assert code in (0, 1), err
    if fmt == "json":
        report = json.loads(out)
        assert report["valid"] == (code == 0)
        assert (report["error_count"] > 0) == (code == 1)
    else:
        assert out.startswith("valid: " if code == 0 else "invalid: "), out[:200]


def test_an_internal_error_is_not_taken_for_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above fails on a crash: one planted in validation is an internal error."""
    from conflict_claims.validation import package

    def crash(*_: object, **__: object) -> None:
        raise OverflowError("planted")

    monkeypatch.setattr(package, "validate", crash)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(BUNDLED), "--format", "json"])
    assert code == 1
    with pytest.raises(AssertionError, match="internal error"):
        assert_reported(code, out.getvalue(), err.getvalue(), "json")


@settings(max_examples=scaled(70))
@given(damaged, st.sampled_from(["text", "json"]))
def test_cli_never_crashes_in_process(files: dict[str, bytes], fmt: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        write_files(files, folder)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", folder, "--format", fmt])
    assert_reported(code, out.getvalue(), err.getvalue(), fmt)


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
    assert_reported(result.returncode, result.stdout, result.stderr, "text")
