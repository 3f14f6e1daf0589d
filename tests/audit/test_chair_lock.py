"""One chair console per session: a second is refused with who holds it; a killed holder never blocks for long."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage.database import open_database
from storage.locks import STALE, acquire
from tui.wiring import acquire_chair_lock, chair_lock_refusal

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "lock.db")
    return request.getfixturevalue("pg_url")


def fresh(database) -> None:
    """No lock rows (the PostgreSQL database is shared by this run's tests)."""
    with database.transaction(write=True) as cur:
        cur.execute("DELETE FROM locks")


def test_a_second_console_is_refused_naming_the_holder(db):
    database = open_database(db)
    fresh(database)
    first = acquire(database, "s1", host="hall-a", pid=1, beat_every=None)
    assert first is not None and first.holder == "hall-a:1"
    assert acquire(database, "s1", host="hall-b", pid=2, beat_every=None) is None
    message = chair_lock_refusal(db, "s1").message("en")
    assert "another chair console (hall-a:1" in message and "read-only" in message
    assert acquire(database, "s2", host="hall-b", pid=2, beat_every=None) is not None, "other sessions are free"
    first.release()
    assert acquire(database, "s1", host="hall-b", pid=2, beat_every=None) is not None


def test_a_stale_lock_is_taken_over_and_its_old_holder_learns_it(db):
    database = open_database(db)
    fresh(database)
    old = acquire(database, "s1", host="hall-a", pid=1, beat_every=None)
    with database.transaction(write=True) as cur:  # the holder stopped beating STALE seconds ago
        cur.execute(f"UPDATE locks SET beat = {database.mark}", (time.time() - STALE - 1,))
    new = acquire(database, "s1", host="hall-b", pid=2, beat_every=None)
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
