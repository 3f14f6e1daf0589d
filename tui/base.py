"""The base of every screen app: the service, the language, live follow and command dispatch.

Screens never apply rules: they ask ``dispatch`` to run a command through the
service and re-render from the new state. Other terminals' events arrive by
polling the store's last seq (cheap), then folding in only what is new.

A store that cannot be reached (a server gone, a file locked) is said in the
status line, never shown as a traceback: an action it did not take is held and
sent again with ``session.resend`` every few seconds and on Ctrl+R, so an
entry whose write may have landed is never recorded twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.theme import Theme

from session.commands import Command
from session.errors import SessionError, TamperDetected, Unavailable
from session.events import CHAIR, Actor, Recorded
from session.pins import Credentials
from session.resend import resend
from session.service import SessionService
from tui.i18n import register, t
from tui.screens.help import HELP_BINDINGS, open_palette, show_help

register({
    "conn.unsent": ("Chưa ghi được: {reason} Phần vừa nhập vẫn giữ trên màn hình; tự gửi lại mỗi {seconds} giây, "
                    "hoặc bấm Ctrl+R.",
                    "Not recorded yet: {reason} The entry stays on screen; sent again every {seconds} s, or press Ctrl+R."),
    "conn.lost": ("Mất kết nối tới cơ sở dữ liệu: {reason} Đang thử kết nối lại…",
                  "Connection lost to the database: {reason} Reconnecting…"),
    "conn.back": ("Đã kết nối lại với cơ sở dữ liệu.", "Connected to the database again."),
})

FOLLOW_INTERVAL = 0.3
"""Seconds between polls of the store for other terminals' events (the target is ≤ 1 s)."""
RETRY_INTERVAL = 2.0
"""Seconds between attempts to send an action the store could not take."""

PROJECTOR_THEME = Theme(
    name="projector",
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FF6E40",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF66",
    warning="#FFD700",
    error="#FF3B3B",
    dark=True,
)
"""High contrast for a projector in a bright hall: white and yellow on black."""


class StateChanged(Message):
    """The session state changed (by this terminal or another); views re-render."""


@dataclass
class Unsent:
    """An action the store could not take, held until it is recorded or refused."""

    command: Command
    """What was asked."""
    records: tuple[Recorded, ...]
    """The events of the last failed append (they may have landed): looked for by hash before deciding again."""
    then: Callable[[], None] | None
    """What the screen does once the action is recorded (clear the entry, say so)."""
    error: Unavailable
    """Why the last attempt failed, shown until one goes through."""


