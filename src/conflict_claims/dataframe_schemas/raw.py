"""Pandera models of the six tables, checking each table's own rules on raw text cells.

Cells are kept as text so that a malformed cell is reported, not coerced away. Every check is
named by its rule slug, so ``failure_cases`` maps straight onto the rule catalogue.

>>> from conflict_claims.dataframe_schemas.raw import ClaimsFrame
>>> ClaimsFrame.validate(frame, lazy=True)  # doctest: +SKIP
"""

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from conflict_claims.contract.tables import TABLES
from conflict_claims.engines.vectorised import table_checks
from conflict_claims.engines.vectorised.engine import Failure
from conflict_claims.engines.vectorised.table_checks import row_checks


def _passes(fails: Callable[[Any], pd.Series]) -> Callable[[Any, Any], pd.Series]:
    def check(_cls: Any, data: Any) -> pd.Series:
        return ~fails(data)

    return check


def _with_rules(table_name: str) -> Callable[[type[pa.DataFrameModel]], type[pa.DataFrameModel]]:
    """Attach the table's cell and row checks, generated from the contract."""

    def attach(model: type[pa.DataFrameModel]) -> type[pa.DataFrameModel]:
        table = TABLES[table_name]
        for column in table.columns:
            for slug, fails in table_checks.cell_checks(column):
                check = pa.check(column.name, name=slug, ignore_na=False)(_passes(fails))
                setattr(model, f"_check_{column.name}_{slug.replace('-', '_')}", check)
        for slug, _field, row_fails in table_checks.row_checks(table):
            check = pa.dataframe_check(name=slug, ignore_na=False)(_passes(row_fails))
            setattr(model, f"_check_row_{slug.replace('-', '_')}", check)
        return model

    return attach


class _Raw(pa.DataFrameModel):
    class Config:
        strict = False  # derived tables may add columns
        coerce = False


def _text() -> Any:
    # a fresh Field each time: pandera binds each Field object to one column name
    return pa.Field(nullable=True)


@_with_rules("events")
class EventsFrame(_Raw):
    event_id: Series[str] = _text()
    name: Series[str] = _text()
    event_type: Series[str] = _text()
    date_start: Series[str] = _text()
    date_end: Series[str] = _text()
    place: Series[str] = _text()
    admin1: Series[str] = _text()
    country: Series[str] = _text()
    conflict: Series[str] = _text()
    summary: Series[str] = _text()


@_with_rules("actors")
class ActorsFrame(_Raw):
    actor_id: Series[str] = _text()
    name: Series[str] = _text()
    actor_type: Series[str] = _text()
    parent_id: Series[str] = _text()
    aliases: Series[str] = _text()


@_with_rules("participants")
class ParticipantsFrame(_Raw):
    event_id: Series[str] = _text()
    actor_id: Series[str] = _text()
    side: Series[str] = _text()
    notes: Series[str] = _text()


@_with_rules("sources")
class SourcesFrame(_Raw):
    source_id: Series[str] = _text()
    title: Series[str] = _text()
    publisher: Series[str] = _text()
    source_type: Series[str] = _text()
    author: Series[str] = _text()
    published_on: Series[str] = _text()
    url: Series[str] = _text()
    language: Series[str] = _text()
    snapshot_sha256: Series[str] = _text()


@_with_rules("claims")
class ClaimsFrame(_Raw):
    claim_id: Series[str] = _text()
    event_id: Series[str] = _text()
    claimant_id: Series[str] = _text()
    source_id: Series[str] = _text()
    subject_id: Series[str] = _text()
    category: Series[str] = _text()
    value_low: Series[str] = _text()
    value_high: Series[str] = _text()
    value_text: Series[str] = _text()
    quote: Series[str] = _text()
    attribution: Series[str] = _text()
    claimed_on: Series[str] = _text()
    statement: Series[str] = _text()
    notes: Series[str] = _text()
    read_in: Series[str] = _text()
    restates: Series[str] = _text()
    part_of: Series[str] = _text()
    distorts: Series[str] = _text()


@_with_rules("quantifiers")
class QuantifiersFrame(_Raw):
    phrase: Series[str] = _text()
    value_low: Series[str] = _text()
    value_high: Series[str] = _text()
    reading: Series[str] = _text()


FRAME_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "events": EventsFrame,
    "actors": ActorsFrame,
    "participants": ParticipantsFrame,
    "sources": SourcesFrame,
    "claims": ClaimsFrame,
    "quantifiers": QuantifiersFrame,
}


def pandera_failures(name: str, frame: pd.DataFrame) -> list[Failure]:
    """The triples the vectorised engine's ``failures`` gives, from the table's Pandera model.

    The tests compare the two, so that these models stay an exact description of the rules."""
    import pandera.pandas as pa

    try:
        FRAME_MODELS[name].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    else:
        return []
    cases = cases[cases["index"].notna()]
    row_field = {slug: field for slug, field, _ in row_checks(TABLES[name])}
    grouped: dict[tuple[str, str], list[int]] = {}
    for check, column, index in zip(cases["check"], cases["column"], cases["index"], strict=True):
        field = row_field.get(check, column)
        grouped.setdefault((check, field), []).append(int(index))
    return [(slug, field, np.array(sorted(set(rows)))) for (slug, field), rows in grouped.items()]
