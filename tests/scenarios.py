"""Named conference data and drivers shared by the session, storage, CLI and TUI tests."""

from __future__ import annotations

import itertools
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from session import commands as c
from session.conference import to_plain
from session.events import CHAIR
from session.service import SessionService

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE_TOML = Path(__file__).resolve().parents[1] / "tui" / "data" / "demo.toml"
"""The sample conference (a copy of shared/examples/ban-to-chuc.toml bundled with the app)."""


def sample_text() -> str:
    """The sample conference file's text."""
    return SAMPLE_TOML.read_text(encoding="utf-8")


def sample_data() -> dict[str, Any]:
    """The sample conference as plain data."""
    return to_plain(tomllib.loads(sample_text()))


class FixedClock:
    """A clock that ticks one second per reading, from a fixed start."""

    def __init__(self, start: datetime = datetime(2018, 10, 16, 8, 0, tzinfo=UTC)):
        self._ticks = itertools.count()
        self._start = start

    def __call__(self) -> datetime:
        return self._start + timedelta(seconds=next(self._ticks))


def synthetic(voters: int, persons: int = 1, rules: str = "QD96", *, total_members: int | None = None,
              overrides: dict[str, Any] | None = None, posts: int | None = None) -> dict[str, Any]:
    """A conference of ``voters`` voters (v001…) and ``persons`` persons evaluated who are not voters."""
    head: dict[str, Any] = {"title": f"Hội nghị thử {voters}", "body": "Cơ quan", "place": "Hội trường",
                            "date": "2023-12-01", "rules": rules}
    if total_members is not None:
        head["total_members"] = total_members
    if overrides:
        head["overrides"] = overrides
    if posts is not None:
        head["posts"] = posts
    return {
        "conference": head,
        "persons": [{"id": f"p{i}", "name": f"Người Được Lấy Phiếu {i}", "position": "Phó Giám đốc",
                     "in_post_since": "2020-01-01"} for i in range(1, persons + 1)],
        "voters": [{"id": f"v{i:03d}", "name": f"Đại Biểu {i}", "posts": ["Ủy viên"]} for i in range(1, voters + 1)],
    }


def drive_to_counting(service: SessionService, present: int | None = None, issued: int | None = None,
                      returned: int | None = None, team_size: int = 3) -> SessionService:
    """Run the agenda from `prepared` to `counting` with the given attendance, ballots and team size."""
    state = service.state
    voter_ids = [v.id for v in state.conference.voters]
    evaluated = state.conference.evaluated_voter_ids()
    present_ids = voter_ids[: present if present is not None else len(voter_ids)]
    team = [v for v in present_ids if v not in evaluated][:team_size]
    steps = [c.Advance(), c.MarkPresent(tuple(present_ids)), c.Advance(), c.Advance(),
             c.ProposeTeam(tuple(team), team[0]), c.ApproveTeam(len(present_ids)), c.Advance(), c.Advance()]
    if state.pack.nominee_step:
        steps += [c.FixNominees(), c.Advance()]
    issued_ids = present_ids[: issued if issued is not None else len(present_ids)]
    # Fewer issued than present leaves issuing on the chair's word (``next --yes``).
    steps += [c.IssueBallots(tuple(issued_ids)), c.Advance(anyway=True),
              c.RecordReturned(returned if returned is not None else len(issued_ids)), c.Advance()]
    for command in steps:
        service.handle(command, CHAIR)
    assert service.state.step == "counting"
    return service


def enter(service: SessionService, ballots: list[str]) -> None:
    """Enter ballots: a marks string each, or ``!reason`` for a whole invalid ballot."""
    for ballot in ballots:
        if ballot.startswith("!"):
            service.handle(c.RecordBallot(invalid_reason=ballot[1:]), CHAIR)
        else:
            service.handle(c.RecordBallot(marks=ballot), CHAIR)


def finish(service: SessionService) -> SessionService:
    """From `counting` (all entered) to `closed`: close count, sign, announce, seal."""
    service.handle(c.Advance(), CHAIR)
    for member in service.state.team:
        service.handle(c.SignMinutes(member), CHAIR)
    for command in (c.Advance(), c.AnnounceResults(), c.SealBallots("Văn phòng")):
        service.handle(command, CHAIR)
    return service
