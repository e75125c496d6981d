"""Pandera models of the tables as typed frames: the dtypes ``Dataset.frames()`` returns.

Dates are ``datetime64``, integers nullable ``Int64``, vocabularies categoricals with the
contract's categories, other text nullable ``string``. Each model also states what a reader
may rely on (required columns have no missing values, keys are unique, figures are not
negative, dates and figures are in order), so a derived frame can be checked in CI:

>>> from conflict_claims.dataframe_schemas.typed import ClaimsTyped
>>> import conflict_claims as cc
>>> claims = ClaimsTyped.validate(cc.load().frames().claims)
>>> str(claims["value_high"].dtype), str(claims["category"].dtype)
('Int64', 'category')
"""

from __future__ import annotations

from typing import Any, ClassVar

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from conflict_claims.contract.tables import CATEGORIES, TABLES

SPREAD_KINDS = ("self_reported", "adversary", "third_party")
"""The kinds of claim in the spread view (``views.KINDS``)."""


def _field(table: str, name: str) -> Any:
    """The Field of one column, from the contract (a fresh object per column, as pandera
    binds each Field to one name)."""
    spec = TABLES[table]
    column = spec.column(name)
    options: dict[str, Any] = {"nullable": not column.required}
    if spec.primary_key == (name,):
        options["unique"] = True
    if column.minimum is not None:
        options["ge"] = column.minimum
    if column.enum:
        options["dtype_kwargs"] = {"categories": list(column.enum), "ordered": False}
    elif column.pattern and column.kind == "string":
        options["str_matches"] = column.pattern
    return pa.Field(**options)


class _Typed(pa.DataFrameModel):
    class Config:
        strict = False  # derived tables may add columns (as text)
        coerce = False  # frames() builds the dtypes; a wrong dtype here is a bug to report


def _in_order(low: pd.Series, high: pd.Series) -> pd.Series:
    """True where low <= high, or where either is missing."""
    ok: pd.Series = (low <= high).fillna(True).astype(bool)
    return ok


class EventsTyped(_Typed):
    event_id: Series[pd.StringDtype] = _field("events", "event_id")
    name: Series[pd.StringDtype] = _field("events", "name")
    event_type: Series[pd.CategoricalDtype] = _field("events", "event_type")
    date_start: Series[pd.Timestamp] = _field("events", "date_start")
    date_end: Series[pd.Timestamp] = _field("events", "date_end")
    place: Series[pd.StringDtype] = _field("events", "place")
    admin1: Series[pd.StringDtype] = _field("events", "admin1")
    country: Series[pd.StringDtype] = _field("events", "country")
    conflict: Series[pd.StringDtype] = _field("events", "conflict")
    summary: Series[pd.StringDtype] = _field("events", "summary")

    @pa.dataframe_check(name="date-order")
    def _date_order(cls, df: pd.DataFrame) -> pd.Series:  # noqa: N805 (pandera binds checks as classmethods)
        return _in_order(df["date_start"], df["date_end"])


class ActorsTyped(_Typed):
    actor_id: Series[pd.StringDtype] = _field("actors", "actor_id")
    name: Series[pd.StringDtype] = _field("actors", "name")
    actor_type: Series[pd.CategoricalDtype] = _field("actors", "actor_type")
    parent_id: Series[pd.StringDtype] = _field("actors", "parent_id")
    aliases: Series[pd.StringDtype] = _field("actors", "aliases")


class ParticipantsTyped(_Typed):
    event_id: Series[pd.StringDtype] = _field("participants", "event_id")
    actor_id: Series[pd.StringDtype] = _field("participants", "actor_id")
    side: Series[pd.StringDtype] = _field("participants", "side")
    notes: Series[pd.StringDtype] = _field("participants", "notes")

    class Config:
        unique: ClassVar[list[str]] = ["event_id", "actor_id"]


class SourcesTyped(_Typed):
    source_id: Series[pd.StringDtype] = _field("sources", "source_id")
    title: Series[pd.StringDtype] = _field("sources", "title")
    publisher: Series[pd.StringDtype] = _field("sources", "publisher")
    source_type: Series[pd.CategoricalDtype] = _field("sources", "source_type")
    author: Series[pd.StringDtype] = _field("sources", "author")
    published_on: Series[pd.Timestamp] = _field("sources", "published_on")
    url: Series[pd.StringDtype] = _field("sources", "url")
    language: Series[pd.StringDtype] = _field("sources", "language")
    snapshot_sha256: Series[pd.StringDtype] = _field("sources", "snapshot_sha256")


