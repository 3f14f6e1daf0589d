"""The one contract between a screen and its widgets: ``show(state, lang)`` re-renders from the state."""

from __future__ import annotations

from typing import Protocol

from session.local import DEFAULT_TIMEZONE, clock_text
from session.state import SessionState

LIVE = "live"
"""CSS class of every widget that re-renders from the state; the app calls ``show`` on each."""


class Live(Protocol):
    """A widget drawn from the session state alone (so a replay can draw a past state too)."""

    def show(self, state: SessionState, lang: str) -> None:
        """Redraw from ``state`` in ``lang``."""


def hhmm(iso: str | None, zone: str = DEFAULT_TIMEZONE) -> str:
    """``08:05`` in the session's time zone from a recorded ISO timestamp ('' when absent)."""
    return clock_text(iso or "", zone)
