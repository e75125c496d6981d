"""Whole valid datasets, built valid by construction (no filtering): consistent foreign keys,
participants and coalitions, quantifiers, dates in order, quotes that contain their figures."""

from __future__ import annotations

import datetime as dt
import hashlib
import string
from typing import Any

from hypothesis import strategies as st

from conflict_claims.contract.tables import (
    ACTOR_TYPES,
    ANYONE,
    ATTRIBUTIONS,
    CATEGORIES,
    EVENT_TYPES,
    OUTLET,
    PLACES,
    SOURCE_TYPES,
    TABLES,
)

from ._cells import (
    MAX_DATE,
    Row,
    Tables,
    clean_token,
    dates,
    figure_texts,
    figures,
    free_text,
    fresh,
    optional,
    phrases,
    slugs,
    wrap,
)

_UPPER = string.ascii_uppercase
_LOWER = string.ascii_lowercase


def _later(day: dt.date, most: int = 1000) -> st.SearchStrategy[dt.date]:
    return dates(day, min(MAX_DATE, day + dt.timedelta(days=most)))


def ancestors(actor: str, parent: dict[str, str | None]) -> list[str]:
    """The actor and its parents up to the root (the forest has no cycle)."""
    chain = [actor]
    while (up := parent.get(chain[-1])) is not None and up not in chain:
        chain.append(up)
    return chain


def eligible_subjects(tables: Tables, event_id: str) -> list[str]:
    """Actors that may be the subject of a claim about the event: those that took part in it,
    directly or through a coalition they belong to, and civilians or unidentified actors."""
    parent = {a["actor_id"] or "": a["parent_id"] for a in tables["actors"]}
    took_part = {p["actor_id"] for p in tables["participants"] if p["event_id"] == event_id}
    return [
        a["actor_id"] or ""
        for a in tables["actors"]
        if a["actor_type"] in ANYONE or took_part & set(ancestors(a["actor_id"] or "", parent))
    ]


def snapshot_text(tables: Tables, source_id: str) -> str:
    """The text of a source's snapshot: a title line, then every quote its claims cite."""
    quotes = [c["quote"] or "" for c in tables["claims"] if c["source_id"] == source_id]
    return "\n".join([f"Snapshot of {source_id}", *quotes]) + "\n"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def snapshot_files(tables: Tables) -> dict[str, str]:
    """File name -> text of the snapshot of every source, for a ``sources_dir``."""
    texts = {
        sha256(t): t
        for t in (snapshot_text(tables, s["source_id"] or "") for s in tables["sources"])
    }
    return {f"{digest[:16]}.txt": text for digest, text in texts.items()}


@st.composite
def events(draw: st.DrawFn, count: int) -> list[Row]:
    ids: set[str] = set()
    rows = []
    for _ in range(count):
        start = draw(dates())
        event_id = f"{start.isoformat()}-{draw(slugs())}"
        while event_id in ids:
            event_id += "-x"
        ids.add(event_id)
        rows.append(
            {
                "event_id": event_id,
                "name": draw(free_text()),
                "event_type": draw(st.sampled_from(EVENT_TYPES)),
                "date_start": start.isoformat(),
                "date_end": draw(_later(start, 60)).isoformat(),
                "place": draw(free_text(max_size=12)),
                "admin1": draw(optional(free_text(max_size=12))),
                "country": draw(st.text(alphabet=_UPPER, min_size=3, max_size=3)),
                "conflict": draw(free_text(max_size=12)),
                "summary": draw(free_text(max_size=30)),
            }
        )
    return rows


