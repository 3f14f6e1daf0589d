"""The counting station on the sample conference: check-off, every kind of mark, invalid and foreign ballots,
a correction, blind double entry with agreement and a resolved mismatch, and the refusal of a non-member."""

from __future__ import annotations

from unittest.mock import patch

from rich.console import Console

from session.counting import ballot_qr, cover_qr, mismatches
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting, sample_data
from tui.screens.station import StationApp
from tui.screens.station_dialogs import MismatchView, side_by_side
from tui.widgets.ballot_entry import BallotEntry

SIZE = (120, 40)


def _session(double: bool = False, returned: int | None = None) -> InMemoryEventStore:
    data = sample_data()
    data["conference"]["double_entry"] = double
    store = InMemoryEventStore()
    drive_to_counting(SessionService.create(store, data, clock=FixedClock(), session_id="s"), returned=returned)
    return store


def _station(store: InMemoryEventStore, member: str, name: str) -> StationApp:
    return StationApp(SessionService(store, "s", FixedClock()), member, name, lang="en", follow=False)


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_a_batch_is_entered_with_every_kind_of_mark_an_invalid_and_a_refused_foreign_ballot():
    store = _session()
    app = _station(store, "v05", "S1")
    async with app.run_test(size=SIZE) as pilot:
        state = app.service.state
        await _type(pilot, cover_qr(state, "B1"))
        await pilot.press("enter")
        assert state.batches == {"B1": ("S1",)} and isinstance(app.focused, BallotEntry)
        await _type(pilot, ballot_qr(state))  # checked off by its QR, without leaving the grid
        await pilot.press("enter")
        for keys in (["1", "2"], ["3", "0"], ["x", "-"], ["2", "f"], ["f"], ["1", "2", "backspace", "backspace", "3", "3"]):
            await pilot.press(*keys, "enter")
        assert [state.entries[("B1", n)].marks for n in range(1, 7)] == ["12", "30", "x-", "22", "11", "33"]
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter")  # the first reason of the pack's list: a foreign one, the head confirms
        await pilot.pause()
        await pilot.press("enter", "enter")  # the head's id is filled in; this service checks no PINs
        assert state.entries[("B1", 7)].reason == state.pack.invalid_reasons[0].key
        foreign = ballot_qr(state).replace(":s:", ":another:")
        await _type(pilot, foreign)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")  # the team does not confirm: nothing is written
        assert ("B1", 8) not in state.entries
        await _type(pilot, foreign)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("enter", "enter")
        assert state.entries[("B1", 8)].reason == "not_issued"
        assert state.entered == 8 and state.tally.counts[0] == [2, 1, 2, 3]
        status = str(app.query_one("#station-status").render())
        assert "Returned 12" in status and "Entered 8" in status and "ballot 9" in status
    records = store.load("s")
    assert all(r.actor == {"role": "station", "name": "v05", "station": "S1"} for r in records if r.seq > 20)


async def test_a_committed_ballot_changes_only_by_a_correction_confirmed_by_the_head():
    store = _session()
    app = _station(store, "v05", "S1")
    async with app.run_test(size=SIZE) as pilot:
        state = app.service.state
        await _type(pilot, "B1")
        await pilot.press("enter", "1", "1", "enter")
        await pilot.press("c")
        await pilot.pause()
        for value in ("1", "21", "đọc nhầm", "v05", ""):
            await _type(pilot, value)
            await pilot.press("enter")
        assert state.corrections == 0 and state.entries[("B1", 1)].marks == "11"  # v05 is not the head
        await pilot.press("c")
        await pilot.pause()
        for value in ("1", "21", "đọc nhầm", "v01", ""):
            await _type(pilot, value)
            await pilot.press("enter")
        assert state.corrections == 1 and state.entries[("B1", 1)].marks == "21"
        assert state.tally.counts[0][:2] == [0, 1]


async def test_rows_are_reached_by_number_and_the_fill_keys_take_the_most_common_mark():
    store = _session()
    app = _station(store, "v05", "S1")
    async with app.run_test(size=SIZE) as pilot:
        await _type(pilot, "B1")
        await pilot.press("enter", "f", "g", "2", "3", "enter")
        await pilot.press("2", "space")  # a ballot whose rows are all alike: its mark, then fill and commit
        entries = app.service.state.entries
        assert entries[("B1", 1)].marks == "13" and entries[("B1", 2)].marks == "22"


