"""The results table: per person counts, percentages and band, coloured, with consequences and citation."""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from session.local import percent_label
from session.results import band_text, results
from session.state import SessionState
from tui.i18n import t
from tui.widgets.live import LIVE

BAND_STYLE = {"none": "bold green", "over_half": "bold yellow", "two_thirds": "bold red"}
"""Band id → colour (the consequence is read by colour first, then by text)."""


def level_label(state: SessionState, key: str, lang: str) -> str:
    """Label of a level key, or of ``invalid``."""
    if key == "invalid":
        return t("level.invalid", lang)
    level = state.pack.level(key)
    return level.vi if lang == "vi" else level.en


def results_renderable(state: SessionState, lang: str, compact: bool = False, width: int = 0) -> Group:
    """The table, the books line, each reached band's consequence and the citation."""
    data = results(state)
    keys = [lv.key for lv in state.pack.levels] + ["invalid"]
    # Compact: no outer edge and one space between columns, the room going to the figures.
    table = Table(expand=True, header_style="bold", box=box.SIMPLE_HEAD if compact else box.HEAVY_HEAD,
                  show_edge=not compact, collapse_padding=compact, pad_edge=not compact)
    # A person's name is never cut: the column is as wide as the longest name, the counts share the rest.
    longest = max((len(p["name"]) for p in data["persons"]), default=0)
    table.add_column(t("table.name", lang), ratio=None if compact else 3, no_wrap=compact,
                     min_width=longest if compact else None)
    if not compact:
        table.add_column(t("table.position", lang), ratio=2, overflow="ellipsis")
    # Nor, when compact, a count or a percentage: each count column is as wide as the widest figure, and as its
    # heading's longest word while the band keeps its room in ``width`` (else the heading folds, the figures stay).
    figures = max((len(percent_label(p["percent"][k], lang)) for p in data["persons"] for k in keys), default=0)
    labels = [level_label(state, key, lang) for key in keys]
    bands = max((len(w) for p in data["persons"] for w in t(f"band.{p['band']}", lang).split()), default=0)
    worded = [max(figures, *(len(w) for w in label.split())) for label in labels]
    fits = not width or longest + sum(worded) + bands + len(keys) + 1 <= width
    for label, least in zip(labels, worded):
        table.add_column(label, justify="right", ratio=None if compact else 2, overflow="fold",
                         width=(least if fits else figures) if compact else None)
    table.add_column(t("results.band", lang), ratio=3, min_width=bands if compact else None)
    notes: list[Text] = []
    for person in data["persons"]:
        band = person["band"]
        cells = [f"{person['counts'][k]} {percent_label(person['percent'][k], lang)}" for k in keys]
        name = [person["name"]] if compact else [person["name"], person["position"]]
        table.add_row(*name, *cells, Text(t(f"band.{band}", lang), style=BAND_STYLE[band]))
        if band != "none":
            notes.append(Text(f"{person['name']}: {band_text(state, band, lang)}", style=BAND_STYLE[band]))
    basis = t("results.basis", lang, basis=t(f"basis.{data['denominator']['basis']}", lang), value=data["denominator"]["value"])
    books = t("results.books", lang, **{k: data[k] for k in ("convened", "present", "issued", "returned", "valid", "invalid")})
    footer = [Text(books), Text(basis)] + notes + [Text(state.pack.citation, style="italic dim")]
    return Group(table, *footer)


class ResultsView(Static):
    """The results of ``state`` as a coloured table (the caller decides whether they may be seen)."""

    DEFAULT_CSS = "ResultsView { height: auto; }"

    NARROW = 100
    """Below this width the position column is left out, so counts and percentages are never cut."""

    def __init__(self, compact: bool = False, live: bool = True, **kwargs) -> None:
        super().__init__(classes=LIVE if live else "", **kwargs)
        self.compact = compact
        """Always leave out the position column."""
        self._shown: tuple[SessionState, str] | None = None

    def show(self, state: SessionState, lang: str) -> None:
        self._shown = (state, lang)
        narrow = self.compact or self.size.width < self.NARROW
        self.update(results_renderable(state, lang, narrow, self.size.width))

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)
