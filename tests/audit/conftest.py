"""Logs and databases for the audit tests: a finished sample session on SQLite and its JSONL export."""

from __future__ import annotations

from pathlib import Path

import pytest

from session.service import SessionService
from tests.scenarios import FixedClock, drive_to_counting, enter, finish, sample_data
from tui.wiring import open_store, write_jsonl

BALLOTS = ["11", "12", "21", "13", "x1", "22", "!not_issued", "33", "1-", "10", "23", "11"]
"""Twelve ballots for the sample conference (two persons on the ballot)."""


def finished_session(db: str, session_id: str, launch_code: str) -> SessionService:
    """The sample conference run to ``closed`` in ``db``."""
    service = SessionService.create(open_store(db), sample_data(), clock=FixedClock(), session_id=session_id,
                                    launch_code=launch_code)
    drive_to_counting(service)
    enter(service, BALLOTS)
    return finish(service)


@pytest.fixture
def sample_db(tmp_path) -> str:
    """A SQLite file holding one finished sample session."""
    db = str(tmp_path / "sample.db")
    finished_session(db, "sample", "111-222-333")
    return db


@pytest.fixture
def sample_log(sample_db, tmp_path) -> Path:
    """The finished sample session exported as JSONL."""
    path = tmp_path / "sample.jsonl"
    path.write_text(write_jsonl(open_store(sample_db).load("sample")), encoding="utf-8")
    return path
