"""Counting stations in the domain: who may enter, batches, blind double entry, scans and secrecy."""

from __future__ import annotations

import pytest

from session import commands as c
from session.counting import (
    OpenBatch,
    ResolveMismatch,
    SetEntryMode,
    ballot_qr,
    cover_qr,
    mismatches,
    read_scan,
)
from session.errors import SessionError
from session.events import CHAIR, Actor
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting, finish, sample_data

S1, S2, OUTSIDER = Actor("station", "v05", "S1"), Actor("station", "v06", "S2"), Actor("station", "v07", "S7")
"""Two stations worked by approved members (the sample team is v01 head, v05, v06) and one by a non-member."""


def _service(double: bool = False, returned: int | None = None) -> SessionService:
    data = sample_data()
    data["conference"]["double_entry"] = double
    service = SessionService.create(InMemoryEventStore(), data, clock=FixedClock(), session_id="s")
    return drive_to_counting(service, returned=returned)


def _refused(service: SessionService, command: c.Command, actor: Actor) -> SessionError:
    before = service.store.last_seq("s")
    with pytest.raises(SessionError) as info:
        service.handle(command, actor)
    assert service.store.last_seq("s") == before, "a refusal wrote to the log"
    return info.value


@pytest.mark.parametrize("command", [c.Advance(), c.AnnounceResults(), c.SignMinutes("v05"), c.SealBallots("x")],
                         ids=["next", "announce", "sign", "seal"])
def test_a_station_never_moves_the_agenda(command):
    service = _service()
    error = _refused(service, command, S1)
    assert error.key == "station.not_allowed"
    assert "cannot move the agenda" in error.message("en")


def test_only_an_approved_team_member_may_enter():
    service = _service()
    error = _refused(service, c.RecordBallot(marks="11"), OUTSIDER)
    assert error.key == "station.not_member" and "v07" in error.message("en")


def test_every_station_event_names_the_member_and_the_station():
    service = _service()
    records = service.handle(c.RecordBallot(marks="12", batch="B1"), S1)
    assert [r.type for r in records] == ["member_signed_in", "batch_opened", "ballot_recorded"]
    assert all(r.actor == {"role": "station", "name": "v05", "station": "S1"} for r in records)
    assert service.state.batches == {"B1": ("S1",)}


def test_single_entry_gives_a_batch_to_one_station_and_counts_at_once():
    service = _service()
    service.handle(OpenBatch("B1"), S1)
    assert _refused(service, OpenBatch("B1"), S2).key == "batch.busy"
    assert _refused(service, c.RecordBallot(marks="11", batch="B1"), S2).key == "batch.busy"
    service.handle(c.RecordBallot(marks="11", batch="B1"), S1)
    assert service.state.entered == 1 and service.state.tally.counts[0][0] == 1


def test_the_same_position_entered_twice_is_one_entry():
    service = _service()
    service.handle(c.RecordBallot(marks="11", batch="B1", position=1), S1)
    assert _refused(service, c.RecordBallot(marks="11", batch="B1", position=1), S1).key == "ballot.taken"
    assert service.state.entered == 1


def test_a_station_cannot_enter_in_another_stations_name():
    service = _service()
    assert _refused(service, c.RecordBallot(marks="11", station="S2"), S1).key == "station.other"


def test_blind_double_entry_counts_only_when_both_agree():
    service = _service(double=True)
    service.handle(c.RecordBallot(marks="x-", batch="B1"), S1)
    assert service.state.entered == 0 and len(service.state.pending) == 1
    records = service.handle(c.RecordBallot(marks="x-", batch="B1"), S2)
    assert [r.type for r in records] == ["member_signed_in", "batch_opened", "entry_submitted", "ballot_recorded"]
    assert service.state.entered == 1 and not service.state.pending


def test_a_mismatch_stays_out_of_the_totals_until_the_head_decides():
    service = _service(double=True)
    service.handle(c.RecordBallot(marks="12", batch="B1"), S1)
    service.handle(c.RecordBallot(marks="13", batch="B1"), S2)
    state = service.state
    assert mismatches(state) == [("B1", 1)] and state.entered == 0
    assert state.pending[("B1", 1)] == {"S1": ("12", None), "S2": ("13", None)}
    assert _refused(service, ResolveMismatch(1, "B1", "12", confirmed_by="v05"), S1).key == "correct.not_head"
    service.handle(ResolveMismatch(1, "B1", "12", confirmed_by="v01"), S1)
    assert state.entered == 1 and state.tally.counts[1][1] == 1 and not mismatches(state)
    assert state.resolved[("B1", 1)] == {"S1": ("12", None), "S2": ("13", None)}


