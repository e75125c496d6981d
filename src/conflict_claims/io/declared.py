"""What a resource declares about its file: schema, format, encoding, dialect, missing values.

The reader honours what it can (UTF-8 CSV, commas, double quotes, one header row, any list of
missing values that includes the empty cell) and reports the rest, so that no declaration is
silently ignored. The declared fields are held against the file's header and the contract.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

from conflict_claims.contract.fields import DeclaredField, declared_field, plain_field
from conflict_claims.contract.tables import TABLES, Column

Report = Callable[..., None]
"""``RawPackage.add``: (rule, resource, what, *, row=, column=, value=)."""

_ENCODINGS = {"utf-8", "utf8", "utf-8-sig", "utf_8"}
_LINE_ENDS = ("\n", "\r\n", "\r")
# dialect keys and the values read as written; anything else would change how the file parses
_PLAIN_DIALECT: dict[str, Callable[[Any], bool]] = {
    "delimiter": lambda v: v == ",",
    "quoteChar": lambda v: v == '"',
    "doubleQuote": lambda v: v is True,
    "header": lambda v: v is True,
    "headerRows": lambda v: v == [1],
    "lineTerminator": lambda v: v in _LINE_ENDS,
    "skipInitialSpace": lambda v: v is False,
    "commentChar": lambda _: False,
    "commentRows": lambda v: v == [],
    "escapeChar": lambda _: False,
    "nullSequence": lambda _: False,
    "skipBlankRows": lambda v: v is False,
}
_PLAIN_KEYS = ("caseSensitiveHeader", "csvddfVersion", "headerJoin", "$schema", "title",
               "description", "name")  # fmt: skip


@dataclass(frozen=True)
class Declared:
    """A resource's declared schema, as far as the reader needs it."""

    fields: tuple[DeclaredField, ...]
    plain: tuple[dict[str, Any], ...]
    """Each field's type, format and constraints as declared (see ``plain_field``)."""
    missing_values: tuple[str, ...] = ("",)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]


def _unsupported(add: Report, table: str, what: str, value: object) -> None:
    add("resource-unsupported", table, what, value=json.dumps(value, ensure_ascii=False))


def readable(add: Report, table: str, resource: dict[str, Any]) -> bool:
    """Whether the declared format, encoding, compression and dialect are ones the reader
    honours; each one it does not is reported."""
    ok = True
    fmt = resource.get("format")
    path = resource.get("path")
    suffix = PurePosixPath(path).suffix.lower() if isinstance(path, str) else ""
    if fmt is None and suffix not in ("", ".csv"):
        _unsupported(add, table, f"the file is named {suffix}, and declares no format: "
                     "declare \"format\": \"csv\"", path)  # fmt: skip
        ok = False
    elif fmt is not None and (not isinstance(fmt, str) or fmt.lower() != "csv"):
        _unsupported(add, table, "only CSV files are read in a package: rewrite the file as CSV "
                     "and declare \"format\": \"csv\"", fmt)  # fmt: skip
        ok = False
    encoding = resource.get("encoding")
    if encoding is not None and (
        not isinstance(encoding, str) or encoding.lower() not in _ENCODINGS
    ):
        _unsupported(add, table, "only UTF-8 files are read: re-save the file as UTF-8 and "
                     "declare \"encoding\": \"utf-8\"", encoding)  # fmt: skip
        ok = False
    for key in ("compression", "innerpath"):
        if resource.get(key) not in (None, "no", ""):
            _unsupported(add, table, f"compressed files are not read: drop {key!r}", resource[key])
            ok = False
    dialect = resource.get("dialect", {})
    if not isinstance(dialect, dict):
        _unsupported(add, table, "the dialect must be an object given inline", dialect)
        return False
    odd = {
        k: v
        for k, v in dialect.items()
        if (k in _PLAIN_DIALECT and not _PLAIN_DIALECT[k](v))
        or (k not in _PLAIN_DIALECT and k not in _PLAIN_KEYS)
    }
    if odd:
        _unsupported(add, table, "only comma-separated CSV with double quotes, one header row "
                     "and no comment lines is read: rewrite the file or drop these dialect "
                     "settings", odd)  # fmt: skip
        ok = False
    return ok


