"""Reading a table's CSV file (``io.read``): the careful path that names what is wrong when the
fast parser refuses a file."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from pkgtools import Package, both_engines

DEFAULT_FIELD_LIMIT = 128 * 1024


@pytest.fixture(autouse=True)
def _csv_default_field_limit() -> Iterator[None]:
    """The csv module's own field limit: importing frictionless raises it for the whole
    process, and these tests reach the careful path through that limit."""
    before = csv.field_size_limit(DEFAULT_FIELD_LIMIT)
    yield
    csv.field_size_limit(before)


def test_an_empty_file_has_no_header(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    package.csv_path("quantifiers").write_bytes(b"")
    assert both_engines(package.folder) == {("csv-malformed", "quantifiers", None, None, None): 1}


def test_a_header_the_csv_module_cannot_parse(tmp_path: Path) -> None:
    """A header cell beyond the csv module's field limit (128 KiB)."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    text = path.read_text(encoding="utf-8")
    path.write_text("x" * 200_000 + "," + text, encoding="utf-8")
    found = both_engines(package.folder)
    assert ("csv-malformed", "quantifiers", None, None, None) in found
    assert {(rule, resource) for rule, resource, *_ in found} == {("csv-malformed", "quantifiers")}


def test_every_bad_row_is_named_and_a_syntax_error_stops_the_reading(tmp_path: Path) -> None:
    """Row 1 has too few cells; row 3 holds a cell beyond the csv module's field limit."""
    package = Package(tmp_path / "pkg")
    path = package.csv_path("quantifiers")
    header, *lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = "a handful,5"
    lines[2] = '"' + "y" * 200_000 + '",1,2,x'
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    assert both_engines(package.folder) == {
        ("csv-malformed", "quantifiers", 1, None, None): 1,
        ("csv-malformed", "quantifiers", 3, None, None): 1,
    }
