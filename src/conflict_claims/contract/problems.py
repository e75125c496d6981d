"""Problems as data: one broken rule at one place, and the words that describe it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from conflict_claims.contract.rules import RULES_BY_SLUG

if TYPE_CHECKING:
    from conflict_claims.contract.tables import Column


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule at one place.

    ``row`` is the data row number as in the file, header excluded (the first data row is 1);
    ``None`` when the problem concerns a whole file or table.
    """

    rule: str
    resource: str
    row: int | None
    field: str | None
    value: str | None
    message: str

    def key(self) -> tuple[str, str, int | None, str | None]:
        return (self.rule, self.resource, self.row, self.field)


def _clip(value: object, limit: int = 80) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(
    rule: str, resource: str, row: int | None, field: str | None, value: object, what: str
) -> Problem:
    """Build a problem whose message names table, row, column, rule and value, then the hint."""
    where = resource + (f", row {row}" if row is not None else "")
    where += f", column {field}" if field else ""
    shown = None if value is None else _clip(value)
    text = f"{where}: {what}"
    if shown is not None:
        text += f" (value: {shown!r})"
    text += f" [{rule}]"
    hint = RULES_BY_SLUG[rule].hint if rule in RULES_BY_SLUG else ""
    if hint:
        text += f" Fix: {hint}"
    return Problem(rule, resource, row, field, None if value is None else str(value), text)


def cell_message(slug: str, column: Column) -> str:
    """What is wrong with a cell, in words, for a cell rule."""
    if slug == "vocabulary" and column.enum:
        return f"not one of {', '.join(column.enum)}"
    if slug == "pattern" and column.pattern:
        return f"does not match the pattern {column.pattern}"
    if slug == "type":
        return "not a whole number" if column.kind == "integer" else "not a date YYYY-MM-DD"
    if slug == "required":
        return "empty, but required"
    return RULES_BY_SLUG[slug].description
