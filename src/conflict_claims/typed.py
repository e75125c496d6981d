"""Raw text cells of a validated table, turned into records without validating them again.

``load()`` checks a package once with the vectorised Pandera layer; re-running every cell
through the Pydantic validators would only repeat that work. Here each column is converted to
Python values in one pass (integers to ``int``, dates to ``datetime.date``, empty cells to
``None``) and records are built with ``model_construct``. The records compare equal to those
``model_validate`` builds from the same cells; ``tests/test_load.py`` checks it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd

from .contract import TABLES, Column
from .models import RECORD_MODELS, Record


def _text(value: object) -> str | None:
    # pandas marks a missing text cell with None or NaN, depending on the string dtype
    if value is None or value != value:
        return None
    return str(value)


def _converter(column: Column | None) -> Callable[[str], Any]:
    if column is None:
        return str  # extra columns of derived tables stay text, as model_validate keeps them
    if column.kind == "integer":
        return int
    if column.kind == "date":
        return dt.date.fromisoformat
    return str


def column_values(column: Column | None, cells: list[object]) -> list[Any]:
    """One column's cells as Python values; the cells must already have passed validation."""
    convert = _converter(column)
    return [None if (text := _text(cell)) is None else convert(text) for cell in cells]


def records_from_frame(table: str, frame: pd.DataFrame) -> tuple[Record, ...]:
    """Records of one table from its validated frame of text cells, in row order."""
    model = RECORD_MODELS[table]
    known = set(TABLES[table].column_names)
    names = [str(name) for name in frame.columns]
    columns = [
        column_values(TABLES[table].column(name) if name in known else None, frame[name].tolist())
        for name in names
    ]
    fields_set = set(names)
    return tuple(
        model.model_construct(fields_set, **dict(zip(names, values, strict=True)))
        for values in zip(*columns, strict=True)
    )
