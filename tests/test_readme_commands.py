"""Every `conflict-claims` command shown in the README runs, from the repository root, as shown."""

from __future__ import annotations

import re
import shlex

import pytest

from clitools import REPO, run_cli
from pkgtools import need_seeds

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^```sh[ \t]*\n(.*?)^```", README, re.M | re.S)
COMMANDS = [
    line.strip()
    for block in BLOCKS
    for line in block.splitlines()
    if line.strip().startswith("conflict-claims ")
]


def test_the_readme_shows_commands() -> None:
    assert len(COMMANDS) >= 5


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str) -> None:
    if "../shared/seeds" in command:
        need_seeds()
    result = run_cli(*shlex.split(command)[1:])
    # the README shows the invalid example to show a failing report
    expected = 1 if "invalid" in command else 0
    assert result.returncode == expected, result.stdout + result.stderr
    assert result.stdout.strip()
