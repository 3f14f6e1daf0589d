"""open_database(db): a SQLite file through the standard library's sqlite3, or PostgreSQL through SQLAlchemy.

Opening an existing SQLite file imports no SQLAlchemy: the connections are plain sqlite3
ones with the pragmas set here, and the version is read with plain SQL. The schema is
declared once, in ``storage.models`` (SQLModel), and created through it only when a
database lacks it. PostgreSQL connections come from the SQLAlchemy engine's pool, which
pings them first.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from session.errors import BadInput
from storage.tables import META, SCHEMA_VERSION, TABLES

_LIST_TABLES = {True: "SELECT name FROM sqlite_master WHERE type = 'table'",
                False: "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"}
"""The tables present, by ``is_sqlite``."""


def database_url(db: str) -> str:
    """A URL for ``--db``: a URL as given, or a file path meaning SQLite."""
    if "://" in db:
        return db
    return f"sqlite:///{os.path.abspath(db)}"


BUSY_TIMEOUT_MS = 5000
"""How long a SQLite writer waits for the write lock: others' commits take milliseconds, so a lock still held
after this is another program's, and the person is told so (store.locked) instead of waiting on."""


PG_CONNECT_TIMEOUT_S = 5
"""How long a PostgreSQL connection attempt waits for the server: a machine gone off the network drops packets,
and without a bound each attempt (a station's retry every 2 s) would hang for minutes."""


