"""SqlEventStore: the EventStore contract on SQLite or PostgreSQL, one transaction per append."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from session.errors import Conflict
from session.events import Recorded
from storage.models import EventRow, SessionRow

_EVENTS = EventRow.__table__
_SESSIONS = SessionRow.__table__


class SqlEventStore:
    """Events in the ``events`` table; a duplicate (session, seq) becomes a Conflict."""

    def __init__(self, engine: Engine):
        self.engine = engine
        """The SQLAlchemy engine (from ``storage.database.make_engine``)."""

    def append(self, session_id: str, expected_seq: int, records: Sequence[Recorded]) -> None:
        rows = [
            {"session_id": session_id, "seq": r.seq, "type": r.type, "version": r.version, "at": r.at,
             "actor": json.dumps(r.actor, ensure_ascii=False), "payload": json.dumps(r.payload, ensure_ascii=False),
             "prev_hash": r.prev_hash, "hash": r.hash}
            for r in records
        ]
        try:
            with self.engine.begin() as conn:
                last = conn.execute(select(func.max(_EVENTS.c.seq)).where(_EVENTS.c.session_id == session_id)).scalar() or 0
                if last != expected_seq:
                    raise Conflict("store.conflict", seq=expected_seq + 1)
                if expected_seq == 0:
                    title = records[0].payload.get("conference", {}).get("conference", {}).get("title", "")
                    conn.execute(insert(_SESSIONS), [{"id": session_id, "created_at": records[0].at, "title": title}])
                conn.execute(insert(_EVENTS), rows)
        except IntegrityError:
            raise Conflict("store.conflict", seq=expected_seq + 1) from None
        except OperationalError as exc:
            if "lock" in str(exc).lower() or "serializ" in str(exc).lower():
                raise Conflict("store.conflict", seq=expected_seq + 1) from None
            raise

    def load(self, session_id: str, after: int = 0) -> list[Recorded]:
        query = (select(_EVENTS).where(_EVENTS.c.session_id == session_id, _EVENTS.c.seq > after)
                 .order_by(_EVENTS.c.seq))
        with self.engine.connect() as conn:
            return [Recorded(r.seq, r.type, r.version, r.at, json.loads(r.actor), json.loads(r.payload), r.prev_hash, r.hash)
                    for r in conn.execute(query)]

    def last_seq(self, session_id: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(_EVENTS.c.seq)).where(_EVENTS.c.session_id == session_id)).scalar() or 0

    def sessions(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r.id for r in conn.execute(select(_SESSIONS.c.id).order_by(_SESSIONS.c.created_at))]
