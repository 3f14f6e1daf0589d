"""A bad marks string at `counting` is refused (exit 3) naming the position or the length; nothing is written.

Marks that begin with `-` (a name struck out) are taken on the command line and in scripts."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import session_at
from tests.cli.support import ROOT, cli, log_length, refused, sh
from tui.actions import parse_action


@pytest.fixture(scope="module")
def counting_db(tmp_path_factory) -> str:
    """A session at `counting`; the tests only try ballots that are refused."""
    return session_at(tmp_path_factory.mktemp("counting"), "counting")


@pytest.mark.parametrize(("marks", "vi", "en"), [
    ("3?", "Ký tự «?» ở vị trí 2 không hợp lệ", "Character “?” at position 2 is not allowed"),
    ("a1", "Ký tự «a» ở vị trí 1 không hợp lệ", "Character “a” at position 1 is not allowed"),
    ("333", "Chuỗi «333» có 3 ô, phiếu có 2 người", "Marks “333” have 3 rows; the ballot has 2 persons"),
    ("3", "Chuỗi «3» có 1 ô, phiếu có 2 người", "Marks “3” have 1 rows; the ballot has 2 persons"),
])
def test_bad_marks_refused_naming_position_or_length(counting_db, marks, vi, en):
    before = log_length(counting_db)
    run = cli("do", "--db", counting_db, "ballot", marks)
    assert run.code == 3, run.text
    assert run.err.startswith(refused("counting", "ballot")) and vi in run.err
    run = cli("do", "--db", counting_db, "ballot", marks, "--lang", "en")
    assert run.code == 3 and en in run.err
    assert log_length(counting_db) == before


def test_unknown_invalid_reason_is_refused(counting_db):
    before = log_length(counting_db)
    run = cli("do", "--db", counting_db, "ballot", "--invalid", "smudged")
    assert run.code == 3 and "«smudged»" in run.err and "not_issued" in run.err
    assert log_length(counting_db) == before


@pytest.fixture
def entering_db(tmp_path) -> str:
    """A fresh session at `counting`, for ballots that are recorded."""
    return session_at(tmp_path, "counting")


def recorded_marks(db: str) -> list[str | None]:
    """The marks of every ballot recorded in ``db``, in log order."""
    run = cli("export", "--db", db)
    assert run.code == 0, run.text
    events = [json.loads(line) for line in run.out.splitlines()]
    return [e["payload"].get("marks") for e in events if e["type"] == "ballot_recorded"]


def test_marks_beginning_with_dash_one_shot(entering_db):
    for words in (("--", "--"), ("--", "-x"), ("-x",), ("-1",), ("--",), ("-2", "--position", "6")):
        run = cli("do", "--db", entering_db, "ballot", *words)
        assert run.code == 0, (words, run.text)
    run = cli("do", "--db", entering_db, "--", "ballot", "1-")  # a `--` before the action is still dropped
    assert run.code == 0, run.text
    assert recorded_marks(entering_db) == ["--", "-x", "-x", "-1", "--", "-2", "1-"]


def test_marks_beginning_with_dash_in_a_script_and_a_process(entering_db):
    run = cli("do", "--db", entering_db, "--script", "-", stdin="ballot -- --\nballot -x --batch ''\n")
    assert run.code == 0, run.text
    run = sh("do", "--db", entering_db, "ballot", "--", "-0", cwd=ROOT)
    assert run.code == 0, run.text
    assert recorded_marks(entering_db) == ["--", "-x", "-0"]


def test_two_marks_strings_refused(entering_db):
    run = cli("do", "--db", entering_db, "ballot", "33", "-x")
    assert run.code == 2 and "-x" in run.err  # a bad action line, as argparse would refuse it
    assert recorded_marks(entering_db) == []


@pytest.mark.parametrize(("line", "marks"), [
    ("correct 3 -- -- --because smudge --head v05", "--"),
    ("correct 3 -x --because smudge --head v05", "-x"),
    ("resolve 2 -1 --head v05", "-1"),
    ("resolve 2 --head v05 --", "--"),
])
def test_correct_and_resolve_take_dash_marks(line, marks):
    assert parse_action(line).marks == marks
