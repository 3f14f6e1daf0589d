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

from storage.database import Database
from storage.tables import LOCKS

BEAT = 3.0
"""Seconds between heartbeats."""
STALE = 15.0
"""A lock not refreshed for this long is free (several missed beats, so a busy moment does not lose it)."""

_KEY = "session_id = {m} AND role = 'chair'"
"""The chair row of a session."""


def _sql(database: Database, text: str) -> str:
    # Written once with {m}; each driver has its own parameter marker.
    return text.format(t=LOCKS, m=database.mark, key=_KEY.format(m=database.mark))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _free(row: tuple, now: float, host: str) -> bool:
    _, row_host, pid, _, beat = row
    return now - beat > STALE or (row_host == host and not _alive(pid))


class SqlChairLock:
    """A held chair lock; beats in a background thread until released."""

    def __init__(self, database: Database, session_id: str, holder: str, beat_every: float | None = BEAT):
        self.database = database
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
        with self.database.transaction(write=True) as cur:
            cur.execute(_sql(self.database, "UPDATE {t} SET beat = {m} WHERE {key} AND holder = {m}"),
                        (time.time(), self.session_id, self.holder))
            return cur.rowcount == 1

    def release(self) -> None:
        self._stop.set()
        with self.database.transaction(write=True) as cur:
            cur.execute(_sql(self.database, "DELETE FROM {t} WHERE {key} AND holder = {m}"),
                        (self.session_id, self.holder))


def _row(cur, database: Database, session_id: str) -> tuple | None:
    cur.execute(_sql(database, "SELECT holder, host, pid, since, beat FROM {t} WHERE {key}"), (session_id,))
    return cur.fetchone()


def acquire(database: Database, session_id: str, *, host: str | None = None, pid: int | None = None,
            beat_every: float | None = BEAT) -> SqlChairLock | None:
    """The chair lock of ``session_id``, or None while another live console holds it."""
    host, pid = host or socket.gethostname(), pid or os.getpid()
    holder, now = f"{host}:{pid}", time.time()
    values = (holder, host, pid, datetime.now(UTC).isoformat(timespec="seconds"), now)
    try:
        with database.transaction(write=True) as cur:
            row = _row(cur, database, session_id)
            if row is None:
                cur.execute(_sql(database, "INSERT INTO {t} (holder, host, pid, since, beat, session_id, role) "
                                           "VALUES ({m}, {m}, {m}, {m}, {m}, {m}, 'chair')"), (*values, session_id))
            elif row[0] == holder or _free(row, now, host):
                cur.execute(_sql(database, "UPDATE {t} SET holder = {m}, host = {m}, pid = {m}, "
                                           "since = {m}, beat = {m} WHERE {key} AND holder = {m} AND beat = {m}"),
                            (*values, session_id, row[0], row[4]))
                if cur.rowcount != 1:
                    return None
            else:
                return None
    except database.driver.IntegrityError:  # another console inserted the row first
        return None
    return SqlChairLock(database, session_id, holder, beat_every)


def holder_of(database: Database, session_id: str) -> tuple[str, str] | None:
    """(holder, since) of the live chair lock of ``session_id``, or None if it is free."""
    with database.transaction() as cur:
        row = _row(cur, database, session_id)
    if row is None or _free(row, time.time(), socket.gethostname()):
        return None
    return row[0], row[3]
