"""The README's Safety section: every guarantee names the tests that hold it, and they exist."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).parent
README = TESTS.parent / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"^## Safety[ \t]*\n(.*?)(?=^## )", text, re.M | re.S)
    assert match, "README.md has no '## Safety' section"
    return match.group(1)


def _guarantees() -> list[str]:
    return re.findall(r"^- (.*?)(?=^- |\Z)", _section(), re.M | re.S)


def _test_names(file: str) -> set[str]:
    tree = ast.parse((TESTS / file).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_the_safety_section_lists_guarantees() -> None:
    assert len(_guarantees()) >= 10


def test_every_guarantee_names_tests_that_exist() -> None:
    for guarantee in _guarantees():
        named = re.search(r"<!-- tests: (.*?) -->", guarantee, re.S)
        assert named, f"no tests named for: {guarantee[:80]}"
        for reference in named.group(1).split():
            file, _, name = reference.partition("::")
            assert name.startswith("test_"), reference
            assert name in _test_names(file), f"{reference} does not exist"
