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

import numpy as np
import pandas as pd
import pyarrow as pa
from pydantic import BaseModel

from conflict_claims.contract.tables import LIST_SEPARATOR, TABLES, Column
from conflict_claims.engines.per_record.record_models import RECORD_MODELS, Record
from conflict_claims.io.arrow_text import text

_ARROW_TYPES = {"integer": "int64", "date": "date32", "string": "large_string"}
_SAMPLE = 10_000
"""Cells looked at to judge whether a column repeats its values."""


def column_values(column: Column | None, cells: pd.Series) -> list[Any]:
    """One column's cells as Python values; the cells must already have passed validation.

    Each distinct cell is converted once: Arrow casts the distinct texts in C (integers to
    ``int``, dates to ``datetime.date``), and every row then points at its value's one Python
    object. A million claims repeat a few thousand ids, dates and figures, so this makes far
    fewer objects (less time, less memory) than converting cell by cell; equal values are equal
    either way. Empty cells become ``None``; extra columns of derived tables stay text, as
    ``model_validate`` keeps them. A list column's cells become tuples of their items.
    """
    values = _converted(column, cells)
    if column is not None and column.is_list:
        # each distinct cell's tuple once, as for the other values
        items = {cell: () if cell is None else tuple(cell.split(LIST_SEPARATOR))
                 for cell in set(values)}  # fmt: skip
        return [items[cell] for cell in values]
    return values


def _converted(column: Column | None, cells: pd.Series) -> list[Any]:
    """The cells converted by Arrow to the column's Python type, None for empty cells."""
    import pyarrow as pa

    kind = "string" if column is None else column.kind
    target = _ARROW_TYPES[kind]
    if pd.Series(cells.iloc[:_SAMPLE]).nunique() > _SAMPLE // 2:
        # mostly distinct cells (ids, notes): finding the distinct ones would cost more than
        # it saves, so every cell is converted
        direct: list[Any] = text(cells).cast(target).to_pylist()
        return direct
    codes, distinct = pd.factorize(cells)
    texts = pa.array(np.asarray(distinct, dtype=object), type=pa.string(), from_pandas=True)
    values = np.empty(len(distinct) + 1, dtype=object)  # the last slot: code -1, empty cell
    values[:-1] = texts.cast(target).to_pylist()
    out: list[Any] = values[codes].tolist()
    return out


def _construct(model: type[Record], fields: list[str], extras: list[str],
               columns: list[list[Any]]) -> tuple[Record, ...]:  # fmt: skip
    """Instances as ``model_construct`` makes them, without its per-call bookkeeping.

    Every field has a value here (the reader requires every column), so there are no defaults
    to fill in; what is set is what pydantic compares in ``==``. The four slots of a pydantic
    model are written through their descriptors, which skips the attribute look-up of a generic
    ``setattr`` on each of millions of records. The records are frozen, so nothing adds to their
    set of fields set: one set is shared by all of a table's records (``model_copy`` copies it
    before an update), instead of a copy per record.
    """
    slots = BaseModel.__dict__
    set_dict = slots["__dict__"].__set__
    set_extra = slots["__pydantic_extra__"].__set__
    set_fields = slots["__pydantic_fields_set__"].__set__
    set_private = slots["__pydantic_private__"].__set__
    new = model.__new__
    n = len(fields)
    names = set(fields + extras)
    records = []
    # Millions of small objects, none in a reference cycle: the cyclic collector would only
    # rescan them again and again while they are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if extras:
            for values in zip(*columns, strict=True):
                record = new(model)
                set_dict(record, dict(zip(fields, values[:n], strict=True)))
                set_extra(record, dict(zip(extras, values[n:], strict=True)))
                set_fields(record, names)
                set_private(record, None)
                records.append(record)
        else:
            for values in zip(*columns, strict=True):
                record = new(model)
                set_dict(record, dict(zip(fields, values, strict=True)))
                set_extra(record, {})
                set_fields(record, names)
                set_private(record, None)
                records.append(record)
    finally:
        if collecting:
            gc.enable()
    return tuple(records)


def records_from_frame(table: str, frame: pd.DataFrame) -> tuple[Record, ...]:
    """Records of one table from its validated frame of text cells, in row order.

    The frame is used up: each column leaves it once converted, and Arrow's allocator gives
    its pages back, so that a large table's text and its records are not held at once (at a
    million claims that is the difference between about 1.8 and 1.2 GB)."""
    model = RECORD_MODELS[table]
    spec = TABLES[table]
    names = [str(name) for name in frame.columns]
    fields = [name for name in names if name in spec.column_names]
    extras = [name for name in names if name not in spec.column_names]
    columns = []
    for name in fields + extras:
        columns.append(column_values(spec.column(name) if name in fields else None, frame[name]))
        del frame[name]
        pa.default_memory_pool().release_unused()  # mimalloc would keep the pages
    return _construct(model, fields, extras, columns)
