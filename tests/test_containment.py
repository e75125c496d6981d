"""Nothing outside the package folder is read without trusted, and only regular files are opened.

Symlinks (to a file, to a folder, to /etc/passwd), FIFOs (as a table, as PATH, with --table),
/dev/zero and a sparse file of gigabytes: each is refused as a problem, never read, never a hang.
Anything that could hang runs in a subprocess with a timeout, so a regression fails instead of
blocking the suite.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import conflict_claims as cc
from clitools import run_cli
from conflict_claims.contract.tables import TABLE_NAMES
from conflict_claims.io.remote import is_url
from conflict_claims.validation.package import validate
from pkgtools import Package

PASSWD = Path("/etc/passwd")


def keys(report: cc.Report) -> set[tuple[str, str]]:
    return {(p.rule, p.resource) for p in report.errors}


def set_path(package: Package, table: str, path: str) -> None:
    descriptor = package.descriptor
    for resource in descriptor["resources"]:  # type: ignore[attr-defined]
        if resource["name"] == table:
            resource["path"] = path
    package.write_descriptor(descriptor)


@pytest.fixture
def package(tmp_path: Path) -> Package:
    return Package(tmp_path / "pkg")


def test_a_symlinked_table_leading_outside_is_refused(package: Package, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes(package.csv_path("claims").read_bytes())
    package.csv_path("claims").unlink()
    package.csv_path("claims").symlink_to(outside)
    assert keys(validate(package.folder)) == {("path-unsafe", "claims")}
    assert validate(package.folder, trusted=True).valid


def test_a_symlinked_data_folder_leading_outside_is_refused(
    package: Package, tmp_path: Path
) -> None:
    data = package.folder / "data"
    data.rename(tmp_path / "outside-data")
    data.symlink_to(tmp_path / "outside-data", target_is_directory=True)
    found = keys(validate(package.folder))
    assert found == {("path-unsafe", t) for t in TABLE_NAMES}


def test_a_symlink_inside_the_folder_is_read(package: Package) -> None:
    real = package.folder / "data" / "claims-real.csv"
    package.csv_path("claims").rename(real)
    package.csv_path("claims").symlink_to(real.name)
    assert validate(package.folder).valid


@pytest.mark.skipif(not PASSWD.is_file(), reason="a system without /etc/passwd")
def test_a_symlink_to_etc_passwd_is_never_read(package: Package) -> None:
    package.csv_path("actors").unlink()
    package.csv_path("actors").symlink_to(PASSWD)
    result = run_cli("validate", str(package.folder), "--strict", "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert [(e["rule"], e["resource"]) for e in report["errors"]] == [("path-unsafe", "actors")]
    first_line = PASSWD.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    assert first_line not in result.stdout + result.stderr


def test_a_descriptor_symlinked_outside_is_refused(package: Package, tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    (package.folder / "datapackage.json").rename(outside)
    (package.folder / "datapackage.json").symlink_to(outside)
    assert keys(validate(package.folder)) == {("path-unsafe", "datapackage")}


def _run_guarded(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run Python code in a subprocess; a hang fails the test instead of blocking the suite."""
    try:
        return subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the run hung (a FIFO or an endless file was opened)")


def test_a_fifo_as_a_table_is_refused_without_hanging(package: Package) -> None:
    package.csv_path("claims").unlink()
    os.mkfifo(package.csv_path("claims"))
    code = (
        "from conflict_claims import validate\n"
        f"r = validate({str(package.folder)!r}, trusted=True)\n"
        "print(sorted({(p.rule, p.resource) for p in r.errors}))\n"
    )
    result = _run_guarded(code)
    assert result.stdout.strip() == "[('file-not-regular', 'claims')]", result.stderr


def test_a_fifo_given_as_path_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "datapackage.json"
    os.mkfifo(fifo)
    for args in ([str(fifo)], [str(tmp_path)], [str(fifo), "--trusted"]):
        try:
            result = run_cli("validate", *args, "--format", "json")
        except subprocess.TimeoutExpired:
            pytest.fail("validate hung on a FIFO given as PATH")
        assert result.returncode == 1
        errors = json.loads(result.stdout)["errors"]
        assert [(e["rule"], e["resource"]) for e in errors] == [("file-not-regular", "datapackage")]


