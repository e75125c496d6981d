"""Reading a table's CSV file (``io.read``): the careful path that names what is wrong when the
fast parser refuses a file."""

from __future__ import annotations

import csv
import errno
import json
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


@pytest.mark.parametrize(
    ("error", "rule", "said"),
    [
        (OSError(errno.EIO, "Input/output error"), "file-unreadable", "cannot read {}: "
         "Input/output error"),
        (MemoryError(), "limit-exceeded", "{} does not fit in memory"),
    ],
)  # fmt: skip
def test_a_read_error_is_a_problem_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException, rule: str, said: str
) -> None:
    """An error while the careful path reads the file (after the fast path refused it) names
    the file and the reason; it is never raised."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 1) + b'x,"unclosed\n')
    sound = read.read_bytes

    def failing(at: Path, limit: int) -> bytes:
        if Path(at).name != path.name:
            return sound(at, limit)  # the descriptor reads as before
        raise error

    monkeypatch.setattr(read, "read_bytes", failing)
    (problem,) = validate(package.folder).errors
    assert (problem.rule, problem.resource, problem.row, problem.field, problem.message) == (
        rule,
        "quantifiers",
        None,
        None,
        said.format(path),
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


def test_a_byte_that_is_not_utf8_is_placed_on_its_physical_line(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    path = package.csv_path("claims")
    lines = path.read_bytes().split(b"\n")
    lines[3] = lines[3].replace(b"killed", b"kill\xffed", 1)
    path.write_bytes(b"\n".join(lines))
    (problem,) = validate(package.folder).errors
    assert (problem.rule, problem.row, problem.line, problem.file) == (
        "encoding-invalid",
        3,
        4,
        "data/claims.csv",
    )


@pytest.mark.parametrize("descriptor", [{}, {"resources": 5}, [], {"name": "x"}])
def test_a_descriptor_without_a_resources_list(tmp_path: Path, descriptor: object) -> None:
    path = tmp_path / "datapackage.json"
    path.write_text(json.dumps(descriptor), encoding="utf-8")
    (problem,) = validate(path).errors
    assert (problem.rule, problem.resource, problem.row, problem.value, problem.message) == (
        "package-invalid",
        "datapackage",
        None,
        None,
        f"{path} has no 'resources' list",
    )


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (
            "https://example.org/q.csv",
            "the resource path is a URL; nothing is fetched without --allow-remote",
        ),
        (
            "../outside.csv",
            "the resource path leaves the package folder; pass --trusted to allow it",
        ),
    ],
)
def test_by_default_nothing_outside_the_package_is_read(
    tmp_path: Path, given: str, message: str
) -> None:
    """``read_package``'s own defaults, not only the CLI's: no fetching, no leaving the folder."""
    package = Package(tmp_path / "pkg")
    descriptor = package.descriptor
    resources: list[dict[str, object]] = descriptor["resources"]  # type: ignore[assignment]
    next(r for r in resources if r["name"] == "quantifiers")["path"] = given
    package.write_descriptor(descriptor)
    problems = read.read_package(package.folder).problems
    assert [(p.rule, p.resource, p.row, p.field, p.value, p.message) for p in problems] == [
        ("path-unsafe", "quantifiers", None, None, given, f"{message}: {given}")
    ]


def test_a_sound_file_the_fast_parser_refuses_is_read_whole_by_the_careful_path(
    tmp_path: Path,
) -> None:
    """A row of 33 MB, which Arrow's parser refuses (from 32 MB on, with its blocks of 16 MB),
    in a file with no malformed row: the csv module reads it, with the fast path's empty cells
    and row numbers."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = '"' + "y" * (33 << 20) + '",1,2,x'
    phrase, _, high, reading = lines[2].split(",", 3)
    lines[2] = ",".join([phrase, "", high, reading])  # value_low left empty on row 3
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    # the claims that used the phrases of rows 1 and 3 find no reading of them now
    claims = package.rows("claims")
    unknown = {
        ("quantifier-unknown", "claims", n, "value_text", claim["value_text"]): 1
        for n, claim in enumerate(claims, start=1)
        if claim["value_text"] in {"a", phrase}
    }
    assert len(unknown) == 5
    assert both_engines(package.folder) == {
        ("required", "quantifiers", 3, "value_low", None): 1,
        **unknown,
    }
