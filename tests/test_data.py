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
    assert parse_number("~30") == 30
    assert parse_number("several dozen") is None
    assert not figure_in_quote("ten", 10, "the tenth soldier")
