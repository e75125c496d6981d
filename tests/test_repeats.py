"""Repeated rows and groups of rows found on the cells' codes agree with comparing the cells
themselves, on every path: keys marked in a table, keys sorted, keys renumbered before they
would overflow."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest

from conflict_claims.engines.vectorised.repeats import groups, repeated_rows
from conflict_claims.io.arrow_text import Coded, coded

Cell = str | None


def _columns(rows: int, distinct: list[int], seed: int) -> list[list[Cell]]:
    """Columns of ``rows`` cells, the n-th drawn from ``distinct[n]`` values and the empty cell;
    one row in ten is then made a copy of an earlier row, so that wide columns repeat too."""
    rng = np.random.default_rng(seed)
    drawn = [rng.integers(-1, n, size=rows) for n in distinct]
    for row in range(1, rows, 10):
        earlier = int(rng.integers(0, row))
        for column in drawn:
            column[row] = column[earlier]
    return [[None if d < 0 else f"v{d}" for d in column.tolist()] for column in drawn]


def _coded(columns: list[list[Cell]]) -> list[Coded]:
    return [coded(pa.chunked_array([pa.array(c, type=pa.large_string())])) for c in columns]


def _tuples(columns: list[list[Cell]], rows: int) -> list[tuple[Cell, ...]]:
    return [tuple(c[i] for c in columns) for i in range(rows)]


SHAPES = {
    # (rows, distinct values per column): which path each shape takes is in its name
    "few values, keys marked in a table": (400, [3, 2]),
    "one column": (300, [5]),
    "many values, keys sorted": (2000, [1500, 1500]),
    "eight wide columns, keys renumbered before they overflow": (3000, [900] * 8),
    "wide columns with repeats among few rows": (60, [40, 2, 40, 2, 40, 2, 40, 2, 40, 2, 40]),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_a_row_repeats_when_an_earlier_row_has_the_same_cells(shape: str) -> None:
    rows, distinct = SHAPES[shape]
    columns = _columns(rows, distinct, seed=len(shape))
    seen: set[tuple[Cell, ...]] = set()
    expected = []
    for cells in _tuples(columns, rows):
        expected.append(cells in seen)
        seen.add(cells)
    assert any(expected), "the shape should hold some repeats"
    assert repeated_rows(_coded(columns), rows).tolist() == expected


@pytest.mark.parametrize("shape", list(SHAPES))
def test_rows_share_a_group_exactly_when_their_cells_are_alike(shape: str) -> None:
    rows, distinct = SHAPES[shape]
    columns = _columns(rows, distinct, seed=len(shape))
    tuples = _tuples(columns, rows)
    group, one = groups(_coded(columns), rows)
    assert len(group) == rows
    assert len(one) == len(set(tuples))
    # groups are numbered 0.. without a gap, and each group's row is one of its own
    assert sorted(set(group.tolist())) == list(range(len(one)))
    assert [int(group[r]) for r in one] == list(range(len(one)))
    named: dict[int, tuple[Cell, ...]] = {}
    for row, g in enumerate(group.tolist()):
        assert named.setdefault(g, tuples[row]) == tuples[row]
    assert len(set(named.values())) == len(named)


def test_the_row_standing_for_a_group_is_its_last() -> None:
    columns: list[list[Cell]] = [["a", "b", "a", None, "b", None], ["x", "x", "x", "y", "x", "y"]]
    group, one = groups(_coded(columns), 6)
    members = {g: [r for r in range(6) if group[r] == g] for g in range(len(one))}
    assert sorted(members.values()) == [[0, 2], [1, 4], [3, 5]]
    assert [int(one[g]) for g in range(len(one))] == [m[-1] for m in members.values()]


def test_an_empty_cell_equals_only_an_empty_cell() -> None:
    columns: list[list[Cell]] = [[None, "", None, "None"]]
    assert repeated_rows(_coded(columns), 4).tolist() == [False, False, True, False]
    group = groups(_coded(columns), 4)[0].tolist()
    assert group[0] == group[2]
    assert len({group[0], group[1], group[3]}) == 3


def test_no_rows() -> None:
    columns: list[list[Cell]] = [[], []]
    assert repeated_rows(_coded(columns), 0).tolist() == []
    group, one = groups(_coded(columns), 0)
    assert group.tolist() == []
    assert one.tolist() == []
