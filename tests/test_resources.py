from __future__ import annotations

from pathlib import Path

import pytest

from conflict_claims.io.bundled import bundled_package_dir, bundled_schemas_dir


def test_bundled_package_dir_has_descriptor() -> None:
    folder = bundled_package_dir()
    assert folder.is_dir()
    assert (folder / "datapackage.json").is_file()


def test_bundled_schemas_dir_exists() -> None:
    assert bundled_schemas_dir().is_dir()


def test_bundled_dirs_do_not_depend_on_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = (bundled_package_dir(), bundled_schemas_dir())
    monkeypatch.chdir(tmp_path)
    assert (bundled_package_dir(), bundled_schemas_dir()) == before
