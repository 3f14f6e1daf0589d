"""One chair console per session: a second is refused with who holds it; a killed holder never blocks for long."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import update

from storage.database import make_engine
from storage.locks import LOCKS, STALE, acquire
from tui.wiring import acquire_chair_lock, chair_lock_refusal

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "lock.db")
    return request.getfixturevalue("pg_url")


def fresh(engine) -> None:
    """No lock rows (the PostgreSQL database is shared by this run's tests)."""
    LOCKS.metadata.create_all(engine, checkfirst=True)
    with engine.begin() as conn:
        conn.execute(LOCKS.delete())


def test_a_second_console_is_refused_naming_the_holder(db):
    engine = make_engine(db)
    fresh(engine)
    first = acquire(engine, "s1", host="hall-a", pid=1, beat_every=None)
    assert first is not None and first.holder == "hall-a:1"
    assert acquire(engine, "s1", host="hall-b", pid=2, beat_every=None) is None
    message = chair_lock_refusal(db, "s1").message("en")
    assert "another chair console (hall-a:1" in message and "read-only" in message
    assert acquire(engine, "s2", host="hall-b", pid=2, beat_every=None) is not None, "other sessions are free"
    first.release()
    assert acquire(engine, "s1", host="hall-b", pid=2, beat_every=None) is not None


def test_a_stale_lock_is_taken_over_and_its_old_holder_learns_it(db):
    engine = make_engine(db)
    fresh(engine)
    old = acquire(engine, "s1", host="hall-a", pid=1, beat_every=None)
    with engine.begin() as conn:  # the holder stopped beating STALE seconds ago
        conn.execute(update(LOCKS).values(beat=time.time() - STALE - 1))
    new = acquire(engine, "s1", host="hall-b", pid=2, beat_every=None)
    assert new is not None and new.beat()
    assert not old.beat(), "the old console is told it lost the lock"


def test_a_killed_console_on_this_machine_frees_the_lock_at_once(tmp_path):
    db = str(tmp_path / "lock.db")
    code = ("import sys, time; from tui.wiring import acquire_chair_lock; "
            "lock = acquire_chair_lock(sys.argv[1], 's1'); print('held' if lock else 'refused', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, db], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        assert acquire_chair_lock(db, "s1") is None, "refused while the other console lives"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
    lock = acquire_chair_lock(db, "s1")
    assert lock is not None, "a dead process on this machine holds nothing"
    lock.release()
