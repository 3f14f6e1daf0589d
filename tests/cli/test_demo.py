"""`tinnhiem demo` from the command line: the sample session in a SQLite file under the user's data folder."""

from __future__ import annotations

import json

import pytest

from tests.cli.support import cli


@pytest.fixture
def opened(monkeypatch, tmp_path):
    """The data folder moved under tmp_path; the chair console replaced by a recorder of what it was asked to open."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    calls: list[tuple] = []
    import tui.screens_entry

    monkeypatch.setattr(tui.screens_entry, "open_chair", lambda db, session, lang: calls.append((db, session, lang)) or 0)
    return calls


def _sessions(db: str) -> int:
    from tui.wiring import open_store

    return len(open_store(db, create=False).sessions())


def test_demo_creates_the_sample_session_in_the_data_folder(opened, tmp_path):
    run = cli("demo")
    assert run.code == 0, run.text
    db = tmp_path / "data" / "tinnhiem" / "demo.db"
    assert opened == [(str(db), None, "vi")]
    status = cli("do", "--db", db, "status", "--format", "json")
    assert json.loads(status.out) == {"step": "prepared", "allowed": ["next"]}
    results = json.loads(cli("results", "--db", db, "--format", "json").out)
    assert [p["id"] for p in results["persons"]] == ["p1", "p2"] and results["convened"] == 12


def test_demo_keeps_its_session_unless_fresh(opened, tmp_path):
    cli("demo")
    db = str(tmp_path / "data" / "tinnhiem" / "demo.db")
    cli("do", "--db", db, "next")
    assert cli("--lang", "en", "demo").code == 0 and opened[-1][2] == "en"
    assert (_sessions(db), json.loads(cli("do", "--db", db, "status", "--format", "json").out)["step"]) == (1, "roll_call")
    assert cli("demo", "--fresh").code == 0
    assert _sessions(db) == 2
    assert json.loads(cli("do", "--db", db, "status", "--format", "json").out)["step"] == "prepared"


def test_demo_in_a_given_file(opened, tmp_path):
    assert cli("demo", "--db", tmp_path / "mine.db").code == 0
    assert opened == [(str(tmp_path / "mine.db"), None, "vi")]
