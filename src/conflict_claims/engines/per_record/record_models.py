"""Pydantic models of the records, one per table, checking each record's own rules.

Cells go through the same steps as in the Pandera layer and in the same order, so both report a
broken cell under the same rule. Row rules run once every cell of the record is sound.

>>> from conflict_claims.engines.per_record.record_models import Quantifier
>>> Quantifier.model_validate({"phrase": "dozens", "value_low": "24", "reading": "24 or more"})
Quantifier(phrase='dozens', value_low=24, value_high=None, reading='24 or more')
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from conflict_claims.contract import cells
from conflict_claims.contract.numbers import TOO_LARGE, figure_in_quote, parse_number
from conflict_claims.contract.problems import cell_message
from conflict_claims.contract.tables import TABLES, Column


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return str(value)


def check_cell(column: Column, value: object) -> object:
    """Run one cell through its rules in order; return its parsed value or raise the first."""

    def fail(slug: str) -> PydanticCustomError:
        return PydanticCustomError(slug, cell_message(slug, column))

    text = _text(value)
    if text is not None:
        if cells.has_control(text):
            raise fail("control-character")
        if cells.is_formula(text):
            raise fail("formula-injection")
        if column.is_id and cells.has_edge_blank(text):
            raise fail("id-whitespace")
    if text is None or text == "":
        if column.required:
            raise fail("required")
        if column.declared is not None and column.declared.problem(None) is not None:
            raise fail("field-constraint")
        return None
    parsed: object = text
    if column.kind == "integer":
        parsed = cells.parse_int(text)
    elif column.kind == "date":
        parsed = cells.parse_date(text)
    if parsed is None:
        raise fail("type")
    if column.pattern and not cells.matches(column.pattern, text):
        raise fail("pattern")
    if column.enum and text not in column.enum:
        raise fail("vocabulary")
    if column.minimum is not None and isinstance(parsed, int) and parsed < column.minimum:
        raise fail("value-negative")
    found = column.declared.problem(text) if column.declared is not None else None
    if found is not None:
        raise fail(found)
    return parsed


def _cell(table: str, name: str) -> BeforeValidator:
    column = TABLES[table].column(name)
    return BeforeValidator(lambda value: check_cell(column, value))


def row_failed(info: ValidationInfo, slug: str, field: str, message: str) -> None:
    """Collect a row rule's failure into the validation context, or raise it."""
    context = info.context if isinstance(info.context, dict) else None
    if context is not None and "row_problems" in context:
        context["row_problems"].append((slug, field, message))
    else:
        raise PydanticCustomError(slug, message)


class Record(BaseModel):
    """A row of one table; extra columns of derived tables are kept as they are."""

    model_config = ConfigDict(frozen=True, extra="allow")


class Event(Record):
    event_id: Annotated[str, _cell("events", "event_id")]
    name: Annotated[str, _cell("events", "name")]
    event_type: Annotated[str, _cell("events", "event_type")]
    date_start: Annotated[dt.date, _cell("events", "date_start")]
    date_end: Annotated[dt.date, _cell("events", "date_end")]
    place: Annotated[str, _cell("events", "place")]
    admin1: Annotated[str | None, _cell("events", "admin1")] = None
    country: Annotated[str, _cell("events", "country")]
    conflict: Annotated[str, _cell("events", "conflict")]
    summary: Annotated[str, _cell("events", "summary")]

    @model_validator(mode="after")
    def _row_rules(self, info: ValidationInfo) -> Event:
        if self.date_start > self.date_end:
            row_failed(info, "date-order", "date_end", "date_start is after date_end")
        return self


class Actor(Record):
    actor_id: Annotated[str, _cell("actors", "actor_id")]
    name: Annotated[str, _cell("actors", "name")]
    actor_type: Annotated[str, _cell("actors", "actor_type")]
    parent_id: Annotated[str | None, _cell("actors", "parent_id")] = None
    aliases: Annotated[str | None, _cell("actors", "aliases")] = None


