"""Random commands with random crashes: the process dies between decide and append, or after append
before evolve, and a fresh service replays the store. Invariants: replay(log) == live state, the
books balance, verify passes."""

from __future__ import annotations

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from session import commands as c
from session.books import first_imbalance
from session.decide import decide
from session.errors import SessionError
from session.events import CHAIR
from session.evolve import replay
from session.log import verify
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.audit.crash_driver import next_command
from tests.audit.test_crash import summary
from tests.scenarios import FixedClock, synthetic


class Died(BaseException):
    """The process died right after the append returned (BaseException: nothing may catch it)."""


class DyingStore(InMemoryEventStore):
    """A memory store whose next append lands and then kills the 'process'."""

    die_after_append = False

    def append(self, session_id, expected_seq, records):
        super().append(session_id, expected_seq, records)
        if self.die_after_append:
            self.die_after_append = False
            raise Died


VOTERS = [f"v{i:03d}" for i in range(1, 9)]
MARKS = st.text(alphabet="123x0-", min_size=3, max_size=3)
COMMANDS = st.one_of(
    st.builds(c.Advance),
    st.builds(lambda v: c.MarkPresent((v,)), st.sampled_from(VOTERS)),
    st.builds(lambda v: c.MarkAbsent((v,)), st.sampled_from(VOTERS)),
    st.builds(lambda v: c.IssueBallots((v,)), st.sampled_from(VOTERS)),
    st.builds(c.RecordReturned, st.integers(0, 9)),
    st.builds(lambda m: c.RecordBallot(marks=m), MARKS),
    st.builds(lambda r: c.RecordBallot(invalid_reason=r), st.sampled_from(["not_issued", "other_form"])),
    st.builds(c.SignMinutes, st.sampled_from(VOTERS)),
    st.builds(c.AnnounceResults),
)


class CrashingSession(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.store = DyingStore()
        self.clock = FixedClock()
        self.service = SessionService.create(self.store, synthetic(8, 3), clock=self.clock, session_id="h")

    def restart(self) -> None:
        """A new process: everything it knows comes from the store."""
        self.service = SessionService(self.store, "h", self.clock)

    @rule()
    def scripted(self):
        """The next action of the scripted session, so runs get through the whole agenda."""
        command = next_command(self.service.state)
        if command is not None:
            self.anything(command)

    @rule(command=COMMANDS)
    def random_command(self, command):
        self.anything(command)

    def anything(self, command):
        before = self.store.last_seq("h")
        try:
            self.service.handle(command, CHAIR)
        except SessionError:
            assert self.store.last_seq("h") == before, "a refusal writes nothing"

    @rule(command=COMMANDS)
    def die_between_decide_and_append(self, command):
        before = summary(self.service.state)
        try:
            decide(self.service.state, command, CHAIR)
        except SessionError:
            pass
        self.restart()
        assert summary(self.service.state) == before, "nothing decided but unwritten survives, nothing is lost"

    @rule(command=COMMANDS)
    def die_after_append_before_evolve(self, command):
        before = self.store.last_seq("h")
        self.store.die_after_append = True
        try:
            self.service.handle(command, CHAIR)
        except SessionError:
            pass
        except Died:
            assert self.store.last_seq("h") > before
        self.store.die_after_append = False
        self.restart()
        assert self.service.state.seq == self.store.last_seq("h"), "the appended event is in the replayed state"

    @invariant()
    def replay_equals_live(self):
        assert summary(replay(self.store.load("h"))) == summary(self.service.state)

    @invariant()
    def step_reached(self):
        event(f"step {self.service.state.step}")

    @invariant()
    def books_balance(self):
        assert first_imbalance(self.service.state) is None

    @invariant()
    def log_verifies(self):
        assert verify(self.store.load("h")).ok


CrashingSession.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None,
                                             suppress_health_check=[HealthCheck.too_slow])
test_random_commands_with_random_crashes = CrashingSession.TestCase
