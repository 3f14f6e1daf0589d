"""The chair lock: one row per (session, role) in a ``locks`` table, kept alive by a heartbeat.

A console takes the row when there is none, when it is stale (no beat for ``STALE``
seconds: the holder was killed or lost its network), or when its holder is a dead
process on this same machine. Every change is a conditional UPDATE on the values
read, so two consoles racing for a stale lock cannot both win.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, and_, delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

BEAT = 3.0
"""Seconds between heartbeats."""
STALE = 15.0
"""A lock not refreshed for this long is free (several missed beats, so a busy moment does not lose it)."""

_META = MetaData()
LOCKS = Table(
    "locks", _META,
    Column("session_id", String, primary_key=True),
    Column("role", String, primary_key=True),
    Column("holder", String, nullable=False),
    Column("host", String, nullable=False),
    Column("pid", Integer, nullable=False),
    Column("since", String, nullable=False),
    Column("beat", Float, nullable=False),
)
"""Who holds which session's console, and when it last beat."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _free(row, now: float, host: str) -> bool:
    return now - row.beat > STALE or (row.host == host and not _alive(row.pid))


class SqlChairLock:
    """A held chair lock; beats in a background thread until released."""

    def __init__(self, engine: Engine, session_id: str, holder: str, beat_every: float | None = BEAT):
        self.engine = engine
        """Where the lock row lives."""
        self.session_id = session_id
        """The locked session."""
        self.holder = holder
        """``host:pid`` of this console."""
        self._stop = threading.Event()
        if beat_every:
            threading.Thread(target=self._beating, args=(beat_every,), daemon=True).start()

    def _beating(self, every: float) -> None:
        while not self._stop.wait(every):
            try:
                if not self.beat():
                    return
            except Exception:  # noqa: BLE001 - a missed beat only ages the lock; the next one may succeed
                continue

    def beat(self) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(update(LOCKS).where(_key(self.session_id), LOCKS.c.holder == self.holder)
                                .values(beat=time.time()))
            return done.rowcount == 1

    def release(self) -> None:
        self._stop.set()
        with self.engine.begin() as conn:
            conn.execute(delete(LOCKS).where(_key(self.session_id), LOCKS.c.holder == self.holder))


def _key(session_id: str):
    return and_(LOCKS.c.session_id == session_id, LOCKS.c.role == "chair")


def acquire(engine: Engine, session_id: str, *, host: str | None = None, pid: int | None = None,
            beat_every: float | None = BEAT) -> SqlChairLock | None:
    """The chair lock of ``session_id``, or None while another live console holds it."""
    host, pid = host or socket.gethostname(), pid or os.getpid()
    holder, now = f"{host}:{pid}", time.time()
    values = {"holder": holder, "host": host, "pid": pid, "since": datetime.now(UTC).isoformat(timespec="seconds"),
              "beat": now}
    _META.create_all(engine, checkfirst=True)
    try:
        with engine.begin() as conn:
            row = conn.execute(select(LOCKS).where(_key(session_id))).first()
            if row is None:
                conn.execute(insert(LOCKS).values(session_id=session_id, role="chair", **values))
            elif row.holder == holder or _free(row, now, host):
                taken = conn.execute(update(LOCKS).where(_key(session_id), LOCKS.c.holder == row.holder,
                                                         LOCKS.c.beat == row.beat).values(**values))
                if taken.rowcount != 1:
                    return None
            else:
                return None
    except IntegrityError:  # another console inserted the row first
        return None
    return SqlChairLock(engine, session_id, holder, beat_every)


def holder_of(engine: Engine, session_id: str) -> tuple[str, str] | None:
    """(holder, since) of the live chair lock of ``session_id``, or None if it is free."""
    _META.create_all(engine, checkfirst=True)
    with engine.connect() as conn:
        row = conn.execute(select(LOCKS).where(_key(session_id))).first()
    if row is None or _free(row, time.time(), socket.gethostname()):
        return None
    return row.holder, row.since
