"""SIGKILL a real ``tinnhiem do --script -`` process mid-session, three times, and restart it.

The rest of the scripted session is written as a script (worked out on a copy of the log),
the process prints ``Recorded … (event N)`` per line, and it is killed after a few of them,
while it handles the next. The 50-kill campaigns on SQLite and PostgreSQL are in
``test_crash.py``; this one proves the same of the shipped command.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time

from session import commands as c
from session.events import CHAIR
from session.evolve import replay
from session.log import verify
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.audit.crash_driver import next_command
from tests.audit.test_crash import summary
from tests.scenarios import FixedClock, synthetic
from tui.wiring import open_store

ACK = re.compile(r"\(event (\d+)\)")


def action_line(command: c.Command) -> str:
    """The action language line for a command of the scripted session."""
    if isinstance(command, c.MarkPresent):
        return f"present {command.voters[0]}"
    if isinstance(command, c.ProposeTeam):
        return f"team propose {' '.join(command.members)} --head {command.head}"
    if isinstance(command, c.ApproveTeam):
        return f"team approve --for {command.votes_for}"
    if isinstance(command, c.IssueBallots):
        return f"issue {command.voters[0]}"
    if isinstance(command, c.RecordReturned):
        return f"return --count {command.count}"
    if isinstance(command, c.RecordBallot):
        return f"ballot {command.marks}"
    if isinstance(command, c.SignMinutes):
        return f"sign {command.member}"
    if isinstance(command, c.SealBallots):
        return f'seal --to "{command.to}"'
    return command.ACTION  # next, announce


def rest_of_session(records) -> str:
    """The script that takes the session from where ``records`` leave it to ``closed``."""
    store = InMemoryEventStore()
    store.append("cli", 0, records)
    service, lines = SessionService(store, "cli", FixedClock()), []
    while (command := next_command(service.state)) is not None:
        service.handle(command, CHAIR)
        lines.append(action_line(command))
    return "\n".join(lines) + "\n"


def test_sigkill_of_tinnhiem_do_mid_script(tmp_path):
    db = str(tmp_path / "cli.db")
    rng = random.Random(6)
    watcher = SessionService.create(open_store(db), synthetic(12, 3), clock=FixedClock(), session_id="cli")
    acked, kills = [], 0
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}  # each acknowledgement reaches us as it is printed
    while kills < 3:
        script = rest_of_session(open_store(db).load("cli"))
        proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "do", "--db", db, "--lang", "en", "--script", "-"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        proc.stdin.write(script)
        proc.stdin.close()
        for _ in range(rng.randint(2, 8)):
            acked.append(int(ACK.search(proc.stdout.readline()).group(1)))
        time.sleep(rng.uniform(0, 0.01))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        kills += proc.returncode == -signal.SIGKILL
        records = watcher.store.load("cli")
        assert verify(records).ok and max(acked) <= len(records), "every acknowledged event is there"
        assert summary(SessionService(watcher.store, "cli").state) == summary(replay(records))
    print(f"\ncrash tinnhiem do: kills survived {kills}/3, events lost 0, acknowledged {len(acked)}")