def declared_schema(
    add: Report, table: str, resource: dict[str, Any], names: Mapping[str, str]
) -> Declared | None:
    """The resource's declared schema, or None after reporting why it cannot be used.
    ``names`` maps each table to its resource's name (foreign keys name resources)."""
    schema = resource.get("schema")
    if isinstance(schema, str):
        add("schema-invalid", table, "the schema must be given inline, not as a path or URL",
            value=schema)  # fmt: skip
        return None
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        add("schema-missing", table, "the resource declares no Table Schema with a list of "
            "fields; a tabular data resource must")  # fmt: skip
        return None
    fields: list[DeclaredField] = []
    plain: list[dict[str, Any]] = []
    bad = False
    for descriptor in schema["fields"]:
        spec = declared_field(descriptor)
        if isinstance(spec, str):
            add("schema-invalid", table, spec)
            bad = True
        else:
            fields.append(spec)
            plain.append(plain_field(descriptor))
    names_seen = [f.name for f in fields]
    repeated = sorted({n for n in names_seen if names_seen.count(n) > 1})
    if repeated:
        add("schema-invalid", table, f"fields declared twice: {repeated}")
        bad = True
    missing = _missing_values(add, table, schema)
    if missing is None or bad or not _keys(add, table, schema, names):
        return None
    return Declared(tuple(fields), tuple(plain), missing)


def _missing_values(add: Report, table: str, schema: dict[str, Any]) -> tuple[str, ...] | None:
    values = schema.get("missingValues", [""])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        add("schema-invalid", table, "missingValues must be a list of strings",
            value=json.dumps(values))  # fmt: skip
        return None
    if "" not in values:
        _unsupported(add, table, "missingValues must include the empty string: an empty cell "
                     "is always a missing value here", values)  # fmt: skip
        return None
    return tuple(values)


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _keys(add: Report, table: str, schema: dict[str, Any], names: Mapping[str, str]) -> bool:
    """Declared primary and foreign keys must be the contract's (or be left out): the contract
    checks those, and no others."""
    spec = TABLES[table]
    ok = True
    if "primaryKey" in schema and _as_list(schema["primaryKey"]) != list(spec.primary_key):
        add("schema-invalid", table, f"the primary key must be {list(spec.primary_key)}, as in "
            "the contract", value=json.dumps(schema["primaryKey"]))  # fmt: skip
        ok = False
    allowed = [
        (
            [fk.field],
            "" if fk.resource == table else names.get(fk.resource, fk.resource),
            [fk.reference],
        )
        for fk in spec.foreign_keys
    ]
    foreign = schema.get("foreignKeys", [])
    for key in foreign if isinstance(foreign, list) else [foreign]:
        reference = key.get("reference", {}) if isinstance(key, dict) else {}
        if not isinstance(reference, dict):
            reference = {}
        resource = reference.get("resource", "")
        if resource == names.get(table, table):
            resource = ""
        found = (
            _as_list(key.get("fields")) if isinstance(key, dict) else None,
            resource,
            _as_list(reference.get("fields")),
        )
        if found not in allowed:
            add("schema-invalid", table, "a foreign key the contract does not have (only its "
                "own references are checked)", value=json.dumps(key))  # fmt: skip
            ok = False
    return ok


def header_columns(
    add: Report, table: str, header: list[str], declared: Declared
) -> tuple[Column, ...] | None:
    """The columns to check, in file order, when the header names the declared fields one by
    one; None after reporting where they part."""
    names = declared.names
    if header != names:
        for at in range(max(len(header), len(names))):
            label = header[at] if at < len(header) else None
            name = names[at] if at < len(names) else None
            if label != name:
                add("header-mismatch", table, f"column {at + 1} of the header is {label!r}, but "
                    f"field {at + 1} of the schema is {name!r}", column=label or name,
                    value=label)  # fmt: skip
                break
        return None
    spec = TABLES[table]
    contract = {c.name: c for c in spec.columns}
    generated = {f["name"]: plain_field(f) for f in spec.table_schema()["fields"]}
    columns: list[Column] = []
    for field, plain in zip(declared.fields, declared.plain, strict=True):
        own = contract.get(field.name)
        if own is None:
            columns.append(Column(field.name, declared=field))
        elif plain != generated[field.name]:
            columns.append(replace(own, declared=field))
        else:
            columns.append(own)
    return tuple(columns)


_HASHES = ("md5", "sha1", "sha256", "sha512")


def check_stats(add: Report, table: str, resource: dict[str, Any], location: Path) -> None:
    """Report a declared ``bytes`` or ``hash`` that the file does not have."""
    size, digest = resource.get("bytes"), resource.get("hash")
    if size is None and digest is None:
        return
    try:
        data = location.read_bytes()
    except OSError:
        return  # the reader reports the unreadable file
    if size is not None and size != len(data):
        add("file-stats", table, f"the file has {len(data)} bytes, the descriptor says {size}",
            value=size)  # fmt: skip
    if digest is None:
        return
    algorithm, _, expected = str(digest).rpartition(":")
    algorithm = algorithm or "md5"
    if algorithm not in _HASHES:
        add("file-stats", table, f"unknown hash algorithm {algorithm!r}; use one of "
            f"{', '.join(_HASHES)}", value=digest)  # fmt: skip
        return
    actual = hashlib.new(algorithm, data).hexdigest()
    if actual != expected.lower():
        add("file-stats", table, f"the file's {algorithm} is {actual}", value=digest)
