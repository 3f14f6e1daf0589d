"""Snapshots of each step's panel at 120×36 and 80×24 (the projector's are in test_projector_snapshots.py).

Regenerate with ``pytest tests/tui/test_chair_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import time

import pytest

from session import commands as c
from session.events import CHAIR
from tests.tui.chair_support import BALLOTS, at_step
from tui.app import ChairApp, ProjectorApp

WIDE, SMALL = (120, 36), (80, 24)


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Times are shown in the local zone: pin it so the agenda's times are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def chair(step: str, *commands: c.Command) -> ChairApp:
    """The console on the sample session at ``step``, after ``commands``."""
    service = at_step(step)
    for command in commands:
        service.handle(command, CHAIR)
    return ChairApp(service, follow=False)


def projector(service) -> ProjectorApp:
    """The projector view in its high-contrast theme, as ``tinnhiem project`` opens it."""
    return ProjectorApp(service, follow=False, theme="projector")


def half_counted(app_class=ChairApp):
    """The sample session in the middle of counting: 6 of 12 ballots entered, one of them whole-invalid."""
    service = at_step("counting")
    for marks in BALLOTS[:5]:
        service.handle(c.RecordBallot(marks), CHAIR)
    service.handle(c.RecordBallot(invalid_reason="not_issued"), CHAIR)
    return projector(service) if app_class is ProjectorApp else app_class(service, follow=False)


def test_prepared(snap_compare):
    """The launch code 111-222-333 in large digits and in the status line; agenda with step 0 current; footer: n."""
    assert snap_compare(chair("prepared"), terminal_size=WIDE)


def test_roll_call_search(snap_compare):
    """Roll call with 7/12 present (meter yellow, "cần 8"); searching "dang" shows only Đặng Quốc Bảo."""
    app = chair("roll_call", c.MarkPresent(tuple(f"v{i:02d}" for i in range(1, 8))))
    assert snap_compare(app, terminal_size=WIDE, press=["slash", *"dang"])


def test_roll_call_small(snap_compare):
    """Roll call at 80×24: agenda labels cut with an ellipsis, meter, search box and the voter list still legible."""
    app = chair("roll_call", c.MarkPresent(("v01", "v02", "v05")))
    assert snap_compare(app, terminal_size=SMALL)


def test_briefing(snap_compare):
    """Briefing: QD96 title, levels, quorum rule 8/12, denominator "tổng số phiếu thu về", both bands, citation."""
    assert snap_compare(chair("briefing"), terminal_size=WIDE)


def test_counting_team(snap_compare):
    """Counting team proposed (v01 head, v05, v06) and approved 12–0–0; present voters with the evaluated marked."""
    app = chair("counting_team", c.ProposeTeam(("v01", "v05", "v06"), "v01"), c.ApproveTeam(12))
    assert snap_compare(app, terminal_size=WIDE)


def test_instructions(snap_compare):
    """Instructions to the team: the six numbered duties, with the team and its head named above."""
    assert snap_compare(chair("team_instructions"), terminal_size=WIDE)


def test_issuing(snap_compare):
    """Issuing: 3 of 12 hold a ballot (ticked), one spoiled ballot exchanged; footer: i, a, h, g, n."""
    app = chair("issuing", c.IssueBallots(("v01", "v02", "v03")), c.ExchangeSpoiled("v02"))
    assert snap_compare(app, terminal_size=WIDE)


def test_collection_dialog(snap_compare):
    """Collection: the modal asking for the number returned, prefilled with 12, warning it cannot be undone."""
    assert snap_compare(chair("voting"), terminal_size=WIDE, press=["r"])


def test_counting(snap_compare):
    """Counting: the chair's grid open on ballot 7 (its keys named below it), ballot 6 echoed as whole-invalid,
    the tally (Tín nhiệm thấp 5 · Không hợp lệ 1 for both) and the list of six ballots in words; 6/12 entered."""
    assert snap_compare(half_counted(), terminal_size=WIDE)


def test_counting_small(snap_compare):
    """The same counting panel at 80×24: the grid on ballot 7, its keys, the last ballot and the tally in view; the
    status line wraps onto a second row so "m màn chiếu · q mã QR · ^l English" is whole at 80 columns."""
    assert snap_compare(half_counted(), terminal_size=SMALL)


def test_counting_small_names_whole(snap_compare):
    """At 80×24 the counting grid's level columns narrow to their mark, headed 1 2 3 (the keys' line below names
    the levels); "Lê Văn Khánh — Phó Trưởng ban" and "Hoàng Thị Mai — Phó Trưởng ban" are whole, each wrapping
    its position onto a second line of its row; the cursor (reverse video) covers both lines of row 1."""
    from tui.widgets.ballot_entry import BallotEntry

    app = half_counted()

    async def names_whole(pilot):
        await pilot.pause()
        grid = app.screen.query_one(BallotEntry)
        lines = [line.text for line in grid.render_lines(grid.region.reset_offset)]
        rendered = "\n".join(lines)
        assert grid.compact and "Tín nhiệm cao" not in rendered  # the level names are in the keys' line
        assert "Lê Văn Khánh — Phó Trưởng" in rendered and "Hoàng Thị Mai — Phó" in rendered, rendered
        assert [line.strip(" │") for line in lines if "ban" in line and "[" not in line] == ["ban", "Trưởng ban"]

    assert snap_compare(app, terminal_size=SMALL, run_before=names_whole)


def test_minutes(snap_compare):
    """Minutes: v01 signed (ticked), v05 and v06 not; the preview lists books, each person's counts and the log code."""
    assert snap_compare(chair("minutes", c.SignMinutes("v01")), terminal_size=WIDE)


