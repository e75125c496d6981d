"""The bundled data against its sources: every quote verbatim, every figure in its quote."""

from __future__ import annotations

import csv
import hashlib

import pytest

from conflict_claims.contract.numbers import figure_in_quote, parse_number
from pkgtools import BUNDLED, SEEDS

needs_seeds = pytest.mark.usefixtures("seeds")


def rows(table: str) -> list[dict[str, str]]:
    with (BUNDLED / "data" / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def snapshot_texts() -> dict[str, str]:
    return {
        hashlib.sha256(p.read_bytes()).hexdigest(): p.read_text(encoding="utf-8")
        for p in SEEDS.glob("*.txt")
    }


@needs_seeds
def test_each_source_records_the_sha256_of_a_seed() -> None:
    texts = snapshot_texts()
    recorded = [s["snapshot_sha256"] for s in rows("sources")]
    assert sorted(recorded) == sorted(texts)


@needs_seeds
@pytest.mark.parametrize("claim", rows("claims"), ids=lambda c: c["claim_id"])
def test_quote_occurs_verbatim_in_its_source(claim: dict[str, str]) -> None:
    sha = {s["source_id"]: s["snapshot_sha256"] for s in rows("sources")}[claim["source_id"]]
    assert claim["quote"] in snapshot_texts()[sha]


@pytest.mark.parametrize("claim", rows("claims"), ids=lambda c: c["claim_id"])
def test_figure_appears_in_its_quote(claim: dict[str, str]) -> None:
    assert figure_in_quote(claim["value_text"], int(claim["value_low"]), claim["quote"])
    stated = parse_number(claim["value_text"])
    if stated is not None:
        assert int(claim["value_low"]) == stated
        assert claim["value_high"] == str(stated)


def test_the_mission_example_keeps_both_bourem_figures() -> None:
    bourem = [
        c for c in rows("claims")
        if c["event_id"] == "2023-09-12-bourem" and c["subject_id"] == "mali-fama"
        and c["category"] == "killed"
    ]  # fmt: skip
    by_claimant = {(c["claimant_id"], c["value_low"]) for c in bourem}
    assert ("mali-fama", "10") in by_claimant
    assert ("cma", "97") in by_claimant


def test_every_vague_figure_has_a_quantifier() -> None:
    phrases = {q["phrase"] for q in rows("quantifiers")}
    vague = {c["value_text"] for c in rows("claims") if parse_number(c["value_text"]) is None}
    assert vague <= phrases
    assert phrases <= vague, "a quantifier no claim uses"


def test_numbers_parse_and_spell() -> None:
    assert parse_number("ninety-seven") == 97
    assert parse_number("Twenty-Four") == 24
    assert parse_number("~30") is None  # approximate: a quantifier row gives its interval
    assert parse_number("one hundred and five") == 105
    assert parse_number("quatre-vingt-dix-sept") == 97
    assert parse_number("1,000") == 1000
    assert parse_number("fifty-fifty") is None
    assert parse_number("one one") is None
    assert figure_in_quote("105", 105, "one hundred and five soldiers")
    assert figure_in_quote("97", 97, "ninety seven soldiers")
    assert figure_in_quote("1000", 1000, "some 1,000 soldiers")
    assert figure_in_quote("10", 10, "dix soldats")
    assert parse_number("several dozen") is None
    assert not figure_in_quote("ten", 10, "the tenth soldier")


# Labels of this project, listed as added in datapackage/README.md ("Values no source states").
ADDED_NAMES = {("unidentified", "Unidentified persons or groups"), ("wikipedia", "Wikipedia")}


@needs_seeds
def test_actor_names_and_aliases_are_spellings_of_the_sources() -> None:
    text = " ".join(snapshot_texts().values()).casefold()
    unsourced = {
        (a["actor_id"], name)
        for a in rows("actors")
        for name in [a["name"], *a["aliases"].split("|")]
        if name and name.casefold() not in text
    }
    assert unsourced == ADDED_NAMES


def test_corrections_of_the_review_hold() -> None:
    claims = {c["claim_id"]: c for c in rows("claims")}
    # the five surviving prisoners at Bourem belong to the CMA's claim
    assert (claims["wp-bourem-09"]["claimant_id"], claims["wp-bourem-09"]["attribution"]) == (
        "cma",
        "named",
    )
    # "~30 killed" is approximate and distorts "thirty men killed or injured"
    lere = claims["wp-lere-07"]
    assert (lere["value_low"], lere["value_high"], lere["distorts"]) == ("27", "33", "wp-lere-05")
    events = {e["event_id"]: e for e in rows("events")}
    assert events["2023-09-17-lere"]["date_end"] == "2023-09-18"
    at_ber = {p["actor_id"] for p in rows("participants") if p["event_id"] == "2023-08-11-ber"}
    assert "minusma-burkina-faso" not in at_ber
    actors = {a["actor_id"]: a for a in rows("actors")}
    assert "msa" not in actors
    # two GATIAs: the pro-government one takes no part through the CSP-PSD
    assert actors["gatia"]["parent_id"] == ""
    assert actors["gatia-al-mahmoud"]["name"] == "GATIA (al-Mahmoud faction)"
    assert "GATIA (al-Mahmoud faction)" not in actors["gatia"]["aliases"]
