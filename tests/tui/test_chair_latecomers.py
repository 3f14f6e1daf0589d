"""The chair console with a latecomer and a voter left without a ballot: both asked in words, both recorded."""

from __future__ import annotations

from session import commands as c
from session.events import CHAIR
from tests.tui.chair_support import TEAM, sample_service
from tui.app import ChairApp
from tui.screens.dialogs import ChoiceForm, Confirm


def _at_issuing_with_eleven_present():
    service = sample_service()
    for command in (c.Advance(), c.MarkPresent(tuple(f"v{i:02d}" for i in range(1, 12))), c.Advance(), c.Advance(),
                    c.ProposeTeam(TEAM, "v01"), c.ApproveTeam(11), c.Advance(), c.Advance()):
        service.handle(command, CHAIR)
    assert service.state.step == "issuing"
    return service


async def test_p_after_the_roll_call_offers_those_absent_and_marks_the_pick_late():
    service = _at_issuing_with_eleven_present()
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        assert isinstance(app.screen, ChoiceForm)
        absent = service.state.conference.voter("v12").name
        assert absent in str(app.screen.query_one("OptionList").get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert "v12" in service.state.present and service.state.late == ("v12",)


async def test_leaving_issuing_with_someone_unserved_asks_naming_them_then_records_it():
    service = _at_issuing_with_eleven_present()
    service.handle(c.IssueBallots(tuple(f"v{i:02d}" for i in range(1, 11))), CHAIR)
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, Confirm)
        name = service.state.conference.voter("v11").name
        assert name in app.screen.title_text
        await pilot.press("escape")
        assert service.state.step == "issuing"
        await pilot.press("n", "enter")
        await pilot.pause()
        assert service.state.step == "voting" and service.state.unserved == ("v11",)
