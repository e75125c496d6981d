"""The tables and columns of the data package: the contract every rule checks.

The Table Schemas in ``datapackage.json`` and ``schemas/`` are generated from here, and a test
fails if the bundled descriptor drifts from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from conflict_claims.contract.cells import NOT_BLANK
from conflict_claims.contract.fields import DeclaredField

Kind = Literal["string", "integer", "date"]

SLUG = "^[a-z0-9]+(-[a-z0-9]+)*$"
EVENT_ID = "^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$"

EventType = Literal["battle", "attack", "raid", "ambush", "airstrike", "air_incident"]
ActorType = Literal[
    "armed_forces",
    "mercenaries",
    "coalition",
    "armed_group",
    "jihadist_group",
    "peacekeepers",
    "civilians",
    "unidentified",
    "government",
    "spokesperson",
    "journalist",
    "media",
    "outlet",
    "social_media_account",
    "witness",
]
SourceType = Literal[
    "encyclopedia",
    "encyclopedia_mirror",
    "news_article",
    "press_release",
    "social_media",
    "report",
]
Category = Literal[
    "killed",
    "injured",
    "killed_or_injured",
    "missing",
    "captured",
    "bodies_found",
    "vehicles_destroyed",
    "vehicles_captured",
    "aircraft_destroyed",
    "aircraft_damaged",
    "weapons_seized",
]
Attribution = Literal["named", "own_voice", "reportedly"]

# The vocabularies as tuples, taken from the Literal types so that each is written once.
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
ACTOR_TYPES: tuple[str, ...] = get_args(ActorType)
SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
CATEGORIES: tuple[str, ...] = get_args(Category)
ATTRIBUTIONS: tuple[str, ...] = get_args(Attribution)
Place = Literal["body", "infobox", "headline", "caption"]
PLACES: tuple[str, ...] = get_args(Place)
"""Where in its source a claim was read: the running text, an infobox (key-value summary
box), a headline or title, a caption."""
LINKS = ("restates", "part_of", "distorts")
"""Columns of claims that name another claim; see the data dictionary."""
UNATTRIBUTED = ("own_voice", "reportedly")
OUTLET = "outlet"
LIST_SEPARATOR = "|"
"""Joins the items of a list column (actors.aliases) in its cell."""
ANYONE = ("civilians", "unidentified")
"""Actor types that may be a claim's subject without taking part in the event."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "string"
    description: str = ""
    required: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    is_id: bool = False
    """Keys and references: no blanks at the edges."""
    declared: DeclaredField | None = None
    """The field a derived package declares for this column, where it says more than the
    contract (an added column, or a contract column declared more strictly): its cells are
    also held to it (rules field-type and field-constraint)."""
    is_list: bool = False
    """A list: the cell joins the items with LIST_SEPARATOR; a record holds them as a tuple."""

    def table_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "type": self.kind}
        if self.kind == "date":
            out["format"] = "default"
        if self.description:
            out["description"] = self.description
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.pattern:
            constraints["pattern"] = self.pattern
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    field: str
    resource: str
    reference: str


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def with_extras(self, header: Iterable[str]) -> tuple[Column, ...]:
        """The contract's columns, then each further column of ``header`` as plain text: every
        cell, an added column's too, is held to the text-hygiene rules."""
        extras = tuple(Column(name) for name in header if name not in self.column_names)
        return self.columns + extras

    def table_schema(self) -> dict[str, Any]:
        fields = [c.table_schema() for c in self.columns]
        if len(self.primary_key) == 1:
            # frictionless reports a repeated single key as a unique-constraint error per row
            key = next(f for f in fields if f["name"] == self.primary_key[0])
            key["constraints"]["unique"] = True
        schema: dict[str, Any] = {
            "fields": fields,
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": fk.field,
                    # a reference within the table is "" (Table Schema v1), so that it holds
                    # whatever name a derived package gives the resource
                    "reference": {
                        "resource": "" if fk.resource == self.name else fk.resource,
                        "fields": fk.reference,
                    },
                }
                for fk in self.foreign_keys
            ]
        return schema


