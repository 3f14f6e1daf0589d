"""make_engine: the SQLite pragmas in force, and clear refusals for a bad, newer or unplaceable database."""

from __future__ import annotations

import os
import random

import pytest
from sqlalchemy import text

from session.errors import BadInput
from storage.database import database_url, make_engine
from storage.models import SCHEMA_VERSION
from storage.sql_store import SqlEventStore


def pragma(engine, name: str):
    with engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_sqlite_pragmas_are_in_force(sqlite_path):
    engine = make_engine(sqlite_path)
    assert str(pragma(engine, "journal_mode")).lower() == "wal"
    assert pragma(engine, "synchronous") == 2  # FULL
    assert pragma(engine, "foreign_keys") == 1
    assert pragma(engine, "busy_timeout") >= 5000
    # Every pooled connection gets them, not only the first one.
    one, two = engine.raw_connection(), engine.raw_connection()
    assert [c.execute("PRAGMA synchronous").fetchone()[0] for c in (one, two)] == [2, 2]
    one.close()
    two.close()


def test_foreign_keys_are_enforced(sqlite_path):
    engine = make_engine(sqlite_path)
    with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as conn:
        conn.execute(text("INSERT INTO events VALUES ('ghost', 1, 't', 1, 'at', '{}', '{}', 'p', 'h')"))


def test_schema_version_is_written(sqlite_path):
    engine = make_engine(sqlite_path)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar() == str(SCHEMA_VERSION)
    make_engine(sqlite_path)  # reopening the same version is fine


def test_newer_schema_is_refused(sqlite_path):
    engine = make_engine(sqlite_path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(SCHEMA_VERSION + 1)})
    engine.dispose()
    with pytest.raises(BadInput) as caught:
        make_engine(sqlite_path)
    assert caught.value.key == "store.newer_schema"
    assert str(SCHEMA_VERSION + 1) in caught.value.message("en")


def test_corrupt_file_is_refused_naming_it(tmp_path):
    path = tmp_path / "hỏng.db"
    path.write_bytes(random.Random(7).randbytes(8192))
    with pytest.raises(BadInput) as caught:
        make_engine(str(path))
    assert caught.value.key == "store.unreadable"
    assert str(path) in caught.value.message("vi")
    assert str(path) in caught.value.message("en")


def test_a_text_file_is_refused_too(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("không phải cơ sở dữ liệu\n" * 100, encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        make_engine(str(path))
    assert caught.value.key == "store.unreadable"


def test_missing_folder_is_refused(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "t.db"
    with pytest.raises(BadInput) as caught:
        make_engine(str(path))
    assert caught.value.key == "store.no_folder"
    assert str(path) in caught.value.message("en")
    assert not (tmp_path / "no").exists()


def test_a_folder_as_the_database_is_refused(tmp_path):
    with pytest.raises(BadInput) as caught:
        make_engine(str(tmp_path))
    assert caught.value.key == "store.unreadable"


@pytest.mark.parametrize("form", ["path", "relative", "url", "driver_url"])
def test_the_folder_check_accepts_every_way_of_naming_a_file(tmp_path, monkeypatch, form):
    monkeypatch.chdir(tmp_path)
    db = {"path": str(tmp_path / "a.db"), "relative": "a.db", "url": f"sqlite:///{tmp_path / 'a.db'}",
          "driver_url": f"sqlite+pysqlite:///{tmp_path / 'a.db'}"}[form]
    SqlEventStore(make_engine(db)).sessions()
    assert os.path.exists(tmp_path / "a.db")


def test_an_in_memory_url_is_accepted():
    assert SqlEventStore(make_engine("sqlite://")).sessions() == []


def test_database_url():
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("x.db") == f"sqlite:///{os.path.abspath('x.db')}"
