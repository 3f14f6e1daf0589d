"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's ``Footer`` waits for a first bindings change to show any key, then rebuilds all its keys for
    every change, shown or not: at start-up the focus, the screen stack and the first redraw made four rebuilds
    (each a layout and a repaint) after the first paint. This one shows the screen's keys when it is built and
    rebuilds, at most once per refresh, only when the keys shown (label, action, enabled) differ."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(Footer._bindings_ready, True)  # the screen sets its bindings before composing this
        self._queued = False
        self._shown: tuple = ()

    def shown_keys(self) -> tuple:
        """What the footer would show now."""
        return tuple((key, b.action, b.description, enabled, tooltip)
                     for key, (_, b, enabled, tooltip) in self.screen.active_bindings.items() if b.show)

    def compose(self) -> ComposeResult:
        self._shown = self.shown_keys()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        if not self._queued and screen.app.app_focus and self.is_attached and screen is self.screen:
            self._queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._queued = False
        if self.shown_keys() != self._shown:
            await self.recompose()
