"""The base of every screen app: the service, the language, live follow and command dispatch.

Screens never apply rules: they ask ``dispatch`` to run a command through the
service and re-render from the new state. Other terminals' events arrive by
polling the store's last seq (cheap), then folding in only what is new.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.theme import Theme

from session.commands import Command
from session.errors import SessionError
from session.events import CHAIR, Actor
from session.service import SessionService
from tui.i18n import t

FOLLOW_INTERVAL = 0.3
"""Seconds between polls of the store for other terminals' events (the target is ≤ 1 s)."""

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


class SessionApp(App):
    """Holds the service and the language; follows the store; runs commands."""

    BINDINGS = [Binding("ctrl+l", "toggle_lang", "VI/EN", show=False)]

    follow_interval = FOLLOW_INTERVAL
    """Seconds between polls of the store; a view that must look live may poll faster."""

    def __init__(self, service: SessionService, lang: str = "vi", actor: Actor = CHAIR, follow: bool = True):
        super().__init__()
        self.service = service
        """The session being run."""
        self.lang = lang
        """Interface language, ``vi`` or ``en``."""
        self.actor = actor
        """Who this terminal acts as."""
        self._follow = follow

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR_THEME)
        if self._follow:
            self.set_interval(self.follow_interval, self.poll_store)

    def tr(self, key: str, **params: object) -> str:
        """A string in the current language."""
        return t(key, self.lang, **params)

    def poll_store(self) -> None:
        """Fold in other terminals' events, if any, and tell the views."""
        store, state = self.service.store, self.service.state
        if store.last_seq(self.service.session_id) != state.seq and self.service.refresh():
            self.post_message(StateChanged())

    def dispatch(self, command: Command) -> bool:
        """Run ``command``; a refusal is shown with the domain's reason. True when recorded."""
        try:
            self.service.handle(command, self.actor)
        except SessionError as exc:
            self.notify(exc.message(self.lang), title=self.tr("ui.refused"), severity="error", timeout=8)
            return False
        self.post_message(StateChanged())
        return True

    def action_toggle_lang(self) -> None:
        """Switch between Vietnamese and English."""
        self.lang = "en" if self.lang == "vi" else "vi"
        self.post_message(StateChanged())
