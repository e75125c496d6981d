"""Whatever ``frictionless validate`` refuses, ``conflict-claims validate`` refuses too.

Two sources of packages: breakages drawn from the strategies (every rule of the catalogue), and
a corpus of hand-made edits to the bundled package's descriptor and headers. For each, when
frictionless finds the package invalid, both engines must too. The few places where
frictionless refuses what the standard allows, or is plainly wrong, are listed in
``EXCEPTIONS`` with the reason; an exception that no longer happens fails the test, so the list
stays true.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import frictionless
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflict_claims.contract.rules import RULES
from conflict_claims.strategies import Broken, breakages
from conflict_claims.validation.package import validate
from hyputil import scaled
from pkgtools import Package


def frictionless_errors(descriptor: Path) -> set[str]:
    """The error types frictionless reports; a crash (it raises on a pattern that is no regular
    expression instead of reporting it) counts as a refusal."""
    try:
        report = frictionless.validate(str(descriptor))
    except Exception as exc:  # any crash of frictionless is a refusal
        return {f"crash: {type(exc).__name__}"}
    return {e.type for task in report.tasks for e in task.errors} | {e.type for e in report.errors}


def ours(folder: Path) -> dict[str, set[str]]:
    """The rules each engine reports, with the default options of ``conflict-claims validate``."""
    return {
        engine: {p.rule for p in validate(folder, engine=engine).errors}  # type: ignore[arg-type]
        for engine in ("pandera", "pydantic")
    }


# ---------------------------------------------------------------- the hand-made corpus


@dataclass(frozen=True)
class Edit:
    name: str
    apply: Callable[[Package], None]
    rule: str | None
    """The rule conflict-claims reports; None where the edit leaves the package valid."""


def _resource(pkg: Package, table: str) -> tuple[dict[str, Any], dict[str, Any]]:
    descriptor = pkg.descriptor
    resources: list[dict[str, Any]] = descriptor["resources"]  # type: ignore[assignment]
    return descriptor, next(r for r in resources if r["name"] == table)


def _descriptor(table: str, change: Callable[[dict[str, Any]], None]) -> Callable[[Package], None]:
    def apply(pkg: Package) -> None:
        descriptor, resource = _resource(pkg, table)
        change(resource)
        pkg.write_descriptor(descriptor)

    return apply


def _fields(resource: dict[str, Any]) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = resource["schema"]["fields"]
    return fields


def _swap_fields(a: str, b: str) -> Callable[[dict[str, Any]], None]:
    def change(resource: dict[str, Any]) -> None:
        fields = _fields(resource)
        i, j = (next(k for k, f in enumerate(fields) if f["name"] == n) for n in (a, b))
        fields[i], fields[j] = fields[j], fields[i]

    return change


def _set(path: str, value: object) -> Callable[[dict[str, Any]], None]:
    """Set a key of the resource (dotted: "dialect.commentChar"); a value of ... deletes it."""

    def change(resource: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = resource
        for part in parents:
            target = target.setdefault(part, {})
        if value is ...:
            del target[last]
        else:
            target[last] = value

    return change


def _field(name: str, change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    return lambda resource: change(next(f for f in _fields(resource) if f["name"] == name))


def _added(
    field: dict[str, Any], cells: Callable[[int], str], table: str = "claims"
) -> Callable[[Package], None]:
    """A column added to a table and declared with ``field``; row i (0-based) holds cells(i)."""

    def apply(pkg: Package) -> None:
        descriptor, resource = _resource(pkg, table)
        _fields(resource).append(field)
        pkg.write_descriptor(descriptor)
        rows = pkg.rows(table)
        for i, row in enumerate(rows):
            row[field["name"]] = cells(i)
        pkg.write_rows(table, rows)

    return apply


def _cell(table: str, column: str, value: str, row: int = 1) -> Callable[[Package], None]:
    return lambda pkg: pkg.set(table, row, column, value)


def _text(table: str, change: Callable[[str], str]) -> Callable[[Package], None]:
    def apply(pkg: Package) -> None:
        path = pkg.csv_path(table)
        path.write_bytes(change(path.read_text(encoding="utf-8")).encode("utf-8"))

    return apply


def _header(table: str, change: Callable[[list[str]], list[str]]) -> Callable[[Package], None]:
    def apply(pkg: Package) -> None:
        path = pkg.csv_path(table)
        first, rest = path.read_text(encoding="utf-8").split("\n", 1)
        path.write_text(",".join(change(first.split(","))) + "\n" + rest, encoding="utf-8")

    return apply


def _both(*steps: Callable[[Package], None]) -> Callable[[Package], None]:
    def apply(pkg: Package) -> None:
        for step in steps:
            step(pkg)

    return apply


def _swap_columns(a: str, b: str) -> Callable[[Package], None]:
    def apply(pkg: Package) -> None:
        rows = pkg.rows("events")
        order = list(rows[0])
        i, j = order.index(a), order.index(b)
        order[i], order[j] = order[j], order[i]
        pkg.write_rows("events", [{k: r[k] for k in order} for r in rows])

    return apply


def _stats(key: str, value: object) -> Callable[[Package], None]:
    return _descriptor("sources", _set(key, value))


E = Edit
CORPUS: tuple[Edit, ...] = (
    # the declared schema
    E("schema removed", _descriptor("claims", _set("schema", ...)), "schema-missing"),
    E("schema without fields", _descriptor("claims", _set("schema.fields", ...)),
      "schema-missing"),
    E("schema as a path", _descriptor("claims", _set("schema", "schema.json")), "schema-invalid"),
    E("fields swapped", _descriptor("events", _swap_fields("place", "admin1")),
      "header-mismatch"),
    E("field renamed", _descriptor("events", _field("admin1", _set("name", "region"))),
      "header-mismatch"),
    E("field dropped", _descriptor("actors", lambda r: _fields(r).pop()), "header-mismatch"),
    E("field added without a column",
      _descriptor("actors", lambda r: _fields(r).append({"name": "x", "type": "string"})),
      "header-mismatch"),
    E("empty field list", _descriptor("quantifiers", _set("schema.fields", [])),
      "header-mismatch"),
    E("unknown field type",
      _descriptor("events", _field("summary", _set("type", "paragraph"))), "schema-invalid"),
    E("field type not checked here",
      _descriptor("events", _field("summary", _set("type", "geojson"))), "schema-invalid"),
    E("field declared twice",
      _descriptor("actors", lambda r: _fields(r).append(dict(_fields(r)[-1]))),
      "schema-invalid"),
    E("pattern that is no regex",
      _descriptor("events", _field("summary", _set("constraints", {"pattern": "(["}))),
      "schema-invalid"),
    E("primary key changed", _descriptor("events", _set("schema.primaryKey", ["name"])),
      "schema-invalid"),
    E("foreign key on a column of our own",
      _descriptor("claims", _set("schema.foreignKeys", [
          {"fields": "notes", "reference": {"resource": "events", "fields": "event_id"}}])),
      "schema-invalid"),
    E("foreign keys left out", _descriptor("claims", _set("schema.foreignKeys", ...)), None),
    E("contract field declared more strictly",
      _descriptor("claims", _field("value_low", _set("constraints", {"maximum": 5}))),
      "field-constraint"),
    E("contract field declared required",
      _descriptor("events", _field("admin1", _set("constraints", {"required": True}))),
      "field-constraint"),
    E("contract field declared with a short maxLength",
      _descriptor("events", _field("summary", _set("constraints", {"maxLength": 10}))),
      "field-constraint"),
    E("contract field declared as a string", _descriptor(
        "claims", _field("value_low", lambda f: f.update(type="string", constraints={}))), None),
    # format, encoding, dialect, missing values
    E("latin-1 declared", _descriptor("events", _set("encoding", "latin-1")),
      "resource-unsupported"),
    E("utf-16 declared", _descriptor("events", _set("encoding", "utf-16")),
      "resource-unsupported"),
    E("format tsv", _descriptor("events", _set("format", "tsv")), "resource-unsupported"),
    E("format json", _descriptor("events", _set("format", "json")), "resource-unsupported"),
    E("semicolon delimiter", _descriptor("events", _set("dialect.delimiter", ";")),
      "resource-unsupported"),
    E("comment lines", _both(
        _descriptor("events", _set("dialect.commentChar", "#")),
        _text("events", lambda t: t + "# a comment\n")), "resource-unsupported"),
    E("commentChar declared", _descriptor("events", _set("dialect.commentChar", "#")),
      "resource-unsupported"),
    E("skipInitialSpace", _descriptor("events", _set("dialect.skipInitialSpace", True)),
      "resource-unsupported"),
    E("odd lineTerminator", _descriptor("events", _set("dialect.lineTerminator", "|")),
      "resource-unsupported"),
    E("CRLF lineTerminator and file", _both(
        _descriptor("events", _set("dialect.lineTerminator", "\r\n")),
        _text("events", lambda t: t.replace("\n", "\r\n"))), None),
    E("no header row", _descriptor("events", _set("dialect.header", False)),
      "resource-unsupported"),
    E("escapeChar", _descriptor("events", _set("dialect.escapeChar", "\\")),
      "resource-unsupported"),
    E("single quotes", _descriptor("events", _set("dialect.quoteChar", "'")),
      "resource-unsupported"),
    E("NA as a missing value in a required cell", _both(
        _descriptor("events", _set("schema.missingValues", ["", "NA"])),
        _cell("events", "summary", "NA")), "required"),
    E("NA as a missing value in an optional cell", _both(
        _descriptor("events", _set("schema.missingValues", ["", "NA"])),
        _cell("events", "admin1", "NA")), None),
    E("missing values without the empty string",
      _descriptor("events", _set("schema.missingValues", ["NA"])), "resource-unsupported"),
    E("gzip declared", _descriptor("events", _set("compression", "gz")), "resource-unsupported"),
    E("wrong byte count", _stats("bytes", 12), "file-stats"),
    E("wrong hash", _stats("hash", "0" * 32), "file-stats"),
    E("wrong sha256", _stats("hash", "sha256:" + "0" * 64), "file-stats"),
    # the header
    E("columns swapped", _swap_columns("place", "admin1"), "header-mismatch"),
    E("column added, undeclared", _header("actors", lambda h: [*h, "extra"]), "csv-malformed"),
    E("column added with its cells, undeclared",
      lambda pkg: pkg.write_rows("actors", [{**r, "extra": "x"} for r in pkg.rows("actors")]),
      "header-mismatch"),
    E("file named .txt, no format declared", _both(
        _descriptor("events", lambda r: r.update(path="data/events.txt", format=None) or
                    r.pop("format")),
        lambda pkg: pkg.csv_path("events").rename(pkg.folder / "data" / "events.txt")),
      "resource-unsupported"),
    E("label in capitals", _header("actors", lambda h: [h[0].upper(), *h[1:]]),
      "column-missing"),
    E("label with a trailing blank", _header("actors", lambda h: [*h[:-1], h[-1] + " "]),
      "column-missing"),
    E("repeated label", _header("actors", lambda h: [*h[:-1], h[0]]), "csv-malformed"),
    E("byte order mark", _text("actors", lambda t: "\ufeff" + t), None),
    # Arrow reads a blank line as a row of empty cells: its required cells are reported
    E("blank line", _text("quantifiers", lambda t: t.replace("\n", "\n\n", 2)), "required"),
    # added columns, declared
    E("added integer holding text",
      _added({"name": "n", "type": "integer"}, lambda i: "abc" if i == 3 else str(i)),
      "field-type"),
    E("added integer below its minimum",
      _added({"name": "n", "type": "integer", "constraints": {"minimum": 0}},
             lambda i: "-1" if i == 2 else "4"), "field-constraint"),
    E("added number with a comma",
      _added({"name": "n", "type": "number"}, lambda i: "1,5" if i == 0 else "1.5"), "field-type"),
    E("added boolean", _added({"name": "ok", "type": "boolean"},
                              lambda i: "yes" if i == 1 else "true"), "field-type"),
    E("added date in its own format",
      _added({"name": "d", "type": "date", "format": "%d/%m/%Y"},
             lambda i: "2023-09-12" if i == 1 else "12/09/2023"), "field-type"),
    E("added date in its own format, sound",
      _added({"name": "d", "type": "date", "format": "%d/%m/%Y"}, lambda _: "12/09/2023"), None),
    E("added datetime", _added({"name": "at", "type": "datetime"},
                               lambda i: "2023-09-12 10:00" if i == 0 else "2023-09-12T10:00:00Z"),
      "field-type"),
    E("added year", _added({"name": "y", "type": "year"}, lambda i: "23" if i else "2023"),
      "field-type"),
    E("added string with an enum",
      _added({"name": "team", "constraints": {"enum": ["a", "b"]}}, lambda i: "c" if i else "a"),
      "field-constraint"),
    E("added string with a pattern",
      _added({"name": "team", "type": "string", "constraints": {"pattern": "[a-z]+"}},
             lambda i: "A1" if i == 5 else "a"), "field-constraint"),
    E("added string too long",
      _added({"name": "team", "type": "string", "constraints": {"maxLength": 3}},
             lambda i: "abcd" if i == 5 else "abc"), "field-constraint"),
    E("added string too short",
      _added({"name": "team", "type": "string", "constraints": {"minLength": 2}},
             lambda i: "a" if i == 5 else "ab"), "field-constraint"),
    E("added required column with a gap",
      _added({"name": "team", "type": "string", "constraints": {"required": True}},
             lambda i: "" if i == 4 else "a"), "field-constraint"),
    E("added unique column repeated",
      _added({"name": "code", "type": "integer", "constraints": {"unique": True}},
             lambda i: "1" if i in (2, 7) else str(100 + i)), "field-constraint"),
    E("added email", _added({"name": "m", "type": "string", "format": "email"},
                            lambda i: "nobody" if i == 1 else "a@b.org"), "field-type"),
    E("added uuid", _added({"name": "u", "type": "string", "format": "uuid"},
                           lambda _: "not-a-uuid"), "field-type"),
    E("added object", _added({"name": "o", "type": "object"}, lambda _: "[1]"), "field-type"),
    E("added column holding a formula",
      _added({"name": "link", "type": "string"},
             lambda i: '=HYPERLINK("http://x.example")' if i == 2 else "fine"),
      "formula-injection"),
    E("added column holding a control character",
      _added({"name": "note", "type": "string"}, lambda i: "bell\x07" if i == 2 else "fine"),
      "control-character"),
    E("added column on another table, sound",
      _added({"name": "n", "type": "integer"}, lambda i: str(i), table="actors"), None),
)  # fmt: skip

EXCEPTIONS: dict[str, str] = {}
"""Edits frictionless refuses that conflict-claims accepts on purpose: name -> why."""


def test_the_corpus_names_are_unique_and_cover_the_new_rules() -> None:
    names = [e.name for e in CORPUS]
    assert len(names) == len(set(names))
    declared_rules = {
        "schema-missing",
        "schema-invalid",
        "resource-unsupported",
        "header-mismatch",
        "field-type",
        "field-constraint",
        "file-stats",
    }
    assert declared_rules <= {e.rule for e in CORPUS}
    assert declared_rules <= {r.slug for r in RULES}


@pytest.mark.parametrize("edit", CORPUS, ids=lambda e: e.name)
def test_every_hand_made_edit(edit: Edit, tmp_path: Path) -> None:
    pkg = Package(tmp_path / "pkg")
    edit.apply(pkg)
    refused = frictionless_errors(pkg.folder / "datapackage.json")
    found = ours(pkg.folder)
    for engine, rules in found.items():
        if edit.rule is None:
            assert rules == set(), (engine, rules, refused)
        else:
            assert edit.rule in rules, (engine, rules, refused)
    assert found["pandera"] == found["pydantic"]
    if edit.name in EXCEPTIONS:
        assert refused, f"{edit.name!r} is listed as an exception but frictionless accepts it"
        assert not found["pandera"]
    elif refused:
        assert found["pandera"], (edit.name, refused)


# ---------------------------------------------------------------- drawn breakages

SLUGS = [r.slug for r in RULES]


@settings(max_examples=scaled(200), suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SLUGS).flatmap(breakages))
def test_every_drawn_breakage_frictionless_refuses_is_refused(broken: Broken) -> None:
    """At least 200 breakages under the "ci" profile (a share of that under "dev"), checked
    with the default options of ``conflict-claims validate`` (no --strict, no snapshots)."""
    with tempfile.TemporaryDirectory() as folder:
        broken.write(folder)
        refused = frictionless_errors(Path(folder) / "datapackage.json")
        if refused:
            found = ours(Path(folder))
            assert found["pandera"], (broken.rule, refused)
            assert found["pydantic"], (broken.rule, refused)


# ---------------------------------------------------------------- field by field

# Declared fields of every type this validator checks, with constraints; cells drawn around
# their lexical forms. What the field-type and field-constraint rules accept, frictionless'
# own field reader must accept too (the cell-level form of the promise above).
FIELDS: tuple[dict[str, Any], ...] = (
    {"type": "string", "format": "email"},
    {"type": "string", "format": "uri"},
    {"type": "string", "format": "uuid"},
    {"type": "string", "format": "binary"},
    {"type": "string", "constraints": {"minLength": 2, "maxLength": 4, "pattern": "[a-c]+"}},
    {"type": "string", "constraints": {"enum": ["a", "b"]}},
    {"type": "integer", "constraints": {"minimum": -3, "maximum": 40}},
    {"type": "integer", "constraints": {"enum": [1, 2]}},
    {"type": "number", "constraints": {"exclusiveMinimum": 0}},
    {"type": "boolean"},
    {"type": "boolean", "trueValues": ["yes"], "falseValues": ["no"]},
    {"type": "date", "constraints": {"minimum": "2023-01-01"}},
    {"type": "date", "format": "%d/%m/%Y"},
    {"type": "datetime"},
    {"type": "time"},
    {"type": "year", "constraints": {"maximum": 2030}},
    {"type": "yearmonth"},
    {"type": "duration"},
    {"type": "object"},
    {"type": "array", "constraints": {"maxLength": 2}},
    {"type": "any"},
)
SEEDS_OF_CELLS = (
    "a@b.org", "x.y+z@mail.example.co.uk", "a..b@c.org", "é@x.org", "http://x.org/a?b=c",
    "https://x", "ftp://h/p", "12345678-1234-1234-1234-123456789abc", "aGVsbG8=", "abc",
    "ab", "a", "b", "0", "1", "2", "-3", "40", "41", "+5", "1.5", "1e3", ".5", "NaN", "INF",
    "true", "True", "yes", "no", "2023-01-01", "2022-12-31", "2023-02-29", "01/02/2023",
    "2023-09-12T10:00:00", "2023-09-12T10:00:00Z", "2023-09-12T10:00:00+02:00", "10:00:00",
    "10:00:00.5", "23:59:60", "2023", "2031", "2023-09", "2023-13", "P1Y2M3DT4H5M6S", "PT",
    "P1W", '{"a": 1}', "[1, 2]", "[1, 2, 3]", "{", "",
)  # fmt: skip


@settings(max_examples=scaled(300), suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FIELDS),
    st.sampled_from(SEEDS_OF_CELLS).flatmap(
        lambda seed: (
            st.just(seed) | st.text(alphabet=seed + "0123456789-:.T@/", max_size=len(seed) + 3)
        )
    ),
)
def test_a_cell_a_declared_field_accepts_frictionless_accepts(
    descriptor: dict[str, Any], cell: str
) -> None:
    from conflict_claims.contract.fields import DeclaredField, declared_field

    spec = declared_field({"name": "x", **descriptor})
    assert isinstance(spec, DeclaredField), spec
    theirs = frictionless.Field.from_descriptor({"name": "x", **descriptor})
    if cell and spec.problem(cell) is None:
        _, notes = theirs.read_cell(cell)
        assert not notes, (descriptor, cell, notes)


@pytest.mark.parametrize("name", ["valid", "invalid"])
def test_the_derived_examples_agree_with_frictionless(name: str) -> None:
    folder = Path(__file__).parent.parent / "examples" / "derived" / name
    refused = frictionless_errors(folder / "datapackage.json")
    assert bool(refused) == (name == "invalid")
    assert all(bool(rules) == bool(refused) for rules in ours(folder).values())
