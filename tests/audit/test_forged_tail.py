"""A forged tail: ballots appended after ``closed`` with the chain recomputed by the published recipe.

The chain alone checks, so only the rules can refuse it: every reader names seq 35, the first
forged event, and exits 4.
"""

from __future__ import annotations

import pytest

from tests.audit import forger
from tui.cli import main

FIRST_FORGED = 35
"""The sample session closes at seq 34."""


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def forged_rows(sample_log) -> list[dict]:
    rows = forger.read_rows(sample_log)
    assert rows[-1]["type"] == "step_entered" and rows[-1]["payload"] == {"step": "closed"}
    return forger.rehash(rows + [forger.ballot_after(rows, "11", 13), forger.ballot_after(rows, "11", 14)])


@pytest.fixture
def forged_log(forged_rows, tmp_path):
    return forger.write_rows(tmp_path / "forged.jsonl", forged_rows)


@pytest.fixture
def forged_db(sample_db, forged_rows) -> str:
    forger.db_replace(sample_db, "sample", forged_rows)
    return sample_db


def test_the_forged_chain_is_sound_so_only_the_rules_can_catch_it(forged_rows):
    from session.events import Recorded
    from session.log import verify

    assert verify([Recorded.from_dict(r) for r in forged_rows]).ok


@pytest.mark.parametrize("lang, words", [("vi", "Sự kiện 35: quy tắc không cho phép"), ("en", "Event 35: the rules do not allow")])
def test_verify_refuses_a_tail_after_closed_naming_its_first_event(forged_log, capsys, lang, words):
    code, said = run(capsys, "--lang", lang, "verify", str(forged_log))
    assert code == 4
    assert words in said
    assert ("Kết thúc" if lang == "vi" else "Closed") in said  # why: the session is closed


def test_verify_against_the_digest_refuses_the_tail_too(forged_log, forged_rows, capsys):
    head = forged_rows[-1]["hash"]
    code, said = run(capsys, "--lang", "en", "verify", str(forged_log), "--digest", head)
    assert code == 4 and "Event 35" in said


def test_replay_refuses_the_tail_and_reports_only_the_true_state(forged_log, capsys):
    import json

    code = main(["replay", str(forged_log), "--format", "json"])
    captured = capsys.readouterr()
    assert code == 4
    state = json.loads(captured.out)
    assert state["verified"] is False and state["bad_seq"] == FIRST_FORGED and state["seq"] == FIRST_FORGED - 1
    assert "35" in captured.err


def test_results_on_a_database_with_the_forged_tail_exit_4(forged_db, capsys):
    code, said = run(capsys, "--lang", "en", "results", "--db", forged_db, "--format", "json")
    assert code == 4 and "Event 35" in said
    assert '"persons"' not in said


def test_a_ballot_past_the_returned_count_is_refused_even_before_closed(sample_log, tmp_path, capsys):
    rows = forger.read_rows(sample_log)
    counting_ends = next(i for i, r in enumerate(rows) if r["payload"] == {"step": "minutes"})
    extra = forger.ballot_after(rows[:counting_ends], "11", 13)
    extra["at"] = rows[counting_ends - 1]["at"]
    forged = forger.rehash(rows[:counting_ends] + [extra] + rows[counting_ends:])
    code, said = run(capsys, "--lang", "en", "verify", str(forger.write_rows(tmp_path / "f.jsonl", forged)))
    assert code == 4
    assert f"Event {counting_ends + 1}: the rules do not allow" in said and "12" in said


def test_a_ballot_entered_by_a_station_off_the_team_is_refused(sample_log, tmp_path, capsys):
    rows = forger.read_rows(sample_log)
    first_ballot = next(i for i, r in enumerate(rows) if r["type"] == "ballot_recorded")
    team = next(r["payload"]["members"] for r in rows if r["type"] == "team_proposed")
    outsider = next(v for v in ("v01", "v02", "v03", "v04", "v05", "v06") if v not in team)
    rows[first_ballot]["actor"] = {"role": "station", "name": outsider, "station": "Máy lạ"}
    code, said = run(capsys, "--lang", "en", "verify", str(forger.write_rows(tmp_path / "f.jsonl", forger.rehash(rows))))
    assert code == 4
    assert f"Event {first_ballot + 1}" in said and "not on the approved counting team" in said
