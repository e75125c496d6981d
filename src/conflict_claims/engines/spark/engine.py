"""The Spark engine: the same problems as the vectorised engine, over Spark DataFrames.

Each table goes once through ``table_pass`` (the vectorised cell and row checks, batch by
batch); its verdicts are kept in Spark's cache; the cross-table rules then run in Spark SQL
over the sound rows (``cross_checks``). Rows are numbered in the order Spark reads them: for a
table read from one file, its data row numbers, as the other engines give them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import reduce
from typing import TYPE_CHECKING

from conflict_claims.contract.problems import Problem, cell_message, describe
from conflict_claims.contract.rules import RULES_BY_SLUG
from conflict_claims.contract.tables import TABLES, Column
from conflict_claims.engines.spark.cross_checks import cross_findings, key_text
from conflict_claims.engines.spark.table_pass import (
    BAD,
    EXACT,
    ID,
    KEY_BAD,
    PROBLEMS,
    UNIQUE,
    check_table,
    unique_columns,
)

if TYPE_CHECKING:
    from pyspark.sql import Column as SparkColumn
    from pyspark.sql import DataFrame

_PARTITION_BITS = 33
"""``monotonically_increasing_id`` puts the partition index above the lower 33 bits."""


@dataclass(frozen=True)
class Found:
    """One problem, numbered by row, with the primary key of its row (None: a whole table)."""

    problem: Problem
    key: str | None


def text_columns(frame: DataFrame) -> DataFrame:
    """Every column as text, an empty string as a missing cell (as in a CSV), and ``ID``."""
    from pyspark.sql import functions as sf

    cells = [sf.col(f"`{n}`").cast("string") for n in frame.columns]
    blank = [sf.when(c == "", sf.lit(None)).otherwise(c).alias(n)
             for c, n in zip(cells, frame.columns, strict=True)]  # fmt: skip
    return frame.select(*blank, sf.monotonically_increasing_id().alias(ID))


class _Rows:
    """Row numbers from ``ID``s: each partition's rows follow the rows of those before it."""

    def __init__(self, counts: list[tuple[int, int]]) -> None:
        self.start: dict[int, int] = {}
        total = 0
        for part, count in sorted(counts):
            self.start[part] = total
            total += count
        self.total = total

    def number(self, row_id: int) -> int:
        part = row_id >> _PARTITION_BITS
        return self.start[part] + (row_id & ((1 << _PARTITION_BITS) - 1)) + 1


def _numbering(checked: Mapping[str, DataFrame]) -> dict[str, _Rows]:
    """Each table's row numbering, from its rows per partition (one Spark job for all)."""
    from pyspark.sql import functions as sf

    counts: dict[str, list[tuple[int, int]]] = {name: [] for name in checked}
    parts = [
        frame.groupBy(sf.shiftright(ID, _PARTITION_BITS).alias("p"))
        .count()
        .select(sf.lit(name).alias("t"), "p", "count")
        for name, frame in checked.items()
    ]
    if parts:
        for table, part, count in reduce(lambda a, b: a.unionByName(b), parts).collect():
            counts[table].append((int(part), int(count)))
    return {name: _Rows(found) for name, found in counts.items()}


def _table_problems(checked: Mapping[str, DataFrame], rows: Mapping[str, _Rows]) -> list[Found]:
    """The problems the table pass found, every table's in one Spark job."""
    from pyspark.sql import functions as sf

    parts = [
        frame.filter(sf.size(PROBLEMS) > 0).select(
            sf.lit(name).alias("t"), ID, key_text(name).alias("k"), sf.explode(PROBLEMS)
        )
        for name, frame in checked.items()
    ]
    found: list[Found] = []
    if not parts:
        return found
    for name, row_id, key, problem in reduce(lambda a, b: a.unionByName(b), parts).collect():
        rule, field, value, message = problem
        known = RULES_BY_SLUG.get(rule)
        number = rows[name].number(row_id)
        made = Problem(rule, name, number, field, value, message, known.hint if known else "")
        found.append(Found(made, key))
    return found


