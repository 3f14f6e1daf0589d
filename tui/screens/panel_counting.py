"""The counting step at the chair console: the stations' progress, the books, and the chair's own entry."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from session import commands as c
from session.books import identities
from session.state import SessionState
from tui.i18n import t
from tui.screens.panel_base import StepPanel
from tui.screens.panels_text import meter
from tui.widgets.ballot_entry import BallotEntry
from tui.widgets.chair_entry import ChairEntry, ballot_name


def marks_example(state: SessionState) -> str:
    """A marks string as long as the ballot, for the correction's hint."""
    return "".join(str(i % len(state.pack.levels) + 1) for i in range(len(state.ballot_persons)))


class CountingPanel(StepPanel):
    """The chair's entry grid (open ballot after ballot), then progress from the stations and every books identity."""

    def compose(self) -> ComposeResult:
        state = self.app.service.state
        yield ChairEntry(state, self.app.lang)
        yield Static(id="progress")
        yield Static(id="books")

    def on_mount(self) -> None:
        self.query_one(ChairEntry).take_keys()

    def draw(self, state: SessionState, lang: str) -> None:
        from session.counting import awaiting, mismatches
        from session.forms import label

        self.query_one(ChairEntry).show(state, lang)
        progress = Text()
        for b in state.books.values():  # form by form, when the session has several
            returned = b.returned or 0
            line = t("panel.progress", lang, entered=b.entered, returned=returned)
            if state.several_forms:
                line = t("form.guard", lang, form=label(b), why=line)
            progress.append(line + "\n", style="bold")
            progress.append(meter(b.entered, returned) + "\n")
            progress.append(t("panel.invalid_so_far", lang, n=b.tally.invalid) + "\n")
            if state.double_entry:
                # The same two figures the stations show: a mismatch is not also counted as awaiting.
                progress.append(t("panel.pending", lang, n=awaiting(state, b), m=len(mismatches(state, b))) + "\n")
        self.query_one("#progress", Static).update(progress)
        books = Text(t("panel.books", lang) + "\n", style="bold")
        for identity in identities(state):
            # A failing identity is told in the domain's words; a holding one as the inequality that holds.
            line = identity.text(lang, identity.key.replace("books.", "books_ok.") if identity.holds else None)
            books.append(("✓ " if identity.holds else "✗ ") + line + "\n",
                         style="green" if identity.holds else "bold red")
        self.query_one("#books", Static).update(books)

    def run(self, name: str) -> None:
        from tui.screens.dialogs import Confirm, TextForm

        state, lang = self.state, self.lang
        if state is None:
            return
        entry = self.query_one(ChairEntry)
        if name == "ballot":
            entry.take_keys()
        elif name == "correct":
            entry.pick_to_correct()
        elif name == "batch":
            self.app.push_screen(TextForm(lang, t("dlg.batch", lang)),
                                 lambda code: code is not None and self.ask(self._open_batch(code)))
        elif name == "resolve":
            self._resolve()
        elif name == "next":
            title = t("dlg.count_close", lang, entered=state.entered, returned=state.returned or 0)
            self.app.push_screen(Confirm(lang, title), lambda ok: ok and self.ask(c.Advance()))

    def on_chair_entry_record(self, event: ChairEntry.Record) -> None:
        event.stop()
        assert self.state is not None
        form = event.form if self.state.several_forms else ""
        self.ask(c.RecordBallot(event.marks, event.reason, station="chair", form=form))

    def on_ballot_entry_invalid_asked(self, event: BallotEntry.InvalidAsked) -> None:
        """Whole ballot invalid: pick the reason, then record it on the form being entered."""
        from tui.screens.dialogs import ChoiceForm

        event.stop()
        lang, form = self.lang, self.query_one(ChairEntry).form
        assert self.state is not None
        reasons = [(r.key, r.vi if lang == "vi" else r.en) for r in self.state.pack.invalid_reasons]
        self.app.push_screen(ChoiceForm(lang, t("dlg.whole_invalid", lang), reasons),
                             lambda key: key is not None and self.on_chair_entry_record(ChairEntry.Record(None, key, form)))

    def on_chair_entry_correct_picked(self, event: ChairEntry.CorrectPicked) -> None:
        """The new marks (the entered ones to start from) and why; then the head confirms with their PIN."""
        from tui.screens.station_dialogs import FieldsForm

        event.stop()
        state, lang = self.state, self.lang
        assert state is not None
        form = event.form if state.several_forms else ""
        title = t("dlg.correct_picked", lang, n=ballot_name(event.batch, event.position),
                  head=self.voter_name(state.team_head))
        fields = [(t("dlg.marks", lang, example=marks_example(state)), event.marks or ""), (t("dlg.because", lang), "")]

        def correct(values: tuple[str, ...] | None) -> None:
            if values is not None:
                marks, because = values[0].strip(), values[1]
                self._as_head(c.CorrectBallot(event.position, because, marks or None, None, event.batch,
                                              state.team_head, form))

        self.app.push_screen(FieldsForm(lang, title, fields), correct)

    @staticmethod
    def _open_batch(code: str) -> c.Command:
        from session.counting import OpenBatch

        return OpenBatch(code.strip(), station="chair")

    def _resolve(self) -> None:
        """Pick a mismatched ballot, then record the marks read off the paper, confirmed by the head."""
        from session.counting import ResolveMismatch, mismatches
        from tui.screens.dialogs import ChoiceForm, TextForm
        from tui.screens.station_dialogs import mismatch_line

        state, lang = self.state, self.lang
        assert state is not None
        found = mismatches(state)
        if not found:
            self.ask(ResolveMismatch(0, confirmed_by=state.team_head))  # the domain says there is none
            return
        options = [(f"{b}|{p}", mismatch_line(state, state.main, (b, p), lang)) for b, p in found]

        def marks_for(choice: str | None) -> None:
            if choice is None:
                return
            batch, position = choice.split("|")
            title = t("dlg.resolve_marks", lang, batch=batch or "-", position=position,
                      head=self.voter_name(state.team_head))
            self.app.push_screen(TextForm(lang, title), lambda marks: marks is not None and self._as_head(
                ResolveMismatch(int(position), batch, marks.strip(), None, state.team_head)))

        self.app.push_screen(ChoiceForm(lang, t("dlg.resolve", lang), options), marks_for)

    def _as_head(self, command: c.Command) -> None:
        """The head confirms ``command`` with their PIN, typed hidden, held only for this decision."""
        from tui.screens.station_dialogs import FieldsForm

        assert self.state is not None
        head = self.voter_name(self.state.team_head)
        title = t("station.head_confirms", self.lang, head=head, what=t(f"action.{command.ACTION}", self.lang))
        fields = [(t("station.f.head_pin", self.lang), "")]
        self.app.push_screen(FieldsForm(self.lang, title, fields, secret=frozenset({0})),
                             lambda values: values is not None and self.post_message(self.Ask(command, values[0])))
