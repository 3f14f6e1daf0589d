"""The chair's own ballot entry for a body with one computer: the station's grid stays open ballot after ballot,
beside the ballots entered (in words), the running tally and the last ballot echoed.

The widget only drafts: a committed ballot or a picked correction is posted as a message, and the panel turns it
into the same ``RecordBallot``/``CorrectBallot`` commands a station sends.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from session.forms import label
from session.records import mark_word, marks_in_words
from session.results import results
from session.state import Books, SessionState
from tui.i18n import register, t
from tui.widgets.ballot_entry import BallotEntry
from tui.widgets.tally_table import level_label

register({
    "chair_entry.help": ("{levels} · 0 không đánh dấu · x hai ô trở lên · - gạch tên · f điền phần còn lại · "
                         "Space điền và ghi · i cả phiếu không hợp lệ · Enter ghi phiếu · Tab danh sách · "
                         "c sửa phiếu đã nhập",
                         "{levels} · 0 no mark · x two or more · - struck out · f fill the rest · Space fill and commit · "
                         "i whole ballot invalid · Enter commits · Tab the list · c correct an entered ballot"),
    "chair_entry.form": ("Mẫu phiếu: {form} (phím w đổi mẫu)", "Ballot form: {form} (w changes the form)"),
    "chair_entry.next_form": ("Mẫu phiếu tiếp theo", "Next ballot form"),
    "chair_entry.next": ("Phiếu số {n}", "Ballot {n}"),
    "chair_entry.last": ("Vừa nhập phiếu số {n}: {content}", "Just entered ballot {n}: {content}"),
    "chair_entry.none": ("Chưa nhập phiếu nào.", "No ballot entered yet."),
    "chair_entry.tally": ("Kiểm đếm (phiếu đã xác nhận)", "Tally (confirmed ballots)"),
    "chair_entry.entered": ("Phiếu đã nhập (Enter để sửa phiếu đang chọn)",
                            "Ballots entered (Enter corrects the one selected)"),
})


def entry_words(state: SessionState, books: Books, marks: str | None, reason: str | None, lang: str) -> str:
    """One entered ballot in words, each mark beside its own form's person."""
    if marks is None or len(marks) != len(books.persons) or len(marks) > 6:
        return marks_in_words(state, marks, reason, lang)
    return "; ".join(f"{p.name}: {mark_word(state, m, lang)}" for p, m in zip(books.persons, marks))


def ballot_name(batch: str, position: int) -> str:
    """A ballot as the list names it: its position, after its batch when it has one."""
    return f"{batch}/{position}" if batch else str(position)


