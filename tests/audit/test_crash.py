"""SIGKILL a real process at 50 random points of a scripted session, on SQLite and on PostgreSQL.

The process (forked by ``crash_driver``, so the kill hits a real OS process without paying an
interpreter start per kill) drives the session and writes ``ack SEQ HASH`` once ``handle()``
returned. After each kill the store must hold every acknowledged event with the same hash (none
lost), no half-written transaction (the chain verifies, nothing past it), and a restarted service's
state must equal the replay of the log. The figures are printed (run with ``-s`` to see them).
"""

from __future__ import annotations

import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from session.books import first_imbalance
from session.evolve import replay
from session.log import verify
from session.service import SessionService
from tests.scenarios import FixedClock, synthetic
from tui.wiring import open_store

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50
"""Kills per backend."""
SEED = 20261122
"""Fixed seed: the same kill points on every run (up to the OS's scheduling)."""


class Driver:
    """The fork server, with a thread that reads its lines."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "tests.audit.crash_driver"], cwd=ROOT, text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def run(self, db: str, session_id: str, kill_after: int, delay: float) -> tuple[list[tuple[int, str]], int, bool]:
        """One child run: killed once ``kill_after`` acks were seen (plus ``delay``). (acks, exit code, done)."""
        self.proc.stdin.write(json.dumps({"db": db, "session": session_id}) + "\n")
        self.proc.stdin.flush()
        pid, acks, done, killed = None, [], False, False
        while True:
            line = self.lines.get(timeout=60)
            kind, _, rest = line.partition(" ")
            if kind == "pid":
                pid = int(rest)
            elif kind == "ack":
                seq, digest = rest.split()
                acks.append((int(seq), digest))
            elif kind == "done":
                done = True
            elif kind == "exit":
                return acks, int(rest), done
            elif kind == "error":
                raise AssertionError(f"driver failed: {rest}")
            if pid and not killed and len(acks) >= kill_after:
                time.sleep(delay)
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                killed = True

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def summary(state) -> tuple:
    """What the screens show, as comparable data."""
    return (state.seq, state.head_hash, state.step, sorted(state.present), state.team, state.team_approved,
            sorted(state.issued_to), state.returned, state.tally.counts, state.entered, sorted(state.signed))


def settle(db: str) -> None:
    """Wait until no other PostgreSQL backend is busy: a COMMIT the killed process had already sent
    may still be running in the server, and reading before it ends would race it (SQLite has no
    such window: the killed process was the only one writing)."""
    if not db.startswith("postgresql"):
        return
    import psycopg

    with psycopg.connect(db.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        for _ in range(200):
            busy = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                "AND pid <> pg_backend_pid() AND state NOT IN ('idle')").fetchone()[0]
            if not busy:
                return
            time.sleep(0.02)


def crash_campaign(db: str) -> dict[str, int]:
    """Kill the driver ``KILLS`` times across scripted sessions on ``db``; check after each restart."""
    rng = random.Random(SEED)
    store = open_store(db)
    figures = {"tried": 0, "survived": 0, "lost": 0, "acked": 0, "unacked_kept": 0, "sessions": 0}
    driver = Driver()
    session_id = None
    try:
        while figures["tried"] < KILLS:
            if session_id is None:
                figures["sessions"] += 1
                session_id = SessionService.create(store, synthetic(30, 3), clock=FixedClock(),
                                                   session_id=f"crash{figures['sessions']}").session_id
            acks, code, done = driver.run(db, session_id, rng.randint(0, 8), rng.uniform(0, 0.004))
            settle(db)
            records = store.load(session_id)
            by_seq = {r.seq: r.hash for r in records}
            lost = sum(1 for seq, digest in acks if by_seq.get(seq) != digest)
            verdict = verify(records)
            restarted = SessionService(store, session_id).state
            ok = lost == 0 and verdict.ok and verdict.count == len(records) == store.last_seq(session_id)
            ok = ok and summary(restarted) == summary(replay(records)) and first_imbalance(restarted) is None
            if code == -signal.SIGKILL:
                figures["tried"] += 1
                figures["survived"] += ok
            figures["lost"] += lost
            figures["acked"] += len(acks)
            figures["unacked_kept"] += len(records) - max((s for s, _ in acks), default=len(records))
            assert ok, f"after a kill: lost {lost}, verdict {verdict}"
            if done:
                session_id = None
    finally:
        driver.close()
    return figures


def report(backend: str, f: dict[str, int]) -> None:
    print(f"\ncrash {backend}: kills survived {f['survived']}/{f['tried']}, events lost {f['lost']}, "
          f"acknowledged {f['acked']}, committed but not yet acknowledged {f['unacked_kept']}, sessions {f['sessions']}")


def test_sigkill_on_sqlite_loses_nothing_acknowledged(tmp_path):
    figures = crash_campaign(str(tmp_path / "crash.db"))
    report("sqlite", figures)
    assert figures["tried"] == KILLS and figures["survived"] == KILLS and figures["lost"] == 0


def test_sigkill_on_postgresql_loses_nothing_acknowledged(pg_url):
    figures = crash_campaign(pg_url)
    report("postgresql", figures)
    assert figures["tried"] == KILLS and figures["survived"] == KILLS and figures["lost"] == 0
