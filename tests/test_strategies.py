"""The strategies extra: isolated from the library, and a writer that every reader agrees with."""

from __future__ import annotations

import ast
from pathlib import Path

from conflict_claims.io.read import read_package
from conflict_claims.strategies import write_package


def test_only_the_strategies_import_hypothesis() -> None:
    """The library runs without Hypothesis (the wheel smoke test in .ci/run installs none);
    only conflict_claims.strategies, installed with the extra, imports it."""
    src = Path(__file__).parent.parent / "src" / "conflict_claims"
    importers = set()
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])  # fmt: skip
            if any(n == "hypothesis" or n.startswith("hypothesis.") for n in names):
                importers.add(path.relative_to(src).parts[0])
    assert importers == {"strategies"}


def test_awkward_cells_are_written_so_that_they_read_back(tmp_path: Path) -> None:
    cells = ["\r", "a\rb", 'say "x", then', "line\nbreak", " edge ", "\r\n", "\u2028"]
    rows = [{"phrase": f"p{i}", "value_low": "1", "reading": c} for i, c in enumerate(cells)]
    write_package({"quantifiers": rows}, tmp_path)
    frame = read_package(tmp_path).frames["quantifiers"]
    assert list(frame["reading"]) == cells
