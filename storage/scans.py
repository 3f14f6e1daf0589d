"""The scanned ballots' images, by sha256, in their own ``scans`` table beside the log.

The log's entries name a scan by its digest (``image``), so the images need no chain of
their own: an image is what its digest says or it is worth nothing. Keeping them in the
session's database (not in files beside it) lets every station of a PostgreSQL session
show a held ballot's rows, and lets the archive carry what the machine saw.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass

from session.errors import BadInput
from session.i18n import register
from storage.database import Database
from storage.tables import SCANS


@dataclass(frozen=True)
class Scan:
    """One stored image."""

    sha256: str
    """Digest of ``data``: the name the log knows it by."""
    name: str
    """The file's name as scanned (a row's picture: ``<file>.row<N>.png``)."""
    data: bytes
    """The file's bytes, as the scanner wrote them."""


def digest(data: bytes) -> str:
    """The sha256 an image is known by."""
    return hashlib.sha256(data).hexdigest()


class SqlScanStore:
    """Images in the ``scans`` table of ``database``; writing one twice is writing it once."""

    def __init__(self, database: Database):
        self.database = database
        """The session's database (from ``storage.database.open_database``)."""
        m = database.mark
        self._sql_put = (f"INSERT INTO {SCANS} (session_id, sha256, name, data) VALUES ({m}, {m}, {m}, {m}) "
                         "ON CONFLICT DO NOTHING")
        self._sql_get = f"SELECT name, data FROM {SCANS} WHERE session_id = {m} AND sha256 = {m}"
        self._sql_list = f"SELECT sha256, name FROM {SCANS} WHERE session_id = {m} ORDER BY name, sha256"

    def put(self, session_id: str, name: str, data: bytes) -> str:
        """Keep ``data`` under its digest (returned)."""
        sha = digest(data)
        with self.database.transaction(write=True) as cur:
            cur.execute(self._sql_put, (session_id, sha, name, data))
        return sha

    def get(self, session_id: str, sha256: str) -> Scan | None:
        """The image of that digest, or None; one whose bytes no longer match it is refused."""
        with self.database.transaction() as cur:
            cur.execute(self._sql_get, (session_id, sha256))
            row = cur.fetchone()
        return _checked(sha256, *row) if row else None

    def names(self, session_id: str) -> list[tuple[str, str]]:
        """(sha256, name) of every image of the session, by name."""
        with self.database.transaction() as cur:
            cur.execute(self._sql_list, (session_id,))
            return [(sha, name) for sha, name in cur.fetchall()]


class InMemoryScanStore:
    """The same contract in memory, for tests and the in-memory log."""

    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], tuple[str, bytes]] = {}
        """(session, sha256) → (name, data)."""
        self._lock = threading.Lock()

    def put(self, session_id: str, name: str, data: bytes) -> str:
        sha = digest(data)
        with self._lock:
            self._rows.setdefault((session_id, sha), (name, bytes(data)))
        return sha

    def get(self, session_id: str, sha256: str) -> Scan | None:
        row = self._rows.get((session_id, sha256))
        return _checked(sha256, *row) if row else None

    def names(self, session_id: str) -> list[tuple[str, str]]:
        return sorted(((sha, name) for (sid, sha), (name, _) in self._rows.items() if sid == session_id),
                      key=lambda row: (row[1], row[0]))


def _checked(sha256: str, name: str, data: bytes) -> Scan:
    data = bytes(data)
    if digest(data) != sha256:
        raise BadInput("scan.image_changed", name=name, sha=sha256[:16])
    return Scan(sha256, name, data)


register({
    "scan.image_changed": ("Ảnh quét {name} đã bị sửa: nội dung không còn khớp mã {sha}….",
                           "The scanned image {name} was changed: its bytes no longer match {sha}…."),
})
