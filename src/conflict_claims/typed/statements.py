"""The statements view: one record per distinct statement, the claims that repeat it folded in.

Count with this view, not with the claims: a figure an infobox repeats, the per-day parts of a
total and a distorted report of a statement are claims of their own, but one statement.

>>> import conflict_claims as cc
>>> s = next(s for s in cc.load().statements() if "wp-ber-04" in s.claim_ids)
>>> (s.claimant_id, s.category, s.value_low, s.claim_ids)
('mali-fama', 'killed', 7, ('wp-ber-04', 'wp-ber-06', 'wp-ber-08'))
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from conflict_claims.contract.claim_links import fold_root

if TYPE_CHECKING:
    from conflict_claims.engines.per_record.record_models import Claim
    from conflict_claims.typed.dataset import Dataset


class Statement(BaseModel):
    """One distinct statement of a figure, and every claim that records it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    claim_id: str = Field(
        description="The claim whose figure the statement carries: the original statement "
        "that the others restate or distort, or the total that the others are parts of."
    )
    event_id: str = Field(description="The event (claims.event_id).")
    claimant_id: str = Field(description="Who made the statement (claims.claimant_id).")
    subject_id: str = Field(description="Whose losses it counts (claims.subject_id).")
    category: str = Field(description="What is counted (claims.category).")
    value_low: int = Field(ge=0, description="Lowest value the statement allows.")
    value_high: int | None = Field(
        ge=0, description="Highest value; null where the statement sets no upper bound."
    )
    claim_ids: tuple[str, ...] = Field(
        description="Every claim folded into the statement, in the package's order: its own "
        "claim, the claims that restate or distort it, and its parts."
    )
    source_ids: tuple[str, ...] = Field(description="The sources of those claims, each once.")
    part_claim_ids: tuple[str, ...] = Field(
        description="Those of claim_ids that are parts of the total (or restate a part)."
    )
    distorted_claim_ids: tuple[str, ...] = Field(
        description="Those of claim_ids that report the statement changed (claims.distorts): "
        "another claimant, subject, category or figure. Read their notes."
    )


def _group_of(dataset: Dataset) -> dict[str, tuple[str, bool]]:
    """claim_id -> (the claim its statement is carried by, whether it folds in as a part)."""
    claims = {c.claim_id: c for c in dataset.claims}
    links = {c.claim_id: (c.restates, c.distorts) for c in dataset.claims}
    out: dict[str, tuple[str, bool]] = {}
    for claim_id in claims:
        node, part = fold_root(claim_id, links), False
        seen = {node}
        # a part folds into its total, where the total is in the dataset
        while (total := claims[node].part_of) is not None and total in claims:
            node, part = fold_root(total, links), True
            if node in seen:  # a cycle: the package did not validate
                break
            seen.add(node)
        out[claim_id] = (node, part)
    return out


def statements(dataset: Dataset) -> list[Statement]:
    """One record per distinct statement, in the order of the claims that carry them."""
    by_id: dict[str, Claim] = {c.claim_id: c for c in dataset.claims}
    source_order = {s.source_id: i for i, s in enumerate(dataset.sources)}
    groups: dict[str, list[tuple[Claim, bool]]] = {}
    for claim_id, (root, part) in _group_of(dataset).items():
        groups.setdefault(root, []).append((by_id[claim_id], part))
    out = []
    for root, members in groups.items():
        carrier = by_id[root]
        out.append(
            Statement(
                claim_id=root,
                event_id=carrier.event_id,
                claimant_id=carrier.claimant_id,
                subject_id=carrier.subject_id,
                category=carrier.category,
                value_low=carrier.value_low,
                value_high=carrier.value_high,
                claim_ids=tuple(c.claim_id for c, _ in members),
                source_ids=tuple(
                    sorted(
                        {c.source_id for c, _ in members},
                        key=lambda s: (source_order.get(s, len(source_order)), s),
                    )
                ),
                part_claim_ids=tuple(c.claim_id for c, part in members if part),
                distorted_claim_ids=tuple(c.claim_id for c, _ in members if c.distorts),
            )
        )
    order = {c.claim_id: i for i, c in enumerate(dataset.claims)}
    return sorted(out, key=lambda s: order[s.claim_id])
