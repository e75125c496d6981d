"""Test helpers: a writable copy of the bundled package, and small edits to it."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conflict_claims.report.report import Report

REPO = Path(__file__).parent.parent
BUNDLED = REPO / "datapackage"
SEEDS = Path(os.environ.get("CONFLICT_CLAIMS_SEEDS") or REPO.parent / "shared" / "seeds")
"""The source snapshots the quotes are checked against: beside the checkout, or where
CONFLICT_CLAIMS_SEEDS says (a mutation run works in a copy of the repository)."""


def need_seeds() -> Path:
    """SEEDS, or else skip the test; under CI (the CI variable set) fail it instead, since there
    a skipped snapshot test would pass a package whose quotes nobody checked."""
    if SEEDS.is_dir():
        return SEEDS
    message = f"the source snapshots are not at {SEEDS} (set CONFLICT_CLAIMS_SEEDS)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


class Package:
    """A copy of the bundled package in a temporary folder, edited in place."""

    def __init__(self, folder: Path) -> None:
        shutil.copytree(BUNDLED, folder)
        self.folder = folder
        # the tests edit the files: the bundled sizes and hashes would no longer hold
        descriptor = self.descriptor
        for resource in descriptor["resources"]:  # type: ignore[attr-defined]
            resource.pop("bytes", None)
            resource.pop("hash", None)
        self.write_descriptor(descriptor)

    def csv_path(self, table: str) -> Path:
        return self.folder / "data" / f"{table}.csv"

    def rows(self, table: str) -> list[dict[str, str]]:
        with self.csv_path(table).open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def write_rows(self, table: str, rows: list[dict[str, str]]) -> None:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        self.csv_path(table).write_text(buffer.getvalue(), encoding="utf-8")

    def row_of(self, table: str, column: str, value: str) -> int:
        """The data row number (1-based, header excluded) of the first row with that value."""
        for number, row in enumerate(self.rows(table), start=1):
            if row[column] == value:
                return number
        raise LookupError(f"no {table} row with {column}={value!r}")

    def set(self, table: str, row: int, column: str, value: str) -> None:
        rows = self.rows(table)
        rows[row - 1][column] = value
        self.write_rows(table, rows)

    def append(self, table: str, row: dict[str, str]) -> int:
        rows = self.rows(table)
        rows.append(row)
        self.write_rows(table, rows)
        return len(rows)

    def delete(self, table: str, column: str, value: str) -> None:
        self.write_rows(table, [r for r in self.rows(table) if r[column] != value])

    @property
    def descriptor(self) -> dict[str, object]:
        data: dict[str, object] = json.loads((self.folder / "datapackage.json").read_text())
        return data

    def write_descriptor(self, descriptor: dict[str, object]) -> None:
        (self.folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2))


Whole = tuple[str, str, "int | None", "str | None", "str | None"]


def whole(report: Report) -> Counter[Whole]:
    """Each (rule, resource, row, field, value) a report holds, with how often: what two
    engines must agree on (the message may word it differently)."""
    return Counter((p.rule, p.resource, p.row, p.field, p.value) for p in report.errors)


def both_engines(folder: Path, **options: object) -> Counter[Whole]:
    """The problems both engines report on a package; fails if they differ in any part."""
    from conflict_claims.validation.package import validate

    pandera = whole(validate(folder, engine="pandera", **options))  # type: ignore[arg-type]
    pydantic = whole(validate(folder, engine="pydantic", **options))  # type: ignore[arg-type]
    assert pandera == pydantic, (pandera - pydantic, pydantic - pandera)
    return pandera
