"""Sessions built once through the command line and shared by the CLI tests that only read them."""

from __future__ import annotations

import pytest

from tests.cli.support import SAMPLE, cli, script


def new_session(folder, name: str = "s.db") -> str:
    """A new session of the shared example in ``folder``; returns its --db."""
    db = str(folder / name)
    run = cli("new", SAMPLE, "--db", db)
    assert run.code == 0, run.text
    return db


def session_at(folder, step: str | None, name: str = "s.db") -> str:
    """A session of the shared example driven by ``do --script`` up to ``step`` (None: to the end)."""
    db = new_session(folder, name)
    run = cli("do", "--db", db, "--script", "-", stdin=script(step))
    assert run.code == 0, run.text
    return db


@pytest.fixture(scope="session")
def closed_db(tmp_path_factory) -> str:
    """The sample conference run from `prepared` to `closed` with the known ballots; read-only for tests."""
    return session_at(tmp_path_factory.mktemp("closed"), None)


@pytest.fixture(scope="session")
def closed_log(closed_db, tmp_path_factory):
    """The exported log of ``closed_db`` as a file; read-only for tests."""
    run = cli("export", "--db", closed_db)
    assert run.code == 0, run.text
    path = tmp_path_factory.mktemp("log") / "log.jsonl"
    path.write_text(run.out, encoding="utf-8")
    return path


@pytest.fixture
def fresh_db(tmp_path) -> str:
    """A new session in `prepared`."""
    return new_session(tmp_path)
