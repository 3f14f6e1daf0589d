"""The footer shows the keys offered now from the first paint on, and follows the step and the language."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tests.tui.chair_support import at_step
from tui.app import ChairApp


def footer_keys(app: ChairApp) -> list[tuple[str, str]]:
    """(key, label) of every agenda, document or view key the footer shows (the palette key aside), in order."""
    return [(key.key, key.description) for key in app.screen.query(FooterKey) if not key.has_class("-command-palette")]


def offered(app: ChairApp) -> list[tuple[str, str]]:
    """(key, label) of every shown binding the screen offers now."""
    return [(key, b.description) for key, (_, b, _, _) in app.screen.active_bindings.items() if b.show]


async def test_footer_follows_the_step_and_the_language():
    app = ChairApp(at_step("prepared"), follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = footer_keys(app)
        assert first == offered(app) and ("n", "Bước tiếp") in first, first
        await pilot.press("n")  # to the roll call: present and absent join the keys
        await pilot.pause()
        after = footer_keys(app)
        assert app.service.state.step == "roll_call"
        assert after == offered(app) and {"p", "x"} <= {key for key, _ in after}, after
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert footer_keys(app) == offered(app) != after
