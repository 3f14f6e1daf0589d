"""Station trust on the station screen: the PIN asked (twice the first time, hidden), a wrong one asked again
and a lockout said, a member signed in at another station refused, the head deciding with the head's PIN, and
both stations told of the decision in words."""

from __future__ import annotations

from session import commands as c
from session.counting import mismatches
from session.events import Actor
from session.pins import MAX_TRIES, Credentials
from session.service import SessionService
from session.trust import SignIn
from storage.memory_store import InMemoryEventStore
from storage.pins import InMemoryPinStore
from tests.scenarios import FixedClock, drive_to_counting, sample_data
from tui.screens.station import StationApp
from tui.screens.station_dialogs import FieldsForm
from tui.widgets.ballot_entry import BallotEntry

SIZE = (120, 40)


def _session(double: bool = True) -> tuple[InMemoryEventStore, InMemoryPinStore]:
    data = sample_data()
    data["conference"]["double_entry"] = double
    store = InMemoryEventStore()
    drive_to_counting(SessionService.create(store, data, clock=FixedClock(), session_id="s"))
    return store, InMemoryPinStore()


def _station(store, pins, member: str, name: str, lang: str = "en") -> StationApp:
    return StationApp(SessionService(store, "s", FixedClock(), pins=pins), member, name, lang=lang, follow=False)


async def _pin(pilot, *values: str) -> None:
    for value in values:
        await pilot.press(*value, "enter")
    await pilot.pause()


def _told(app: StationApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def test_the_first_opening_sets_the_pin_twice_and_the_next_one_checks_it():
    store, pins = _session()
    app = _station(store, pins, "v05", "S1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FieldsForm) and len(form.fields) == 2 and "set your PIN" in form.title_text
        assert all(i.password for i in form.query("Input")), "a PIN is typed hidden"
        assert app.query_one(BallotEntry).locked
        await _pin(pilot, "2468", "1357")
        assert isinstance(app.screen, FieldsForm) and "differ" in app.screen.note
        await _pin(pilot, "2468", "2468")
        assert not isinstance(app.screen, FieldsForm) and not app.query_one(BallotEntry).locked
        assert app.service.state.signed_in == {"v05": "S1"}
    again = _station(store, pins, "v05", "S1")
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(again.screen.fields) == 1  # type: ignore[attr-defined]
        await _pin(pilot, "1111")
        assert "Wrong PIN" in again.screen.note and "(v05)" in again.screen.note  # type: ignore[attr-defined]
        for _ in range(MAX_TRIES - 1):
            await _pin(pilot, "1111")
        assert "locked out" in again.screen.note  # type: ignore[attr-defined]
        await _pin(pilot, "2468")
        assert "locked out" in again.screen.note, "the right PIN waits out the minute"  # type: ignore[attr-defined]
        assert again.query_one(BallotEntry).locked


async def test_a_member_signed_in_at_another_station_is_refused_with_names():
    store, pins = _session()
    SessionService(store, "s", FixedClock(), pins=pins).handle(SignIn(), Actor("station", "v06", "S1"), Credentials("2468"))
    app = _station(store, pins, "v06", "S2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _pin(pilot, "2468")
        assert "signed in at station S1" in app.screen.note  # type: ignore[attr-defined]
        assert app.service.state.signed_in == {"v06": "S1"}


async def test_the_head_resolves_with_the_heads_pin_and_both_stations_are_told_in_words():
    store, pins = _session()
    hall = SessionService(store, "s", FixedClock(), pins=pins)
    hall.handle(SignIn(), Actor("station", "v01", "H"), Credentials("9999"))  # the head set their PIN
    hall.handle(c.RecordBallot(marks="13", batch="B1"), Actor("station", "v05", "S1"), Credentials("2468"))
    hall.handle(c.RecordBallot(marks="12", batch="B1"), Actor("station", "v06", "S2"), Credentials("2468"))
    assert mismatches(hall.state) == [("B1", 1)]
    other = StationApp(SessionService(store, "s", FixedClock()), "v06", "S2", lang="vi", follow=False)
    first = _station(store, pins, "v05", "S1", lang="vi")
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _pin(pilot, "2468")
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await _pin(pilot, "13", "v01", "1234")  # a wrong head PIN: nothing decided
        assert mismatches(first.service.state) == [("B1", 1)]
        assert "Tổ trưởng" in _told(first) and "không đúng" in _told(first)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await _pin(pilot, "13", "v01", "9999")
        assert not mismatches(first.service.state) and first.service.state.entered == 1
        assert "Tín nhiệm thấp" in _told(first) and "13" not in _told(first).split(":", 1)[-1]
    records = store.load("s")
    decided = next(r for r in records if r.type == "mismatch_resolved")
    assert decided.payload["confirmed_by"] == "v01" and decided.actor["name"] == "v05"
    async with other.run_test(size=SIZE) as pilot:
        other.poll_store()
        await pilot.pause()
        told = _told(other)
        assert "B1/1" in told and "Trịnh Minh Đức" in told and "Tín nhiệm cao" in told and "Tín nhiệm thấp" in told


async def test_the_chair_console_resets_a_members_pin_from_the_palette_after_asking():
    from tests.tui.chair_support import at_step
    from tui.app import ChairApp

    service = at_step("counting")
    member = service.state.team[1]
    app = ChairApp(service, follow=False)
    async with app.run_test(size=(120, 36)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        name = service.state.conference.voter(member).name
        assert f"Đặt lại mã PIN: {name}" in titles
        app.action_pin_reset(member)
        await pilot.pause()
        await pilot.press("escape")  # asked first: Esc records nothing
        await pilot.pause()
        assert member not in service.state.pin_resets
        app.action_pin_reset(member)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert member in service.state.pin_resets
        reset = service.store.load(service.session_id)[-1]
        assert reset.type == "pin_reset" and reset.payload == {"member": member}  # the event carries no secret
