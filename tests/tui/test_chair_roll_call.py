"""The roll call by keyboard: search, Enter, Esc and ``p`` as a chair would press them."""

from __future__ import annotations

from tests.tui.chair_support import sample_service
from tui.app import ChairApp
from tui.widgets.pick_list import PickList


async def _at_roll_call(pilot):
    await pilot.press("n")
    await pilot.pause()


async def test_enter_after_a_search_checks_off_and_gives_the_keys_back_to_the_list():
    service = sample_service()
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_roll_call(pilot)
        await pilot.press("slash", *"dang", "enter")
        await pilot.pause()
        voters = app.screen.query_one(PickList)
        assert service.state.present == {"v04"}
        assert app.focused is voters and voters.highlighted_id == "v04"
        assert len(voters.visible_ids) == 12  # the filter is gone: the next name is one "/" away
        await pilot.press("n")  # the agenda's key, not a letter in the search box: refused for want of quorum
        assert service.state.step == "roll_call"
        assert app.screen.query_one("#search").value == ""


async def test_enter_after_a_search_on_someone_present_does_not_mark_them_absent():
    service = sample_service()
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_roll_call(pilot)
        await pilot.press("slash", *"dang", "enter", "slash", *"dang", "enter")
        await pilot.pause()
        assert service.state.present == {"v04"}


async def test_escape_leaves_the_filter_with_the_cursor_on_the_same_voter():
    service = sample_service()
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_roll_call(pilot)
        await pilot.press("slash", *"hanh", "down")
        await pilot.pause()
        voters = app.screen.query_one(PickList)
        chosen = voters.highlighted_id
        assert chosen is not None and len(voters.visible_ids) < 12
        await pilot.press("escape")
        await pilot.pause()
        assert voters.highlighted_id == chosen and len(voters.visible_ids) == 12
        assert app.focused is voters and service.state.present == set()


async def test_p_on_someone_present_says_so_once_instead_of_piling_up_refusals():
    service = sample_service()
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await _at_roll_call(pilot)
        await pilot.press(*["p"] * 12)
        await pilot.pause()
        seq = service.state.seq
        app.clear_notifications()
        await pilot.press("up", "p", "p", "p")  # on those present already: v11, then v12 where the cursor rests
        await pilot.pause()
        notes = list(app._notifications)
        assert len(notes) == 1
        assert notes[0].severity == "information"
        assert service.state.conference.voter("v11").name in notes[0].message
        assert app.screen.query_one(PickList).highlighted_id == "v12"
        assert service.state.seq == seq  # nothing was asked of the log
