"""Station trust through the documented command line: impersonations refused with exit 3 and nothing written,
PINs from the environment, a lockout after five wrong ones, the head deciding with the head's PIN from a third
process, and no byte of a PIN, salt or hash in the export, the replay or the archive."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import zipfile

import pytest

from tests.cli.conftest import session_at
from tests.cli.support import ROOT, _env, cli, log_length, sh
from tests.conftest import MEMBER_PIN

HEAD_PIN = "97531"
"""The head's (v05's) PIN in these tests; the other members use ``MEMBER_PIN``."""


@pytest.fixture
def double_db(tmp_path) -> str:
    """The sample conference in `counting` under blind double entry; team v05 (head), v06, v07."""
    db = session_at(tmp_path, "voting")
    for line in ("entry-mode double", "return --count 12", "next"):
        assert cli("do", "--db", db, *line.split()).code == 0
    return db


def _as(db: str, station: str, member: str, *action: str):
    return cli("do", "--db", db, "--station", station, "--member", member, *action)


def _refused(db: str, run, *words: str) -> None:
    assert run.code == 3, run.text
    for word in words:
        assert word in run.err, run.err


def test_one_member_cannot_enter_both_blind_copies(double_db):
    assert _as(double_db, "A", "v06", "ballot", "12", "--batch", "B1").code == 0
    before = log_length(double_db)
    _refused(double_db, _as(double_db, "B", "v06", "ballot", "12", "--batch", "B1"), "(v06)", "máy A")
    assert _as(double_db, "A", "v06", "signout").code == 0
    _refused(double_db, _as(double_db, "B", "v06", "ballot", "12", "--batch", "B1", "--position", "1"),
             "(v06)", "thành viên khác")
    assert log_length(double_db) == before + 1  # the sign-out only


def test_the_chair_never_enters_as_a_station(double_db):
    before = log_length(double_db)
    _refused(double_db, cli("do", "--db", double_db, "ballot", "12", "--batch", "B1", "--station", "A"), "Chủ trì", "A")
    _refused(double_db, cli("do", "--db", double_db, "ballot", "12"), "máy kiểm phiếu")
    assert log_length(double_db) == before


def test_a_pin_is_needed_and_a_wrong_one_is_refused_until_a_lockout(double_db, monkeypatch):
    monkeypatch.delenv("TINNHIEM_PIN")
    _refused(double_db, _as(double_db, "A", "v06", "signin"), "TINNHIEM_PIN")
    monkeypatch.setenv("TINNHIEM_PIN", MEMBER_PIN)
    assert _as(double_db, "A", "v06", "signin").code == 0  # the first action sets it
    before = log_length(double_db)
    monkeypatch.setenv("TINNHIEM_PIN", "1111")
    for left in (4, 3, 2, 1):
        run = cli("--lang", "en", "do", "--db", double_db, "--station", "A", "--member", "v06", "batch", "B1")
        _refused(double_db, run, "Wrong PIN", "(v06)", f"{left} tries left")
    _refused(double_db, _as(double_db, "A", "v06", "batch", "B1"), "bị khóa", "60 giây")
    monkeypatch.setenv("TINNHIEM_PIN", MEMBER_PIN)
    _refused(double_db, _as(double_db, "A", "v06", "batch", "B1"), "bị khóa")  # the right one waits out the minute
    assert log_length(double_db) == before


def _station(db: str, station: str, member: str, lines: list[str]) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "do", "--db", db, "--station", station, "--member", member,
                             "--script", "-"], cwd=ROOT, env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    proc.stdin.write("".join(line + "\n" for line in lines))  # type: ignore[union-attr]
    proc.stdin.close()  # type: ignore[union-attr]
    return proc


def test_two_stations_enter_blind_and_a_third_process_resolves_with_the_heads_pin(double_db, tmp_path):
    a = _station(double_db, "A", "v06", ["ballot 33 --batch B1", "ballot 13 --batch B1", "ballot 21 --batch B1"])
    b = _station(double_db, "B", "v07", ["ballot 33 --batch B1", "ballot 12 --batch B1", "ballot 21 --batch B1"])
    for proc in (a, b):
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
    resolve = ("do", "--db", double_db, "--station", "A", "--member", "v06", "resolve", "2", "13", "--batch", "B1",
               "--head", "v05")
    run = sh(*resolve, cwd=ROOT)
    assert run.code == 3 and "TINNHIEM_HEAD_PIN" in run.err, run.text
    assert sh("do", "--db", double_db, "--station", "H", "--member", "v05", "signin", cwd=ROOT,
              TINNHIEM_PIN=HEAD_PIN).code == 0  # the head sets their own PIN at their own station
    before = log_length(double_db)
    run = sh(*resolve, cwd=ROOT, TINNHIEM_HEAD_PIN="11111")
    assert run.code == 3 and "Tổ trưởng" in run.err and "(v05)" in run.err, run.text
    assert log_length(double_db) == before
    run = sh(*resolve, cwd=ROOT, TINNHIEM_HEAD_PIN=HEAD_PIN)
    assert run.code == 0, run.text
    exported = [json.loads(line) for line in cli("export", "--db", double_db).out.splitlines()]
    decided = next(r for r in exported if r["type"] == "mismatch_resolved")
    assert decided["payload"]["confirmed_by"] == "v05" and decided["actor"]["name"] == "v06"
    results = json.loads(cli("results", "--db", double_db, "--format", "json").out)
    assert results["valid"] + results["invalid"] == 3
    _no_secret_leaves(double_db, tmp_path, [MEMBER_PIN, HEAD_PIN, "11111"])


def _no_secret_leaves(db: str, tmp_path, pins: list[str]) -> None:
    """No PIN, salt or hash of the pins table appears in what leaves the program."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT salt, digest FROM pins").fetchall()
    assert len(rows) >= 3
    secrets = [s for row in rows for s in row] + [p for p in pins]
    export = cli("export", "--db", db).out
    log = tmp_path / "log.jsonl"
    log.write_text(export, encoding="utf-8")
    replay = cli("replay", str(log), "--to", str(len(export.splitlines())), "--format", "json")
    assert replay.code == 0, replay.text
    archive = tmp_path / "bundle.zip"
    made = cli("archive", "--db", db, "-o", str(archive))
    assert made.code == 0, made.text
    texts = {"export": export, "replay": replay.out}
    with zipfile.ZipFile(archive) as zf:
        texts.update({name: zf.read(name).decode("latin-1") for name in zf.namelist()})
    assert len(texts) > 4
    for where, text in texts.items():
        for secret in secrets:
            if len(secret) >= 16:  # salts and hashes: any trace at all
                assert secret not in text and secret[:16] not in text, f"{where} holds PIN material"


def test_the_station_screen_is_refused_before_it_opens_for_a_member_signed_in_elsewhere(double_db):
    assert _as(double_db, "A", "v06", "signin").code == 0
    before = log_length(double_db)
    _refused(double_db, cli("station", "--db", double_db, "--name", "v06", "--station", "B"), "(v06)", "A")
    assert log_length(double_db) == before


def test_a_station_that_closes_signs_its_member_out(double_db):
    from session.events import Actor
    from session.trust import SignIn
    from tui.screens_entry import sign_out
    from tui.wiring import open_service

    service = open_service(double_db, None)
    service.handle(SignIn(), Actor("station", "v06", "A"))
    assert service.state.signed_in.get("v06") == "A"
    sign_out(service, "v06", "A", "vi")
    assert "v06" not in service.state.signed_in or service.state.signed_in.get("v06") != "A"
    assert _as(double_db, "B", "v06", "ballot", "12", "--batch", "B1").code == 0  # free for another station
    sign_out(service, "v07", "C", "vi")  # never signed in there: nothing is written
    assert service.store.last_seq(service.session_id) == service.state.seq
