"""Snapshots of the hall's projector before and after the announcement at 80×24, 120×36 and 160×45.

Regenerate with ``pytest tests/tui/test_projector_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import pytest

from tests.tui.chair_support import at_step
from tests.tui.test_chair_snapshots import half_counted, projector, utc  # noqa: F401  (utc: the fixture)
from tui.app import ProjectorApp

SIZES = {"80x24": (80, 24), "120x36": (120, 36), "160x45": (160, 45)}


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_projector_while_counting(snap_compare, size):
    """Heading "KIỂM PHIẾU: ĐÃ KIỂM 6/12 PHIẾU — KẾT QUẢ SẼ CÔNG BỐ SAU"; four block-digit figures that fill the
    screen: Có mặt 12/12 (triệu tập 12 · cần 8), Phát ra 12, Thu về 12, Đã kiểm 6 (1 phiếu không hợp lệ); the log
    code bottom right; no footer, no key hints, no results."""
    assert snap_compare(half_counted(ProjectorApp), terminal_size=size)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_projector_announced_first_person(snap_compare, size):
    """Heading "KẾT QUẢ LẤY PHIẾU: NGƯỜI THỨ 1/2"; the full name Lê Văn Khánh and Phó Trưởng ban; each level's
    percentage in block digits (25,00% · 8,33% · 58,33% · 8,33%) with its count of ballots under it; no band and
    no consequence text anywhere."""
    assert snap_compare(projector(at_step("sealing")), terminal_size=size)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_projector_announced_second_person(snap_compare, size):
    """After Space: "NGƯỜI THỨ 2/2", Hoàng Thị Mai large, and Lê Văn Khánh's counts and percentages in the table
    below, his name whole."""
    assert snap_compare(projector(at_step("sealing")), terminal_size=size, press=["space"])


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_projector_announced_everyone(snap_compare, size):
    """After ``a``: "KẾT QUẢ LẤY PHIẾU: 2 NGƯỜI" and one table with both full names, count · percentage per level."""
    assert snap_compare(projector(at_step("sealing")), terminal_size=size, press=["a"])


def _three_forms_half_counted():
    from session import commands as c
    from session.events import CHAIR
    from session.service import SessionService
    from storage.memory_store import InMemoryEventStore
    from tests.forms_support import forms_conference, to_counting
    from tests.scenarios import FixedClock

    # A fixed launch code: the log's code on the screen is then the same on every run.
    fresh = SessionService.create(InMemoryEventStore(), forms_conference(), clock=FixedClock(), session_id="s",
                                  launch_code="111-222-333")
    service = to_counting(fresh, {"A": 12, "B": 11, "C": 10})
    for form, n in (("A", 12), ("B", 5)):
        for _ in range(n):
            service.handle(c.RecordBallot("1" * len(service.state.books[form].persons), form=form), CHAIR)
    return projector(service)


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_projector_counting_three_forms(snap_compare, size):
    """Three forms: the heading gives each form's progress, "KHỐI A 12/12 · KHỐI B 5/11 · KHỐI C 0/10"; the big
    figures add the forms: Phát ra 36, Thu về 33, Đã kiểm 17."""
    assert snap_compare(_three_forms_half_counted(), terminal_size=size)


async def test_projector_with_three_forms_counts_every_form():
    app = _three_forms_half_counted()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        heading = str(app.screen.query_one("#p-heading").render())
        assert "KHỐI A 12/12 · KHỐI B 5/11 · KHỐI C 0/10" in heading, heading
