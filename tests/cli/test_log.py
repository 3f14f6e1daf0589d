"""`export`, `verify` (tampered → exit 4 naming the first bad seq) and `replay --to SEQ --format json|text`."""

from __future__ import annotations

import json

import pytest

from tests.cli.support import ALL, cli, sh


def _lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def _seq_of(lines: list[str], type_: str) -> int:
    return next(json.loads(line)["seq"] for line in lines if json.loads(line)["type"] == type_)


def test_export_then_verify_prints_the_head_digest(closed_log, closed_db):
    lines = _lines(closed_log)
    head = json.loads(lines[-1])["hash"]
    assert [json.loads(line)["seq"] for line in lines] == list(range(1, len(lines) + 1))
    for source in ([closed_log], ["--db", closed_db]):
        run = cli("verify", *source)
        assert run.code == 0, run.text
        assert head in run.out and f"{len(lines)} sự kiện" in run.out


def test_export_is_utf8_whatever_the_locale(closed_db, closed_log, tmp_path):
    run = sh("export", "--db", closed_db, cwd=tmp_path, PYTHONIOENCODING="latin-1")
    assert run.code == 0 and run.out == closed_log.read_text(encoding="utf-8")


def test_export_to_a_file(closed_db, closed_log, tmp_path):
    run = cli("export", "--db", closed_db, "-o", tmp_path / "out.jsonl")
    assert run.code == 0 and (tmp_path / "out.jsonl").read_text(encoding="utf-8") == closed_log.read_text(encoding="utf-8")


def _edit_byte(lines: list[str]) -> tuple[list[str], int]:
    i = next(i for i, line in enumerate(lines) if '"returned_recorded"' in line)
    return lines[:i] + [lines[i].replace('"count": 12', '"count": 11')] + lines[i + 1:], i + 1


def _break_json(lines: list[str]) -> tuple[list[str], int]:
    i = len(lines) // 2
    return lines[:i] + [lines[i].replace('"payload": {', '"payload": [', 1)] + lines[i + 1:], i + 1


def _delete(lines: list[str]) -> tuple[list[str], int]:
    i = len(lines) // 2
    return lines[:i] + lines[i + 1:], i + 1


def _swap(lines: list[str]) -> tuple[list[str], int]:
    i = len(lines) // 2
    return lines[:i] + [lines[i + 1], lines[i]] + lines[i + 2:], i + 1


TAMPER = {"one byte of a payload": _edit_byte, "broken JSON": _break_json, "middle line deleted": _delete,
          "two lines swapped": _swap}


@pytest.mark.parametrize("case", TAMPER)
def test_tampered_log_exits_4_naming_the_first_bad_seq(case, closed_log, tmp_path):
    lines, bad = TAMPER[case](_lines(closed_log))
    path = tmp_path / "log.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    run = cli("verify", path)
    assert run.code == 4, run.text
    assert run.out.startswith(f"Nhật ký bị sửa: Sự kiện {bad}"), run.out
    run = cli("verify", path, "--lang", "en")
    assert run.out.startswith(f"Log tampered: Event {bad}"), run.out


def test_tampered_log_as_a_separate_process(closed_log, tmp_path):
    lines, bad = _edit_byte(_lines(closed_log))
    (tmp_path / "log.jsonl").write_text("".join(lines), encoding="utf-8")
    run = sh("verify", "log.jsonl", cwd=tmp_path)
    assert run.code == 4 and f"Sự kiện {bad}: mã băm không khớp" in run.out
    run = sh("replay", "log.jsonl", "--format", "json", cwd=tmp_path)
    assert run.code == 4 and "Traceback" not in run.err
    state = json.loads(run.out)
    assert (state["seq"], state["verified"], state["bad_seq"]) == (bad - 1, False, bad)
    assert state["step"] == "voting" and state["returned"] is None, "the trusted prefix stops before the edited event"


def test_replay_to_a_seq_gives_the_state_there(closed_log):
    lines = _lines(closed_log)
    marked = _seq_of(lines, "voters_present")
    before = json.loads(cli("replay", closed_log, "--to", marked - 1, "--format", "json").out)
    run = cli("replay", closed_log, "--to", marked, "--format", "json")
    assert run.code == 0, run.text
    after = json.loads(run.out)
    assert (before["seq"], before["step"], before["present"]) == (marked - 1, "roll_call", [])
    assert (after["seq"], after["step"], after["present"]) == (marked, "roll_call", ALL.split())
    assert after["allowed"] == ["present", "absent", "next"] and after["verified"] is True
    end = json.loads(cli("replay", closed_log, "--format", "json").out)
    assert (end["seq"], end["step"], end["sealed_to"]) == (len(lines), "closed", "Văn phòng Ban")
    assert end["results"]["persons"][1]["band"] == "two_thirds"


def test_replay_text_is_one_line_per_event(closed_log, closed_db):
    run = cli("replay", closed_log, "--to", 5, "--format", "text", "--lang", "en")
    assert run.code == 0
    lines = run.out.splitlines()
    assert [int(line.split()[0]) for line in lines] == [1, 2, 3, 4, 5]
    assert "Entered step: Roll call and quorum" in lines[1]
    whole = cli("replay", "--db", closed_db, "--format", "text")
    assert len(whole.out.splitlines()) == len(_lines(closed_log))


def test_replay_of_a_tampered_log_before_the_break_is_intact(closed_log, tmp_path):
    lines, bad = _swap(_lines(closed_log))
    path = tmp_path / "log.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    run = cli("replay", path, "--to", bad - 1, "--format", "json")
    assert run.code == 0 and json.loads(run.out)["verified"] is True
    run = cli("replay", path, "--to", bad + 1, "--format", "text")
    assert run.code == 4 and len(run.out.splitlines()) == bad - 1 and f"Sự kiện {bad}" in run.err


@pytest.mark.parametrize("args", [["--to", "0"], ["--to", "x"], []], ids=["to 0", "to x", "no log"])
def test_replay_bad_arguments_exit_2(args, closed_log):
    run = cli("replay", *([closed_log] if args else []), *args, "--format", "json")
    assert run.code == 2, run.text


def test_missing_log_exits_2(tmp_path):
    for command in ("verify", "replay"):
        run = cli(command, tmp_path / "none.jsonl", "--format", "json") if command == "replay" else cli(command, tmp_path / "none.jsonl")
        assert run.code == 2 and "none.jsonl" in run.err
