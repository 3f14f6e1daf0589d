"""What the hall sees of the results: one person at a time in large figures, or every person in one table.

Only counts and percentages per level: no band, no consequence (the hall hears the count, not a verdict
read off a screen). Names are never cut: they wrap.
"""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Label, Static

from session.local import percent_label
from session.state import SessionState
from tui.i18n import t
from tui.widgets.big_text import BigText
from tui.widgets.tally_table import level_label


def level_keys(state: SessionState) -> list[str]:
    """The pack's levels, then the invalid column."""
    return [lv.key for lv in state.pack.levels] + ["invalid"]


class Figure(Vertical):
    """A caption over a large value, with a small line under it."""

    DEFAULT_CSS = """
    Figure { height: 1fr; width: 1fr; }
    Figure > Label { width: 100%; text-align: center; text-style: bold; }
    Figure > .under { color: $text-muted; text-style: none; }
    """

    def compose(self) -> ComposeResult:
        yield Label(classes="caption")
        yield BigText()
        yield Label(classes="under")

    def set(self, caption: str, value: str, under: str = "") -> None:
        """Show ``value`` large under ``caption``, with ``under`` below it."""
        self.query_one(".caption", Label).update(caption)
        self.query_one(BigText).set(value)
        small = self.query_one(".under", Label)
        small.display = bool(under)
        small.update(under)


class PersonFigures(Vertical):
    """One person: the name, then each level's percentage large and its count under it."""

    DEFAULT_CSS = """
    PersonFigures { height: 1fr; }
    PersonFigures > #who { width: 100%; text-align: center; text-style: bold; }
    PersonFigures > #post { width: 100%; text-align: center; color: $text-muted; }
    PersonFigures > Grid { grid-size: 2; height: 1fr; }
    PersonFigures.wide > Grid { grid-size: 4; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="who")
        yield Static(id="post")
        with Grid():
            for _ in range(4):
                yield Figure()

    def show(self, state: SessionState, person: dict, lang: str) -> None:
        """Draw ``person`` (a ``results()`` row)."""
        self.query_one("#who", Static).update(person["name"])
        self.query_one("#post", Static).update(person["position"])
        keys = level_keys(state)
        self.set_class(len(keys) > 2 and self.size.width >= 120, "wide")
        for figure, key in zip(self.query(Figure), keys + [None] * 4):
            figure.display = key is not None
            if key is not None:
                pct = percent_label(person["percent"][key], lang)
                figure.set(level_label(state, key, lang), pct, t("hall.ballots", lang, n=person["counts"][key]))


def results_table(state: SessionState, data: dict, lang: str, upto: int | None = None) -> Table:
    """Every person (or the first ``upto``) with count and percentage per level; names wrap, never cut."""
    keys = level_keys(state)
    table = Table(expand=True, box=box.HEAVY_HEAD, header_style="bold", pad_edge=False)
    table.add_column(t("table.name", lang), ratio=3, overflow="fold")
    for key in keys:
        table.add_column(level_label(state, key, lang), justify="right", ratio=2, overflow="fold")
    for person in data["persons"][:upto]:
        cells = [Text(f"{person['counts'][k]} · {percent_label(person['percent'][k], lang)}") for k in keys]
        table.add_row(Text(person["name"], style="bold"), *cells)
    return table
