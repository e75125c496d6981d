"""What a package holds, in a few numbers: the ``conflict-claims info`` summary.

The figures are the statements (``Dataset.statements``), grouped by event, then by the side
whose losses they count, then by category, each with its claimant: a figure about one side is
never put in one range with a figure about another.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from conflict_claims.contract.tables import CATEGORIES

if TYPE_CHECKING:
    from conflict_claims.typed.dataset import Dataset
    from conflict_claims.typed.statements import Statement


@dataclass(frozen=True)
class Figure:
    """One statement, placed: its event, the side of its subject, and what it says."""

    event_id: str
    side: str
    category: str
    claimant_id: str
    subject_id: str
    value_low: int
    value_high: int | None
    claims: int
    """How many claims record the statement (restatements, distorted reports, parts)."""

    @property
    def text(self) -> str:
        """'7', '27-33', or '24+' where no upper bound is stated."""
        if self.value_high is None:
            return f"{self.value_low}+"
        if self.value_high == self.value_low:
            return str(self.value_low)
        return f"{self.value_low}-{self.value_high}"


@dataclass(frozen=True)
class Summary:
    tables: dict[str, int]
    claims_per_event: dict[str, int]
    claims_per_claimant: dict[str, int]
    event_names: dict[str, str]
    figures: tuple[Figure, ...]
    """In event, side, category order; within a category in the package's order."""


def _figure(statement: Statement, side: str) -> Figure:
    return Figure(
        event_id=statement.event_id,
        side=side,
        category=statement.category,
        claimant_id=statement.claimant_id,
        subject_id=statement.subject_id,
        value_low=statement.value_low,
        value_high=statement.value_high,
        claims=len(statement.claim_ids),
    )


def summarize(dataset: Dataset) -> Summary:
    """Counts per table, claims per event and per claimant, and the figures by side."""
    from conflict_claims.typed.views import subject_sides

    per_event = Counter(c.event_id for c in dataset.claims)
    per_claimant = Counter(c.claimant_id for c in dataset.claims)
    side_of = subject_sides(dataset)
    event_order = {e.event_id: i for i, e in enumerate(dataset.events)}
    category_order = {c: i for i, c in enumerate(CATEGORIES)}
    placed = [_figure(s, side_of(s.event_id, s.subject_id)) for s in dataset.statements()]
    figures = tuple(
        sorted(
            placed,
            key=lambda f: (
                event_order.get(f.event_id, len(event_order)),
                f.event_id,
                f.side,
                category_order.get(f.category, len(category_order)),
            ),
        )
    )
    return Summary(
        tables={name: len(records) for name, records in dataset.tables().items()},
        claims_per_event={
            e.event_id: per_event[e.event_id] for e in dataset.events if per_event[e.event_id]
        },
        claims_per_claimant=dict(sorted(per_claimant.items(), key=lambda kv: (-kv[1], kv[0]))),
        event_names={e.event_id: e.name for e in dataset.events},
        figures=figures,
    )


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
    lines += [
        "",
        "figures by event, then by the side whose losses they count, then by category: each "
        "claimant's statement (restatements and parts folded in; 'N+' sets no upper bound):",
    ]
    place: tuple[str, str, str] | None = None
    for f in summary.figures:
        if place is None or f.event_id != place[0]:
            name = summary.event_names.get(f.event_id, f.event_id)
            lines.append(f"  {f.event_id}  {name}")
        if place is None or (f.event_id, f.side) != place[:2]:
            lines.append(f"    about the {f.side} side:")
        if place is None or (f.event_id, f.side, f.category) != place:
            lines.append(f"      {f.category}:")
        place = (f.event_id, f.side, f.category)
        recorded = f"; {f.claims} claims" if f.claims > 1 else ""
        lines.append(f"        {f.text} per {f.claimant_id} (about {f.subject_id}{recorded})")
    return "\n".join(lines) + "\n"
