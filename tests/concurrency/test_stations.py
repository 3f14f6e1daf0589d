"""Several counting stations writing at once: 4 station processes × 120 ballots into one SQLite file and into
PostgreSQL, and two processes racing for the same batch positions. Nothing is lost, duplicated or counted twice."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import uuid
from pathlib import Path

from session import commands as c
from session.books import first_imbalance
from session.errors import SessionError
from session.events import Actor
from session.log import verify
from session.service import SessionService
from tests.scenarios import drive_to_counting, synthetic
from tui.wiring import open_service, open_store

ROOT = Path(__file__).resolve().parents[2]
STATIONS, BALLOTS = 4, 120
"""Station processes, and ballots each enters."""
MARKS = ("123", "x-0", "111", "321", "222", "13x")
"""Marks cycled through, every kind included."""


def _new_session(db: str, voters: int, double: bool = False) -> SessionService:
    data = synthetic(voters, 3)
    data["conference"]["double_entry"] = double
    service = SessionService.create(open_store(db), data, session_id=f"c{uuid.uuid4().hex[:8]}")
    return drive_to_counting(service, team_size=STATIONS)  # a member works one station at a time


def _station_process(db: str, session_id: str, number: int, member: str) -> subprocess.Popen:
    script = "".join(f"ballot {MARKS[i % len(MARKS)]} --batch B{number}\n" for i in range(BALLOTS))
    proc = subprocess.Popen([sys.executable, "-m", "tui.cli", "do", "--db", db, "--session", session_id,
                             "--station", f"S{number}", "--member", member, "--script", "-"],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    proc.stdin.write(script)  # type: ignore[union-attr]
    proc.stdin.close()  # type: ignore[union-attr]
    return proc


def _four_stations_at_once(db: str) -> None:
    service = _new_session(db, STATIONS * BALLOTS)
    team = service.state.team
    procs = [_station_process(db, service.session_id, n, team[n - 1]) for n in range(1, STATIONS + 1)]
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()  # type: ignore[union-attr]
    records = open_store(db).load(service.session_id)
    assert [r.seq for r in records] == list(range(1, len(records) + 1)), "a gap or a repeated seq"
    entries = [r for r in records if r.type == "ballot_recorded"]
    assert len(entries) == STATIONS * BALLOTS
    by_batch = {f"B{n}": sorted(r.payload["position"] for r in entries if r.payload["batch"] == f"B{n}")
                for n in range(1, STATIONS + 1)}
    assert all(positions == list(range(1, BALLOTS + 1)) for positions in by_batch.values())
    assert all(r.actor["station"] == "S" + r.payload["batch"][1:] for r in entries), "an entry under another station"
    assert verify(records).ok
    service.refresh()
    assert service.state.entered == STATIONS * BALLOTS and first_imbalance(service.state) is None
    service.handle(c.Advance(), Actor("chair"))  # the count closes: every returned ballot entered, books balanced
    assert service.state.step == "minutes"


def test_four_stations_enter_120_ballots_each_into_one_sqlite_file(tmp_path):
    _four_stations_at_once(str(tmp_path / "hall.db"))


def test_four_stations_enter_120_ballots_each_into_postgresql(pg_url):
    _four_stations_at_once(pg_url)


def _race(db: str, session_id: str, member: str, station: str, positions: list[int], queue) -> None:
    service = open_service(db, session_id)
    taken = 0
    for position in positions:
        try:
            service.handle(c.RecordBallot("111", batch="B1", position=position), Actor("station", member, station))
        except SessionError as exc:
            # pin.set_race: the same member's two first actions at once, one of them setting the PIN a moment before.
            assert exc.key in ("ballot.taken", "ballot.all_entered", "double.already", "pin.set_race"), exc.key
            taken += 1
    queue.put((station, taken))


def _run_race(db: str, session_id: str, runners: list[tuple[str, str]], positions: list[int]) -> list[tuple[str, int]]:
    """(station, refusals) per runner process."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_race, args=(db, session_id, member, station, positions, queue)) for member, station in runners]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(timeout=120)
        assert proc.exitcode == 0
    return sorted(queue.get() for _ in procs)


def test_the_same_batch_positions_raced_by_one_station_twice_are_entered_once(tmp_path):
    db = str(tmp_path / "race.db")
    service = _new_session(db, 60)
    member = service.state.team[1]
    refused = _run_race(db, service.session_id, [(member, "S1"), (member, "S1")], list(range(1, 61)))
    service.refresh()
    assert service.state.entered == 60 and sum(n for _, n in refused) == 60  # every position: one entry, one refusal
    assert verify(open_store(db).load(service.session_id)).ok


def test_two_stations_racing_through_a_batch_blind_agree_on_every_ballot(tmp_path):
    db = str(tmp_path / "double.db")
    service = _new_session(db, 60, double=True)
    team = service.state.team
    refused = _run_race(db, service.session_id, [(team[1], "S1"), (team[2], "S2")], list(range(1, 61)))
    service.refresh()
    records = service.store.load(service.session_id)
    assert refused == [("S1", 0), ("S2", 0)]
    assert sum(r.type == "entry_submitted" for r in records) == 120 and sum(r.type == "ballot_recorded" for r in records) == 60
    assert service.state.entered == 60 and not service.state.pending and first_imbalance(service.state) is None
