"""DOMAIN Part B §7 acceptance scenarios, asserted on the results JSON (QD96, row scope, N = returned unless stated)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from session import commands as c
from session.conference import conference_from_data
from session.errors import SessionError
from session.events import CHAIR
from session.results import results
from session.service import SessionService
from session.tally import percent_text
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting, enter, finish, sample_data, synthetic
from tests.session.support import walk_to


@dataclass(frozen=True)
class Case:
    """One scenario: the conference, attendance, the ballots and what the results JSON must say."""

    voters: int
    """Voters convened."""
    ballots: list[str]
    """Marks strings in counting order; ``!reason`` for a whole invalid ballot."""
    persons: list[dict[str, Any]]
    """Per person in ballot order: expected ``counts``, ``percent`` (a subset) and ``band``."""
    books: dict[str, Any] = field(default_factory=dict)
    """Expected top-level fields (convened, present, valid, denominator …)."""
    rules: str = "QD96"
    """Rule pack code."""
    present: int | None = None
    """Voters present (default all)."""
    issued: int | None = None
    """Ballots issued (default all present)."""
    total_members: int | None = None
    """Total members of the body, when not the number convened."""
    overrides: dict[str, Any] | None = None
    """Single pack settings overridden."""
    posts: int | None = None
    """APPOINT: number of posts."""


def low(n: int, total: int, filler: str = "1") -> list[str]:
    """``n`` ballots marked low (3) for the one person, the rest ``filler``."""
    return ["3"] * n + [filler] * (total - n)


T1_BALLOTS = ["1"] * 5 + ["2"] * 6 + ["3"] * 30 + ["!not_issued"]
T1_BOOKS = {"convened": 45, "present": 43, "issued": 43, "returned": 42, "valid": 41, "invalid": 1}

SCENARIOS: dict[str, Case] = {
    "T1": Case(45, T1_BALLOTS, present=43, books={**T1_BOOKS, "denominator": {"basis": "returned", "value": 42}},
               persons=[{"counts": {"high": 5, "medium": 6, "low": 30, "invalid": 1},
                         "percent": {"high": "11.90", "medium": "14.29", "low": "71.43", "invalid": "2.38"},
                         "band": "two_thirds"}]),
    "T2-convened-from-two-thirds": Case(
        45, T1_BALLOTS, present=43, overrides={"denominator": "convened"},
        books={**T1_BOOKS, "denominator": {"basis": "convened", "value": 45}},
        persons=[{"percent": {"low": "66.67"}, "band": "two_thirds"}]),
    "T2-convened-above-two-thirds": Case(
        45, T1_BALLOTS, present=43, overrides={"denominator": "convened", "two_thirds_strict": True},
        books={"denominator": {"basis": "convened", "value": 45}},
        persons=[{"percent": {"low": "66.67"}, "band": "over_half"}]),
    "T3": Case(42, low(21, 42), persons=[{"counts": {"low": 21}, "percent": {"low": "50.00"}, "band": "none"}]),
    "T4": Case(42, low(22, 42), persons=[{"percent": {"low": "52.38"}, "band": "over_half"}]),
    "T5a": Case(43, low(28, 43, "2"), persons=[{"percent": {"low": "65.12"}, "band": "over_half"}]),
    "T5b": Case(43, low(29, 43, "2"), persons=[{"percent": {"low": "67.44"}, "band": "two_thirds"}]),
    "T6a": Case(40, low(26, 40), persons=[{"percent": {"low": "65.00"}, "band": "over_half"}]),
    "T6b": Case(40, low(27, 40), persons=[{"percent": {"low": "67.50"}, "band": "two_thirds"}]),
    "T7": Case(30, low(20, 30), books={"returned": 30},
               persons=[{"counts": {"low": 20}, "percent": {"low": "66.67"}, "band": "two_thirds"}]),
    "T8": Case(200, low(133, 200), persons=[{"percent": {"low": "66.50"}, "band": "over_half"}]),
    "T12": Case(3, ["1x1", "222", "333"], books={"valid": 3, "invalid": 0},
                persons=[{"counts": {"high": 1, "medium": 1, "low": 1, "invalid": 0}},
                         {"counts": {"high": 0, "medium": 1, "low": 1, "invalid": 1}},
                         {"counts": {"high": 1, "medium": 1, "low": 1, "invalid": 0}}]),
    "T13": Case(3, ["1x1", "222", "333"], overrides={"invalid_scope": "ballot"}, books={"valid": 2, "invalid": 1},
                persons=[{"counts": {"high": 0, "medium": 1, "low": 1, "invalid": 1}}] * 3),
    "T14-QD96-invalid": Case(3, ["101", "222", "333"],
                             persons=[{"counts": {"high": 1, "medium": 1, "low": 1, "invalid": 0}},
                                      {"counts": {"high": 0, "medium": 1, "low": 1, "invalid": 1}},
                                      {"counts": {"high": 1, "medium": 1, "low": 1, "invalid": 0}}]),
    "T14-APPOINT-disagree": Case(3, ["102", "201", "202"], rules="APPOINT", posts=1, books={"valid": 3, "invalid": 0},
                                 persons=[{"counts": {"agree": 1, "disagree": 2, "invalid": 0}},
                                          {"counts": {"agree": 0, "disagree": 3, "invalid": 0}},
                                          {"counts": {"agree": 1, "disagree": 2, "invalid": 0}}]),
    "T15": Case(3, ["1", "2", "3"], books={"valid": 3, "invalid": 0},
                persons=[{"counts": {"high": 1, "medium": 1, "low": 1, "invalid": 0}}]),
    "T16": Case(3, ["!Phiếu không do Tổ kiểm phiếu phát ra", "11", "23"], persons=[
        {"counts": {"high": 1, "medium": 1, "low": 0, "invalid": 1}},
        {"counts": {"high": 1, "medium": 0, "low": 1, "invalid": 1}}], books={"valid": 2, "invalid": 1}),
    "T18-1699-invalid": Case(3, ["11", "12", "21"], rules="APPOINT", posts=1, books={"valid": 2, "invalid": 1},
                             persons=[{"counts": {"agree": 1, "disagree": 1, "invalid": 1}}] * 2),
    "T18-BinhThuan-valid": Case(3, ["11", "12", "21"], rules="APPOINT", posts=1, overrides={"agree_limit": False},
                                books={"valid": 3, "invalid": 0},
                                persons=[{"counts": {"agree": 2, "disagree": 1, "invalid": 0}}] * 2),
    "T19": Case(32, ["1"] * 21 + ["2"] * 8, rules="NQ85", present=29,
                books={"present": 29, "returned": 29, "denominator": {"basis": "total_members", "value": 32}},
                persons=[{"counts": {"high": 21, "medium": 8}, "percent": {"high": "65.63"}, "band": "none"}]),
    "T20": Case(60, ["13"] * 9 + ["12"] * 47 + ["22"] * 4, rules="NQ85",
                books={"denominator": {"basis": "total_members", "value": 60}},
                persons=[{"counts": {"high": 56}, "percent": {"high": "93.33"}, "band": "none"},
                         {"counts": {"low": 9}, "percent": {"low": "15.00"}, "band": "none"}]),
    "T21": Case(47, low(25, 47), rules="NQ96", total_members=50, books={"denominator": {"basis": "returned", "value": 47}},
                persons=[{"percent": {"low": "53.19"}, "band": "over_half"}]),
    "T22-members-250": Case(480, ["2"] * 250 + ["1"] * 230, rules="BINARY", total_members=500,
                            books={"denominator": {"basis": "total_members", "value": 500}},
                            persons=[{"counts": {"trust": 230, "no_trust": 250, "invalid": 0},
                                      "percent": {"no_trust": "50.00"}, "band": "none"}]),
    "T22-members-251": Case(480, ["2"] * 251 + ["1"] * 229, rules="BINARY", total_members=500,
                            persons=[{"percent": {"no_trust": "50.20"}, "band": "over_half"}]),
    "T22-returned-241": Case(480, ["2"] * 241 + ["1"] * 239, rules="BINARY", total_members=500,
                             overrides={"denominator": "returned"},
                             books={"denominator": {"basis": "returned", "value": 480}},
                             persons=[{"percent": {"no_trust": "50.21"}, "band": "over_half"}]),
    "T22-returned-240": Case(480, ["2"] * 240 + ["1"] * 240, rules="BINARY", total_members=500,
                             overrides={"denominator": "returned"},
                             persons=[{"percent": {"no_trust": "50.00"}, "band": "none"}]),
}
"""Named scenarios; the name is the pytest id."""


def counted(case: Case, *, close: bool = False) -> SessionService:
    """A session of ``case`` with every ballot entered (and, with ``close``, driven to closed)."""
    persons = len(case.persons)
    data = synthetic(case.voters, persons, case.rules, total_members=case.total_members, overrides=case.overrides,
                     posts=case.posts)
    service = SessionService.create(InMemoryEventStore(), data, clock=FixedClock(), session_id="s")
    drive_to_counting(service, present=case.present, issued=case.issued, returned=len(case.ballots))
    enter(service, case.ballots)
    return finish(service) if close else service


@pytest.mark.parametrize("case", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_scenario_results(case: Case):
    data = results(counted(case).state)
    for key, value in case.books.items():
        assert data[key] == value, key
    assert data["rules"] == case.rules
    assert data["valid"] + data["invalid"] == data["returned"] == len(case.ballots)
    assert len(data["persons"]) == len(case.persons)
    for got, want in zip(data["persons"], case.persons):
        assert sum(got["counts"].values()) == data["returned"], "levels + invalid = returned for every person"
        assert {k: got["counts"][k] for k in want.get("counts", {})} == want.get("counts", {})
        assert {k: got["percent"][k] for k in want.get("percent", {})} == want.get("percent", {})
        if "band" in want:
            assert got["band"] == want["band"]


def test_T1_quorum_is_met_and_the_contract_fields_are_there():
    data = results(counted(SCENARIOS["T1"], close=True).state)
    assert data["step"] == "closed" and data["announced"] is True
    person = data["persons"][0]
    assert {"id", "name", "position", "counts", "percent", "band"} <= set(person)
    assert set(person["counts"]) == set(person["percent"]) == {"high", "medium", "low", "invalid"}


def test_T7_exact_two_thirds_is_decided_in_integers():
    data = results(counted(SCENARIOS["T7"]).state)
    assert data["persons"][0]["band"] == "two_thirds"
    assert data["persons"][0]["working"][1] == "20 ≥ ⌈2/3 × 30⌉ = 20"


def test_T19_shows_the_highest_possible_share_too():
    data = results(counted(SCENARIOS["T19"]).state)
    counts = data["persons"][0]["counts"]
    assert percent_text(counts["high"] + counts["medium"], data["denominator"]["value"]) == "90.63"


def test_T18_the_1699_reading_names_the_reason():
    service = counted(SCENARIOS["T18-1699-invalid"])
    assert service.state.tally.reasons == {"over_posts": 1}


def _refused(service: SessionService, command: c.Command) -> str:
    before = service.store.last_seq("s")
    with pytest.raises(SessionError) as caught:
        service.handle(command, CHAIR)
    assert service.store.last_seq("s") == before
    return caught.value.key


def _at_roll_call(voters: int, present: int) -> SessionService:
    service = SessionService.create(InMemoryEventStore(), synthetic(voters), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(f"v{i:03d}" for i in range(1, present + 1))), CHAIR)
    return service


def test_T9_quorum_fails_and_no_ballot_can_be_issued():
    service = _at_roll_call(45, 29)
    assert _refused(service, c.Advance()) == "guard.quorum"
    assert _refused(service, c.IssueBallots(all_present=True)) == "action.not_now"
    data = results(service.state)
    assert (data["convened"], data["present"], data["issued"]) == (45, 29, 0)


@pytest.mark.parametrize("convened,present,ok", [(44, 30, True), (44, 29, False), (31, 21, True), (31, 20, False)],
                         ids=["T10-44-30", "T10-44-29", "T10-31-21", "T10-31-20"])
def test_T10_quorum_boundaries(convened, present, ok):
    service = _at_roll_call(convened, present)
    if ok:
        service.handle(c.Advance(), CHAIR)
        assert service.state.step == "briefing"
    else:
        assert _refused(service, c.Advance()) == "guard.quorum"


def test_T11_returned_beyond_issued_and_entries_beyond_returned_are_refused():
    service = SessionService.create(InMemoryEventStore(), synthetic(45), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(f"v{i:03d}" for i in range(1, 44))), CHAIR)
    walk_to(service, "issuing")
    assert _refused(service, c.IssueBallots(("v044",))) == "issue.absent"
    walk_to(service, "voting")
    assert service.state.issued == 43
    assert _refused(service, c.RecordReturned(44)) == "books.returned_issued"
    service.handle(c.RecordReturned(2), CHAIR)
    service.handle(c.Advance(), CHAIR)
    enter(service, ["1", "!not_issued"])
    assert _refused(service, c.RecordBallot(marks="2")) == "ballot.all_entered"
    data = results(service.state)
    assert data["valid"] + data["invalid"] == data["returned"] == 2 and data["issued"] <= data["present"]


def _with_person_since(since: str, meeting: str, rules: str = "QD262", retirement: bool = False):
    data = synthetic(5, 2)
    data["conference"].update(date=meeting, rules=rules)
    data["persons"][0]["in_post_since"] = "2015-01-01"
    data["persons"][1]["in_post_since"] = since
    if retirement:
        data["persons"][1]["retirement_notice"] = True
    return conference_from_data(data)


def _left_off(conference) -> dict[str, str]:
    return {x.person.id: x.rule for x in conference.exclusions}


@pytest.mark.parametrize("rules", ["QD262", "NQ85"])
@pytest.mark.parametrize("meeting,eligible", [("2019-01-06", False), ("2019-01-07", True)],
                         ids=["T23-a-day-short-excluded", "T23-exactly-nine-months-included"])
def test_T23_nine_month_rule(meeting, eligible, rules):
    conference = _with_person_since("2018-04-07", meeting, rules)
    assert ("p2" in [p.id for p in conference.persons]) is eligible
    assert _left_off(conference) == ({} if eligible else {"p2": "months_in_post"})
    warnings = [n for n in conference.notices if n.key == "warn.months"]
    assert len(warnings) == (0 if eligible else 1)
    if warnings:
        assert "Người Được Lấy Phiếu 2" in warnings[0].message("vi") and "07/01/2019" in warnings[0].message("vi")


@pytest.mark.parametrize("rules", ["QD96", "NQ96"])
@pytest.mark.parametrize("since,left_off", [("2018-12-31", False), ("2019-01-01", True)],
                         ids=["31-dec-before-the-meeting-year-stays", "1-jan-of-the-meeting-year-left-off"])
def test_elected_or_appointed_in_the_year_of_the_vote_is_left_off(since, left_off, rules):
    # A meeting on 2 January: under the 9-month rule both would be left off; under QD96/NQ96 only the calendar year counts.
    conference = _with_person_since(since, "2019-01-02", rules)
    assert _left_off(conference) == ({"p2": "same_year"} if left_off else {})
    if left_off:
        (exclusion,) = conference.exclusions
        assert "Điều 2" in exclusion.article and ("96-QĐ/TW" in exclusion.article or "96/2023/QH15" in exclusion.article)


@pytest.mark.parametrize("rules,left_off", [("QD96", True), ("NQ96", True), ("QD262", False), ("NQ85", False)])
def test_a_retirement_notice_leaves_the_person_off_only_where_the_pack_says(rules, left_off):
    conference = _with_person_since("2010-01-01", "2019-06-01", rules, retirement=True)
    assert _left_off(conference) == ({"p2": "retirement_notice"} if left_off else {})
    if left_off:
        assert "nghỉ hưu" in conference.exclusions[0].notice.message("vi")


def test_T24_a_voter_with_two_posts_is_convened_once_and_gets_one_ballot():
    service = SessionService.create(InMemoryEventStore(), sample_data(), clock=FixedClock(), session_id="s")
    assert service.state.convened == 12
    assert [v.id for v in service.state.conference.voters].count("v05") == 1
    walk_to(service, "issuing")
    service.handle(c.IssueBallots(("v05",)), CHAIR)
    assert _refused(service, c.IssueBallots(("v05",))) == "issue.twice"
    service.handle(c.IssueBallots(all_present=True), CHAIR)
    assert results(service.state)["issued"] == 12


def test_T26_after_counting_the_session_closes_only_once_sealed():
    service = counted(SCENARIOS["T3"])
    walk_to(service, "sealing")
    assert service.state.announced_at is not None
    assert _refused(service, c.Advance()) == "action.not_now"
    assert service.state.step == "sealing" and service.state.sealed_to is None
    service.handle(c.SealBallots("Văn phòng Ban"), CHAIR)
    assert service.state.step == "closed" and service.state.sealed_to == "Văn phòng Ban"
    assert [r.type for r in service.store.load("s")][-2:] == ["ballots_sealed", "step_entered"]
