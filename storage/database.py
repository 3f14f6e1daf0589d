"""make_engine(url): SQLite (WAL, synchronous=FULL) or PostgreSQL, with the schema created."""

from __future__ import annotations

import os
import sqlite3

from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session, SQLModel, create_engine

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
    # Writers queue on the database lock instead of failing on upgrade from a read lock.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(db: str) -> Engine:
    """An engine for ``db`` with the schema in place; a bad or newer database raises BadInput."""
    url = database_url(db)
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and os.path.isdir(os.path.dirname(path) or ".") is False:
            raise BadInput("store.no_folder", path=path)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        SQLModel.metadata.create_all(engine)
        _check_version(engine)
    except (DatabaseError, OperationalError) as exc:
        raise BadInput("store.unreadable", db=db, detail=str(exc.orig or exc).splitlines()[0]) from None
    return engine


def _check_version(engine: Engine) -> None:
    with Session(engine) as db:
        row = db.exec(select(MetaRow).where(MetaRow.key == "schema_version")).scalars().first()
        if row is None:
            db.add(MetaRow(key="schema_version", value=str(SCHEMA_VERSION)))
            db.commit()
        elif int(row.value) > SCHEMA_VERSION:
            raise BadInput("store.newer_schema", found=row.value, supported=SCHEMA_VERSION)
