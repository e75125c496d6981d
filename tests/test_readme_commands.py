"""Every `conflict-claims` command shown in the README runs, from the repository root, as shown."""

from __future__ import annotations

import re
import shlex

import pytest

from clitools import REPO, run_cli
from pkgtools import need_seeds

README = (REPO / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"^ *```sh[ \t]*\n(.*?)^ *```", README, re.M | re.S)
# a command, then (after some prose, if any) the output it gives
SHOWN = re.findall(
    r"^ *```sh[ \t]*\n *(conflict-claims [^\n]*)\n *```\n(?:(?!```).)*?^( *)```text\n(.*?)^ *```",
    README,
    re.M | re.S,
)
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


def test_the_readme_shows_commands_with_their_output() -> None:
    assert len(SHOWN) >= 2


@pytest.mark.parametrize(("command", "indent", "shown"), SHOWN)
def test_readme_output_is_what_the_command_prints(command: str, indent: str, shown: str) -> None:
    result = run_cli(*shlex.split(command)[1:])
    printed = "".join(indent + line + "\n" for line in result.stdout.splitlines())
    assert printed == shown
