"""The base of every step panel: it renders from the state and asks for commands by message."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.message import Message

from session.commands import Command
from session.state import SessionState
from tui.widgets.live import LIVE


class StepPanel(VerticalScroll):
    """The current step's panel; ``run`` answers an agenda key, ``show`` redraws from the state."""

    DEFAULT_CSS = "StepPanel { height: 1fr; }"

    class Ask(Message):
        """Please run ``command`` through the service."""

        def __init__(self, command: Command, head_pin: str | None = None) -> None:
            super().__init__()
            self.command = command
            """The command asked for."""
            self.head_pin = head_pin
            """The head's PIN, typed for this one decision of the head (None for any other command)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(classes=LIVE + " panel", **kwargs)
        self.state: SessionState | None = None
        """The state last shown."""
        self.lang = "vi"
        """The language last shown."""

    def show(self, state: SessionState, lang: str) -> None:
        self.state, self.lang = state, lang
        self.draw(state, lang)

    def draw(self, state: SessionState, lang: str) -> None:
        """Redraw the panel's own parts (its LIVE children are shown by the screen)."""

    def run(self, name: str) -> None:
        """Answer the agenda key ``name`` (an action of the table, or a variant such as ``issue_all``)."""

    def ask(self, command: Command) -> None:
        """Ask the screen to run ``command``."""
        self.post_message(self.Ask(command))

    def voter_name(self, voter_id: str) -> str:
        """A voter's name."""
        assert self.state is not None
        voter = self.state.conference.voter(voter_id)
        return voter.name if voter else voter_id
