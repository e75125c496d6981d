"""The text report escapes control characters: a header, cell or path holding a terminal escape
sequence is shown (as ``\\x1b``), never sent raw to the terminal."""

from __future__ import annotations

from pathlib import Path

from clitools import run_cli
from conflict_claims.report.formats._common import printable
from pkgtools import Package

TITLE = "\x1b]0;pwned\x07"
RED = "\x1b[31m"


def test_printable_escapes_every_control_character() -> None:
    text = f"a{TITLE}b{RED}c\x9bd\u202ee\x7f"
    shown = printable(text)
    assert shown == "a\\x1b]0;pwned\\x07b\\x1b[31mc\\x9bd\\u202ee\\x7f"
    assert printable("Léré, Goïta — fine") == "Léré, Goïta — fine"


def test_an_escape_sequence_in_a_header_is_not_sent_to_the_terminal(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    path = package.csv_path("claims")
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{header},x{TITLE}\n" + rest.replace("\n", ",\n"), encoding="utf-8")
    result = run_cli("validate", str(package.folder), "--strict")
    assert result.returncode == 1
    assert "[column-unexpected]" in result.stdout
    assert "\x1b" not in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout


def test_an_escape_sequence_in_a_path_is_not_sent_to_the_terminal(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    descriptor = package.descriptor
    for resource in descriptor["resources"]:  # type: ignore[attr-defined]
        if resource["name"] == "sources":
            resource["path"] = f"data/{RED}sources.csv"
    package.write_descriptor(descriptor)
    result = run_cli("validate", str(package.folder))
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[31m" in result.stdout


def test_an_escape_sequence_in_a_usage_error_is_not_sent_to_the_terminal(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / f"missing{TITLE}"))
    assert result.returncode == 2
    assert "\x1b" not in result.stderr
    assert "\\x1b" in result.stderr