def _sqlite_pragmas(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")


def _sqlite_target(url: str) -> tuple[str, bool]:
    # sqlite:///a.db is relative, sqlite:////a.db absolute, sqlite:// in memory (SQLAlchemy's forms).
    rest = url.split("://", 1)[1]
    path, _, query = (rest[1:] if rest.startswith("/") else rest).partition("?")
    uri = path.startswith("file:")
    return (f"{path}?{query}" if uri and query else path) or ":memory:", uri


class Database:
    """One database behind ``--db``: its DB-API connections, SQL parameter marker and driver errors."""

    def __init__(self, url: str):
        self.url = url
        """The SQLAlchemy form of the URL."""
        self.is_sqlite = url.split(":", 1)[0].split("+", 1)[0] == "sqlite"
        """SQLite takes its write lock up front (BEGIN IMMEDIATE) and keeps one connection per thread."""
        self._engine: Any = None
        """The SQLAlchemy engine once ``engine`` built it."""
        self._local = threading.local()
        """This thread's own SQLite connection, and the process that opened it."""
        self._target, self._uri = _sqlite_target(url) if self.is_sqlite else ("", False)
        """What ``sqlite3.connect`` opens, and whether it is a ``file:`` URI."""
        self._memory: sqlite3.Connection | None = None
        """The one connection of an in-memory SQLite database (another would be another database)."""
        self.driver: Any = sqlite3 if self.is_sqlite else self.engine.dialect.loaded_dbapi
        """The DB-API module: its ``IntegrityError``, ``OperationalError`` and ``DatabaseError``."""
        self.mark = "?" if self.driver.paramstyle == "qmark" else "%s"
        """The driver's parameter marker, for SQL written by hand."""

    @property
    def engine(self) -> Any:
        """The SQLAlchemy engine, built on first use: PostgreSQL's pool; on SQLite only to create the schema."""
        if self._engine is None:
            from sqlalchemy import event
            from sqlmodel import create_engine

            if self.is_sqlite:  # same connections and pragmas as raw(); SQLAlchemy's transactions take the lock first
                self._engine = create_engine(self.url, creator=self.connect)
                event.listen(self._engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
            else:
                # A connect_timeout written in the URL wins over ours.
                self._engine = create_engine(self.url, pool_pre_ping=True,
                                             connect_args={} if "connect_timeout=" in self.url
                                             else {"connect_timeout": PG_CONNECT_TIMEOUT_S})
        return self._engine

    def connect(self) -> sqlite3.Connection:
        """A new SQLite connection with the pragmas every one must have."""
        if self._target == ":memory:" and self._memory is not None:
            return self._memory
        # Autocommit mode: the driver opens no transaction of its own, so BEGIN IMMEDIATE is ours.
        conn = sqlite3.connect(self._target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                               check_same_thread=False, uri=self._uri)
        try:
            _sqlite_pragmas(conn)
        except BaseException:
            conn.close()
            raise
        if self._target == ":memory:":
            self._memory = conn
        return conn

    def raw(self) -> Any:
        """A DB-API connection: on SQLite this thread's own, kept, and never reused after a fork;
        on PostgreSQL one from the pool, to ``close()`` back into it."""
        if not self.is_sqlite:
            return self.engine.raw_connection()
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.raw, local.pid = self.connect(), os.getpid()
        return local.raw

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Any]:
        """A cursor in one transaction: committed on the way out, rolled back if unfinished."""
        raw = self.raw()
        cur = raw.cursor()
        try:
            if write and self.is_sqlite:  # writers queue on the lock instead of failing to upgrade a read lock
                cur.execute("BEGIN IMMEDIATE")
            yield cur
            raw.commit()
        except BaseException:
            raw.rollback()
            raise
        finally:
            cur.close()
            if not self.is_sqlite:
                raw.close()  # back to the pool

    def close(self) -> None:
        """Close this thread's SQLite connection (it is reopened on next use)."""
        if getattr(self._local, "pid", None) == os.getpid() and self._local.raw is not self._memory:
            self._local.raw.close()
        self._local = threading.local()

    def dispose(self) -> None:
        """Close this thread's SQLite connection and the engine's pool, if one was built."""
        self.close()
        if self._engine is not None:
            self._engine.dispose()


def open_database(db: str) -> Database:
    """The database behind ``db`` with the schema in place; a bad, newer or locked database raises BadInput."""
    database = Database(database_url(db))
    path = database._target
    # Refuse early: SQLite would only say "unable to open database file".
    if database.is_sqlite and path != ":memory:" and not database._uri:
        if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            raise BadInput("store.no_folder", path=path)
    try:
        if not _schema_ready(database):
            _create_schema(database.engine)
    except BadInput:
        database.dispose()
        raise
    except _failures(database) as exc:
        database.dispose()
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        if "database is locked" in detail:  # another program holds the file's lock past the busy timeout
            raise BadInput("store.locked", db=db) from None
        raise BadInput("store.unreadable", db=db, detail=detail) from None
    return database


def _failures(database: Database) -> tuple[type[BaseException], ...]:
    # SQLAlchemy wraps the driver's errors, but only where it was used (creating the schema, PostgreSQL).
    wrapped = sys.modules.get("sqlalchemy.exc")
    return (database.driver.DatabaseError,) + ((wrapped.DBAPIError,) if wrapped else ())


def _refuse_newer(version: str) -> None:
    if int(version) > SCHEMA_VERSION:
        raise BadInput("store.newer_schema", found=version, supported=SCHEMA_VERSION)


def _schema_ready(database: Database) -> bool:
    # Plain SQL on either driver: the version is read before anything touches the schema. Under the
    # write lock, as the schema creation would take it: a file another program keeps locked is named at once.
    with database.transaction(write=True) as cur:
        cur.execute(_LIST_TABLES[database.is_sqlite])
        present = {row[0] for row in cur.fetchall()}
        row = None
        if META in present:
            cur.execute(f"SELECT value FROM {META} WHERE key = {database.mark}", ("schema_version",))
            row = cur.fetchone()
    if row is not None:
        _refuse_newer(row[0])
    return row is not None and present >= TABLES


def _create_schema(engine: Any) -> None:
    # A new database (or one missing a table): SQLModel creates what is missing, under a lock so two
    # programs opening it at once take turns, and the version is checked again under that lock.
    from sqlalchemy import insert, inspect, select
    from sqlmodel import SQLModel

    from storage.models import MetaRow

    meta = MetaRow.__table__
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242017)")
        row = None
        if inspect(conn).has_table(meta.name):
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
        if row is not None:
            _refuse_newer(row[0])
        SQLModel.metadata.create_all(conn)
        if row is None:
            conn.execute(insert(meta), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
