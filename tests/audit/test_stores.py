"""Hostile stores: a corrupt, locked or newer SQLite file, a PostgreSQL server that goes away mid-count,
and a full disk. Each gets a clear message naming what is wrong, and nothing recorded changes."""

from __future__ import annotations

import contextlib
import hashlib
import os
import socket
import sqlite3
import subprocess
import threading

import pytest

from session import commands as c
from session.errors import Unavailable
from session.events import CHAIR
from session.log import verify
from session.resend import resend
from session.service import SessionService
from storage import database
from tests.scenarios import FixedClock, drive_to_counting, sample_data, synthetic
from tui.cli import main
from tui.wiring import open_store


def digest(path: str) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def recorded(path: str) -> list[tuple]:
    """Everything recorded in a SQLite file (events and meta), read without the app."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT * FROM events ORDER BY session_id, seq").fetchall() + \
            conn.execute("SELECT * FROM meta ORDER BY key").fetchall()


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def quick_busy_timeout(monkeypatch):
    """Give up on a held SQLite lock after 0.2 s instead of the shipped 5 s, so the test is quick."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)


def test_a_corrupt_sqlite_file_is_named(sample_db, capsys):
    with contextlib.closing(sqlite3.connect(sample_db)) as conn:  # move the WAL into the file first
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = os.path.getsize(sample_db)
    with open(sample_db, "r+b") as fh:  # keep the header, overwrite the pages after it
        fh.seek(100)
        fh.write(b"\xde\xad\xbe\xef" * ((size - 100) // 4))
    before = digest(sample_db)
    code, text = run(capsys, "verify", "--db", sample_db)
    assert code == 2 and sample_db in text and ("malformed" in text or "hỏng" in text), text
    assert digest(sample_db) == before


def test_a_file_that_is_no_database_is_named_as_such(tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_bytes(bytes(range(256)) * 20)
    code, text = run(capsys, "verify", "--db", str(junk), "--lang", "en")
    assert code == 2 and "Cannot open the database" in text and "not a database" in text
    assert junk.read_bytes() == bytes(range(256)) * 20


def test_a_sqlite_file_locked_by_another_program_at_open(sample_db, quick_busy_timeout, capsys):
    other = sqlite3.connect(sample_db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        code, text = run(capsys, "do", "--db", sample_db, "status")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 2 and "đang bị chương trình khác khóa" in text and sample_db in text


def test_a_sqlite_file_locked_by_another_program_mid_session(tmp_path, quick_busy_timeout):
    db = str(tmp_path / "s.db")
    service = SessionService.create(open_store(db), sample_data(), clock=FixedClock(), session_id="s")
    service.handle(c.Advance(), CHAIR)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # WAL: readers go on, writers wait
    try:
        with pytest.raises(Unavailable) as caught:
            service.handle(c.MarkPresent(("v01",)), CHAIR)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert caught.value.key == "store.locked" and "locked by another program" in caught.value.message("en")
    assert service.store.last_seq("s") == 2 and service.state.seq == 2, "nothing was written"
    assert resend(service, c.MarkPresent(("v01",)), CHAIR, caught.value.unsent)[-1].seq == 3


def test_a_sqlite_file_of_a_newer_schema_is_refused_untouched(sample_db, capsys):
    with contextlib.closing(sqlite3.connect(sample_db)) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
        conn.commit()
    before = recorded(sample_db)
    code, text = run(capsys, "do", "--db", sample_db, "next")
    assert code == 2 and "(99 > 1)" in text
    assert recorded(sample_db) == before


class Proxy:
    """A TCP relay to PostgreSQL that can be cut (server gone) and restored (server back) on the same port."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = _free_port()
        self._conns: list[socket.socket] = []
        self._listener: socket.socket | None = None

    def start(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        threading.Thread(target=self._accept, args=(self._listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and cut every open one, like a server that went away."""
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; close alone would not
        with contextlib.suppress(OSError):
            self._listener.close()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
                conn.close()
        self._conns.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pipe, args=(a, b), daemon=True).start()


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := src.recv(65536):
            dst.sendall(data)
    with contextlib.suppress(OSError):
        dst.shutdown(socket.SHUT_RDWR)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_postgresql_server_that_goes_away_mid_count(pg_url):
    from sqlalchemy.engine import make_url

    url = make_url(pg_url)
    proxy = Proxy((url.host, url.port))
    proxy.start()
    via = url.set(port=proxy.port).render_as_string(hide_password=False)
    service = SessionService.create(open_store(via), synthetic(6, 2), clock=FixedClock(), session_id="gone")
    drive_to_counting(service)
    service.handle(c.RecordBallot(marks="11"), CHAIR)
    proxy.stop()
    entry = c.RecordBallot(marks="12")
    with pytest.raises(Unavailable) as caught:
        service.handle(entry, CHAIR)
    assert caught.value.key == "store.unavailable" and "kept to send again" in caught.value.message("en")
    # The read before deciding failed: nothing was sent, and the caller still holds the entry to send again.
    assert caught.value.unsent == () and service.state.entered == 1
    proxy.start()
    recorded = resend(service, entry, CHAIR, caught.value.unsent)
    proxy.stop()
    records = open_store(pg_url).load("gone")
    assert [r.payload.get("marks") for r in records if r.type == "ballot_recorded"] == ["11", "12"], "no duplicate"
    assert recorded[-1].hash == records[-1].hash and verify(records).ok


def test_postgresql_backends_terminated_mid_count_recover_without_duplicates(pg_url):
    from sqlalchemy import create_engine, text

    service = SessionService.create(open_store(pg_url), synthetic(6, 2), clock=FixedClock(), session_id="term")
    drive_to_counting(service)
    service.handle(c.RecordBallot(marks="11"), CHAIR)
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # the server drops every other connection to this database
        killed = conn.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                   "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    admin.dispose()
    assert killed >= 1
    service.handle(c.RecordBallot(marks="22"), CHAIR)  # the pool notices the dead connection and reconnects
    records = open_store(pg_url).load("term")
    assert [r.payload.get("marks") for r in records if r.type == "ballot_recorded"] == ["11", "22"]
    assert verify(records).ok


class CommitThenFail:
    """A store whose append lands and then loses the connection before the answer (an ambiguous COMMIT)."""

    def __init__(self, inner):
        self.inner, self.fail_next = inner, False

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def append(self, session_id, expected_seq, records):
        self.inner.append(session_id, expected_seq, records)
        if self.fail_next:
            self.fail_next = False
            raise Unavailable("store.unavailable", detail="connection lost during COMMIT", unsent=tuple(records))


def test_a_retry_after_an_ambiguous_commit_records_nothing_twice(tmp_path):
    store = CommitThenFail(open_store(str(tmp_path / "a.db")))
    service = SessionService.create(store, synthetic(6, 2), clock=FixedClock(), session_id="amb")
    drive_to_counting(service)
    store.fail_next = True
    entry = c.RecordBallot(marks="21")
    with pytest.raises(Unavailable) as caught:
        service.handle(entry, CHAIR)
    recorded = resend(service, entry, CHAIR, caught.value.unsent)
    assert recorded == list(caught.value.unsent) and service.state.entered == 1
    assert [r.type for r in store.load("amb")].count("ballot_recorded") == 1


@pytest.fixture
def tiny_disk(tmp_path):
    """A 160 KiB tmpfs (root only); the test says so when it cannot mount one and uses SQLite's page cap instead."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=160k", "tmpfs", str(mount)], capture_output=True)
    yield str(mount) if done.returncode == 0 else None
    if done.returncode == 0:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_says_so_and_keeps_the_log_intact(tiny_disk, tmp_path, monkeypatch):
    if tiny_disk is None:
        print("full disk: no tmpfs mount allowed here; simulated with PRAGMA max_page_count (a real SQLITE_FULL)")
        original = database._sqlite_pragmas
        monkeypatch.setattr(database, "_sqlite_pragmas",
                            lambda conn: (original(conn), conn.execute("PRAGMA max_page_count=60")))
    else:
        print(f"full disk: a real 160 KiB tmpfs at {tiny_disk}")
    db = os.path.join(tiny_disk or str(tmp_path), "full.db")
    service = SessionService.create(open_store(db), synthetic(300, 8), clock=FixedClock(), session_id="full")
    voters = [v.id for v in service.state.conference.voters]
    service.handle(c.Advance(), CHAIR)
    with pytest.raises(Unavailable) as caught:
        for vid in voters:
            service.handle(c.MarkPresent((vid,)), CHAIR)
    assert caught.value.key == "store.disk_full" and "disk is full" in caught.value.message("en")
    stored = open_store(db).load("full")
    assert verify(stored).ok and len(stored) == service.state.seq, "what was acknowledged is all there, and no more"


def test_a_postgresql_server_that_never_answers_is_given_up_on(monkeypatch):
    from session.errors import BadInput

    monkeypatch.setattr(database, "PG_CONNECT_TIMEOUT_S", 1)
    silent = socket.create_server(("127.0.0.1", 0))  # the kernel completes the handshake; no server ever speaks
    port = silent.getsockname()[1]
    outcome: list[BaseException] = []

    def attempt() -> None:
        try:
            open_store(f"postgresql+psycopg://postgres@127.0.0.1:{port}/x")
        except BaseException as exc:  # noqa: BLE001 - the test inspects what came out
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(60)  # without a connect timeout libpq waits for the startup reply forever
    silent.close()
    assert outcome, "the connection attempt never gave up"
    assert isinstance(outcome[0], BadInput) and "timeout" in outcome[0].message("en").lower(), outcome[0]
