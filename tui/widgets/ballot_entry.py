"""The ballot entry grid: the paper's layout, one key per row, a fill key, Enter to commit.

Rows are the persons in ballot order and columns the pack's levels. Keystrokes only
change this widget's own draft (no store I/O); the screen hears about a ballot once,
when it is committed. A USB scanner's payload (it starts with a letter no mark uses)
is caught here too, so a ballot's QR can be scanned without leaving the grid.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingsMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

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
    "entry.fill_commit": ("Điền phần còn lại và ghi phiếu", "Fill the rest and commit"),
    "entry.invalid": ("Cả phiếu không hợp lệ", "Whole ballot invalid"),
    "entry.jump": ("Đến dòng số", "Go to row"),
    "entry.incomplete": ("Còn {count} dòng chưa nhập (phím f điền phần còn lại).",
                         "{count} rows not entered yet (f fills the rest)."),
    "entry.scanning": ("Đang đọc mã…", "Reading a code…"),
    "entry.jumping": ("Đến dòng: {digits}", "Go to row: {digits}"),
})

SCAN_START = "t"
"""First character of every scanned payload (``tinnhiem…``); no mark or command key uses it."""
FILL, INVALID, JUMP, FILL_COMMIT = "f", "i", "g", "space"
"""Keys: fill the rest with the most common mark, mark the whole ballot invalid, jump to a row by number,
and fill the rest then commit (a ballot whose rows are all alike costs its mark and this key)."""


def entry_bindings(lang: str) -> list[Binding]:
    """The grid's command keys, described in ``lang`` for the help: ``g`` here is always the grid's go to row."""
    return [
        Binding(FILL, "fill", t("entry.fill", lang), show=False),
        Binding(FILL_COMMIT, "fill_commit", t("entry.fill_commit", lang), show=False),
        Binding("enter", "commit", t("entry.commit", lang), show=False),
        Binding(INVALID, "invalid", t("entry.invalid", lang), show=False),
        Binding(JUMP, "jump", t("entry.jump", lang), show=False),
    ]


class BallotEntry(ScrollView, can_focus=True):
    """A draft ballot in the paper's layout; posts ``Committed`` on Enter once every row has a mark."""

    BINDINGS = entry_bindings("vi")
    """Handled in ``on_key`` first; kept, in the user's language, so that the help (?) lists them."""

    DEFAULT_CSS = """
    BallotEntry { height: 1fr; border: round $primary; padding: 0 1; }
    BallotEntry:focus { border: round $accent; }
    """

    cursor: reactive[int] = reactive(0, repaint=False)
    """Row the next mark goes to."""
    marks: reactive[tuple[str, ...]] = reactive(tuple, always_update=True, repaint=False)
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

    def __init__(self, persons: list[tuple[str, str]], levels: list[str], lang: str = "vi",
                 fit_rows: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.persons = persons
        """(name, position) per row, in ballot order."""
        self.levels = levels
        """Column labels: the pack's levels in mark order."""
        self.lang = lang
        """Interface language."""
        self._bindings = BindingsMap(entry_bindings(lang))
        self.level_width = _level_width(levels)
        """Cells per level column and for the last (other marks) column: the longest label fits."""
        self.keys = "".join(str(i) for i in range(1, len(levels) + 1)) + BLANK + SEVERAL + STRUCK
        """Every mark key the pack allows."""
        self.fit_rows = fit_rows
        """When set, the grid's height follows its lines (a wrapped name takes two), up to this many."""
        self.compact = False
        """True when the level labels do not leave the names room: columns as wide as their mark, numbered."""
        self._lines: list[tuple[int, str]] = [(row, "") for row in range(len(persons))]
        """(row, name text) per line below the header: a row's name may wrap onto more than one line."""
        self._first: list[int] = list(range(len(persons)))
        """Row → its first line."""
        self.locked = False
        """True while the committed draft waits to be sent: it is what will be recorded, so it cannot change."""
        self._scan: list[str] | None = None
        self._jump: str | None = None
        self._rows: dict[tuple, Strip] = {}
        self.set_reactive(BallotEntry.marks, ("",) * len(persons))

    # --- editing (pure, no I/O) -------------------------------------------------------------

    def set_persons(self, persons: list[tuple[str, str]]) -> None:
        """Lay the grid out for another list of persons (APPOINT: once the nominees are fixed)."""
        self.persons = persons
        self._layout()
        self.clear()
        self.refresh()

    def set_language(self, levels: list[str], lang: str) -> None:
        """Redraw the column labels and captions in ``lang``; the draft is kept."""
        self.levels, self.lang, self.level_width = levels, lang, _level_width(levels)
        self._bindings = BindingsMap(entry_bindings(lang))
        self._layout()
        self.refresh()

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

    def action_fill_commit(self) -> None:
        """Fill the rest, then commit."""
        self.action_fill()
        self.action_commit()

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
                self.refresh()
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
        if self.locked and event.key != "enter":  # Enter asks the screen to send the held ballot again
            return
        handled = True
        if char == SCAN_START:
            self._scan = [char]
            self.refresh()
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
        elif event.key == FILL_COMMIT:
            self.action_fill_commit()
        elif char == INVALID:
            self.action_invalid()
        elif char == JUMP:
            self.action_jump()
        else:
            handled = False
        if handled:
            event.stop()
            event.prevent_default()

    # --- rendering (line by line: a keystroke redraws the two rows it touched, not the grid) ----

    def on_mount(self) -> None:
        self._layout()

    def on_resize(self) -> None:
        self._layout()

    def _layout(self) -> None:
        """Lay the rows out for the width: level labels where the names keep their room, else numbered columns
        as wide as their mark; a name longer than its column wraps onto the next line, never cut."""
        width, self.compact = self.size.width, False
        longest = max((cell_len(name) for name, _ in self.persons), default=0)
        if self._name_width(width) < longest:
            self.compact = True
        name_width = self._name_width(width)
        self._lines, self._first = [], []
        for row, (name, position) in enumerate(self.persons):
            self._first.append(len(self._lines))
            self._lines += [(row, part) for part in wrap_words(f"{name} — {position}", name_width)]
        self._rows.clear()
        self.virtual_size = Size(0, len(self._lines) + 2)
        if self.fit_rows is not None:
            self.styles.height = min(len(self._lines), self.fit_rows) + 4  # borders, header and the caption line
        self.refresh()

    def _mark_width(self) -> int:
        return COMPACT_WIDTH if self.compact else self.level_width

    def _other_width(self) -> int:
        return max(COMPACT_WIDTH, cell_len(t("entry.other", self.lang))) if self.compact else self.level_width

    def _name_width(self, width: int) -> int:
        return max(8, width - 5 - (self._mark_width() + 1) * len(self.levels) - (self._other_width() + 1))

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_rows(old, new)
        first = self._first[new] if new < len(self._first) else new
        self.scroll_to_region(Region(0, first + 1, 1, self._height_of(new)), animate=False, immediate=True)

    def watch_marks(self, old: tuple[str, ...], new: tuple[str, ...]) -> None:
        changed = [row for row, (a, b) in enumerate(zip(old, new)) if a != b] if len(old) == len(new) else None
        if changed is None or len(changed) > 2:
            self.refresh()
        else:
            self._refresh_rows(*changed)

    def _height_of(self, row: int) -> int:
        if row >= len(self._first):
            return 1
        following = self._first[row + 1] if row + 1 < len(self._first) else len(self._lines)
        return following - self._first[row]

    def _refresh_rows(self, *rows: int) -> None:
        top = self.scroll_offset.y
        for row in rows:
            if row < len(self._first):
                self.refresh(Region(0, self._first[row] + 1 - top, self.size.width, self._height_of(row)))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def _cells(self, number: str, name: str, cells: list[str], other: str) -> list[tuple[str, int, str]]:
        level = self._mark_width()
        return ([(number, 4, "right"), (name, self._name_width(self.size.width), "left")]
                + [(c, level, "center") for c in cells] + [(other, self._other_width(), "center")])

    def _strip(self, parts: list[tuple[str, int, str]], style: Style) -> Strip:
        text = ""
        for value, width, align in parts:
            value = set_cell_size(value, width) if cell_len(value) > width else value
            pad = width - cell_len(value)
            left = pad if align == "right" else pad // 2 if align == "center" else 0
            text += " " * left + value + " " * (pad - left) + " "
        return Strip([Segment(set_cell_size(text, self.size.width), style)])

    def render_line(self, y: int) -> Strip:
        lang, index = self.lang, y + self.scroll_offset.y
        base = self.rich_style
        if index == 0:
            labels = [str(i) for i in range(1, len(self.levels) + 1)] if self.compact else self.levels
            head = self._cells("#", t("entry.person", lang), labels, t("entry.other", lang))
            return self._strip(head, base + Style(bold=True, underline=True))
        line = index - 1
        if line >= len(self._lines):
            if line == len(self._lines) and self._scan is not None:
                return self._strip([(t("entry.scanning", lang), self.size.width, "left")], base + Style(italic=True))
            if line == len(self._lines) and self._jump is not None:
                caption = t("entry.jumping", lang, digits=self._jump or "_")
                return self._strip([(caption, self.size.width, "left")], base + Style(italic=True))
            return Strip.blank(self.size.width, base)
        row, part = self._lines[line]
        mark, here, first = self.marks[row], row == self.cursor, line == self._first[row]
        key = (line, mark, here and self.has_focus, here, self.size.width, lang, base)
        strip = self._rows.get(key)
        if strip is None:
            if len(self._rows) > 4 * len(self._lines) + 16:
                self._rows.clear()
            strip = self._rows[key] = self._row_strip(row, part, first, mark, here, base)
        return strip

    def _row_strip(self, row: int, part: str, first: bool, mark: str, here: bool, base: Style) -> Strip:
        lang = self.lang
        style = base + (Style(reverse=True) if here and self.has_focus else Style(bold=True) if here else Style())
        if not first:  # a wrapped name's next line: the name column only
            return self._strip(self._cells("", part, [""] * len(self.levels), ""), style)
        specials = {BLANK: t("entry.blank", lang), SEVERAL: t("entry.several", lang), STRUCK: t("entry.struck", lang)}
        if self.compact:  # the mark itself: the keys' legend names it
            specials = {BLANK: BLANK, SEVERAL: SEVERAL, STRUCK: STRUCK}
        cells = ["[X]" if mark == str(i) else "[ ]" for i in range(1, len(self.levels) + 1)]
        return self._strip(self._cells(str(row + 1), part, cells, specials.get(mark, "·" if not mark else "")), style)


def wrap_words(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken between words (a word longer than a line is split)."""
    lines, line = [], ""
    for word in text.split():
        while cell_len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(set_cell_size(word, width))
            word = word[len(lines[-1]):]
        candidate = f"{line} {word}" if line else word
        if cell_len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + [line] if line or not lines else lines


COMPACT_WIDTH = 3
"""Cells per level column when compact: ``[X]``."""


def _level_width(levels: list[str]) -> int:
    """Cells per level column: the longest label fits, and at least 10."""
    return max(10, *(cell_len(label) + 1 for label in levels))
