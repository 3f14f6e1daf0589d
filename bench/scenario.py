"""A national-assembly-scale session for the benchmark: 480 present voters, 44 persons, QD96."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from session import commands as c
from session.events import CHAIR
from session.service import SessionService

VOTERS = 480
"""Voters convened, all present."""
PERSONS = 44
"""Persons evaluated on one ballot."""
RULES = "QD96"
"""Rule pack."""

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
_GIVEN = ("Văn Hùng", "Thị Lan", "Đức Thắng", "Minh Tuấn", "Thị Hương", "Quốc Việt", "Thu Trang", "Xuân Phúc")


class TickClock:
    """A clock that moves one second per reading, so the run is reproducible."""

    def __init__(self) -> None:
        self._now = datetime(2023, 10, 25, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self._now += timedelta(seconds=1)
        return self._now


def conference(voters: int = VOTERS, persons: int = PERSONS, rules: str = RULES) -> dict[str, Any]:
    """Conference data shaped like the Assembly's confidence vote, with Vietnamese names."""
    rng = random.Random(96)

    def name() -> str:
        return f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN)}"

    return {
        "conference": {"title": "Kỳ họp thứ sáu Quốc hội khóa XV — lấy phiếu tín nhiệm", "body": "Quốc hội",
                       "place": "Nhà Quốc hội, Hà Nội", "date": "2023-10-25", "rules": rules},
        "persons": [{"id": f"p{i:02d}", "name": name(), "position": "Bộ trưởng", "in_post_since": "2021-04-08"}
                    for i in range(1, persons + 1)],
        "voters": [{"id": f"d{i:03d}", "name": name(), "posts": ["Đại biểu Quốc hội"]} for i in range(1, voters + 1)],
    }


def ballots(count: int = VOTERS, persons: int = PERSONS, seed: int = 15) -> list[c.RecordBallot]:
    """``count`` ballots: mostly valid marks, a few struck or blank rows and whole invalid ones."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        if rng.random() < 0.01:
            out.append(c.RecordBallot(invalid_reason="other_form"))
            continue
        marks = rng.choices("123", weights=(70, 22, 8), k=persons)
        if rng.random() < 0.03:
            marks[rng.randrange(persons)] = rng.choice("0x-")
        out.append(c.RecordBallot(marks="".join(marks)))
    return out


def to_counting(service: SessionService, voters: int = VOTERS) -> SessionService:
    """Drive a new session from `prepared` to `counting`: everyone present, issued and returned."""
    ids = tuple(v.id for v in service.state.conference.voters[:voters])
    for command in (c.Advance(), c.MarkPresent(ids), c.Advance(), c.Advance(),
                    c.ProposeTeam(ids[:5], ids[0]), c.ApproveTeam(len(ids)), c.Advance(), c.Advance(),
                    c.IssueBallots(ids), c.Advance(), c.RecordReturned(len(ids)), c.Advance()):
        service.handle(command, CHAIR)
    assert service.state.step == "counting", service.state.step
    return service


def finish(service: SessionService) -> SessionService:
    """From `counting` (all entered) to `closed`."""
    service.handle(c.Advance(), CHAIR)
    for member in service.state.team:
        service.handle(c.SignMinutes(member), CHAIR)
    for command in (c.Advance(), c.AnnounceResults(), c.SealBallots("Văn phòng Quốc hội")):
        service.handle(command, CHAIR)
    return service
