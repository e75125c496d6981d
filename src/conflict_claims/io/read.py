"""Reading a data package into frames of raw text cells, turning every defect into a problem.

Nothing here raises on bad input: a missing file, broken JSON, bad bytes or a malformed CSV row
becomes a :class:`Problem`, and the table concerned is left out of the row checks.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from conflict_claims.contract.problems import Problem, describe
from conflict_claims.contract.tables import TABLE_NAMES, TABLES, Column
from conflict_claims.io import declared
from conflict_claims.io.bounds import (
    DEFAULT_LIMITS,
    Deadline,
    Limits,
    Refusal,
    parse_descriptor,
)
from conflict_claims.io.bundled import bundled_package_dir
from conflict_claims.io.containment import (
    check_file,
    leaves_folder,
    read_bytes,
    real_folder,
)
from conflict_claims.io.diagnose import DELIMITERS, pandas_marks, sniff_delimiter
from conflict_claims.io.remote import is_url

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
    names: dict[str, str] = field(default_factory=dict)
    """The package's own name for each table's resource."""
    settings: dict[str, Any] = field(default_factory=dict)
    """The descriptor's ``conflictClaims`` object, as given."""
    columns: dict[str, tuple[Column, ...]] = field(default_factory=dict)
    """Per table, the columns to check when its declared schema adds to the contract (added
    columns, contract columns declared more strictly); the contract's columns otherwise."""

    def add(self, rule: str, resource: str, what: str, *, row: int | None = None,
            column: str | None = None, value: object = None, hint: str | None = None,
            line: int | None = None) -> None:  # fmt: skip
        problem = describe(rule, resource, row, column, value, what, hint=hint)
        self.problems.append(problem if line is None else replace(problem, line=line))


def descriptor_path(path: str | Path | None) -> Path:
    """The datapackage.json a path means: None is the bundled package; a folder holds one."""
    if path is None:
        return bundled_package_dir() / "datapackage.json"
    candidate = Path(path)
    return candidate / "datapackage.json" if candidate.is_dir() else candidate


