"""The whole sample conference from roll call to sealing, driven with the keyboard only."""

from __future__ import annotations

from session.agenda import allowed
from tests.tui.chair_support import TEAM, sample_service
from tui.app import ChairApp
from tui.screens.panels_pick import TeamPanel
from tui.screens.projector import ProjectorScreen, ProjectorView
from tui.widgets.pick_list import fold

ALL = {f"v{i:02d}" for i in range(1, 13)}


def test_search_ignores_case_and_diacritics():
    assert "nguyen" in fold("Nguyễn Văn A")
    assert fold("Đặng Quốc Bảo") == "dang quoc bao"


async def test_keyboard_walk_from_roll_call_to_sealing():
    service = sample_service()
    state = service.state
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("n")
        assert state.step == "roll_call"

        # Search without diacritics: "dang" finds Đặng Quốc Bảo; Enter checks him off.
        await pilot.press("slash", *"dang", "enter")
        assert state.present == {"v04"}
        await pilot.press("n")  # refused: no quorum, nothing written
        assert state.step == "roll_call"
        await pilot.press("home", *["p"] * 12)  # the cursor stayed on Đặng Quốc Bảo; from the top
        assert state.present == ALL
        await pilot.press("n", "n")
        assert state.step == "counting_team"

        # v01, then v02 (being evaluated: refused and unticked), then v05 and v06.
        await pilot.press("space", "down", "space", "down", "down", "down", "space", "down", "space")
        assert app.screen.query_one(TeamPanel).picked == TEAM
        await pilot.press("t", "enter")  # head: the first member offered
        assert state.team == TEAM and state.team_head == "v01"
        await pilot.press("b", "enter", "enter", "enter")  # 12 for, 0 against, 0 abstain
        assert state.team_approved and state.team_vote == (12, 0, 0)
        await pilot.press("n", "n")
        assert state.step == "issuing"

        await pilot.press("a", "h")
        assert state.issued_to == ALL and state.spoiled == 1
        await pilot.press("n", "r", "enter")
        assert state.returned == 12
        await pilot.press("n")
        assert state.step == "counting"

        for marks in ["33"] * 7 + ["13", "11", "21", "1x"]:
            await pilot.press(*marks, "enter")  # the grid stays open: no key opens it again
        await pilot.press("i", "enter")  # whole ballot invalid: not issued by the team
        assert state.entered == 12 and state.tally.invalid == 1

        await pilot.press("m")  # the projector view: progress, no results before the announcement
        assert isinstance(app.screen, ProjectorScreen)
        assert not app.screen.query_one(ProjectorView).query_one("#p-person").display
        await pilot.press("m")

        await pilot.press("n", "escape")  # the confirmation can be cancelled
        assert state.step == "counting"
        await pilot.press("n", "enter")
        assert state.step == "minutes"
        await pilot.press("k", "k", "k")
        assert state.signed == set(TEAM)
        await pilot.press("n")
        assert state.step == "announcing" and state.announced_at is None
        await pilot.press("c", "enter")
        assert state.announced_at is not None and state.step == "sealing"
        await pilot.press("s", "enter")
        assert state.step == "closed" and state.sealed_to == "Văn phòng Ban"
        assert allowed(state.step, state.pack) == ()


async def test_correction_entry_mode_and_mismatch_by_keyboard():
    from session import commands as c
    from session.events import Actor
    from tests.tui.chair_support import at_step, drive_to

    service = at_step("issuing")
    state = service.state
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("g", "down", "enter")  # blind double entry
        assert state.double_entry
    drive_to(service, "counting")
    first, second = (Actor("station", member, f"s{n}") for n, member in enumerate(state.team[1:3], 1))
    service.handle(c.RecordBallot("33"), first)
    service.handle(c.RecordBallot("11"), second)  # the two stations disagree on ballot 1
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("l")
        option = str(app.screen.query_one("OptionList").get_option_at_index(0).prompt)
        names = [state.conference.voter(m).name for m in state.team[1:3]]
        khanh = state.ballot_persons[0].name
        # Side by side in words: each station and its member by name, what each read for the person they differ on.
        assert all(n in option for n in names) and khanh in option and "≠" in option
        assert "Tín nhiệm cao" in option and "Tín nhiệm thấp" in option and "33" not in option
        await pilot.press("enter")
        assert state.conference.voter(state.team_head).name in app.screen.title_text
        await pilot.press(*"13", "enter", *"2468", "enter")  # the head reads the paper: 13, and types the PIN
        assert state.entered == 1 and state.entries[("", 1)].marks == "13"
        # c picks from the list of entered ballots (on the last); its marks are there to change
        await pilot.press("c", "enter", "ctrl+u", *"23", "enter", *"đọc nhầm", "enter", *"2468", "enter")
        assert state.corrections == 1 and state.entries[("", 1)].marks == "23"


async def test_the_chair_counts_pending_and_mismatched_ballots_as_the_stations_do():
    from session import commands as c
    from session.counting import SetEntryMode
    from session.events import CHAIR, Actor
    from tests.tui.chair_support import at_step, drive_to

    service = at_step("issuing")
    service.handle(SetEntryMode(True), CHAIR)
    drive_to(service, "counting")
    first, second = (Actor("station", member, f"s{n}") for n, member in enumerate(service.state.team[1:3], 1))
    service.handle(c.RecordBallot("33"), first)
    service.handle(c.RecordBallot("11"), second)  # ballot 1: a mismatch, not also awaiting
    service.handle(c.RecordBallot("13"), first)  # ballot 2: awaiting the second entry
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#progress").render())
        assert "Chờ đối chiếu (chưa tính): 1 · lệch: 1" in shown, shown


async def test_the_team_vote_says_that_enter_moves_to_the_next_field_then_records():
    from session import commands as c
    from session.events import CHAIR
    from tests.tui.chair_support import at_step
    from tui.screens.dialogs import VoteForm

    service = at_step("counting_team")
    service.handle(c.ProposeTeam(("v01", "v05", "v06"), "v01"), CHAIR)
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("b")
        form = app.screen
        assert isinstance(form, VoteForm)
        assert "ô tiếp theo" in str(form.query_one(".hint").render())
        await pilot.press("enter")
        assert app.screen is form and service.state.team_vote is None  # the first Enter only moves on
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen is not form and service.state.team_vote == (12, 0, 0)
