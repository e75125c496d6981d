"""Vectorised checks of one table's own rules, over frames of raw text cells.

Each function returns a boolean Series that is True where the rule *fails*. The Pandera models
wrap them; the scalar twins in ``cells``/``numbers`` serve the Pydantic models.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from . import cells
from .contract import Column, Table
from .numbers import figure_in_quote, parse_number


def _flag(result: pd.Series, present: pd.Series) -> pd.Series:
    return result.fillna(False).astype(bool) & present


def control_character(s: pd.Series) -> pd.Series:
    return _flag(s.str.contains(cells.CONTROL, regex=True), s.notna())


def formula_injection(s: pd.Series) -> pd.Series:
    return _flag(s.str.contains(cells.FORMULA, regex=True), s.notna())


def id_whitespace(s: pd.Series) -> pd.Series:
    return _flag(s.str.contains(cells.EDGE_BLANK, regex=True), s.notna())


def required(s: pd.Series) -> pd.Series:
    return s.isna()


def parse_integers(s: pd.Series) -> pd.Series:
    """Float values of the well-formed integer cells (exact up to 2**53), NaN elsewhere."""
    ok = _flag(s.str.fullmatch(cells.INTEGER), s.notna())
    out: pd.Series = pd.Series(np.nan, index=s.index, dtype="float64")
    if ok.any():
        out[ok] = pd.to_numeric(s[ok], errors="coerce")
        long = ok & (s.str.len() > 18)
        for idx in s.index[long.to_numpy()]:
            if cells.parse_int(s[idx]) is None:
                out[idx] = np.nan
    return out


def integer_type(s: pd.Series) -> pd.Series:
    return s.notna() & parse_integers(s).isna()


def _is_leap(year: np.ndarray) -> np.ndarray:
    leap: np.ndarray = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    return leap


def date_ok(s: pd.Series) -> pd.Series:
    """Whether each cell is a real calendar date written YYYY-MM-DD."""
    shaped = _flag(s.str.fullmatch(cells.DATE), s.notna())
    ok: pd.Series = pd.Series(False, index=s.index)
    if shaped.any():
        text = s[shaped]
        year = pd.to_numeric(text.str.slice(0, 4)).to_numpy()
        month = pd.to_numeric(text.str.slice(5, 7)).to_numpy()
        day = pd.to_numeric(text.str.slice(8, 10)).to_numpy()
        lengths = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        good_month = (month >= 1) & (month <= 12)
        limit = lengths[np.where(good_month, month, 0)] + (
            good_month & (month == 2) & _is_leap(year)
        )
        ok[shaped] = (year >= 1) & good_month & (day >= 1) & (day <= limit)
    return ok


def date_type(s: pd.Series) -> pd.Series:
    return s.notna() & ~date_ok(s)


def pattern(regex: str) -> Callable[[pd.Series], pd.Series]:
    def check(s: pd.Series) -> pd.Series:
        return _flag(~s.str.fullmatch(regex).fillna(False).astype(bool), s.notna())

    return check


def vocabulary(values: tuple[str, ...]) -> Callable[[pd.Series], pd.Series]:
    def check(s: pd.Series) -> pd.Series:
        return s.notna() & ~s.isin(values)

    return check


def minimum(bound: int) -> Callable[[pd.Series], pd.Series]:
    def check(s: pd.Series) -> pd.Series:
        return (parse_integers(s) < bound).fillna(False).astype(bool)

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
    return checks


# Row rules: each names the column it is reported under.
def date_order(frame: pd.DataFrame) -> pd.Series:
    start, end = frame["date_start"], frame["date_end"]
    both = date_ok(start) & date_ok(end)
    return _flag(start > end, both)


def value_order(frame: pd.DataFrame) -> pd.Series:
    low, high = parse_integers(frame["value_low"]), parse_integers(frame["value_high"])
    return (low > high).fillna(False).astype(bool)


def value_text_mismatch(frame: pd.DataFrame) -> pd.Series:
    text = frame["value_text"]
    numbers = {t: parse_number(t) for t in text.dropna().unique()}
    stated = text.map(numbers).astype("float64")
    low, high = parse_integers(frame["value_low"]), parse_integers(frame["value_high"])
    mismatch = (stated != low) | (stated != high)
    return (mismatch & stated.notna() & low.notna()).fillna(False).astype(bool)


def figure_not_in_quote(frame: pd.DataFrame) -> pd.Series:
    low = parse_integers(frame["value_low"])
    usable = frame["value_text"].notna() & frame["quote"].notna() & low.notna()
    fails: pd.Series = pd.Series(False, index=frame.index)
    if usable.any():
        rows = zip(frame["value_text"][usable], low[usable], frame["quote"][usable], strict=True)
        fails[usable] = [not figure_in_quote(t, int(v), q) for t, v, q in rows]
    return fails


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
