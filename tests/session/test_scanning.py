"""Counting by scanner in the domain: a scanned entry names its image, a held ballot keeps its place uncounted
until a person at the scanner's station decides it, and a replay decides every hold again."""

from __future__ import annotations

import pytest

from session import commands as c
from session.admissible import check
from session.errors import SessionError
from session.events import CHAIR, Actor
from session.log import GENESIS, seal
from session.scanning import HoldBallot, held_ballots, held_count
from tests.session.test_counting import _refused, _service

SCANNER, PERSON = Actor("station", "v05", "SCAN"), Actor("station", "v06", "S2")
"""The sample team's v05 runs the scanner; v06 enters by hand at another station."""
IMAGE, CROP_A, CROP_B = "a" * 64, "b" * 64, "c" * 64


def _hold(position: int, guess: str = "1?", unsure: tuple[int, ...] = (1,), crops=(CROP_A,), batch: str = "B1") -> HoldBallot:
    return HoldBallot(position, f"{IMAGE}#{position}", guess, unsure, crops, batch)


def test_a_scanned_entry_names_its_image_and_a_typed_one_writes_no_image_field():
    service = _service()
    service.handle(c.RecordBallot("12", batch="B1", image=IMAGE), SCANNER)
    service.handle(c.RecordBallot("21", batch="B1"), SCANNER)
    recorded = [r.payload for r in service.store.load("s") if r.type == "ballot_recorded"]
    assert recorded[0]["image"] == IMAGE and "image" not in recorded[1]
    assert check(service.store.load("s")).ok


@pytest.mark.parametrize("image", ["A" * 64, "a" * 63, IMAGE + "#0", IMAGE + ",", ",".join([IMAGE] * 17), "x"])
def test_a_malformed_image_reference_is_refused_by_name(image):
    error = _refused(_service(), c.RecordBallot("12", batch="B1", image=image), SCANNER)
    assert error.key == "ballot.bad_image" and image[:20] in error.message("en")


def test_a_held_ballot_keeps_its_place_uncounted_and_the_scanners_entry_settles_it():
    service = _service()
    service.handle(c.RecordBallot("12", batch="B1", position=1, image=IMAGE + "#1"), SCANNER)
    service.handle(_hold(2), SCANNER)
    service.handle(c.RecordBallot("21", batch="B1", position=3, image=IMAGE + "#3"), SCANNER)
    state = service.state
    assert state.entered == 2 and held_count(state) == 1
    (form, batch, position, held), = held_ballots(state)
    assert (batch, position, held.guess, held.unsure, held.crops, held.member) == ("B1", 2, "1?", (1,), (CROP_A,), "v05")
    # The next entry without a position goes after the held place; the counting cannot close over a hold.
    assert state.main.next_position("B1") == 4
    with pytest.raises(SessionError):
        service.handle(c.Advance(), CHAIR)
    service.handle(c.RecordBallot("13", batch="B1", position=2, image=IMAGE + "#2"), SCANNER)
    assert held_ballots(service.state) == [] and service.state.entered == 3
    assert check(service.store.load("s")).ok


def test_a_hold_counts_against_the_returned_ballots():
    service = _service(returned=2)
    service.handle(c.RecordBallot("12", batch="B1"), SCANNER)
    service.handle(_hold(2), SCANNER)
    error = _refused(service, c.RecordBallot("12", batch="B1", position=3), SCANNER)
    assert error.key == "ballot.all_entered"
    assert _refused(service, _hold(3), SCANNER).key == "ballot.all_entered"


@pytest.mark.parametrize("hold,key", [
    (HoldBallot(1, IMAGE, "1", (0,), batch="B1"), "hold.bad_guess"),
    (HoldBallot(1, IMAGE, "14", (0,), batch="B1"), "hold.bad_guess"),
    (HoldBallot(1, IMAGE, "1?", (), batch="B1"), "hold.bad_rows"),
    (HoldBallot(1, IMAGE, "1?", (1, 1), batch="B1"), "hold.bad_rows"),
    (HoldBallot(1, IMAGE, "1?", (2,), batch="B1"), "hold.bad_rows"),
    (HoldBallot(1, IMAGE, "??", (0, 1), (CROP_A,), batch="B1"), "hold.bad_crops"),
    (HoldBallot(1, "", "1?", (1,), batch="B1"), "hold.no_image"),
    (HoldBallot(0, IMAGE, "1?", (1,), batch="B1"), "ballot.bad_position"),
], ids=["short", "level", "no-rows", "twice", "past-end", "crops", "no-image", "position"])
def test_a_malformed_hold_is_refused_by_name(hold, key):
    assert _refused(_service(), hold, SCANNER).key == key


def test_only_a_station_holds_and_only_while_counting_at_a_free_place():
    service = _service()
    assert _refused(service, _hold(1), CHAIR).key == "hold.station_only"
    service.handle(_hold(1), SCANNER)
    assert _refused(service, _hold(1), SCANNER).key == "ballot.taken"
    service.handle(c.RecordBallot("11", batch="B1", position=1, image=IMAGE + "#1"), SCANNER)
    service.handle(c.RecordBallot("11", batch="B1"), SCANNER)
    for _ in range(service.state.main.returned - 2):
        service.handle(c.RecordBallot("11", batch="B1"), SCANNER)
    service.handle(c.Advance(), CHAIR)
    assert _refused(service, _hold(99), SCANNER).key == "action.not_now"


def test_in_double_entry_the_scanner_is_one_blind_entry_and_a_person_the_other():
    service = _service(double=True)
    for position, marks in ((1, "12"), (2, "31"), (3, "22")):
        service.handle(c.RecordBallot(marks, batch="B1", position=position), PERSON)
    service.handle(c.RecordBallot("12", batch="B1", image=IMAGE + "#1"), SCANNER)
    service.handle(_hold(2, guess="3?"), SCANNER)
    service.handle(c.RecordBallot("22", batch="B1", image=IMAGE + "#3"), SCANNER)
    assert service.state.entered == 2 and len(held_ballots(service.state, "SCAN")) == 1
    # The member at the scanner keys the doubtful row: both entries agree, so the ballot counts.
    records = service.handle(c.RecordBallot("31", batch="B1", position=2, image=IMAGE + "#2"), SCANNER)
    assert records[-1].type == "ballot_recorded" and service.state.entered == 3
    assert held_ballots(service.state) == []
    assert check(service.store.load("s")).ok


def test_a_hold_forged_into_the_log_after_counting_is_named():
    service = _service()
    service.handle(_hold(1, batch=""), SCANNER)
    records = service.store.load("s")
    assert records[-1].type == "ballot_held" and check(records).ok
    # The same log without the step into counting, the chain recomputed: the hold is not one the rules allow there.
    early = [r for r in records if r.type != "step_entered" or r.payload["step"] != "counting"]
    prev, forged = GENESIS, []
    for seq, r in enumerate(early, 1):
        forged.append(prev := seal(seq, r.event, r.at, r.actor, prev))
        prev = prev.hash
    verdict = check(forged)
    assert not verdict.ok and verdict.bad_seq == len(forged) and verdict.refusal.key == "action.not_now"
