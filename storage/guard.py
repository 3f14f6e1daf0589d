"""GuardedStore: a SQL store whose driver failures become clear domain errors.

A server that went away, a full disk, a file locked by another program or a corrupt
file each gets its own message instead of a traceback or endless retries. A
``Conflict`` whose stream did not move was no lost race: the database lock could
not be had before the busy timeout, so another program holds it.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from session.errors import BadInput, Conflict, SessionError, Unavailable
from session.events import Recorded

T = TypeVar("T")


def classify(exc: BaseException, db: str, unsent: Sequence[Recorded] = ()) -> SessionError | None:
    """The domain error a driver failure means, or None when it is not a storage condition we know."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    first = text.splitlines()[0] if text else type(exc).__name__
    if "disk is full" in text or "no space left" in text or "diskfull" in type(getattr(exc, "orig", exc)).__name__.lower():
        return Unavailable("store.disk_full", db=db, unsent=tuple(unsent))
    if "database is locked" in text:
        return Unavailable("store.locked", db=db, unsent=tuple(unsent))
    if "malformed" in text or "not a database" in text:
        return BadInput("store.corrupt", db=db, detail=first)
    if _is_driver_error(exc):
        return Unavailable("store.unavailable", db=db, detail=first, unsent=tuple(unsent))
    return None


def _is_driver_error(exc: BaseException) -> bool:
    if isinstance(exc, sqlite3.Error):
        return True
    wrapped = sys.modules.get("sqlalchemy.exc")  # SQLAlchemy's wrapping can only come from where it was loaded
    if wrapped is not None and isinstance(exc, wrapped.DBAPIError):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(exc, psycopg.Error)


class GuardedStore:
    """The EventStore contract of ``inner``, with storage failures named."""

    def __init__(self, inner, db: str):
        self.inner = inner
        """The store that does the work (``SqlEventStore``)."""
        self.db = db
        """What ``--db`` said, for messages."""
        self._sqlite = getattr(getattr(inner, "database", None), "is_sqlite", False)
        """SQLite writers queue on the lock, so an unmoved conflict there means the lock timed out."""

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def _guard(self, fn: Callable[[], T], unsent: Sequence[Recorded] = ()) -> T:
        try:
            return fn()
        except SessionError:
            raise
        except Exception as exc:
            mapped = classify(exc, self.db, unsent)
            if mapped is None:
                raise
            raise mapped from exc

    def append(self, session_id: str, expected_seq: int, records: Sequence[Recorded]) -> None:
        try:
            self._guard(lambda: self.inner.append(session_id, expected_seq, records), records)
        except Conflict:
            # SQLite writers queue on BEGIN IMMEDIATE: a conflict with the stream unmoved is the lock timing out.
            if self._sqlite and self.last_seq(session_id) == expected_seq:
                raise Unavailable("store.locked", db=self.db, unsent=tuple(records)) from None
            raise

    def load(self, session_id: str, after: int = 0) -> list[Recorded]:
        return self._guard(lambda: self.inner.load(session_id, after))

    def last_seq(self, session_id: str) -> int:
        return self._guard(lambda: self.inner.last_seq(session_id))

    def sessions(self) -> list[str]:
        return self._guard(self.inner.sessions)
