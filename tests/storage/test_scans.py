"""The scanned images' store: one contract on memory, SQLite and PostgreSQL, and a database made before it."""

from __future__ import annotations

import sqlite3

import pytest

from session.errors import BadInput
from storage.scans import InMemoryScanStore, SqlScanStore, digest
from tests.conftest import _pg_store

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
"""Some bytes that are not text: a scan is stored as written."""


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def scans(request, tmp_path):
    """Each scan store in turn."""
    if request.param == "memory":
        return InMemoryScanStore()
    if request.param == "sqlite":
        from storage.database import open_database

        return SqlScanStore(open_database(str(tmp_path / "t.db")))
    store = _pg_store(request.getfixturevalue("pg_url"))
    with store.database.transaction(write=True) as cur:
        cur.execute("DELETE FROM scans")
    return SqlScanStore(store.database)


def test_an_image_comes_back_as_it_went_in_under_its_digest(scans):
    sha = scans.put("s", "b001.png", PNG)
    assert sha == digest(PNG)
    found = scans.get("s", sha)
    assert (found.sha256, found.name, found.data) == (sha, "b001.png", PNG)
    assert scans.get("other", sha) is None and scans.get("s", "0" * 64) is None


def test_keeping_an_image_twice_keeps_it_once_under_its_first_name(scans):
    first = scans.put("s", "a.png", PNG)
    assert scans.put("s", "again.png", PNG) == first
    scans.put("s", "b.png", PNG[:100])
    assert scans.names("s") == [(first, "a.png"), (digest(PNG[:100]), "b.png")]


def test_an_image_changed_in_the_database_is_refused_by_name(tmp_path):
    from storage.database import open_database

    path = tmp_path / "t.db"
    store = SqlScanStore(open_database(str(path)))
    sha = store.put("s", "b001.png", PNG)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE scans SET data = ? WHERE sha256 = ?", (PNG[:-1] + b"!", sha))
    with pytest.raises(BadInput) as info:
        store.get("s", sha)
    assert info.value.key == "scan.image_changed" and "b001.png" in info.value.message("en")


def test_a_database_made_before_scans_gets_the_table_and_keeps_its_log(tmp_path):
    from storage.database import open_database
    from storage.sql_store import SqlEventStore
    from tests.storage.test_contract import chain

    path = tmp_path / "old.db"
    SqlEventStore(open_database(str(path))).append("s1", 0, chain("s1", 3))
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE scans")
    database = open_database(str(path))
    assert [r.seq for r in SqlEventStore(database).load("s1")] == [1, 2, 3]
    assert SqlScanStore(database).put("s1", "x.png", PNG) == digest(PNG)
