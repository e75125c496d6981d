"""The pre-commit hook needs a path: without one it stops and says so, instead of passing."""

from __future__ import annotations

import re
import shlex

from clitools import EXAMPLES, REPO, run_cli


def hook_entry() -> list[str]:
    text = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    match = re.search(r"^\s*entry:\s*(.+)$", text, re.M)
    assert match, "no entry in .pre-commit-hooks.yaml"
    command = shlex.split(match[1])
    assert command[0] == "conflict-claims"
    return command[1:]


def test_the_hook_without_args_stops_with_a_usage_error_naming_what_to_add() -> None:
    result = run_cli(*hook_entry())
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    assert "no PATH given" in result.stderr
    assert "args: [path/to/derived]" in result.stderr
    assert result.stdout == ""


def test_the_hook_with_a_path_validates_that_package() -> None:
    valid = run_cli(*hook_entry(), str(EXAMPLES / "valid"))
    assert valid.returncode == 0, valid
    invalid = run_cli(*hook_entry(), str(EXAMPLES / "invalid"))
    assert invalid.returncode == 1, invalid
    assert "foreign-key" in invalid.stdout
