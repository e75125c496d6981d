"""Locate the data shipped with the package.

In an installed wheel the repository's ``datapackage/`` and ``schemas/`` folders
live inside the import package (``conflict_claims/datapackage``,
``conflict_claims/schemas``; see ``force-include`` in pyproject.toml).  An
editable install imports the package straight from ``src/``, where those
folders do not exist, so we fall back to the source checkout: the repository
root two levels above this package.  Nothing here depends on the current
working directory.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE = "conflict_claims"


def _bundled_dir(name: str) -> Path:
    installed = files(_PACKAGE) / name
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[3] / name
    if checkout.is_dir():
        return checkout
    msg = (
        f"bundled folder {name!r} not found in the installed package nor in a source "
        f"checkout; reinstall conflict-claims"
    )
    raise FileNotFoundError(msg)


def bundled_package_dir() -> Path:
    """Folder holding the bundled ``datapackage.json`` and its data files."""
    return _bundled_dir("datapackage")


def bundled_schemas_dir() -> Path:
    """Folder holding the JSON Schemas exported from the code."""
    return _bundled_dir("schemas")
