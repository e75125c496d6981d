"""The record path: each row through its Pydantic model, then the cross-record rules."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from conflict_claims.contract.problems import Problem, describe
from conflict_claims.contract.tables import TABLES
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


def _sound_key(name: str, cells: dict[str, Any]) -> str | None:
    column = TABLES[name].column(TABLES[name].primary_key[0])
    try:
        check_cell(column, cells.get(column.name))
    except PydanticCustomError:
        return None
    return cells.get(column.name)


def table_records(name: str, frame: pd.DataFrame) -> tuple[list[Problem], Rows, set[str]]:
    """Validate each row; return the problems, the (row, record) pairs of well-typed rows, and
    the keys of every row whose key cell is sound."""
    model = RECORD_MODELS[name]
    problems: list[Problem] = []
    good: list[tuple[int, Any]] = []
    keys: set[str] = set()
    for row, cells in _cells(frame):
        key = _sound_key(name, cells)
        if key is not None:
            keys.add(key)
        collected: list[tuple[str, str, str]] = []
        try:
            record = model.model_validate(cells, context={"row_problems": collected})
        except ValidationError as exc:
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else None
                slug = "required" if error["type"] == "missing" else error["type"]
                problems.append(
                    describe(slug, name, row, field, cells.get(field or ""), error["msg"])
                )
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
        found, tables[name], keys[name] = table_records(name, frame)
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
