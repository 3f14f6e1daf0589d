"""`tinnhiem do --script FILE|-`: one action per line, comments skipped, stops at the first refusal."""

from __future__ import annotations

import json

from tests.cli.support import _env, cli, log_length, refused, sh

SCRIPT = """# roll call
next

  # an indented comment
present v01 v02
next
present v03
"""
"""Line 6 (`next`) is refused: 2 of 12 present is no quorum; line 7 is never applied."""


def _present(db: str) -> list[str]:
    run = cli("replay", "--db", db, "--format", "json")
    assert run.code == 0, run.text
    return json.loads(run.out)["present"]


def test_script_file_stops_at_the_first_refusal_naming_its_line(fresh_db, tmp_path):
    path = tmp_path / "thao-tac.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    run = cli("do", "--db", fresh_db, "--script", path)
    assert run.code == 3, run.text
    assert run.err.startswith("Dòng 6: " + refused("roll_call", "next") + "Mới có 2/12")
    assert len(run.out.splitlines()) == 2, "one line per applied action"
    assert log_length(fresh_db) == 3, "the two lines before the refusal are kept"
    assert _present(fresh_db) == ["v01", "v02"], "nothing after the refusal is applied"


def test_script_from_standard_input_in_english(fresh_db, tmp_path):
    run = sh("do", "--db", fresh_db, "--script", "-", "--lang", "en", cwd=tmp_path, stdin=SCRIPT)
    assert run.code == 3, run.text
    assert run.err.startswith("Line 6: " + refused("roll_call", "next", "en") + "Only 2/12 present")
    assert "Traceback" not in run.err
    assert log_length(fresh_db) == 3


def test_whole_script_reaches_closed(closed_db):
    run = cli("do", "--db", closed_db, "status", "--format", "json")
    assert json.loads(run.out) == {"step": "closed", "allowed": []}


def test_unreadable_line_exits_2_naming_it(fresh_db):
    run = cli("do", "--db", fresh_db, "--script", "-", stdin="next\n\nfrobnicate v01\nnext\n")
    assert run.code == 2, run.text
    assert run.err.startswith("Dòng 3: Không có thao tác «frobnicate v01»")
    assert log_length(fresh_db) == 2
    run = cli("do", "--db", fresh_db, "--script", "-", stdin="present 'v01\n")
    assert run.code == 2 and run.err.startswith("Dòng 1: ") and "quotation" in run.err


def test_script_with_an_action_or_missing_file_exits_2(fresh_db, tmp_path):
    run = cli("do", "--db", fresh_db, "--script", "-", "next", stdin="next\n")
    assert run.code == 2 and "--script" in run.err
    run = cli("do", "--db", fresh_db, "--script", tmp_path / "none.txt")
    assert run.code == 2 and "none.txt" in run.err
    assert log_length(fresh_db) == 1


def test_status_lines_in_a_script(fresh_db):
    run = cli("do", "--db", fresh_db, "--script", "-", stdin="status --format json\nnext\nstatus\nstatus --format=xml\nnext\n")
    assert run.code == 2 and run.err.startswith("Dòng 4: ") and "xml" in run.err
    lines = run.out.splitlines()
    assert json.loads(lines[0]) == {"step": "prepared", "allowed": ["next"]}
    assert lines[2] == ("Bước hiện tại: roll_call (Điểm danh, kiểm tra số lượng). Được phép: present (Đánh dấu có mặt), "
                        "absent (Bỏ đánh dấu có mặt), next (Sang bước tiếp)")
    assert log_length(fresh_db) == 2


def test_script_from_standard_input_applies_each_line_as_it_arrives(fresh_db, tmp_path):
    import subprocess
    import sys
    import threading

    from tui.wiring import open_store

    def answer(proc) -> str:
        got: list[str] = []
        reader = threading.Thread(target=lambda: got.append(proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(60)  # a script read whole would never answer before its input ends
        assert got and got[0], "no answer to the line written while standard input stays open"
        return got[0]

    store = open_store(fresh_db, create=False)
    session = store.sessions()[-1]
    proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "do", "--db", fresh_db, "--script", "-"], cwd=tmp_path,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=_env())
    try:
        proc.stdin.write("next\n")
        proc.stdin.flush()
        answer(proc)
        assert store.last_seq(session) == 2, "the first line is recorded before the second is written"
        proc.stdin.write("present v01\n")
        proc.stdin.flush()
        answer(proc)
        assert store.last_seq(session) == 3
        proc.stdin.write("present v01\nnext\n")  # a refusal still stops the script and names its line
        proc.stdin.close()
        assert proc.wait(60) == 3
        assert proc.stderr.read().startswith("Dòng 3: ")
    finally:
        proc.kill()
    assert store.last_seq(session) == 3
