"""The console resumes from the log after closing; the projector follows another process's writes."""

from __future__ import annotations

import subprocess
import sys
import time

from session.service import SessionService
from tests.tui.chair_support import sample_service
from tui.app import ChairApp, ProjectorApp
from tui.screens.panels_pick import RollCallPanel
from tui.widgets.big_text import BigText
from tui.widgets.pick_list import PickList
from tui.wiring import open_store


async def test_reopening_resumes_at_the_exact_step(sqlite_path):
    sample_service(open_store(sqlite_path))
    first = ChairApp(SessionService(open_store(sqlite_path), "sample"), follow=False)
    async with first.run_test(size=(120, 36)) as pilot:
        await pilot.press("n", "p", "p")
        assert first.service.state.present == {"v01", "v02"}
    again = ChairApp(SessionService(open_store(sqlite_path), "sample"), follow=False)
    async with again.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert again.service.state.step == "roll_call"
        panel = again.screen.query_one(RollCallPanel)
        marked = {row.id for row in panel.query_one(PickList)._rows if row.marked}
        assert marked == {"v01", "v02"}
        seq = again.service.state.seq
        await pilot.press("p", "p")  # v01 and v02 again: refused as already present, nothing written
        assert again.service.state.present == {"v01", "v02"} and again.service.state.seq == seq


def _do(db: str, *action: str) -> None:
    """Run ``tinnhiem do`` in another process, as a second terminal would."""
    code = "import sys; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
    subprocess.run([sys.executable, "-c", code, "do", "--db", db, *action], check=True, capture_output=True)


async def test_projector_shows_another_process_write_within_a_second(sqlite_path):
    sample_service(open_store(sqlite_path))
    app = ProjectorApp(SessionService(open_store(sqlite_path), "sample"))
    async with app.run_test(size=(120, 36)) as pilot:
        present = app.screen.query_one("#p-present").query_one(BigText)
        assert present.value == "0/12"
        _do(sqlite_path, "next")
        _do(sqlite_path, "present", "v01", "v02", "v03")
        written = time.monotonic()
        while present.value != "3/12" and time.monotonic() - written < 1.0:
            await pilot.pause(0.05)
        assert present.value == "3/12", "the projector did not pick up the other process's events within 1 s"
        assert app.service.state.step == "roll_call"


async def test_a_second_console_only_watches():
    from session.errors import SessionError
    from tests.tui.chair_support import at_step

    service = at_step("roll_call")
    held = SessionError("lock.chair_held", session="sample", holder="host:1", since="08:00")
    app = ChairApp(service, follow=False, read_only=held)
    async with app.run_test(size=(120, 36)) as pilot:
        seq = service.state.seq
        await pilot.press("p", "n")
        assert service.state.seq == seq and service.state.step == "roll_call"
        assert any("host:1" in n.message for n in app._notifications)


async def test_projector_never_counts_an_unconfirmed_entry():
    from session import commands as c
    from session.counting import SetEntryMode
    from session.events import CHAIR, Actor
    from tests.tui.chair_support import at_step, drive_to
    from tui.base import StateChanged

    service = at_step("issuing")
    service.handle(SetEntryMode(True), CHAIR)
    drive_to(service, "counting")
    first, second = (Actor("station", member, f"s{n}") for n, member in enumerate(service.state.team[1:3], 1))
    service.handle(c.RecordBallot("33"), first)  # blind double entry: pending until a second agrees
    assert service.state.entered == 0 and service.state.pending
    app = ProjectorApp(service, follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        entered = app.screen.query_one("#p-entered").query_one(BigText)
        assert entered.value == "0"
        service.handle(c.RecordBallot("33"), second)  # another member at another station agrees: counted
        app.post_message(StateChanged())
        await pilot.pause()
        assert service.state.entered == 1 and entered.value == "1"
