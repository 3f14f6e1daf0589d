"""Numbers the hall follows: big ``Digits`` with a caption, and the one-line books summary."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Digits, Label


class BigNumber(Vertical):
    """One large number with a caption under it."""

    DEFAULT_CSS = """
    BigNumber { width: auto; height: auto; padding: 0 2; }
    BigNumber > Digits { width: auto; }
    BigNumber > Label { width: auto; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._digits = Digits("0")
        self._caption = Label("")

    def compose(self) -> ComposeResult:
        yield self._digits
        yield self._caption

    def set(self, value: str, caption: str) -> None:
        """Show ``value`` (digits, ``-``, ``:``) over ``caption``."""
        self._digits.update(value)
        self._caption.update(caption)
