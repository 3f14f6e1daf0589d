"""Sessions of several ballot forms for the tests: a conference with ``[[forms]]`` and a driver to the count."""

from __future__ import annotations

from typing import Any

from session import commands as c
from session.events import CHAIR
from session.service import SessionService
from tests.scenarios import FixedClock, synthetic

FORMS3 = (("A", "khối A", "trắng", 3), ("B", "khối B", "xanh", 2), ("C", "khối C", "hồng", 1))
"""(id, title, colour, persons) of a three-form session."""


def forms_conference(voters: int = 12, forms=FORMS3, rules: str = "QD96", **kw) -> dict[str, Any]:
    """A synthetic conference whose persons p1… are grouped into ``forms``, in order."""
    total = sum(f[3] for f in forms)
    data = synthetic(voters, total, rules, **kw)
    start, rows = 1, []
    for fid, title, colour, n in forms:
        rows.append({"id": fid, "title": title, "colour": colour, "persons": [f"p{i}" for i in range(start, start + n)]})
        start += n
    data["forms"] = rows
    return data


def started(data: dict[str, Any], session_id: str = "s") -> SessionService:
    """A new session of ``data`` on the memory store."""
    from storage.memory_store import InMemoryEventStore

    return SessionService.create(InMemoryEventStore(), data, clock=FixedClock(), session_id=session_id)


def to_issuing(service: SessionService) -> SessionService:
    """Everyone present, the team approved, standing at ``issuing``."""
    s = service.state
    service.handle(c.Advance(), CHAIR)
    service.handle(c.MarkPresent(tuple(v.id for v in s.conference.voters)), CHAIR)
    while service.state.step != "counting_team":
        service.handle(c.Advance(), CHAIR)
    team = tuple(v.id for v in service.state.conference.voters)[: service.state.pack.team_min_size]
    service.handle(c.ProposeTeam(team, team[0]), CHAIR)
    service.handle(c.ApproveTeam(len(service.state.present)), CHAIR)
    while service.state.step != "issuing":
        service.handle(c.Advance(), CHAIR)
    return service


def to_counting(service: SessionService, returned: dict[str, int] | None = None) -> SessionService:
    """Every form issued to all present and returned (``returned`` per form, else all), standing at ``counting``."""
    to_issuing(service)
    service.handle(c.IssueBallots(all_present=True), CHAIR)
    service.handle(c.Advance(), CHAIR)
    for b in service.state.books.values():
        service.handle(c.RecordReturned((returned or {}).get(b.id, b.issued), b.id), CHAIR)
    service.handle(c.Advance(), CHAIR)
    return service
