"""A fork server for the crash test: one interpreter imports everything once, then forks a real
process per run, which the test kills with SIGKILL.

Protocol (one JSON line per run on standard input): ``{"db": URL, "session": ID}``. For each
run the server forks a child that opens the store, replays the session and drives it towards
``closed`` with ``next_command``, writing ``ack SEQ HASH`` after every ``handle()`` returns, i.e.
once the event is durable and would be on screen. The server writes ``pid N`` after the fork and
``exit CODE`` when the child is gone (``-9`` when killed).
"""

from __future__ import annotations

import json
import os
import sys

from session import commands as c
from session.events import CHAIR
from session.state import SessionState

MARKS = ("111", "123", "213", "x21", "331", "12-", "222", "110")
"""Ballots entered in turn (3 persons on the ballot)."""


def next_command(s: SessionState) -> c.Command | None:
    """The scripted session's next action from any state: one voter, ballot or signature at a time."""
    voters = [v.id for v in s.conference.voters]
    step = s.step
    if step == "roll_call" and len(s.present) < len(voters):
        return c.MarkPresent((next(v for v in voters if v not in s.present),))
    if step == "counting_team" and not s.team:
        team = [v for v in voters if v not in s.conference.evaluated_voter_ids()][:3]
        return c.ProposeTeam(tuple(team), team[0])
    if step == "counting_team" and not s.team_approved:
        return c.ApproveTeam(len(s.present))
    if step == "nominees" and s.nominees is None:
        return c.FixNominees()
    if step == "issuing" and s.issued < len(s.present):
        return c.IssueBallots((sorted(s.present - s.issued_to)[0],))
    if step == "voting" and s.returned is None:
        return c.RecordReturned(s.issued)
    if step == "counting" and s.entered < (s.returned or 0):
        return c.RecordBallot(marks=MARKS[s.entered % len(MARKS)])
    if step == "minutes" and len(s.signed) < len(s.team):
        return c.SignMinutes(sorted(set(s.team) - s.signed)[0])
    if step == "announcing":
        return c.AnnounceResults()
    if step == "sealing":
        return c.SealBallots("Văn phòng")
    if step == "closed":
        return None
    return c.Advance()


def _child(db: str, session_id: str) -> None:
    from session.service import SessionService
    from tui.wiring import open_store

    service = SessionService(open_store(db), session_id)
    while (command := next_command(service.state)) is not None:
        for record in service.handle(command, CHAIR):
            os.write(1, f"ack {record.seq} {record.hash}\n".encode())
    os.write(1, b"done\n")


def serve() -> None:
    """Read run requests until standard input closes."""
    import tui.wiring  # noqa: F401  (import the whole stack once, before any fork)
    from session.service import SessionService  # noqa: F401
    from storage import database, sql_store  # noqa: F401

    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                _child(request["db"], request["session"])
            except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails on it
                os.write(1, f"error {type(exc).__name__}: {exc}\n".encode())
                code = 1
            os._exit(code)
        os.write(1, f"pid {pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
        os.write(1, f"exit {code}\n".encode())


if __name__ == "__main__":
    serve()
