"""Station trust in the domain: independent blind entries, one station per member, the chair never a station,
the head's word on foreign ballots, and PINs set, checked, locked out and reset."""

from __future__ import annotations

from datetime import timedelta

import pytest

from session import commands as c
from session.counting import ResolveMismatch, mismatches
from session.errors import SessionError
from session.events import CHAIR, Actor
from session.pins import LOCKOUT_SECONDS, MAX_TRIES, Credentials
from session.service import SessionService
from session.trust import ResetPin, SignIn, SignOut
from storage.memory_store import InMemoryEventStore
from storage.pins import InMemoryPinStore
from tests.scenarios import FixedClock, drive_to_counting, sample_data

HEAD, S1, S2 = Actor("station", "v01", "H"), Actor("station", "v05", "S1"), Actor("station", "v06", "S2")
"""The sample team: v01 (head, Trịnh Minh Đức), v05, v06."""


class Clock(FixedClock):
    """A fixed clock that a test moves on."""

    def advance(self, seconds: float) -> None:
        self._start += timedelta(seconds=seconds)


def _service(double: bool = True, pins: InMemoryPinStore | None = None, clock: FixedClock | None = None) -> SessionService:
    data = sample_data()
    data["conference"]["double_entry"] = double
    service = SessionService.create(InMemoryEventStore(), data, clock=clock or FixedClock(), session_id="s")
    drive_to_counting(service)
    return SessionService(service.store, "s", service.clock, pins=pins) if pins is not None else service


def _refused(service: SessionService, command: c.Command, actor: Actor, credentials: Credentials | None = None) -> SessionError:
    before = service.store.last_seq("s")
    with pytest.raises(SessionError) as info:
        service.handle(command, actor, credentials)
    assert service.store.last_seq("s") == before, "a refusal wrote to the log"
    return info.value


# --- independence -------------------------------------------------------------------------------

def test_one_member_cannot_enter_both_blind_copies_from_two_stations():
    service = _service()
    service.handle(c.RecordBallot(marks="12", batch="B1"), S1)
    error = _refused(service, c.RecordBallot(marks="12", batch="B1"), Actor("station", "v05", "S2"))
    assert error.key == "station.elsewhere"
    assert "(v05) đang đăng nhập ở máy S1" in error.message("vi")
    assert "signed in at station S1" in error.message("en")
    # Signed out at S1, the same member at S2 still cannot be the second entry of the same ballot.
    service.handle(SignOut(), S1)
    error = _refused(service, c.RecordBallot(marks="12", batch="B1", position=1), Actor("station", "v05", "S2"))
    assert error.key == "double.same_member" and "(v05)" in error.message("vi") and "S1" in error.message("en")
    assert service.state.entered == 0


def test_two_members_at_two_stations_confirm_a_ballot():
    service = _service()
    service.handle(c.RecordBallot(marks="12", batch="B1"), S1)
    records = service.handle(c.RecordBallot(marks="12", batch="B1"), S2)
    assert records[-1].type == "ballot_recorded" and service.state.entered == 1
    submitted = [r for r in service.store.load("s") if r.type == "entry_submitted"]
    assert [r.payload["member"] for r in submitted] == ["v05", "v06"]


@pytest.mark.parametrize("double", [True, False], ids=["double", "single"])
def test_the_chair_never_enters_as_a_station(double):
    service = _service(double=double)
    error = _refused(service, c.RecordBallot(marks="12", batch="B1", station="S1"), CHAIR)
    assert error.key == "station.chair_as_station" and "S1" in error.message("vi")
    assert "chair cannot act as counting station S1" in error.message("en")


def test_in_double_entry_the_chair_enters_nothing():
    assert _refused(_service(), c.RecordBallot(marks="12"), CHAIR).key == "double.needs_station"


def test_a_member_signs_in_at_one_station_at_a_time():
    service = _service()
    service.handle(SignIn(), S1)
    assert service.state.signed_in == {"v05": "S1"}
    assert _refused(service, SignIn(), S1).key == "signin.already"
    assert _refused(service, SignIn(), Actor("station", "v05", "S9")).key == "station.elsewhere"
    assert _refused(service, SignOut(), Actor("station", "v05", "S9")).key == "signout.not_in"
    service.handle(SignOut(), S1)
    service.handle(SignIn(), Actor("station", "v05", "S9"))
    assert service.state.signed_in == {"v05": "S9"}


def test_a_chair_reset_signs_the_member_out():
    service = _service()
    service.handle(SignIn(), S1)
    service.handle(ResetPin("v05"), CHAIR)
    assert "v05" not in service.state.signed_in
    assert _refused(service, ResetPin("v02"), CHAIR).key == "pin_reset.not_member"
    assert _refused(service, ResetPin("v05"), S1).key == "station.not_allowed"


