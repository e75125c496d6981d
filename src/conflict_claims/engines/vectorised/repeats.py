"""Rows that repeat an earlier row in some columns, found exactly on the cells' codes.

Each column's cells are numbered by Arrow's hash table (``coded``: equal cells, equal numbers),
and a row's key is built column by column from those numbers, so rows with equal keys have
equal cells: no fingerprint, no second comparison. Rows whose key is already unique cannot
repeat anything and are dropped as soon as that is cheap to see, most varied columns first, so
a table without repeats costs little more than numbering its columns.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from conflict_claims.io.arrow_text import Coded

_ROOM = 1 << 62
"""Keys stay below this: the next column's numbers are folded in without overflowing int64."""


def repeated_rows(columns: Sequence[Coded], rows: int) -> np.ndarray:
    """Per row, whether an earlier row has the same cells in every column (``keep="first"``
    duplicates); an empty cell equals only an empty cell."""
    repeated = np.zeros(rows, dtype=bool)
    at = np.arange(rows)
    key = np.zeros(rows, dtype=np.int64)
    span = 1  # every key is below this
    for column in sorted(columns, key=lambda c: -len(c.distinct)):
        size = len(column.distinct) + 1  # an empty cell is one more value
        if span * size >= _ROOM:
            # renumbered densely (one sort), then only rows that share their key go on
            key, span = _ranks(key)
            at, key = _shared(at, key, span)
        key = key * size + (column.codes[at].astype(np.int64) + 1)
        span *= size
        if span <= 4 * len(key) + 1024:
            # small keys: how often each occurs is one count, with no sort
            at, key = _shared(at, key, span)
        if not len(at):
            return repeated
    _, first = np.unique(key, return_index=True)
    later = np.ones(len(at), dtype=bool)
    later[first] = False
    repeated[at[later]] = True
    return repeated


def _shared(at: np.ndarray, key: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
    """The rows (and their keys, all below ``span``) whose key occurs more than once."""
    shared = np.bincount(key, minlength=span)[key] > 1
    return at[shared], key[shared]


def _ranks(key: np.ndarray) -> tuple[np.ndarray, int]:
    """Each key's rank among the distinct keys (equal keys, equal ranks), and how many there
    are: the same equalities in the smallest numbers. NumPy's sort releases the GIL, where a
    hash table would hold it."""
    order = np.argsort(key)
    ordered = key[order]
    new = np.empty(len(key), dtype=bool)
    new[:1] = True
    new[1:] = ordered[1:] != ordered[:-1]
    ranks = np.empty(len(key), dtype=np.int64)
    ranks[order] = np.cumsum(new) - 1
    return ranks, int(new.sum())


def groups(columns: Sequence[Coded], rows: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's group (rows with the same cells in every column share one), and one row of
    each group: the groups of ``np.unique`` on the rows, without sorting them when the columns'
    combinations are few enough to mark in a table."""
    key = np.zeros(rows, dtype=np.int64)
    span = 1
    for column in columns:
        size = len(column.distinct) + 1
        if span * size >= _ROOM:
            key, span = _ranks(key)
        key = key * size + (column.codes.astype(np.int64) + 1)
        span *= size
    distinct, group = distinct_keys(key, span)
    # any row stands for its group (they are alike in every column): here, the last one seen
    one = np.empty(len(distinct), dtype=np.int64)
    one[group] = np.arange(rows)
    return group, one


def distinct_keys(keys: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys (all below ``span``) in order, and each key's position among them:
    marked in a table when the span is small, sorted otherwise."""
    if span > 4 * len(keys) + 1024:
        distinct, where = np.unique(keys, return_inverse=True)
        return distinct, where.reshape(-1)
    present = np.zeros(span, dtype=bool)
    present[keys] = True
    return np.flatnonzero(present), (np.cumsum(present) - 1)[keys]


def repeats(frame: pd.DataFrame, columns: Sequence[Coded]) -> pd.Series:
    """``repeated_rows`` as a bool Series on the frame's index."""
    out: pd.Series = pd.Series(repeated_rows(columns, len(frame)), index=frame.index)
    return out
