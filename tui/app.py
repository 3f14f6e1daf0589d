"""A minimal chair screen: the current step and the actions allowed now."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from session.agenda import allowed
from session.i18n import t
from session.service import SessionService


class ChairApp(App):
    """Shows the session's current step and the actions the agenda allows."""

    TITLE = "tinnhiem"

    def __init__(self, service: SessionService, lang: str = "vi"):
        super().__init__()
        self.service = service
        """The session being run."""
        self.lang = lang
        """Interface language."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="step")
        yield Footer()

    def on_mount(self) -> None:
        self.render_state()

    def render_state(self) -> None:
        """Redraw from the service's state."""
        state = self.service.state
        actions = ", ".join(t(f"action.{a}", self.lang) for a in allowed(state.step, state.pack))
        self.query_one("#step", Static).update(f"{t('step.' + state.step, self.lang)}\n\n{actions}")