class ChairEntry(Vertical):
    """Grid, help, last ballot, running tally and the list of entered ballots of one form at a time."""

    DEFAULT_CSS = """
    ChairEntry { height: auto; }
    ChairEntry #entered { height: 7; border: round $primary; }
    ChairEntry #entered:focus { border: round $accent; }
    """

    BINDINGS = [Binding("w", "next_form", show=False)]
    """With several ballot forms, w moves the entry on to the next form (described in the help when it is so)."""

    class Record(Message):
        """A ballot to record: marks, or a whole-ballot invalid reason, on ``form``."""

        def __init__(self, marks: str | None, reason: str | None, form: str) -> None:
            super().__init__()
            self.marks, self.reason, self.form = marks, reason, form

    class CorrectPicked(Message):
        """The chair picked an entered ballot to correct."""

        def __init__(self, batch: str, position: int, form: str, marks: str | None) -> None:
            super().__init__()
            self.batch, self.position, self.form, self.marks = batch, position, form, marks

    def __init__(self, state: SessionState, lang: str) -> None:
        super().__init__(id="chair-entry")
        self.state, self.lang = state, lang
        self.form = next(iter(state.books))
        """The form being entered."""
        self._describe_keys(lang)

    def _describe_keys(self, lang: str) -> None:
        if self.state.several_forms:
            self._bindings = BindingsMap([Binding("w", "next_form", t("chair_entry.next_form", lang), show=False)])

    @property
    def books(self) -> Books:
        """The books of the form being entered."""
        return self.state.books[self.form]

    def _persons(self) -> list[tuple[str, str]]:
        return [(p.name, p.position) for p in self.books.persons]

    def _levels(self) -> list[str]:
        return [lv.vi if self.lang == "vi" else lv.en for lv in self.state.pack.levels]

    def compose(self) -> ComposeResult:
        yield Static(id="entry-form")
        yield BallotEntry(self._persons(), self._levels(), self.lang, fit_rows=8, id="grid")
        yield Static(id="entry-help")
        yield Static(id="entry-last")
        yield Static(id="entry-tally")
        yield OptionList(id="entered")

    @property
    def grid(self) -> BallotEntry:
        return self.query_one("#grid", BallotEntry)

    @property
    def entered_list(self) -> OptionList:
        return self.query_one("#entered", OptionList)

    def show(self, state: SessionState, lang: str) -> None:
        """Redraw from ``state``; the draft on the grid is kept."""
        if lang != self.lang:
            self.grid.set_language(self._levels_in(state, lang), lang)
            self._describe_keys(lang)
        self.state, self.lang = state, lang
        books = self.books
        levels = " · ".join(f"{i} {name}" for i, name in enumerate(self._levels(), 1))
        form = t("chair_entry.form", lang, form=label(books)) + "  ·  " if state.several_forms else ""
        self.query_one("#entry-form", Static).update(
            Text(form + t("chair_entry.next", lang, n=books.next_position("")), style="bold"))
        self.query_one("#entry-help", Static).update(Text(t("chair_entry.help", lang, levels=levels), style="dim"))
        self.query_one("#entry-last", Static).update(self._last(state, books, lang))
        self.query_one("#entry-tally", Static).update(self._tally(state, books, lang))
        self._fill_list(state, books, lang)

    @staticmethod
    def _levels_in(state: SessionState, lang: str) -> list[str]:
        return [lv.vi if lang == "vi" else lv.en for lv in state.pack.levels]

    @staticmethod
    def _last(state: SessionState, books: Books, lang: str) -> Text:
        if not books.entries:
            return Text(t("chair_entry.none", lang))
        (batch, position), entry = next(reversed(books.entries.items()))
        content = entry_words(state, books, entry.marks, entry.reason, lang)
        return Text(t("chair_entry.last", lang, n=ballot_name(batch, position), content=content), style="bold green")

    @staticmethod
    def _tally(state: SessionState, books: Books, lang: str) -> Text:
        data = results(state)
        forms = {f["id"]: f for f in data.get("forms", ())}
        persons = forms[books.id]["persons"] if books.id in forms else data["persons"]
        text = Text(t("chair_entry.tally", lang) + "\n", style="bold")
        for person in persons:
            counts = " · ".join(f"{level_label(state, key, lang)} {n}" for key, n in person["counts"].items())
            text.append(f"{person['name']}: ", style="bold")
            text.append(counts + "\n")
        return text

    def _fill_list(self, state: SessionState, books: Books, lang: str) -> None:
        entered = self.entered_list
        highlighted = entered.highlighted
        entered.border_title = t("chair_entry.entered", lang)
        options = [Option(f"{ballot_name(b, p)}. {entry_words(state, books, e.marks, e.reason, lang)}", id=f"{b}|{p}")
                   for (b, p), e in books.entries.items()]
        grew = len(options) != entered.option_count
        entered.clear_options()
        entered.add_options(options)
        if options:  # a new ballot moves the cursor to it: the one a correction most often needs
            entered.highlighted = len(options) - 1 if grew or highlighted is None else min(highlighted, len(options) - 1)

    def take_keys(self) -> None:
        """Give the grid the keys now: ``focus`` waits a turn, and a key typed in that turn (a fast Tab) would
        be undone by it."""
        self.screen.set_focus(self.grid)

    def pick_to_correct(self) -> None:
        """Give the list the keys, on the last ballot entered."""
        self.screen.set_focus(self.entered_list)

    def on_ballot_entry_committed(self, event: BallotEntry.Committed) -> None:
        event.stop()
        self.grid.clear()  # at once, so the next ballot's keys, however fast, land on a fresh draft
        self.post_message(self.Record(event.marks, None, self.form))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        batch, position = str(event.option.id).split("|")
        entry = self.books.entries[(batch, int(position))]
        self.post_message(self.CorrectPicked(batch, int(position), self.form, entry.marks))

    def action_next_form(self) -> None:
        forms = list(self.state.books)
        self.form = forms[(forms.index(self.form) + 1) % len(forms)]
        self.grid.set_persons(self._persons())
        self.show(self.state, self.lang)