def test_double_entry_refuses_a_third_station_and_a_repeat():
    service = _service(double=True)
    service.handle(OpenBatch("B1"), S1)
    service.handle(OpenBatch("B1"), S2)
    assert _refused(service, OpenBatch("B1"), Actor("station", "v01", "S3")).key == "batch.busy"
    service.handle(c.RecordBallot(marks="11", batch="B1"), S1)
    assert _refused(service, c.RecordBallot(marks="11", batch="B1", position=1), S1).key == "double.already"


def test_double_entry_from_the_chair_is_refused():
    assert _refused(_service(double=True), c.RecordBallot(marks="11"), CHAIR).key == "double.needs_station"


def test_the_chair_chooses_double_entry_before_counting():
    service = SessionService.create(InMemoryEventStore(), sample_data(), clock=FixedClock(), session_id="s")
    from tests.session.support import walk_to

    walk_to(service, "issuing")
    assert not service.state.double_entry
    service.handle(SetEntryMode(True), CHAIR)
    assert service.state.double_entry
    assert _refused(service, SetEntryMode(True), CHAIR).key == "entry_mode.same"


def test_a_correction_needs_the_heads_confirmation_and_a_reason():
    service = _service()
    service.handle(c.RecordBallot(marks="11", batch="B1"), S1)
    refusal = _refused(service, c.CorrectBallot(1, "đọc nhầm", "21", batch="B1", confirmed_by="v05"), S1)
    assert refusal.key == "correct.not_head"
    conference = service.state.conference
    said = refusal.message("vi")  # both by name: who confirmed and who is the head
    assert conference.voter("v05").name in said and conference.voter(service.state.team_head).name in said
    assert "v05" not in said
    service.handle(c.CorrectBallot(1, "đọc nhầm", "21", batch="B1", confirmed_by="v01"), S1)
    assert service.state.tally.counts[0][:2] == [0, 1] and service.state.corrections == 1


def test_scans_tell_ballots_covers_and_foreign_forms_apart():
    state = _service().state
    assert read_scan(state, ballot_qr(state)).kind == "ballot"
    assert read_scan(state, cover_qr(state, "B7")).value == "B7"
    assert read_scan(state, "B7").value == "B7"
    other = ballot_qr(state).replace(":s:", ":other:")
    assert (read_scan(state, other).kind, read_scan(state, other).value) == ("foreign", "not_issued")
    wrong_form = ballot_qr(state) + "z"
    assert read_scan(state, wrong_form).value == "other_form"


def test_secrecy_over_a_whole_session_log():
    """No event carrying a ballot's content names anyone but the team member at the station; ballots are alike."""
    service = _service(double=True, returned=6)
    voters = {v.id for v in service.state.conference.voters}
    for marks in ("12", "x-", "00", "32", "11"):
        service.handle(c.RecordBallot(marks=marks, batch="B1"), S1)
        service.handle(c.RecordBallot(marks=marks if marks != "00" else "10", batch="B1"), S2)
    service.handle(ResolveMismatch(3, "B1", "00", confirmed_by="v01"), S1)
    service.handle(c.RecordBallot(invalid_reason="not_issued", batch="B1", confirmed_by="v01"), S1)
    service.handle(c.RecordBallot(invalid_reason="not_issued", batch="B1", confirmed_by="v01"), S2)
    finish(service)
    team = set(service.state.team)
    for record in service.store.load("s"):
        if "marks" in record.payload or "invalid_reason" in record.payload:
            named = {v for v in voters if v in str(record.payload)} | {record.actor["name"]} - {""}
            assert named <= team, f"event {record.seq} links {named - team} to a ballot's content"
    assert service.state.step == "closed" and service.state.entered == 6
    assert len({ballot_qr(service.state) for _ in range(6)}) == 1
    assert service.state.session_id in ballot_qr(service.state)
