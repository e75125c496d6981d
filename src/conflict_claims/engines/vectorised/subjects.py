"""The subject-not-participant rule over whole columns: each claim's subject, or an actor up
its chain of parents, took part in the claim's event."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from conflict_claims.contract.tables import ANYONE
from conflict_claims.engines.vectorised.repeats import distinct_keys
from conflict_claims.io.arrow_text import coded, joined, pick, positions, text

Finding = tuple[str, str, int, str, object, str]


def _chains(first: pd.DataFrame) -> pd.DataFrame:
    """(actor, node) for each actor and every node of its ``ancestors`` chain (the actor, its
    parent, grandparent..., an unknown parent id included), by joining the parent links onto
    the chains once per generation: as many joins as the hierarchy is deep, not one step per
    actor. A node seen before ends its chain, as in ``ancestors``."""
    up = pd.DataFrame({"node": first["actor_id"], "up": first["parent_id"]}).dropna()
    chains: pd.DataFrame = pd.DataFrame({"actor": first["actor_id"], "node": first["actor_id"]})
    frontier = chains
    while not frontier.empty:
        step = frontier.merge(up, on="node")[["actor", "up"]].rename(columns={"up": "node"})
        fresh = _without_pairs(step.drop_duplicates(), chains, ["actor", "node"])
        chains = pd.concat([chains, fresh], ignore_index=True)
        frontier = fresh
    return chains


def _without_pairs(left: pd.DataFrame, right: pd.DataFrame, on: list[str]) -> pd.DataFrame:
    """The rows of ``left`` whose ``on`` cells match no row of ``right`` (an anti-join)."""
    merged = left.merge(right[on].drop_duplicates(), on=on, how="left", indicator=True)
    kept: pd.DataFrame = merged.loc[merged["_merge"] == "left_only", list(left.columns)]
    out: pd.DataFrame = kept.reset_index(drop=True)
    return out


def subject_findings(frames: dict[str, pd.DataFrame]) -> Iterator[Finding]:
    """The claims whose subject (an actor that is not anyone's to name) took no part in their
    event, directly or through a coalition.

    Worked on numbers: the claims' events and subjects by their codes, the pairs to judge once
    each, each pair joined to its subject's chain of parents, and every (event, node) looked up
    among the participants' by integer keys."""
    claims, actors = frames.get("claims"), frames.get("actors")
    participants, events = frames.get("participants"), frames.get("events")
    if claims is None or actors is None or participants is None or events is None:
        return
    first = actors.drop_duplicates("actor_id")
    event, subject = coded(text(claims["event_id"])), coded(text(claims["subject_id"]))
    # the subjects that need a participant: known actors of a type not anyone's to name
    at = positions(subject.distinct, joined(first["actor_id"]))
    kinds = first["actor_type"].to_numpy(dtype=object)
    needs = np.array(
        [i >= 0 and not pd.isna(kinds[i]) and kinds[i] not in ANYONE for i in at.tolist()],
        dtype=bool,
    )
    known = positions(event.distinct, joined(events["event_id"])) >= 0
    judged = np.flatnonzero(event.spread(known, False) & subject.spread(needs, False))
    if not len(judged):
        return
    subjects = len(subject.distinct)
    pair_keys, pair_of_row = distinct_keys(
        event.codes[judged].astype(np.int64) * subjects + subject.codes[judged],
        len(event.distinct) * subjects,
    )
    pair_event, pair_subject = pair_keys // subjects, pair_keys % subjects
    fine = _took_part(first, participants, event, subject.distinct, pair_event, pair_subject)
    bad_rows = judged[~fine[pair_of_row]]
    # the cells of the findings fetched in one go per column, not looked up row by row
    subjects_of = pick(text(claims["subject_id"]), bad_rows).to_pylist()
    events_of = pick(text(claims["event_id"]), bad_rows).to_pylist()
    for row, subject_id, event_id in zip(
        claims.index[bad_rows].tolist(), subjects_of, events_of, strict=True
    ):
        yield (
            "subject-not-participant",
            "claims",
            row,
            "subject_id",
            subject_id,
            f"the subject took no part in event {event_id!r}, directly or through a coalition",
        )


def _took_part(
    first: pd.DataFrame,
    participants: pd.DataFrame,
    event: Any,
    subjects: Any,
    pair_event: np.ndarray,
    pair_subject: np.ndarray,
) -> np.ndarray:
    """Per (event, subject) pair, whether the subject or a node up its chain took part."""
    chains = _chains(first)
    chain_subject = positions(joined(chains["actor"]), subjects)
    on = chain_subject >= 0
    nodes = pc.unique(joined(chains["node"]))
    chain_subject = chain_subject[on]
    chain_node = positions(joined(chains["node"]), nodes)[on]
    # who took part in what, as (event code, node number) keys; only the claims' events count
    took = participants[["event_id", "actor_id"]].dropna()
    took_event = positions(joined(took["event_id"]), event.distinct)
    took_node = positions(joined(took["actor_id"]), nodes)
    taken = (took_event >= 0) & (took_node >= 0)
    took_keys = took_event[taken] * len(nodes) + took_node[taken]
    # every pair joined to each node of its subject's chain (chains grouped by subject)
    order = np.argsort(chain_subject, kind="stable")
    chain_node = chain_node[order]
    counts = np.bincount(chain_subject, minlength=len(subjects))
    starts = np.cumsum(counts) - counts
    per_pair = counts[pair_subject]
    pair = np.repeat(np.arange(len(pair_subject)), per_pair)
    within = np.arange(len(pair)) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    node = chain_node[starts[pair_subject][pair] + within]
    # Arrow hashes the (event, node) keys of those who took part once, and probes each pair's
    hit = np.asarray(
        pc.is_in(pa.array(pair_event[pair] * len(nodes) + node), value_set=pa.array(took_keys)),
        dtype=bool,
    )
    fine = np.zeros(len(pair_subject), dtype=bool)
    fine[pair[hit]] = True
    return fine