@st.composite
def actors(draw: st.DrawFn, count: int) -> list[Row]:
    """Actors whose parent_id links form a forest; rows are shuffled, so a parent may come after
    its members in the file."""
    ids = draw(st.lists(slugs(), min_size=count, max_size=count, unique=True))
    rows = []
    for i, actor_id in enumerate(ids):
        parent = draw(st.none() | st.sampled_from(ids[:i])) if i else None
        rows.append(
            {
                "actor_id": actor_id,
                "name": draw(free_text(max_size=15)),
                "actor_type": draw(st.sampled_from(ACTOR_TYPES)),
                "parent_id": parent,
                "aliases": draw(
                    optional(st.lists(clean_token(), min_size=1, max_size=3).map("|".join))
                ),
            }
        )
    return draw(st.permutations(rows))


@st.composite
def participants(draw: st.DrawFn, event_rows: list[Row], actor_rows: list[Row]) -> list[Row]:
    ids = [a["actor_id"] for a in actor_rows]
    rows = []
    for event in event_rows:
        for actor in draw(st.lists(st.sampled_from(ids), max_size=4, unique=True)):
            rows.append(
                {
                    "event_id": event["event_id"],
                    "actor_id": actor,
                    "side": draw(slugs(2)),
                    "notes": draw(optional(free_text())),
                }
            )
    return draw(st.permutations(rows))


@st.composite
def quantifiers(draw: st.DrawFn) -> list[Row]:
    words = draw(st.lists(phrases(), max_size=4, unique=True))
    rows = []
    for phrase in words:
        low = draw(figures())
        high = draw(st.none() | st.integers(low, low + 1000))
        rows.append(
            {
                "phrase": phrase,
                "value_low": str(low),
                "value_high": None if high is None else str(high),
                "reading": draw(free_text()),
            }
        )
    return rows


@st.composite
def claim_values(draw: st.DrawFn, quantifier_rows: list[Row]) -> dict[str, Any]:
    """value_low, value_high, value_text and a quote that contains the figure."""
    if draw(st.booleans()) and quantifier_rows:
        q = draw(st.sampled_from(quantifier_rows))
        low, high, text = q["value_low"], q["value_high"], q["phrase"] or ""
    else:
        n = draw(figures())
        low = high = str(n)
        text = draw(figure_texts(n))
    quote = wrap(draw(free_text(0, 12)), text, draw(free_text(0, 12)))
    return {"value_low": low, "value_high": high, "value_text": text, "quote": quote}


@st.composite
def datasets(draw: st.DrawFn, *, min_claims: int = 0, max_claims: int = 6) -> Tables:
    """A whole dataset that passes every rule: table name -> rows of text cells.

    Pass ``min_claims`` to be sure of claims to break. The sources' ``snapshot_sha256`` is the
    sha256 of :func:`snapshot_text`, so :func:`snapshot_files` gives a matching ``sources_dir``.
    """
    tables: Tables = {name: [] for name in TABLES}
    tables["events"] = draw(events(draw(st.integers(1, 4))))
    tables["actors"] = draw(actors(draw(st.integers(1, 6))))
    tables["participants"] = draw(participants(tables["events"], tables["actors"]))
    tables["quantifiers"] = draw(quantifiers())
    source_ids = draw(st.lists(slugs(), min_size=1, max_size=4, unique=True))
    kind = {a["actor_id"]: a["actor_type"] for a in tables["actors"]}
    start = {e["event_id"] or "": e["date_start"] or "" for e in tables["events"]}
    # Only events with a possible subject can carry claims; make sure there is one when asked.
    open_events = [e for e in start if eligible_subjects(tables, e)]
    if not open_events and min_claims:
        first = tables["actors"][0]
        first["actor_type"] = draw(st.sampled_from(ANYONE))
        kind[first["actor_id"]] = first["actor_type"]
        open_events = list(start)
    claims: list[Row] = []
    claim_ids: set[str] = set()
    seen: set[tuple[Any, ...]] = set()
    wanted = draw(st.integers(min_claims, max_claims)) if open_events else 0
    while len(claims) < wanted:
        event_id = draw(st.sampled_from(open_events))
        claimant = draw(st.sampled_from(list(kind)))
        attributions = ATTRIBUTIONS if kind[claimant] == OUTLET else ("named",)
        claimed_on = draw(optional(_later(dt.date.fromisoformat(start[event_id])).map(str)))
        claim: Row = {
            "claim_id": "",
            "event_id": event_id,
            "claimant_id": claimant,
            "source_id": draw(st.sampled_from(source_ids)),
            "subject_id": draw(st.sampled_from(eligible_subjects(tables, event_id))),
            "category": draw(st.sampled_from(CATEGORIES)),
            **draw(claim_values(tables["quantifiers"])),
            "attribution": draw(st.sampled_from(attributions)),
            "claimed_on": claimed_on,
            "statement": draw(optional(free_text())),
            "notes": draw(optional(free_text(max_size=20))),
            "read_in": draw(st.sampled_from(PLACES)),
            "restates": None,
            "part_of": None,
            "distorts": None,
        }
        claim["claim_id"] = draw(slugs())
        while claim["claim_id"] in claim_ids:
            claim["claim_id"] += "-x"
        # No two claims may be identical but for their claim_id: tell a repeat apart by a note.
        others = tuple(v for k, v in claim.items() if k != "claim_id")
        if others in seen:
            claim["notes"] = f"{claim['notes'] or ''} (repeated as {claim['claim_id']})"
            others = tuple(v for k, v in claim.items() if k != "claim_id")
        seen.add(others)
        claim_ids.add(claim["claim_id"] or "")
        claims.append(claim)
    if claims:
        for _ in range(draw(st.integers(0, 2))):
            claims.append(draw(_linked_copy(draw(st.sampled_from(claims)), claims, claim_ids)))
    tables["claims"] = claims
    tables["sources"] = [draw(_source(s, tables)) for s in source_ids]
    return tables


