"""Derived views readers want first: the spread of the figures claimed for each event.

For every event, side and category, the lowest and the highest figure claimed and by whom,
with figures a side reports about its own losses kept apart from figures about the enemy. It
is built on the statements (``Dataset.statements``): a figure an infobox repeats, or the parts
of a total, do not widen the spread.

>>> import conflict_claims as cc
>>> rows = cc.spread(cc.load())
>>> row = next(r for r in rows if r.event_id == "2023-09-17-lere" and r.category == "killed"
...            and r.side == "government" and r.kind == "adversary")
>>> (row.low, row.low_claimant_ids, row.high, row.high_claimant_ids)
(35, ('csp-psd',), 35, ('csp-psd',))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from conflict_claims.contract.actor_graph import ancestors
from conflict_claims.contract.tables import ANYONE, CATEGORIES
from conflict_claims.engines.per_record.record_models import Actor, Participant
from conflict_claims.typed.statements import Statement

if TYPE_CHECKING:
    from pandera.typing import DataFrame

    from conflict_claims.dataframe_schemas.typed import SpreadFrame
    from conflict_claims.typed.dataset import Dataset

Kind = Literal["self_reported", "adversary", "third_party"]
KINDS: tuple[Kind, ...] = ("self_reported", "adversary", "third_party")
"""Kept equal to ``dataframe_schemas.typed.SPREAD_KINDS`` (a test checks it)."""


class SpreadRow(BaseModel):
    """The lowest and highest figure claimed for one event, side, category and kind of claim."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: str = Field(description="The event.")
    side: str = Field(
        description="The subject's side in the event (participants.side, reached through "
        "parent_id for members of a coalition); for subjects that took no part, such as "
        "civilians or unidentified people, their actor_type."
    )
    category: str = Field(description="What is counted (claims.category).")
    kind: Kind = Field(
        description="self_reported: the claimant is on the subject's side (its own losses); "
        "adversary: the claimant fought on another side; third_party: the claimant took no "
        "part in the event (an outlet, journalist, witness…)."
    )
    low: int = Field(ge=0, description="Lowest value_low among the statements.")
    low_claim_ids: tuple[str, ...] = Field(
        description="Statements with the lowest figure, each by the claim that carries it "
        "(Statement.claim_id)."
    )
    low_claimant_ids: tuple[str, ...] = Field(description="Their claimants, each once.")
    high: int = Field(
        ge=0,
        description="Highest figure among the statements: value_high, or value_low where a "
        "statement sets no upper bound.",
    )
    high_claim_ids: tuple[str, ...] = Field(
        description="Statements with the highest figure, by the claim that carries each."
    )
    high_claimant_ids: tuple[str, ...] = Field(description="Their claimants, each once.")
    open_ended: bool = Field(
        description="True when at least one of the statements sets no upper bound "
        "(e.g. 'dozens'), so that figures above `high` were claimed too."
    )
    claims: int = Field(
        ge=1,
        description="Number of distinct statements in the group (restatements, distorted "
        "reports and parts folded into the statement they repeat or make up).",
    )


def _side_finder(
    actors: Sequence[Actor], participants: Sequence[Participant]
) -> dict[tuple[str, str], str]:
    """(event_id, actor_id) -> side, for every actor that took part or belongs to one that did."""
    parent = {a.actor_id: a.parent_id for a in actors}
    direct = {(p.event_id, p.actor_id): p.side for p in participants}
    events = {p.event_id for p in participants}
    found: dict[tuple[str, str], str] = {}
    for event_id in events:
        for actor_id in parent:
            # the nearest ancestor that took part gives the side, as for the subject rule
            for node in ancestors(actor_id, parent):
                if (event_id, node) in direct:
                    found[(event_id, actor_id)] = direct[(event_id, node)]
                    break
    return found


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _upper(statement: Statement) -> int:
    return statement.value_low if statement.value_high is None else statement.value_high


def subject_sides(dataset: Dataset) -> Callable[[str, str], str]:
    """(event_id, subject_id) -> the subject's side: its participants.side (through parent_id
    for members of a coalition), or for a subject that took no part its actor_type when that
    is civilians or unidentified, else its own id."""
    sides = _side_finder(dataset.actors, dataset.participants)
    actor_type = {a.actor_id: a.actor_type for a in dataset.actors}

    def side(event_id: str, subject_id: str) -> str:
        found = sides.get((event_id, subject_id))
        if found is None:
            kind_of_subject = actor_type.get(subject_id, subject_id)
            found = kind_of_subject if kind_of_subject in ANYONE else subject_id
        return found

    return side


