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