def _repeats_across_batches(
    name: str, checked: DataFrame, columns: tuple[Column, ...]
) -> DataFrame | None:
    """Cells that repeat an earlier cell of a column declared ``unique`` (the batch checks see
    only repeats within a batch) and broke no other rule: (ID, key, field, value)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as sf

    found = []
    for i, column in enumerate(unique_columns(columns)):
        compared = f"{UNIQUE}{i}"
        order = Window.partitionBy(compared).orderBy(ID)
        later = (
            checked.filter(sf.col(compared).isNotNull())
            .withColumn("__n", sf.row_number().over(order))
            .filter("__n > 1")
        )
        # a cell already reported (under this rule, or an earlier one) is not reported again
        unreported = later.filter(~sf.exists(PROBLEMS, _on_field(column.name)))
        found.append(
            unreported.select(
                ID,
                key_text(name).alias("key"),
                sf.lit(column.name).alias("field"),
                sf.col(f"`{column.name}`").alias("value"),
            )
        )
    return reduce(lambda a, b: a.unionByName(b), found) if found else None


def _on_field(name: str) -> Callable[[SparkColumn], SparkColumn]:
    """Whether a problem of the table pass is about column ``name``."""
    from pyspark.sql import functions as sf

    return lambda problem: problem["field"] == sf.lit(name)


def _repeat_problems(
    name: str, repeats: DataFrame, columns: tuple[Column, ...], rows: _Rows
) -> list[Found]:
    specs = {c.name: c for c in columns}
    out = []
    for row_id, key, field, value in repeats.collect():
        what = cell_message("field-constraint", specs[field])
        made = describe("field-constraint", name, rows.number(row_id), field, value, what)
        out.append(Found(made, key))
    return out


def run(
    tables: Mapping[str, DataFrame],
    columns: Mapping[str, tuple[Column, ...]] | None = None,
    snapshots: dict[str, str] | None = None,
) -> tuple[list[Found], dict[str, int]]:
    """Every problem of the tables' own and cross-table rules, and the rows of each table.

    ``tables`` maps canonical table names to DataFrames holding (at least) the contract's
    columns; ``columns`` the columns to check per table, when a declared schema adds to the
    contract."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as sf

    columns = columns or {}
    checked: dict[str, DataFrame] = {}
    found: list[Found] = []
    try:
        for name, frame in tables.items():
            prepared = text_columns(frame)
            header = [c for c in prepared.columns if c != ID]
            specs = columns.get(name) or TABLES[name].with_extras(header)
            checked[name] = check_table(name, prepared, specs).persist(StorageLevel.MEMORY_AND_DISK)
        rows = _numbering(checked)
        found.extend(_table_problems(checked, rows))
        clean: dict[str, DataFrame] = {}
        keys: dict[str, DataFrame] = {}
        for name, frame in checked.items():
            key = TABLES[name].primary_key[0]
            specs = columns.get(name) or TABLES[name].with_extras(tables[name].columns)
            repeats = _repeats_across_batches(name, frame, specs)
            marked = frame
            if repeats is not None:
                found.extend(_repeat_problems(name, repeats, specs, rows[name]))
                late = repeats.select(ID, sf.col("field").alias("__late")).distinct()
                late_key = late.filter(sf.col("__late") == key).select(ID)
                marked = frame.join(late.select(ID).distinct(), ID, "left_anti").unionByName(
                    frame.join(late.select(ID).distinct(), ID, "left_semi").withColumn(
                        BAD, sf.lit(True)
                    )
                )
                key_marked = frame.join(late_key, ID, "left_anti")
            else:
                key_marked = frame
            unique = [c for c in marked.columns if c.startswith(UNIQUE)]
            sound = marked.filter(~sf.col(BAD)).drop(BAD, KEY_BAD, PROBLEMS, *unique)
            clean[name] = sound if name == "claims" else sound.drop(EXACT)
            keys[name] = key_marked.filter(~sf.col(KEY_BAD) & sf.col(key).isNotNull()).select(
                sf.col(key).alias("__k")
            )
        for rule, resource, row_id, field, value, what, key_value in cross_findings(
            clean, keys, snapshots
        ):
            number = rows[resource].number(row_id)
            found.append(Found(describe(rule, resource, number, field, value, what), key_value))
    finally:
        for frame in checked.values():
            frame.unpersist()
    return found, {name: counted.total for name, counted in rows.items()}