def test_a_foreign_ballot_counts_invalid_only_with_the_head():
    service = _service(double=False)
    error = _refused(service, c.RecordBallot(invalid_reason="not_issued", batch="B1"), S1)
    assert error.key == "foreign.needs_head" and "Trịnh Minh Đức (v01)" in error.message("vi")
    assert "not issued by the" in error.message("en")
    assert _refused(service, c.RecordBallot(invalid_reason="not_issued", batch="B1", confirmed_by="v05"), S1).key == "correct.not_head"
    records = service.handle(c.RecordBallot(invalid_reason="not_issued", batch="B1", confirmed_by="v01"), S1)
    assert [r.type for r in records][-2:] == ["foreign_confirmed", "ballot_recorded"]
    assert records[-2].payload["confirmed_by"] == "v01" and records[-2].actor["name"] == "v05"


# --- PINs -----------------------------------------------------------------------------------------

def test_the_first_action_sets_the_pin_and_later_ones_need_it():
    pins = InMemoryPinStore()
    service = _service(pins=pins)
    assert _refused(service, SignIn(), S1).key == "pin.needed"
    assert _refused(service, SignIn(), S1, Credentials("12")).key == "pin.bad_form"
    service.handle(SignIn(), S1, Credentials("4711"))
    stored = pins.get_pin("s", "v05")
    assert stored is not None and "4711" not in repr(stored)
    # Another terminal (no cache) with a wrong PIN is refused, naming the member and the tries left.
    other = SessionService(service.store, "s", service.clock, pins=pins)
    error = _refused(other, c.RecordBallot(marks="12", batch="B1"), S1, Credentials("0000"))
    assert error.key == "pin.wrong" and "(v05)" in error.message("vi") and "4 tries left" in error.message("en")
    other.handle(c.RecordBallot(marks="12", batch="B1"), S1, Credentials("4711"))


def test_five_wrong_pins_lock_the_member_out_for_a_minute():
    pins, clock = InMemoryPinStore(), Clock()
    service = _service(pins=pins, clock=clock)
    service.handle(SignIn(), S1, Credentials("4711"))
    other = SessionService(service.store, "s", clock, pins=pins)
    for _ in range(MAX_TRIES - 1):
        assert _refused(other, SignOut(), S1, Credentials("1111")).key == "pin.wrong"
    error = _refused(other, SignOut(), S1, Credentials("1111"))
    assert error.key == "pin.locked" and "60" in error.message("en")
    # Locked: even the right PIN waits out the minute.
    assert _refused(other, SignOut(), S1, Credentials("4711")).key == "pin.locked"
    clock.advance(LOCKOUT_SECONDS + 1)
    other.handle(SignOut(), S1, Credentials("4711"))


def test_the_head_decides_with_the_heads_pin():
    pins = InMemoryPinStore()
    service = _service(pins=pins)
    service.handle(c.RecordBallot(marks="12", batch="B1"), S1, Credentials("5555"))
    service.handle(c.RecordBallot(marks="13", batch="B1"), S2, Credentials("6666"))
    assert mismatches(service.state) == [("B1", 1)]
    resolve = ResolveMismatch(1, "B1", "12", confirmed_by="v01")
    assert _refused(service, resolve, S1, Credentials("5555")).key == "pin.head_needed"
    assert _refused(service, resolve, S1, Credentials("5555", "1234")).key == "pin.head_unset"
    service.handle(SignIn(), HEAD, Credentials("9999"))
    fresh = SessionService(service.store, "s", service.clock, pins=pins)
    assert _refused(fresh, resolve, S1, Credentials("5555", "5555")).key == "pin.head_wrong"
    records = fresh.handle(resolve, S1, Credentials("5555", "9999"))
    assert records[0].type == "mismatch_resolved" and records[0].payload["confirmed_by"] == "v01"
    assert records[0].actor["name"] == "v05" and service.state.entered == 0 and fresh.state.entered == 1


def test_a_reset_voids_the_old_pin_on_every_terminal():
    pins = InMemoryPinStore()
    service = _service(pins=pins)
    service.handle(SignIn(), S1, Credentials("4711"))
    SessionService(service.store, "s", service.clock, pins=pins).handle(ResetPin("v05"), CHAIR)
    service.handle(SignIn(), S1, Credentials("2468"))  # the old PIN no longer counts: this sets a new one
    fresh = SessionService(service.store, "s", service.clock, pins=pins)
    assert _refused(fresh, SignOut(), S1, Credentials("4711")).key == "pin.wrong"
    fresh.handle(SignOut(), S1, Credentials("2468"))
