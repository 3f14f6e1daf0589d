"""Fixtures: a fixed clock, the stores (memory, SQLite, PostgreSQL) and services on them."""

from __future__ import annotations

import os
import uuid

import pytest
from hypothesis import settings

from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, sample_data

# Properties are about correctness, not speed: a loaded CI machine must not fail them on time.
settings.register_profile("tinnhiem", deadline=None)
settings.load_profile("tinnhiem")

PG_URL = os.environ.get("TINNHIEM_PG_URL")
"""Set by .ci/postgres.sh when a PostgreSQL server runs on loopback."""


MEMBER_PIN = "2468"
"""The PIN every counting-team member sets by their first station action in tests (``TINNHIEM_PIN``)."""


@pytest.fixture(autouse=True)
def member_pin(monkeypatch) -> str:
    """Headless station actions (in this process and in the ones it starts) carry the members' PIN."""
    monkeypatch.setenv("TINNHIEM_PIN", MEMBER_PIN)
    monkeypatch.delenv("TINNHIEM_HEAD_PIN", raising=False)
    return MEMBER_PIN


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture(scope="session")
def pg_url():
    """URL of a fresh PostgreSQL database for this test run, dropped at the end."""
    if not PG_URL:
        pytest.skip("PostgreSQL not available: TINNHIEM_PG_URL is unset (run the tests through .ci/test to start one)")
    from sqlalchemy import create_engine, text

    name = f"tinnhiem_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


def _pg_store(url: str):
    from storage.database import open_database
    from storage.sql_store import SqlEventStore

    database = open_database(url)
    with database.transaction(write=True) as cur:
        cur.execute("DELETE FROM events")
        cur.execute("DELETE FROM sessions")
    return SqlEventStore(database)


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request, tmp_path):
    """Each EventStore implementation in turn."""
    if request.param == "memory":
        return InMemoryEventStore()
    if request.param == "sqlite":
        from storage.database import open_database
        from storage.sql_store import SqlEventStore

        return SqlEventStore(open_database(str(tmp_path / "t.db")))
    return _pg_store(request.getfixturevalue("pg_url"))


@pytest.fixture
def memory_store() -> InMemoryEventStore:
    return InMemoryEventStore()


@pytest.fixture
def sqlite_path(tmp_path) -> str:
    return str(tmp_path / f"{uuid.uuid4().hex[:6]}.db")


@pytest.fixture
def sample_service(memory_store, clock) -> SessionService:
    """A new session of the sample conference on the memory store."""
    return SessionService.create(memory_store, sample_data(), clock=clock, session_id="sample", launch_code="111-222-333")
