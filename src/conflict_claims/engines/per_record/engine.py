"""The record path: each row through its Pydantic model, then the cross-record rules."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from conflict_claims.contract.fields import repeated
from conflict_claims.contract.problems import Problem, cell_message, describe
from conflict_claims.contract.tables import TABLES, Column
from conflict_claims.engines.per_record.cross_checks import Rows, dataset_findings
from conflict_claims.engines.per_record.record_models import RECORD_MODELS, check_cell
from conflict_claims.io.read import RawPackage


def _cells(frame: pd.DataFrame) -> list[tuple[int, dict[str, Any]]]:
    columns = list(frame.columns)
    out = []
    for row, values in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        cells = {
            c: (None if v is None or v != v else v) for c, v in zip(columns, values, strict=True)
        }
        out.append((int(row), cells))
    return out


def _sound_key(name: str, cells: dict[str, Any], specs: dict[str, Column]) -> str | None:
    column = specs[TABLES[name].primary_key[0]]
    try:
        check_cell(column, cells.get(column.name))
    except PydanticCustomError:
        return None
    return cells.get(column.name)


def _declared(name: str, frame: pd.DataFrame, columns: tuple[Column, ...] | None) -> list[Column]:
    """The columns the record model does not check in full: added ones, and contract columns
    declared more strictly (present in the frame)."""
    model_fields = RECORD_MODELS[name].model_fields
    return [
        c
        for c in columns or ()
        if c.name in frame.columns and (c.name not in model_fields or c.declared is not None)
    ]


def _first_failure(column: Column, value: object) -> str | None:
    try:
        check_cell(column, value)
    except PydanticCustomError as exc:
        return exc.type
    return None


def _repeats(frame: pd.DataFrame, extra: list[Column]) -> dict[str, list[bool]]:
    """Per column declared unique, which of its cells repeat an earlier one."""
    out = {}
    for column in extra:
        if column.declared is not None and column.declared.constraints.get("unique"):
            cells = [None if v is None or v != v else str(v) for v in frame[column.name]]
            out[column.name] = repeated(cells, column.declared)
    return out


def table_records(
    name: str, frame: pd.DataFrame, columns: tuple[Column, ...] | None = None
) -> tuple[list[Problem], Rows, set[str]]:
    """Validate each row; return the problems, the (row, record) pairs of well-typed rows, and
    the keys of every row whose key cell is sound. ``columns`` (default: the contract's) adds
    the declared fields and added columns of a derived table."""
    model = RECORD_MODELS[name]
    specs = {c.name: c for c in (*TABLES[name].columns, *(columns or ()))}
    extra = _declared(name, frame, columns)
    repeats = _repeats(frame, extra)
    problems: list[Problem] = []
    good: list[tuple[int, Any]] = []
    keys: set[str] = set()
    for at, (row, cells) in enumerate(_cells(frame)):
        key = _sound_key(name, cells, specs)
        if key is not None:
            keys.add(key)
        collected: list[tuple[str, str, str]] = []
        reported: set[str | None] = set()
        failed = False
        try:
            record = model.model_validate(cells, context={"row_problems": collected})
        except ValidationError as exc:
            failed = True
            record = None
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else None
                slug = "required" if error["type"] == "missing" else error["type"]
                reported.add(field)
                problems.append(
                    describe(slug, name, row, field, cells.get(field or ""), error["msg"])
                )
        for column in extra:
            if column.name in reported:
                continue
            failure = _first_failure(column, cells.get(column.name))
            if failure is None and repeats.get(column.name, [False] * (at + 1))[at]:
                failure = "field-constraint"
            if failure is not None:
                failed = True
                problems.append(
                    describe(
                        failure,
                        name,
                        row,
                        column.name,
                        cells.get(column.name),
                        cell_message(failure, column),
                    )
                )
        if failed or record is None:
            continue
        for slug, field, message in collected:
            problems.append(
                describe(slug, name, row, field, cells.get(field), message, cells=cells)
            )
        good.append((row, record))
    return problems, good, keys


def run(raw: RawPackage, snapshots: dict[str, str] | None = None) -> list[Problem]:
    problems: list[Problem] = []
    tables: dict[str, Rows] = {}
    keys: dict[str, set[str]] = {}
    for name, frame in raw.frames.items():
        columns = raw.columns.get(name) or TABLES[name].with_extras(frame.columns)
        found, tables[name], keys[name] = table_records(name, frame, columns)
        problems.extend(found)
    for rule, resource, row, field, value, what in dataset_findings(tables, keys, snapshots):
        shown = _as_written(raw.frames[resource], row, field, value)
        problems.append(describe(rule, resource, row, field, shown, what))
    return problems


def _as_written(frame: pd.DataFrame, row: int, field: str, value: object) -> object:
    """The cell as the file has it: a record holds parsed values (10 where the file says
    "010"), and a problem shows what is written, as the vectorised engine does."""
    if field not in frame.columns:
        return value  # a composite key, shown as its parts joined
    cell: Any = frame.at[row, field]
    return None if cell is None or cell != cell else cell  # NaN is no cell
