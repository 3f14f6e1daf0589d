"""The agenda table: every (step, action) pair of every pack, the table's own checks, and each guard's reason."""

from __future__ import annotations

from functools import cache

import pytest

from session import agenda
from session import commands as c
from session.decide import ANYTIME
from session.errors import SessionError
from session.events import CHAIR
from session.i18n import t
from session.rules import PACKS
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting, enter, sample_data, synthetic
from tests.session.support import happy_next, walk_to
from tui.actions import ACTIONS, parse_action

SAMPLE_LINES = {
    "next": "next",
    "present": "present v001",
    "absent": "absent v001",
    "team propose": "team propose v002 v003 v004 --head v002",
    "team approve": "team approve --for 12",
    "nominees": "nominees",
    "issue": "issue --all-present",
    "spoil": "spoil v001",
    "return": "return --count 1",
    "ballot": "ballot --invalid not_issued",
    "hold": "hold 1 12? --image " + "ab" * 32 + " --unsure 3",
    "correct": "correct 1 --invalid not_issued --because 'nhập nhầm' --head v001",
    "sign": "sign v001",
    "announce": "announce",
    "seal": "seal --to 'Văn phòng Ban'",
    "entry-mode": "entry-mode double",
    "batch": "batch B1",
    "resolve": "resolve 1 --invalid not_issued --head v001",
    "signin": "signin",
    "signout": "signout",
    "pin reset": "pin reset v002",
    "show": "show p1",
}
"""One well-formed line per action of the action language."""

CONFERENCES = {code: synthetic(12, 3, code, posts=1 if code == "APPOINT" else None) for code in PACKS}
"""Per pack: 12 voters and 3 persons evaluated."""


def _pairs():
    for code in CONFERENCES:
        pack = PACKS[code]
        for step in agenda.steps_for(pack):
            for action in [a for a in ACTIONS if a not in ANYTIME]:  # the rest are outside the table, at every step
                yield pytest.param(code, step, action, id=f"{code}-{step}-{action.replace(' ', '_')}")


@cache
def _log_at(code: str, step: str) -> tuple:
    service = SessionService.create(InMemoryEventStore(), CONFERENCES[code], clock=FixedClock(), session_id="s")
    return tuple(walk_to(service, step).store.load("s"))


def _service_at(code: str, step: str) -> SessionService:
    """A fresh service whose session stands in ``step`` (built once, copied per test)."""
    store = InMemoryEventStore()
    store.append("s", 0, list(_log_at(code, step)))
    return SessionService(store, "s", FixedClock())


def _refusal(service: SessionService, command: c.Command) -> SessionError | None:
    before = service.store.last_seq("s")
    try:
        service.handle(command, CHAIR)
    except SessionError as exc:
        assert service.store.last_seq("s") == before, "a refusal wrote to the log"
        assert service.state.seq == before
        return exc
    assert service.store.last_seq("s") > before, "an accepted action wrote nothing"
    return None


def test_every_action_has_a_sample_line():
    assert set(SAMPLE_LINES) == set(ACTIONS)


def test_every_action_is_allowed_somewhere_and_every_allowed_action_exists():
    used = {a for actions in agenda.ALLOWED.values() for a in actions}
    assert used | ANYTIME == set(ACTIONS) and not used & ANYTIME


@pytest.mark.parametrize("code,step,action", list(_pairs()))
def test_an_action_is_either_allowed_or_refused_as_not_now_writing_nothing(code, step, action):
    service = _service_at(code, step)
    assert service.state.step == step
    permitted = agenda.allowed(step, service.state.pack)
    refusal = _refusal(service, parse_action(SAMPLE_LINES[action]))
    if action in permitted:
        assert refusal is None or refusal.key != "action.not_now", refusal and refusal.message("en")
    else:
        assert refusal is not None and refusal.key == "action.not_now"
        assert refusal.step == step and refusal.action == action
        assert t(f"step.{step}", "en") in refusal.message("en")


