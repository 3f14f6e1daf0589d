"""A held scan decided at the scanner's station: each unsure row's picture beside the machine's guess, and the mark keyed.

The pictures need ``textual-image`` (in the ``scan`` extra), which draws with the terminal's
graphics protocol where it has one and with half-cell blocks where it does not; without it the
rows are named and the member reads them off the paper. Only the unsure rows are asked: the
machine's sure rows stand, and the whole entry names the scan it came from.
"""

from __future__ import annotations

import io

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from session.scanning import UNKNOWN
from session.state import Books, Held, SessionState
from tui.i18n import register, t

register({
    "held.title": ("Phiếu {batch}/{position} máy quét giữ lại: {count} dòng chờ người quyết định",
                   "Ballot {batch}/{position} held by the scanner: {count} row(s) for a person to decide"),
    "held.row": ("Dòng {number}. {name} — {position} · máy đoán: {guess}", "Row {number}. {name} — {position} · machine's guess: {guess}"),
    "held.guess_none": ("không đọc được", "unreadable"),
    "held.mark": ("Mức đánh dấu trên giấy: 1 2 3 · 0 để trống · x nhiều ô", "The mark on the paper: 1 2 3 · 0 blank · x several boxes"),
    "held.hint": ("Enter: dòng sau / ghi ở dòng cuối · Esc: để sau", "Enter: next row / record on the last · Esc: later"),
    "held.no_picture": ("(chưa có ảnh dòng: xem trên phiếu giấy)", "(no picture of the row: read it off the paper)"),
    "held.no_viewer": ("(cài tinnhiem[scan] để xem ảnh dòng ở đây; xem trên phiếu giấy)",
                       "(install tinnhiem[scan] to see the row's picture here; read it off the paper)"),
    "held.bad_mark": ("Dòng {number}: «{value}» không phải mức hợp lệ ({choices}).", "Row {number}: “{value}” is not a valid mark ({choices})."),
    "held.none": ("Máy này không có phiếu nào đang giữ lại.", "This station holds no ballot."),
})


def picture(data: bytes | None, lang: str):
    """The row's picture as a widget, or a line saying why there is none."""
    if data is None:
        return Static(t("held.no_picture", lang), classes="held-note")
    try:
        from PIL import Image as PILImage
        from textual_image.widget import Image
    except ImportError:
        return Static(t("held.no_viewer", lang), classes="held-note")
    return Image(PILImage.open(io.BytesIO(data)), classes="held-picture")


class HeldView(ModalScreen[str | None]):
    """One held ballot's unsure rows; dismisses with the whole marks string (the sure rows as the machine read them)."""

    DEFAULT_CSS = """
    HeldView { align: center middle; }
    #held-box { width: 96%; height: 92%; border: thick $accent; background: $surface; padding: 0 1; }
    .held-picture { height: 5; width: auto; }
    .held-note { color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "later", t("held.hint", "vi"), show=False)]

    def __init__(self, lang: str, state: SessionState, books: Books, key: tuple[str, int], held: Held, pictures) -> None:
        super().__init__()
        self.lang = lang
        """Interface language."""
        self.persons = books.persons
        """The form's persons, in ballot order."""
        self.levels = books.levels
        """Boxes per row."""
        self.key = key
        """(batch, position) of the held ballot."""
        self.held = held
        """The hold."""
        self.pictures = pictures
        """sha256 → the picture's bytes or None (the session's ``storage.scans`` store, looked up)."""
        self.words = {**{str(k): lv.vi if lang == "vi" else lv.en for k, lv in enumerate(state.pack.levels, 1)},
                      "0": t("station.mark.0", lang), "x": t("station.mark.x", lang), UNKNOWN: t("held.guess_none", lang)}
        """A mark in words."""

    def compose(self) -> ComposeResult:
        held, batch, position = self.held, *self.key
        with VerticalScroll(id="held-box"):
            yield Label(t("held.title", self.lang, batch=batch or "-", position=position, count=len(held.unsure)), id="held-title")
            yield Label(t("held.hint", self.lang), classes="held-note")
            crops = dict(zip(held.unsure, held.crops)) if held.crops else {}
            for n, row in enumerate(held.unsure):
                person = self.persons[row]
                yield Label(t("held.row", self.lang, number=row + 1, name=person.name, position=person.position,
                              guess=self.words.get(held.guess[row], held.guess[row])))
                yield picture(self.pictures(crops[row]) if row in crops else None, self.lang)
                yield Input(placeholder=t("held.mark", self.lang), max_length=1, id=f"held-{n}")

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        # The submitted row first, then (on the last row) every row: the first wrong one is named and focused.
        for field in (event.input, *inputs) if event.input is inputs[-1] else (event.input,):
            if not self._valid(field.value):
                row = self.held.unsure[inputs.index(field)]
                self.notify(t("held.bad_mark", self.lang, number=row + 1, value=field.value, choices=" ".join(self._choices)),
                            severity="warning")
                field.focus()
                return
        if event.input is not inputs[-1]:
            inputs[inputs.index(event.input) + 1].focus()
            return
        marks = list(self.held.guess)
        for row, field in zip(self.held.unsure, inputs):
            marks[row] = field.value.strip().lower()
        self.dismiss("".join(marks))

    @property
    def _choices(self) -> list[str]:
        return [str(k) for k in range(1, self.levels + 1)] + ["0", "x"]

    def _valid(self, value: str) -> bool:
        return value.strip().lower() in self._choices

    def action_later(self) -> None:
        self.dismiss(None)
