"""Strategies for single cells that pass every cell rule by construction: ids, dates, figures and
free text with arbitrary Unicode, commas, quotes and line breaks."""

from __future__ import annotations

import datetime as dt
import functools
import string

from hypothesis import strategies as st

from conflict_claims.contract.cells import CONTROL_CHARS, WHITESPACE_CHARS, is_formula
from conflict_claims.contract.numbers import parse_number, to_words

Cell = str | None
Row = dict[str, Cell]
Tables = dict[str, list[Row]]
"""Table name -> rows, each a dict of column name -> text cell (None is an empty cell)."""

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)

_SLUG_CHARS = string.ascii_lowercase + string.digits
# Characters that stress CSV quoting and line handling; the rest of Unicode comes on top.
_WORDS = ("", "Ber", "Léré", "Kidal", "MINUSMA", "Wagner", "army", "the camp", "Tombouctou")
_AWKWARD = (",", '"', "'", "\n", "\r\n", "\r", "\t", " ", ";", "|", "\\", "\u00a0", "\u2028")


@functools.cache  # building a strategy costs more than drawing from it
def slugs(max_parts: int = 3) -> st.SearchStrategy[str]:
    """Lower-case slugs: 'bourem', 'mali-fama', 'wp-ber-03'."""
    part = st.text(alphabet=_SLUG_CHARS, min_size=1, max_size=6)
    return st.lists(part, min_size=1, max_size=max_parts).map("-".join)


def fresh(value: str, taken: set[str], suffix: str = "-x") -> str:
    """``value``, lengthened until it is not in ``taken`` (no filtering: always succeeds)."""
    while value in taken:
        value += suffix
    return value


def defuse(text: str) -> str:
    """Text that no spreadsheet would read as a formula."""
    return "x" + text if is_formula(text) else text


@functools.cache  # building a strategy costs more than drawing from it
def safe_characters() -> st.SearchStrategy[str]:
    """Any character that UTF-8 can encode, except control characters."""
    return st.characters(codec="utf-8", exclude_characters=CONTROL_CHARS)


@functools.cache  # building a strategy costs more than drawing from it
def free_text(min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text that passes the hygiene rules (no control character, no formula).

    Mostly short plain words, to keep datasets small; otherwise any character, with CSV's
    awkward ones (commas, quotes, line breaks) often."""
    chars = st.one_of(st.sampled_from(_AWKWARD), safe_characters())
    wild = st.lists(chars, min_size=min_size, max_size=max_size).map("".join).map(defuse)
    plain = st.sampled_from(_WORDS[min_size > 0 :])
    return st.one_of(plain, wild)


def optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), strategy)


@functools.cache  # building a strategy costs more than drawing from it
def clean_token(min_size: int = 1, max_size: int = 12) -> st.SearchStrategy[str]:
    """Printable text with no blank at the edges, no formula start, no control character."""
    chars = st.characters(codec="utf-8", exclude_characters=CONTROL_CHARS + WHITESPACE_CHARS)
    return st.text(alphabet=chars, min_size=min_size, max_size=max_size).map(defuse)


def dates(
    min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE
) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=min_value, max_value=max(min_value, max_value))


@functools.cache  # building a strategy costs more than drawing from it
def phrases() -> st.SearchStrategy[str]:
    """Vague figures for the quantifiers table: never read as a number, no blank at the edges."""

    def vague(text: str) -> str:
        text = defuse(text.strip()) or "some"
        return text if parse_number(text) is None else f"about {text}"

    return st.one_of(
        st.sampled_from(("dozens", "several dozen", "lots of", "a few", "scores", "many")),
        free_text(max_size=15),
    ).map(vague)


@functools.cache  # building a strategy costs more than drawing from it
def figures() -> st.SearchStrategy[int]:
    """Counts: mostly small, sometimes large."""
    return st.one_of(st.integers(0, 120), st.integers(0, 999_999_999))


def figure_texts(n: int) -> st.SearchStrategy[str]:
    """Ways a source words an exact figure n: '46', 'forty-six', 'Forty-Six' ('~46' is vague)."""
    forms = [str(n)]
    words = to_words(n)
    if parse_number(words) == n:
        forms += [words, words.title(), words.upper(), words.capitalize()]
    return st.sampled_from(forms)


def wrap(draw_prefix: str, figure: str, draw_suffix: str) -> str:
    """A quote that holds ``figure`` as a whole word: blanks keep it apart from its neighbours."""
    return " ".join(part for part in (draw_prefix, figure, draw_suffix) if part)
