"""? / F1 lists the screen's keys in the user's language on every screen; quitting an open session asks first;
the command palette's search box speaks Vietnamese."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette

from tests.tui.chair_support import at_step
from tests.tui.test_projector_hall import screen_text
from tui.app import ChairApp, ProjectorApp
from tui.screens.dialogs import Confirm
from tui.screens.help import HelpScreen


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_on_the_chair_console_lists_its_keys_in_vietnamese(key):
    app = ChairApp(at_step("roll_call"), follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        assert isinstance(app.screen, HelpScreen)
        keys = dict((does, k) for k, does in app.screen.rows)
        assert keys["Bước tiếp"] == "n" and keys["Có mặt"] == "p" and "Bỏ có mặt" in keys
        assert "Next step" not in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_on_the_projector_names_the_reveal_keys():
    app = ProjectorApp(at_step("sealing"), follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        does = [d for _, d in app.screen.rows]
        assert "Người tiếp theo" in does and "Hiện tất cả" in does


async def test_quitting_an_open_session_asks_first():
    app = ChairApp(at_step("roll_call"), follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, Confirm) and "Điểm danh" in app.screen.title_text
        await pilot.press("escape")
        assert app.is_running and not isinstance(app.screen, Confirm)
        await pilot.press("ctrl+q", "enter")
        await pilot.pause()
        assert not app.is_running


async def test_the_palette_searches_in_vietnamese():
    app = ChairApp(at_step("roll_call"), follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert "Tìm lệnh" in app.screen._placeholder
