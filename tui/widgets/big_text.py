"""Numbers for the back of a hall: a block font drawn at the largest whole scale that fits the widget.

Each glyph is 3 cells wide and 5 rows tall at scale 1 (the comma 1 wide), one blank column between
glyphs; at scale k every cell becomes k×k. The scale follows the widget's size, so the same figure is
5 rows tall on an 80×24 terminal with four figures and 25 on a 160×45 one showing one.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", ".##", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    "/": ("..#", "..#", ".#.", "#..", "#.."),
    ",": (".", ".", ".", "#", "#"),
    "%": ("#.#", "..#", ".#.", "#..", "#.#"),
    "-": ("...", "...", "###", "...", "..."),
    " ": ("..", "..", "..", "..", ".."),
}
"""Glyph rows: ``#`` is ink. Characters outside the font are drawn as a blank."""

ROWS = 5
"""Rows of a glyph at scale 1."""


def width_at(text: str, scale: int) -> int:
    """Cells ``text`` takes at ``scale``."""
    glyphs = [FONT.get(ch, FONT[" "]) for ch in text]
    return sum(len(g[0]) for g in glyphs) * scale + max(len(glyphs) - 1, 0) * scale


def fitting_scale(text: str, width: int, height: int, most: int = 12) -> int:
    """The largest scale (at least 1) at which ``text`` fits ``width``×``height``; 0 when even scale 1 does not."""
    scale = 0
    for k in range(1, most + 1):
        if width_at(text, k) > width or ROWS * k > height:
            break
        scale = k
    return scale


def draw(text: str, scale: int) -> list[str]:
    """``text`` as block rows at ``scale``."""
    glyphs = [FONT.get(ch, FONT[" "]) for ch in text]
    rows = []
    for r in range(ROWS):
        parts = ["".join("█" * scale if cell == "#" else " " * scale for cell in g[r]) for g in glyphs]
        row = (" " * scale).join(parts)
        rows.extend([row] * scale)
    return rows


class BigText(Widget):
    """``value`` at the largest scale that fits; plain bold text when even scale 1 does not (a number is never cut)."""

    DEFAULT_CSS = "BigText { height: 1fr; width: 1fr; content-align: center middle; }"

    def __init__(self, value: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.value = value
        """What is drawn."""

    def set(self, value: str) -> None:
        """Draw ``value``."""
        if value != self.value:
            self.value = value
            self.refresh()

    @property
    def scale(self) -> int:
        """The scale drawn at now (0: plain text)."""
        return fitting_scale(self.value, self.size.width, self.size.height)

    def render(self) -> Text:
        scale = self.scale
        if scale == 0:
            return Text(self.value, style="bold", justify="center")
        return Text("\n".join(draw(self.value, scale)), style="bold", justify="center", no_wrap=True)
