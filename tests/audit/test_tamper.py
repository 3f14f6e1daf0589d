"""Hostile logs: each is refused with exit 4 and a message naming the first bad seq; nothing is changed.

Cases: a payload edited, a middle event deleted, two events swapped, the tail cut off (caught by
the code and count printed on the minutes), and events of another session spliced in.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from session.log import verify
from session.paper import printed_code
from tests.audit.conftest import finished_session
from tui.cli import main
from tui.wiring import open_store, read_jsonl, write_jsonl


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def edit_payload(rows: list[str]) -> list[str]:
    row = json.loads(rows[19])
    row["payload"]["marks"] = "11"
    return rows[:19] + [json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n"] + rows[20:]


CASES = {
    # name: (how the lines change, first bad seq, words the message must hold)
    "payload_edited": (edit_payload, 20, "mã băm không khớp"),
    "middle_deleted": (lambda rows: rows[:14] + rows[15:], 15, "thứ tự sai (gặp số 16)"),
    "swapped": (lambda rows: rows[:14] + [rows[15], rows[14]] + rows[16:], 15, "thứ tự sai (gặp số 16)"),
}


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize("case", CASES)
def test_a_tampered_log_fails_verify_naming_the_seq(case, sample_log, tmp_path, capsys):
    change, seq, words = CASES[case]
    bad = tmp_path / f"{case}.jsonl"
    bad.write_text("".join(change(lines(sample_log))), encoding="utf-8")
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    code, text = run(capsys, "verify", str(bad))
    assert code == 4 and f"Sự kiện {seq}:" in text and words in text
    code, text = run(capsys, "replay", str(bad), "--format", "json")
    assert code == 4 and f"Sự kiện {seq}:" in text
    assert json.loads(text[: text.rindex("}") + 1])["seq"] == seq - 1, "only the trusted prefix is replayed"
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before, "the file under audit is never changed"


def test_a_truncated_tail_is_caught_by_the_printed_code_and_count(sample_log, tmp_path, capsys):
    records = read_jsonl(sample_log)
    printed = printed_code(records[-1].hash, len(records))
    cut = tmp_path / "cut.jsonl"
    cut.write_text("".join(lines(sample_log)[:-4]), encoding="utf-8")
    code, text = run(capsys, "verify", str(cut))
    assert code == 0, "a cut log is a valid prefix: the chain alone cannot see it"
    code, text = run(capsys, "verify", str(cut), "--digest", printed)
    assert code == 4 and str(len(records)) in text and str(len(records) - 4) in text
    code, _ = run(capsys, "verify", str(sample_log), "--digest", printed)
    assert code == 0


def test_another_sessions_events_spliced_in_break_the_link(sample_db, sample_log, tmp_path, capsys):
    other_db = str(tmp_path / "other.db")
    finished_session(other_db, "sample", "999-888-777")  # same conference and id, another launch code
    theirs = write_jsonl(open_store(other_db).load("sample")).splitlines(keepends=True)
    spliced = tmp_path / "spliced.jsonl"
    spliced.write_text("".join(lines(sample_log)[:20] + theirs[20:]), encoding="utf-8")
    assert not verify(read_jsonl(spliced)).ok
    code, text = run(capsys, "verify", str(spliced))
    assert code == 4 and "Sự kiện 21:" in text and "prev_hash" in text


def test_the_timeline_marks_a_spliced_log_untrusted_from_the_splice(sample_log, tmp_path):
    from session.timeline import Timeline

    other_db = str(tmp_path / "other.db")
    finished_session(other_db, "sample", "999-888-777")
    records = read_jsonl(sample_log)[:20] + open_store(other_db).load("sample")[20:]
    timeline = Timeline(records)
    assert [r.mark.trusted for r in timeline.rows].index(False) == 20
    assert timeline.rows[20].mark.hash_ok, "the spliced event checks alone; only its link to ours fails"
