"""Each table's own rules, checked batch by batch inside Spark by the vectorised engine's code.

``DataFrame.mapInArrow`` hands every partition to Python as Arrow record batches; each batch
becomes a frame of text cells and goes through ``table_problems``, the very function the
vectorised engine runs over a whole table (cell rules, first failing rule per cell, row rules
on sound rows only). Every row comes back with its cells, whether it is sound, whether its key
cell is sound, and the problems found in it, so one pass over the data serves the cross-table
rules too.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from conflict_claims.contract.fields import unique_value
from conflict_claims.contract.tables import TABLES, Column
from conflict_claims.engines.vectorised.engine import table_problems
from conflict_claims.engines.vectorised.table_checks import stated_figures
from conflict_claims.io.csv_arrow import text_frame

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

ID = "__id"
"""Spark's ``monotonically_increasing_id`` of each row: the row's label while it is checked."""
BAD, KEY_BAD, EXACT, PROBLEMS = "__bad", "__key_bad", "__exact", "__problems"

_PROBLEM = pa.struct(
    [
        ("rule", pa.string()),
        ("field", pa.string()),
        ("value", pa.string()),
        ("message", pa.string()),
    ]
)


def unique_columns(columns: tuple[Column, ...]) -> list[Column]:
    """The columns a declared ``unique`` constraint holds: a repeat may span batches, so each
    cell's compared value (``UNIQUE`` + position) goes out for Spark to group."""
    return [c for c in columns if c.declared is not None and c.declared.constraints.get("unique")]


UNIQUE = "__unique_"


def _schema_ddl(names: list[str], claims: bool, unique: int) -> str:
    cells = ", ".join(f"`{n}` string" for n in names)
    extra = f", {EXACT} boolean" if claims else ""
    extra += "".join(f", {UNIQUE}{i} string" for i in range(unique))
    problems = (
        f"{PROBLEMS} array<struct<rule: string, field: string, value: string, message: string>>"
    )
    return f"{cells}, {ID} bigint, {BAD} boolean, {KEY_BAD} boolean{extra}, {problems}"


def check_table(name: str, frame: DataFrame, columns: tuple[Column, ...]) -> DataFrame:
    """The rows of ``frame`` (text columns and ``ID``) with their verdicts; lazy, as Spark is."""
    names = [c for c in frame.columns if c != ID]
    key = TABLES[name].primary_key[0]

    def check(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield _check_batch(name, batch, names, key, columns)

    with warnings.catch_warnings():
        # pyspark warns that it does not yet fully support pandas 3: this pass hands it Arrow
        # batches only, never pandas frames
        warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
        ddl = _schema_ddl(names, name == "claims", len(unique_columns(columns)))
        return frame.mapInArrow(check, ddl)


def _check_batch(
    name: str, batch: pa.RecordBatch, names: list[str], key: str, columns: tuple[Column, ...]
) -> pa.RecordBatch:
    ids = np.asarray(batch.column(ID).to_numpy(zero_copy_only=False), dtype=np.int64)
    cells = {n: batch.column(n).cast(pa.large_string()) for n in names}
    frame = text_frame(pa.table(cells), pd.Index(ids))
    problems, broken = table_problems(name, frame, columns=columns)
    position = pd.Series(np.arange(len(ids)), index=ids)
    bad = np.zeros(len(ids), dtype=bool)
    key_bad = np.zeros(len(ids), dtype=bool)
    for row, column in broken:
        bad[position[row]] = True
        if column == key:
            key_bad[position[row]] = True
    # the problems of each row, as one list per row: offsets from the per-row counts
    at = np.array([position[p.row] for p in problems], dtype=np.int64)
    order = np.argsort(at, kind="stable")
    found = [problems[i] for i in order]
    offsets = np.concatenate([[0], np.cumsum(np.bincount(at, minlength=len(ids)))])
    structs = pa.StructArray.from_arrays(
        [
            pa.array([p.rule for p in found], pa.string()),
            pa.array([p.field for p in found], pa.string()),
            pa.array([p.value for p in found], pa.string()),
            pa.array([p.message for p in found], pa.string()),
        ],
        fields=list(_PROBLEM),
    )
    out: dict[str, Any] = {n: batch.column(n).cast(pa.string()) for n in names}
    out[ID] = batch.column(ID)
    out[BAD] = pa.array(bad)
    out[KEY_BAD] = pa.array(key_bad)
    if name == "claims":
        out[EXACT] = pa.array(stated_figures(frame["value_text"])[1])
    for i, held in enumerate(unique_columns(columns)):
        spec = held.declared
        texts: list[Any] = frame[held.name].tolist() if held.name in frame.columns else []
        values = [None if spec is None or _empty(t) else repr(unique_value(str(t), spec))
                  for t in texts]  # fmt: skip
        out[f"{UNIQUE}{i}"] = pa.array(values or [None] * len(ids), pa.string())
    out[PROBLEMS] = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), structs)
    return pa.RecordBatch.from_pydict(out)


def _empty(cell: object) -> bool:
    return cell is None or cell != cell  # NaN is empty too
