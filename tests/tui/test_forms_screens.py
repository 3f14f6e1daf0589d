"""The chair console, the station and the replay on a session of three ballot forms."""

from __future__ import annotations

from session import commands as c
from session.counting import ballot_qr, cover_qr
from session.events import CHAIR
from session.service import SessionService
from tests.forms_support import forms_conference, started, to_counting
from tests.scenarios import FixedClock
from tui.app import ChairApp
from tui.screens.station import StationApp
from tui.widgets.ballot_entry import BallotEntry

SIZE = (120, 40)


def _text(widget) -> str:
    shown = widget.render()
    return str(getattr(shown, "plain", shown))


def _counting():
    service = to_counting(started(forms_conference()), {"A": 2, "B": 3, "C": 1})
    service.handle(c.RecordBallot("123", form="A"), CHAIR)
    service.handle(c.RecordBallot("12", form="B"), CHAIR)
    return service


async def test_the_chair_shows_each_forms_progress_and_books():
    service = _counting()
    app = ChairApp(service, follow=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        progress = _text(app.screen.query_one("#progress"))
        assert "Phiếu khối A: " in progress and "Phiếu khối B: " in progress and "Phiếu khối C: " in progress
        assert progress.index("1/2") < progress.index("1/3") < progress.index("0/1")
        books = _text(app.screen.query_one("#books"))
        assert books.count("Phiếu khối B:") >= 2


async def test_a_station_opens_a_forms_batch_by_its_cover_and_enters_that_forms_marks():
    service = _counting()
    app = StationApp(SessionService(service.store, "s", FixedClock()), "v002", "S1", lang="en", follow=False)
    async with app.run_test(size=SIZE) as pilot:
        state = app.service.state
        books = state.books["B"]
        await pilot.press(*cover_qr(state, "K1", books))
        await pilot.press("enter")
        await pilot.pause()
        assert books.batches == {"K1": ("S1",)} and isinstance(app.focused, BallotEntry)
        assert len(app.query_one(BallotEntry).persons) == 2, "the grid has form B's two rows"
        await pilot.press(*ballot_qr(state, books))  # a ballot of this form is checked off
        await pilot.press("enter")
        await pilot.press("2", "3", "enter")
        await pilot.pause()
        assert books.entries[("K1", 1)].marks == "23" and state.books["A"].entered == 1
        assert "Returned 3 · Entered 2" in _text(app.query_one("#station-status"))


def test_the_replay_state_names_each_form():
    from tui.screens.replay_state import ReplayState

    text = str(ReplayState._numbers(_counting().state, "vi"))
    assert [line.split(":")[0] for line in text.splitlines()] == ["Phiếu khối A", "Phiếu khối B", "Phiếu khối C"]
