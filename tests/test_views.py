"""The spread view: lowest and highest figure per event, side, category and kind of claim."""

from __future__ import annotations

import pandas as pd

import conflict_claims as cc
from conflict_claims.dataframe_schemas.typed import SPREAD_KINDS
from conflict_claims.typed.views import KINDS, spread_frame
from loaded import bundled


def rows_by_key() -> dict[tuple[str, str, str, str], cc.SpreadRow]:
    return {(r.event_id, r.side, r.category, r.kind): r for r in cc.spread(bundled())}


def test_self_reported_apart_from_adversary_claims() -> None:
    rows = rows_by_key()
    own = rows[("2023-09-12-bourem", "government", "killed", "self_reported")]
    enemy = rows[("2023-09-12-bourem", "government", "killed", "adversary")]
    assert (own.low, own.high, own.low_claimant_ids) == (10, 10, ("mali-fama",))
    assert (enemy.low, enemy.high, enemy.high_claimant_ids) == (97, 97, ("cma",))


def test_low_and_high_name_their_claims_and_claimants() -> None:
    row = rows_by_key()[("2023-09-28-dioura", "government", "killed", "adversary")]
    assert (row.low, row.low_claimant_ids, row.high, row.high_claimant_ids) == (
        81,
        ("sidi-mola",),
        98,
        ("ramadane",),
    )
    assert row.claims == 2
    d = bundled()
    assert [d.claim(c).value_low for c in row.low_claim_ids] == [81]


def test_coalition_members_and_outsiders() -> None:
    rows = rows_by_key()
    # the Malian Air Force fights on the government side through its parent, the army
    assert ("2023-09-09-tinouake", "government", "aircraft_destroyed", "self_reported") in rows
    # an outlet took no part; civilians get their own side label
    assert ("2023-09-12-bourem", "government", "killed", "third_party") in rows
    assert ("2023-08-11-ber", "civilians", "injured", "third_party") in rows


def test_open_ended_figures() -> None:
    row = rows_by_key()[("2023-09-17-lere", "government", "killed", "third_party")]
    assert row.open_ended
    assert row.high == row.low == 24  # "dozens": 24 and no upper bound


def test_every_statement_is_counted_once() -> None:
    # restatements and parts fold into their statement: the army's 7 dead at Ber is one figure
    assert sum(r.claims for r in cc.spread(bundled())) == len(bundled().statements())
    ber = rows_by_key()[("2023-08-11-ber", "government", "killed", "self_reported")]
    assert (ber.low, ber.high, ber.claims) == (7, 7, 1)


def test_frame_matches_rows() -> None:
    d = bundled()
    frame = spread_frame(d)
    rows = cc.spread(d)
    assert len(frame) == len(rows)
    assert frame["high"].tolist() == [r.high for r in rows]
    assert frame["low_claimant_ids"].tolist() == ["|".join(r.low_claimant_ids) for r in rows]
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)
    assert KINDS == SPREAD_KINDS
