"""A store that goes away mid-count: the station says so, keeps the unsent entry on screen, and sends it again
(by key, on its own, or when polling finds the store back) without ever recording a ballot twice."""

from __future__ import annotations

import threading

from session import commands as c
from session.errors import Unavailable
from session.events import CHAIR
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting, sample_data
from tui.app import ChairApp
from tui.screens.station import StationApp
from tui.widgets.ballot_entry import BallotEntry

SIZE = (120, 40)


class FlakyStore:
    """A store that fails its next ``appends`` appends and ``reads`` reads, then answers again.

    With ``landed`` a failing append commits first and loses only the answer (an ambiguous COMMIT).
    """

    def __init__(self, inner: InMemoryEventStore):
        self.inner = inner
        self.appends = self.reads = 0
        self.landed = False
        self.gate: threading.Event | None = None
        self.attempts = 0

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def _gone(self, unsent=()) -> Unavailable:
        return Unavailable("store.unavailable", detail="server closed the connection", unsent=tuple(unsent))

    def append(self, session_id, expected_seq, records):
        self.attempts += 1
        if self.gate is not None:  # a store slow to answer: the append waits until the test opens the gate
            self.gate.wait(60)
        if self.appends:
            self.appends -= 1
            if self.landed:
                self.inner.append(session_id, expected_seq, records)
            raise self._gone(records)
        self.inner.append(session_id, expected_seq, records)

    def _read(self):
        if self.reads:
            self.reads -= 1
            raise self._gone()

    def load(self, session_id, after=0):
        self._read()
        return self.inner.load(session_id, after)

    def last_seq(self, session_id):
        self._read()
        return self.inner.last_seq(session_id)


def _flaky() -> FlakyStore:
    inner = InMemoryEventStore()
    drive_to_counting(SessionService.create(inner, sample_data(), clock=FixedClock(), session_id="s"))
    return FlakyStore(inner)


def _station(store: FlakyStore) -> StationApp:
    return StationApp(SessionService(store, "s", FixedClock()), "v05", "S1", lang="en", follow=False)


def _status(app) -> str:
    return str(app.query_one("#station-status").render())


def _ballots(store: FlakyStore) -> list[tuple]:
    return [(r.payload["batch"], r.payload["position"], r.payload["marks"]) for r in store.inner.load("s")
            if r.type == "ballot_recorded"]


async def _sent(app, pilot) -> None:
    """Wait for the attempt to send the held action (it runs in a thread) and the redraw after it."""
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _open_batch(pilot) -> None:
    await pilot.press("B", "1", "enter")


