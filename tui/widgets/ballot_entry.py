"""The ballot entry grid: the paper's layout, one key per row, a fill key, Enter to commit.

Rows are the persons in ballot order and columns the pack's levels. Keystrokes only
change this widget's own draft (no store I/O); the screen hears about a ballot once,
when it is committed. A USB scanner's payload (it starts with a letter no mark uses)
is caught here too, so a ballot's QR can be scanned without leaving the grid.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from session.ballots import BLANK, SEVERAL, STRUCK, most_common_mark
from tui.i18n import register, t

register({
    "entry.person": ("Người được lấy phiếu", "Person"),
    "entry.blank": ("0 bỏ trống", "0 blank"),
    "entry.several": ("x nhiều ô", "x several"),
    "entry.struck": ("- gạch tên", "- struck"),
    "entry.other": ("Khác", "Other"),
    "entry.fill": ("Điền phần còn lại", "Fill the rest"),
    "entry.commit": ("Ghi phiếu", "Commit"),
    "entry.invalid": ("Cả phiếu không hợp lệ", "Whole ballot invalid"),
    "entry.jump": ("Đến dòng số", "Go to row"),
    "entry.incomplete": ("Còn {count} dòng chưa nhập (phím f điền phần còn lại).",
                         "{count} rows not entered yet (f fills the rest)."),
    "entry.scanning": ("Đang đọc mã…", "Reading a code…"),
    "entry.jumping": ("Đến dòng: {digits}", "Go to row: {digits}"),
})

SCAN_START = "t"
"""First character of every scanned payload (``tinnhiem…``); no mark or command key uses it."""
FILL, INVALID, JUMP = "f", "i", "g"
"""Keys: fill the rest with the most common mark, mark the whole ballot invalid, jump to a row by number."""


class BallotEntry(Widget, can_focus=True):
    """A draft ballot in the paper's layout; posts ``Committed`` on Enter once every row has a mark."""

    BINDINGS = [
        Binding(FILL, "fill", show=False),
        Binding("enter", "commit", show=False),
        Binding(INVALID, "invalid", show=False),
        Binding(JUMP, "jump", show=False),
    ]
    """Handled in ``on_key`` first; kept so the keys are discoverable (the screen prints them translated)."""

    DEFAULT_CSS = """
    BallotEntry { height: auto; border: round $primary; padding: 0 1; }
    BallotEntry:focus { border: round $accent; }
    """

    cursor: reactive[int] = reactive(0)
    """Row the next mark goes to."""
    marks: reactive[tuple[str, ...]] = reactive(tuple, always_update=True)
    """The draft: one mark character per row, ``""`` while not entered."""

    class Committed(Message):
        """Enter on a complete draft: the marks string to record."""

        def __init__(self, marks: str) -> None:
            super().__init__()
            self.marks = marks
            """The marks string in ballot order."""

    class InvalidAsked(Message):
        """The whole-ballot-invalid key was pressed."""

    class Scanned(Message):
        """A scanner typed a payload into the grid."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text
            """The payload."""

    def __init__(self, persons: list[tuple[str, str]], levels: list[str], lang: str = "vi", **kwargs) -> None:
        super().__init__(**kwargs)
        self.persons = persons
        """(name, position) per row, in ballot order."""
        self.levels = levels
        """Column labels: the pack's levels in mark order."""
        self.lang = lang
        """Interface language."""
        self.keys = "".join(str(i) for i in range(1, len(levels) + 1)) + BLANK + SEVERAL + STRUCK
        """Every mark key the pack allows."""
        self._scan: list[str] | None = None
        self._jump: str | None = None
        self.set_reactive(BallotEntry.marks, ("",) * len(persons))

    # --- editing (pure, no I/O) -------------------------------------------------------------

    def clear(self) -> None:
        """Start a fresh ballot."""
        self.marks = ("",) * len(self.persons)
        self.cursor = 0

    def put(self, mark: str) -> None:
        """Record ``mark`` on the cursor's row and move down."""
        marks = list(self.marks)
        marks[self.cursor] = mark
        self.marks = tuple(marks)
        self.cursor = min(self.cursor + 1, len(self.persons) - 1)

    def action_fill(self) -> None:
        """Fill every row not entered yet with the most common mark so far."""
        common = most_common_mark("".join(self.marks))
        self.marks = tuple(m or common for m in self.marks)
        self.cursor = len(self.persons) - 1

    def back(self) -> None:
        """Backspace: clear this row, or step up and clear the one above."""
        marks = list(self.marks)
        if not marks[self.cursor] and self.cursor > 0:
            self.cursor -= 1
        marks[self.cursor] = ""
        self.marks = tuple(marks)

    def action_commit(self) -> None:
        """Post the draft if every row has a mark."""
        missing = sum(1 for m in self.marks if not m)
        if missing:
            self.notify(t("entry.incomplete", self.lang, count=missing), severity="warning")
            return
        self.post_message(self.Committed("".join(self.marks)))

    def action_invalid(self) -> None:
        """Ask the screen for a whole-ballot invalid reason."""
        self.post_message(self.InvalidAsked())

    def action_jump(self) -> None:
        """Start reading a row number (as many digits as the last row has)."""
        self._jump = ""
        self.refresh()

    # --- keys -------------------------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        char = event.character or ""
        if self._scan is not None:
            event.stop()
            if event.key == "enter":
                text, self._scan = "".join(self._scan), None
                self.post_message(self.Scanned(text))
            elif event.key == "escape":
                self._scan = None
            elif char:
                self._scan.append(char)
            return
        if self._jump is not None:
            event.stop()
            if char.isdigit():
                self._jump += char
                if len(self._jump) >= len(str(len(self.persons))):
                    row, self._jump = int(self._jump), None
                    self.cursor = max(0, min(row, len(self.persons)) - 1)
            else:
                self._jump = None
            self.refresh()
            return
        handled = True
        if char == SCAN_START:
            self._scan = [char]
        elif char and char.lower() in self.keys:
            self.put(char.lower())
        elif event.key == "backspace":
            self.back()
        elif event.key == "up":
            self.cursor = max(0, self.cursor - 1)
        elif event.key == "down":
            self.cursor = min(len(self.persons) - 1, self.cursor + 1)
        elif event.key == "enter":
            self.action_commit()
        elif char == FILL:
            self.action_fill()
        elif char == INVALID:
            self.action_invalid()
        elif char == JUMP:
            self.action_jump()
        else:
            handled = False
        if handled:
            event.stop()
            event.prevent_default()

    # --- rendering --------------------------------------------------------------------------

    def render(self) -> Table:
        lang = self.lang
        table = Table(expand=True, box=None, pad_edge=False, show_edge=False)
        table.add_column("#", justify="right", width=3)
        table.add_column(t("entry.person", lang), ratio=3)
        for label in self.levels:
            table.add_column(label, justify="center", ratio=1)
        table.add_column(t("entry.other", lang), justify="center", ratio=1)
        specials = {BLANK: t("entry.blank", lang), SEVERAL: t("entry.several", lang), STRUCK: t("entry.struck", lang)}
        for row, ((name, position), mark) in enumerate(zip(self.persons, self.marks)):
            here = row == self.cursor
            cells = ["[X]" if mark == str(i) else "[ ]" for i in range(1, len(self.levels) + 1)]
            style = "reverse" if here and self.has_focus else ("bold" if here else "")
            table.add_row(str(row + 1), Text(f"{name} — {position}"), *cells, specials.get(mark, "·" if not mark else ""),
                          style=style)
        if self._scan is not None:
            table.caption = t("entry.scanning", lang)
        elif self._jump is not None:
            table.caption = t("entry.jumping", lang, digits=self._jump or "_")
        return table
