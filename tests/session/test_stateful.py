"""A stateful test: random commands, valid or not, in any order, from two terminals, on the memory and SQLite stores."""

from __future__ import annotations

import shutil
import tempfile

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from session import commands as c
from session import counting
from session.admissible import check
from session.agenda import STEPS, allowed
from session.books import identities
from session.errors import SessionError
from session.events import CHAIR, Actor
from session.evolve import replay
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, sample_data, synthetic
from tests.session.support import happy_next, project

VOTERS = [f"v{i:02d}" for i in range(1, 13)] + ["v99"]
"""The sample conference's voter ids and one unknown id."""
STATIONS = (Actor("station", "v05", "Máy 1"), Actor("station", "v06", "Máy 2"))
"""The counting stations' actors (members of the team the plain path proposes)."""

ids = st.lists(st.sampled_from(VOTERS), max_size=4).map(tuple)
voter = st.sampled_from(VOTERS)
counts = st.integers(-1, 14)
content = st.one_of(
    st.fixed_dictionaries({"marks": st.text(alphabet="1230x-Z ", max_size=4)}),
    st.fixed_dictionaries({"invalid_reason": st.sampled_from(["not_issued", "other_form", "lạ"])}),
    st.just({}),
)
batch = st.sampled_from(["", "B"])
position = st.one_of(st.none(), st.integers(0, 4))

commands = st.one_of(
    st.builds(c.Advance, st.booleans()),
    st.builds(c.MarkPresent, ids),
    st.builds(c.MarkAbsent, ids),
    st.builds(c.ProposeTeam, ids, voter),
    st.builds(c.ApproveTeam, counts, counts, counts),
    st.builds(c.FixNominees, st.lists(st.sampled_from(["p1", "p2", "p3", "p9"]), max_size=3).map(tuple)),
    st.builds(c.IssueBallots, ids, st.booleans()),
    st.builds(c.ExchangeSpoiled, voter),
    st.builds(c.RecordReturned, counts),
    st.builds(lambda kw, b, p: c.RecordBallot(batch=b, position=p, **kw), content, batch, position),
    st.builds(lambda kw, p, why, b, by: c.CorrectBallot(p, why, batch=b, confirmed_by=by, **kw),
              content, st.integers(0, 4), st.sampled_from(["", "nhập nhầm"]), batch, voter),
    st.builds(counting.SetEntryMode, st.booleans()),
    st.builds(counting.OpenBatch, st.sampled_from(["", "B", "A|x"])),
    st.builds(lambda kw, p, b, by: counting.ResolveMismatch(p, b, confirmed_by=by, **kw),
              content, st.integers(0, 4), batch, voter),
    st.builds(c.SignMinutes, voter),
    st.just(c.AnnounceResults()),
    st.builds(c.SealBallots, st.sampled_from(["", "Văn phòng Ban"])),
)
"""Any command, well formed or not."""


