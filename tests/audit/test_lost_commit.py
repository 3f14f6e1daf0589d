"""A lost COMMIT answer on PostgreSQL: ``tinnhiem do`` never records a ballot twice and never lies about it.

A TCP proxy in front of the test server forwards the COMMIT of a ballot, then cuts the connection
before the server's answer comes back: the write landed but the writer was not told.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading

import pytest

from session import commands as c
from session.events import CHAIR
from session.service import SessionService
from tests.scenarios import FixedClock, drive_to_counting, synthetic
from tui.cli import main
from tui.wiring import open_store


class CommitCutter:
    """Relays to PostgreSQL; once armed, forwards the next COMMIT of an append and cuts that connection before its answer."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.armed = False
        self.cut = 0
        """COMMITs forwarded whose answer was dropped."""
        self.down = False
        """While True, new connections are refused (a server that stays away)."""
        self.gone_after_cut = False
        """Whether the server goes away for good with the COMMIT it cuts."""
        self._open: list[socket.socket] = []
        """Every relayed socket, so that a server going away takes its open connections with it."""
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()

    def stay_down(self) -> None:
        """The server is gone for good: new connections are refused and the open ones (a pool's too) are cut."""
        self.down = True
        _close(*self._open)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self.down:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self._open += [client, upstream]
            threading.Thread(target=self._client_to_server, args=(client, upstream), daemon=True).start()
            threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()

    def _client_to_server(self, client: socket.socket, upstream: socket.socket) -> None:
        inserted = False  # the COMMIT cut is the one that ends a transaction appending events
        with contextlib.suppress(OSError):
            while data := client.recv(65536):
                inserted = inserted or b"INSERT INTO events" in data
                if self.armed and inserted and b"COMMIT" in data.upper():
                    self.armed = False
                    if self.gone_after_cut:  # refused before the writer can even notice the cut and call again
                        self.down = True
                    # Stop the answer first, then let the COMMIT through: the server commits, nobody hears it.
                    client.shutdown(socket.SHUT_WR)
                    upstream.sendall(data)
                    self.cut += 1
                    threading.Timer(0.3, _close, (client, upstream)).start()
                    if self.gone_after_cut:
                        self.stay_down()
                    return
                upstream.sendall(data)


def _close(*socks: socket.socket) -> None:
    for s in socks:
        with contextlib.suppress(OSError):
            s.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            s.close()


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while data := src.recv(65536):
            dst.sendall(data)
    _close(dst)


@pytest.fixture
def counting_via_proxy(pg_url):
    from sqlalchemy.engine import make_url

    url = make_url(pg_url)
    proxy = CommitCutter((url.host, url.port))
    session_id = f"lost{proxy.port}"
    service = SessionService.create(open_store(pg_url), synthetic(6, 2), clock=FixedClock(), session_id=session_id)
    drive_to_counting(service)
    service.handle(c.RecordBallot(marks="11"), CHAIR)
    yield proxy, url.set(port=proxy.port).render_as_string(hide_password=False), pg_url, session_id
    proxy.close()


def ballots(pg_url: str, session_id: str) -> list[str]:
    return [r.payload["marks"] for r in open_store(pg_url).load(session_id) if r.type == "ballot_recorded"]


def test_a_ballot_whose_commit_answer_is_lost_is_found_by_hash_and_not_recorded_twice(counting_via_proxy, capsys, monkeypatch):
    proxy, via, pg_url, session_id = counting_via_proxy
    monkeypatch.setenv("TINNHIEM_RESEND_SECONDS", "20")
    proxy.armed = True
    code = main(["--lang", "en", "do", "--db", via, "--session", session_id, "ballot", "12"])
    said = capsys.readouterr()
    assert proxy.cut == 1, "the proxy cut a COMMIT's answer"
    assert code == 0, said.err
    assert "was recorded (found by its hash)" in said.err and "not recorded twice" in said.err
    assert ballots(pg_url, session_id) == ["11", "12"]


def test_a_script_line_whose_commit_answer_is_lost_goes_on_without_a_duplicate(counting_via_proxy, capsys, monkeypatch, tmp_path):
    proxy, via, pg_url, session_id = counting_via_proxy
    monkeypatch.setenv("TINNHIEM_RESEND_SECONDS", "20")
    script = tmp_path / "s.txt"
    script.write_text("ballot 21\nstatus --format json\n", encoding="utf-8")
    proxy.armed = True
    code = main(["--lang", "en", "do", "--db", via, "--session", session_id, "--script", str(script)])
    said = capsys.readouterr()
    assert code == 0 and proxy.cut == 1, said.err
    assert json.loads(said.out.splitlines()[-1])["step"] == "counting"
    assert ballots(pg_url, session_id) == ["11", "21"]


def test_a_store_that_stays_away_exits_5_saying_the_write_may_have_landed(counting_via_proxy, capsys, monkeypatch):
    proxy, via, pg_url, session_id = counting_via_proxy
    monkeypatch.setenv("TINNHIEM_RESEND_SECONDS", "1")
    proxy.armed = proxy.gone_after_cut = True  # after the COMMIT, the server is gone for good
    code = main(["--lang", "en", "do", "--db", via, "--session", session_id, "ballot", "22"])
    said = capsys.readouterr()
    assert proxy.cut == 1
    assert code == 5, said.err
    assert "NOT KNOWN whether the action was recorded" in said.err and "Do not enter it again before checking" in said.err
    assert "event 8" in said.err or "event " in said.err
    assert ballots(pg_url, session_id) == ["11", "22"], "it did land: exit 5 said it may have"