def test_results_before_announcing(snap_compare):
    """Announcing: the results table on the console only: Lê Văn Khánh in red (≥ 2/3 low) with the consequence."""
    assert snap_compare(chair("announcing"), terminal_size=WIDE)


def test_qr_small(snap_compare):
    """The log's head digest as a QR code at 80×24: the whole code fits, with the short code above it."""
    assert snap_compare(chair("announcing"), terminal_size=SMALL, press=["q"])


def test_sealing_dialog(snap_compare):
    """Sealing: the hand-over modal prefilled with "Văn phòng Ban" and the irreversibility warning."""
    assert snap_compare(chair("sealing"), terminal_size=WIDE, press=["s"])




def test_announcing_small_names_whole(snap_compare):
    """At 80×24 before the announcement: the agenda keeps its marks and short step names (✓ Kiểm phiếu, ✓ Biên bản,
    ▶ Công bố, · Niêm phong), the times left out; the results table shows "Lê Văn Khánh" and "Hoàng Thị Mai"
    whole, each count with its percentage below it (25,00% … 16,67%), nothing cut to "…"; the band "Từ 2/3 trở lên"
    wraps in its column; the books line wraps but is whole; footer: c Công bố, v In biên bản."""
    from tui.widgets.agenda_list import AgendaList
    from tui.widgets.tally_table import ResultsView

    app = chair("announcing")

    def rendered(widget) -> str:
        return "\n".join(line.text for line in widget.render_lines(widget.region.reset_offset))

    async def names_whole(pilot):
        await pilot.pause()
        table = rendered(app.screen.query_one(ResultsView))
        assert "Lê Văn Khánh" in table and "Hoàng Thị Mai" in table and "…" not in table, table
        assert all(figure in table for figure in ("25,00%", "58,33%", "16,67%", "66,67%")), table
        agenda = rendered(app.screen.query_one(AgendaList))
        assert all(f"{mark} {name}" in agenda for mark, name in
                   (("✓", "Tổ kiểm phiếu"), ("✓", "Biên bản"), ("▶", "Công bố"), ("·", "Niêm phong"))), agenda
        assert "…" not in agenda and "15:00" not in agenda, agenda

    assert snap_compare(app, terminal_size=SMALL, run_before=names_whole)


def test_roll_call_small_short_steps(snap_compare):
    """At 80×24 at roll call: the agenda's step names short and whole (Điểm danh, Tổ kiểm phiếu, Biên bản …),
    none cut to "…"; the voters' names whole in the list; footer: n Bước tiếp, p Có mặt, x Bỏ có mặt."""
    from tui.widgets.agenda_list import AgendaList

    app = chair("roll_call")

    async def steps_whole(pilot):
        await pilot.pause()
        agenda = app.screen.query_one(AgendaList)
        rendered = "\n".join(line.text for line in agenda.render_lines(agenda.region.reset_offset))
        assert "Điểm danh" in rendered and "Tổ kiểm phiếu" in rendered and "…" not in rendered

    assert snap_compare(app, terminal_size=SMALL, run_before=steps_whole)


def test_counting_team_small_boxes(snap_compare):
    """At 80×24 in the projector theme, picking the counting team: every present voter with a box, "[✓]" before
    Trịnh Minh Đức and Phan Thị Hạnh (picked), "[ ]" before the others, so the pick reads without colour; names and
    posts wrap, never cut; the being-evaluated note follows v02–v04."""
    app = chair("counting_team")
    app._start_theme = "projector"
    assert snap_compare(app, terminal_size=SMALL, press=["space", "down", "down", "down", "down", "space"])


def test_issuing_small_footer_whole(snap_compare):
    """At 80×24 while issuing: the footer takes two rows and shows every key whole: n Bước tiếp, p Có mặt,
    i Phát phiếu, a Phát tất cả, h Đổi phiếu hỏng, g Cách nhập, f In phiếu, and ^p Bảng lệnh at the right."""
    assert snap_compare(chair("issuing"), terminal_size=SMALL)


def test_minutes_small_every_signer(snap_compare):
    """At 80×24 at the minutes: all three signers listed (Trịnh Minh Đức as head, Phan Thị Hạnh, Võ Thanh Sơn),
    v01 ticked and signed; the minutes' preview below; the books line whole ("Đã kiểm 12")."""
    assert snap_compare(chair("minutes", c.SignMinutes("v01")), terminal_size=SMALL)


def test_sealing_small_reveal_keys(snap_compare):
    """At 80×24 after the announcement, the chair's key has shown person 2: the panel says the projector shows
    person 2 of 2, Hoàng Thị Mai, and how to move on; the footer's two rows hold s Niêm phong, → Người tiếp theo,
    ← Người trước, * Hiện tất cả, v In biên bản and u Lưu hồ sơ."""
    assert snap_compare(chair("sealing"), terminal_size=SMALL, press=["right"])


def test_closed_small_says_how_to_quit(snap_compare):
    """At 80×24 once sealed: the panel says who received the ballots (Văn phòng Ban), that the log's events and
    code are kept (here in memory), the keys that write the minutes (v) and the archive (u), and "Nhấn Ctrl+Q để
    thoát"; the results below."""
    assert snap_compare(chair("closed"), terminal_size=SMALL)
