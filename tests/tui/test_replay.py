"""Pilot tests of the replay screen: stepping, jumping, playing, and the untrusted marking on a tampered log."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from rich.console import Console

from session.events import Recorded
from tui.screens.replay import ReplayApp
from tui.wiring import read_jsonl

FIRST_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "first_release.jsonl"
SIZE = (160, 50)


@pytest.fixture
def records() -> list[Recorded]:
    return read_jsonl(FIRST_RELEASE)


def tampered(records: list[Recorded], seq: int) -> list[Recorded]:
    """The log with event ``seq``'s payload edited (its hash left as it was)."""
    out = list(records)
    rec = out[seq - 1]
    out[seq - 1] = dataclasses.replace(rec, payload={**rec.payload, "marks": "11"})
    return out


def cell(app: ReplayApp, row: int, column: str) -> str:
    table = app.query_one("#timeline")
    return str(table.get_cell(str(row), column))


def status(app: ReplayApp) -> str:
    return str(app.query_one("#status").render())


def render(renderable) -> str:
    console = Console(width=100, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def pane(app: ReplayApp) -> str:
    return render(app.query_one("#state").content)


async def test_steps_forward_and_back_one_event(records):
    app = ReplayApp(records)
    async with app.run_test(size=SIZE) as pilot:
        assert app.index == 0
        await pilot.press("right", "right", "right")
        assert app.index == 3 and app.timeline.state_at(app.index).seq == 4
        await pilot.press("left")
        assert app.index == 2
        assert "Sự kiện 3 (3/34)" in status(app)
        assert "Có mặt 12/12" in pane(app)


async def test_steps_by_agenda_step(records):
    app = ReplayApp(records)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        assert records[app.index].payload == {"step": "roll_call"}
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert records[app.index].payload == {"step": "counting_team"}
        await pilot.press("left_square_bracket")
        assert records[app.index].payload == {"step": "briefing"}
        assert "Quán triệt nguyên tắc" in pane(app)
        agenda = render(app.query_one("AgendaList").content)
        assert "Quán triệt nguyên tắc" in agenda and "Điểm danh" in agenda


async def test_jumps_to_a_seq_and_to_a_step(records):
    app = ReplayApp(records)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", *"20", "enter")
        assert records[app.index].seq == 20
        await pilot.press("g", *"counting", "enter")
        assert records[app.index].type == "step_entered" and records[app.index].payload["step"] == "counting"
        assert app.timeline.state_at(app.index).step == "counting"
        await pilot.press("g", *"999", "enter")
        assert records[app.index].seq == 13, "an unknown seq leaves the cursor where it was"


async def test_plays_at_each_speed_and_pauses(records):
    app = ReplayApp(records, tick=None)  # the test moves the playback clock itself
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert app.playing
        app.play_for(2.0)  # 1×: the sample clock ticks one second per event
        assert app.index == 2
        await pilot.press("2")
        app.play_for(0.5)
        assert app.speed == 10 and app.index == 7
        await pilot.press("space")
        assert not app.playing
        await pilot.press("3", "space")
        app.play_for(1.0)
        assert app.index == len(records) - 1 and not app.playing, "100× runs to the end and stops"
        assert app.timeline.state_at(app.index).step == "closed"


async def test_tampered_log_is_untrusted_from_the_first_bad_event(records):
    app = ReplayApp(tampered(records, 20))
    async with app.run_test(size=SIZE) as pilot:
        marks = [row.mark for row in app.timeline.rows]
        assert all(m.trusted and m.hash_ok for m in marks[:19])
        assert not marks[19].hash_ok and not marks[19].trusted
        assert all(m.hash_ok and not m.trusted for m in marks[20:]), "later events check alone but are not trusted"
        assert cell(app, 18, "check") == "✓" and cell(app, 19, "check") == "✗ !" and cell(app, 25, "check") == "✓ !"
        assert "KHÔNG TIN CẬY từ sự kiện 20" in status(app)
        await pilot.press("g", *"26", "enter")
        state = app.timeline.state_at(app.index)
        assert state.seq == 19 and state.entered == 6, "the state stops at the last trusted event"
        assert "Sự kiện 26 không tin cậy" in str(app.query_one("#banner").content)
        assert app.query_one("#banner").has_class("shown")


async def test_switches_language(records):
    app = ReplayApp(records)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+l")
        assert app.lang == "en"
        assert "Log intact: 34 events" in status(app)
        assert cell(app, 6, "what").endswith("→ approved")


async def test_shows_the_projector_view_of_that_moment(records):
    app = ReplayApp(records)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("g", *"31", "enter")  # results announced at event 31
        await pilot.press("p")
        assert app.query_one("#views").current == "projector-view"
        assert app.query_one("#p-person").display, "the projector shows results once announced"
        await pilot.press("g", *"25", "enter")
        assert not app.query_one("#p-person").display, "and not before"
        assert "KIỂM PHIẾU" in str(app.query_one("#p-heading").content)


async def test_an_empty_log_says_so():
    app = ReplayApp([])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right", "space", "right_square_bracket")
        assert "Nhật ký trống" in status(app) and app.index == 0


def test_the_command_opens_the_replay_on_the_log(monkeypatch):
    from tui.cli import main

    opened = []
    monkeypatch.setattr(ReplayApp, "run", lambda app: opened.append((len(app.timeline), app.lang)))
    assert main(["replay", str(FIRST_RELEASE), "--lang", "en"]) == 0
    assert opened == [(34, "en")]
