"""Opening an existing SQLite session imports no SQLAlchemy, and a fresh interpreter still replays every event type."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from session import commands as c
from session.events import Actor
from session.service import SessionService
from tests.scenarios import FixedClock, drive_to_counting, sample_data
from tui.wiring import open_store

ROOT = Path(__file__).resolve().parents[2]

OPEN = """
import json, sys
from tui.wiring import acquire_chair_lock, open_service
service = open_service(sys.argv[1])
lock = acquire_chair_lock(service.store, service.session_id)
lock.release()
state = service.state
print(json.dumps({"step": state.step, "seq": state.seq, "pending": len(state.pending), "entered": state.entered,
                  "held": lock is not None,
                  "leaked": sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "sqlmodel"))}))
"""


def _in_fresh_interpreter(db: str) -> dict:
    done = subprocess.run([sys.executable, "-c", OPEN, db], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_an_existing_sqlite_session_opens_and_loads_without_sqlalchemy(tmp_path):
    db = str(tmp_path / "s.db")
    service = drive_to_counting(SessionService.create(open_store(db), sample_data(), clock=FixedClock()))
    seen = _in_fresh_interpreter(db)
    assert seen["leaked"] == [], "SQLAlchemy/SQLModel are for creating the schema and for PostgreSQL only"
    assert seen["held"] and (seen["step"], seen["seq"]) == ("counting", service.state.seq)


def test_a_fresh_interpreter_replays_blind_double_entry_events(tmp_path):
    db = str(tmp_path / "double.db")
    data = sample_data()
    data["conference"]["double_entry"] = True
    service = drive_to_counting(SessionService.create(open_store(db), data, clock=FixedClock()))
    service.handle(c.RecordBallot(marks="11", batch="B1"), Actor("station", "v05", "S1"))
    service.handle(c.RecordBallot(marks="12", batch="B2"), Actor("station", "v05", "S1"))
    service.handle(c.RecordBallot(marks="11", batch="B1"), Actor("station", "v06", "S2"))
    types = {r.type for r in service.store.load(service.session_id)}
    assert {"entry_submitted", "batch_opened"} <= types
    seen = _in_fresh_interpreter(db)
    assert (seen["seq"], seen["pending"], seen["entered"]) == (service.state.seq, 1, 1)
    assert (service.state.step, len(service.state.pending), service.state.entered) == ("counting", 1, 1)
