"""A scanned ballot held at the scanner's station is decided there: its unsure rows shown with their pictures and the
machine's guess, only those rows keyed, and the entry recorded at the held place naming the scan."""

from __future__ import annotations

import io
from importlib.util import find_spec

from PIL import Image

from session import commands as c
from session.events import Actor
from session.scanning import HoldBallot, held_ballots
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting, sample_data
from tui.screens.station import StationApp
from tui.screens.station_held import HeldView
from tui.wiring import scan_store

SIZE = (120, 40)
SCANNER = Actor("station", "v05", "SCAN")
"""The sample team's v05 runs the scanner, a station of its own."""


def _png(shade: int) -> bytes:
    buf = io.BytesIO()
    Image.new("L", (120, 20), shade).save(buf, "PNG")
    return buf.getvalue()


def _held_session() -> tuple[InMemoryEventStore, str]:
    """The sample at counting: ballot 1 read whole by the scanner, ballot 2 held with its row 2 unsure."""
    store = InMemoryEventStore()
    service = drive_to_counting(SessionService.create(store, sample_data(), clock=FixedClock(), session_id="s"))
    scans = scan_store(store)
    first, second, row = (scans.put("s", n, d) for n, d in (("b1.png", _png(250)), ("b2.png", _png(240)), ("b2.row2.png", _png(90))))
    service.handle(c.RecordBallot("12", batch="B1", image=first), SCANNER)
    service.handle(HoldBallot(2, second, "1?", (1,), (row,), "B1"), SCANNER)
    return store, second


async def test_the_member_keys_only_the_unsure_rows_and_the_entry_names_the_scan():
    store, image = _held_session()
    app = StationApp(SessionService(store, "s", FixedClock()), "v05", "SCAN", lang="en", follow=False)
    async with app.run_test(size=SIZE) as pilot:
        app.set_focus(None)
        await pilot.press("f5")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, HeldView)
        text = " ".join(str(label.render()) for label in view.query("Label"))
        person = app.service.state.main.persons[1]
        assert "Row 2." in text and person.name in text and "unreadable" in text
        # The row's picture where textual-image is installed (the scan extra), else a line saying how to see it.
        expected = ".held-picture" if find_spec("textual_image") else ".held-note"
        assert view.query(expected)
        await pilot.press("7", "enter")  # not a mark: named, nothing recorded
        await pilot.pause()
        assert app.screen is view and app.service.state.entered == 1
        await pilot.press("backspace", "3", "enter")
        await pilot.pause()
    state = app.service.state
    assert state.entered == 2 and state.main.entries[("B1", 2)].marks == "13" and held_ballots(state) == []
    recorded = [r.payload for r in store.load("s") if r.type == "ballot_recorded"]
    assert recorded[-1]["image"] == image and recorded[-1]["position"] == 2


async def test_a_station_with_nothing_held_says_so():
    store, _ = _held_session()
    app = StationApp(SessionService(store, "s", FixedClock()), "v06", "S2", lang="en", follow=False)
    async with app.run_test(size=SIZE) as pilot:
        app.action_held()
        await pilot.pause()
        assert not isinstance(app.screen, HeldView)
        assert any("holds no ballot" in str(n.message) for n in app._notifications)
