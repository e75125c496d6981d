"""Reading a table's CSV file (``io.read``): the careful path that names what is wrong when the
fast parser refuses a file."""

from __future__ import annotations

import csv
import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from conflict_claims import validate
from conflict_claims.io import read
from pkgtools import Package, both_engines

DEFAULT_FIELD_LIMIT = 128 * 1024


@pytest.fixture(autouse=True)
def _csv_default_field_limit() -> Iterator[None]:
    """The csv module's own field limit: importing frictionless raises it for the whole
    process, and these tests reach the careful path through that limit."""
    before = csv.field_size_limit(DEFAULT_FIELD_LIMIT)
    yield
    csv.field_size_limit(before)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf"])
def test_an_empty_file_has_no_header(tmp_path: Path, content: bytes) -> None:
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    path.write_bytes(content)
    assert both_engines(package.folder) == {("csv-malformed", "quantifiers", None, None, None): 1}
    (problem,) = validate(package.folder).errors
    assert (problem.message, problem.file, problem.line) == (
        f"{path} is empty: no header row",
        "data/quantifiers.csv",
        1,
    )


def test_a_read_error_is_a_problem_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An input/output error while the careful path reads the file (after the fast path
    refused it) names the file and the system's reason; it is never raised."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 1) + b'x,"unclosed\n')

    sound = read.read_bytes

    def failing(at: Path, limit: int) -> bytes:
        if Path(at).name != path.name:
            return sound(at, limit)  # the descriptor reads as before
        raise OSError(errno.EIO, "Input/output error", str(at))

    monkeypatch.setattr(read, "read_bytes", failing)
    (problem,) = validate(package.folder).errors
    assert (problem.rule, problem.resource, problem.row, problem.field, problem.message) == (
        "file-unreadable",
        "quantifiers",
        None,
        None,
        f"cannot read {path}: Input/output error",
    )


def test_a_header_the_csv_module_cannot_parse(tmp_path: Path) -> None:
    """A bare carriage return inside an unquoted header cell: no table is read, one problem."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header.replace(",", ",\r", 1) + "\n" + rest, encoding="utf-8")
    assert both_engines(package.folder) == {("csv-malformed", "quantifiers", None, None, None): 1}


def test_every_bad_row_is_named_and_a_syntax_error_stops_the_reading(tmp_path: Path) -> None:
    """Row 1 has too few cells, row 3 a bare carriage return in an unquoted cell; row 5, also
    short, comes after the syntax error and is not read."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = "a handful,5"
    lines[2] = "some\rwhat,1,2,x"
    lines[4] = "a few,3"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    assert both_engines(package.folder) == {
        ("csv-malformed", "quantifiers", 1, None, None): 1,
        ("csv-malformed", "quantifiers", 3, None, None): 1,
    }


def test_a_cell_beyond_the_default_field_limit_is_read(tmp_path: Path) -> None:
    """A quoted cell of 200,000 characters, above the csv module's default field limit, in a
    file the careful path reads (row 2 is short): only the short row is a problem."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = '"' + "y" * 200_000 + '",1,2,x'
    lines[1] = "a handful,5"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    assert both_engines(package.folder) == {("csv-malformed", "quantifiers", 2, None, None): 1}


def test_a_quoted_header_name_holding_a_line_break_is_read_whole(tmp_path: Path) -> None:
    """An added column whose quoted name spans two lines, the second shaped like a data row:
    the name is read whole (and reported as undeclared), never cut at the line break."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    name = "extra\nsome,1,2,x,y"
    head = header + ',"' + name + '"'
    path.write_text("\n".join([head, *(line + ",z" for line in lines)]) + "\n", encoding="utf-8")
    assert both_engines(package.folder) == {("header-mismatch", "quantifiers", None, name, name): 1}


def test_the_careful_path_counts_the_rows_it_reads(tmp_path: Path) -> None:
    """A quoted header sends the file to the csv module; the report still counts its rows."""
    from conflict_claims.validation.package import validate

    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text('"' + header.replace(",", '","') + '"\n' + rest, encoding="utf-8")
    report = validate(package.folder)
    assert report.errors == ()
    assert report.rows["quantifiers"] == len(package.rows("quantifiers")) > 0
