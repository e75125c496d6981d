"""The documentation runs: the README's Python blocks and the doctests of the public API."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

from pkgtools import REPO

BLOCKS = re.findall(
    r"^```python[ \t]*\n(.*?)^```[ \t]*$", (REPO / "README.md").read_text("utf-8"), re.M | re.S
)


def test_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 4


def test_readme_python_blocks_run_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "__readme__"}
    for number, block in enumerate(BLOCKS, start=1):
        exec(compile(block, f"README.md python block {number}", "exec"), namespace)


@pytest.mark.parametrize(
    "module",
    [
        "typed.loading",
        "typed.dataset",
        "typed.frames",
        "dataframe_schemas.typed",
        "typed.views",
        "validation.package",
        "engines.per_record.record_models",
    ],
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"conflict_claims.{module}"))
    assert result.attempted > 0
    assert result.failed == 0
