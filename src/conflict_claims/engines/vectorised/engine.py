"""The vectorised engine: each table's own rules over whole columns, then cross-table checks.

The checks are the functions of ``table_checks``, the very ones the Pandera models in
``dataframe_schemas.raw`` attach under each rule's slug. This engine calls them directly:
Pandera's own machinery (importing it, checking dtypes, gathering failure cases into frames)
costs more than the checks themselves on large tables, and adds nothing the report needs. The
tests run the Pandera models on the same broken packages and assert that they flag exactly the
same (check, column, row) triples (``dataframe_schemas.raw.pandera_failures``), so the models
stay the public, equivalent description of the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa

from conflict_claims.contract.problems import Problem, cell_message, describe, quoted_cells
from conflict_claims.contract.rules import CELL_ORDER
from conflict_claims.contract.tables import TABLES, Column
from conflict_claims.engines.vectorised.cross_checks import cross_findings
from conflict_claims.engines.vectorised.pool import run_all
from conflict_claims.engines.vectorised.table_checks import RowCheck, cell_checks, row_checks
from conflict_claims.io.arrow_text import pick, repeating, text
from conflict_claims.io.csv_arrow import keep_rows, text_frame
from conflict_claims.io.read import RawPackage

_RANK = {slug: i for i, slug in enumerate(CELL_ORDER)}

Failure = tuple[str, str, np.ndarray]
"""(rule slug, column, labels of the failing rows)."""


def _labels(fails: pd.Series) -> np.ndarray:
    labels: np.ndarray = fails.index.to_numpy()[fails.to_numpy(dtype=bool, na_value=False)]
    return labels


def _cells(column: pd.Series, rows: np.ndarray) -> list[object]:
    """The cells of these rows (labels), empty ones as None."""
    cells: list[object] = pick(text(column), column.index.get_indexer(pd.Index(rows))).to_pylist()
    return cells


def failures(
    name: str, frame: pd.DataFrame, columns: tuple[Column, ...] | None = None
) -> list[Failure]:
    """Every (check, column, failing rows) of one table, by calling the checks directly.

    Row rules are listed under their slug with the column they are reported under. On a large
    table the columns are checked side by side (see ``pool``)."""
    return failures_of({name: (frame, columns)})[name]


def failures_of(
    tables: dict[str, tuple[pd.DataFrame, tuple[Column, ...] | None]],
) -> dict[str, list[Failure]]:
    """``failures`` of several tables, their checks all side by side in one pool: the cores
    never wait for the last check of one table before starting on the next."""
    tasks: list[tuple[str, Callable[[], list[Failure]]]] = []
    # the largest table first: its long checks start early, the small tables' fill the gaps
    for name in sorted(tables, key=lambda n: -len(tables[n][0])):
        frame, columns = tables[name]
        table = TABLES[name]
        for column in columns or table.columns:
            if column.name in frame.columns:
                tasks.append((name, partial(_column_failures, column, frame[column.name])))
        for slug, field, row_fails in row_checks(table):
            tasks.append((name, partial(_row_failures, slug, field, row_fails, frame)))
    rows = max((len(frame) for frame, _ in tables.values()), default=0)
    found: dict[str, list[Failure]] = {name: [] for name in tables}
    results = run_all([task for _, task in tasks], rows)
    for (name, _), result in zip(tasks, results, strict=True):
        found[name].extend(result)
    return found


def _column_failures(column: Column, cells: pd.Series) -> list[Failure]:
    found: list[Failure] = []
    few = _few_distinct(cells)
    for slug, fails in cell_checks(column):
        if few is None or slug in _WHOLE_COLUMN:
            rows = _labels(fails(cells))
        else:
            # a cell rule judges each cell alone: judged once per distinct cell, then spread
            # back to every row by the cells' codes (the last verdict is the empty cell's)
            distinct, codes = few
            verdict = fails(distinct).to_numpy(dtype=bool, na_value=False)
            rows = cells.index.to_numpy()[verdict[codes]] if verdict.any() else _NO_ROWS
        if len(rows):
            found.append((slug, column.name, rows))
    return found


_WHOLE_COLUMN = frozenset({"field-type", "field-constraint"})
"""Checks judged over the whole column: a declared ``unique`` compares cells with each other
(and the declared checks number the distinct cells themselves)."""


_NO_ROWS = np.zeros(0, dtype=np.int64)


def _few_distinct(cells: pd.Series) -> tuple[pd.Series, np.ndarray] | None:
    """The column's distinct cells and an empty one (as a frame column of text), with each
    cell's position among them, when its cells repeat (``repeating``); None otherwise."""
    numbered = repeating(text(cells))
    if numbered is None:
        return None
    empty = pa.nulls(1, numbered.distinct.type)
    table = pa.table({"cells": pa.concat_arrays([numbered.distinct, empty])})
    distinct = text_frame(table, pd.RangeIndex(len(numbered.distinct) + 1))["cells"]
    # an empty cell's code (-1) picks the last verdict, the empty cell's
    return distinct, numbered.codes


