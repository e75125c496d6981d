"""Reading a data package into frames of raw text cells, turning every defect into a problem.

Nothing here raises on bad input: a missing file, broken JSON, bad bytes or a malformed CSV row
becomes a :class:`Problem`, and the table concerned is left out of the row checks.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from ._resources import bundled_package_dir
from .contract import TABLE_NAMES, TABLES
from .report import Problem, describe

PROFILE_KEY = "conflictClaims"
"""Package-level key naming which resource is which table: {"tables": {"claims": "my-claims"}}."""


@dataclass
class RawPackage:
    """A package as read: text frames (index = data row number), files, and reading problems."""

    path: str
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def add(self, rule: str, resource: str, what: str, *, row: int | None = None,
            column: str | None = None, value: object = None) -> None:  # fmt: skip
        self.problems.append(describe(rule, resource, row, column, value, what))


def descriptor_path(path: str | Path | None) -> Path:
    """The datapackage.json a path means: None is the bundled package; a folder holds one."""
    if path is None:
        return bundled_package_dir() / "datapackage.json"
    candidate = Path(path)
    return candidate / "datapackage.json" if candidate.is_dir() else candidate


def read_package(
    path: str | Path | None = None, *, strict: bool = False, trusted: bool = False
) -> RawPackage:
    target = descriptor_path(path)
    raw = RawPackage(path=str(target))
    descriptor = _descriptor(raw, target)
    if descriptor is None:
        return raw
    for table, resource in _resources(raw, descriptor).items():
        location = _location(raw, table, resource, target.parent, trusted)
        if location is not None:
            frame = read_table(raw, table, location, strict=strict)
            if frame is not None:
                raw.frames[table] = frame
    return raw


def _descriptor(raw: RawPackage, target: Path) -> dict[str, Any] | None:
    try:
        text = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        raw.add("package-invalid", "datapackage", f"no such file {target}")
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raw.add("package-invalid", "datapackage", f"cannot read {target}: {exc}")
        return None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        raw.add(
            "package-invalid",
            "datapackage",
            f"{target} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
        )
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raw.add("package-invalid", "datapackage", f"{target} has no 'resources' list")
        return None
    return descriptor


def _resources(raw: RawPackage, descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Which resource is which table: by a profile mapping, else by resource name."""
    by_name = {
        r["name"]: r
        for r in descriptor["resources"]
        if isinstance(r, dict) and isinstance(r.get("name"), str)
    }
    profile = descriptor.get(PROFILE_KEY, {})
    mapping = profile.get("tables", {}) if isinstance(profile, dict) else {}
    found: dict[str, dict[str, Any]] = {}
    for table in TABLE_NAMES:
        name = mapping.get(table, table) if isinstance(mapping, dict) else table
        if isinstance(name, str) and name in by_name:
            found[table] = by_name[name]
        else:
            raw.add(
                "table-missing",
                table,
                f"the package has no resource named {name!r} for the {table} table",
            )
    return found


def _location(
    raw: RawPackage, table: str, resource: dict[str, Any], base: Path, trusted: bool
) -> Path | None:
    path = resource.get("path")
    if not isinstance(path, str) or not path:
        raw.add(
            "package-invalid", table, "the resource has no 'path' (a single file path)", value=path
        )
        return None
    if urllib.parse.urlparse(path).scheme not in ("", "file") or "://" in path:
        raw.add("path-unsafe", table, "the resource path is a URL; nothing is fetched", value=path)
        return None
    pure = PurePosixPath(path.replace("\\", "/"))
    if not trusted and (pure.is_absolute() or Path(path).is_absolute() or ".." in pure.parts):
        raw.add(
            "path-unsafe",
            table,
            "the resource path leaves the package folder; pass --trusted to allow it",
            value=path,
        )
        return None
    return base / path


def read_table(
    raw: RawPackage, table: str, location: Path, *, strict: bool = False
) -> pd.DataFrame | None:
    """Read one CSV as text cells; on any defect record it and return None."""
    raw.files[table] = str(location)
    try:
        data = location.read_bytes()
    except OSError as exc:
        raw.add("file-unreadable", table, f"cannot read {location}: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n")
        raw.add(
            "encoding-invalid",
            table,
            f"{location} is not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}",
            row=line or None,
        )
        return None
    header = _header(raw, table, text, location)
    if header is None:
        return None
    spec = TABLES[table]
    missing = [c for c in spec.column_names if c not in header]
    for column in missing:
        raw.add("column-missing", table, f"{location} has no column {column!r}", column=column)
    if strict:
        for column in header:
            if column not in spec.column_names:
                raw.add(
                    "column-unexpected",
                    table,
                    f"column {column!r} is not in the schema (allowed without --strict)",
                    column=column,
                )
    if missing:
        return None
    frame = _parse(raw, table, text, header)
    if frame is not None:
        raw.rows[table] = len(frame)
    return frame


def _header(raw: RawPackage, table: str, text: str, location: Path) -> list[str] | None:
    try:
        header = next(csv.reader(io.StringIO(text)), None)
    except csv.Error as exc:
        raw.add("csv-malformed", table, f"cannot parse the header of {location}: {exc}")
        return None
    if not header:
        raw.add("csv-malformed", table, f"{location} is empty: no header row")
        return None
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raw.add("csv-malformed", table, f"repeated column names in the header: {repeated}")
        return None
    return header


def _parse(raw: RawPackage, table: str, text: str, header: list[str]) -> pd.DataFrame | None:
    from ._csvfast import parse_csv

    frame = parse_csv(text, header)
    if frame is not None:
        return frame
    # The fast parser refused the file: find every bad row with the standard library.
    rows: list[list[str]] = []
    bad = False
    reader = csv.reader(io.StringIO(text))
    try:
        next(reader)
        for number, cells in enumerate(reader, start=1):
            if len(cells) != len(header):
                bad = True
                raw.add(
                    "csv-malformed",
                    table,
                    f"row has {len(cells)} cells, the header has {len(header)}",
                    row=number,
                )
            rows.append(cells)
    except csv.Error as exc:
        raw.add("csv-malformed", table, f"CSV syntax error: {exc}", row=len(rows) + 1)
        return None
    if bad:
        return None
    slow: pd.DataFrame = pd.DataFrame(rows, columns=header, dtype="str").replace("", None)
    slow.index = pd.RangeIndex(1, len(slow) + 1)
    return slow