def test_a_fifo_with_table_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "claims.csv"
    os.mkfifo(fifo)
    try:
        result = run_cli("validate", str(fifo), "--table", "claims", "--format", "json")
    except subprocess.TimeoutExpired:
        pytest.fail("validate --table hung on a FIFO")
    assert result.returncode == 1
    errors = json.loads(result.stdout)["errors"]
    assert [(e["rule"], e["resource"]) for e in errors] == [("file-not-regular", "claims")]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a system without /dev/zero")
@pytest.mark.parametrize("trusted", [False, True])
def test_dev_zero_is_refused_before_it_is_opened(package: Package, trusted: bool) -> None:
    package.csv_path("events").unlink()
    package.csv_path("events").symlink_to("/dev/zero")
    code = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
        "from conflict_claims import validate\n"
        f"r = validate({str(package.folder)!r}, trusted={trusted})\n"
        "print(sorted({(p.rule, p.resource) for p in r.errors}))\n"
    )
    result = _run_guarded(code, timeout=60)
    rule = "file-not-regular" if trusted else "path-unsafe"
    assert result.stdout.strip() == f"[('{rule}', 'events')]", result.stderr


def test_a_sparse_file_of_gigabytes_is_refused_by_its_size(package: Package) -> None:
    with package.csv_path("claims").open("r+b") as f:
        f.truncate(5 << 30)  # 5 GB, sparse: it costs nothing on disk
    code = (
        "import resource\n"
        "resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))\n"
        "from conflict_claims import validate\n"
        f"r = validate({str(package.folder)!r})\n"
        "print(sorted({(p.rule, p.resource) for p in r.errors}))\n"
        "print([p.message for p in r.errors])\n"
    )
    result = _run_guarded(code, timeout=60)
    lines = result.stdout.splitlines()
    assert lines[:1] == ["[('limit-exceeded', 'claims')]"], result.stderr
    assert "claims.csv" in lines[1]
    assert "--max-file-size" in lines[1]


def test_a_nul_byte_in_a_resource_path_is_a_problem(package: Package) -> None:
    set_path(package, "claims", "data/cl\x00aims.csv")
    assert keys(validate(package.folder)) == {("package-invalid", "claims")}
    with pytest.raises(cc.InvalidPackageError):
        cc.load(package.folder)
    result = run_cli("validate", str(package.folder))
    assert result.returncode == 1
    assert "internal error" not in result.stderr
    assert "[package-invalid]" in result.stdout


def test_a_nul_byte_in_the_package_path_is_a_problem() -> None:
    assert keys(validate("pkg\x00/datapackage.json")) == {("package-invalid", "datapackage")}
    with pytest.raises(cc.InvalidPackageError):
        cc.load("pkg\x00")


def test_an_unreadable_package_folder_is_a_problem(
    package: Package, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the tests may run as root, who reads any folder: the refusal is injected at the system call
    real_stat = os.stat
    folder = str(package.folder)

    def denied(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(path).startswith(folder + os.sep):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", denied)
    report = validate(package.folder)
    assert keys(report) == {("package-invalid", "datapackage")}
    assert "Permission denied" in report.errors[0].message
    with pytest.raises(cc.InvalidPackageError):
        cc.load(package.folder)


def test_an_unreadable_folder_given_to_the_command_is_not_an_internal_error(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "locked"
    Package(folder)
    folder.chmod(0)
    try:
        result = run_cli("validate", str(folder))
    finally:
        folder.chmod(0o755)
    assert "internal error" not in result.stderr
    assert result.returncode in (0, 1, 2)  # root reads it anyway; anyone else gets a message


@pytest.mark.parametrize("path", ["C:/data/claims.csv", "c:\\data\\claims.csv", "D:claims.csv"])
def test_a_windows_drive_path_is_a_path_not_a_url(package: Package, path: str) -> None:
    assert not is_url(path)
    set_path(package, "claims", path)
    report = validate(package.folder)
    assert keys(report) == {("path-unsafe", "claims")}
    assert "URL" not in report.errors[0].message


def test_a_declared_hash_is_never_checked_against_a_file_outside(
    package: Package, tmp_path: Path
) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text("not for you\n", encoding="utf-8")
    package.csv_path("claims").unlink()
    package.csv_path("claims").symlink_to(outside)
    descriptor = package.descriptor
    for resource in descriptor["resources"]:  # type: ignore[attr-defined]
        if resource["name"] == "claims":
            resource["hash"] = "sha256:" + "0" * 64
            resource["bytes"] = 1
    package.write_descriptor(descriptor)
    report = validate(package.folder)
    assert keys(report) == {("path-unsafe", "claims")}
    assert "not for you" not in str(report.errors)
