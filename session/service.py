"""SessionService: load → decide → append → evolve, with retry on a lost race."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from session.admissible import Checker, collector_paused
from session.commands import Command
from session.conference import conference_from_data
from session.decide import decide
from session.errors import BadInput, Conflict, TamperDetected
from session.events import Actor, Recorded, SessionCreated
from session.log import GENESIS, new_launch_code, seal
from session.pins import Credentials, PinGate
from session.ports import EventStore, PinStore
from session.state import SessionState

Clock = Callable[[], datetime]
"""Returns the current time (aware); injected so tests are deterministic."""

SYSTEM = Actor("system")


def utc_now() -> datetime:
    """The default clock."""
    return datetime.now(UTC)


class SessionService:
    """Runs commands for one session against a store; keeps the live state."""

    RETRIES = 100
    """How often a lost race is re-decided before giving up (4 PostgreSQL stations showed a writer losing 29 times in a row)."""
    BACKOFF = 0.05
    """Longest pause (seconds) before re-deciding: losers retrying in step would collide again."""

    def __init__(self, store: EventStore, session_id: str, clock: Clock = utc_now, strict: bool = True,
                 pins: PinStore | None = None):
        self.store = store
        """Where events live."""
        self.session_id = session_id
        """The session this service runs."""
        self.clock = clock
        """Source of event times."""
        self.gate: PinGate | None = PinGate(pins, session_id, clock) if pins is not None else None
        """Checks the members' PINs; None trusts the caller (tests of the rules alone, with no PIN store)."""
        self.credentials: Credentials | None = None
        """The PINs this terminal was given (its member's, at sign-in): used when ``handle`` is given none."""
        self._checker = Checker()
        with collector_paused():  # over the read and the fold alike: everything they build lives on
            records = store.load(session_id)
            if not records:
                raise BadInput("store.unknown_session", id=session_id, known=", ".join(store.sessions()) or "—")
            verdict = self._checker.feed(records)
        self.tampered: TamperDetected | None = None if verdict.ok else TamperDetected.of(verdict)
        """Why the log does not check (chain or rules), once found: the service then writes nothing more."""
        if self.tampered is not None and (strict or self._checker.state is None):
            raise self.tampered
        self.state: SessionState = self._checker.state
        """The live state, folded from the store (up to the first event that does not check)."""

    @classmethod
    def create(cls, store: EventStore, conference: dict[str, Any], *, clock: Clock = utc_now,
               session_id: str | None = None, launch_code: str | None = None,
               pins: PinStore | None = None) -> SessionService:
        """Start a new session from plain conference data (validated first)."""
        conference_from_data(conference)
        sid = session_id or uuid.uuid4().hex[:12]
        first = seal(1, SessionCreated(sid, launch_code or new_launch_code(), conference), _iso(clock()),
                     SYSTEM.as_dict(), GENESIS)
        store.append(sid, 0, [first])
        return cls(store, sid, clock, pins=pins)

    def refresh(self) -> list[Recorded]:
        """Fold in events other writers appended, checking only those; returns them. ``TamperDetected`` if one fails."""
        if self.tampered is not None:
            raise self.tampered
        new = self.store.load(self.session_id, after=self.state.seq)
        verdict = self._checker.feed(new)
        if not verdict.ok:
            self.tampered = TamperDetected.of(verdict)
            raise self.tampered
        return new

    def handle(self, command: Command, actor: Actor, credentials: Credentials | None = None) -> list[Recorded]:
        """Decide, check the PINs it needs, and append; on a lost race reload and decide again. Refusals write nothing."""
        admitted = self.gate is None
        for attempt in range(self.RETRIES):
            self.refresh()
            events = decide(self.state, command, actor)
            if not admitted:  # once: a PIN is the person's, whatever another writer appended meanwhile
                self.gate.admit(self.state, command, actor, credentials or self.credentials)  # type: ignore[union-attr]
                admitted = True
            records, prev, at = [], self.state.head_hash, _iso(self.clock())
            for offset, event in enumerate(events, 1):
                record = seal(self.state.seq + offset, event, at, actor.as_dict(), prev)
                records.append(record)
                prev = record.hash
            try:
                self.store.append(self.session_id, self.state.seq, records)
            except Conflict:
                pause = min(self.BACKOFF, 0.001 * 2**attempt)
                time.sleep(random.uniform(pause / 2, pause))
                continue
            self._checker.trust(records)
            return records
        raise Conflict("store.busy")


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")
