"""The cell predicates (``contract.cells``), and the regular expressions both engines run: Python's
``re`` and Arrow's RE2 must read every pattern alike."""

from __future__ import annotations

import datetime as dt
import re

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from conflict_claims.contract import cells
from conflict_claims.contract.tables import TABLES
from conflict_claims.io.arrow_text import fullmatch
from conflict_claims.strategies._messy import LOOK_ALIKES, SPACES


@pytest.mark.parametrize("text", ["\x00", "a\x07", "\x1b[0m", "\x1f", "\x7f", "\x80", "x\x9f"])
def test_control_characters(text: str) -> None:
    assert cells.has_control(text)


@pytest.mark.parametrize("text", ["", "a\tb", "line\nbreak\r\n", "\xa0", "é", "\u2028"])
def test_allowed_characters(text: str) -> None:
    assert not cells.has_control(text)


@pytest.mark.parametrize("text", ["=1", "+1", "@a", "-a", "-Z", "=SUM(A1)"])
def test_formulas(text: str) -> None:
    assert cells.is_formula(text)


@pytest.mark.parametrize("text", ["", "-1", "-", "a=b", " =1", "1+1", "é"])
def test_not_formulas(text: str) -> None:
    assert not cells.is_formula(text)


@pytest.mark.parametrize("text", [" a", "a ", "\xa0a", "a\u3000", "\ta", "a\n"])
def test_edge_blanks(text: str) -> None:
    assert cells.has_edge_blank(text)


@pytest.mark.parametrize("text", ["", "a", "a b", "a\u200bb"])
def test_no_edge_blanks(text: str) -> None:
    assert not cells.has_edge_blank(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0", 0),
        ("-0", 0),
        ("010", 10),
        ("-12", -12),
        (str(2**53 + 1), 2**53 + 1),
        (str(cells.INT64_MAX), cells.INT64_MAX),
        (str(-cells.INT64_MAX - 1), -cells.INT64_MAX - 1),
        ("0" * 5000 + "1", 1),
    ],
)
def test_integers(text: str, value: int) -> None:
    assert cells.parse_int(text) == value


@pytest.mark.parametrize(
    "text",
    [str(2**63), str(-(2**63) - 1), "1" * 5000, "1.5", "+1", " 1", "1 ", "", "-", "\u0661", "1\n"],
)
def test_not_integers(text: str) -> None:
    assert cells.parse_int(text) is None


@pytest.mark.parametrize(
    ("text", "value"), [("2024-02-29", dt.date(2024, 2, 29)), ("0001-01-01", dt.date(1, 1, 1))]
)
def test_dates(text: str, value: dt.date) -> None:
    assert cells.parse_date(text) == value


@pytest.mark.parametrize(
    "text", ["2023-02-29", "2023-1-1", "2023-01-01\n", "0000-01-01", "2023-13-01", "20230101"]
)
def test_not_dates(text: str) -> None:
    assert cells.parse_date(text) is None


def test_matches_the_whole_cell() -> None:
    assert cells.matches("[a-z]+", "abc")
    assert not cells.matches("[a-z]+", "ab1")
    assert not cells.matches("a", "a\n")


def _arrow(pattern: str, texts: list[str]) -> list[bool]:
    found: list[bool] = pc.match_substring_regex(pa.array(texts), pattern).to_pylist()
    return found


def _python(pattern: str, texts: list[str]) -> list[bool]:
    return [re.search(pattern, t) is not None for t in texts]


ODD = [*SPACES, *LOOK_ALIKES.values(), *cells.CONTROL_CHARS, "\u0085", "é", "\U0001f600"]


@pytest.mark.parametrize("pattern", [cells.CONTROL, cells.EDGE_BLANK, cells.FORMULA])
def test_the_cell_patterns_mean_the_same_to_both_regex_engines(pattern: str) -> None:
    texts = [t for c in ODD for t in (c, f"a{c}", f"{c}a", f"a{c}b", f"={c}", f"-{c}")]
    assert _arrow(pattern, texts) == _python(pattern, texts)


@pytest.mark.parametrize(
    ("table", "column"),
    [(t.name, c.name) for t in TABLES.values() for c in t.columns if c.pattern],
)
def test_the_column_patterns_mean_the_same_to_both_regex_engines(table: str, column: str) -> None:
    """Every odd character, put anywhere into a cell that matches, is read alike (a Table
    Schema pattern matches the whole cell: ``cells.matches`` and ``arrow_text.fullmatch``)."""
    pattern = TABLES[table].column(column).pattern or ""
    good = _GOOD.get(column, "a-b")
    assert cells.matches(pattern, good)
    texts = [good[:i] + c + good[i:] for c in ODD for i in range(len(good) + 1)]
    by_arrow = fullmatch(pa.chunked_array([pa.array(texts)]), pattern).to_pylist()
    assert by_arrow == [cells.matches(pattern, t) for t in texts]


_GOOD = {
    "url": "https://example.org/a",
    "country": "MLI",
    "language": "en",
    "snapshot_sha256": "0" * 64,
    "event_id": "2023-09-12-bourem",
}


def test_not_blank_is_what_python_calls_non_whitespace() -> None:
    for code in [*range(0x3100), 0xFEFF, 0x1F600]:
        char = chr(code)
        assert (re.fullmatch(cells.NOT_BLANK, char) is not None) == (not char.isspace()), code


DATES = ["2024-02-29", "2000-02-29", "1900-02-29", "2023-02-29", "2023-02-28", "2023-11-30",
         "2023-11-31", "2023-12-31", "2023-04-31", "2023-03-31", "0001-01-01", "0000-12-31",
         "2023-00-10", "2023-13-01", "2023-01-00", "2023-01-32", "9999-12-31"]  # fmt: skip


def test_the_vectorised_date_check_agrees_with_parse_date() -> None:
    """Leap years, month lengths and year 1, read from whole columns as from one cell."""
    import pandas as pd

    from conflict_claims.engines.vectorised.table_checks import date_ok

    column = pd.Series(DATES, dtype="str")
    assert date_ok(column).tolist() == [cells.parse_date(d) is not None for d in DATES]
    assert sum(date_ok(column)) == 8
