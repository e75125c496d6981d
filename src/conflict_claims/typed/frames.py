"""Records as pandas DataFrames with proper dtypes, each validated by its typed Pandera model.

``actors.aliases`` stays the cell's ``|``-joined text here; ``polars_frames`` gives polars
DataFrames.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, cast

import pandas as pd
from pandera.typing import DataFrame

from conflict_claims.contract.tables import LIST_SEPARATOR, TABLES, Column
from conflict_claims.dataframe_schemas.typed import (
    TYPED_MODELS,
    ActorsTyped,
    ClaimsTyped,
    EventsTyped,
    ParticipantsTyped,
    QuantifiersTyped,
    SourcesTyped,
)
from conflict_claims.engines.per_record.record_models import Record

if TYPE_CHECKING:
    from conflict_claims.typed.dataset import Dataset


@dataclass(frozen=True)
class Frames:
    """One typed DataFrame per table.

    >>> import conflict_claims as cc
    >>> f = cc.frames()
    >>> f.events["date_start"].dtype.kind, str(f.claims["value_low"].dtype)
    ('M', 'Int64')
    """

    events: DataFrame[EventsTyped]
    actors: DataFrame[ActorsTyped]
    participants: DataFrame[ParticipantsTyped]
    sources: DataFrame[SourcesTyped]
    claims: DataFrame[ClaimsTyped]
    quantifiers: DataFrame[QuantifiersTyped]

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """(table name, frame) pairs in table order."""
        for f in fields(self):
            yield f.name, getattr(self, f.name)


def typed_series(column: Column | None, values: Sequence[Any]) -> pd.Series:
    """A column's values (None for empty) as a Series of the column's dtype."""
    data = list(values)
    if column is not None and column.is_list:  # the frame keeps the cell's text
        data = [LIST_SEPARATOR.join(v) if v else None for v in data]
    series: pd.Series
    if column is None:  # an extra column of a derived table: text
        series = pd.Series([None if v is None else str(v) for v in data], dtype="string")
    elif column.enum:
        series = pd.Series(pd.Categorical(data, categories=list(column.enum)))
    elif column.kind == "integer":
        series = pd.Series(pd.array(data, dtype="Int64"))
    elif column.kind == "date":
        series = pd.Series(pd.to_datetime(pd.Series(data, dtype=object)), dtype="datetime64[ns]")
    else:
        series = pd.Series(data, dtype="string")
    return series


def extra_columns(records: Sequence[Record]) -> list[str]:
    """Names of the extra columns of derived records, in order of first appearance."""
    seen: dict[str, None] = {}
    for record in records:
        for name in record.model_extra or {}:
            seen.setdefault(name)
    return list(seen)


def table_frame(table: str, records: Sequence[Record]) -> pd.DataFrame:
    """One table's records as a typed frame, validated by its typed model."""
    spec = TABLES[table]
    columns: dict[str, pd.Series] = {
        c.name: typed_series(c, [getattr(r, c.name) for r in records]) for c in spec.columns
    }
    for name in extra_columns(records):
        columns[name] = typed_series(None, [(r.model_extra or {}).get(name) for r in records])
    frame = pd.DataFrame(columns)
    validated: pd.DataFrame = TYPED_MODELS[table].validate(frame)
    return validated


def dataset_frames(dataset: Dataset) -> Frames:
    """Every table of a dataset as a typed frame."""
    return Frames(
        events=cast("DataFrame[EventsTyped]", table_frame("events", dataset.events)),
        actors=cast("DataFrame[ActorsTyped]", table_frame("actors", dataset.actors)),
        participants=cast(
            "DataFrame[ParticipantsTyped]", table_frame("participants", dataset.participants)
        ),
        sources=cast("DataFrame[SourcesTyped]", table_frame("sources", dataset.sources)),
        claims=cast("DataFrame[ClaimsTyped]", table_frame("claims", dataset.claims)),
        quantifiers=cast(
            "DataFrame[QuantifiersTyped]", table_frame("quantifiers", dataset.quantifiers)
        ),
    )
