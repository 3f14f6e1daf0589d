"""Writers racing for the same seq: on SQLite (separate engines on one file) and on PostgreSQL."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from session import commands as c
from session.errors import Conflict, SessionError
from session.events import CHAIR
from session.log import verify
from session.service import SessionService
from storage.database import open_database
from storage.sql_store import SqlEventStore
from tests.scenarios import FixedClock, drive_to_counting, synthetic
from tests.storage.test_contract import chain

WORKERS, BALLOTS = 4, 30
"""Processes appending at once, and ballots each enters."""


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """A database that several engines (threads, processes) can open: a SQLite file or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "race.db")
    else:
        from tests.conftest import _pg_store

        url = request.getfixturevalue("pg_url")
        _pg_store(url).database.dispose()  # empty tables, left by an earlier test
        yield url
    for store in OPENED:  # close the pooled connections (PostgreSQL counts them)
        store.database.dispose()
    OPENED.clear()


OPENED: list[SqlEventStore] = []
"""Stores a test opened, closed by the ``db`` fixture."""


def open_store(db: str) -> SqlEventStore:
    """A store on its own engine, as a separate terminal would have."""
    OPENED.append(SqlEventStore(open_database(db)))
    return OPENED[-1]


def run_together(*jobs):
    """Run each job in its own thread, released at once; returns (results, errors) in job order."""
    start = threading.Barrier(len(jobs))
    out: list = [None] * len(jobs)

    def run(i, job):
        start.wait()
        try:
            out[i] = ("ok", job())
        except Exception as exc:  # collected for the assertions below
            out[i] = ("error", exc)

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return out


def test_two_stores_racing_for_one_seq_exactly_one_wins(db):
    stores = [open_store(db) for _ in range(2)]
    records = chain("race", 1 + 12)
    stores[0].append("race", 0, records[:1])
    for seq in range(2, 2 + 12):  # many rounds: each is an independent race for `seq`
        rival = chain("race", 1, start=seq, prev=records[seq - 2].hash, minute=30)
        mine = [records[seq - 1]]
        outcome = run_together(lambda s=seq, m=mine: stores[0].append("race", s - 1, m),
                               lambda s=seq, r=rival: stores[1].append("race", s - 1, r))
        kinds = sorted(kind for kind, _ in outcome)
        assert kinds == ["error", "ok"], outcome
        assert all(isinstance(value, Conflict) for kind, value in outcome if kind == "error")
        winner = records[seq - 1] if outcome[0][0] == "ok" else rival[0]
        records[seq - 1] = winner
        if seq < 13:  # the next honest record chains to whoever won
            records[seq:] = chain("race", 13 - seq, start=seq + 1, prev=winner.hash)
    for store in stores:
        log = store.load("race")
        assert [r.seq for r in log] == list(range(1, 14))
        assert verify(log).ok


class HoldAtAppend:
    """A store wrapper whose first append waits until the rival service reaches its own append."""

    def __init__(self, store, barrier: threading.Barrier):
        self.store, self.barrier, self.waited = store, barrier, False

    def append(self, *args):
        if not self.waited:
            self.waited = True
            self.barrier.wait(30)
        return self.store.append(*args)

    def __getattr__(self, name):
        return getattr(self.store, name)


@pytest.mark.parametrize("command", [c.RecordBallot(marks="12", position=1), c.MarkPresent(("v003",)),
                                     c.MarkAbsent(("v001",))],
                         ids=["ballot_position_1", "mark_present_v003", "mark_absent_v001"])
def test_two_services_racing_redecide_and_never_duplicate(db, command):
    first = SessionService.create(open_store(db), synthetic(12, 2), clock=FixedClock(),
                                  session_id="svc", launch_code="111-222-333")
    drive_to_counting(first)
    if isinstance(command, (c.MarkPresent, c.MarkAbsent)):  # a second session, still at the roll call
        first = SessionService.create(first.store, synthetic(12, 2), clock=FixedClock(), session_id="roll",
                                      launch_code="111-222-333")
        first.handle(c.Advance(), CHAIR)
        first.handle(c.MarkPresent(("v001", "v002")), CHAIR)
    sid = first.session_id
    before = first.store.last_seq(sid)
    barrier = threading.Barrier(2)
    services = [SessionService(HoldAtAppend(open_store(db), barrier), sid, FixedClock())
                for _ in range(2)]
    outcome = run_together(*(lambda s=s: s.handle(command, CHAIR) for s in services))
    kinds = sorted(kind for kind, _ in outcome)
    assert kinds == ["error", "ok"], outcome
    refused = next(value for kind, value in outcome if kind == "error")
    # The loser got a Conflict, reloaded, and the domain itself refused the now-stale command.
    assert isinstance(refused, SessionError) and not isinstance(refused, Conflict), refused
    expected = {c.RecordBallot: "ballot.taken", c.MarkPresent: "present.already", c.MarkAbsent: "absent.not_present"}
    assert refused.key == expected[type(command)]
    log = first.store.load(sid)
    assert len(log) == before + 1
    assert verify(log).ok
    for service in services:
        service.refresh()
        assert service.state.seq == before + 1


def _worker(db: str, sid: str, count: int, marks: str) -> int:
    service = SessionService(SqlEventStore(open_database(db)), sid, FixedClock())
    done = 0
    for _ in range(count * 5):
        if done == count:
            break
        try:
            service.handle(c.RecordBallot(marks=marks), CHAIR)
            done += 1
        except Conflict as exc:  # "store.busy": lost every retry, nothing written; the station tries again
            assert exc.key == "store.busy"
    service.store.database.dispose()
    return done


def test_processes_appending_at_once_leave_a_whole_log(db):
    service = SessionService.create(open_store(db), synthetic(WORKERS * BALLOTS, 2),
                                    clock=FixedClock(), session_id="many", launch_code="111-222-333")
    drive_to_counting(service)
    start = service.state.seq
    service.store.database.dispose()  # no connection crosses the fork
    context = multiprocessing.get_context("fork")
    marks = ["11", "12", "13", "21"]
    with context.Pool(WORKERS) as pool:
        done = pool.starmap(_worker, [(db, "many", BALLOTS, marks[i]) for i in range(WORKERS)])
    assert done == [BALLOTS] * WORKERS
    store = open_store(db)
    log = store.load("many")
    assert [r.seq for r in log] == list(range(1, start + WORKERS * BALLOTS + 1))
    assert verify(log).ok
    state = SessionService(store, "many", FixedClock()).state
    assert sorted(position for _, position in state.entries) == list(range(1, WORKERS * BALLOTS + 1))
    assert state.tally.entered == WORKERS * BALLOTS
    # Each worker's ballots are all there: the first person's "1" count is three workers' worth.
    assert state.tally.counts[0][0] == 3 * BALLOTS