class SessionApp(App):
    """Holds the service and the language; follows the store; runs commands."""

    BINDINGS = [Binding("ctrl+l", "toggle_lang", "VI/EN", show=False),
                Binding("ctrl+r", "retry", show=False), *HELP_BINDINGS]
    """Ctrl+L switches the language; Ctrl+R sends an unsent action again now; ? or F1 lists the screen's keys."""

    def action_help(self) -> None:
        """The active screen's keys, in the interface language."""
        show_help(self, self.lang)

    def action_command_palette(self) -> None:
        """The command palette with its search box in the interface language."""
        open_palette(self, self.lang)

    follow_interval = FOLLOW_INTERVAL
    """Seconds between polls of the store; a view that must look live may poll faster."""
    retry_interval = RETRY_INTERVAL
    """Seconds between automatic attempts to send an unsent action."""

    def __init__(self, service: SessionService, lang: str = "vi", actor: Actor = CHAIR, follow: bool = True):
        super().__init__()
        self.service = service
        """The session being run."""
        self.lang = lang
        """Interface language, ``vi`` or ``en``."""
        self.actor = actor
        """Who this terminal acts as."""
        self._follow = follow
        self.unsent: Unsent | None = None
        """The action the store could not take yet, if any."""
        self.offline: Unavailable | None = None
        """Why the last poll of the store failed, until one succeeds."""
        self._retry_timer = None
        self._sending = False
        self.tampered: TamperDetected | None = None
        """Why the log stopped checking while this screen was open; then it only shows that, read-only."""

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR_THEME)
        if self._follow:
            self.set_interval(self.follow_interval, self.poll_store)

    def tr(self, key: str, **params: object) -> str:
        """A string in the current language."""
        return t(key, self.lang, **params)

    @property
    def warning(self) -> str:
        """What is wrong with the store now, in the current language, or ``""``."""
        if self.unsent is not None:
            return self.tr("conn.unsent", reason=self.unsent.error.message(self.lang), seconds=f"{self.retry_interval:g}")
        if self.offline is not None:
            return self.tr("conn.lost", reason=self.offline.message(self.lang))
        return ""

    def poll_store(self) -> None:
        """Fold in other terminals' events, if any, and tell the views; an unreachable store is said, not raised."""
        if self.unsent is not None:  # only the sending thread touches the service until the held action is through
            self.action_retry()
            return
        store, state = self.service.store, self.service.state
        before = self.warning
        if self.tampered is not None:
            return
        try:
            moved = store.last_seq(self.service.session_id) != state.seq and self.service.refresh()
        except TamperDetected as exc:
            self.show_tampered(exc)
            return
        except Unavailable as exc:
            self.offline = exc
            self._warning_changed(before)
            return
        self.offline = None
        if moved or before:
            self._warning_changed(before)

    def dispatch_as_head(self, command: Command, head_pin: str, then: Callable[[], None] | None = None) -> bool:
        """Dispatch a decision of the head with the head's PIN, held only for this one action."""
        held = self.service.credentials
        self.service.credentials = replace(held or Credentials(), head_pin=head_pin or None)
        try:
            return self.dispatch(command, then)
        finally:
            self.service.credentials = held

    def dispatch(self, command: Command, then: Callable[[], None] | None = None) -> bool:
        """Run ``command`` and then ``then``; a refusal is shown with the domain's reason. True when recorded.

        While an earlier action is unsent, this only sends that one again: running the new one too
        could record the same ballot twice (the entry on screen is the unsent one).
        """
        if self.tampered is not None:
            return False
        if self.unsent is not None:
            self.action_retry()
            return False
        before = self.warning
        try:
            self.service.handle(command, self.actor)
        except TamperDetected as exc:
            self.show_tampered(exc)
            return False
        except Unavailable as exc:
            self.unsent = Unsent(command, tuple(exc.unsent), then, exc)
            self._retry_timer = self.set_interval(self.retry_interval, self.action_retry)
            self._warning_changed(before)
            return False
        except SessionError as exc:
            self.notify(exc.message(self.lang), title=self.tr("ui.refused"), severity="error", timeout=8)
            return False
        self.offline = None
        if then is not None:
            then()
        self._warning_changed(before)
        return True

    def show_tampered(self, error: TamperDetected) -> None:
        """Turn this terminal into the red read-only screen naming the first bad seq (once)."""
        from tui.screens.tampered import TamperedScreen

        if self.tampered is None:
            self.tampered = error
            self._settle()
            self.push_screen(TamperedScreen(error, self.lang))

    def action_retry(self) -> None:
        """Send the unsent action again, looking first for its events by hash so it is never recorded twice.

        The attempt runs in a thread: a store that is still gone may take seconds to say so (a held SQLite
        lock, a PostgreSQL connect timeout), and the screen keeps answering meanwhile.
        """
        held = self.unsent
        if held is None:
            self.poll_store()
        elif not self._sending:
            self._sending = True
            self.run_worker(partial(self._send, held), thread=True, group="resend", exit_on_error=False)

    def _send(self, held: Unsent) -> None:
        """In the worker thread: one attempt; its outcome is handed back to the screen's thread."""
        outcome: Exception | None = None
        try:
            resend(self.service, held.command, self.actor, held.records)
        except Exception as exc:  # the screen's thread decides what it means (a bug still surfaces there)
            outcome = exc
        self.call_from_thread(self._sent, held, outcome)

    def _sent(self, held: Unsent, outcome: Exception | None) -> None:
        """The attempt's outcome: still held, refused (the entry stays to be redone), or recorded."""
        self._sending, before = False, self.warning
        if isinstance(outcome, Unavailable):
            # A failed read sent nothing new: the records still to look for are the earlier ones.
            held.records, held.error = tuple(outcome.unsent) or held.records, outcome
        elif isinstance(outcome, SessionError):  # the session moved on meanwhile
            self._settle()
            self.notify(outcome.message(self.lang), title=self.tr("ui.refused"), severity="error", timeout=8)
        elif outcome is not None:
            raise outcome
        else:
            self._settle()
            if held.then is not None:
                held.then()
        self._warning_changed(before)

    def _settle(self) -> None:
        """Nothing is held any more: stop the automatic attempts."""
        self.unsent = self.offline = None
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None

    def _warning_changed(self, before: str) -> None:
        """Re-render the views; say it once when the store is lost and once when it is back."""
        now = self.warning
        if now and not before:
            self.notify(now, severity="error", timeout=10)
        elif before and not now:
            self.notify(self.tr("conn.back"), timeout=4)
        self.post_message(StateChanged())

    def action_toggle_lang(self) -> None:
        """Switch between Vietnamese and English."""
        self.lang = "en" if self.lang == "vi" else "vi"
        self.post_message(StateChanged())
