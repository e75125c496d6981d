"""Pydantic models of the records, one per table, checking each record's own rules.

Cells go through the same steps as in the Pandera layer and in the same order, so both report a
broken cell under the same rule. Row rules run once every cell of the record is sound.

>>> from conflict_claims.engines.per_record.record_models import Quantifier
>>> Quantifier.model_validate({"phrase": "dozens", "value_low": "24", "reading": "24 or more"})
Quantifier(phrase='dozens', value_low=24, value_high=None, reading='24 or more')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from conflict_claims.contract import cells
from conflict_claims.contract.json_constraints import value_keywords
from conflict_claims.contract.numbers import TOO_LARGE, figure_in_quote, parse_number
from conflict_claims.contract.problems import cell_message
from conflict_claims.contract.tables import (
    LIST_SEPARATOR,
    TABLES,
    ActorType,
    Attribution,
    Category,
    Column,
    EventType,
    Place,
    SourceType,
)

if TYPE_CHECKING:
    # navigation only: records resolve related records through the Dataset that holds them
    from conflict_claims.typed.dataset import Dataset


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


def _cell_value(column: Column, value: object) -> object:
    """A cell through its rules; a list column's items are checked as their joined cell."""
    if not column.is_list:
        return check_cell(column, value)
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    parsed = check_cell(column, value)
    return () if parsed is None else tuple(str(parsed).split(LIST_SEPARATOR))


def _json_extra(column: Column) -> Callable[[dict[str, Any]], None]:
    """Writes the column's rules into its field's JSON Schema (into the non-null branch)."""
    keywords = value_keywords(column)

    def extra(schema: dict[str, Any]) -> None:
        branches = [b for b in schema.get("anyOf", [schema]) if b.get("type") != "null"]
        target = branches[0] if len(branches) == 1 else schema
        if target.get("type") == "array":
            target = target["items"]
        target.update(keywords)

    return extra


def _field(table: str, name: str, **default: Any) -> Any:
    """A field for one column: its description and JSON Schema keywords from the contract."""
    column = TABLES[table].column(name)
    return Field(**default, description=column.description, json_schema_extra=_json_extra(column))


def row_failed(info: ValidationInfo, slug: str, field: str, message: str) -> None:
    """Collect a row rule's failure into the validation context, or raise it."""
    context = info.context if isinstance(info.context, dict) else None
    if context is not None and "row_problems" in context:
        context["row_problems"].append((slug, field, message))
    else:
        raise PydanticCustomError(slug, message)


_NO_DATASET = (
    "this {kind} belongs to no Dataset: navigation works on records taken from one "
    "(conflict_claims.load(), or Dataset(...) built from them)"
)


class Record(BaseModel):
    """A row of one table; extra columns of derived tables are kept as they are.

    A record that is part of a :class:`~conflict_claims.Dataset` knows it (through a private
    attribute that equality and hashing ignore), so it can navigate to related records:
    ``claim.event``, ``actor.members``. Records are frozen, hashable, and equal when their
    columns are equal, whichever dataset holds them.
    """

    model_config = ConfigDict(frozen=True, extra="allow")
    _table: ClassVar[str]
    _dataset: Any = PrivateAttr(default=None)

    @field_validator("*", mode="before")
    @classmethod
    def _cell_rules(cls, value: object, info: ValidationInfo) -> object:
        # every declared field is a column of the record's table
        assert info.field_name is not None
        return _cell_value(TABLES[cls._table].column(info.field_name), value)

    def __eq__(self, other: object) -> bool:
        # the columns only: the dataset a record belongs to is not part of its value
        if not isinstance(other, BaseModel):
            return NotImplemented
        return (
            type(self) is type(other)
            and self.__dict__ == other.__dict__
            and self.__pydantic_extra__ == other.__pydantic_extra__
        )

    def _home(self) -> Dataset:
        private = self.__pydantic_private__
        home = None if private is None else private.get("_dataset")
        if home is None:
            raise LookupError(_NO_DATASET.format(kind=type(self).__name__))
        found: Dataset = home
        return found


