"""Strategies for messy data: cells written in unusual but meaningful ways, and random edits of
a dataset (any mix of rules broken at once), to show that every engine reads them alike.

The cells are the ones on which the engines once disagreed: integers with leading zeros or
beyond 2**53, figures too large for any integer, Unicode spaces and look-alike characters in
any text, number words with "and" and hyphens; the edits add columns, repeat rows and break
several cells under one rule at once.
"""

from __future__ import annotations

import copy
import functools

from hypothesis import strategies as st

from conflict_claims.contract.cells import CONTROL_CHARS, WHITESPACE_CHARS
from conflict_claims.contract.rules import RULES
from conflict_claims.contract.tables import TABLES

from ._breakages import bad_value
from ._cells import Cell, Tables, clean_token

SPACES = (*(c for c in WHITESPACE_CHARS if c not in CONTROL_CHARS), "\u200b", "\ufeff")
"""Every blank that is no control character, and two invisible non-blanks (zero-width space,
byte order mark) that look like nothing at all."""
LOOK_ALIKES = {
    "a": "\u0430",  # Cyrillic a
    "e": "\u0435",  # Cyrillic ie
    "o": "\u043e",  # Cyrillic o
    "0": "\uff10",  # fullwidth zero
    "1": "\u0661",  # Arabic-Indic one
    "-": "\u2010",  # hyphen
    ":": "\u02d0",  # modifier letter triangular colon
}
"""Characters and the ones that look like them but are not them."""
HUGE_INTEGERS = (
    str(2**53),
    str(2**53 + 1),
    str(2**63 - 1),
    str(2**63),
    str(-(2**63)),
    "1" + "0" * 400,
    "0" * 30 + "7",
)
NUMBER_WORDS = (
    "one hundred and five",
    "One Hundred And Five",
    "ninety-seven",
    "Forty-Six",
    "two thousand and twenty-three",
    "a hundred",
    "and five",
    "five and",
    "forty\u2013two",
    " ".join(["hundred"] * 160),
    "one million two hundred thousand and one",
)
ADDED_COLUMNS = ("coder", "extra", "région", "n")


@functools.cache  # building a strategy costs more than drawing from it
def _figures() -> st.SearchStrategy[str]:
    small = st.integers(0, 1200).map(str)
    padded = st.tuples(st.integers(1, 3), st.integers(0, 120)).map(lambda p: "0" * p[0] + str(p[1]))
    return st.one_of(small, padded, st.sampled_from(HUGE_INTEGERS), st.sampled_from(NUMBER_WORDS))


@st.composite
def tricky_cells(draw: st.DrawFn, value: Cell) -> Cell:
    """A cell written in a way that tests what a rule means: ``value`` with a Unicode space or
    a look-alike character put in, with leading zeros, or an unusual figure."""
    base = value if value else draw(clean_token(1, 8))
    how = draw(st.sampled_from(("space", "look-alike", "zeros", "figure", "url")))
    if how == "space":
        at = draw(st.sampled_from((0, len(base) // 2, len(base))))
        return base[:at] + draw(st.sampled_from(SPACES)) + base[at:]
    if how == "look-alike":
        present = [c for c in LOOK_ALIKES if c in base]
        if present:
            char = draw(st.sampled_from(present))
            return base.replace(char, LOOK_ALIKES[char], 1)
        return base + draw(st.sampled_from(sorted(LOOK_ALIKES.values())))
    if how == "zeros":
        return "0" * draw(st.integers(1, 3)) + base
    if how == "url":
        return f"https://example.org/{draw(st.sampled_from(SPACES))}{base}"
    return draw(_figures())


_CELL_RULES = [r.slug for r in RULES if r.scope == "cell"]


def _some_value(column_value: Cell, tables: Tables, name: str) -> st.SearchStrategy[Cell]:
    rows = tables[name]
    columns = sorted({c for row in rows for c in row})
    others = st.sampled_from(rows).flatmap(
        lambda row: st.sampled_from([row.get(c) for c in columns])
    )
    return st.one_of(
        tricky_cells(column_value),
        others,  # a value from another row or column of the same table
        st.sampled_from(["0", "-0", "007", "1", "2023-01-01", "dozens", "x", " ", ""]),
        st.text(max_size=8),
    )


@st.composite
def _edit(draw: st.DrawFn, tables: Tables) -> None:
    """Change ``tables`` in place, once."""
    name = draw(st.sampled_from([n for n in TABLES if tables[n]]))
    rows = tables[name]
    i = draw(st.integers(0, len(rows) - 1))
    how = draw(st.sampled_from(("cell", "cell", "rule", "rule", "copy", "drop", "column")))
    if how == "copy":
        twin = dict(rows[i])
        if name == "claims" and draw(st.booleans()):
            # the same claim under another id, its figures maybe written with leading zeros
            twin["claim_id"] = f"{twin['claim_id']}-{draw(st.integers(0, 9))}"
            for figure in ("value_low", "value_high"):
                if twin.get(figure) and draw(st.booleans()):
                    twin[figure] = "0" + str(twin[figure])
        rows.insert(draw(st.integers(0, len(rows))), twin)
    elif how == "drop":
        del rows[i]
    elif how == "column":
        added = draw(st.sampled_from(ADDED_COLUMNS))
        values = st.one_of(st.none(), st.sampled_from(["a", "b", "0", "00"]), tricky_cells(None))
        for row in rows:
            row[added] = draw(values)
    elif how == "rule":
        # several cells broken under one rule at once, in one column or across columns
        slug = draw(st.sampled_from(_CELL_RULES))
        for _ in range(draw(st.integers(2, 4))):
            column = draw(st.sampled_from(TABLES[name].columns))
            j = draw(st.integers(0, len(rows) - 1))
            value, _portable = draw(bad_value(slug, column, rows[j].get(column.name)))
            rows[j][column.name] = value
    else:
        columns = sorted({c for row in rows for c in row})
        column_name = draw(st.sampled_from(columns))
        rows[i][column_name] = draw(_some_value(rows[i].get(column_name), tables, name))
        if rows[i][column_name] == "":
            rows[i][column_name] = None


def edited(tables: Tables, min_edits: int = 1, max_edits: int = 6) -> st.SearchStrategy[Tables]:
    """A copy of ``tables`` after a few random edits: cells set to tricky or rule-breaking
    values, rows repeated (claims also under a new id) or dropped, columns added, several cells
    broken under one rule."""

    @st.composite
    def build(draw: st.DrawFn) -> Tables:
        out = copy.deepcopy(tables)
        for _ in range(draw(st.integers(min_edits, max_edits))):
            draw(_edit(out))
        return out

    return build()


@functools.cache  # building a strategy costs more than drawing from it
def messy_datasets() -> st.SearchStrategy[Tables]:
    """A valid drawn dataset after a few random edits (see ``edited``)."""
    from ._datasets import datasets

    return datasets().flatmap(edited)
