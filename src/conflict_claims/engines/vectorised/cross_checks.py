"""Vectorised checks of the rules that span rows and tables, over frames of valid rows."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_claims.contract.actor_graph import ancestors, nodes_in_cycles
from conflict_claims.contract.claim_links import Linked, link_findings
from conflict_claims.contract.tables import ANYONE, OUTLET, TABLES, UNATTRIBUTED
from conflict_claims.engines.vectorised.pool import run_all
from conflict_claims.engines.vectorised.table_checks import (
    integers,
    parse_integers,
    stated_figures,
)
from conflict_claims.io.arrow_text import fingerprints, flags, mix, text
from conflict_claims.io.csv_arrow import pick_rows, text_frame

Finding = tuple[str, str, int, str, object, str]
"""(rule, resource, row, field, value, what is wrong)."""


def _rows(mask: pd.Series) -> list[int]:
    return [int(i) for i in mask.index[mask.to_numpy()]]


def _lookup(s: pd.Series, mapping: pd.Series) -> pd.Series:
    """``mapping[cell]`` for each cell (missing where the cell is empty or not in ``mapping``),
    looked up once per distinct value. ``mapping`` has a unique index."""
    codes, distinct = pd.factorize(s)
    picked: Any = mapping.reindex(pd.Index(distinct, dtype=mapping.index.dtype)).array
    if isinstance(picked, pd.arrays.NumpyExtensionArray):
        # pandas 2.x warns (FutureWarning, on stderr) when ``take`` is handed this wrapper
        picked = picked.to_numpy()
    values = pd.api.extensions.take(picked, codes, allow_fill=True)
    out: pd.Series = pd.Series(values, index=s.index, dtype=mapping.dtype)
    return out


def _repeats(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """``frame.duplicated(subset=columns, keep="first")``, narrowed cheaply first.

    Rows are compared on cell fingerprints (equal cells, equal fingerprints), column by column,
    most varied columns first (judged on the first rows); only rows that still have a twin go
    on. The exact comparison then runs on those rows alone, so a package without repeats costs
    about one pass over its most varied column."""
    head = frame.iloc[:4096]
    ordered = sorted(columns, key=lambda c: -head[c].nunique(dropna=False))
    rows = np.arange(len(frame))
    key = np.zeros(len(frame), dtype=np.uint64)
    repeated = np.zeros(len(frame), dtype=bool)
    for column in ordered:
        # only the rows still in the running are fingerprinted and compared
        key = mix(key, fingerprints(text(frame[column]), rows))
        twins = _shared(key)
        rows, key = rows[twins], key[twins]
        if not len(rows):
            return pd.Series(repeated, index=frame.index)
    # survivors keep their order, and every exact twin of a survivor survives too
    survivors = pick_rows(frame[columns], rows)
    repeated[rows] = survivors.duplicated(keep="first").to_numpy()
    return pd.Series(repeated, index=frame.index)


def _shared(key: np.ndarray) -> np.ndarray:
    """Whether each key occurs more than once (``duplicated(keep=False)``), from one sort:
    NumPy's vectorised sort of 64-bit keys releases the GIL, where a hash table holds it."""
    order = np.argsort(key)
    ordered = key[order]
    same = ordered[1:] == ordered[:-1]
    in_sorted = np.zeros(len(key), dtype=bool)
    in_sorted[1:] |= same
    in_sorted[:-1] |= same
    shared = np.empty(len(key), dtype=bool)
    shared[order] = in_sorted
    return shared


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
        partial(_subjects, frames),
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
        repeated = _repeats(frame, key)
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
    repeated = _repeats(_integers_by_value(claims), others)
    for row in _rows(repeated):
        yield (
            "duplicate-claim",
            "claims",
            row,
            "claim_id",
            claims.at[row, "claim_id"],
            "this claim repeats an earlier one in every field but claim_id",
        )


