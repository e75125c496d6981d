"""The declared schema is part of the contract: each case a frictionless user would try, with the
whole problem both engines report."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import frictionless
import pytest

from conflict_claims.contract.problems import Problem
from conflict_claims.engines.vectorised.engine import table_problems
from conflict_claims.io.read import read_package
from conflict_claims.typed.errors import InvalidPackageError
from conflict_claims.typed.loading import load
from conflict_claims.validation.package import validate
from pkgtools import Package

ENGINES = ("pandera", "pydantic")


def _problems(folder: Path) -> tuple[Problem, ...]:
    """The problems of a package, the same on both engines (asserted)."""
    pandera, pydantic = (validate(folder, engine=e).errors for e in ENGINES)  # type: ignore[arg-type]
    assert pandera == pydantic
    return pandera


def _edit(pkg: Package, table: str, change: Callable[[dict[str, Any]], None]) -> None:
    descriptor = pkg.descriptor
    resources: list[dict[str, Any]] = descriptor["resources"]  # type: ignore[assignment]
    change(next(r for r in resources if r["name"] == table))
    pkg.write_descriptor(descriptor)


def _add_column(pkg: Package, table: str, field: dict[str, Any], cells: dict[int, str]) -> None:
    """Append a declared column; row n (1-based) holds cells.get(n, "ok")."""
    _edit(pkg, table, lambda r: r["schema"]["fields"].append(field))
    rows = pkg.rows(table)
    for n, row in enumerate(rows, start=1):
        row[field["name"]] = cells.get(n, "ok")
    pkg.write_rows(table, rows)


@pytest.fixture
def pkg(tmp_path: Path) -> Package:
    return Package(tmp_path / "pkg")


def test_a_resource_without_a_schema_is_refused(pkg: Package) -> None:
    _edit(pkg, "claims", lambda r: r.pop("schema"))
    (problem,) = _problems(pkg.folder)
    assert problem.key() == ("schema-missing", "claims", None, None)
    assert "declares no Table Schema" in problem.message


def test_columns_in_another_order_than_the_fields_are_refused(pkg: Package) -> None:
    rows = pkg.rows("events")
    order = list(rows[0])
    i, j = order.index("place"), order.index("admin1")
    order[i], order[j] = order[j], order[i]
    pkg.write_rows("events", [{k: r[k] for k in order} for r in rows])
    (problem,) = _problems(pkg.folder)
    assert (problem.rule, problem.resource, problem.field, problem.value) == (
        "header-mismatch",
        "events",
        "admin1",
        "admin1",
    )
    assert f"column {i + 1} of the header is 'admin1', but field {i + 1}" in problem.message


def test_an_added_column_must_be_declared(pkg: Package) -> None:
    rows = pkg.rows("actors")
    for row in rows:
        row["team"] = "a"
    pkg.write_rows("actors", rows)
    assert [p.key() for p in _problems(pkg.folder)] == [("header-mismatch", "actors", None, "team")]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("encoding", "latin-1"),
        ("format", "tsv"),
        ("dialect.commentChar", "#"),
        ("dialect.skipInitialSpace", True),
        ("dialect.lineTerminator", "|"),
        ("dialect.delimiter", ";"),
        ("schema.missingValues", ["NA"]),
    ],
)
def test_declarations_the_reader_cannot_honour_are_refused(
    pkg: Package, key: str, value: object
) -> None:
    def change(resource: dict[str, Any]) -> None:
        outer, _, inner = key.partition(".")
        if inner:
            resource.setdefault(outer, {})[inner] = value
        else:
            resource[outer] = value

    _edit(pkg, "events", change)
    (problem,) = _problems(pkg.folder)
    assert problem.key() == ("resource-unsupported", "events", None, None)
    assert json.loads(problem.value or "null") in (value, {key.partition(".")[2]: value})


def test_declared_missing_values_are_honoured(pkg: Package) -> None:
    _edit(pkg, "events", lambda r: r["schema"].update(missingValues=["", "NA"]))
    pkg.set("events", 1, "admin1", "NA")
    assert _problems(pkg.folder) == ()
    assert load(pkg.folder).events[0].admin1 is None
    pkg.set("events", 2, "summary", "NA")
    assert [p.key() for p in _problems(pkg.folder)] == [("required", "events", 2, "summary")]


def test_a_crlf_file_declared_so_is_read(pkg: Package) -> None:
    _edit(pkg, "events", lambda r: r["dialect"].update(lineTerminator="\r\n"))
    path = pkg.csv_path("events")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert _problems(pkg.folder) == ()


@pytest.mark.parametrize(
    ("cell", "rule"),
    [
        ('=HYPERLINK("http://x.example","x")', "formula-injection"),
        ("bell\x07", "control-character"),
    ],
)
def test_added_columns_are_held_to_the_hygiene_rules(pkg: Package, cell: str, rule: str) -> None:
    _add_column(pkg, "claims", {"name": "link", "type": "string"}, {3: cell})
    (problem,) = _problems(pkg.folder)
    assert (problem.rule, problem.resource, problem.row, problem.field, problem.value) == (
        rule,
        "claims",
        3,
        "link",
        cell,
    )
    with pytest.raises(InvalidPackageError):
        load(pkg.folder)


def test_added_columns_are_checked_against_their_declared_type(pkg: Package) -> None:
    cells = dict.fromkeys(range(1, 200), "2") | {4: "abc"}
    _add_column(pkg, "claims", {"name": "n", "type": "integer"}, cells)
    (problem,) = _problems(pkg.folder)
    assert problem == Problem(
        "field-type",
        "claims",
        4,
        "n",
        "abc",
        "n is not a valid integer (format default), as declared: 'abc'",
        "Fix the cell, or declare the field's type as it is.",
        "data/claims.csv",
        5,
    )
    assert problem.sentence() == (
        "claims, data/claims.csv line 5 (row 4), column n: n is not a valid integer (format "
        "default), as declared: 'abc' [field-type] Fix: Fix the cell, or declare the field's "
        "type as it is."
    )


def test_table_problems_checks_the_declared_columns_it_is_given(pkg: Package) -> None:
    """The vectorised engine's ``table_problems`` (what the Spark engine runs on each batch)
    checks an added column against its declared type when handed the table's columns."""
    cells = dict.fromkeys(range(1, 200), "2") | {4: "abc"}
    _add_column(pkg, "claims", {"name": "n", "type": "integer"}, cells)
    raw = read_package(pkg.folder)
    problems, broken = table_problems("claims", raw.frames["claims"], columns=raw.columns["claims"])
    assert [(p.rule, p.resource, p.row, p.field, p.value, p.message) for p in problems] == [
        (
            "field-type",
            "claims",
            4,
            "n",
            "abc",
            "n is not a valid integer (format default), as declared: 'abc'",
        )
    ]
    assert broken == {(4, "n")}


