"""A bad marks string at `counting` is refused (exit 3) naming the position or the length; nothing is written."""

from __future__ import annotations

import pytest

from tests.cli.conftest import session_at
from tests.cli.support import cli, log_length, refused


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
