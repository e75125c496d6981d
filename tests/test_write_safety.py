"""Dataset.write() never destroys: a foreign folder is refused, permissions are kept, the target
is never missing, and a failure or a kill at any rename leaves a whole package (the earlier one
or the new one) with nothing else beside it after the next write."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import conflict_claims as cc
from conflict_claims.io import atomic
from conflict_claims.typed.dataset import Dataset
from loaded import bundled


def smaller() -> Dataset:
    d = bundled()
    return d.model_copy(update={"claims": d.claims[:10]})


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_a_folder_holding_other_files_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    bundled().write(folder)
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (folder / "README.md").write_text("my notes", encoding="utf-8")
    with pytest.raises(FileExistsError, match="overwrite=True"):
        smaller().write(folder)
    assert (folder / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (folder / "README.md").read_text(encoding="utf-8") == "my notes"
    assert cc.load(folder) == bundled()


@pytest.mark.parametrize("extra", ["data/notes.txt", "scripts/run.sh", "datapackage.json.bak"])
def test_anything_it_would_not_have_written_is_refused(tmp_path: Path, extra: str) -> None:
    folder = tmp_path / "work"
    bundled().write(folder)
    (folder / extra).parent.mkdir(exist_ok=True)
    (folder / extra).write_text("keep", encoding="utf-8")
    with pytest.raises(FileExistsError):
        smaller().write(folder)
    assert (folder / extra).read_text(encoding="utf-8") == "keep"


def test_overwrite_replaces_any_folder(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "README.md").write_text("mine", encoding="utf-8")
    smaller().write(folder, overwrite=True)
    assert cc.load(folder) == smaller()
    assert not (folder / "README.md").exists()


def test_the_folder_keeps_its_permissions(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o750)
    bundled().write(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750
    smaller().write(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750


def test_a_new_folder_gets_the_umask_permissions(tmp_path: Path) -> None:
    folder = tmp_path / "fresh"
    bundled().write(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~_umask()


def test_the_target_is_never_missing_while_it_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    bundled().write(folder)
    seen: list[bool] = []
    real_replace = os.replace

    def watched(src: object, dst: object) -> None:
        real_replace(src, dst)  # type: ignore[arg-type]
        seen.append((folder / "datapackage.json").is_file())

    monkeypatch.setattr(os, "replace", watched)
    real_exchange = atomic._exchange

    def watched_exchange(a: Path, b: Path) -> bool:
        done = real_exchange(a, b)
        seen.append((folder / "datapackage.json").is_file())
        return done

    monkeypatch.setattr(atomic, "_exchange", watched_exchange)
    smaller().write(folder)
    assert seen
    assert all(seen)
    assert cc.load(folder) == smaller()


def _no_exchange(_a: Path, _b: Path) -> bool:
    return False


def _renames(monkeypatch: pytest.MonkeyPatch, fail_at: int) -> list[str]:
    """Make the ``fail_at``-th rename (os.replace or an exchange) fail with an I/O error."""
    calls: list[str] = []
    real_replace, real_exchange = os.replace, atomic._exchange

    def step(kind: str) -> None:
        calls.append(kind)
        if len(calls) == fail_at:
            raise OSError(errno.EIO, f"injected failure at rename {fail_at}")

    def replace(src: object, dst: object) -> None:
        step("replace")
        real_replace(src, dst)  # type: ignore[arg-type]

    def exchange(a: Path, b: Path) -> bool:
        step("exchange")
        return real_exchange(a, b)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(atomic, "_exchange", exchange)
    return calls


@pytest.mark.parametrize("swap", [True, False], ids=["exchange", "two-renames"])
@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_a_failure_at_any_rename_leaves_the_earlier_package_and_no_staging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: bool, fail_at: int
) -> None:
    folder = tmp_path / "out"
    bundled().write(folder)
    if not swap:
        monkeypatch.setattr(atomic, "_exchange", _no_exchange)
    calls = _renames(monkeypatch, fail_at)
    failure: OSError | None = None
    try:
        smaller().write(folder, check=False)
    except OSError as exc:
        failure = exc
    if failure is not None:
        assert "injected failure" in str(failure)
        assert cc.load(folder) == bundled()
    else:
        assert len(calls) < fail_at  # fewer renames than that: the write went through
        assert cc.load(folder) == smaller()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


_KILLED = """
import os, sys
import conflict_claims as cc
from conflict_claims.io import atomic

folder, kill_at, when, swap = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
d = cc.load()
new = d.model_copy(update={"claims": d.claims[:10]})
calls = []
real_replace, real_exchange = os.replace, atomic._exchange

def step(run):
    calls.append(1)
    if len(calls) == kill_at and when == "before":
        os._exit(9)
    result = run()
    if len(calls) == kill_at:
        os._exit(9)
    return result

os.replace = lambda src, dst: step(lambda: real_replace(src, dst))
no_swap = lambda a, b: False
atomic._exchange = (lambda a, b: step(lambda: real_exchange(a, b))) if swap else no_swap
new.write(folder, check=False)
os._exit(0)
"""


@pytest.mark.parametrize("swap", [True, False], ids=["exchange", "two-renames"])
@pytest.mark.parametrize("kill_at", [1, 2])
@pytest.mark.parametrize("when", ["before", "after"])
def test_a_kill_at_any_rename_loses_nothing(
    tmp_path: Path, swap: bool, kill_at: int, when: str
) -> None:
    folder = tmp_path / "out"
    bundled().write(folder)
    run = subprocess.run(
        [sys.executable, "-c", _KILLED, str(folder), str(kill_at), when, "1" if swap else "0"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode in (0, 9), run.stderr
    # Right after the kill: the earlier package or the new one, whole, or (two renames only,
    # killed between them) the earlier one set aside, which the next write puts back.
    atomic.recover_folder(folder)
    assert cc.load(folder) in (bundled(), smaller())
    bundled().write(folder)
    assert cc.load(folder) == bundled()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_with_an_exchange_the_target_survives_every_kill_without_recovery(tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the atomic exchange is Linux's renameat2")
    for kill_at in (1, 2):
        for when in ("before", "after"):
            folder = tmp_path / f"out-{kill_at}-{when}"
            bundled().write(folder)
            subprocess.run(
                [sys.executable, "-c", _KILLED, str(folder), str(kill_at), when, "1"],
                capture_output=True,
                timeout=300,
                check=False,
            )
            assert cc.load(folder) in (bundled(), smaller()), (kill_at, when)


def test_the_next_write_puts_back_a_package_left_aside(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    bundled().write(folder)
    # what a kill between the two renames leaves: the package aside, under a dead process's id
    aside = tmp_path / ".out.999999999.abcd.old"
    folder.rename(aside)
    (tmp_path / ".out.999999999.abcd.new").mkdir()
    with pytest.raises(cc.InvalidPackageError):
        bundled().model_copy(update={"claims": (bundled().claims[0],) * 2}).write(folder)
    assert cc.load(folder) == bundled()  # put back before anything else was tried
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_the_staging_of_a_live_writer_is_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    live = tmp_path / f".out.{os.getppid()}.abcd.new"  # the test runner's parent is alive
    live.mkdir()
    bundled().write(folder)
    assert live.is_dir()
