"""`tinnhiem do`: the sample conference from `prepared` to `closed`, refusals at every step, `status`."""

from __future__ import annotations

import json
import shlex

from session.agenda import ALLOWED
from tests.cli.support import WALK, cli, log_length, refused, sh


def _action_name(line: str) -> str:
    words = shlex.split(line)
    return " ".join(words[:2]) if words[0] == "team" else words[0]


def _status(db: str) -> dict:
    run = cli("do", "--db", db, "status", "--format", "json")
    assert run.code == 0, run.text
    return json.loads(run.out)


def test_whole_conference_driven_by_do_with_refusals_at_every_step(fresh_db):
    length = log_length(fresh_db)
    assert length == 1
    for step, out_of_order, accepted in WALK:
        assert _status(fresh_db) == {"step": step, "allowed": list(ALLOWED[step])}
        assert out_of_order, f"{step}: at least one out-of-order action"
        for line in out_of_order:
            messages = {}
            for lang in ("vi", "en"):
                run = cli("do", "--db", fresh_db, "--lang", lang, *shlex.split(line))
                assert run.code == 3, (step, line, run.text)
                head = refused(step, _action_name(line), lang)
                assert head.startswith("Bước «" if lang == "vi" else "Step “")
                assert run.err.startswith(head), (step, line, run.err)
                assert len(run.err.strip()) > len(head) + 5, "the reason follows"
                assert run.out == ""
                messages[lang] = run.err
            assert messages["vi"] != messages["en"]
            assert log_length(fresh_db) == length, f"{step}: refused {line!r} wrote nothing"
        for line in accepted:
            run = cli("do", "--db", fresh_db, *shlex.split(line))
            assert run.code == 0, (step, line, run.text)
            grown = log_length(fresh_db)
            assert grown > length, f"{step}: {line!r} was recorded"
            length = grown
    assert _status(fresh_db) == {"step": "closed", "allowed": []}


def test_refusal_names_the_guard_reason(fresh_db):
    cli("do", "--db", fresh_db, "next")
    cli("do", "--db", fresh_db, "present", "v01", "v02")
    run = cli("do", "--db", fresh_db, "next")
    assert run.code == 3
    assert "2/12" in run.err and "cần ít nhất 8 (2/3 của 12)" in run.err
    run = cli("do", "--db", fresh_db, "next", "--lang", "en")
    assert "Only 2/12 present; at least 8 needed (2/3 of 12)." in run.err


def test_refusal_as_a_separate_process(fresh_db, tmp_path):
    run = sh("do", "--db", fresh_db, "ballot", "33", cwd=tmp_path)
    assert (run.code, run.out) == (3, "")
    assert run.err.strip() == refused("prepared", "ballot") + "Bước này chỉ cho phép: Sang bước tiếp."
    assert "(ballot)" not in run.err and "«Nhập phiếu»" in run.err
    run = sh("do", "--db", fresh_db, "--lang", "en", "next", cwd=tmp_path)
    assert run.code == 0 and run.out.startswith("Recorded: Next step → step roll_call (event 2)")


def test_status_options_may_follow_the_action(fresh_db):
    want = {"step": "prepared", "allowed": ["next"]}
    for argv in (["do", "--db", fresh_db, "--format", "json", "status"],
                 ["do", "--db", fresh_db, "status", "--format=json"],
                 ["do", "status", "--format", "json", "--db", fresh_db],
                 ["--lang", "en", "do", "--db", fresh_db, "--", "status", "--format", "json"]):
        run = cli(*argv)
        assert run.code == 0, (argv, run.text)
        assert json.loads(run.out) == want
    assert cli("do", "--db", fresh_db, "status").out.strip() == "Bước hiện tại: prepared (Chuẩn bị). Được phép: next (Sang bước tiếp)"
    assert cli("do", "--db", fresh_db, "status", "--lang", "en").out.strip() == "Current step: prepared (Prepared). Allowed: next (Next step)"
    run = cli("do", "--db", fresh_db, "present", "v01", "--lang", "en")
    assert run.code == 3 and run.err.startswith(refused("prepared", "present", "en"))


def test_status_takes_only_format(fresh_db):
    run = cli("do", "--db", fresh_db, "status", "--format", "xml")
    assert run.code == 2 and "xml" in run.err and "text, json" in run.err
    run = cli("do", "--db", fresh_db, "status", "now")
    assert run.code == 2 and "«now»" in run.err
    run = cli("do", "--db", fresh_db, "status", "--format")
    assert run.code == 2 and "--format" in run.err


def test_unreadable_actions_exit_2_and_write_nothing(fresh_db):
    cases = {("frobnicate",): "frobnicate", (): "status", ("sign", "v05", "v06"): "sign",
             ("team", "approve", "--for", "many"): "many", ("seal", "--to"): "--to"}
    for words, named in cases.items():
        run = cli("do", "--db", fresh_db, *words)
        assert run.code == 2, (words, run.text)
        assert named in run.err, (words, run.err)
    assert log_length(fresh_db) == 1
    run = cli("do", "--db", fresh_db, "frobnicate", "--lang", "en")
    assert "No action “frobnicate”; the actions are: next, present" in run.err
    run = cli("do", "--db", fresh_db, "team", "propose", "v05", "v06", "v07")
    assert run.err.strip() == "«team propose» thiếu --head. Cú pháp: team propose --head HEAD ID [ID ...]"
    run = cli("do", "--db", fresh_db, "--lang", "en", "return", "--count", "all")
    assert run.err.strip() == "“return”: --count needs a whole number, not 'all'."


def test_do_needs_a_database(tmp_path):
    run = cli("do", "status")
    assert run.code == 2 and "--db" in run.err
    run = cli("do", "--db", tmp_path / "missing.db", "status")
    assert run.code == 2 and "missing.db" in run.err
    assert not (tmp_path / "missing.db").exists(), "a read does not create a database"