def test_added_columns_are_checked_against_their_declared_constraints(pkg: Package) -> None:
    field = {"name": "n", "type": "integer", "constraints": {"minimum": 0, "unique": True}}
    _add_column(pkg, "claims", field, {n: str(n) for n in range(1, 200)} | {2: "-1", 7: "3"})
    problems = _problems(pkg.folder)
    assert [(p.rule, p.row, p.value) for p in problems] == [
        ("field-constraint", 2, "-1"),
        ("field-constraint", 7, "3"),
    ]
    assert "minimum 0, unique" in problems[0].message


def test_an_added_column_declared_required_refuses_an_empty_cell(pkg: Package) -> None:
    field = {"name": "reviewer", "type": "string", "constraints": {"required": True}}
    _add_column(pkg, "claims", field, {4: ""})
    problems = _problems(pkg.folder)
    assert [(p.rule, p.row, p.field, p.value) for p in problems] == [
        ("field-constraint", 4, "reviewer", None)
    ]


def test_a_contract_column_declared_more_strictly_is_held_to_it(pkg: Package) -> None:
    def stricter(resource: dict[str, Any]) -> None:
        field = next(f for f in resource["schema"]["fields"] if f["name"] == "value_low")
        field["constraints"]["maximum"] = 50

    _edit(pkg, "claims", stricter)
    rows = [n for n, c in enumerate(pkg.rows("claims"), start=1) if int(c["value_low"]) > 50]
    assert rows
    assert [(p.rule, p.row) for p in _problems(pkg.folder)] == [
        ("field-constraint", n) for n in rows
    ]


def test_declared_bytes_and_hash_are_checked(pkg: Package) -> None:
    _edit(pkg, "sources", lambda r: r.update(bytes=1, hash="0" * 32))
    assert {p.key() for p in _problems(pkg.folder)} == {("file-stats", "sources", None, None)}
    assert len(_problems(pkg.folder)) == 2


def test_row_numbers_are_frictionless_row_positions_minus_one(pkg: Package) -> None:
    """README, "Derived packages": our row N is frictionless' rowNumber N + 1 (it counts the
    header row)."""
    pkg.set("claims", 5, "value_low", "ten")
    (ours,) = _problems(pkg.folder)
    report = frictionless.validate(str(pkg.folder / "datapackage.json"))
    (theirs,) = [e for task in report.tasks for e in task.errors]
    assert (ours.rule, theirs.type) == ("type", "type-error")
    assert theirs.row_number == ours.row + 1 if ours.row is not None else False