class ClaimsTyped(_Typed):
    claim_id: Series[pd.StringDtype] = _field("claims", "claim_id")
    event_id: Series[pd.StringDtype] = _field("claims", "event_id")
    claimant_id: Series[pd.StringDtype] = _field("claims", "claimant_id")
    source_id: Series[pd.StringDtype] = _field("claims", "source_id")
    subject_id: Series[pd.StringDtype] = _field("claims", "subject_id")
    category: Series[pd.CategoricalDtype] = _field("claims", "category")
    value_low: Series[pd.Int64Dtype] = _field("claims", "value_low")
    value_high: Series[pd.Int64Dtype] = _field("claims", "value_high")
    value_text: Series[pd.StringDtype] = _field("claims", "value_text")
    quote: Series[pd.StringDtype] = _field("claims", "quote")
    attribution: Series[pd.CategoricalDtype] = _field("claims", "attribution")
    claimed_on: Series[pd.Timestamp] = _field("claims", "claimed_on")
    statement: Series[pd.StringDtype] = _field("claims", "statement")
    notes: Series[pd.StringDtype] = _field("claims", "notes")
    read_in: Series[pd.CategoricalDtype] = _field("claims", "read_in")
    restates: Series[pd.StringDtype] = _field("claims", "restates")
    part_of: Series[pd.StringDtype] = _field("claims", "part_of")
    distorts: Series[pd.StringDtype] = _field("claims", "distorts")

    @pa.dataframe_check(name="value-order")
    def _value_order(cls, df: pd.DataFrame) -> pd.Series:  # noqa: N805 (pandera binds checks as classmethods)
        return _in_order(df["value_low"], df["value_high"])


class QuantifiersTyped(_Typed):
    phrase: Series[pd.StringDtype] = _field("quantifiers", "phrase")
    value_low: Series[pd.Int64Dtype] = _field("quantifiers", "value_low")
    value_high: Series[pd.Int64Dtype] = _field("quantifiers", "value_high")
    reading: Series[pd.StringDtype] = _field("quantifiers", "reading")

    @pa.dataframe_check(name="value-order")
    def _value_order(cls, df: pd.DataFrame) -> pd.Series:  # noqa: N805 (pandera binds checks as classmethods)
        return _in_order(df["value_low"], df["value_high"])


TYPED_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "events": EventsTyped,
    "actors": ActorsTyped,
    "participants": ParticipantsTyped,
    "sources": SourcesTyped,
    "claims": ClaimsTyped,
    "quantifiers": QuantifiersTyped,
}


class SpreadFrame(pa.DataFrameModel):
    """The frame of ``views.spread_frame``: one row per event, side, category and kind."""

    event_id: Series[pd.StringDtype] = pa.Field()
    side: Series[pd.StringDtype] = pa.Field()
    category: Series[pd.CategoricalDtype] = pa.Field(
        dtype_kwargs={"categories": list(CATEGORIES), "ordered": False}
    )
    kind: Series[pd.CategoricalDtype] = pa.Field(
        dtype_kwargs={"categories": list(SPREAD_KINDS), "ordered": False}
    )
    low: Series[pd.Int64Dtype] = pa.Field(ge=0)
    low_claim_ids: Series[pd.StringDtype] = pa.Field()
    low_claimant_ids: Series[pd.StringDtype] = pa.Field()
    high: Series[pd.Int64Dtype] = pa.Field(ge=0)
    high_claim_ids: Series[pd.StringDtype] = pa.Field()
    high_claimant_ids: Series[pd.StringDtype] = pa.Field()
    open_ended: Series[bool] = pa.Field()
    claims: Series[pd.Int64Dtype] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = False
        unique: ClassVar[list[str]] = ["event_id", "side", "category", "kind"]

    @pa.dataframe_check(name="value-order")
    def _low_high(cls, df: pd.DataFrame) -> pd.Series:  # noqa: N805 (pandera binds checks as classmethods)
        return _in_order(df["low"], df["high"])
