"""At 80×24 the chair reads every mark and key: the team pick shows its boxes, the issuing footer every key, the
minutes every signer, the closed step how to quit; the help speaks one language; the chair's key drives the hall's
projector through the log."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from session import commands as c
from session.admissible import check
from session.events import CHAIR
from session.results import results
from tests.tui.chair_support import TEAM, at_step
from tests.tui.test_projector_hall import screen_text
from tui.app import ChairApp, ProjectorApp
from tui.screens.help import HelpScreen
from tui.screens.panels_pick import TeamPanel
from tui.screens.projector import ProjectorView
from tui.widgets.pick_list import PickList

SMALL = (80, 24)


def rows_text(widget) -> str:
    """The lines a widget draws now."""
    return "\n".join(line.text for line in widget.render_lines(widget.region.reset_offset))


async def test_the_team_pick_marks_each_row_with_a_box_not_only_a_colour():
    app = ChairApp(at_step("counting_team"), follow=False, theme="projector")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("space", "down", "space")  # v01 picked; v02 is being evaluated: refused, left empty
        await pilot.pause()
        assert app.screen.query_one(TeamPanel).picked == ("v01",)
        shown = rows_text(app.screen.query_one(PickList))
        assert "[✓] v01 Trịnh Minh Đức" in shown and "[ ] v02 Lê Văn Khánh" in shown, shown
        await pilot.press("down", "down", "down", "space", "down", "space", "space")  # v05, v06 in; v06 out again
        assert app.screen.query_one(TeamPanel).picked == ("v01", "v05")
        assert "[ ] v06 Võ Thanh Sơn" in rows_text(app.screen.query_one(PickList))


async def test_every_key_of_the_issuing_step_is_in_the_footer_at_80_columns():
    app = ChairApp(at_step("issuing"), follow=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        shown = {(k.key, k.description) for k in app.screen.query(FooterKey)}
        assert {("h", "Đổi phiếu hỏng"), ("g", "Cách nhập"), ("a", "Phát tất cả"), ("ctrl+p", "Bảng lệnh")} <= shown
        text = screen_text(app)
        for key in app.screen.query(FooterKey):  # each key whole inside the screen, none pushed off its row
            assert key.region.right <= SMALL[0] and key.region.bottom <= SMALL[1], key
        assert "h Đổi phiếu hỏng" in text and "palette" not in text


async def test_the_minutes_list_every_signer_at_80x24():
    app = ChairApp(at_step("minutes"), follow=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        signers = rows_text(app.screen.query_one(PickList))
        assert all(name in signers for name in ("Trịnh Minh Đức", "Phan Thị Hạnh", "Võ Thanh Sơn")), signers


async def test_the_closed_step_says_how_to_quit_and_what_was_written():
    app = ChairApp(at_step("closed"), follow=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Ctrl+Q" in text and "bộ nhớ" in text and "Văn phòng Ban" in text, text


async def test_the_help_speaks_the_users_language_and_names_each_key_once():
    for lang, words, foreign in (("vi", ("Lên", "Tìm theo tên"), "Scroll"), ("en", ("Up", "Search by name"), "Lên")):
        app = ChairApp(at_step("roll_call"), follow=False, lang=lang)
        async with app.run_test(size=SMALL) as pilot:
            await pilot.press("f1")
            assert isinstance(app.screen, HelpScreen)
            keys = [k for row in app.screen.rows for k in row[0].split(" / ")]
            does = [d for _, d in app.screen.rows]
            assert len(keys) == len(set(keys)) and keys.count("^p") == 1, keys
            assert all(w in " ".join(does) for w in words), does
            assert not any(foreign in d or d in ("✓", "/", "Esc", "Select", "palette") for d in does), does


async def test_the_chairs_key_reaches_a_projector_in_another_process():
    service = at_step("sealing")
    hall = ProjectorApp(service, follow=False)  # another process, reading the same log
    console = ChairApp(service, follow=False)
    async with hall.run_test(size=SMALL) as hall_pilot, console.run_test(size=SMALL) as pilot:
        view = hall.screen.query_one(ProjectorView)
        counted = results(service.state)
        assert "NGƯỜI THỨ 1/2" in screen_text(hall)
        await pilot.press("right")
        assert service.state.shown == ("p2",) and service.state.step == "sealing"
        assert "người thứ 2/2: Hoàng Thị Mai" in screen_text(console)
        await hall.screen.show_state()
        await hall_pilot.pause()
        assert view.shown == ("p2",) and "NGƯỜI THỨ 2/2" in screen_text(hall)
        await pilot.press("asterisk")
        await hall.screen.show_state()
        await hall_pilot.pause()
        assert "KẾT QUẢ LẤY PHIẾU: 2 NGƯỜI" in screen_text(hall)
        assert check(service.store.load(service.session_id)).ok  # the reveal events are admissible
        assert results(service.state) == counted  # and they change no count


def test_the_reveal_is_refused_before_the_announcement_and_to_a_station():
    from session.errors import SessionError
    from session.events import Actor
    from session.showing import ShowResults

    service = at_step("announcing")
    for who in (CHAIR, Actor("station", TEAM[0], "Máy 1")):
        try:
            service.handle(ShowResults(("p1",)), who)
        except SessionError:
            continue
        raise AssertionError(f"{who} revealed before the announcement")
    service.handle(c.AnnounceResults(), CHAIR)
    try:
        service.handle(ShowResults(("p1",)), Actor("station", TEAM[0], "Máy 1"))
    except SessionError:
        pass
    else:
        raise AssertionError("a station revealed results")