class Event(Record):
    """An event: a battle, attack, raid or incident that at least one figure is about."""

    _table = "events"
    event_id: str = _field("events", "event_id")
    name: str = _field("events", "name")
    event_type: EventType = _field("events", "event_type")
    date_start: dt.date = _field("events", "date_start")
    date_end: dt.date = _field("events", "date_end")
    place: str = _field("events", "place")
    admin1: str | None = _field("events", "admin1", default=None)
    country: str = _field("events", "country")
    conflict: str = _field("events", "conflict")
    summary: str = _field("events", "summary")

    @model_validator(mode="after")
    def _row_rules(self, info: ValidationInfo) -> Event:
        if self.date_start > self.date_end:
            row_failed(info, "date-order", "date_end", "date_start is after date_end")
        return self

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The claims about this event, in table order."""
        return self._home().claims_about(self)

    @property
    def participants(self) -> tuple[Participant, ...]:
        """Who took part in this event, in table order."""
        return self._home().participants_of(self)


class Actor(Record):
    """A party that fights or speaks: armed forces, a group, a coalition, an outlet…"""

    _table = "actors"
    actor_id: str = _field("actors", "actor_id")
    name: str = _field("actors", "name")
    actor_type: ActorType = _field("actors", "actor_type")
    parent_id: str | None = _field("actors", "parent_id", default=None)
    aliases: tuple[str, ...] = _field("actors", "aliases", default=())

    @property
    def parent(self) -> Actor | None:
        """The coalition or organisation this actor belongs to (``parent_id``), or None."""
        return None if self.parent_id is None else self._home().actor(self.parent_id)

    @property
    def members(self) -> tuple[Actor, ...]:
        """The actors whose ``parent_id`` is this actor (direct members only), in table order."""
        return self._home().members_of(self)


class Participant(Record):
    """One actor's part in one event, and the side it fought on."""

    _table = "participants"
    event_id: str = _field("participants", "event_id")
    actor_id: str = _field("participants", "actor_id")
    side: str = _field("participants", "side")
    notes: str | None = _field("participants", "notes", default=None)

    @property
    def event(self) -> Event:
        """The event taken part in."""
        return self._home().event(self.event_id)

    @property
    def actor(self) -> Actor:
        """The actor that took part."""
        return self._home().actor(self.actor_id)


class Source(Record):
    """A document the figures come from."""

    _table = "sources"
    source_id: str = _field("sources", "source_id")
    title: str = _field("sources", "title")
    publisher: str = _field("sources", "publisher")
    source_type: SourceType = _field("sources", "source_type")
    author: str | None = _field("sources", "author", default=None)
    published_on: dt.date | None = _field("sources", "published_on", default=None)
    url: str | None = _field("sources", "url", default=None)
    language: str = _field("sources", "language")
    snapshot_sha256: str = _field("sources", "snapshot_sha256")


class Claim(Record):
    """One figure, as one claimant stated it, as one source reports it, with its quote."""

    _table = "claims"
    claim_id: str = _field("claims", "claim_id")
    event_id: str = _field("claims", "event_id")
    claimant_id: str = _field("claims", "claimant_id")
    source_id: str = _field("claims", "source_id")
    subject_id: str = _field("claims", "subject_id")
    category: Category = _field("claims", "category")
    value_low: int = _field("claims", "value_low")
    value_high: int | None = _field("claims", "value_high", default=None)
    value_text: str = _field("claims", "value_text")
    quote: str = _field("claims", "quote")
    attribution: Attribution = _field("claims", "attribution")
    claimed_on: dt.date | None = _field("claims", "claimed_on", default=None)
    statement: str | None = _field("claims", "statement", default=None)
    notes: str | None = _field("claims", "notes", default=None)
    read_in: Place = _field("claims", "read_in")
    restates: str | None = _field("claims", "restates", default=None)
    part_of: str | None = _field("claims", "part_of", default=None)
    distorts: str | None = _field("claims", "distorts", default=None)

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

    @property
    def event(self) -> Event:
        """The event the figure is about."""
        return self._home().event(self.event_id)

    @property
    def claimant(self) -> Actor:
        """Who asserts the figure (the outlet itself for a figure in the source's own voice)."""
        return self._home().actor(self.claimant_id)

    @property
    def subject(self) -> Actor:
        """Whose losses the figure counts."""
        return self._home().actor(self.subject_id)

    @property
    def source(self) -> Source:
        """The document that reports the figure."""
        return self._home().source(self.source_id)


class Quantifier(Record):
    """The interval recorded for a vague phrase ("dozens": at least 24)."""

    _table = "quantifiers"
    phrase: str = _field("quantifiers", "phrase")
    value_low: int = _field("quantifiers", "value_low")
    value_high: int | None = _field("quantifiers", "value_high", default=None)
    reading: str = _field("quantifiers", "reading")

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