C = Column
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table("events", "Events",
              "One row per event: a battle, attack, raid or incident that at least one figure "
              "is about.", (
            C("event_id", description="Slug: start date, then place (2023-09-12-bourem).",
              required=True, pattern=EVENT_ID, is_id=True),
            C("name", description="Name of the event.", required=True),
            C("event_type", description="Kind of event.", required=True, enum=EVENT_TYPES),
            C("date_start", "date", "First day (ISO 8601).", required=True),
            C("date_end", "date", "Last day (ISO 8601); equal to date_start for a one-day event.",
              required=True),
            C("place", description="Locality as the sources name it.", required=True),
            C("admin1", description="First-level administrative region, when a source states it."),
            C("country", description="ISO 3166-1 alpha-3 code.", required=True,
              pattern="^[A-Z]{3}$"),
            C("conflict", description="The wider conflict.", required=True),
            C("summary", description="What happened, in this project's words.", required=True),
        ), ("event_id",)),
        Table("actors", "Actors",
              "Every party that fights or speaks: armed forces, groups, coalitions, peacekeepers, "
              "civilians, spokespeople, journalists, outlets, witnesses.", (
            C("actor_id", description="Slug.", required=True, pattern=SLUG, is_id=True),
            C("name", description="Preferred name.", required=True),
            C("actor_type", description="Kind of actor.", required=True, enum=ACTOR_TYPES),
            C("parent_id", description="The coalition or organisation this actor belongs to or "
              "speaks for (an actor_id); never a cycle.", pattern=SLUG, is_id=True),
            C("aliases", description="Spellings the sources use, separated by '|'.",
              is_list=True),
        ), ("actor_id",), (ForeignKey("parent_id", "actors", "actor_id"),)),
        Table("participants", "Participants", "Who took part in each event, and on which side.", (
            C("event_id", description="The event.", required=True, is_id=True),
            C("actor_id", description="The actor that took part.", required=True, is_id=True),
            C("side", description="Side label within the event (slug): actors with the same "
              "label fought together.", required=True, pattern=SLUG, is_id=True),
            C("notes", description="Where the sources disagree, and how it was read."),
        ), ("event_id", "actor_id"), (ForeignKey("event_id", "events", "event_id"),
                                      ForeignKey("actor_id", "actors", "actor_id"))),
        Table("sources", "Sources", "The documents the figures come from.", (
            C("source_id", description="Slug.", required=True, pattern=SLUG, is_id=True),
            C("title", description="Title as published.", required=True),
            C("publisher", description="Who published it, as the text shows.", required=True),
            C("source_type", description="Kind of document.", required=True, enum=SOURCE_TYPES),
            C("author", description="Author, when the text names one."),
            C("published_on", "date", "Publication date, when the text gives one."),
            C("url", description="Address, when known.", pattern=f"^https?://{NOT_BLANK}+$"),
            C("language", description="ISO 639-1 code.", required=True, pattern="^[a-z]{2}$"),
            C("snapshot_sha256", description="sha256 of the text file the quotes were checked "
              "against.", required=True, pattern="^[0-9a-f]{64}$"),
        ), ("source_id",)),
        Table("claims", "Claims",
              "One row per figure as one claimant stated it, as one source reports it.", (
            C("claim_id", description="Slug: source_id and a sequence number.", required=True,
              pattern=SLUG, is_id=True),
            C("event_id", description="The event the figure is about.", required=True,
              is_id=True),
            C("claimant_id", description="Who asserts the figure (the outlet itself when the "
              "source speaks in its own voice).", required=True, is_id=True),
            C("source_id", description="Where the figure is documented.", required=True,
              is_id=True),
            C("subject_id", description="Whose losses the figure counts.", required=True,
              is_id=True),
            C("category", description="What is counted.", required=True, enum=CATEGORIES),
            C("value_low", "integer", "Lowest value the wording allows.", required=True,
              minimum=0),
            C("value_high", "integer", "Highest value the wording allows; empty where no upper "
              "bound is stated.", minimum=0),
            C("value_text", description="The figure as the source words it.", required=True),
            C("quote", description="Verbatim excerpt of the source that contains the figure.",
              required=True),
            C("attribution", description="named: the source names the claimant; own_voice: the "
              "source states it as fact; reportedly: the source reports it without naming "
              "anyone.", required=True, enum=ATTRIBUTIONS),
            C("claimed_on", "date", "Date of the statement, when known."),
            C("statement", description="Who spoke and in what statement, when stated."),
            C("notes", description="How the passage was read, where it needs saying."),
            C("read_in", description="Where in its source the figure was read.",
              required=True, enum=PLACES),
            C("restates", description="The claim (claim_id) this one repeats: the same "
              "statement, read in another passage or source, with the same event, claimant, "
              "subject, category and an agreeing interval. Count only one of them.",
              pattern=SLUG, is_id=True),
            C("part_of", description="The claim (claim_id) whose total this figure is a part "
              "of (one day of two, say). Count the total or the parts, not both.",
              pattern=SLUG, is_id=True),
            C("distorts", description="The claim (claim_id) this one reports, but changed: "
              "another claimant, subject, category or a figure that does not agree. Recorded "
              "so the change is visible; count the claim it distorts.", pattern=SLUG,
              is_id=True),
        ), ("claim_id",), (ForeignKey("event_id", "events", "event_id"),
                           ForeignKey("claimant_id", "actors", "actor_id"),
                           ForeignKey("source_id", "sources", "source_id"),
                           ForeignKey("subject_id", "actors", "actor_id"),
                           ForeignKey("restates", "claims", "claim_id"),
                           ForeignKey("part_of", "claims", "claim_id"),
                           ForeignKey("distorts", "claims", "claim_id"))),
        Table("quantifiers", "Quantifiers",
              "The interval recorded for each vague phrase used in value_text.", (
            C("phrase", description="The phrase, as it appears in value_text.", required=True,
              is_id=True),
            C("value_low", "integer", "Lowest value recorded for the phrase.", required=True,
              minimum=0),
            C("value_high", "integer", "Highest value recorded; empty where the phrase sets no "
              "upper bound.", minimum=0),
            C("reading", description="Why this interval.", required=True),
        ), ("phrase",)),
    )
}  # fmt: skip

TABLE_NAMES: tuple[str, ...] = tuple(TABLES)
