"""The projector in a browser: textual-serve runs ``tinnhiem project`` once per page that connects.

The hall's projector PC then needs only a browser; every page is its own read-only projector
process on the same database and session, following the log as the terminal projector does.
"""

from __future__ import annotations

import os
import shlex
import socket
import sys
from pathlib import Path

from tui.i18n import register, t

WILDCARD_HOSTS = ("0.0.0.0", "::", "")
"""Hosts that bind every interface: the address to print is the machine's own, not these."""

register({
    "web.serving": ("Màn chiếu trên trình duyệt: mở {url} (phiên {session}). Ctrl+C để dừng.",
                    "The projector in a browser: open {url} (session {session}). Ctrl+C to stop."),
    "web.local_only": ("Chỉ máy này mở được; để máy chiếu khác mở, dùng --host 0.0.0.0 (mạng của hội trường).",
                       "Only this machine can open it; for another projector PC use --host 0.0.0.0 (the hall's network)."),
    "web.no_memory": ("Màn chiếu trên trình duyệt cần một cơ sở dữ liệu dùng chung (tệp .db hoặc PostgreSQL), không dùng memory:.",
                      "The browser projector needs a database it can share (a .db file or PostgreSQL), not memory:."),
})


def projector_command(db: str, session_id: str, lang: str) -> str:
    """The shell command textual-serve runs for each page: this interpreter's terminal projector on one session."""
    return shlex.join([sys.executable, "-m", "tui.cli", "project", "--db", db, "--session", session_id, "--lang", lang])


def address(host: str, port: int) -> str:
    """The URL to open: on a wildcard bind, the machine's name on the network instead of 0.0.0.0."""
    if host in WILDCARD_HOSTS:
        host = socket.gethostname()
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    return f"http://{host}:{port}"


def serve_projector(db: str, session_id: str | None, lang: str, host: str, port: int) -> int:
    """Serve the projector on ``host:port`` until interrupted; the session is fixed now, so every page shows the same one."""
    from textual_serve.server import Server

    from session.errors import TamperDetected
    from tui.cli.io import EXIT_BAD, err, out
    from tui.screens_entry import show_tampered
    from tui.wiring import open_service

    if db == "memory:":
        err(t("web.no_memory", lang))
        return EXIT_BAD
    try:
        service = open_service(db, session_id)
    except TamperDetected as error:
        return show_tampered(error, lang)
    if "://" not in db:  # a file: the same file whatever folder the page's process starts in
        db = str(Path(db).resolve())

    class HallServer(Server):
        """Tells each page to reconnect to the address it was opened by (a bind on 0.0.0.0 has no address of its own)."""

        async def handle_index(self, request):
            self.public_url = f"{request.scheme}://{request.host}"
            return await super().handle_index(request)

        async def on_startup(self, app) -> None:
            out(t("web.serving", lang, url=address(host, port), session=service.session_id))
            if host in ("127.0.0.1", "localhost", "::1"):
                out(t("web.local_only", lang))
            sys.stdout.flush()  # read at once by whoever started the server through a pipe

    # The page's process imports this same tui, installed or not.
    root = str(Path(__file__).resolve().parents[1])
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    command = projector_command(db, service.session_id, lang)
    HallServer(command, host=host, port=port, title=service.state.conference.title).serve()
    return 0