class Participant(Record):
    event_id: Annotated[str, _cell("participants", "event_id")]
    actor_id: Annotated[str, _cell("participants", "actor_id")]
    side: Annotated[str, _cell("participants", "side")]
    notes: Annotated[str | None, _cell("participants", "notes")] = None


class Source(Record):
    source_id: Annotated[str, _cell("sources", "source_id")]
    title: Annotated[str, _cell("sources", "title")]
    publisher: Annotated[str, _cell("sources", "publisher")]
    source_type: Annotated[str, _cell("sources", "source_type")]
    author: Annotated[str | None, _cell("sources", "author")] = None
    published_on: Annotated[dt.date | None, _cell("sources", "published_on")] = None
    url: Annotated[str | None, _cell("sources", "url")] = None
    language: Annotated[str, _cell("sources", "language")]
    snapshot_sha256: Annotated[str, _cell("sources", "snapshot_sha256")]


class Claim(Record):
    claim_id: Annotated[str, _cell("claims", "claim_id")]
    event_id: Annotated[str, _cell("claims", "event_id")]
    claimant_id: Annotated[str, _cell("claims", "claimant_id")]
    source_id: Annotated[str, _cell("claims", "source_id")]
    subject_id: Annotated[str, _cell("claims", "subject_id")]
    category: Annotated[str, _cell("claims", "category")]
    value_low: Annotated[int, _cell("claims", "value_low")]
    value_high: Annotated[int | None, _cell("claims", "value_high")] = None
    value_text: Annotated[str, _cell("claims", "value_text")]
    quote: Annotated[str, _cell("claims", "quote")]
    attribution: Annotated[str, _cell("claims", "attribution")]
    claimed_on: Annotated[dt.date | None, _cell("claims", "claimed_on")] = None
    statement: Annotated[str | None, _cell("claims", "statement")] = None
    notes: Annotated[str | None, _cell("claims", "notes")] = None
    read_in: Annotated[str, _cell("claims", "read_in")]
    restates: Annotated[str | None, _cell("claims", "restates")] = None
    part_of: Annotated[str | None, _cell("claims", "part_of")] = None
    distorts: Annotated[str | None, _cell("claims", "distorts")] = None

    @model_validator(mode="after")
    def _row_rules(self, info: ValidationInfo) -> Claim:
        if self.value_high is not None and self.value_low > self.value_high:
            row_failed(info, "value-order", "value_high", "value_low is above value_high")
        stated = parse_number(self.value_text)
        if stated is not None and (self.value_low != stated or self.value_high != stated):
            said = "a figure beyond 64-bit integers" if stated == TOO_LARGE else stated
            row_failed(
                info,
                "value-text-mismatch",
                "value_text",
                f"value_text states {said}, but value_low/value_high say "
                f"{self.value_low}/{self.value_high}",
            )
        if not figure_in_quote(self.value_text, self.value_low, self.quote):
            row_failed(
                info,
                "figure-not-in-quote",
                "quote",
                "neither value_text nor the figure in digits or words is in the quote",
            )
        return self


class Quantifier(Record):
    phrase: Annotated[str, _cell("quantifiers", "phrase")]
    value_low: Annotated[int, _cell("quantifiers", "value_low")]
    value_high: Annotated[int | None, _cell("quantifiers", "value_high")] = None
    reading: Annotated[str, _cell("quantifiers", "reading")]

    @model_validator(mode="after")
    def _row_rules(self, info: ValidationInfo) -> Quantifier:
        if self.value_high is not None and self.value_low > self.value_high:
            row_failed(info, "value-order", "value_high", "value_low is above value_high")
        return self


RECORD_MODELS: dict[str, type[Record]] = {
    "events": Event,
    "actors": Actor,
    "participants": Participant,
    "sources": Source,
    "claims": Claim,
    "quantifiers": Quantifier,
}


def record_values(record: Record) -> dict[str, Any]:
    """A record's columns, extra columns included, in table order."""
    return {**record.model_dump(), **(record.model_extra or {})}
