"""An edited database under every reader: ``UPDATE events SET payload=…`` with sqlite3 alone.

The stored hash no longer matches the row. Every command that reads the log names that seq and
exits 4; a console that is open turns red and read-only when a forged event arrives.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from session.commands import Advance
from session.errors import TamperDetected
from session.service import SessionService
from tests.audit import forger
from tui.cli import main
from tui.wiring import open_service, open_store


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def edited_db(sample_db) -> tuple[str, int]:
    """The sample session with one ballot's marks changed in place; returns the db and that seq."""
    rows = forger.db_rows(sample_db, "sample")
    ballot = next(r for r in rows if r["type"] == "ballot_recorded" and r["payload"]["marks"] == "12")
    forger.db_edit_payload(sample_db, "sample", ballot["seq"], dict(ballot["payload"], marks="11"))
    return sample_db, ballot["seq"]


READERS = {
    "results": ["results", "--format", "json"],
    "print minutes (text)": ["print", "minutes", "--format", "text"],
    "print minutes (pdf)": ["print", "minutes", "-o", "{tmp}/m.pdf"],
    "print ballots": ["print", "ballots", "-o", "{tmp}/b.pdf"],
    "archive": ["archive", "-o", "{tmp}/a.zip"],
    "verify": ["verify"],
    "replay": ["replay", "--format", "json"],
    "do status": ["do", "status"],
}


@pytest.mark.parametrize("reader", READERS)
def test_every_command_line_reader_exits_4_naming_the_edited_seq(reader, edited_db, tmp_path, capsys):
    db, seq = edited_db
    argv = [word.format(tmp=tmp_path) for word in READERS[reader]]
    code, said = run(capsys, "--lang", "en", argv[0], "--db", db, *argv[1:])
    assert code == 4, said
    assert f"Event {seq}" in said and "hash mismatch" in said
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob("*.zip")), "nothing is written from a broken log"


def test_the_screens_refuse_to_open_the_edited_log_as_if_it_were_sound(edited_db):
    db, seq = edited_db
    with pytest.raises(TamperDetected) as caught:
        open_service(db)
    assert caught.value.seq == seq and f"Event {seq}" in caught.value.message("en")


async def test_an_edited_log_opens_as_the_red_read_only_screen(edited_db):
    from tui.screens.tampered import TamperedApp, TamperedScreen

    db, seq = edited_db
    with pytest.raises(TamperDetected) as caught:
        open_service(db)
    app = TamperedApp(caught.value, lang="en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TamperedScreen) and app.screen.has_class("tampered")
        shown = str(app.screen.query_one("#tampered").render())
        assert "READ-ONLY" in shown and f"Event {seq}" in shown


def _forge_ballot_after_closed(db: str) -> int:
    """A ballot row appended after ``closed`` with its hash recomputed (chain sound, rules not): its seq."""
    rows = forger.db_rows(db, "sample")
    forged = forger.rehash(rows + [forger.ballot_after(rows, "11", 13)])
    forger.db_replace(db, "sample", forged)
    return forged[-1]["seq"]


def _forge_bad_hash(db: str) -> int:
    """A row appended whose hash does not match: its seq."""
    rows = forger.db_rows(db, "sample")
    seq = rows[-1]["seq"] + 1
    with sqlite3.connect(db) as con:
        con.execute("INSERT INTO events (session_id, seq, type, version, at, actor, payload, prev_hash, hash) "
                    "VALUES ('sample', ?, 'ballot_recorded', 1, ?, ?, ?, ?, ?)",
                    (seq, rows[-1]["at"], json.dumps({"role": "chair", "name": "", "station": ""}),
                     json.dumps({"batch": "", "position": 13, "marks": "11", "invalid_reason": None}),
                     rows[-1]["hash"], "0" * 64))
    con.close()
    return seq


@pytest.mark.parametrize("screen", ["chair", "station"])
@pytest.mark.parametrize("forge", [_forge_ballot_after_closed, _forge_bad_hash])
async def test_an_open_screen_turns_red_and_read_only_when_a_forged_event_arrives(screen, forge, sample_db):
    from tui.app import ChairApp
    from tui.screens.station import StationApp
    from tui.screens.tampered import TamperedScreen

    service = SessionService(open_store(sample_db), "sample")
    team = service.state.team
    app = ChairApp(service, lang="en", follow=False) if screen == "chair" else \
        StationApp(service, team[0], "S1", lang="en", follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, TamperedScreen)
        seq = forge(sample_db)
        app.poll_store()
        await pilot.pause()
        assert isinstance(app.screen, TamperedScreen), "the screen turns red"
        assert app.tampered is not None and app.tampered.seq == seq
        assert f"Event {seq}" in str(app.screen.query_one("#tampered").render())
        before = service.state.seq
        assert not app.dispatch(Advance())
        assert service.state.seq == before, "nothing more is recorded"
