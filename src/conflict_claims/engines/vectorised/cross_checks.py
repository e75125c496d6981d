"""Vectorised checks of the rules that span rows and tables, over frames of valid rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_claims.contract.actor_graph import nodes_in_cycles
from conflict_claims.contract.claim_links import Linked, link_findings
from conflict_claims.contract.tables import LINKS, OUTLET, TABLES, UNATTRIBUTED
from conflict_claims.engines.vectorised.pool import run_all
from conflict_claims.engines.vectorised.repeats import repeats
from conflict_claims.engines.vectorised.subjects import subject_findings
from conflict_claims.engines.vectorised.table_checks import (
    integer_values,
    integers,
    parse_integers,
    stated_figures,
)
from conflict_claims.io.arrow_text import Coded, coded, flags, joined, pick, positions, text

Finding = tuple[str, str, int, str, object, str]
"""(rule, resource, row, field, value, what is wrong)."""


def _at(mask: Any, *columns: pd.Series) -> Iterator[tuple[Any, ...]]:
    """(row, its cell of each column) for every row where ``mask`` holds, each column's cells
    fetched in one go: looked up one by one, the cells of a broken package's many findings
    would cost more than the rules."""
    at = np.flatnonzero(np.asarray(mask, dtype=bool))
    cells = [pick(text(column), at).to_pylist() for column in columns]
    return zip(columns[0].index[at].tolist(), *cells, strict=True)


def _rows(mask: pd.Series) -> list[int]:
    return [int(i) for i in mask.index[mask.to_numpy()]]


def _in(values: pd.Series, allowed: pd.Series) -> pd.Series:
    """``values.isin(allowed)`` for text cells, by Arrow's hash kernel over whole columns
    (pandas' own ``isin`` on Arrow text walks the allowed values one by one in Python); an
    empty cell is never in."""
    found = pc.is_in(text(values), value_set=joined(allowed), skip_nulls=True)
    return flags(found, values.index)


def _lookup(s: pd.Series, mapping: pd.Series) -> pd.Series:
    """``mapping[cell]`` for each cell (missing where the cell is empty or not in ``mapping``),
    looked up once per distinct cell. ``mapping`` has a unique index of text."""
    cells = coded(text(s))
    # an empty cell finds nothing, as a cell that is not in ``mapping``
    at = cells.spread(positions(cells.distinct, joined(mapping.index.to_series())), -1)
    picked: Any = mapping.array
    if isinstance(picked, pd.arrays.NumpyExtensionArray):
        # pandas 2.x warns (FutureWarning, on stderr) when ``take`` is handed this wrapper
        picked = picked.to_numpy()
    values = pd.api.extensions.take(picked, at, allow_fill=True)
    out: pd.Series = pd.Series(values, index=s.index, dtype=mapping.dtype)
    return out


def _named(cells: Coded, keys: pd.Series) -> np.ndarray:
    """Per cell, whether it is one of ``keys`` (an empty cell never is), looked up once per
    distinct cell, with the smaller side hashed."""
    if len(cells.distinct) <= len(keys):
        # the keys are probed where they lie, chunk by chunk, never joined into one copy
        hit = pc.index_in(text(keys), value_set=cells.distinct)
        named = np.zeros(len(cells.distinct), dtype=bool)
        named[np.asarray(hit.drop_null(), dtype=np.int64)] = True
    else:
        found = pc.is_in(cells.distinct, value_set=joined(keys))
        named = np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)
    return cells.spread(named, False)


def cross_findings(
    frames: dict[str, pd.DataFrame],
    keys: Mapping[str, pd.Series],
    snapshots: dict[str, str] | None = None,
) -> Iterator[Finding]:
    """Findings over the rows whose cells are sound; ``keys`` holds, per table, the key cells
    of every row whose key cell is sound, so that a reference to a row with some other defect is
    not reported a second time."""
    checks: list[Callable[[], Iterator[Finding]]] = [
        partial(_unique_keys, frames),
        partial(_duplicate_claims, frames),
        partial(_foreign_keys, frames, keys),
        partial(_parent_cycles, frames),
        partial(_links, frames),
        partial(subject_findings, frames),
        partial(_unattributed, frames),
        partial(_quantifiers, frames),
        partial(_dates, frames),
    ]
    if snapshots is not None:
        checks.append(partial(_snapshots, frames, snapshots))
    # independent of each other: side by side on a large package (see ``pool``)
    rows = max((len(frame) for frame in frames.values()), default=0)
    for found in run_all([partial(_listed, check) for check in checks], rows):
        yield from found


def _listed(check: Callable[[], Iterator[Finding]]) -> list[Finding]:
    return list(check())


def _unique_keys(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    for name, frame in frames.items():
        key = list(TABLES[name].primary_key)
        numbered = [coded(text(frame[k])) for k in key]
        if len(numbered) == 1 and len(numbered[0].distinct) == len(frame):
            continue  # as many distinct cells as rows, none empty: nothing repeats
        repeated = repeats(frame, numbered)
        for row in _rows(repeated):
            value = ",".join(str(frame.at[row, k]) for k in key)
            yield (
                "unique-key",
                name,
                row,
                ",".join(key),
                value,
                f"{','.join(key)} repeats an earlier row",
            )


def _duplicate_claims(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims = frames.get("claims")
    if claims is None:
        return
    others = [c for c in claims.columns if c != "claim_id"]
    repeated = repeats(claims, [_by_value(claims, c) for c in others])
    for row, claim_id in _at(repeated, claims["claim_id"]):
        yield (
            "duplicate-claim",
            "claims",
            row,
            "claim_id",
            claim_id,
            "this claim repeats an earlier one in every field but claim_id",
        )


_INTEGER_COLUMNS = frozenset(c.name for c in TABLES["claims"].columns if c.kind == "integer")


def _by_value(claims: pd.DataFrame, column: str) -> Coded:
    """A column of the claims coded for comparison: an integer column by value ("010" as
    "10"), so that repeats are found as the record engine finds them, comparing parsed
    integers; text columns, added ones included, as written."""
    cells = coded(text(claims[column]))
    if column not in _INTEGER_COLUMNS:
        return cells
    # only the distinct cells are parsed and rewritten, then numbered again
    values, ok = integer_values(cells.cells())
    canonical = pc.if_else(ok, pa.array(values).cast(cells.distinct.type), cells.distinct)
    renumbered = pc.dictionary_encode(canonical)
    number = np.asarray(renumbered.indices, dtype=np.int32)
    return Coded(cells.spread(number, np.int32(-1)), renumbered.dictionary)


def _foreign_keys(
    frames: dict[str, pd.DataFrame], keys: Mapping[str, pd.Series]
) -> Iterator[Finding]:
    # the referenced table could not be read: already reported
    wanted = [
        (name, fk.field, fk.resource)
        for name in frames
        for fk in TABLES[name].foreign_keys
        if fk.resource in keys
    ]
    for name, field, resource in wanted:
        values = frames[name][field]
        cells = coded(text(values))
        missing = (cells.codes >= 0) & ~_named(cells, keys[resource])
        for row, value in _at(missing, values):
            yield (
                "foreign-key",
                name,
                row,
                field,
                value,
                f"{field} names no row of {resource}",
            )


def _parent_map(actors: pd.DataFrame) -> dict[str, str | None]:
    first = actors.drop_duplicates("actor_id")
    return {
        a: (None if pd.isna(p) else p)
        for a, p in zip(first["actor_id"], first["parent_id"], strict=True)
    }


def _parent_cycles(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    actors = frames.get("actors")
    if actors is None:
        return
    cyclic = nodes_in_cycles(_parent_map(actors))
    on_cycle = _in(actors["actor_id"], pd.Series(sorted(cyclic), dtype=object))
    # (a repeated row of an actor on a cycle may leave parent_id empty: None, as fetched)
    for row, parent in _at(on_cycle, actors["parent_id"]):
        yield (
            "parent-cycle",
            "actors",
            row,
            "parent_id",
            parent,
            "parent_id leads back to this actor",
        )


def _links(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims = frames.get("claims")
    if claims is None:
        return
    at = np.flatnonzero(_link_suspects(claims).to_numpy())
    if not len(at):
        return
    # the figures parsed once for the whole column (shared with the other rules), then picked
    low = integers(claims["value_low"])[0][at].tolist()
    high_values, has_high = integers(claims["value_high"])
    pairs = zip(high_values[at].tolist(), has_high[at].tolist(), strict=True)
    high = [h if ok else None for h, ok in pairs]
    # only the linked rows' cells, fetched chunk by chunk, to Python objects in one go each;
    # the link rules themselves are the contract's, over these rows only
    cells = {c: pick(text(claims[c]), at).to_pylist() for c in _LINK_COLUMNS}
    yield from link_findings(
        Linked(row, c, e, m, s, k, lo, hi, r, p, d)
        for row, lo, hi, c, e, m, s, k, r, p, d in zip(
            claims.index[at].tolist(), low, high, *cells.values(), strict=True
        )
    )


def _link_suspects(claims: pd.DataFrame) -> pd.Series:
    """The rows the contract's link rules must see to find every link finding: a pre-filter,
    over whole columns, that may keep rows that break nothing, never drops one that does.

    Kept are the claims that might break a rule (a link to a claim that differs, or that
    changes nothing; a claim that might be on a cycle; a total its parts might exceed), with
    the claims they name and a suspect total's parts, and every row of each kept claim_id (so
    "the first row of an id" is the same row as over the whole table). On these rows the rules
    find what they find on all the rows: a link to a claim left out is never a finding, cycles
    lie wholly among the suspects, and a suspect total keeps every part.

    Claim ids are numbers: each id's number is its position among the distinct ids in the order
    first seen (``coded``), which is the position of its first row among the first rows. One
    Arrow hash look-up finds the number of every id the three link columns name; everything
    after that is integer indexing over NumPy arrays."""
    ids = coded(text(claims["claim_id"]))
    firsts = len(ids.distinct)
    # each row's own id number; the slot ``firsts`` stands for an id that is no id (an empty
    # cell, which the clean rows never hold), and is cleared before the answer is read
    own = np.where(ids.codes < 0, firsts, ids.codes).astype(np.int64)
    # numbered in the order first seen: a row is its id's first when its number is new
    seen = np.maximum.accumulate(np.concatenate([[-1], ids.codes]))
    first_rows = np.flatnonzero(ids.codes > seen[:-1])
    named = np.concatenate([_numbers(coded(text(claims[link])), ids) for link in LINKS])
    targets = dict(zip(LINKS, np.split(named, len(LINKS)), strict=True))
    # exact int64 values; value_low is sound on every row here, value_high may be empty
    low = integers(claims["value_low"])[0]
    high, has_high = integers(claims["value_high"])
    odd = np.zeros(len(claims), dtype=bool)
    sources: list[np.ndarray] = []
    compared = {
        field: coded(text(claims[field])).codes
        for field in ("event_id", "claimant_id", "subject_id", "category")
    }
    for link, target in targets.items():
        rows = np.flatnonzero(target < firsts)  # the rows whose link names a claim
        if not len(rows):
            continue
        theirs = first_rows[target[rows]]  # the first row of the claim each one names
        sources.append(rows)
        differs = np.zeros(len(rows), dtype=bool)
        other_event = differs
        for field, codes in compared.items():
            mine, other = codes[rows], codes[theirs]
            # an empty cell equals nothing here, as an Arrow comparison with null
            unequal = (mine != other) | (mine < 0)
            differs = differs | unequal
            if field == "event_id":
                other_event = unequal
        # the intervals overlap (an empty value_high is no upper bound), as ``agree`` says
        agree = (~has_high[rows] | (low[theirs] <= high[rows])) & (
            ~has_high[theirs] | (low[rows] <= high[theirs])
        )
        apart = ~agree
        if link == "part_of":
            odd[rows] |= differs
        elif link == "restates":
            odd[rows] |= differs | apart
        else:
            odd[rows] |= other_event | ~(differs | apart)
    cyclic = _maybe_cyclic(
        np.concatenate([own[rows] for rows in sources] or [np.zeros(0, dtype=np.int64)]),
        np.concatenate([targets[link][targets[link] < firsts] for link in targets]),
        firsts,
    )
    suspect = odd | cyclic[own]
    # totals whose parts, all of them counted, might add up to more than the total's high
    whole = targets["part_of"]
    parts = whole < firsts
    # summed as floats (int64 sums could wrap around): exact below 2**53; above, a margin
    # covers their rounding (a pre-filter may keep too much, never too little)
    counted = np.bincount(whole[parts], minlength=firsts + 1)
    sums = np.bincount(
        whole[parts], weights=np.clip(low[parts], 0, None).astype(float), minlength=firsts + 1
    )
    least = np.where(counted[own] > 0, sums[own], np.nan)
    with np.errstate(invalid="ignore"):
        bound = high.astype(float)
        over = has_high & np.where(least < 2.0**52, least > bound, least * (1 + 1e-6) > bound)
    total = np.zeros(firsts + 1, dtype=bool)
    total[own[over]] = True
    total[firsts] = False
    suspect |= total[own] | (parts & total[whole])
    # every row of a suspect's id, and of every id a suspect names
    kept = np.zeros(firsts + 1, dtype=bool)
    kept[own[suspect]] = True
    for target in targets.values():
        kept[target[suspect]] = True
    kept[firsts] = False
    out: pd.Series = pd.Series(kept[own], index=claims.index)
    return out


def _numbers(cells: Coded, ids: Coded) -> np.ndarray:
    """Each cell's id number (the position of the id it names among ``ids.distinct``), and
    ``len(ids.distinct)`` for an empty cell or one that names no claim.

    The smaller side is hashed: every id is looked up among the distinct cells of the link
    column, which are far fewer than the claims in any real package."""
    firsts = len(ids.distinct)
    found = positions(ids.distinct, cells.distinct)
    hit = found >= 0
    number = np.full(len(cells.distinct), firsts, dtype=np.int64)
    number[found[hit]] = np.flatnonzero(hit)
    return cells.spread(number, firsts)


def _maybe_cyclic(sources: np.ndarray, targets: np.ndarray, firsts: int) -> np.ndarray:
    """Per id number (and the spare slot ``firsts``, never set), whether the claim might lie on
    a link cycle: the edges (source, target) whose source is linked to and whose target links
    on, peeled until none is left out (as many passes as the longest chain)."""
    while True:
        links_on = np.zeros(firsts + 1, dtype=bool)
        links_on[sources] = True
        linked_to = np.zeros(firsts + 1, dtype=bool)
        linked_to[targets] = True
        kept = linked_to[sources] & links_on[targets]
        if kept.all():
            cyclic = np.zeros(firsts + 1, dtype=bool)
            cyclic[sources] = True
            return cyclic
        sources, targets = sources[kept], targets[kept]


_LINK_COLUMNS = (
    "claim_id", "event_id", "claimant_id", "subject_id", "category",
    "restates", "part_of", "distorts",
)  # fmt: skip


def _unattributed(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims, actors = frames.get("claims"), frames.get("actors")
    if claims is None or actors is None:
        return
    kind = _lookup(
        claims["claimant_id"],
        actors.drop_duplicates("actor_id").set_index("actor_id")["actor_type"],
    )
    bad = claims["attribution"].isin(UNATTRIBUTED) & kind.notna() & (kind != OUTLET)
    flagged = bad.fillna(False).astype(bool)
    for row, claimant, attribution, actor_type in _at(
        flagged, claims["claimant_id"], claims["attribution"], kind
    ):
        yield (
            "unattributed-claimant",
            "claims",
            row,
            "claimant_id",
            claimant,
            f"attribution is {attribution!r}, so the claimant must be the "
            f"outlet (actor_type {OUTLET!r}), not a {actor_type!r}",
        )


def _quantifiers(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims, quantifiers = frames.get("claims"), frames.get("quantifiers")
    if claims is None or quantifiers is None:
        return
    texts = claims["value_text"]
    _, exact, _ = stated_figures(texts)
    vague = pd.Series(~exact, index=texts.index, dtype=bool)
    table = quantifiers.drop_duplicates("phrase").set_index("phrase")
    unknown = vague & ~_in(texts, table.index.to_series())
    for row in _rows(unknown):
        yield (
            "quantifier-unknown",
            "claims",
            row,
            "value_text",
            texts[row],
            "this vague figure is not a phrase of the quantifiers table",
        )
    known = vague & ~unknown
    low = parse_integers(claims["value_low"])
    high = parse_integers(claims["value_high"])
    q_low = _lookup(texts, parse_integers(table["value_low"]))
    q_high = _lookup(texts, parse_integers(table["value_high"]))
    # integers compared as integers; an empty bound equals only an empty bound
    same_high = (high == q_high).fillna(False) | (high.isna() & q_high.isna())
    differs = ((low != q_low).fillna(True) | ~same_high).astype(bool)
    for row in _rows(known & differs):
        yield (
            "quantifier-mismatch",
            "claims",
            row,
            "value_low",
            claims.at[row, "value_low"],
            f"{texts[row]!r} is recorded as {_interval(q_low[row], q_high[row])} in "
            f"quantifiers, not {_interval(low[row], high[row])}",
        )


def _interval(low: Any, high: Any) -> str:
    return f"{int(low)}..{'' if pd.isna(high) else int(high)}"


def _dates(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims, events, sources = frames.get("claims"), frames.get("events"), frames.get("sources")
    if claims is None or events is None or events.empty:
        # (an empty look-up maps to float64 NaN, which cannot be compared with text)
        return
    first = events.drop_duplicates("event_id")
    start = _lookup(claims["event_id"], first.set_index("event_id")["date_start"])
    early = claims["claimed_on"].notna() & start.notna() & (claims["claimed_on"] < start)
    for row, claimed_on, starts_on in _at(
        early.fillna(False).astype(bool), claims["claimed_on"], start
    ):
        yield (
            "claim-before-event",
            "claims",
            row,
            "claimed_on",
            claimed_on,
            f"the claim is dated before its event starts ({starts_on})",
        )
    if sources is None:
        return
    # the latest start among each source's claims: every start as its rank among the distinct
    # start dates (ISO dates sort as text), then the largest rank per source, from one sort
    event = coded(text(claims["event_id"]))
    found = pc.index_in(event.distinct, value_set=joined(first["event_id"]))
    starts = joined(first["date_start"]).take(found)  # per distinct event; null: none
    dates = pc.unique(starts.drop_null())
    dates = dates.take(pc.sort_indices(dates))
    ranks = event.spread(positions(starts, dates), -1)
    source = coded(text(claims["source_id"]))
    dated = (ranks >= 0) & (source.codes >= 0)
    if not dated.any():  # no source reports a dated event
        return
    key = np.sort(source.codes[dated].astype(np.int64) * len(dates) + ranks[dated])
    group = key // len(dates)
    last = np.append(np.flatnonzero(group[1:] != group[:-1]), len(key) - 1)
    latest = np.full(len(source.distinct) + 1, -1, dtype=np.int64)  # the last: no source
    latest[group[last]] = key[last] % len(dates)
    at = positions(joined(sources["source_id"]), source.distinct)
    reported = latest[at]
    rows = np.flatnonzero(reported >= 0)
    when = dates.take(pa.array(reported[rows]))
    published = sources["published_on"]
    before = pc.fill_null(pc.less(pick(text(published), rows), when), False)
    for i in np.flatnonzero(before.to_numpy(zero_copy_only=False)).tolist():
        row = sources.index[rows[i]]
        yield (
            "source-before-event",
            "sources",
            row,
            "published_on",
            published[row],
            f"the source is dated before an event it reports starts ({when[i].as_py()})",
        )


def _snapshots(frames: dict[str, pd.DataFrame], snapshots: dict[str, str]) -> Iterator[Finding]:
    sources = frames.get("sources")
    if sources is None:
        return
    missing = ~sources["snapshot_sha256"].isin(snapshots.keys())
    for row in _rows(missing):
        yield (
            "snapshot-missing",
            "sources",
            row,
            "snapshot_sha256",
            sources.at[row, "snapshot_sha256"],
            "no file in the snapshots folder has this sha256",
        )
    claims = frames.get("claims")
    if claims is None:
        return
    first = sources.drop_duplicates("source_id")
    text_of = {
        s: snapshots[h]
        for s, h in zip(first["source_id"], first["snapshot_sha256"], strict=True)
        if h in snapshots
    }
    for row, source, quote in zip(claims.index, claims["source_id"], claims["quote"], strict=True):
        if source in text_of and quote not in text_of[source]:
            yield (
                "quote-not-in-snapshot",
                "claims",
                int(row),
                "quote",
                quote,
                f"the quote does not occur verbatim in the snapshot of {source!r}",
            )
