"""SqlEventStore: the EventStore contract on SQLite or PostgreSQL, one transaction per append.

The hot path (one ballot = one append and one catch-up read) talks to the driver
directly: fixed SQL strings, no statement building or ORM objects per call, through
``Database.transaction`` (one connection per thread on SQLite, the pinged pool on
PostgreSQL). The tables themselves are declared in ``storage.models``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from session.errors import Conflict
from session.events import Recorded
from storage.database import Database
from storage.tables import EVENTS as _EVENTS
from storage.tables import SESSIONS as _SESSIONS

_COLUMNS = "seq, type, version, at, actor, payload, prev_hash, hash"


class SqlEventStore:
    """Events in the ``events`` table; a duplicate (session, seq) or a moved stream becomes a Conflict."""

    def __init__(self, database: Database):
        self.database = database
        """Where the events live (from ``storage.database.open_database``)."""
        self._errors = (database.driver.IntegrityError, database.driver.OperationalError)
        """The driver's errors that mean another writer got there first (or holds the lock)."""
        mark = database.mark
        marks = ", ".join([mark] * 9)
        self._sql_last = f"SELECT max(seq) FROM {_EVENTS} WHERE session_id = {mark}"
        """Highest seq of a session."""
        self._sql_load = f"SELECT {_COLUMNS} FROM {_EVENTS} WHERE session_id = {mark} AND seq > {mark} ORDER BY seq"
        """A session's events after a seq."""
        self._sql_insert = f"INSERT INTO {_EVENTS} (session_id, {_COLUMNS}) VALUES ({marks})"
        """One event row."""
        self._sql_session = f"INSERT INTO {_SESSIONS} (id, created_at, title) VALUES ({mark}, {mark}, {mark})"
        """The session row, with the first event."""

    def close(self) -> None:
        """Close this thread's SQLite connection (the PostgreSQL pool is ``database.dispose()``'s)."""
        self.database.close()

    def append(self, session_id: str, expected_seq: int, records: Sequence[Recorded]) -> None:
        rows = [(session_id, r.seq, r.type, r.version, r.at, json.dumps(r.actor, ensure_ascii=False),
                 json.dumps(r.payload, ensure_ascii=False), r.prev_hash, r.hash) for r in records]
        try:
            with self.database.transaction(write=True) as cur:
                cur.execute(self._sql_last, (session_id,))
                if (cur.fetchone()[0] or 0) != expected_seq:
                    raise Conflict("store.conflict", seq=expected_seq + 1)
                if expected_seq == 0:
                    title = records[0].payload.get("conference", {}).get("conference", {}).get("title", "")
                    cur.execute(self._sql_session, (session_id, records[0].at, title))
                # Two PostgreSQL writers may both pass the check above; the primary key stops the second.
                cur.executemany(self._sql_insert, rows)
        except self._errors as exc:
            if isinstance(exc, self._errors[1]) and not _lost_race(exc):
                raise
            raise Conflict("store.conflict", seq=expected_seq + 1) from None

    def load(self, session_id: str, after: int = 0) -> list[Recorded]:
        loads = _loads
        # A log has a handful of actors on thousands of events: each actor's text is read once, and its records
        # share the (never changed) dict.
        actors: dict[str, dict[str, str]] = {}
        with self.database.transaction() as cur:
            cur.execute(self._sql_load, (session_id, after))
            return [Recorded(seq, type_, version, at, actors.get(actor) or actors.setdefault(actor, loads(actor)),
                             loads(payload), prev, hash_)
                    for seq, type_, version, at, actor, payload, prev, hash_ in cur.fetchall()]

    def last_seq(self, session_id: str) -> int:
        with self.database.transaction() as cur:
            cur.execute(self._sql_last, (session_id,))
            return cur.fetchone()[0] or 0

    def sessions(self) -> list[str]:
        with self.database.transaction() as cur:
            cur.execute(f"SELECT id FROM {_SESSIONS} ORDER BY created_at, id")
            return [row[0] for row in cur.fetchall()]


_scan = json.JSONDecoder().scan_once


def _loads(text: str) -> Any:
    """``json.loads`` of a stored text: the C scanner alone when the text is one JSON value and nothing more, as
    the store writes it (``json.loads`` adds a Python wrapper and two whitespace scans to every text); anything
    else goes to ``json.loads``, which reads it or says what is wrong."""
    try:
        value, end = _scan(text, 0)
    except (StopIteration, TypeError):
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


def _lost_race(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "serializ" in text or "deadlock" in text
