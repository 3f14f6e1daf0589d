"""The PinStore port: the members' PIN hashes in their own ``pins`` table, or in memory.

The table sits beside the events in the same database, so a PostgreSQL session keeps
its PINs on the server like its log; no export, replay or archive reads this table.
Every write is a conditional one (``swap_pin``): two terminals racing to set a PIN,
or to count a wrong try, cannot both win.
"""

from __future__ import annotations

import threading

from session.pins import PinRecord
from storage.database import Database
from storage.tables import PINS

_FIELDS = ("scheme", "salt", "digest", "since", "failures", "locked_until")
"""The record's columns, in ``PinRecord`` order."""


class SqlPinStore:
    """PIN records in the ``pins`` table of ``database``."""

    def __init__(self, database: Database):
        self.database = database
        """The session's database (from ``storage.database.open_database``)."""
        m = database.mark
        cols = ", ".join(_FIELDS)
        self._sql_get = f"SELECT {cols} FROM {PINS} WHERE session_id = {m} AND member = {m}"
        self._sql_insert = f"INSERT INTO {PINS} (session_id, member, {cols}) VALUES ({', '.join([m] * 8)})"
        sets = ", ".join(f"{c} = {m}" for c in _FIELDS)
        self._sql_update = (f"UPDATE {PINS} SET {sets} WHERE session_id = {m} AND member = {m} "
                            f"AND digest = {m} AND failures = {m} AND locked_until = {m}")

    def get_pin(self, session_id: str, member: str) -> PinRecord | None:
        with self.database.transaction() as cur:
            cur.execute(self._sql_get, (session_id, member))
            row = cur.fetchone()
        return PinRecord(*row) if row else None

    def swap_pin(self, session_id: str, member: str, old: PinRecord | None, new: PinRecord) -> bool:
        values = tuple(getattr(new, f) for f in _FIELDS)
        try:
            with self.database.transaction(write=True) as cur:
                if old is None:
                    cur.execute(self._sql_insert, (session_id, member) + values)
                    return True
                cur.execute(self._sql_update, values + (session_id, member, old.digest, old.failures, old.locked_until))
                return cur.rowcount == 1
        except self.database.driver.IntegrityError:  # another terminal inserted first
            return False


class InMemoryPinStore:
    """PIN records in a dict, for tests and ``--db memory:``."""

    def __init__(self) -> None:
        self._records: dict[tuple[str, str], PinRecord] = {}
        self._lock = threading.Lock()

    def get_pin(self, session_id: str, member: str) -> PinRecord | None:
        with self._lock:
            return self._records.get((session_id, member))

    def swap_pin(self, session_id: str, member: str, old: PinRecord | None, new: PinRecord) -> bool:
        with self._lock:
            if self._records.get((session_id, member)) != old:
                return False
            self._records[(session_id, member)] = new
            return True