def _row_failures(slug: str, field: str, check: RowCheck, frame: pd.DataFrame) -> list[Failure]:
    rows = _labels(check(frame))
    return [(slug, field, rows)] if len(rows) else []


def table_problems(
    name: str,
    frame: pd.DataFrame,
    found: Iterable[Failure] | None = None,
    columns: tuple[Column, ...] | None = None,
) -> tuple[list[Problem], set[tuple[int, str]]]:
    """Problems of one table's own rules, and the broken cells as (row, column); ``columns``
    (default: the contract's) adds the declared fields and added columns of a derived table."""
    found = failures(name, frame, columns) if found is None else found
    specs = {c.name: c for c in columns or TABLES[name].columns}
    row_field = {slug: field for slug, field, _ in row_checks(TABLES[name])}
    cell_fails: dict[str, list[tuple[str, np.ndarray]]] = {}
    row_fails: list[tuple[str, np.ndarray]] = []
    for slug, column, rows in found:
        if slug in row_field:
            row_fails.append((slug, rows))
        elif slug in _RANK:
            cell_fails.setdefault(column, []).append((slug, rows))
    problems: list[Problem] = []
    broken: set[tuple[int, str]] = set()
    for column, checks in cell_fails.items():
        spec = specs[column]
        reported: set[int] = set()
        # a cell is reported under the first rule it breaks, as the Pydantic layer does
        for slug, rows in sorted(checks, key=lambda c: _RANK[c[0]]):
            what = cell_message(slug, spec)
            # the failing cells fetched in one go: one lookup per row is slow on many errors
            values = _cells(frame[column], rows)
            for row, value in zip(rows.tolist(), values, strict=True):
                if row not in reported:
                    reported.add(row)
                    problems.append(describe(slug, name, row, column, value, what))
        broken.update((row, column) for row in reported)
    broken_rows = {row for row, _ in broken}
    for slug, rows in row_fails:
        field = row_field[slug]
        values = _cells(frame[field], rows)
        # the cells the message quotes, fetched per column for every failing row at once
        named = [c for c in quoted_cells(slug) if c in frame.columns]
        quoted = [_cells(frame[c], rows) for c in named]
        for i, (row, value) in enumerate(zip(rows.tolist(), values, strict=True)):
            if row not in broken_rows:  # row rules count only on rows whose cells are sound
                cells = {c: column[i] for c, column in zip(named, quoted, strict=True)}
                problems.append(describe(slug, name, row, field, value, cells=cells))
    # Rows that break only a row rule still hold well-typed values: they stay in the dataset
    # checks, so one wrong date does not turn every reference to its event into an error.
    return problems, broken


def _without(frame: pd.DataFrame, rows: set[int]) -> np.ndarray:
    """True for each row of the frame whose label is not in ``rows``."""
    keep: np.ndarray = ~frame.index.isin(list(rows))
    return keep


def run(
    raw: RawPackage, snapshots: dict[str, str] | None = None, *, release: bool = False
) -> list[Problem]:
    """Every problem of a package read. With ``release`` the caller gives up ``raw.frames``:
    each table leaves it once its sound rows are taken, so that a table with broken rows is
    not held twice (whole and sound) while the cross-table rules run."""
    problems: list[Problem] = []
    clean: dict[str, pd.DataFrame] = {}
    keys: dict[str, pd.Series] = {}
    columns_of = {
        name: raw.columns.get(name) or TABLES[name].with_extras(frame.columns)
        for name, frame in raw.frames.items()
    }
    checked = failures_of({name: (raw.frames[name], columns_of[name]) for name in raw.frames})
    for name in list(raw.frames):
        frame = raw.frames.pop(name) if release else raw.frames[name]
        columns = columns_of[name]
        found, broken = table_problems(name, frame, checked.pop(name), columns=columns)
        problems.extend(found)
        bad_rows = {row for row, _ in broken}
        clean[name] = (
            frame if not bad_rows else keep_rows(frame, _without(frame, bad_rows), run_all)
        )
        key = TABLES[name].primary_key[0]
        bad_keys = {row for row, column in broken if column == key}
        sound_keys = (
            frame[[key]] if not bad_keys else keep_rows(frame[[key]], _without(frame, bad_keys))
        )
        keys[name] = sound_keys[key].dropna()
        del frame  # released, the whole table is then held by nothing
    if release:
        # mimalloc keeps freed pages for reuse; handed back, the cross-table rules start from
        # the sound rows alone
        pa.default_memory_pool().release_unused()
    for rule, resource, row, field, value, what in cross_findings(clean, keys, snapshots):
        problems.append(describe(rule, resource, row, field, value, what))
    return problems
