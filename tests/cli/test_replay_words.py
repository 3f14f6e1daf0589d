"""`replay --format text` and the replay screen on a double-entry mismatch: both blind entries and the head's ruling,
each person's mark in the pack's level words; the detail pane's whole event; `g` by a step's name without diacritics."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tests.cli.conftest import session_at
from tests.cli.support import cli
from tui.wiring import open_service, read_jsonl

MEMBER, OTHER, HEAD = ("--station", "M1", "--member", "v06"), ("--station", "M2", "--member", "v07"), ("--station", "H", "--member", "v05")


def _do(db: str, *who: str, line: str) -> None:
    run = cli("do", "--db", db, *who, *line.split())
    assert run.code == 0, (line, run.text)


@pytest.fixture
def mismatch_log(tmp_path, monkeypatch):
    """The sample under double entry: M1 reads ballot 1 as 12, M2 as 13, the head rules 13; the exported log."""
    db = session_at(tmp_path, "issuing")
    for line in ("entry-mode double", "issue --all-present", "next", "return --count 12", "next"):
        _do(db, line=line)
    monkeypatch.setenv("TINNHIEM_PIN", "1234")
    for who, line in ((MEMBER, "batch B01"), (OTHER, "batch B01"), (MEMBER, "ballot 12 --batch B01"),
                      (OTHER, "ballot 13 --batch B01"), (HEAD, "signin")):
        _do(db, *who, line=line)
    monkeypatch.delenv("TINNHIEM_PIN")
    monkeypatch.setenv("TINNHIEM_HEAD_PIN", "1234")
    _do(db, line="resolve 1 13 --head v05 --batch B01")
    state = open_service(db, None).state
    path = tmp_path / "log.jsonl"
    path.write_text(cli("export", "--db", db).out, encoding="utf-8")
    return path, state


def _words(state, marks: str, lang: str = "vi") -> str:
    levels = state.pack.levels
    return "; ".join(f"{p.name}: {getattr(levels[int(m) - 1], lang)}" for p, m in zip(state.ballot_persons, marks))


def test_the_narrative_shows_both_blind_entries_and_the_ruling_in_words(mismatch_log):
    path, state = mismatch_log
    run = cli("replay", path, "--format", "text")
    assert run.code == 0, run.text
    lines = run.out.splitlines()
    first = next(line for line in lines if "M1" in line and "B01/1" in line and "chờ đối chiếu" in line)
    second = next(line for line in lines if "M2" in line and "B01/1" in line and "chờ đối chiếu" in line)
    ruling = next(line for line in lines if "quyết định phiếu lệch B01/1" in line)
    assert first.endswith(_words(state, "12")) and second.endswith(_words(state, "13"))
    assert ruling.endswith(_words(state, "13")) and "Tổ trưởng" in ruling
    assert _words(state, "12") != _words(state, "13")
    english = cli("--lang", "en", "replay", path, "--format", "text").out
    assert _words(state, "13", "en") in english


async def test_the_detail_pane_and_going_to_a_step_by_its_bare_name(mismatch_log):
    from tui.screens.replay import ReplayApp

    path, state = mismatch_log
    records = read_jsonl(path)
    app = ReplayApp(records, tick=None)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert app.jump("kiem phieu")  # Kiểm phiếu, folded as the roll call's search folds names
        counting = app.timeline.index_of_step("counting")
        assert app.index == counting and records[counting].payload["step"] == "counting"
        assert app.jump("DIEM DANH") and app.index == app.timeline.index_of_step("roll_call")
        assert not app.jump("kiem")  # a fragment is not a step
        ruling = next(r.seq for r in records if r.type == "mismatch_resolved")
        assert app.jump(str(ruling))
        await pilot.pause()
        console = Console(file=io.StringIO(), width=200)
        console.print(app.query_one("#detail").content)
        detail = console.file.getvalue()
        head = next(v.name for v in state.conference.voters if v.id == "v05")
        assert head in detail and "v05" in detail  # confirmed_by by name
        assert "Xấp" in detail and "B01" in detail and "Số thứ tự trong xấp" in detail
        for person, level in zip(state.ballot_persons, "13"):
            assert state.pack.levels[int(level) - 1].vi in detail and person.name in detail
        assert records[ruling - 1].hash in detail
