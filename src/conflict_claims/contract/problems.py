"""Problems as data: one broken rule at one place, and the words that describe it.

Every message is built here, from the rule's template and the problem's data, so that every
engine words the same problem the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from string import Formatter
from typing import TYPE_CHECKING, Literal

from conflict_claims.contract.rules import RULES_BY_SLUG

if TYPE_CHECKING:
    from conflict_claims.contract.tables import Column

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One broken rule at one place.

    ``resource`` is the canonical table (``claims``), or ``datapackage``; ``resource_name`` is
    the name the package gives that resource, when it differs. ``row`` is the data row number
    as in the file, header excluded (the first data row is 1); ``line`` is the physical line of
    ``file`` (relative to the package folder) where the record starts; both ``None`` when the
    problem concerns a whole file or table and no line says more. ``message`` says what is
    wrong; ``hint`` how to fix it.
    """

    rule: str
    resource: str
    row: int | None
    field: str | None
    value: str | None
    message: str
    hint: str = ""
    file: str | None = None
    line: int | None = None
    resource_name: str | None = None
    severity: Severity = "error"

    def placed(self, file: str | None, line: int | None, resource_name: str | None) -> Problem:
        """This problem with where it is filled in (``dataclasses.replace`` is several times
        slower, which shows on reports of a hundred thousand problems)."""
        return Problem(
            self.rule, self.resource, self.row, self.field, self.value, self.message, self.hint,
            file, line, resource_name, self.severity,
        )  # fmt: skip

    def key(self) -> tuple[str, str, int | None, str | None]:
        return (self.rule, self.resource, self.row, self.field)

    def where(self) -> str:
        """``bourem-claims (table claims), tables/claims.csv line 4 (row 3), column value_low``."""
        name = self.resource_name or self.resource
        text = name if name == self.resource else f"{name} (table {self.resource})"
        if self.file is not None:
            text += f", {self.file}"
            if self.line is not None:
                text += f" line {self.line}"
        if self.row is not None:
            text += f" (row {self.row})" if self.file is not None else f", row {self.row}"
        if self.field:
            text += f", column {self.field}"
        return text

    def sentence(self) -> str:
        """The whole problem on one line: where, what, the rule, and the fix."""
        tag = self.rule if self.severity == "error" else f"{self.rule}, warning"
        text = f"{self.where()}: {self.message} [{tag}]"
        return text + (f" Fix: {self.hint}" if self.hint else "")


def clip(value: object, limit: int = 80) -> str:
    """A value shortened to ``limit`` characters, for messages."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Slots(dict[str, str]):
    """Template values; a name the row does not hold reads as empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return "(empty)"


def message(
    rule: str,
    field: str | None,
    value: object,
    detail: str = "",
    cells: Mapping[str, object] | None = None,
) -> str:
    """What is wrong, in words: the rule's template filled with the problem's data."""
    known = RULES_BY_SLUG.get(rule)
    template = known.template if known else ""
    if not template:
        template = "{detail}: {value!r}" if value is not None else "{detail}"
    slots = _Slots(
        {
            name: clip(cell)
            for name, cell in (cells or {}).items()
            if cell is not None and cell == cell  # NaN is empty too
        }
    )
    slots.update(field=field or "", detail=detail or (known.description if known else ""))
    if value is not None:
        slots["value"] = clip(value)
    return template.format_map(slots)


def quoted_cells(rule: str) -> tuple[str, ...]:
    """The names a rule's template quotes from the row, beside the problem's own data."""
    known = RULES_BY_SLUG.get(rule)
    names = (name for _, name, _, _ in Formatter().parse(known.template if known else ""))
    return tuple(n for n in names if n and n not in ("field", "value", "detail"))


def describe(
    rule: str,
    resource: str,
    row: int | None,
    field: str | None,
    value: object,
    what: str = "",
    *,
    cells: Mapping[str, object] | None = None,
    hint: str | None = None,
) -> Problem:
    """Build a problem: its message from the rule's template, ``what`` (what the check found)
    and the row's ``cells``; its hint from the catalogue unless ``hint`` says better."""
    known = RULES_BY_SLUG.get(rule)
    return Problem(
        rule,
        resource,
        row,
        field,
        None if value is None else str(value),
        message(rule, field, value, what, cells),
        hint if hint is not None else (known.hint if known else ""),
    )


def cell_message(slug: str, column: Column) -> str:
    """What a cell rule found, in words (the ``{detail}`` of its template)."""
    if slug == "vocabulary" and column.enum:
        return f"not one of {', '.join(column.enum)}"
    if slug == "pattern" and column.pattern:
        return f"does not match the pattern {column.pattern}"
    if slug == "type":
        return "not a whole number" if column.kind == "integer" else "not a date YYYY-MM-DD"
    if slug == "required":
        return "empty, but required"
    if slug in ("field-type", "field-constraint") and column.declared is not None:
        return column.declared.describe(slug)
    return RULES_BY_SLUG[slug].description
