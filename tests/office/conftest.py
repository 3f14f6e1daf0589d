"""The sample conference walked through the command line to its close, shared read-only by the office's tests."""

from __future__ import annotations

import pytest

from tests.cli.support import SAMPLE, cli, script


@pytest.fixture(scope="session")
def closed_db(tmp_path_factory) -> str:
    """The sample conference counted, signed, announced and sealed."""
    db = str(tmp_path_factory.mktemp("office") / "s.db")
    assert cli("new", SAMPLE, "--db", db).code == 0
    run = cli("do", "--db", db, "--script", "-", stdin=script())
    assert run.code == 0, run.text
    return db