@st.composite
def _linked_copy(draw: st.DrawFn, original: Row, claims: list[Row], claim_ids: set[str]) -> Row:
    """A valid link to ``original``: the same statement read elsewhere (restates), the whole of
    it as its only part (part_of), or the statement with another category (distorts)."""
    link = draw(st.sampled_from(("restates", "part_of", "distorts")))
    if link == "part_of" and any(c["part_of"] == original["claim_id"] for c in claims):
        link = "restates"  # a second part as large as the total would exceed it
    claim_id = fresh(draw(slugs()), claim_ids)
    claim_ids.add(claim_id)
    copy_: Row = {
        **original,
        "claim_id": claim_id,
        "read_in": draw(st.sampled_from(PLACES)),
        "notes": f"linked as {claim_id}",
        "restates": None,
        "part_of": None,
        "distorts": None,
        link: original["claim_id"],
    }
    if link == "distorts":
        others = [c for c in CATEGORIES if c != original["category"]]
        copy_["category"] = draw(st.sampled_from(others))
    return copy_


@st.composite
def _source(draw: st.DrawFn, source_id: str, tables: Tables) -> Row:
    start = {e["event_id"]: e["date_start"] for e in tables["events"]}
    reported = [
        start[c["event_id"] or ""] or "" for c in tables["claims"] if c["source_id"] == source_id
    ]
    # published no earlier than the latest start among the events it reports
    earliest = dt.date.fromisoformat(max(reported)) if reported else None
    published = draw(st.none() | (_later(earliest) if earliest else dates()))
    host = draw(st.text(alphabet=_LOWER, min_size=1, max_size=8))
    page = draw(optional(clean_token()))
    return {
        "source_id": source_id,
        "title": draw(free_text()),
        "publisher": draw(free_text(max_size=12)),
        "source_type": draw(st.sampled_from(SOURCE_TYPES)),
        "author": draw(optional(free_text(max_size=12))),
        "published_on": None if published is None else published.isoformat(),
        "url": None if page is None else f"https://{host}.org/{page}",
        "language": draw(st.text(alphabet=_LOWER, min_size=2, max_size=2)),
        "snapshot_sha256": sha256(snapshot_text(tables, source_id)),
    }