async def test_an_unsent_ballot_stays_on_screen_and_goes_through_once_on_ctrl_r():
    store = _flaky()
    app = _station(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_batch(pilot)
        store.appends = 2
        await pilot.press("1", "2", "enter")
        await pilot.pause()
        entry = app.query_one(BallotEntry)
        assert "Not recorded yet" in _status(app) and "server closed the connection" in _status(app)
        assert entry.marks == ("1", "2"), "the unsent entry is kept on screen"
        assert _ballots(store) == [] and app.service.state.entered == 0
        await pilot.press("ctrl+r")  # still down
        await _sent(app, pilot)
        assert "Not recorded yet" in _status(app) and entry.marks == ("1", "2")
        await pilot.press("ctrl+r")  # back
        await _sent(app, pilot)
        assert "Not recorded yet" not in _status(app) and entry.marks == ("", "")
        assert _ballots(store) == [("B1", 1, "12")] and app.service.state.entered == 1
        await pilot.press("3", "3", "enter")
        assert _ballots(store) == [("B1", 1, "12"), ("B1", 2, "33")]


async def test_the_screen_answers_keys_while_an_attempt_waits_on_a_slow_store():
    store = _flaky()
    app = _station(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_batch(pilot)
        store.appends = 2
        await pilot.press("1", "2", "enter")
        entry = app.query_one(BallotEntry)
        store.gate, attempts = threading.Event(), store.attempts
        await pilot.press("ctrl+r")  # the attempt now hangs in the store
        await pilot.press("ctrl+l")  # the screen still answers meanwhile
        await pilot.pause()
        assert "Chưa ghi được" in _status(app) and store.attempts == attempts + 1
        await pilot.press("up", "3", "backspace")  # the held draft is what will be recorded: it does not change
        assert entry.marks == ("1", "2")
        await pilot.press("enter", "ctrl+r")  # no second attempt while one is under way
        assert store.attempts == attempts + 1 and app.unsent is not None
        store.gate.set()
        await _sent(app, pilot)
        assert "Chưa ghi được" in _status(app) and _ballots(store) == []
        await pilot.press("ctrl+r")
        await _sent(app, pilot)
        assert _ballots(store) == [("B1", 1, "12")] and entry.marks == ("", "") and not entry.locked
        await pilot.press("3", "3", "enter")
        assert _ballots(store)[-1] == ("B1", 2, "33")


async def test_a_ballot_whose_commit_landed_is_found_by_hash_and_not_recorded_again():
    store = _flaky()
    app = _station(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_batch(pilot)
        store.appends, store.landed = 1, True
        await pilot.press("2", "1", "enter")
        await pilot.pause()
        assert _ballots(store) == [("B1", 1, "21")] and app.service.state.entered == 0, "landed, but not known here"
        assert "Not recorded yet" in _status(app)
        await pilot.press("enter")  # the member presses Enter again on the same draft: only the unsent one is sent
        await _sent(app, pilot)
        assert _ballots(store) == [("B1", 1, "21")], "no duplicate"
        assert app.service.state.entered == 1 and app.query_one(BallotEntry).marks == ("", "")
        await pilot.press("1", "1", "enter")
        assert _ballots(store) == [("B1", 1, "21"), ("B1", 2, "11")]


async def test_an_unsent_ballot_is_sent_again_on_its_own():
    store = _flaky()
    app = _station(store)
    app.retry_interval = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await _open_batch(pilot)
        store.appends = 3
        await pilot.press("1", "3", "enter")
        for _ in range(200):  # no key pressed: the timer sends it once the store answers
            await pilot.pause(0.02)
            if app.unsent is None:
                break
        assert app.unsent is None and store.appends == 0
        assert _ballots(store) == [("B1", 1, "13")]
        await pilot.pause()
        assert "Not recorded yet" not in _status(app)


async def test_polling_survives_the_store_going_away_and_follows_it_when_it_returns():
    store = _flaky()
    app = _station(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_batch(pilot)
        SessionService(store.inner, "s", FixedClock()).handle(c.RecordBallot("22", None, "B2"), CHAIR)
        store.reads = 2
        app.poll_store()
        await pilot.pause()
        assert "Connection lost" in _status(app) and app.service.state.entered == 0
        app.poll_store()
        await pilot.pause()
        assert "Connection lost" in _status(app)
        app.poll_store()
        await pilot.pause()
        assert "Connection lost" not in _status(app) and app.service.state.entered == 1
        await pilot.press("ctrl+l")
        await pilot.pause()
        store.reads = 1
        app.poll_store()
        await pilot.pause()
        assert "Mất kết nối" in _status(app)


async def test_the_chair_console_holds_an_unsent_action_too():
    inner = InMemoryEventStore()
    SessionService.create(inner, sample_data(), clock=FixedClock(), session_id="s")
    store = FlakyStore(inner)
    app = ChairApp(SessionService(store, "s", FixedClock()), lang="en", follow=False)
    async with app.run_test(size=SIZE) as pilot:
        store.appends = 1
        assert app.dispatch(c.Advance()) is False
        await pilot.pause()
        assert "Not recorded yet" in str(app.screen.query_one("#status").render())
        assert app.dispatch(c.Advance()) is False  # sends the held one only
        await _sent(app, pilot)
        assert app.unsent is None and [r.type for r in inner.load("s")].count("step_entered") == 1
        assert "Not recorded yet" not in str(app.screen.query_one("#status").render())


async def test_a_postgresql_server_gone_mid_count_then_back(pg_url):
    from sqlalchemy.engine import make_url

    from tests.audit.test_stores import Proxy
    from tui.wiring import open_store

    url = make_url(pg_url)
    proxy = Proxy((url.host, url.port))
    proxy.start()
    via = url.set(port=proxy.port).render_as_string(hide_password=False)
    drive_to_counting(SessionService.create(open_store(via), sample_data(), clock=FixedClock(), session_id="gone-tui"))
    app = StationApp(SessionService(open_store(via), "gone-tui", FixedClock()), "v05", "S1", lang="en", follow=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _open_batch(pilot)
            await pilot.press("1", "1", "enter")
            proxy.stop()
            await pilot.press("1", "2", "enter")
            await pilot.pause()
            assert "Not recorded yet" in _status(app) and app.query_one(BallotEntry).marks == ("1", "2")
            app.poll_store()  # while an action is held, polling sends it again instead (the store is still gone)
            await _sent(app, pilot)
            assert "Not recorded yet" in _status(app)
            proxy.start()
            await pilot.press("ctrl+r")
            await _sent(app, pilot)
            assert "Not recorded yet" not in _status(app) and app.query_one(BallotEntry).marks == ("", "")
    finally:
        proxy.stop()
    records = open_store(pg_url).load("gone-tui")
    assert [r.payload["marks"] for r in records if r.type == "ballot_recorded"] == ["11", "12"], "no duplicate"
