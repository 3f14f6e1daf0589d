"""A national-assembly-scale session for the benchmarks: 480 present voters, 44 persons, QD96.

The agenda is driven with ``tests.scenarios`` (``FixedClock``, ``drive_to_counting``, ``finish``).
``assembly()`` is the Assembly's own shape (``tui/data/assembly.toml``: 44 persons on three ballot
forms, NQ96), which ``bench.py`` measures; ``form_ballots`` gives each form's ballots.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path
from typing import Any

from session import commands as c
from session.conference import to_plain
from session.events import CHAIR

ASSEMBLY = Path(__file__).resolve().parents[1] / "tui" / "data" / "assembly.toml"
"""The example at Assembly scale and shape: 480 deputies, 44 persons on three ballot forms, NQ96."""

VOTERS = 480
"""Voters convened, all present."""
PERSONS = 44
"""Persons evaluated on one ballot."""
RULES = "QD96"
"""Rule pack."""

_SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ")
_GIVEN = ("Văn Hùng", "Thị Lan", "Đức Thắng", "Minh Tuấn", "Thị Hương", "Quốc Việt", "Thu Trang", "Xuân Phúc")


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



def assembly() -> dict[str, Any]:
    """The Assembly example's conference data (``tui/data/assembly.toml``)."""
    return to_plain(tomllib.loads(ASSEMBLY.read_text(encoding="utf-8")))


def drive_forms_to_counting(service) -> None:
    """From ``prepared`` to ``counting`` on a session of several forms: everyone present, every form issued and
    returned in full."""
    state = service.state
    voter_ids = tuple(v.id for v in state.conference.voters)
    team = voter_ids[:3]
    steps = [c.Advance(), c.MarkPresent(voter_ids), c.Advance(), c.Advance(), c.ProposeTeam(team, team[0]),
             c.ApproveTeam(len(voter_ids)), c.Advance(), c.Advance(), c.IssueBallots(all_present=True), c.Advance()]
    for command in steps:
        service.handle(command, CHAIR)
    for books in service.state.books.values():
        service.handle(c.RecordReturned(books.issued, service.state.form_field(books)), CHAIR)
    service.handle(c.Advance(), CHAIR)
    assert service.state.step == "counting"


def form_ballots(state, count: int = VOTERS, seed: int = 15) -> list[c.RecordBallot]:
    """``count`` ballots of every form, form by form, each of its own length (as ``ballots``)."""
    out = []
    for i, books in enumerate(state.books.values()):
        form = state.form_field(books)
        out += [c.RecordBallot(b.marks, b.invalid_reason, form=form) for b in ballots(count, len(books.persons), seed + i)]
    return out
