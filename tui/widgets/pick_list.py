"""A list of people to check off, with diacritic-insensitive search ("nguyen" finds "Nguyễn")."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def fold(text: str) -> str:
    """``text`` without case or diacritics, for searching: "Nguyễn Đức" → "nguyen duc"."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D").casefold()


@dataclass(frozen=True)
class Row:
    """One person in the list."""

    id: str
    """Voter or person id."""
    label: str
    """Name and post as shown."""
    marked: bool = False
    """Checked off (present, issued, signed …)."""
    note: str = ""
    """A short remark after the label."""


class PickList(OptionList):
    """Rows with a check mark; Enter or space asks to toggle the highlighted row.

    The mark is a character, not only a colour, so a row checked off reads in the projector theme and in
    monochrome; a list of choices (``boxes``) shows every row's box, ticked or empty.
    """

    BINDINGS = [Binding("space", "toggle", "✓", show=False)]
    """Space (like Enter) asks to toggle the highlighted row."""

    class Toggled(Message):
        """The user asked to toggle ``row_id``."""

        def __init__(self, row_id: str, marked: bool) -> None:
            super().__init__()
            self.row_id = row_id
            """The row asked about."""
            self.marked = marked
            """Whether it is checked off now."""

    def __init__(self, boxes: bool = False, **kwargs) -> None:
        super().__init__(**kwargs)
        self.boxes = boxes
        """Each row shows a box, ``[✓]`` or ``[ ]`` (a pick among choices), not only a tick on those checked off."""
        self._rows: list[Row] = []
        self._query = ""

    def set_rows(self, rows: list[Row]) -> None:
        """Replace the rows, keeping the highlighted one and the search."""
        self._rows = rows
        self._refill()

    def search(self, query: str) -> None:
        """Show only rows whose id or label contains ``query`` (ignoring case and diacritics).

        A new query highlights its first match; an emptied one keeps the row that was highlighted,
        so leaving a search does not send the cursor back to the top.
        """
        query = fold(query.strip())
        if query == self._query:
            return
        self._query = query
        self._refill()
        if query and self.option_count:
            self.highlighted = 0

    def highlight(self, row_id: str) -> None:
        """Highlight ``row_id`` if it is shown."""
        ids = self.visible_ids
        if row_id in ids:
            self.highlighted = ids.index(row_id)

    def _refill(self) -> None:
        keep = self.highlighted_id
        visible = [r for r in self._rows if not self._query or self._query in fold(f"{r.id} {r.label}")]
        self.clear_options()
        self.add_options([Option(self._prompt(r), id=r.id) for r in visible])
        ids = [r.id for r in visible]
        if keep in ids:
            self.highlighted = ids.index(keep)
        elif ids:
            self.highlighted = 0

    def _prompt(self, row: Row) -> Text:
        mark = ("[✓] " if row.marked else "[ ] ") if self.boxes else ("✓ " if row.marked else "  ")
        text = Text(mark, style="bold green" if row.marked else "")
        text.append(row.label, style="bold" if row.marked else "")
        if row.note:
            text.append(f"  ({row.note})", style="italic yellow")
        return text

    @property
    def highlighted_id(self) -> str | None:
        """Id of the highlighted row, if any."""
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def row(self, row_id: str) -> Row | None:
        """The row with ``row_id``."""
        return next((r for r in self._rows if r.id == row_id), None)

    @property
    def visible_ids(self) -> list[str]:
        """Ids of the rows shown now, in order."""
        return [self.get_option_at_index(i).id for i in range(self.option_count)]

    def action_toggle(self) -> None:
        """Ask to toggle the highlighted row."""
        row = self.row(self.highlighted_id or "")
        if row is not None:
            self.post_message(self.Toggled(row.id, row.marked))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()
