"""The projector for a hall: figures that grow with the screen, results one person at a time or all at once,
no consequence text, no toasts, no footer, the heading naming what is shown, full names at 80×24."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from session.results import band_text
from tests.tui.chair_support import at_step
from tui.app import ChairApp, ProjectorApp
from tui.widgets.big_text import BigText, draw, fitting_scale, width_at


def screen_text(app) -> str:
    """What the screen shows, as plain lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def test_the_block_font_scales_to_the_room_it_has():
    assert fitting_scale("12/12", 80, 20) == 4 and fitting_scale("12/12", 160, 40) == 8
    assert fitting_scale("12/12", 10, 4) == 0  # too small even at scale 1: plain text, never cut
    assert all(len(row) == width_at("58,33%", 2) for row in draw("58,33%", 2))


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_attendance_digits_grow_with_the_screen(size):
    app = ProjectorApp(at_step("roll_call"), follow=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        figure = app.screen.query_one("#p-present").query_one(BigText)
        assert figure.value == "0/12"
        assert figure.scale >= (3 if size[0] == 80 else 6), figure.scale
        assert "ĐIỂM DANH" in str(app.screen.query_one("#p-heading").content)
        assert not app.screen.query(Footer)


async def test_results_one_at_a_time_then_everyone_without_consequences():
    service = at_step("sealing")
    state = service.state
    app = ProjectorApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        heading = app.screen.query_one("#p-heading")
        assert "1/2" in str(heading.content)
        shown = screen_text(app)
        first, second = (p.name for p in state.ballot_persons)
        assert first in shown and second not in shown
        await pilot.press("space")
        await pilot.pause()
        assert "2/2" in str(heading.content)
        shown = screen_text(app)
        assert first in shown and second in shown  # the earlier one stays in the table, name whole
        await pilot.press("a")
        await pilot.pause()
        assert "2 NGƯỜI" in str(heading.content)
        shown = screen_text(app)
        for band in ("none", "over_half", "two_thirds"):
            consequence = band_text(state, band, "vi")
            assert not consequence or consequence not in shown, consequence
        assert "miễn nhiệm" not in shown


async def test_the_chairs_toasts_do_not_reach_the_hall():
    app = ChairApp(at_step("roll_call"), follow=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("CHAIRNOTE42")
        await pilot.pause(0.3)
        assert "CHAIRNOTE42" in screen_text(app)  # the console shows its toasts
        app.clear_notifications()
        await pilot.press("m")
        app.notify("SECRETNOTE42")
        await pilot.pause(0.3)
        assert "SECRETNOTE42" not in screen_text(app)
