"""Helpers shared by the session tests: a happy-path planner and a canonical projection of the state."""

from __future__ import annotations

from typing import Any

from session import commands as c
from session.events import CHAIR
from session.results import results
from session.service import SessionService
from session.state import SessionState


def happy_next(s: SessionState) -> c.Command | None:
    """The next command on the plain path through the agenda (None once closed)."""
    evaluated = s.conference.evaluated_voter_ids()
    if s.step == "roll_call" and not s.present:
        return c.MarkPresent(tuple(v.id for v in s.conference.voters))
    if s.step == "counting_team" and not s.team:
        team = tuple(v for v in sorted(s.present) if v not in evaluated)[: s.pack.team_min_size]
        return c.ProposeTeam(team, team[0])
    if s.step == "counting_team" and not s.team_approved:
        return c.ApproveTeam(len(s.present))
    if s.step == "nominees" and s.nominees is None:
        return c.FixNominees()
    if s.step == "issuing" and s.issued < len(s.present):
        return c.IssueBallots(all_present=True)
    for b in s.books.values():  # form by form
        if s.step == "voting" and b.returned is None:
            return c.RecordReturned(b.issued, s.form_field(b))
        if s.step == "counting" and b.entered < (b.returned or 0):
            return c.RecordBallot(marks="1" * len(b.persons), form=s.form_field(b))
    if s.step == "minutes" and set(s.team) - s.signed:
        return c.SignMinutes(sorted(set(s.team) - s.signed)[0])
    return {"announcing": c.AnnounceResults(), "sealing": c.SealBallots("Văn phòng"), "closed": None}.get(s.step, c.Advance())


def walk_to(service: SessionService, step: str) -> SessionService:
    """Drive ``service`` along the plain path until it stands in ``step``."""
    while service.state.step != step:
        command = happy_next(service.state)
        assert command is not None, f"the path never reaches {step}"
        service.handle(command, CHAIR)
    return service


def project(s: SessionState) -> dict[str, Any]:
    """Everything a screen can see of the state, as plain comparable data."""
    return {
        "seq": s.seq,
        "head": s.head_hash,
        "step": s.step,
        "step_times": dict(s.step_times),
        "present": sorted(s.present),
        "late": s.late,
        "unserved": s.unserved,
        "team": list(s.team),
        "team_head": s.team_head,
        "team_approved": s.team_approved,
        "team_vote": s.team_vote,
        "nominees": s.nominees,
        "issued_to": sorted(s.issued_to),
        "spoiled": s.spoiled,
        "returned": s.returned,
        "tally": (s.tally.valid, s.tally.invalid, [list(r) for r in s.tally.counts], dict(s.tally.reasons)),
        "entries": {k: (e.marks, e.reason, e.outcome) for k, e in sorted(s.entries.items())},
        "last_position": dict(s.last_position),
        "corrections": s.corrections,
        "entry_mode": s.entry_mode,
        "batches": dict(s.batches),
        "pending": {k: dict(v) for k, v in sorted(s.pending.items())},
        "submitted": dict(s.submitted),
        "resolved": {k: dict(v) for k, v in sorted(s.resolved.items())},
        "signed": sorted(s.signed),
        "announced_at": s.announced_at,
        "sealed_to": s.sealed_to,
        "results": results(s),
        "books": {b.id: (sorted(b.issued_to), b.spoiled, b.returned, b.tally.valid, b.tally.invalid,
                         [list(r) for r in b.tally.counts], {k: (e.marks, e.reason) for k, e in sorted(b.entries.items())},
                         dict(b.batches), {k: dict(v) for k, v in sorted(b.pending.items())}, b.corrections)
                  for b in s.books.values()},
    }
