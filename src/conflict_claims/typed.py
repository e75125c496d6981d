"""Raw text cells of a validated table, turned into records without validating them again.

``load()`` checks a package once with the vectorised Pandera layer; re-running every cell
through the Pydantic validators would only repeat that work. Here each column is converted to
Python values in one pass (integers to ``int``, dates to ``datetime.date``, empty cells to
``None``) and records are built the way ``model_construct`` builds them. The records compare
equal to those ``model_validate`` builds from the same cells; ``tests/test_load.py`` checks it.
"""

from __future__ import annotations

import gc
from typing import Any

import pandas as pd

from .contract import TABLES, Column
from .models import RECORD_MODELS, Record

_ARROW_TYPES = {"integer": "int64", "date": "date32", "string": "string"}


def column_values(column: Column | None, cells: pd.Series) -> list[Any]:
    """One column's cells as Python values; the cells must already have passed validation.

    Arrow casts whole columns in C: integers to ``int``, dates to ``datetime.date``, empty
    cells to ``None``. Extra columns of derived tables stay text, as ``model_validate`` keeps
    them.
    """
    import pyarrow as pa

    kind = "string" if column is None else column.kind
    array = pa.array(cells, type=pa.string(), from_pandas=True)
    values: list[Any] = array.cast(_ARROW_TYPES[kind]).to_pylist()
    return values


def _construct(model: type[Record], fields: list[str], extras: list[str],
               columns: list[list[Any]]) -> tuple[Record, ...]:  # fmt: skip
    """Instances as ``model_construct`` makes them, without its per-call bookkeeping.

    Every field has a value here (the reader requires every column), so there are no defaults
    to fill in; what is set is what pydantic compares in ``==``.
    """
    new = model.__new__
    put = object.__setattr__
    n = len(fields)
    names = fields + extras
    records = []
    # Millions of small objects, none in a reference cycle: the cyclic collector would only
    # rescan them again and again while they are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for values in zip(*columns, strict=True):
            record = new(model)
            put(record, "__dict__", dict(zip(fields, values[:n], strict=True)))
            put(record, "__pydantic_extra__", dict(zip(extras, values[n:], strict=True)))
            put(record, "__pydantic_fields_set__", set(names))
            put(record, "__pydantic_private__", None)
            records.append(record)
    finally:
        if collecting:
            gc.enable()
    return tuple(records)


def records_from_frame(table: str, frame: pd.DataFrame) -> tuple[Record, ...]:
    """Records of one table from its validated frame of text cells, in row order."""
    model = RECORD_MODELS[table]
    spec = TABLES[table]
    names = [str(name) for name in frame.columns]
    fields = [name for name in names if name in spec.column_names]
    extras = [name for name in names if name not in spec.column_names]
    columns = [
        column_values(spec.column(name) if name in fields else None, frame[name])
        for name in fields + extras
    ]
    return _construct(model, fields, extras, columns)
