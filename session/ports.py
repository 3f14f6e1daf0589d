"""The EventStore port: what the domain needs from any storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from session.events import Recorded
from session.pins import PinRecord


class EventStore(Protocol):
    """An append-only store of hash-chained events, one stream per session.

    Contract (checked by one test suite against every implementation):
    - ``append`` writes all ``records`` in one transaction, or none of them. It
      succeeds only if the stream's last seq equals ``expected_seq``; otherwise it
      raises ``Conflict`` and writes nothing. Two writers racing for the same seq:
      exactly one wins.
    - ``load`` returns the stream's events with seq > ``after``, in seq order.
    - ``last_seq`` is a cheap query of the highest seq (0 for an empty stream).
    - ``sessions`` lists the session ids, oldest first.
    """

    def append(self, session_id: str, expected_seq: int, records: Sequence[Recorded]) -> None:
        """Append atomically, or raise Conflict if the stream moved past ``expected_seq``."""
        ...

    def load(self, session_id: str, after: int = 0) -> list[Recorded]:
        """Events with seq > ``after``, in order."""
        ...

    def last_seq(self, session_id: str) -> int:
        """Highest seq stored (0 if none)."""
        ...

    def sessions(self) -> list[str]:
        """Session ids, oldest first."""
        ...


class ChairLock(Protocol):
    """Held by the one chair console of a session; a second console is refused or read-only.

    Contract: at most one live holder per session. The holder beats every few seconds;
    a lock whose holder stopped beating (a killed process) goes stale and can be taken
    over, so a crash never blocks the session for long.
    """

    holder: str
    """Who holds it: ``host:pid`` of the console."""

    def beat(self) -> bool:
        """Refresh the heartbeat; False when the lock was lost (taken over after going stale)."""
        ...

    def release(self) -> None:
        """Give the lock up (the console is closing)."""
        ...


class PinStore(Protocol):
    """The counting-team members' PIN hashes, one per (session, member), kept apart from the log.

    Contract: what ``swap_pin`` writes is what ``get_pin`` reads back, on every terminal of the
    session; nothing here is ever part of an export, a replay or an archive.
    """

    def get_pin(self, session_id: str, member: str) -> PinRecord | None:
        """The member's record, or None when no PIN was ever set."""
        ...

    def swap_pin(self, session_id: str, member: str, old: PinRecord | None, new: PinRecord) -> bool:
        """Write ``new`` only if the stored record is still ``old`` (None: none stored); False when it moved."""
        ...
