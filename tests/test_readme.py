from __future__ import annotations

from pathlib import Path

import pytest

from conflict_claims.cli import command_names

README = Path(__file__).parent.parent / "README.md"


def test_cli_has_commands() -> None:
    assert command_names()


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_documented_in_readme(name: str) -> None:
    assert f"conflict-claims {name}" in README.read_text(encoding="utf-8")
