"""The one factory that wires storage to the domain, for the CLI, the screens and the tests."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from session.errors import BadInput, SessionError
from session.events import Recorded
from session.ports import EventStore
from session.service import Clock, SessionService, utc_now


def open_store(db: str) -> EventStore:
    """The store behind ``--db``: a SQLite path, a SQLAlchemy URL, or ``memory:``."""
    if db == "memory:":
        from storage.memory_store import InMemoryEventStore

        return InMemoryEventStore()
    from storage.database import make_engine
    from storage.sql_store import SqlEventStore

    return SqlEventStore(make_engine(db))


def pick_session(store: EventStore, db: str, session_id: str | None = None) -> str:
    """The session to work on: the one named, else the newest in the store."""
    known = store.sessions()
    if not known:
        raise BadInput("store.no_session", db=db)
    if session_id is None:
        return known[-1]
    if session_id not in known:
        raise BadInput("store.unknown_session", id=session_id, known=", ".join(known))
    return session_id


def open_service(db: str, session_id: str | None = None, clock: Clock = utc_now) -> SessionService:
    """A service on the chosen session of ``db``."""
    store = open_store(db)
    return SessionService(store, pick_session(store, db, session_id), clock)


def read_jsonl(path: str | Path) -> list[Recorded]:
    """Events from an exported JSONL log; an unreadable line raises BadInput naming it."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(Recorded.from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError) as exc:
                raise BadInput("log.bad_json", seq=number, detail=str(exc)) from None
    return records


def write_jsonl(records: Iterable[Recorded]) -> str:
    """The log as JSONL text, one event per line."""
    return "".join(json.dumps(r.as_dict(), ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def load_log(source: str, session_id: str | None = None) -> list[Recorded]:
    """Events from a JSONL file, or from a database when ``source`` is not a .jsonl file."""
    if source.endswith(".jsonl") or (Path(source).is_file() and not _looks_sqlite(source)):
        return read_jsonl(source)
    store = open_store(source)
    return store.load(pick_session(store, source, session_id))


def _looks_sqlite(path: str) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


__all__ = ["open_store", "open_service", "pick_session", "read_jsonl", "write_jsonl", "load_log", "SessionError"]
