"""``--output FILE``: only a regular file is replaced, whole, through a unique temporary name.

Devices, FIFOs and folders are refused before any validation (exit 2), a symlink stays a
symlink, two runs never share a temporary file, a full disk is exit 3 with the file unchanged,
and a run killed at the rename leaves the earlier report, never a part of one.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from clitools import run_cli
from conflict_claims.cli import main
from conflict_claims.cli._common import emit

EARLIER = "an earlier report\n"


def _others(folder: Path, keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


def _device(tmp_path: Path) -> Path:
    """A character device like /dev/null, made in the test folder (so that code that replaces
    devices, as the old code did when run as root, cannot damage the real one)."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        os.mkfifo(device)  # no right to make devices here: a FIFO is as far from a file
    return device


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_a_target_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    if kind == "device":
        target = _device(tmp_path)
    elif kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
    else:
        target = tmp_path / "folder"
        target.mkdir()
    before = target.lstat()
    try:
        result = run_cli("rules", "--output", str(target))
    except subprocess.TimeoutExpired:
        pytest.fail("--output opened a FIFO and hung")
    assert result.returncode == 2
    assert "not a regular file" in result.stderr or "folder" in result.stderr
    after = target.lstat()
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (
        stat.S_IFMT(before.st_mode),
        before.st_ino,
    )


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/stdout"])
def test_system_devices_are_refused_before_anything_is_written(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    from conflict_claims.io.atomic import TargetError, file_target

    with pytest.raises(TargetError):
        file_target(device)


def test_a_symlink_stays_a_symlink_and_its_file_gets_the_report(tmp_path: Path) -> None:
    real = tmp_path / "report.txt"
    real.write_text(EARLIER, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    assert main(["rules", "--output", str(link)]) == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("rule ")


@pytest.mark.parametrize("output", ["", "/", ".", "no-such-folder/report.txt", "x" * 300])
def test_bad_output_paths_are_usage_errors(
    output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("rules", "--output", output, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_long_file_name_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("r" * 250)
    assert main(["rules", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("rule ")
    assert _others(tmp_path, target.name) == []


def test_the_output_path_is_checked_before_validating(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conflict_claims.validation import package

    def never(*_: object, **__: object) -> None:
        raise AssertionError("validated before checking --output")

    monkeypatch.setattr(package, "validate", never)
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["validate", "--output", str(folder)]) == 2


def test_two_runs_never_share_a_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.txt"
    real_replace = os.replace
    calls: list[str] = []

    def interleaved(src: str, dst: str) -> None:
        # the first writer stalls just before its rename; a second one runs start to finish
        calls.append(str(src))
        if len(calls) == 1:
            emit("second report, whole", target)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", interleaved)
    emit("first report, whole", target)
    assert len(set(calls)) == 2  # each writer had its own temporary file
    assert target.read_text(encoding="utf-8") == "first report, whole\n"
    assert _others(tmp_path, target.name) == []


def test_a_full_disk_is_exit_3_and_the_file_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.txt"
    target.write_text(EARLIER, encoding="utf-8")

    def full(_: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    assert main(["rules", "--output", str(target)]) == 3
    assert "No space left on device" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == EARLIER
    assert _others(tmp_path, target.name) == []


def test_the_permissions_of_an_earlier_report_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text(EARLIER, encoding="utf-8")
    target.chmod(0o640)
    assert main(["rules", "--output", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    fresh = tmp_path / "new.txt"
    assert main(["rules", "--output", str(fresh)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


_KILLED = """
import os, sys
from conflict_claims.cli import main
real = os.replace
def killed(src, dst):
    if sys.argv[2] == "after":
        real(src, dst)
    os._exit(9)
os.replace = killed
main(["rules", "--output", sys.argv[1]])
"""


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_run_killed_at_the_rename_leaves_a_whole_report(tmp_path: Path, when: str) -> None:
    target = tmp_path / "report.txt"
    target.write_text(EARLIER, encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED, str(target), when], capture_output=True, timeout=120
    )
    assert killed.returncode == 9
    text = target.read_text(encoding="utf-8")
    assert text == EARLIER if when == "before" else text.startswith("rule ")
    # the next run cleans up what the killed one left
    assert main(["rules", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("rule ")
    assert _others(tmp_path, target.name) == []


def test_a_failed_rename_leaves_the_earlier_report_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.txt"
    target.write_text(EARLIER, encoding="utf-8")

    def failing(*_: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", failing)
    assert main(["rules", "--output", str(target)]) == 3
    assert target.read_text(encoding="utf-8") == EARLIER
    assert _others(tmp_path, target.name) == []
