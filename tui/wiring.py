"""The one factory that wires storage to the domain, for the CLI, the screens and the tests."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from session.errors import BadInput, SessionError
from session.events import Recorded
from session.pins import Credentials
from session.ports import ChairLock, EventStore, PinStore
from session.service import Clock, SessionService, utc_now
from tui.i18n import register

register({
    "log.unreadable": ("Sự kiện {seq} (dòng {line}): không đọc được, dòng đã bị sửa ({detail}).",
                       "Event {seq} (line {line}): unreadable, the line was changed ({detail})."),
})


def open_store(db: str, create: bool = True) -> EventStore:
    """The store behind ``--db``: a SQLite path, a SQLAlchemy URL, or ``memory:``.

    With ``create`` false a missing SQLite file is an error instead of a new empty database.
    """
    if db == "memory:":
        from storage.memory_store import InMemoryEventStore

        return InMemoryEventStore()
    if not create and "://" not in db and not Path(db).exists():
        raise BadInput("store.no_session", db=db)
    from storage.database import open_database
    from storage.guard import GuardedStore
    from storage.sql_store import SqlEventStore

    return GuardedStore(SqlEventStore(open_database(db)), db)


def acquire_chair_lock(db, session_id: str) -> ChairLock | None:
    """The chair lock of ``session_id`` on ``db`` (a ``--db`` value or an open SQL store), or None while
    another live console holds it; ``chair_lock_refusal`` says who. Call ``release()`` on closing."""
    if db == "memory:":
        return _SoleLock()  # a memory store lives in one process: there is no second console to refuse
    from storage.locks import acquire

    return acquire(_database(db), session_id)


def chair_lock_refusal(db, session_id: str) -> SessionError:
    """Why a second chair console is read-only: the session and who holds its console since when."""
    from storage.locks import holder_of

    holder, since = holder_of(_database(db), session_id) or ("?", "?")
    return SessionError("lock.chair_held", session=session_id, holder=holder, since=since)


def _database(db):
    # The database of an open SQL store, or the one a ``--db`` value names.
    if hasattr(db, "database"):
        return db.database
    from storage.database import open_database

    return open_database(db)


class _SoleLock:
    """The chair lock of a memory store: always held, nothing to refresh."""

    holder = "memory"

    def beat(self) -> bool:
        return True

    def release(self) -> None:
        return None


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
    """A service on the chosen session of ``db``, checking the members' PINs in the same database.

    The PINs of a headless action come from the environment (never the command line, which others can read)."""
    store = open_store(db, create=False)
    service = SessionService(store, pick_session(store, db, session_id), clock, pins=pin_store(store))
    service.credentials = credentials_from_env()  # headless; a station screen asks and replaces them
    return service


def credentials_from_env() -> Credentials:
    """The PINs a headless action was given: the member's ``TINNHIEM_PIN``, the head's ``TINNHIEM_HEAD_PIN``."""
    import os

    return Credentials(os.environ.get("TINNHIEM_PIN") or None, os.environ.get("TINNHIEM_HEAD_PIN") or None)


def pin_store(store: EventStore) -> PinStore:
    """Where the PIN hashes of ``store``'s sessions live: its own database's ``pins`` table (or memory)."""
    from storage.pins import InMemoryPinStore, SqlPinStore

    database = getattr(store, "database", None)
    if database is not None:
        return SqlPinStore(database)
    if not hasattr(store, "pins"):
        store.pins = InMemoryPinStore()  # type: ignore[attr-defined]  (one memory store, one set of PINs)
    return store.pins  # type: ignore[attr-defined]


def scan_store(store: EventStore):
    """Where the scanned images of ``store``'s sessions live: its own database's ``scans`` table (or memory)."""
    from storage.scans import InMemoryScanStore, SqlScanStore

    database = getattr(store, "database", None)
    if database is not None:
        return SqlScanStore(database)
    if not hasattr(store, "scans"):
        store.scans = InMemoryScanStore()  # type: ignore[attr-defined]  (one memory store, one set of images)
    return store.scans  # type: ignore[attr-defined]


def read_jsonl_prefix(path: str | Path) -> tuple[list[Recorded], BadInput | None]:
    """Events of an exported JSONL log up to its first unreadable line, and the error naming that line.

    A tampered byte may break the JSON or the UTF-8 of a line: the events before it can still be
    checked and replayed, and the line is reported as the first bad event.
    """
    records: list[Recorded] = []
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                records.append(Recorded.from_dict(json.loads(line.decode("utf-8"))))
            except (ValueError, KeyError, TypeError) as exc:
                return records, BadInput("log.unreadable", seq=len(records) + 1, line=number, detail=str(exc))
    return records, None


def read_jsonl(path: str | Path) -> list[Recorded]:
    """Events from an exported JSONL log; an unreadable line raises BadInput naming it."""
    records, error = read_jsonl_prefix(path)
    if error is not None:
        raise error
    return records


def write_jsonl(records: Iterable[Recorded]) -> str:
    """The log as JSONL text, one event per line."""
    return "".join(json.dumps(r.as_dict(), ensure_ascii=False, sort_keys=True) + "\n" for r in records)


def load_log_prefix(source: str, session_id: str | None = None) -> tuple[list[Recorded], BadInput | None]:
    """Like ``read_jsonl_prefix`` for a JSONL file, or every event of a database when ``source`` is not one."""
    if source.endswith(".jsonl") or (Path(source).is_file() and _looks_jsonl(source)):
        return read_jsonl_prefix(source)
    store = open_store(source, create=False)
    return store.load(pick_session(store, source, session_id)), None


def _looks_jsonl(path: str) -> bool:
    # A log's first line is a JSON object; anything else (a damaged SQLite file too) is opened as a database,
    # so its damage is reported as the database's, not as an edited log line.
    with open(path, "rb") as fh:
        return fh.read(1) == b"{"


def load_log(source: str, session_id: str | None = None) -> list[Recorded]:
    """Events from a JSONL file, or from a database when ``source`` is not a .jsonl file."""
    records, error = load_log_prefix(source, session_id)
    if error is not None:
        raise error
    return records


__all__ = ["acquire_chair_lock", "chair_lock_refusal", "open_store", "open_service", "pick_session", "read_jsonl", "read_jsonl_prefix", "write_jsonl", "load_log",
           "load_log_prefix", "SessionError"]
