"""InMemoryEventStore: the EventStore contract in a dict, for tests and dry runs."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from session.errors import Conflict
from session.events import Recorded


class InMemoryEventStore:
    """Streams of events by session id, guarded by one lock."""

    def __init__(self) -> None:
        self._streams: dict[str, list[Recorded]] = {}
        self._lock = threading.Lock()

    def append(self, session_id: str, expected_seq: int, records: Sequence[Recorded]) -> None:
        with self._lock:
            stream = self._streams.setdefault(session_id, [])
            if len(stream) != expected_seq or [r.seq for r in records] != list(range(expected_seq + 1, expected_seq + 1 + len(records))):
                if not stream and expected_seq == 0:
                    del self._streams[session_id]
                raise Conflict("store.conflict", seq=expected_seq + 1)
            stream.extend(records)

    def load(self, session_id: str, after: int = 0) -> list[Recorded]:
        with self._lock:
            return list(self._streams.get(session_id, [])[after:])

    def last_seq(self, session_id: str) -> int:
        with self._lock:
            return len(self._streams.get(session_id, []))

    def sessions(self) -> list[str]:
        with self._lock:
            return list(self._streams)