def _integers_by_value(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims with each integer cell written the one way its value is ("010" as "10"), so
    that repeats are found by value, as the record engine compares parsed integers. Added
    columns stay text, in both engines."""
    compared = claims
    for column in TABLES["claims"].columns:
        if column.kind != "integer" or column.name not in claims.columns:
            continue
        values, ok = integers(claims[column.name])
        canonical = pa.array(values, mask=~ok).cast(pa.large_string())
        if pc.all(pc.equal(canonical, text(claims[column.name])), skip_nulls=True).as_py():
            continue  # written canonically already, as in almost every package
        if compared is claims:
            compared = claims.copy(deep=False)
        table = pa.table({column.name: canonical})
        compared[column.name] = text_frame(table, claims.index)[column.name]
    return compared


def _foreign_keys(
    frames: dict[str, pd.DataFrame], keys: Mapping[str, pd.Series]
) -> Iterator[Finding]:
    for name, frame in frames.items():
        for fk in TABLES[name].foreign_keys:
            if fk.resource not in keys:
                continue  # the referenced table could not be read: already reported
            values = frame[fk.field]
            # Arrow's hash look-up: pandas' isin on Arrow strings walks the keys in Python
            known = pc.is_in(text(values), value_set=text(keys[fk.resource]).combine_chunks())
            missing = values.notna() & ~flags(known, values.index)
            for row in _rows(missing):
                yield (
                    "foreign-key",
                    name,
                    row,
                    fk.field,
                    values[row],
                    f"{fk.field} names no row of {fk.resource}",
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
    for row in _rows(actors["actor_id"].isin(cyclic)):
        yield (
            "parent-cycle",
            "actors",
            row,
            "parent_id",
            actors.at[row, "parent_id"],
            "parent_id leads back to this actor",
        )


def _links(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims = frames.get("claims")
    if claims is None:
        return
    linked = claims[["restates", "part_of", "distorts"]].notna().any(axis=1)
    ids = claims["claim_id"]
    # only linked claims and the claims they name matter: skip the rest of a large table
    targets = pd.concat([claims.loc[linked, c] for c in ("restates", "part_of", "distorts")])
    rows = claims[linked | ids.isin(targets.dropna())]
    if rows.empty:
        return
    low = parse_integers(rows["value_low"])
    high = parse_integers(rows["value_high"])
    yield from link_findings(
        Linked(
            int(row), c, e, m, s, k, int(lo), None if pd.isna(hi) else int(hi),
            None if pd.isna(r) else r, None if pd.isna(p) else p, None if pd.isna(d) else d,
        )
        for row, c, e, m, s, k, lo, hi, r, p, d in zip(
            rows.index, rows["claim_id"], rows["event_id"], rows["claimant_id"],
            rows["subject_id"], rows["category"], low, high, rows["restates"],
            rows["part_of"], rows["distorts"], strict=True,
        )
    )  # fmt: skip


def _subjects(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims, actors = frames.get("claims"), frames.get("actors")
    participants, events = frames.get("participants"), frames.get("events")
    if claims is None or actors is None or participants is None or events is None:
        return
    parent = _parent_map(actors)
    first = actors.drop_duplicates("actor_id")
    kind = dict(zip(first["actor_id"], first["actor_type"], strict=True))
    took_part = set(zip(participants["event_id"], participants["actor_id"], strict=True))
    known_events = set(events["event_id"])
    pairs = claims[["event_id", "subject_id"]].drop_duplicates()
    bad = {
        (event, subject)
        for event, subject in zip(pairs["event_id"], pairs["subject_id"], strict=True)
        if event in known_events
        and subject in parent
        and kind[subject] not in ANYONE
        and not any((event, a) in took_part for a in ancestors(subject, parent))
    }
    if not bad:
        return
    keys = pd.Series(
        list(zip(claims["event_id"], claims["subject_id"], strict=True)), index=claims.index
    )
    for row in _rows(keys.isin(bad)):
        yield (
            "subject-not-participant",
            "claims",
            row,
            "subject_id",
            claims.at[row, "subject_id"],
            f"the subject took no part in event {claims.at[row, 'event_id']!r}, "
            "directly or through a coalition",
        )


def _unattributed(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims, actors = frames.get("claims"), frames.get("actors")
    if claims is None or actors is None:
        return
    kind = _lookup(
        claims["claimant_id"],
        actors.drop_duplicates("actor_id").set_index("actor_id")["actor_type"],
    )
    bad = claims["attribution"].isin(UNATTRIBUTED) & kind.notna() & (kind != OUTLET)
    for row in _rows(bad.fillna(False).astype(bool)):
        yield (
            "unattributed-claimant",
            "claims",
            row,
            "claimant_id",
            claims.at[row, "claimant_id"],
            f"attribution is {claims.at[row, 'attribution']!r}, so the claimant must be the "
            f"outlet (actor_type {OUTLET!r}), not a {kind[row]!r}",
        )


def _quantifiers(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    claims, quantifiers = frames.get("claims"), frames.get("quantifiers")
    if claims is None or quantifiers is None:
        return
    texts = claims["value_text"]
    _, exact, _ = stated_figures(texts)
    vague = pd.Series(~exact, index=texts.index, dtype=bool)
    table = quantifiers.drop_duplicates("phrase").set_index("phrase")
    unknown = vague & ~texts.isin(table.index)
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
    start = _lookup(
        claims["event_id"], events.drop_duplicates("event_id").set_index("event_id")["date_start"]
    )
    early = claims["claimed_on"].notna() & start.notna() & (claims["claimed_on"] < start)
    for row in _rows(early.fillna(False).astype(bool)):
        yield (
            "claim-before-event",
            "claims",
            row,
            "claimed_on",
            claims.at[row, "claimed_on"],
            f"the claim is dated before its event starts ({start[row]})",
        )
    if sources is None:
        return
    latest = (
        pd.DataFrame({"source_id": claims["source_id"], "start": start})
        .dropna()
        .groupby("source_id")["start"]
        .max()
    )
    if latest.empty:  # no source reports a dated event
        return
    published = sources["published_on"]
    reported = sources["source_id"].map(latest)
    early = published.notna() & reported.notna() & (published < reported)
    for row in _rows(early.fillna(False).astype(bool)):
        yield (
            "source-before-event",
            "sources",
            row,
            "published_on",
            published[row],
            f"the source is dated before an event it reports starts ({reported[row]})",
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
