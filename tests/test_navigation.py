"""Records navigate to related records, through the Dataset that holds them.

Look-ups take a record or an id; records stay frozen, hashable and equal, whichever dataset
holds them; a copy or a new dataset navigates within itself.
"""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest

import conflict_claims as cc
from loaded import bundled

AIR_FORCE, ARMY = "mali-air-force", "mali-fama"


def test_a_claim_leads_to_its_event_claimant_subject_and_source() -> None:
    d = bundled()
    for claim in d.claims:
        assert claim.event == d.event(claim.event_id)
        assert claim.claimant.actor_id == claim.claimant_id
        assert claim.subject.actor_id == claim.subject_id
        assert claim.source.source_id == claim.source_id
    claim = d.claim("wp-bourem-08")
    assert (claim.claimant.name, claim.value_low, claim.subject.name, claim.event.place) == (
        "Coordination of Azawad Movements",
        97,
        "Malian Armed Forces",
        "Bourem",
    )


def test_an_event_leads_to_its_claims_and_participants() -> None:
    d = bundled()
    lere = d.event("2023-09-17-lere")
    assert lere.claims == tuple(c for c in d.claims if c.event_id == lere.event_id)
    assert lere.claims
    assert lere.participants == tuple(p for p in d.participants if p.event_id == lere.event_id)
    participant = lere.participants[0]
    assert participant.event is lere
    assert participant.actor.actor_id == participant.actor_id


def test_actors_lead_to_their_parent_and_members() -> None:
    d = bundled()
    army, air_force = d.actor(ARMY), d.actor(AIR_FORCE)
    assert air_force.parent is army
    assert air_force in army.members
    assert army.parent is None
    assert all(m.parent_id == ARMY for m in army.members)
    for actor in d.actors:
        assert actor.members == tuple(a for a in d.actors if a.parent_id == actor.actor_id)


def test_nested_members_go_down_every_level() -> None:
    d = bundled()
    coalitions = [a for a in d.actors if any(m.members for m in a.members)]
    assert coalitions  # the CSP-PSD holds the CMA, which holds the MNLA
    for top in coalitions:
        nested = d.members_of(top, nested=True)
        grandchildren = {g.actor_id for m in top.members for g in m.members}
        assert grandchildren <= {a.actor_id for a in nested}
        assert len(nested) == len({a.actor_id for a in nested})


def test_claims_by_an_actor_with_and_without_its_members() -> None:
    d = bundled()
    own = d.claims_by(ARMY)
    with_members = d.claims_by(ARMY, members=True)
    air_force_claims = tuple(c for c in d.claims if c.claimant_id == AIR_FORCE)
    assert air_force_claims  # the Air Force denies the jet was shot down
    assert own == tuple(c for c in d.claims if c.claimant_id == ARMY)
    assert set(with_members) == set(own) | set(air_force_claims)
    assert [c.claim_id for c in with_members] == [
        c.claim_id for c in d.claims if c.claimant_id in {ARMY, AIR_FORCE}
    ]  # table order
    assert d.claims_by(d.actor(ARMY), members=True) == with_members


def test_every_look_up_takes_a_record_or_an_id() -> None:
    d = bundled()
    claim = d.claims[0]
    assert d.claim(claim) is d.claim(claim.claim_id) is claim
    assert d.event(claim.event) is d.event(claim.event_id)
    assert d.actor(claim.claimant) is d.actor(claim.claimant_id)
    assert d.source(claim.source) is d.source(claim.source_id)
    for look_up in (d.event_of, d.claimant_of, d.source_of, d.subject_of):
        assert look_up(claim) is look_up(claim.claim_id)
    event = d.event(claim.event_id)
    assert d.claims_about(event) == d.claims_about(event.event_id)
    assert d.participants_of(event) == d.participants_of(event.event_id)
    with pytest.raises(KeyError, match="no claims row with id 'no-such-claim'"):
        d.claim("no-such-claim")


def test_records_stay_frozen_hashable_and_equal_after_a_round_trip(tmp_path: Path) -> None:
    d = bundled()
    again = cc.load(d.write(tmp_path / "copy"))
    assert again == d
    for first, second in zip(d.claims, again.claims, strict=True):
        assert first == second
        assert hash(first) == hash(second)
        assert first is not second
        assert second.event is again.event(second.event_id)  # within its own dataset
    assert len(set(d.claims) | set(again.claims)) == len(d.claims)
    with pytest.raises(pydantic.ValidationError, match="frozen"):
        d.claims[0].value_low = 1  # type: ignore[misc]


def test_a_copy_and_a_new_dataset_navigate_within_themselves() -> None:
    d = bundled()
    event = d.event("2023-09-12-bourem")
    some = tuple(c for c in d.claims if c.event_id == event.event_id)[:3]
    copy = d.model_copy(update={"claims": some})
    assert copy.event(event.event_id).claims == some
    assert event.claims != some  # the original is untouched
    built = cc.Dataset(
        events=d.events, actors=d.actors, participants=d.participants, sources=d.sources,
        claims=some, quantifiers=d.quantifiers,
    )  # fmt: skip
    assert built.event(event.event_id).claims == some
    assert built.claims[0].event in built.events
    assert len(event.claims) > len(some)


def test_a_record_outside_a_dataset_says_it_cannot_navigate() -> None:
    claim = cc.Claim.model_validate(bundled().claims[0].model_dump())
    assert claim == bundled().claims[0]
    with pytest.raises(LookupError, match=r"^this Claim belongs to no Dataset: navigation"):
        _ = claim.event


def test_repr_summarises_rows_per_table() -> None:
    text = repr(bundled())
    assert str(bundled()) == text
    rows = ", ".join(f"{name}: {len(rs)}" for name, rs in bundled().tables().items())
    assert text == f"<Dataset {rows}>"
    assert text.startswith("<Dataset events: ")
    assert len(text) < 200


def test_aliases_are_a_tuple_and_the_csv_keeps_them_joined(tmp_path: Path) -> None:
    d = bundled()
    army = d.actor(ARMY)
    assert isinstance(army.aliases, tuple)
    assert "Malian Army" in army.aliases
    descriptor = d.write(tmp_path / "copy")
    text = (descriptor.parent / "data" / "actors.csv").read_text(encoding="utf-8")
    assert "|".join(army.aliases) in text
    assert cc.Actor.model_validate({**army.model_dump(), "aliases": "a|b"}).aliases == ("a", "b")


def test_records_are_documented() -> None:
    for model in (cc.Event, cc.Actor, cc.Participant, cc.Source, cc.Claim, cc.Quantifier):
        assert model.__doc__
        for name, field in model.model_fields.items():
            assert field.description, (model.__name__, name)
    assert "lambda" not in str(cc.Claim.__signature__)
    for prop in (cc.Claim.event, cc.Claim.claimant, cc.Event.claims, cc.Actor.members):
        assert isinstance(prop, property)
        assert prop.__doc__
