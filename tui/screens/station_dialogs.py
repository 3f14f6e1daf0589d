"""The counting station's modal dialogs; each returns a typed result through ``dismiss`` (None when cancelled)."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from session.narrative import reason_text
from session.records import mark_word
from session.state import Books, SessionState
from tui.i18n import register, t

register({
    "station.dlg.hint": ("Enter: tiếp / ghi · Esc: thôi", "Enter: next / record · Esc: cancel"),
    "station.dlg.yes_no": ("y: đồng ý · n hoặc Esc: không", "y: yes · n or Esc: no"),
    "station.mismatch.title": ("Phiếu lệch giữa hai lần nhập", "Ballots on which the two entries differ"),
    "station.mismatch.none": ("Không có phiếu lệch.", "No mismatched ballots."),
    "station.mismatch.ballot": ("Xấp {batch} · phiếu số {position}", "Batch {batch} · ballot {position}"),
    "station.mismatch.hint": ("r: Tổ trưởng quyết định phiếu đầu tiên · Esc: đóng", "r: the head resolves the first one · Esc: close"),
    "station.mismatch.whole": ("cả phiếu không hợp lệ: {reason}", "whole ballot invalid: {reason}"),
    "station.mismatch.option": ("Phiếu {batch}/{position} — {sides}", "Ballot {batch}/{position} — {sides}"),
})

STATION_DIALOG_CSS = """
StationDialog, MismatchView { align: center middle; }
StationDialog > Vertical, MismatchView > Vertical { width: 80%; max-width: 100; height: auto; max-height: 90%;
    border: thick $accent; background: $surface; padding: 1 2; }
MismatchView VerticalScroll { height: auto; max-height: 26; }
"""


class StationDialog(ModalScreen):
    """A titled box with fields; Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", show=False)]
    DEFAULT_CSS = STATION_DIALOG_CSS

    def __init__(self, lang: str, title: str) -> None:
        super().__init__()
        self.lang = lang
        """Language of the dialog."""
        self.title_text = title
        """What the dialog asks."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            yield from self.body()
            yield Label(self.hint())

    def body(self) -> ComposeResult:
        """The dialog's fields."""
        yield from ()

    def hint(self) -> str:
        """Which keys do what."""
        return t("station.dlg.hint", self.lang)

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)


class YesNo(StationDialog):
    """A yes/no question; returns True on ``y``."""

    BINDINGS = [Binding("y", "yes", show=False), Binding("n", "cancel", show=False)]

    def hint(self) -> str:
        return t("station.dlg.yes_no", self.lang)

    def action_yes(self) -> None:
        """Yes."""
        self.dismiss(True)


class ReasonPicker(StationDialog):
    """Pick a whole-ballot invalid reason; returns its key."""

    def __init__(self, lang: str, title: str, reasons: list[tuple[str, str]]) -> None:
        super().__init__(lang, title)
        self.reasons = reasons
        """(key, label) pairs from the pack's list."""

    def body(self) -> ComposeResult:
        yield OptionList(*(Option(label, id=key) for key, label in self.reasons))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class FieldsForm(StationDialog):
    """Several one-line fields; Enter moves down, Enter on the last returns every value as a tuple."""

    def __init__(self, lang: str, title: str, fields: list[tuple[str, str]], secret: frozenset[int] = frozenset(),
                 note: str = "") -> None:
        super().__init__(lang, title)
        self.fields = fields
        """(label, initial value) per field."""
        self.secret = secret
        """Indexes of the fields typed hidden (PINs)."""
        self.note = note
        """Said under the title (why a PIN was refused), or ``""``."""

    def body(self) -> ComposeResult:
        if self.note:
            yield Label(self.note, id="form-note")
        for number, (label, value) in enumerate(self.fields):
            yield Label(label)
            yield Input(value, id=f"f{number}", password=number in self.secret)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        if event.input is not inputs[-1]:
            inputs[inputs.index(event.input) + 1].focus()
            return
        self.dismiss(tuple(i.value.strip() for i in inputs))


