"""The cross-record rules, record by record: the Pydantic layer's twin of ``cross_checks``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from conflict_claims.contract.actor_graph import ancestors, nodes_in_cycles
from conflict_claims.contract.claim_links import Linked, link_findings
from conflict_claims.contract.numbers import parse_number
from conflict_claims.contract.tables import ANYONE, OUTLET, TABLES, UNATTRIBUTED
from conflict_claims.engines.per_record.record_models import (
    Actor,
    Claim,
    Event,
    Quantifier,
    Source,
    record_values,
)

Finding = tuple[str, str, int, str, object, str]
Rows = Sequence[tuple[int, Any]]
"""(row number, record) pairs of one table."""


def _first(rows: Rows, key: str) -> dict[Any, Any]:
    found: dict[Any, Any] = {}
    for _, record in rows:
        found.setdefault(getattr(record, key), record)
    return found


def dataset_findings(
    tables: dict[str, Rows], keys: dict[str, set[str]], snapshots: dict[str, str] | None
) -> Iterator[Finding]:
    """Findings over well-typed records; ``keys`` as in ``cross_checks.cross_findings``."""
    yield from _unique_keys(tables)
    yield from _duplicate_claims(tables.get("claims"))
    yield from _foreign_keys(tables, keys)
    actors: Rows | None = tables.get("actors")
    claims: Rows | None = tables.get("claims")
    if actors is not None:
        parent = {a: r.parent_id for a, r in _first(actors, "actor_id").items()}
        cyclic = nodes_in_cycles(parent)
        for row, actor in actors:
            if actor.actor_id in cyclic:
                yield (
                    "parent-cycle",
                    "actors",
                    row,
                    "parent_id",
                    actor.parent_id,
                    "parent_id leads back to this actor",
                )
    if claims is not None:
        yield from link_findings(
            Linked(
                row, c.claim_id, c.event_id, c.claimant_id, c.subject_id, c.category,
                c.value_low, c.value_high, c.restates, c.part_of, c.distorts,
            )
            for row, c in claims
        )  # fmt: skip
    if claims is not None and actors is not None:
        yield from _subjects(claims, actors, tables.get("participants"), tables.get("events"))
        yield from _unattributed(claims, actors)
    if claims is not None and tables.get("quantifiers") is not None:
        yield from _quantifiers(claims, tables["quantifiers"])
    if claims is not None and tables.get("events") is not None:
        yield from _dates(claims, tables["events"], tables.get("sources"))
    if snapshots is not None and tables.get("sources") is not None:
        yield from _snapshots(tables["sources"], claims, snapshots)


def _unique_keys(tables: dict[str, Rows]) -> Iterator[Finding]:
    for name, rows in tables.items():
        key = TABLES[name].primary_key
        seen: set[tuple[Any, ...]] = set()
        for row, record in rows:
            value = tuple(getattr(record, k) for k in key)
            if value in seen:
                yield (
                    "unique-key",
                    name,
                    row,
                    ",".join(key),
                    ",".join(map(str, value)),
                    f"{','.join(key)} repeats an earlier row",
                )
            seen.add(value)


def _duplicate_claims(claims: Rows | None) -> Iterator[Finding]:
    seen: set[tuple[Any, ...]] = set()
    for row, claim in claims or ():
        values = record_values(claim)
        values.pop("claim_id")
        key = tuple(sorted(values.items()))
        if key in seen:
            yield (
                "duplicate-claim",
                "claims",
                row,
                "claim_id",
                claim.claim_id,
                "this claim repeats an earlier one in every field but claim_id",
            )
        seen.add(key)


def _foreign_keys(tables: dict[str, Rows], keys: dict[str, set[str]]) -> Iterator[Finding]:
    for name, rows in tables.items():
        for fk in TABLES[name].foreign_keys:
            if fk.resource not in keys:
                continue
            known = keys[fk.resource]
            for row, record in rows:
                value = getattr(record, fk.field)
                if value is not None and value not in known:
                    yield (
                        "foreign-key",
                        name,
                        row,
                        fk.field,
                        value,
                        f"{fk.field} names no row of {fk.resource}",
                    )


def _subjects(claims: Rows, actors: Rows, participants: Rows | None,
              events: Rows | None) -> Iterator[Finding]:  # fmt: skip
    if participants is None or events is None:
        return
    by_id: dict[str, Actor] = _first(actors, "actor_id")
    parent = {a: r.parent_id for a, r in by_id.items()}
    took_part = {(p.event_id, p.actor_id) for _, p in participants}
    known_events = {e.event_id for _, e in events}
    for row, claim in claims:
        subject = by_id.get(claim.subject_id)
        if (
            claim.event_id in known_events
            and subject is not None
            and subject.actor_type not in ANYONE
            and not any(
                (claim.event_id, a) in took_part for a in ancestors(subject.actor_id, parent)
            )
        ):
            yield (
                "subject-not-participant",
                "claims",
                row,
                "subject_id",
                claim.subject_id,
                f"the subject took no part in event {claim.event_id!r}, "
                "directly or through a coalition",
            )


def _unattributed(claims: Rows, actors: Rows) -> Iterator[Finding]:
    by_id: dict[str, Actor] = _first(actors, "actor_id")
    for row, claim in claims:
        claimant = by_id.get(claim.claimant_id)
        if (
            claim.attribution in UNATTRIBUTED
            and claimant is not None
            and claimant.actor_type != OUTLET
        ):
            yield (
                "unattributed-claimant",
                "claims",
                row,
                "claimant_id",
                claim.claimant_id,
                f"attribution is {claim.attribution!r}, so the claimant must be the outlet "
                f"(actor_type {OUTLET!r}), not a {claimant.actor_type!r}",
            )


def _interval(low: int, high: int | None) -> str:
    # a bound of 0 is a bound: only a missing value_high is left open
    return f"{low}..{'' if high is None else high}"


def _quantifiers(claims: Rows, quantifiers: Rows) -> Iterator[Finding]:
    table: dict[str, Quantifier] = _first(quantifiers, "phrase")
    for row, claim in claims:
        c: Claim = claim
        if parse_number(c.value_text) is not None:
            continue
        q = table.get(c.value_text)
        if q is None:
            yield (
                "quantifier-unknown",
                "claims",
                row,
                "value_text",
                c.value_text,
                "this vague figure is not a phrase of the quantifiers table",
            )
        elif (c.value_low, c.value_high) != (q.value_low, q.value_high):
            yield (
                "quantifier-mismatch",
                "claims",
                row,
                "value_low",
                c.value_low,
                f"{c.value_text!r} is recorded as {_interval(q.value_low, q.value_high)} in "
                f"quantifiers, not {_interval(c.value_low, c.value_high)}",
            )


def _dates(claims: Rows, events: Rows, sources: Rows | None) -> Iterator[Finding]:
    by_id: dict[str, Event] = _first(events, "event_id")
    latest: dict[str, dt.date] = {}
    for row, claim in claims:
        event = by_id.get(claim.event_id)
        if event is None:
            continue
        if claim.claimed_on is not None and claim.claimed_on < event.date_start:
            yield (
                "claim-before-event",
                "claims",
                row,
                "claimed_on",
                claim.claimed_on,
                f"the claim is dated before its event starts ({event.date_start})",
            )
        if claim.source_id not in latest or latest[claim.source_id] < event.date_start:
            latest[claim.source_id] = event.date_start
    for row, source in sources or ():
        s: Source = source
        reported = latest.get(s.source_id)
        if s.published_on is not None and reported is not None and s.published_on < reported:
            yield (
                "source-before-event",
                "sources",
                row,
                "published_on",
                s.published_on,
                f"the source is dated before an event it reports starts ({reported})",
            )


def _snapshots(sources: Rows, claims: Rows | None, snapshots: dict[str, str]) -> Iterator[Finding]:
    for row, source in sources:
        if source.snapshot_sha256 not in snapshots:
            yield (
                "snapshot-missing",
                "sources",
                row,
                "snapshot_sha256",
                source.snapshot_sha256,
                "no file in the snapshots folder has this sha256",
            )
    text_of = {
        s: snapshots[r.snapshot_sha256]
        for s, r in _first(sources, "source_id").items()
        if r.snapshot_sha256 in snapshots
    }
    for row, claim in claims or ():
        if claim.source_id in text_of and claim.quote not in text_of[claim.source_id]:
            yield (
                "quote-not-in-snapshot",
                "claims",
                row,
                "quote",
                claim.quote,
                f"the quote does not occur verbatim in the snapshot of {claim.source_id!r}",
            )
