"""What a package holds, in a few numbers: the ``conflict-claims info`` summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conflict_claims.engines.per_record.record_models import Claim
    from conflict_claims.typed.dataset import Dataset


@dataclass(frozen=True)
class Spread:
    """For one event and category: the lowest and highest figure claimed, and by whom."""

    event_id: str
    category: str
    claims: int
    low: int
    low_by: tuple[str, ...]
    high: int
    high_open: bool
    """True when a claim reaching ``high`` states no upper bound ("at least ``high``")."""
    high_by: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    tables: dict[str, int]
    claims_per_event: dict[str, int]
    claims_per_claimant: dict[str, int]
    spreads: tuple[Spread, ...]


def _upper(claim: Claim) -> int:
    return claim.value_low if claim.value_high is None else claim.value_high


def _spread(event_id: str, category: str, claims: list[Claim]) -> Spread:
    low = min(c.value_low for c in claims)
    high = max(_upper(c) for c in claims)
    reaching = [c for c in claims if _upper(c) == high]
    return Spread(
        event_id=event_id,
        category=category,
        claims=len(claims),
        low=low,
        low_by=tuple(sorted({c.claimant_id for c in claims if c.value_low == low})),
        high=high,
        high_open=any(c.value_high is None for c in reaching),
        high_by=tuple(sorted({c.claimant_id for c in reaching})),
    )


def summarize(dataset: Dataset) -> Summary:
    """Counts per table, claims per event and per claimant, and the spread of the figures."""
    per_event = Counter(c.event_id for c in dataset.claims)
    per_claimant = Counter(c.claimant_id for c in dataset.claims)
    groups: dict[tuple[str, str], list[Claim]] = {}
    for claim in dataset.claims:
        groups.setdefault((claim.event_id, claim.category), []).append(claim)
    event_order = {e.event_id: i for i, e in enumerate(dataset.events)}
    spreads = tuple(
        _spread(event_id, category, claims)
        for (event_id, category), claims in sorted(
            groups.items(), key=lambda item: (event_order.get(item[0][0], 0), item[0][1])
        )
    )
    return Summary(
        tables={name: len(records) for name, records in dataset.tables().items()},
        claims_per_event={
            e.event_id: per_event[e.event_id] for e in dataset.events if per_event[e.event_id]
        },
        claims_per_claimant=dict(sorted(per_claimant.items(), key=lambda kv: (-kv[1], kv[0]))),
        spreads=spreads,
    )


def _who(ids: tuple[str, ...]) -> str:
    return ", ".join(ids)


def render_summary(summary: Summary, target: str) -> str:
    """The summary as text, one fact per line."""
    # every table is named by a plural in -s: "1 event", "2 events"
    counted = (f"{n} {name if n != 1 else name[:-1]}" for name, n in summary.tables.items())
    lines = [target, "  " + ", ".join(counted)]
    lines += ["", "claims per event:"]
    width = max((len(k) for k in summary.claims_per_event), default=0)
    lines += [f"  {k:<{width}}  {n}" for k, n in summary.claims_per_event.items()]
    lines += ["", "claims per claimant:"]
    width = max((len(k) for k in summary.claims_per_claimant), default=0)
    lines += [f"  {k:<{width}}  {n}" for k, n in summary.claims_per_claimant.items()]
    lines += ["", "spread of the figures (lowest and highest claimed, per event and category):"]
    event = None
    for s in summary.spreads:
        if s.event_id != event:
            event = s.event_id
            lines.append(f"  {event}")
        high = f"{s.high}{'+' if s.high_open else ''}"
        if s.low == s.high and not s.high_open:
            figures = f"{s.low} ({_who(s.low_by)})"
        else:
            figures = f"{s.low} ({_who(s.low_by)}) to {high} ({_who(s.high_by)})"
        lines.append(f"    {s.category}: {figures}; {s.claims} claim{'s' * (s.claims != 1)}")
    return "\n".join(lines) + "\n"
