"""make_engine(url): SQLite (WAL, synchronous=FULL) or PostgreSQL, with the schema created."""

from __future__ import annotations

import os
import sqlite3

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import SQLModel, create_engine

from session.errors import BadInput
from storage.models import SCHEMA_VERSION, MetaRow


def database_url(db: str) -> str:
    """A URL for ``--db``: a URL as given, or a file path meaning SQLite."""
    if "://" in db:
        return db
    return f"sqlite:///{os.path.abspath(db)}"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # Take transaction control from the driver so BEGIN IMMEDIATE below is ours.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn) -> None:
    # Writers queue on the database lock instead of failing on upgrade from a read lock;
    # schema creation by two processes opening a new file at once is serialised too.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(db: str) -> Engine:
    """An engine for ``db`` with the schema in place; a bad or newer database raises BadInput."""
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite":
        path = url.database or ""
        # Refuse early: SQLite would only say "unable to open database file".
        if path and path != ":memory:" and not path.startswith("file:"):
            if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
                raise BadInput("store.no_folder", path=path)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        with engine.begin() as conn:
            _check_version(conn)
    except (DatabaseError, OperationalError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        if "database is locked" in detail:  # another program holds the file's lock past the busy timeout
            raise BadInput("store.locked", db=db) from None
        raise BadInput("store.unreadable", db=db, detail=detail) from None
    except BadInput:
        engine.dispose()
        raise
    return engine


def _check_version(conn: Connection) -> None:
    # Read the version before touching the schema: a newer database is left exactly as it is.
    meta = MetaRow.__table__
    if conn.dialect.name == "postgresql":  # two programs creating the schema at once take turns
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242017)")
    row = None
    if inspect(conn).has_table(meta.name):
        row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    if row is not None and int(row[0]) > SCHEMA_VERSION:
        raise BadInput("store.newer_schema", found=row[0], supported=SCHEMA_VERSION)
    SQLModel.metadata.create_all(conn)
    if row is None:
        conn.execute(insert(meta), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])