async def test_blind_double_entry_counts_only_agreed_ballots_and_the_head_resolves_a_mismatch():
    store = _session(double=True)
    hall = SessionService(store, "s", FixedClock())
    first, second = _station(store, "v05", "S1"), _station(store, "v06", "S2")
    async with first.run_test(size=SIZE) as pilot:
        await _type(pilot, "B1")
        await pilot.press("enter", "1", "2", "enter", "3", "3", "enter")
    hall.refresh()
    assert hall.state.entered == 0 and len(hall.state.pending) == 2  # nothing public before the second entry
    async with second.run_test(size=SIZE) as pilot:
        await _type(pilot, "B1")
        await pilot.press("enter", "1", "2", "enter", "1", "3", "enter")
        assert "mismatched 1" in str(second.query_one("#station-status").render())
    hall.refresh()
    assert hall.state.entered == 1 and mismatches(hall.state) == [("B1", 2)]
    assert hall.state.tally.counts[0][0] == 1 and hall.state.tally.counts[1][1] == 1
    first = _station(store, "v05", "S1")
    async with first.run_test(size=SIZE) as pilot:
        await pilot.press("f4")  # the scan field has the focus: the function key still works
        await pilot.pause()
        view = first.screen
        assert isinstance(view, MismatchView)
        assert view.mismatched == [(("B1", 2), {"S1": ("33", None), "S2": ("13", None)})]
        console = Console(record=True, width=100)
        console.print(side_by_side(view.state, view.books, ("B1", 2), view.mismatched[0][1], "en"))
        text = console.export_text()
        marked = [line for line in text.splitlines() if "≠" in line]
        first = view.books.persons[0].name
        assert len(marked) == 1 and first in marked[0]  # only the first row differs, in words, not digits
        assert "High" in marked[0] and "Low" in marked[0] and " 3 " not in marked[0]
        assert "Phan Thị Hạnh" in text and "Võ Thanh Sơn" in text  # who entered it at each station
        await pilot.press("r")
        await pilot.pause()
        for value in ("33", "v01", ""):
            await _type(pilot, value)
            await pilot.press("enter")
    hall.refresh()
    assert hall.state.entered == 2 and not mismatches(hall.state)
    assert hall.state.tally.counts[0][:3] == [1, 0, 1] and hall.state.tally.counts[1][:3] == [0, 1, 1]


def test_a_member_not_on_the_approved_team_cannot_open_a_station(tmp_path, capsys):
    from storage.database import open_database
    from storage.sql_store import SqlEventStore
    from tui.cli import main

    db = str(tmp_path / "s.db")
    drive_to_counting(SessionService.create(SqlEventStore(open_database(db)), sample_data(), clock=FixedClock()))
    assert main(["station", "--db", db, "--name", "v07", "--lang", "en"]) == 3
    assert "v07 is not on the approved counting team" in capsys.readouterr().err


def test_headless_ballots_follow_the_entry_mode(capsys):
    from tui.cli import main

    store = _session(double=True)
    with patch("tui.wiring.open_store", return_value=store):
        for member, station in (("v05", "S1"), ("v06", "S2")):
            args = ["do", "--db", "x.db", "--station", station, "--member", member, "ballot", "12", "--batch", "B1"]
            assert main(args) == 0
        assert main(["do", "--db", "x.db", "--station", "S1", "--member", "v05", "next"]) == 3
    types = [r.type for r in store.load("s")][-7:]
    assert types == ["member_signed_in", "batch_opened", "entry_submitted",
                     "member_signed_in", "batch_opened", "entry_submitted", "ballot_recorded"]


async def test_ctrl_l_switches_the_grid_column_labels_without_reopening():
    store = _session()
    app = _station(store, "v05", "S1")
    levels = app.service.state.pack.levels
    async with app.run_test(size=SIZE) as pilot:
        entry = app.query_one(BallotEntry)
        header = entry.render_line(0).text
        assert levels[0].en in header and "Person" in header and levels[0].vi not in header
        await pilot.press("B", "1", "enter", "1")
        await pilot.press("ctrl+l")
        await pilot.pause()
        header = entry.render_line(0).text
        assert levels[0].vi in header and "Người được lấy phiếu" in header and levels[0].en not in header
        assert entry.marks[0] == "1", "the draft is kept"
        assert "Thu về" in str(app.query_one("#station-status").render())
