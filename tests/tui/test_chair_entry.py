"""The chair console counts by itself: the entry stays open ballot after ballot, with the list, the tally and a
correction picked from the list."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from tests.tui.chair_support import at_step
from tui.app import ChairApp
from tui.screens.station_dialogs import FieldsForm
from tui.widgets.ballot_entry import BallotEntry
from tui.widgets.chair_entry import ChairEntry

TEN = ["33", "33", "12", "13", "11", "21", "1x", "30", "2-", "22"]
"""Ten two-person ballots, every kind of mark among them."""


def _text(app: ChairApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_ten_ballots_without_a_dialog_then_a_correction_from_the_list():
    service = at_step("counting")
    state = service.state
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 40)) as pilot:
        entry = app.screen.query_one(ChairEntry)
        assert isinstance(app.focused, BallotEntry)  # the grid takes the keys as soon as the step is shown
        for number, marks in enumerate(TEN, 1):
            await pilot.press(*marks, "enter")
            assert state.entered == number
            assert app.screen is entry.screen  # no dialog opened, none to close
            assert entry.entered_list.option_count == number
            assert str(number) in _text(app, "#entry-last")
        assert [e.marks for e in state.entries.values()] == TEN
        khanh, mai = (p.name for p in state.ballot_persons)
        last = _text(app, "#entry-last")
        assert "10" in last and khanh in last and mai in last
        high = state.pack.levels[0].vi
        # Khánh: 1 on ballots 3, 4, 5, 7; 2 on 6, 9, 10; 3 on 1, 2, 8.
        assert f"{khanh}: {high} 4" in _text(app, "#entry-tally")

        await pilot.press("c")  # the list takes the keys, on the last ballot entered
        assert isinstance(app.focused, OptionList)
        await pilot.press("up", "enter")  # ballot 9
        form = app.screen
        assert isinstance(form, FieldsForm)
        assert form.query_one("#f0").value == "2-"  # the entered marks to start from
        await pilot.press("ctrl+u", *"23", "enter", *"misread", "enter")
        assert isinstance(app.screen, FieldsForm)  # the head's PIN
        await pilot.press(*"2468", "enter")
        await pilot.pause()
        assert state.entries[("", 9)].marks == "23" and state.corrections == 1
        assert "9. " in str(entry.entered_list.get_option_at_index(8).prompt)


async def test_a_whole_invalid_ballot_and_keys_typed_fast():
    service = at_step("counting")
    state = service.state
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e", "1", "2", "enter", "3", "3", "enter", "i", "enter")  # no pause between ballots
        await pilot.pause()
        assert [e.marks for e in state.entries.values()] == ["12", "33", None]
        assert state.entries[("", 3)].reason == state.pack.invalid_reasons[0].key
        help_line = _text(app, "#entry-help")
        for words in ("0", "x", "- ", "Enter"):
            assert words in help_line
        await pilot.press("e", "tab")  # Tab after e reaches the list, not lost on a dialog being built
        assert isinstance(app.focused, OptionList)


async def test_w_moves_the_entry_to_the_next_form_and_its_ballot_is_recorded_on_that_form():
    from tests.forms_support import forms_conference, started, to_counting

    service = to_counting(started(forms_conference()))
    books = service.state.books
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 40)) as pilot:
        entry = app.screen.query_one(ChairEntry)
        assert entry.form == "A" and len(entry.grid.persons) == 3
        await pilot.press("w")  # form B: two persons
        assert entry.form == "B" and [name for name, _ in entry.grid.persons] == [p.name for p in books["B"].persons]
        assert "khối B" in _text(app, "#entry-form")
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        assert [e.marks for e in books["B"].entries.values()] == ["12"]
        assert not books["A"].entries and not books["C"].entries
        await pilot.press("w", "3", "enter")  # form C: one person
        await pilot.pause()
        assert [e.marks for e in books["C"].entries.values()] == ["3"] and not books["A"].entries


async def test_the_help_at_counting_names_the_grids_keys_and_g_goes_to_a_row():
    from tests.forms_support import forms_conference, started, to_counting
    from tui.screens.help import HelpScreen

    app = ChairApp(to_counting(started(forms_conference())), follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {does: k for k, does in app.screen.rows}
        assert keys["Đến dòng số"] == "g" and "Cách nhập" not in keys  # entry mode is chosen before counting
        assert keys["Mẫu phiếu tiếp theo"] == "w" and keys["Điền phần còn lại"] == "f"
        assert keys["Cả phiếu không hợp lệ"] == "i" and keys["Điền phần còn lại và ghi phiếu"] == "space"


async def test_the_help_while_voting_gives_g_to_the_entry_mode():
    from tui.screens.help import HelpScreen

    app = ChairApp(at_step("voting"), follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {does: k for k, does in app.screen.rows}
        assert keys["Cách nhập"] == "g" and "Đến dòng số" not in keys