def read_package(
    path: str | Path | None = None,
    *,
    strict: bool = False,
    trusted: bool = False,
    allow_remote: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> RawPackage:
    """Read a package; ``trusted`` allows paths outside its folder, ``allow_remote`` fetches
    resources given as http(s) URLs (nothing is fetched otherwise); ``limits`` bounds what is
    read. Never raises on bad input: every defect is a problem of the returned package."""
    try:
        target = descriptor_path(path)
        base = real_folder(target.parent)
    except (OSError, ValueError) as exc:
        raw = RawPackage(path=str(path))
        raw.add("package-invalid", "datapackage", f"cannot open {path!r}: {_reason(exc)}")
        return raw
    raw = RawPackage(path=str(target))
    descriptor = _descriptor(raw, target, None if trusted else base, limits)
    if descriptor is None:
        return raw
    deadline = Deadline(limits.remote_deadline)
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as downloads:
        resources = _resources(raw, descriptor)
        names = {table: str(resource.get("name")) for table, resource in resources.items()}
        for table, resource in resources.items():
            # a resource read against a schema it does not declare, or in a dialect the
            # reader does not honour, would be misread: it is reported instead
            if not declared.readable(raw.add, table, resource):
                continue
            # without a usable schema the file is still read, against the contract alone
            schema = declared.declared_schema(raw.add, table, resource, names)
            location = _location(raw, table, resource, target.parent, trusted, allow_remote)
            confine = None if trusted else base
            if isinstance(location, str):
                location = _download(
                    raw, table, location, Path(downloads), limits, deadline, trusted
                )
                confine = None  # our own download, in our own temporary folder
            if location is not None:
                real = check_file(location, confine, max_bytes=limits.max_file_bytes, what="")
                if not isinstance(real, Refusal):  # hash only what may be read
                    declared.check_stats(raw.add, table, resource, real)
                frame = read_table(raw, table, location, strict=strict, limits=limits, base=confine)
                if frame is not None and schema is not None:
                    _keep(raw, table, frame, schema)
                elif frame is not None:
                    raw.frames[table] = frame
    return raw


def _keep(raw: RawPackage, table: str, frame: pd.DataFrame, schema: declared.Declared) -> None:
    """Keep a table whose header names its declared fields, with its declared missing values
    emptied and its columns checked as declared."""
    columns = declared.header_columns(raw.add, table, list(frame.columns), schema)
    if columns is None:
        return
    if columns != TABLES[table].columns:
        raw.columns[table] = columns
    others = [v for v in schema.missing_values if v != ""]
    if others:
        for name in frame.columns:
            frame[name] = frame[name].where(~frame[name].isin(others), None)
    raw.frames[table] = frame


def _reason(exc: BaseException) -> str:
    return str(getattr(exc, "strerror", None) or exc)


def _download(
    raw: RawPackage,
    table: str,
    url: str,
    folder: Path,
    limits: Limits,
    deadline: Deadline,
    trusted: bool,
) -> Path | None:
    from conflict_claims.io.remote import fetch

    fetched = fetch(url, folder, limits=limits, deadline=deadline, trusted=trusted)
    if isinstance(fetched, Refusal):
        raw.add(fetched.rule, table, fetched.message, value=url)
        return None
    return fetched


def _descriptor(
    raw: RawPackage, target: Path, base: Path | None, limits: Limits
) -> dict[str, Any] | None:
    checked = check_file(
        target, base, max_bytes=limits.max_descriptor_bytes, what="--max-descriptor-size"
    )
    if isinstance(checked, Refusal):
        rule = "package-invalid" if checked.rule == "file-unreadable" else checked.rule
        raw.add(rule, "datapackage", checked.message, value=str(target))
        return None
    try:
        text = read_bytes(checked, limits.max_descriptor_bytes).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raw.add("package-invalid", "datapackage", f"cannot read {target}: {_reason(exc)}")
        return None
    descriptor = parse_descriptor(text, limits.max_descriptor_depth)
    if isinstance(descriptor, Refusal):
        raw.add(
            descriptor.rule, "datapackage", f"{target} {descriptor.message}", line=descriptor.line
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
    if isinstance(profile, dict):
        raw.settings = profile
    mapping = profile.get("tables", {}) if isinstance(profile, dict) else {}
    found: dict[str, dict[str, Any]] = {}
    for table in TABLE_NAMES:
        name = mapping.get(table, table) if isinstance(mapping, dict) else table
        if not isinstance(name, str):
            raw.add(
                "package-invalid",
                table,
                f"{PROFILE_KEY}.tables.{table} must be a resource name (a string)",
                value=name,
            )
        elif name in by_name:
            found[table] = by_name[name]
            raw.names[table] = name
        else:
            raw.add(
                "table-missing",
                table,
                f"the package has no resource named {name!r} for the {table} table",
            )
    return found


def _location(
    raw: RawPackage,
    table: str,
    resource: dict[str, Any],
    base: Path,
    trusted: bool,
    allow_remote: bool,
) -> Path | str | None:
    """The file to read, a URL to fetch (only when allowed), or None after reporting why not."""
    path = resource.get("path")
    if not isinstance(path, str) or not path:
        raw.add(
            "package-invalid", table, "the resource has no 'path' (a single file path)", value=path
        )
        return None
    if is_url(path):
        if allow_remote:
            return path
        raw.add(
            "path-unsafe",
            table,
            "the resource path is a URL; nothing is fetched without --allow-remote",
            value=path,
        )
        return None
    if not trusted and leaves_folder(path):
        raw.add(
            "path-unsafe",
            table,
            "the resource path leaves the package folder; pass --trusted to allow it",
            value=path,
        )
        return None
    return base / path


def checked_location(
    raw: RawPackage, table: str, location: Path, limits: Limits, base: Path | None
) -> Path | None:
    """The real path of a table file that may be read (see ``containment``), else None after
    reporting why not; ``base`` None allows any folder."""
    raw.files[table] = str(location)
    checked = check_file(location, base, max_bytes=limits.max_file_bytes, what="--max-file-size")
    if isinstance(checked, Refusal):
        raw.add(checked.rule, table, checked.message, value=str(location))
        return None
    return checked


def read_table(
    raw: RawPackage,
    table: str,
    location: Path,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    base: Path | None = None,
) -> pd.DataFrame | None:
    """Read one CSV as text cells; on any defect record it and return None. ``base`` (a real
    folder path) confines the file to that folder.

    A table that bears the marks of a pandas round trip is reported once, as such, and not
    checked cell by cell: its symptoms would bury the one fix."""
    frame = _read_csv(raw, table, location, strict=strict, limits=limits, base=base)
    if frame is None:
        return None
    marks = pandas_marks(frame, table)
    if not marks:
        return frame
    raw.add(
        "written-by-pandas",
        table,
        f"{location.name} looks written by pandas with default options: {'; '.join(marks)}. "
        "pandas also reads the text None, NA or null as missing and writes it as an empty "
        "cell; the table was not checked further",
    )
    return None


def _read_csv(
    raw: RawPackage,
    table: str,
    location: Path,
    *,
    strict: bool,
    limits: Limits,
    base: Path | None,
) -> pd.DataFrame | None:
    real = checked_location(raw, table, location, limits, base)
    if real is None:
        return None
    try:
        frame = _read_sound(real, table, strict=strict, max_columns=limits.max_columns)
    except MemoryError:
        frame = None
    if frame is not None:
        raw.rows[table] = len(frame)
        return frame
    try:
        data = read_bytes(real, limits.max_file_bytes)
    except OSError as exc:
        raw.add("file-unreadable", table, f"cannot read {location}: {_reason(exc)}")
        return None
    except MemoryError:
        raw.add("limit-exceeded", table, f"{location} does not fit in memory")
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
            line=line + 1,  # the physical line of the bad byte, whatever the records
        )
        return None
    header = _header(raw, table, text, location)
    if header is None or not within_width(raw, table, header, location, limits):
        return None
    if not check_columns(raw, table, header, location, strict=strict):
        return None
    try:
        frame = _parse(raw, table, text, header)
    except MemoryError:
        raw.add("limit-exceeded", table, f"{location} does not fit in memory")
        return None
    if frame is not None:
        raw.rows[table] = len(frame)
    return frame


def within_width(
    raw: RawPackage, table: str, header: list[str], location: Path, limits: Limits
) -> bool:
    """Whether a header is within the column bound; reported (limit-exceeded) when not."""
    if len(header) <= limits.max_columns:
        return True
    raw.add(
        "limit-exceeded",
        table,
        f"{location} has {len(header)} columns, above the limit of {limits.max_columns}; "
        "raise it with --max-columns if the table is meant to be this wide",
    )
    return False


def check_columns(
    raw: RawPackage, table: str, header: list[str], location: Path, *, strict: bool = False
) -> bool:
    """Record missing (and, when strict, unexpected) columns; False when a column is missing."""
    spec = TABLES[table]
    present = set(header)
    missing = [c for c in spec.column_names if c not in present]
    delimiter = sniff_delimiter(header, table) if missing else None
    if delimiter is not None:
        raw.add(
            "csv-malformed",
            table,
            f"{location.name} looks {DELIMITERS[delimiter]}-separated: its header splits on "
            f"{delimiter!r}, not on commas",
            value=delimiter,
            hint="Write the file comma-separated (pandas: to_csv(path, index=False); a "
            "spreadsheet: save as 'CSV UTF-8 (comma delimited)').",
        )
        return False
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
    return not missing


_BOM = b"\xef\xbb\xbf"


_HEAD = 1 << 16


def _read_sound(
    location: Path, table: str, *, strict: bool, max_columns: int
) -> pd.DataFrame | None:
    """The quick path for a sound file: Arrow reads the file itself and parses (and checks the
    UTF-8 of) its bytes, with no copy or decoding in Python. None at the first sign of trouble
    (unreadable file, odd header, columns missing or unexpected, bytes or rows Arrow refuses):
    the careful path then reads the file again and reports exactly what is wrong."""
    from conflict_claims.io.csv_arrow import parse_csv_file

    try:
        with location.open("rb") as f:
            data = f.read(_HEAD)
    except OSError:
        return None
    skip = len(_BOM) if data.startswith(_BOM) else 0
    end = data.find(b"\n", skip)
    if end < 0 and len(data) == _HEAD:
        return None  # a header longer than the first block
    first = data[skip : end if end >= 0 else len(data)]
    if b'"' in first or b"\r" in first[:-1]:
        return None  # a quoted or oddly broken header: let the csv module read it
    try:
        header = next(csv.reader([first.decode("utf-8")]), None)
    except (UnicodeDecodeError, csv.Error):
        return None
    columns = TABLES[table].column_names
    if (
        not header
        or len(header) > max_columns
        or len(set(header)) != len(header)
        or any(c not in header for c in columns)
        or (strict and any(c not in columns for c in header))
    ):
        return None
    return parse_csv_file(location, header)


def _no_field_ceiling(text: str) -> None:
    # No ceiling on a field but the text itself: the file's size is already bounded, and the
    # csv module's default (131,072 characters) would call a well-formed large cell malformed.
    if csv.field_size_limit() <= len(text):
        csv.field_size_limit(len(text) + 1)


def _header(raw: RawPackage, table: str, text: str, location: Path) -> list[str] | None:
    _no_field_ceiling(text)
    try:
        header = next(csv.reader(io.StringIO(text)), None)
    except csv.Error as exc:
        raw.add("csv-malformed", table, f"cannot parse the header of {location}: {exc}")
        return None
    if not header:
        raw.add("csv-malformed", table, f"{location} is empty: no header row")
        return None
    repeated = repeated_names(header)
    if repeated:
        raw.add("csv-malformed", table, f"repeated column names in the header: {repeated}")
        return None
    return header


def repeated_names(header: list[str]) -> list[str]:
    """Column names given more than once, sorted; one pass, however wide the header."""
    return sorted(name for name, count in Counter(header).items() if count > 1)


def _parse(raw: RawPackage, table: str, text: str, header: list[str]) -> pd.DataFrame | None:
    from conflict_claims.io.csv_arrow import parse_csv

    frame = parse_csv(memoryview(text.encode("utf-8")), header)
    if frame is not None:
        return frame
    # The fast parser refused the file: find every bad row with the standard library.
    rows: list[list[str]] = []
    bad = False
    reader = csv.reader(io.StringIO(text))
    try:
        _no_field_ceiling(text)
        next(reader)
        for number, cells in enumerate(reader, start=1):
            if len(cells) != len(header):
                bad = True
                raw.add(
                    "csv-malformed",
                    table,
                    f"row has {len(cells)} cell{'s' * (len(cells) != 1)}, the header has "
                    f"{len(header)}",
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
