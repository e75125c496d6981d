"""What the distribution declares: version and changelog agree, dependencies are deliberate."""

from __future__ import annotations

import ast
import re
import sys

import pytest

from conflict_claims.__about__ import __version__
from pkgtools import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = None

CHANGELOG = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def pyproject() -> dict[str, object]:
    if tomllib is None:
        pytest.skip("reading pyproject.toml needs tomllib (Python 3.11)")
    project: dict[str, object] = tomllib.loads(
        (REPO / "pyproject.toml").read_text(encoding="utf-8")
    )["project"]
    return project


def test_the_version_is_the_newest_dated_release_of_the_changelog() -> None:
    releases = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", CHANGELOG, re.M)
    assert releases
    assert all(date for _, date in releases), "every release has a date"
    assert releases[0][0] == __version__


def test_no_module_of_the_package_imports_frictionless() -> None:
    for path in (REPO / "src" / "conflict_claims").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "frictionless" for n in names), path


def test_frictionless_is_a_test_dependency_only() -> None:
    project = pyproject()
    assert not any("frictionless" in d for d in project["dependencies"])  # type: ignore[attr-defined]
    extras = project["optional-dependencies"]
    assert any(d.startswith("frictionless") for d in extras["test"])  # type: ignore[index]


def test_every_dependency_has_a_lower_bound() -> None:
    project = pyproject()
    extras = project["optional-dependencies"]
    requirements = list(project["dependencies"])  # type: ignore[call-overload]
    for group in extras.values():  # type: ignore[attr-defined]
        requirements += group
    for requirement in requirements:
        if requirement.startswith("conflict-claims["):
            continue
        assert ">=" in requirement, requirement


def test_the_licence_texts_ship_with_the_distribution() -> None:
    project = pyproject()
    assert set(project["license-files"]) == {"LICENSE", "LICENSES/*.txt"}  # type: ignore[call-overload]
    text = (REPO / "LICENSES" / "CC-BY-SA-4.0.txt").read_text(encoding="utf-8")
    assert text.startswith("Attribution-ShareAlike 4.0 International")
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
