"""open_database: the SQLite pragmas in force, and clear refusals for a bad, newer or unplaceable database."""

from __future__ import annotations

import os
import random
import threading

import pytest

from session.errors import BadInput
from storage.database import BUSY_TIMEOUT_MS, database_url, open_database
from storage.models import SCHEMA_VERSION
from storage.sql_store import SqlEventStore


def pragma(database, name: str):
    with database.transaction() as cur:
        return cur.execute(f"PRAGMA {name}").fetchone()[0]


def test_sqlite_pragmas_are_in_force(sqlite_path):
    open_database(sqlite_path)  # creates the file and its schema
    database = open_database(sqlite_path)  # an existing file: plain sqlite3 connections
    assert database.is_sqlite and database._engine is None, "no SQLAlchemy engine to open an existing file"
    assert str(pragma(database, "journal_mode")).lower() == "wal"
    assert pragma(database, "synchronous") == 2  # FULL
    assert pragma(database, "foreign_keys") == 1
    # Long enough for writers queueing on each other's commits, short enough to say "locked" quickly.
    assert pragma(database, "busy_timeout") == BUSY_TIMEOUT_MS and 1000 <= BUSY_TIMEOUT_MS <= 5000
    assert database.raw().isolation_level is None, "autocommit: BEGIN IMMEDIATE is ours"
    # Every thread's connection gets them, and so does the engine's (schema creation).
    other: list = []
    thread = threading.Thread(target=lambda: other.append((database.raw(), pragma(database, "synchronous"))))
    thread.start()
    thread.join()
    assert other[0][0] is not database.raw() and other[0][1] == 2
    raw = database.engine.raw_connection()
    assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2
    raw.close()
    database.dispose()


def test_foreign_keys_are_enforced(sqlite_path):
    database = open_database(sqlite_path)
    with pytest.raises(Exception, match="FOREIGN KEY"), database.transaction(write=True) as cur:
        cur.execute("INSERT INTO events VALUES ('ghost', 1, 't', 1, 'at', '{}', '{}', 'p', 'h')")


def test_schema_version_is_written(sqlite_path):
    database = open_database(sqlite_path)
    with database.transaction() as cur:
        assert cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    open_database(sqlite_path)  # reopening the same version is fine


def test_a_missing_table_is_created_on_opening(sqlite_path):
    database = open_database(sqlite_path)
    with database.transaction(write=True) as cur:  # a file from before the chair locks were in the schema
        cur.execute("DROP TABLE locks")
    database.dispose()
    with open_database(sqlite_path).transaction() as cur:
        assert cur.execute("SELECT count(*) FROM locks").fetchone()[0] == 0


def test_newer_schema_is_refused(sqlite_path):
    database = open_database(sqlite_path)
    with database.transaction(write=True) as cur:
        cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    database.dispose()
    with pytest.raises(BadInput) as caught:
        open_database(sqlite_path)
    assert caught.value.key == "store.newer_schema"
    assert str(SCHEMA_VERSION + 1) in caught.value.message("en")


def test_corrupt_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "hỏng.db"
    path.write_bytes(random.Random(7).randbytes(8192))
    with pytest.raises(BadInput) as caught:
        open_database(str(path))
    assert caught.value.key == "store.unreadable"
    assert str(path) in caught.value.message("vi")
    assert str(path) in caught.value.message("en")


def test_a_text_file_is_refused_too(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("không phải cơ sở dữ liệu\n" * 100, encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        open_database(str(path))
    assert caught.value.key == "store.unreadable"


def test_missing_folder_is_refused(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "t.db"
    with pytest.raises(BadInput) as caught:
        open_database(str(path))
    assert caught.value.key == "store.no_folder"
    assert str(path) in caught.value.message("en")
    assert not (tmp_path / "no").exists()


def test_a_folder_as_the_database_is_refused(tmp_path):
    with pytest.raises(BadInput) as caught:
        open_database(str(tmp_path))
    assert caught.value.key == "store.unreadable"


@pytest.mark.parametrize("form", ["path", "relative", "url", "driver_url"])
def test_the_folder_check_accepts_every_way_of_naming_a_file(tmp_path, monkeypatch, form):
    monkeypatch.chdir(tmp_path)
    db = {"path": str(tmp_path / "a.db"), "relative": "a.db", "url": f"sqlite:///{tmp_path / 'a.db'}",
          "driver_url": f"sqlite+pysqlite:///{tmp_path / 'a.db'}"}[form]
    SqlEventStore(open_database(db)).sessions()
    assert os.path.exists(tmp_path / "a.db")


def test_an_in_memory_url_is_accepted():
    assert SqlEventStore(open_database("sqlite://")).sessions() == []


def test_database_url():
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("x.db") == f"sqlite:///{os.path.abspath('x.db')}"


def test_the_names_the_plain_sql_uses_are_the_models_tables():
    from storage.models import EventRow, LockRow, MetaRow, PinRow, ScanRow, SessionRow
    from storage.tables import TABLES

    assert {m.__tablename__ for m in (MetaRow, SessionRow, EventRow, LockRow, PinRow, ScanRow)} == TABLES
    assert set(MetaRow.metadata.tables) == TABLES, "every table the schema creates is checked on opening"
