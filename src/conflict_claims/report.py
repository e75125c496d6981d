"""Problems as data, and the report that collects them."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .contract import Column


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
    from .rules import RULES_BY_SLUG

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
    from .rules import RULES_BY_SLUG

    if slug == "vocabulary" and column.enum:
        return f"not one of {', '.join(column.enum)}"
    if slug == "pattern" and column.pattern:
        return f"does not match the pattern {column.pattern}"
    if slug == "type":
        return "not a whole number" if column.kind == "integer" else "not a date YYYY-MM-DD"
    if slug == "required":
        return "empty, but required"
    return RULES_BY_SLUG[slug].description


@dataclass(frozen=True)
class Report:
    """Everything wrong with one package, found in one pass."""

    path: str
    errors: tuple[Problem, ...]
    rows: dict[str, int] = field(default_factory=dict)
    """Number of data rows read per table."""
    files: dict[str, str] = field(default_factory=dict)
    """The file each table was read from."""

    @property
    def valid(self) -> bool:
        return not self.errors

    def keys(self) -> set[tuple[str, str, int | None]]:
        """The (rule, resource, row) set: what two validators must agree on."""
        return {(p.rule, p.resource, p.row) for p in self.errors}

    def by_rule(self) -> Counter[str]:
        return Counter(p.rule for p in self.errors)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape the command line prints with ``--format json``."""
        return {
            "valid": self.valid,
            "path": self.path,
            "error_count": len(self.errors),
            "rows": dict(self.rows),
            "errors": [asdict(p) for p in self.errors],
        }
