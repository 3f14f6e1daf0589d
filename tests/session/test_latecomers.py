"""Latecomers and leaving issuing (DESIGN §7): present until issuing ends, late arrivals recorded as such,
leaving issuing with someone unserved refused naming them unless the chair confirms, and the log still verifies."""

from __future__ import annotations

import pytest

from session import commands as c
from session.admissible import check
from session.errors import SessionError
from session.events import CHAIR
from session.minutes import build
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, synthetic
from tests.session.support import walk_to


def _at_issuing(present: int = 10) -> SessionService:
    service = SessionService.create(InMemoryEventStore(), synthetic(12, 2), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(f"v{i:03d}" for i in range(1, present + 1))), CHAIR)
    service.handle(c.Advance(), CHAIR)
    return walk_to(service, "issuing")


def _names(service: SessionService, *ids: str) -> list[str]:
    return [service.state.conference.voter(v).name for v in ids]


@pytest.mark.parametrize("step", ["briefing", "counting_team", "team_instructions", "issuing"])
def test_a_voter_marked_present_after_the_roll_call_is_a_late_arrival(step):
    service = SessionService.create(InMemoryEventStore(), synthetic(12, 2), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(f"v{i:03d}" for i in range(1, 11))), CHAIR)
    assert service.state.late == ()
    service.handle(c.Advance(), CHAIR)
    walk_to(service, step)
    service.handle(c.MarkPresent(("v011",)), CHAIR)
    assert "v011" in service.state.present and service.state.late == ("v011",)
    assert service.store.load("s")[-1].type == "voters_late"
    assert check(service.store.load("s")).ok


def test_no_one_is_marked_present_once_issuing_has_ended():
    service = _at_issuing()
    service.handle(c.IssueBallots(all_present=True), CHAIR)
    service.handle(c.Advance(), CHAIR)
    with pytest.raises(SessionError) as refused:
        service.handle(c.MarkPresent(("v011",)), CHAIR)
    assert refused.value.key == "action.not_now"


def test_leaving_issuing_with_someone_unserved_is_refused_naming_them():
    service = _at_issuing()
    service.handle(c.IssueBallots(tuple(f"v{i:03d}" for i in range(1, 9))), CHAIR)
    with pytest.raises(SessionError) as refused:
        service.handle(c.Advance(), CHAIR)
    message = refused.value.message("vi")
    assert refused.value.key == "issuing.unserved" and service.state.step == "issuing"
    assert all(name in message for name in _names(service, "v009", "v010")), message
    assert "v009" not in message  # names, not ids


def test_the_chair_may_leave_issuing_anyway_and_the_minutes_name_those_unserved_and_late():
    service = _at_issuing()
    service.handle(c.MarkPresent(("v011",)), CHAIR)
    service.handle(c.IssueBallots(tuple(f"v{i:03d}" for i in range(1, 10))), CHAIR)
    service.handle(c.Advance(anyway=True), CHAIR)
    state = service.state
    assert state.step == "voting" and state.unserved == ("v010", "v011")
    types = [r.type for r in service.store.load("s")[-2:]]
    assert types == ["issuing_left_unserved", "step_entered"]
    assert check(service.store.load("s")).ok, "verify re-decides next --yes from the recorded event"
    minutes = build(state)
    assert minutes.late == tuple(_names(service, "v011"))
    assert minutes.unserved == tuple(_names(service, "v010", "v011"))


def test_leaving_issuing_anyway_when_everyone_holds_a_ballot_records_nothing_more():
    service = _at_issuing()
    service.handle(c.IssueBallots(all_present=True), CHAIR)
    service.handle(c.Advance(anyway=True), CHAIR)
    assert service.store.load("s")[-1].type == "step_entered" and service.state.unserved == ()


def test_next_yes_on_the_command_line_is_leaving_anyway():
    from tui.actions import parse_action

    assert parse_action("next --yes") == c.Advance(anyway=True) and parse_action("next") == c.Advance()
