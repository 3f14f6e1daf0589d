"""Textual's footer, rebuilt only when the keys it shows change, and wrapped onto more rows when they do not fit."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.i18n import register, t

register({"key.palette": ("Bảng lệnh", "Commands")})


def key_width(key: Widget) -> int:
    """Columns a footer key takes: its padded key and description (the palette key adds its edge and padding)."""
    if not isinstance(key, FooterKey):
        return 12  # a binding group's label: not used by these screens, a fair guess
    width = cell_len(key.key_display) + 2 + (cell_len(key.description) + 1 if key.description else 0)
    return width + 2 if key.has_class("-command-palette") else width


def rows_of(widths: list[int], room: int) -> list[int]:
    """How many keys go on each row: as many as fit in ``room`` columns, in order, at least one a row."""
    rows, used = [0], 0
    for width in widths:
        if rows[-1] and used + width > room:
            rows.append(0)
            used = 0
        rows[-1] += 1
        used += width
    return rows


class KeysFooter(Footer):
    """Textual's ``Footer`` waits for a first bindings change to show any key, then rebuilds all its keys for
    every change, shown or not: at start-up the focus, the screen stack and the first redraw made four rebuilds
    (each a layout and a repaint) after the first paint. This one shows the screen's keys when it is built and
    rebuilds, at most once per refresh, only when the keys shown (label, action, enabled) or the width differ.

    Keys that do not fit one row at the screen's width go on a second (and a third) row, so every key a step
    allows stays visible at 80 columns; the palette key is named in the reader's language."""

    DEFAULT_CSS = """
    KeysFooter { layout: vertical; height: auto; max-height: 3; }
    KeysFooter > .keys-row { width: 1fr; height: 1; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(Footer._bindings_ready, True)  # the screen sets its bindings before composing this
        self._queued = False
        self._shown: tuple = ()

    def shown_keys(self) -> tuple:
        """What the footer would show now, and the width it is laid out for."""
        keys = tuple((key, b.action, b.description, enabled, tooltip)
                     for key, (_, b, enabled, tooltip) in self.screen.active_bindings.items() if b.show)
        return keys, self.app.size.width, self.app.lang  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        self._shown = self.shown_keys()
        keys = list(super().compose())
        for key in keys:
            if key.has_class("-command-palette") and isinstance(key, FooterKey):
                key.description = t("key.palette", self.app.lang)  # type: ignore[attr-defined]
        # The palette key stays at the right end of the last row.
        keys.sort(key=lambda k: k.has_class("-command-palette"))
        start = 0
        for count in rows_of([key_width(k) for k in keys], max(self.app.size.width, 1)):
            yield HorizontalGroup(*keys[start:start + count], classes="keys-row")
            start += count

    def bindings_changed(self, screen: Screen) -> None:
        if not self._queued and screen.app.app_focus and self.is_attached and screen is self.screen:
            self._queued = True
            self.call_after_refresh(self._rebuild)

    def on_resize(self) -> None:
        if not self._queued and self.is_attached:
            self._queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._queued = False
        if self.shown_keys() != self._shown:
            await self.recompose()