def spread(dataset: Dataset) -> list[SpreadRow]:
    """One row per event, side, category and kind, in event, side, category, kind order."""
    sides = _side_finder(dataset.actors, dataset.participants)
    side_of = subject_sides(dataset)
    groups: dict[tuple[str, str, str, Kind], list[Statement]] = {}
    for claim in dataset.statements():
        subject_side = side_of(claim.event_id, claim.subject_id)
        claimant_side = sides.get((claim.event_id, claim.claimant_id))
        kind: Kind
        if claimant_side is None:
            kind = "third_party"
        elif claimant_side == subject_side:
            kind = "self_reported"
        else:
            kind = "adversary"
        groups.setdefault((claim.event_id, subject_side, claim.category, kind), []).append(claim)
    event_order = {e.event_id: i for i, e in enumerate(dataset.events)}
    category_order = {c: i for i, c in enumerate(CATEGORIES)}

    def order(key: tuple[str, str, str, Kind]) -> tuple[int, str, int, int]:
        event_id, side, category, kind = key
        return (
            event_order.get(event_id, len(event_order)),
            side,
            category_order.get(category, len(category_order)),
            KINDS.index(kind),
        )

    rows = []
    for key in sorted(groups, key=order):
        claims = groups[key]
        low = min(c.value_low for c in claims)
        high = max(_upper(c) for c in claims)
        lows = [c for c in claims if c.value_low == low]
        highs = [c for c in claims if _upper(c) == high]
        rows.append(
            SpreadRow(
                event_id=key[0],
                side=key[1],
                category=key[2],
                kind=key[3],
                low=low,
                low_claim_ids=tuple(c.claim_id for c in lows),
                low_claimant_ids=_unique(c.claimant_id for c in lows),
                high=high,
                high_claim_ids=tuple(c.claim_id for c in highs),
                high_claimant_ids=_unique(c.claimant_id for c in highs),
                open_ended=any(c.value_high is None for c in claims),
                claims=len(claims),
            )
        )
    return rows


SEPARATOR = "|"
"""Joins the ids of a group in the frame version, as aliases are joined in actors.csv."""


def spread_frame(dataset: Dataset) -> DataFrame[SpreadFrame]:
    """:func:`spread` as a typed DataFrame validated by :class:`SpreadFrame`; lists of ids are
    joined with ``|``.

    >>> import conflict_claims as cc
    >>> from conflict_claims.typed.views import spread_frame
    >>> frame = spread_frame(cc.load())
    >>> str(frame["kind"].dtype), str(frame["low"].dtype)
    ('category', 'Int64')
    """
    from conflict_claims.dataframe_schemas.typed import SpreadFrame

    rows = spread(dataset)
    columns = {
        "event_id": pd.Series([r.event_id for r in rows], dtype="string"),
        "side": pd.Series([r.side for r in rows], dtype="string"),
        "category": pd.Series(pd.Categorical([r.category for r in rows], list(CATEGORIES))),
        "kind": pd.Series(pd.Categorical([r.kind for r in rows], list(KINDS))),
        "low": pd.Series(pd.array([r.low for r in rows], dtype="Int64")),
        "low_claim_ids": pd.Series([SEPARATOR.join(r.low_claim_ids) for r in rows], dtype="string"),
        "low_claimant_ids": pd.Series(
            [SEPARATOR.join(r.low_claimant_ids) for r in rows], dtype="string"
        ),
        "high": pd.Series(pd.array([r.high for r in rows], dtype="Int64")),
        "high_claim_ids": pd.Series(
            [SEPARATOR.join(r.high_claim_ids) for r in rows], dtype="string"
        ),
        "high_claimant_ids": pd.Series(
            [SEPARATOR.join(r.high_claimant_ids) for r in rows], dtype="string"
        ),
        "open_ended": pd.Series([r.open_ended for r in rows], dtype="bool"),
        "claims": pd.Series(pd.array([r.claims for r in rows], dtype="Int64")),
    }
    return SpreadFrame.validate(pd.DataFrame(columns))
