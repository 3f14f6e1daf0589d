"""`tinnhiem project --web`: a real headless Chromium opens the served projector and shows the attendance.

xterm.js draws the terminal into a canvas, so the words are not in the DOM. The check instead drives Chromium
over its DevTools protocol (on 127.0.0.1): a script installed before the page loads keeps what the page's own
websocket receives, decoded as the page's terminal decodes it; the test waits until textual-serve's page marks its
first screen bytes written to the terminal (``-first-byte``), then reads that text: the roll call's heading, the
number convened and this log's own short code, which only this session's projector can have drawn.
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import socket
import subprocess
import sys
import time

import pytest

from tests.cli.conftest import new_session
from tests.cli.support import ROOT, _env, cli

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian: apt-get install chromium)")

KEEP_WHAT_ARRIVES = """
window.__screen = "";
const decoder = new TextDecoder();
const Native = window.WebSocket;
window.WebSocket = function (...args) {
  const socket = new Native(...args);
  socket.addEventListener("message", (event) => {
    if (event.data instanceof ArrayBuffer) window.__screen += decoder.decode(event.data, {stream: true});
  });
  return socket;
};
window.WebSocket.prototype = Native.prototype;
"""
"""Kept as the page receives it; textual-serve asks for ArrayBuffer frames."""

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_line(proc: subprocess.Popen, needle: str, seconds: float) -> str:
    """The server's first line containing ``needle`` (it prints the address once listening)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if needle in line:
            return line
        if not line and proc.poll() is not None:
            break
    raise AssertionError(f"no {needle!r} from the server (exit {proc.poll()})")


async def _page_text(url: str, profile, seconds: float = 40) -> tuple[str, int]:
    """Open ``url`` in headless Chromium; the text its websocket delivered once the terminal has drawn, and the
    size of a screenshot taken then."""
    import aiohttp

    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         # Only 127.0.0.1: the page's web font from Google is refused, as on a hall's network without internet.
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
         "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--window-size=1280,800", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + seconds
        while not port_file.is_file() or not port_file.read_text().strip():
            assert time.monotonic() < deadline, "chromium gave no DevTools port"
            await asyncio.sleep(0.1)
        devtools = int(port_file.read_text().split()[0])
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{devtools}/json/list") as answer:
                page = next(t for t in await answer.json() if t["type"] == "page")
            async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                ids = iter(range(1, 10_000))

                async def call(method: str, **params):
                    number = next(ids)
                    await ws.send_str(json.dumps({"id": number, "method": method, "params": params}))
                    async for message in ws:
                        reply = json.loads(message.data)
                        if reply.get("id") == number:
                            return reply.get("result", {})
                    raise AssertionError("DevTools closed")

                async def evaluate(expression: str):
                    return (await call("Runtime.evaluate", expression=expression, returnByValue=True))["result"].get("value")

                await call("Page.enable")
                await call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_WHAT_ARRIVES)
                await call("Page.navigate", url=url)
                while not await evaluate("document.body && document.body.classList.contains('-first-byte')"):
                    assert time.monotonic() < deadline, "the page never received the projector's screen"
                    await asyncio.sleep(0.2)
                text = ""
                while "Mã nhật ký" not in text and time.monotonic() < deadline:  # the last line drawn
                    await asyncio.sleep(0.3)
                    text = ANSI.sub("", await evaluate("window.__screen") or "")
                shot = await call("Page.captureScreenshot", format="png")
                return text, len(shot["data"])
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait(timeout=10)


def _figure_drawn(value: str, text: str) -> bool:
    """Whether every row of ``value`` in block digits, at some scale, is in ``text``."""
    from tui.widgets.big_text import draw

    return any(all(row.strip() in text for row in draw(value, scale)) for scale in range(1, 13))


def test_a_browser_shows_the_attendance_of_the_session(tmp_path):
    db = new_session(tmp_path)
    assert cli("do", "--db", db, "next").code == 0
    assert cli("do", "--db", db, "present", "v01", "v02", "v03").code == 0
    from session.log import short_code
    from tui.wiring import open_service

    code = short_code(open_service(db, None).state.head_hash)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "tui.cli", "project", "--db", db, "--web", "--port", str(port)],
                              cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              encoding="utf-8")
    try:
        line = _wait_for_line(server, "http://", 30)
        url = f"http://127.0.0.1:{port}"
        assert url in line, line
        text, screenshot = asyncio.run(_page_text(url, tmp_path / "profile"))
    finally:
        server.terminate()  # textual-serve stops its page processes on SIGTERM
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    assert "ĐIỂM DANH: SỐ NGƯỜI CÓ MẶT" in text
    assert "triệu tập 12" in text and code in text, text[-400:]
    assert _figure_drawn("3/12", text) and not _figure_drawn("4/12", text)  # present/convened in block digits
    assert screenshot > 10_000, "a drawn terminal, not an empty page"