@pytest.mark.parametrize("code", list(PACKS))
def test_each_step_is_reached_by_the_plain_path_and_closed_allows_nothing(code):
    service = SessionService.create(InMemoryEventStore(), CONFERENCES[code], clock=FixedClock())
    seen = [service.state.step]
    while (command := happy_next(service.state)) is not None:
        service.handle(command, CHAIR)
        if service.state.step != seen[-1]:
            seen.append(service.state.step)
    assert tuple(seen) == agenda.steps_for(PACKS[code])
    assert agenda.allowed("closed", PACKS[code]) == ()


def test_only_appoint_has_the_nominee_step():
    assert [code for code, pack in PACKS.items() if "nominees" in agenda.steps_for(pack)] == ["APPOINT"]


def test_the_table_is_valid():
    assert set(agenda.ALLOWED) == set(agenda.STEPS)
    assert agenda.ALLOWED["closed"] == () and "closed" not in agenda.EXITS
    for step, exit_ in agenda.EXITS.items():
        assert exit_.action in agenda.ALLOWED[step]
        assert set(exit_.guards) <= set(agenda.GUARDS)
    agenda._check_table()


# --- guards ----------------------------------------------------------------------------------------

QUORUM = {
    "T9-45-29-fails": (45, 29, False),
    "45-30-passes": (45, 30, True),
    "T10-44-30-passes": (44, 30, True),
    "T10-44-29-fails": (44, 29, False),
    "T10-31-21-passes": (31, 21, True),
    "T10-31-20-fails": (31, 20, False),
}
"""convened, present, whether roll call may be left."""


@pytest.mark.parametrize("convened,present,passes", QUORUM.values(), ids=QUORUM.keys())
def test_roll_call_is_left_only_with_two_thirds_present(convened, present, passes):
    service = SessionService.create(InMemoryEventStore(), synthetic(convened), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(f"v{i:03d}" for i in range(1, present + 1))), CHAIR)
    refusal = _refusal(service, c.Advance())
    if passes:
        assert refusal is None and service.state.step == "briefing"
    else:
        assert refusal.key == "guard.quorum" and service.state.step == "roll_call"
        assert refusal.params["need"] == present + 1
        assert f"{present}/{convened}" in refusal.message("vi")


def _at_team_step() -> SessionService:
    service = SessionService.create(InMemoryEventStore(), sample_data(), clock=FixedClock(), session_id="s")
    return walk_to(service, "counting_team")


TEAMS = {
    "with-an-evaluated-person": (("v02", "v06", "v07"), "team.evaluated"),
    "of-two": (("v06", "v07"), "team.too_small"),
    "head-not-member": (("v06", "v07", "v08"), "team.head_not_member"),
}


@pytest.mark.parametrize("members,key", TEAMS.values(), ids=TEAMS.keys())
def test_a_team_that_breaks_the_rules_is_refused(members, key):
    service = _at_team_step()
    head = "v09" if key == "team.head_not_member" else members[0]
    refusal = _refusal(service, c.ProposeTeam(members, head))
    assert refusal.key == key
    if key == "team.evaluated":
        assert "Lê Văn Khánh" in refusal.message("vi")
    if key == "team.head_not_member":
        assert "Dương Thị Thu" in refusal.message("vi") and "v09" not in refusal.message("en")


APPROVALS = {"7-of-12-approves": (7, True), "6-of-12-exactly-half-does-not": (6, False)}


@pytest.mark.parametrize("votes_for,approved", APPROVALS.values(), ids=APPROVALS.keys())
def test_a_team_is_approved_by_more_than_half_of_those_present(votes_for, approved):
    service = _at_team_step()
    assert len(service.state.present) == 12
    service.handle(c.ProposeTeam(("v06", "v07", "v08"), "v06"), CHAIR)
    service.handle(c.ApproveTeam(votes_for, 12 - votes_for), CHAIR)
    assert service.state.team_approved is approved
    refusal = _refusal(service, c.Advance())
    assert (refusal is None) if approved else (refusal.key == "guard.team_not_approved")


def test_leaving_the_team_step_without_a_team_is_refused():
    assert _refusal(_at_team_step(), c.Advance()).key == "guard.team_none"


