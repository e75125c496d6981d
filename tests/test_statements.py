"""The statements view: restatements, distorted reports and parts fold into one statement."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd

import conflict_claims as cc
from conflict_claims.contract.tables import LINKS
from conflict_claims.validation.package import validate
from loaded import bundled
from pkgtools import BUNDLED, Package


def holding(claim_id: str) -> cc.Statement:
    return next(s for s in bundled().statements() if claim_id in s.claim_ids)


def test_the_armys_dead_at_ber_are_one_statement_of_seven() -> None:
    s = holding("wp-ber-06")
    assert (s.claimant_id, s.subject_id, s.category) == ("mali-fama", "mali-fama", "killed")
    assert (s.value_low, s.value_high) == (7, 7)
    # the infobox total and the per-day figures of the body
    assert s.claim_ids == ("wp-ber-04", "wp-ber-06", "wp-ber-08")
    assert s.part_claim_ids == ("wp-ber-06", "wp-ber-08")
    assert holding("wp-ber-08") == s


def test_bourem_body_and_infobox_are_one_statement() -> None:
    s = holding("wp-bourem-01")
    assert s.claim_ids == ("wp-bourem-01", "wp-bourem-16")
    reads = {bundled().claim(c).read_in for c in s.claim_ids}
    assert reads == {"body", "infobox"}
    assert (s.value_low, s.category, s.claimant_id) == (10, "killed", "mali-fama")


def test_the_csp_psds_lere_aircraft_add_up_to_two() -> None:
    planes = [
        s
        for s in bundled().statements()
        if s.event_id == "2023-09-17-lere"
        and s.claimant_id == "csp-psd"
        and s.category in ("aircraft_destroyed", "aircraft_damaged")
    ]
    assert sum(s.value_low for s in planes) == 2
    # the infobox's "1 plane damaged" is the second plane of the body, not a third
    assert holding("wp-lere-19").claim_id == "wp-lere-18"
    assert holding("wp-lere-19").distorted_claim_ids == ("wp-lere-19",)


def test_a_distorted_figure_is_kept_and_flagged() -> None:
    d = bundled()
    approx = d.claim("wp-lere-07")  # the infobox's "~30 killed"
    assert (approx.value_text, approx.value_low, approx.value_high) == ("~30", 27, 33)
    assert approx.distorts == "wp-lere-05"  # the body's "thirty men killed or injured"
    s = holding("wp-lere-07")
    assert (s.category, s.value_low, s.value_high) == ("killed_or_injured", 30, 30)
    assert s.distorted_claim_ids == ("wp-lere-07",)


def test_every_claim_is_in_exactly_one_statement() -> None:
    d = bundled()
    held = [c for s in d.statements() for c in s.claim_ids]
    assert sorted(held) == sorted(c.claim_id for c in d.claims)
    for s in d.statements():
        assert s.claim_id in s.claim_ids
        assert set(s.source_ids) == {d.claim(c).source_id for c in s.claim_ids}


def test_unlinked_claims_are_their_own_statements() -> None:
    d = bundled()
    linked = {c.claim_id for c in d.claims if any(getattr(c, k) for k in LINKS)}
    linked |= {getattr(c, k) for c in d.claims for k in LINKS} - {None}
    for s in d.statements():
        if not set(s.claim_ids) & linked:
            assert len(s.claim_ids) == 1


def test_figures_without_a_recorded_total_stay_apart() -> None:
    # the bodies the army said it found at Ber, 4 on 11 August and 24 on 12 August: the
    # source gives no total of bodies, so they are two statements (to be added up)
    assert holding("wp-ber-10").claim_ids == ("wp-ber-10",)
    assert holding("wp-ber-11").claim_ids == ("wp-ber-11",)


def test_pandas_reads_the_literal_none_with_keep_default_na() -> None:
    path = BUNDLED / "data" / "claims.csv"
    careless = pd.read_csv(path)
    careful = pd.read_csv(path, keep_default_na=False, na_values=[""])
    row = careful["claim_id"] == "wp-ber-19"
    assert careful.loc[row, "value_text"].tolist() == ["None"]
    assert careless.loc[careless["claim_id"] == "wp-ber-19", "value_text"].isna().all()
    assert careful.loc[row, "claimed_on"].isna().all()  # empty cells stay missing
    frames = bundled().frames().claims
    assert frames.loc[frames["claim_id"] == "wp-ber-19", "value_text"].tolist() == ["None"]


def test_a_derived_package_with_a_french_source_validates(tmp_path: Path) -> None:
    package = Package(tmp_path / "pkg")
    package.append(
        "sources",
        {
            "source_id": "rfi-ber",
            "title": "Au Mali, combats à Ber",
            "publisher": "RFI",
            "source_type": "news_article",
            "language": "fr",
            "snapshot_sha256": "0" * 64,
        },
    )
    first = package.rows("claims")[0]
    base = dict.fromkeys(first, "") | {
        "event_id": "2023-08-11-ber",
        "claimant_id": "mali-fama",
        "source_id": "rfi-ber",
        "subject_id": "mali-fama",
        "attribution": "named",
        "read_in": "body",
    }
    package.append(
        "claims",
        base
        | {
            "claim_id": "rfi-ber-01",
            "category": "injured",
            "value_low": "10",
            "value_high": "10",
            "value_text": "dix",
            "quote": "l'armée a fait état de dix soldats blessés",
        },
    )
    package.append(
        "claims",
        base
        | {
            "claim_id": "rfi-ber-02",
            "category": "killed",
            "subject_id": "unidentified",
            "value_low": "97",
            "value_high": "97",
            "value_text": "quatre-vingt-dix-sept",
            "quote": "quatre-vingt-dix-sept assaillants tués",
        },
    )
    for engine in ("pandera", "pydantic"):
        report = validate(package.folder, engine=engine)
        assert report.errors == (), [p.message for p in report.errors]
    package.set("claims", package.row_of("claims", "claim_id", "rfi-ber-01"), "value_low", "9")
    report = validate(package.folder)
    assert {p.rule for p in report.errors} == {"value-text-mismatch"}


def test_statement_schema_is_exported() -> None:
    schema = json.loads(
        (BUNDLED.parent / "schemas" / "statements.record.schema.json").read_text("utf-8")
    )
    wanted = {"event_id", "claimant_id", "subject_id", "category", "value_low", "value_high"}
    assert wanted | {"claim_ids", "source_ids"} <= set(schema["properties"])


def test_every_link_column_is_a_declared_foreign_key() -> None:
    descriptor = json.loads((BUNDLED / "datapackage.json").read_text("utf-8"))
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")
    keys = {fk["fields"]: fk["reference"] for fk in claims["schema"]["foreignKeys"]}
    for link in LINKS:
        assert keys[link] == {"resource": "claims", "fields": "claim_id"}
    with (BUNDLED / "data" / "claims.csv").open(encoding="utf-8", newline="") as f:
        reads = {row["read_in"] for row in csv.DictReader(f)}
    assert reads == {"body", "infobox"}
