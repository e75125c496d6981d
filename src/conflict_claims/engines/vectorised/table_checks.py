"""Vectorised checks of one table's own rules, over frames of raw text cells.

Each function returns a boolean Series that is True where the rule *fails*. The Pandera models
wrap them; the scalar twins in ``cells``/``numbers`` serve the Pydantic models.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_claims.contract import cells
from conflict_claims.contract.fields import DeclaredField, repeated
from conflict_claims.contract.numbers import figure_in_quote, parse_number
from conflict_claims.contract.tables import Column, Table
from conflict_claims.engines.vectorised.repeats import groups
from conflict_claims.io import arrow_text as _arrow
from conflict_claims.io.array_cache import per_array


def _flag(result: pd.Series, present: pd.Series) -> pd.Series:
    return result.fillna(False).astype(bool) & present


def _none(s: pd.Series) -> pd.Series:
    out: pd.Series = pd.Series(False, index=s.index, dtype=bool)
    return out


def _search_where(s: pd.Series, values: Any, candidates: np.ndarray, regex: str) -> pd.Series:
    """The cells among ``candidates`` in which ``regex`` occurs (exact, Arrow's RE2)."""
    at = np.flatnonzero(candidates)
    fails = np.zeros(len(s), dtype=bool)
    if len(at):
        found = pc.match_substring_regex(_arrow.pick(values, at), regex)
        fails[at] = pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    out: pd.Series = pd.Series(fails, index=s.index, dtype=bool)
    return out


def control_character(s: pd.Series) -> pd.Series:
    values = _arrow.text(s)
    if not _arrow.may_hold_control(values):
        return _none(s)
    return _arrow.flags(_arrow.search(values, cells.CONTROL), s.index)


# Bytes a formula can start with (FORMULA decides), and bytes a blank edge can be made of:
# ASCII blanks, and any non-ASCII byte (EDGE_BLANK decides on the few cells flagged).
_FORMULA_LEADS = np.zeros(256, dtype=bool)
_FORMULA_LEADS[np.frombuffer(b"=+@-", dtype=np.uint8)] = True
_BLANK_BYTES = np.zeros(256, dtype=bool)
_BLANK_BYTES[[*range(0x09, 0x0E), *range(0x1C, 0x21), *range(0x80, 0x100)]] = True


def formula_injection(s: pd.Series) -> pd.Series:
    values = _arrow.text(s)
    first = _arrow.first_bytes(values)
    return _search_where(s, values, _FORMULA_LEADS[first], cells.FORMULA)


def id_whitespace(s: pd.Series) -> pd.Series:
    values = _arrow.text(s)
    first, last, length = _arrow.edge_bytes(values)
    edge = (length > 0) & (_BLANK_BYTES[first] | _BLANK_BYTES[last])
    return _search_where(s, values, edge, cells.EDGE_BLANK)


def required(s: pd.Series) -> pd.Series:
    return s.isna()


def integers(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The well-formed integer cells as exact int64 values (0 elsewhere), and which cells are
    well-formed integers. Never through floats: 2**53 + 1 stays 2**53 + 1."""
    return integer_values(_arrow.text(s))


def parse_integers(s: pd.Series) -> pd.Series:
    """The well-formed integer cells as nullable ``Int64``, missing elsewhere."""
    values, ok = integers(s)
    out: pd.Series = pd.Series(pd.arrays.IntegerArray(values, ~ok), index=s.index, copy=True)
    return out


def integer_values(values: Any) -> tuple[np.ndarray, np.ndarray]:
    """``integers`` of a chunked Arrow text array."""
    # several rules read the same figures: each column is parsed once per validation
    return per_array("integers", values, _parse_integers)


def _parse_integers(values: Any) -> tuple[np.ndarray, np.ndarray]:
    numbered = _arrow.repeating(values)
    if numbered is not None:
        # figures repeat: each distinct cell parsed once, then spread by the cells' codes
        # (the extra last entry is what an empty cell, code -1, picks: no integer)
        out, good = _parse_cells(numbered.cells())
        out, good = numbered.spread(out, 0), numbered.spread(good, False)
    else:
        out, good = _parse_cells(values)
    out.flags.writeable = False
    good.flags.writeable = False
    return out, good


def _parse_cells(values: Any) -> tuple[np.ndarray, np.ndarray]:
    ok = pc.fill_null(_arrow.fullmatch(values, cells.INTEGER), False)
    long = pc.and_(ok, pc.greater(pc.binary_length(values), 18))
    # Up to 18 characters fits in int64; Arrow parses those, Python the rare longer ones.
    short = pc.and_not(ok, long)
    numbers = pc.cast(pc.if_else(short, values, pa.scalar(None, values.type)), pa.int64())
    out = np.array(pc.fill_null(numbers, 0).to_numpy(zero_copy_only=False), dtype=np.int64)
    good = np.array(short.to_numpy(zero_copy_only=False), dtype=bool)
    if pc.any(long).as_py():
        at = np.flatnonzero(pc.fill_null(long, False).to_numpy(zero_copy_only=False))
        for i, cell in zip(at, _arrow.pick(values, at).to_pylist(), strict=True):
            value = cells.parse_int(cell)
            if value is not None:
                out[i], good[i] = value, True
    return out, good


def integer_type(s: pd.Series) -> pd.Series:
    _, ok = integers(s)
    return s.notna() & ~ok


def _is_leap(year: np.ndarray) -> np.ndarray:
    leap: np.ndarray = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return leap


def date_ok(s: pd.Series) -> pd.Series:
    """Whether each cell is a real calendar date written YYYY-MM-DD."""
    values = _arrow.text(s)
    ok: pd.Series = pd.Series(per_array("dates", values, _dates_ok), index=s.index)
    return ok


def _dates_ok(values: Any) -> np.ndarray:
    numbered = _arrow.repeating(values)
    if numbered is None:
        return _real_dates(values)
    # dates repeat: each distinct cell judged once, then spread by the cells' codes (the
    # extra last verdict is what an empty cell, code -1, picks)
    return numbered.spread(_real_dates(numbered.cells()), False)


def _real_dates(values: Any) -> np.ndarray:
    shaped = np.asarray(
        pc.fill_null(_arrow.fullmatch(values, cells.DATE), False).to_numpy(zero_copy_only=False),
        dtype=bool,
    )
    ok = np.zeros(len(values), dtype=bool)
    if shaped.any():
        text = _arrow.pick(values, np.flatnonzero(shaped))

        def part(start: int, stop: int) -> np.ndarray:
            piece = pc.utf8_slice_codeunits(text, start, stop)
            return pc.cast(piece, pa.int64()).to_numpy()  # type: ignore[no-any-return]

        year, month, day = part(0, 4), part(5, 7), part(8, 10)
        lengths = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        good_month = (month >= 1) & (month <= 12)
        limit = lengths[np.where(good_month, month, 0)] + (
            good_month & (month == 2) & _is_leap(year)
        )
        ok[shaped] = (year >= 1) & good_month & (day >= 1) & (day <= limit)
    ok.flags.writeable = False
    return ok


def date_type(s: pd.Series) -> pd.Series:
    return s.notna() & ~date_ok(s)


def pattern(regex: str) -> Callable[[pd.Series], pd.Series]:
    def check(s: pd.Series) -> pd.Series:
        values = _arrow.text(s)
        return _arrow.flags(pc.invert(_arrow.fullmatch(values, regex)), s.index)

    return check


def vocabulary(values: tuple[str, ...]) -> Callable[[pd.Series], pd.Series]:
    allowed = pa.array(values, type=pa.large_string())

    def check(s: pd.Series) -> pd.Series:
        cells_ = _arrow.text(s)
        return _arrow.flags(pc.invert(pc.is_in(cells_, value_set=allowed)), s.index) & s.notna()

    return check


def minimum(bound: int) -> Callable[[pd.Series], pd.Series]:
    def check(s: pd.Series) -> pd.Series:
        values, ok = integers(s)
        out: pd.Series = pd.Series(ok & (values < bound), index=s.index, dtype=bool)
        return out

    return check


CellCheck = Callable[[pd.Series], pd.Series]


def cell_checks(column: Column) -> list[tuple[str, CellCheck]]:
    """The (rule slug, check) pairs of one column, in the order a cell is checked."""
    checks: list[tuple[str, CellCheck]] = [
        ("control-character", control_character),
        ("formula-injection", formula_injection),
    ]
    if column.is_id:
        checks.append(("id-whitespace", id_whitespace))
    if column.required:
        checks.append(("required", required))
    if column.kind == "integer":
        checks.append(("type", integer_type))
    elif column.kind == "date":
        checks.append(("type", date_type))
    if column.pattern:
        checks.append(("pattern", pattern(column.pattern)))
    if column.enum:
        checks.append(("vocabulary", vocabulary(column.enum)))
    if column.minimum is not None:
        checks.append(("value-negative", minimum(column.minimum)))
    if column.declared is not None:
        checks.extend(declared_checks(column.declared))
    return checks


def declared_checks(spec: DeclaredField) -> list[tuple[str, CellCheck]]:
    """The checks of a declared field (Table Schema semantics), each cell judged once per
    distinct value: added columns are small next to the contract's, and rarely hot."""

    def judged(slug: str) -> CellCheck:
        def check(s: pd.Series) -> pd.Series:
            codes, distinct = pd.factorize(s)
            verdict = np.array([spec.problem(v) == slug for v in distinct] + [False], bool)
            fails = verdict[codes]
            if slug == "field-constraint":
                if spec.constraints.get("required"):
                    fails = fails | s.isna().to_numpy()
                if spec.constraints.get("unique"):
                    fails = fails | np.array(repeated(_arrow.text(s).to_pylist(), spec), bool)
            out: pd.Series = pd.Series(fails, index=s.index, dtype=bool)
            return out

        return check

    return [("field-type", judged("field-type")), ("field-constraint", judged("field-constraint"))]


# Row rules: each names the column it is reported under.
def date_order(frame: pd.DataFrame) -> pd.Series:
    start, end = frame["date_start"], frame["date_end"]
    both = date_ok(start) & date_ok(end)
    return _flag(start > end, both)


def value_order(frame: pd.DataFrame) -> pd.Series:
    (low, low_ok), (high, high_ok) = integers(frame["value_low"]), integers(frame["value_high"])
    out: pd.Series = pd.Series(low_ok & high_ok & (low > high), index=frame.index, dtype=bool)
    return out


def stated_figures(s: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per value_text cell, what ``parse_number`` reads in it: the figure as int64 (0 where
    none), whether it states an exact figure, and whether that figure is beyond int64
    (``TOO_LARGE``, which equals no integer cell). Read once per distinct text: a million
    cells usually hold a few thousand."""
    numbered = _arrow.coded(_arrow.text(s))
    codes = numbered.codes
    read = [parse_number(t) for t in numbered.distinct.to_pylist()]
    # the extra final entry is what code -1 (an empty cell) picks: no figure
    exact = np.array([n is not None for n in read] + [False], dtype=bool)
    beyond = np.array([n is not None and n > cells.INT64_MAX for n in read] + [False], bool)
    values = np.array(
        [0 if n is None or n > cells.INT64_MAX else n for n in read] + [0], dtype=np.int64
    )
    return values[codes], exact[codes], beyond[codes]


def value_text_mismatch(frame: pd.DataFrame) -> pd.Series:
    stated, exact, beyond = stated_figures(frame["value_text"])
    (low, low_ok), (high, high_ok) = integers(frame["value_low"]), integers(frame["value_high"])
    # an empty value_high differs from any stated figure, as None != n does
    differs = beyond | (stated != low) | ~high_ok | (stated != high)
    out: pd.Series = pd.Series(exact & low_ok & differs, index=frame.index, dtype=bool)
    return out


def figure_not_in_quote(frame: pd.DataFrame) -> pd.Series:
    values, ok = integers(frame["value_low"])
    usable = (frame["value_text"].notna() & frame["quote"].notna()).to_numpy() & ok
    fails = np.zeros(len(frame), dtype=bool)
    if usable.any():
        # Each distinct (value_text, value_low, quote) is searched once (value_low as written,
        # which fixes its value), over the whole columns, whose codes other rules share.
        texts, lows, quotes = frame["value_text"], frame["value_low"], frame["quote"]
        at = np.flatnonzero(usable)
        numbered = [_arrow.coded(_arrow.text(c)) for c in (texts, lows, quotes)]
        triple, one = groups([_arrow.Coded(c.codes[at], c.distinct) for c in numbered], len(at))
        # one row of each distinct triple, fetched straight from Arrow and NumPy
        rows = at[one]
        picked = zip(
            _arrow.pick(_arrow.text(texts), rows).to_pylist(),
            values[rows].tolist(),
            _arrow.pick(_arrow.text(quotes), rows).to_pylist(),
            strict=True,
        )
        found = np.array([figure_in_quote(t, int(v), q) for t, v, q in picked], dtype=bool)
        fails[at] = ~found[triple]
    out: pd.Series = pd.Series(fails, index=frame.index, dtype=bool)
    return out


RowCheck = Callable[[pd.DataFrame], pd.Series]
ROW_CHECKS: dict[str, tuple[tuple[str, str, RowCheck], ...]] = {
    "events": (("date-order", "date_end", date_order),),
    "claims": (
        ("value-order", "value_high", value_order),
        ("value-text-mismatch", "value_text", value_text_mismatch),
        ("figure-not-in-quote", "quote", figure_not_in_quote),
    ),
    "quantifiers": (("value-order", "value_high", value_order),),
}
"""Per table: (rule slug, column reported, check)."""


def row_checks(table: Table) -> tuple[tuple[str, str, RowCheck], ...]:
    return ROW_CHECKS.get(table.name, ())