def test_a_ballot_goes_only_to_someone_present():
    service = SessionService.create(InMemoryEventStore(), synthetic(12), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(f"v{i:03d}" for i in range(1, 11))), CHAIR)
    walk_to(service, "issuing")
    assert _refusal(service, c.IssueBallots(("v011",))).key == "issue.absent"
    service.handle(c.IssueBallots(("v001",)), CHAIR)
    assert _refusal(service, c.IssueBallots(("v001",))).key == "issue.twice"
    service.handle(c.IssueBallots(all_present=True), CHAIR)
    assert service.state.issued == 10 == len(service.state.present)
    assert _refusal(service, c.IssueBallots(all_present=True)).key == "issue.none_left"


def test_no_ballot_issued_keeps_the_issuing_step():
    service = walk_to(SessionService.create(InMemoryEventStore(), synthetic(12), clock=FixedClock(), session_id="s"),
                      "issuing")
    assert _refusal(service, c.Advance()).key == "guard.none_issued"


def test_more_returned_than_issued_is_refused_T11():
    service = SessionService.create(InMemoryEventStore(), synthetic(45), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(f"v{i:03d}" for i in range(1, 44))), CHAIR)
    walk_to(service, "voting")
    assert service.state.issued == 43
    assert _refusal(service, c.Advance()).key == "guard.returned"
    refusal = _refusal(service, c.RecordReturned(44))
    assert refusal.key == "books.returned_issued" and refusal.params == {"returned": 44, "issued": 43}
    assert _refusal(service, c.RecordReturned(43)) is None
    assert _refusal(service, c.RecordReturned(42)).key == "return.already"


def test_counting_closes_only_once_every_returned_ballot_is_entered():
    service = SessionService.create(InMemoryEventStore(), synthetic(12), clock=FixedClock(), session_id="s")
    drive_to_counting(service, returned=3)
    enter(service, ["1", "2"])
    refusal = _refusal(service, c.Advance())
    assert refusal.key == "guard.not_all_entered" and refusal.params == {"entered": 2, "returned": 3}
    enter(service, ["3"])
    assert _refusal(service, c.RecordBallot(marks="1")).key == "ballot.all_entered"
    assert _refusal(service, c.Advance()) is None and service.state.step == "minutes"


def test_minutes_need_every_team_members_signature_then_seal_closes():
    service = SessionService.create(InMemoryEventStore(), synthetic(12), clock=FixedClock(), session_id="s")
    drive_to_counting(service)
    enter(service, ["1"] * 12)
    service.handle(c.Advance(), CHAIR)
    first, *rest = service.state.team
    service.handle(c.SignMinutes(first), CHAIR)
    refusal = _refusal(service, c.Advance())
    assert refusal.key == "guard.unsigned" and refusal.params["count"] == len(rest)
    assert _refusal(service, c.SignMinutes(first)).key == "sign.twice"
    assert _refusal(service, c.SignMinutes("v012")).key == "sign.not_member"
    outsider = next(v.id for v in service.state.conference.voters if v.id not in service.state.team)
    refusal = _refusal(service, c.SignMinutes(outsider))
    assert service.state.conference.voter(outsider).name in refusal.message("vi") and outsider not in refusal.message("vi")
    for member in rest:
        service.handle(c.SignMinutes(member), CHAIR)
    service.handle(c.Advance(), CHAIR)
    service.handle(c.AnnounceResults(), CHAIR)
    assert service.state.step == "sealing" and service.state.announced_at is not None
    assert _refusal(service, c.SealBallots("  ")).key == "seal.no_receiver"
    service.handle(c.SealBallots("Văn phòng Ban"), CHAIR)
    assert service.state.step == "closed" and service.state.sealed_to == "Văn phòng Ban"


def test_a_refusal_names_the_step_the_action_and_the_reason_in_both_languages():
    service = SessionService.create(InMemoryEventStore(), synthetic(45), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(f"v{i:03d}" for i in range(1, 30))), CHAIR)
    refusal = _refusal(service, c.Advance())
    for lang, step in (("vi", "Điểm danh, kiểm tra số lượng"), ("en", "Roll call and quorum")):
        text = refusal.message(lang)
        assert step in text and "29/45" in text and "30" in text, text
    assert refusal.step == "roll_call" and refusal.action == "next"
    assert refusal.message("vi").endswith("Mới có 29/45 người có mặt, cần ít nhất 30 (2/3 của 45).")
