"""The JSON Schema keywords that carry a column's cell rules, for the exported record schemas.

JSON Schema can say what Table Schema says of a cell (required, pattern, enum, minimum, a date
format) and also the text hygiene rules, as patterns: no control character, no formula
prefix, no blank at the edges of an id. JSON Schema patterns are searched, not matched whole,
so every pattern here is anchored; characters are written as ``\\uXXXX`` escapes, which
ECMA-262 (the dialect JSON Schema names) and Python's ``re`` read alike.
"""

from __future__ import annotations

from typing import Any

from conflict_claims.contract.cells import CONTROL_CHARS, FORMULA, WHITESPACE_CHARS
from conflict_claims.contract.tables import Column

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _escaped(chars: str) -> str:
    """The characters as the inside of a class: ``\\uXXXX`` escapes, runs as ranges."""
    codes = sorted({ord(c) for c in chars})
    runs: list[list[int]] = []
    for code in codes:
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    parts = []
    for first, last in runs:
        parts.append(f"\\u{first:04x}")
        if last > first + 1:
            parts.append(f"-\\u{last:04x}")
        elif last == first + 1:
            parts.append(f"\\u{last:04x}")
    return "".join(parts)


NO_CONTROL = f"^[^{_escaped(CONTROL_CHARS)}]*$"
"""The control-character rule: no control character but tab and line breaks."""
NO_FORMULA = f"^(?!{FORMULA.removeprefix('^')})"
"""The formula-injection rule: no leading '=', '+', '@', or '-' and a letter."""
NO_EDGE_BLANK = f"^(?![{_escaped(WHITESPACE_CHARS)}])(?![\\s\\S]*[{_escaped(WHITESPACE_CHARS)}]$)"
"""The id-whitespace rule: no blank at either edge."""


def _anchored(pattern: str) -> str:
    """A Table Schema pattern (matched whole) as a JSON Schema pattern (searched)."""
    return pattern if pattern.startswith("^") and pattern.endswith("$") else f"^(?:{pattern})$"


def text_patterns(column: Column) -> list[str]:
    """The patterns a text cell of the column must match: its own and the hygiene rules."""
    patterns = [NO_CONTROL, NO_FORMULA]
    if column.is_id:
        patterns.append(NO_EDGE_BLANK)
    if column.pattern:
        patterns.append(_anchored(column.pattern))
    return patterns


def value_keywords(column: Column) -> dict[str, Any]:
    """Keywords for the column's non-null value in a record (a list column: for each item).

    Integers get ``minimum``, dates ``format: date`` (pydantic writes it for ``date``
    fields), vocabularies their ``enum`` (from the ``Literal`` type). A required text cell may
    not be empty: ``minLength: 1``.
    """
    out: dict[str, Any] = {}
    if column.kind == "integer":
        if column.minimum is not None:
            out["minimum"] = column.minimum
        return out
    if column.kind == "date":
        out["format"] = "date"
        return out
    if column.enum:
        return out  # the enum already allows nothing else
    if column.required and not column.is_list:
        out["minLength"] = 1
    if column.is_list:
        # a formula prefix concerns the whole cell, not each item: only control characters
        out["pattern"] = NO_CONTROL
        return out
    patterns = text_patterns(column)
    if len(patterns) == 1:
        out["pattern"] = patterns[0]
    else:
        out["allOf"] = [{"pattern": pattern} for pattern in patterns]
    return out