Entries = dict[str, tuple[str | None, str | None]]
"""One ballot's blind entries: station → (marks, whole-ballot reason)."""


def station_heading(state: SessionState, books: Books, key: tuple[str, int], station: str, lang: str) -> str:
    """``Máy S1 · Phan Thị Hạnh``: the station and the member who entered the ballot there."""
    voter = state.conference.voter(books.entered_by.get(key, {}).get(station, ""))
    return t("rec.at_station", lang, station=station, name=voter.name) if voter else station


def _words(state: SessionState, marks: str | None, reason: str | None, lang: str) -> list[str] | str:
    """Each person's mark by its level's name, or the whole ballot's reason."""
    if marks is None:
        return t("station.mismatch.whole", lang, reason=reason_text(reason, lang))
    return [mark_word(state, m, lang) for m in marks]


def side_by_side(state: SessionState, books: Books, key: tuple[str, int], entries: Entries, lang: str) -> Table:
    """One mismatched ballot: a row per person, a column per station and member, differing rows marked."""
    stations = list(entries)
    table = Table(expand=True)
    table.add_column("#", justify="right")
    table.add_column("")
    for station in stations:
        table.add_column(station_heading(state, books, key, station, lang), justify="center")
    table.add_column("")
    words = [_words(state, *entries[station], lang) for station in stations]
    if any(isinstance(w, str) for w in words):
        cells = [w if isinstance(w, str) else "; ".join(w) for w in words]
        table.add_row("", "", *cells, Text("≠", style="bold red"))
        return table
    for row, person in enumerate(books.persons):
        cells = [w[row] for w in words]
        differ = len(set(cells)) > 1
        table.add_row(str(row + 1), person.name, *cells, Text("≠", style="bold red") if differ else "",
                      style="bold" if differ else "dim")
    return table


def mismatch_line(state: SessionState, books: Books, key: tuple[str, int], lang: str) -> str:
    """One mismatched ballot in a line: what each station read for the persons on whom they differ."""
    entries = books.pending[key]
    words = {station: _words(state, *entry, lang) for station, entry in entries.items()}
    lists = [w for w in words.values() if not isinstance(w, str)]
    differ = [i for i in range(len(books.persons)) if len({w[i] for w in lists}) > 1] if len(lists) == len(words) else []
    sides = []
    for station, said in words.items():
        read = said if isinstance(said, str) else "; ".join(f"{books.persons[i].name}: {said[i]}" for i in differ)
        sides.append(f"{station_heading(state, books, key, station, lang)}: {read}")
    return t("station.mismatch.option", lang, batch=key[0] or "-", position=key[1], sides=" ≠ ".join(sides))


class MismatchView(ModalScreen):
    """Every mismatched ballot, each side by side row by row; ``r`` asks to resolve the first."""

    BINDINGS = [Binding("escape", "dismiss_none", show=False), Binding("r", "resolve", show=False)]
    DEFAULT_CSS = STATION_DIALOG_CSS

    def __init__(self, lang: str, state: SessionState, books: Books,
                 mismatched: list[tuple[tuple[str, int], Entries]]) -> None:
        super().__init__()
        self.lang = lang
        """Language of the view."""
        self.state, self.books = state, books
        """The session and the form's books: persons, levels and who entered each ballot."""
        self.mismatched = mismatched
        """((batch, position), station → (marks, reason)) per mismatched ballot."""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("station.mismatch.title", self.lang))
            with VerticalScroll():
                if not self.mismatched:
                    yield Static(t("station.mismatch.none", self.lang))
                for (batch, position), entries in self.mismatched:
                    yield Label(t("station.mismatch.ballot", self.lang, batch=batch or "-", position=position))
                    yield Static(side_by_side(self.state, self.books, (batch, position), entries, self.lang))
            yield Label(t("station.mismatch.hint", self.lang))

    def action_dismiss_none(self) -> None:
        """Close."""
        self.dismiss(None)

    def action_resolve(self) -> None:
        """Return the first mismatch for the head to resolve."""
        self.dismiss(self.mismatched[0][0] if self.mismatched else None)