class SessionMachine(RuleBasedStateMachine):
    """The chair and a station drive one session; the log must always replay to what they see."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.mkdtemp(prefix="tinnhiem-stateful-")
        self.store = self.make_store()
        self.chair = SessionService.create(self.store, self.conference(), clock=FixedClock(), session_id="s")
        self.stations = [SessionService(self.store, "s", FixedClock()) for _ in STATIONS]
        self.entered = 0

    def make_store(self):
        return InMemoryEventStore()

    def conference(self) -> dict:
        return sample_data()

    def teardown(self) -> None:
        event(f"ended in {self.chair.state.step}")
        event(f"entry mode {self.chair.state.entry_mode}, {len(self.chair.state.resolved)} resolved")
        engine = getattr(self.store, "engine", None)
        if engine is not None:
            engine.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _handle(self, service: SessionService, command: c.Command, actor: Actor) -> None:
        before = self.store.last_seq("s")
        service.refresh()
        permitted = allowed(service.state.step, service.state.pack)
        try:
            service.handle(command, actor)
        except SessionError as exc:
            assert self.store.last_seq("s") == before, f"refused {command} but the log grew"
            if exc.key == "action.not_now" or actor.role == "chair":
                assert (exc.key == "action.not_now") == (command.ACTION not in permitted), exc.message("en")
            if actor.role == "station" and command.ACTION not in counting.STATION_ACTIONS:
                assert exc.key == "station.not_allowed"
            return
        assert command.ACTION in permitted
        assert actor.role == "chair" or command.ACTION in counting.STATION_ACTIONS
        assert self.store.last_seq("s") > before and service.state.seq == self.store.last_seq("s")

    @rule(command=commands)
    def chair_asks(self, command):
        self._handle(self.chair, command, CHAIR)

    @rule(which=st.sampled_from([0, 1]), command=commands)
    def a_station_asks(self, which, command):
        self._handle(self.stations[which], command, STATIONS[which])

    @precondition(lambda self: self.chair.state.step == "counting" and self.chair.state.double_entry)
    @rule(first=st.sampled_from(["1", "2"]), second=st.sampled_from(["1", "2"]))
    def two_stations_enter_one_ballot_blind(self, first, second):
        s = self.chair.state
        for books in s.books.values():
            position, form = self._free_position(books), s.form_field(books)
            for service, actor, mark in zip(self.stations, STATIONS, (first, second)):
                entry = c.RecordBallot(marks=mark * len(books.persons), position=position, form=form)
                self._handle(service, entry, actor)

    @staticmethod
    def _free_position(b) -> int:
        taken = [p for k, p in (*b.entries, *b.pending) if k == ""] + list(b.submitted.values())
        return max(taken, default=0) + 1

    def _plan(self) -> tuple[SessionService, c.Command, Actor] | None:
        """The next step on the plain path, with two stations entering blind under double entry, form by form."""
        s = self.chair.state
        left = [b for b in s.books.values() if b.entered < (b.returned or 0)]
        if s.step != "counting" or not s.double_entry or not left:
            command = happy_next(s)
            return None if command is None else (self.chair, command, CHAIR)
        books = left[0]
        form, full = s.form_field(books), "1" * len(books.persons)
        for batch, pos in counting.mismatches(s, books):
            return self.chair, counting.ResolveMismatch(pos, batch, full, confirmed_by=s.team_head, form=form), CHAIR
        for (batch, pos), by in sorted(books.pending.items()):
            (station, (marks, reason)), = by.items()
            which = 1 if station == STATIONS[0].station else 0
            entry = c.RecordBallot(marks, reason, batch, pos, form=form)
            return self.stations[which], entry, STATIONS[which]
        entry = c.RecordBallot(marks=full, position=self._free_position(books), form=form)
        return self.stations[0], entry, STATIONS[0]

    @initialize(start=st.sampled_from(STEPS), double=st.booleans())
    def start_somewhere_on_the_agenda(self, start, double):
        """Begin at a random step (single or double entry) so every step is explored."""
        if start == "nominees" and not self.chair.state.pack.nominee_step:
            start = "issuing"
        for _ in range(200):
            plan = self._plan()
            if self.chair.state.step == start or plan is None:
                break
            if double and self.chair.state.step == "issuing" and not self.chair.state.double_entry:
                self._handle(self.chair, counting.SetEntryMode(True), CHAIR)
            self._handle(*plan)

    @precondition(lambda self: self.chair.state.step != "closed")
    @rule(steps=st.integers(1, 12))
    def the_agenda_moves_on(self, steps):
        for _ in range(steps):
            self.chair.refresh()
            plan = self._plan()
            if plan is None:
                return
            self._handle(*plan)

    @invariant()
    def the_log_verifies_and_replays_to_what_every_terminal_sees(self):
        """Every log the service writes checks: its chain, and each event is what the rules decide at its point."""
        records = self.store.load("s")
        verdict = check(records)
        assert verdict.ok and verdict.count == len(records) == self.store.last_seq("s"), verdict
        rebuilt = replay(records)
        expected = project(rebuilt)
        for service in (self.chair, *self.stations):
            service.refresh()
            assert project(service.state) == expected
        assert rebuilt.pending == self.chair.state.pending

    @invariant()
    def the_books_balance_and_the_public_total_never_goes_down(self):
        broken = [i for i in identities(self.chair.state) if not i.holds]
        assert not broken, broken
        assert self.chair.state.entered >= self.entered
        self.entered = self.chair.state.entered


class AppointMachine(SessionMachine):
    """The same on an APPOINT session (with its nominee step)."""

    def conference(self) -> dict:
        data = synthetic(12, 3, "APPOINT", posts=1)
        for row in data["voters"]:
            row["id"] = "v" + row["id"][2:]
        return data


FORM_IDS = st.sampled_from(["", "A", "B", "C", "Z"])
"""A command's form: left off, one of the three, or one the session does not have."""


class FormsMachine(SessionMachine):
    """The same on a session of three ballot forms: every form-bearing command also names a form, or none, at random."""

    def conference(self) -> dict:
        from tests.forms_support import forms_conference

        data = forms_conference(12)
        for row in data["voters"]:
            row["id"] = "v" + row["id"][2:]
        return data

    @rule(command=commands, form=FORM_IDS)
    def chair_asks_of_a_form(self, command, form):
        self._handle(self.chair, _of_form(command, form), CHAIR)

    @rule(which=st.sampled_from([0, 1]), command=commands, form=FORM_IDS)
    def a_station_asks_of_a_form(self, which, command, form):
        self._handle(self.stations[which], _of_form(command, form), STATIONS[which])


def _of_form(command: c.Command, form: str) -> c.Command:
    from dataclasses import fields, replace

    return replace(command, form=form) if "form" in {f.name for f in fields(command)} else command


class SqliteMachine(SessionMachine):
    """The same on a SQLite file."""

    def make_store(self):
        from storage.database import open_database
        from storage.sql_store import SqlEventStore

        return SqlEventStore(open_database(f"{self.folder}/stateful.db"))


TestOnMemory = SessionMachine.TestCase
TestOnMemory.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
TestAppointOnMemory = AppointMachine.TestCase
TestAppointOnMemory.settings = settings(max_examples=25, stateful_step_count=40, deadline=None)
TestFormsOnMemory = FormsMachine.TestCase
TestFormsOnMemory.settings = settings(max_examples=40, stateful_step_count=40, deadline=None)
TestOnSqlite = SqliteMachine.TestCase
TestOnSqlite.settings = settings(max_examples=10, stateful_step_count=30, deadline=None)
