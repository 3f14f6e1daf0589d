"""Shared drivers for the chair console tests: the sample session, reached step by step by domain commands."""

from __future__ import annotations

from session import commands as c
from session.agenda import steps_for
from session.events import CHAIR
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, sample_data

LAUNCH = "111-222-333"
"""A fixed launch code, so screenshots are stable."""

TEAM = ("v01", "v05", "v06")
"""A counting team of the sample conference (v02–v04 are being evaluated)."""

BALLOTS = ["33"] * 7 + ["13", "11", "21", "1x"]
"""Eleven marked ballots for the two persons on the sample ballot (the twelfth is whole-invalid)."""

ROUTE: list[tuple[str, list[c.Command]]] = [
    ("roll_call", [c.Advance()]),
    ("briefing", [c.MarkPresent(tuple(f"v{i:02d}" for i in range(1, 13))), c.Advance()]),
    ("counting_team", [c.Advance()]),
    ("team_instructions", [c.ProposeTeam(TEAM, "v01"), c.ApproveTeam(12), c.Advance()]),
    ("issuing", [c.Advance()]),
    ("voting", [c.IssueBallots(all_present=True), c.Advance()]),
    ("counting", [c.RecordReturned(12), c.Advance()]),
    ("minutes", [*(c.RecordBallot(m) for m in BALLOTS), c.RecordBallot(invalid_reason="not_issued"), c.Advance()]),
    ("announcing", [*(c.SignMinutes(m) for m in TEAM), c.Advance()]),
    ("sealing", [c.AnnounceResults()]),
    ("closed", [c.SealBallots("Văn phòng Ban")]),
]
"""Each step after ``prepared`` and the commands that lead into it from the one before."""


def sample_service(store=None) -> SessionService:
    """A new sample session with a fixed clock and launch code."""
    return SessionService.create(store or InMemoryEventStore(), sample_data(), clock=FixedClock(), session_id="sample",
                                 launch_code=LAUNCH)


def drive_to(service: SessionService, step: str) -> SessionService:
    """Run the route from the current step until ``step`` is reached."""
    order = steps_for(service.state.pack)
    for target, commands in ROUTE:
        if service.state.step == step:
            break
        if order.index(target) <= order.index(service.state.step):
            continue
        for command in commands:
            service.handle(command, CHAIR)
        assert service.state.step == target
    assert service.state.step == step
    return service


def at_step(step: str) -> SessionService:
    """A sample session standing at ``step``."""
    return drive_to(sample_service(), step)
