"""Diagnoses of the commonest ways a derived table goes wrong, each told as one problem with
its cause and fix instead of the dozens of symptoms it would otherwise give."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from conflict_claims.contract.tables import TABLES

if TYPE_CHECKING:
    import pandas as pd

DELIMITERS: dict[str, str] = {";": "semicolon", "\t": "tab", "|": "pipe"}
"""Separators a spreadsheet or a locale may write instead of the comma, and their names."""

_INDEX_NAME = re.compile(r"^(|Unnamed: 0)$")
_FLOAT_INTEGER = re.compile(r"^-?[0-9]+\.0$")


def sniff_delimiter(header: list[str], table: str) -> str | None:
    """The separator the header line was written with, when it is not the comma.

    ``header`` is the first line as split on commas; it is joined back and split on each
    candidate. The one that yields most of the table's columns is named, if any yields half.
    """
    line = ",".join(header)
    expected = set(TABLES[table].column_names)
    best, found = None, 0
    for delimiter in DELIMITERS:
        names = {cell.strip().strip('"') for cell in line.split(delimiter)}
        hits = len(names & expected)
        if hits > found:
            best, found = delimiter, hits
    return best if found * 2 >= len(expected) else None


def pandas_marks(frame: pd.DataFrame, table: str) -> list[str]:
    """The marks a ``read_csv``/``to_csv`` round trip with default options leaves on a table:
    an index column first, integers written as floats (``10.0``). Empty when there are none."""
    marks: list[str] = []
    first = str(frame.columns[0]) if len(frame.columns) else None
    spec = TABLES[table]
    if first is not None and first not in spec.column_names and _INDEX_NAME.match(first):
        cells = frame[first].dropna()
        if len(cells) and cells.astype(str).str.fullmatch(r"[0-9]+").all():
            marks.append(f"an index column {first!r} comes first ({', '.join(cells[:3])}, …)")
    floats = []
    for column in spec.columns:
        if column.kind != "integer" or column.name not in frame.columns:
            continue
        whole = frame[column.name]
        at = whole.first_valid_index()
        # every cell must look like a float: the first one written otherwise settles it
        if at is None or not _FLOAT_INTEGER.match(str(whole[at])):
            continue
        cells = whole.dropna().astype(str)
        if cells.str.match(_FLOAT_INTEGER).all():
            floats.append(column.name)
    if floats:
        example = frame[floats[0]].dropna().iloc[0]
        verb = "holds" if len(floats) == 1 else "hold"
        marks.append(f"{', '.join(floats)} {verb} whole numbers written as floats ({example})")
    return marks
