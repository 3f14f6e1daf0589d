"""A session of the sample conference walked through the command line to its minutes, shared read-only."""

from __future__ import annotations

import pytest

from tests.cli.support import SAMPLE, cli, script


@pytest.fixture(scope="session")
def minutes_db(tmp_path_factory) -> str:
    """The sample conference with every ballot counted and the minutes signed (step `announcing`)."""
    db = str(tmp_path_factory.mktemp("docs") / "s.db")
    assert cli("new", SAMPLE, "--db", db).code == 0
    run = cli("do", "--db", db, "--script", "-", stdin=script("announcing"))
    assert run.code == 0, run.text
    return db


@pytest.fixture(scope="session")
def minutes_file(minutes_db, tmp_path_factory):
    """The minutes PDF of ``minutes_db`` as printed by ``tinnhiem print minutes``."""
    path = tmp_path_factory.mktemp("print") / "bien-ban.pdf"
    run = cli("print", "minutes", "--db", minutes_db, "-o", path)
    assert run.code == 0, run.text
    return path
