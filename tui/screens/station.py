"""The counting station: open a batch, check ballots off, enter them in the paper's layout.

Every keystroke stays in the entry widget; the store is written once per committed
ballot (or opened batch, correction, resolution), through the same service and
rules as every other terminal. Other terminals' events arrive by the base app's
polling; in blind double entry this station never shows the other station's
entries except side by side for a ballot on which both have entered and differ.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from session import commands as cmd
from session.counting import OpenBatch, ResolveMismatch, awaiting, mismatches, read_scan, submitted_next
from session.errors import SessionError
from session.events import Actor
from session.pins import Credentials
from session.service import SessionService
from session.trust import FOREIGN_REASONS, SignIn, name_of
from tui.base import SessionApp, StateChanged
from tui.i18n import register
from tui.screens import strings  # noqa: F401  (registers the shared screen strings: the head's PIN prompt)
from tui.screens.station_dialogs import FieldsForm, MismatchView, ReasonPicker, YesNo
from tui.widgets.ballot_entry import BallotEntry

register({
    "station.title": ("Máy kiểm phiếu {station} · {name}", "Counting station {station} · {name}"),
    "station.status": ("{step} · {mode} · Thu về {returned} · Đã nhập {entered} · Xấp {batch}: phiếu số {position}",
                       "{step} · {mode} · Returned {returned} · Entered {entered} · Batch {batch}: ballot {position}"),
    "station.double_status": ("Máy này đã nhập {mine} · chờ máy kia {waiting} · lệch {mismatched}",
                              "This station entered {mine} · awaiting the other {waiting} · mismatched {mismatched}"),
    "station.scan": ("Quét bìa xấp / phiếu, hoặc gõ mã xấp rồi Enter", "Scan a cover sheet / ballot, or type a batch code and Enter"),
    "station.keys": ("1 2 3 mức · 0 trống · x nhiều ô · - gạch tên · f điền phần còn lại · Enter ghi · Space điền rồi ghi · i cả phiếu không hợp lệ · "
                     "g+số đến dòng · ↑↓ Backspace sửa · b/F2 xấp khác · c/F3 đính chính · m/F4 phiếu lệch · h/F5 phiếu máy quét giữ lại",
                     "1 2 3 levels · 0 blank · x several · - struck · f fill the rest · Enter commit · Space fill and commit · i whole ballot invalid · "
                     "g+number go to row · ↑↓ Backspace edit · b/F2 other batch · c/F3 correction · m/F4 mismatches · h/F5 held scans"),
    "station.no_batch": ("Chưa nhận xấp phiếu: quét bìa xấp hoặc gõ mã xấp.", "No batch yet: scan its cover sheet or type its code."),
    "station.checked": ("Đã nhận phiếu số {position} của xấp {batch}.", "Ballot {position} of batch {batch} checked off."),
    "station.foreign": ("Phiếu bị từ chối: {reason}. Tổ kiểm phiếu xác nhận tính là phiếu không hợp lệ?",
                        "Ballot refused: {reason}. Does the team confirm counting it as invalid?"),
    "station.bad_scan": ("Không đọc được mã.", "Cannot read that code."),
    "station.pick_reason": ("Lý do cả phiếu không hợp lệ", "Why the whole ballot is invalid"),
    "station.correct": ("Đính chính phiếu đã ghi (Tổ trưởng xác nhận)", "Correct a committed ballot (confirmed by the head)"),
    "station.resolve": ("Tổ trưởng quyết định phiếu {batch}/{position}", "The head decides ballot {batch}/{position}"),
    "station.f.position": ("Số thứ tự phiếu trong xấp", "Ballot number in the batch"),
    "station.f.marks": ("Chuỗi đánh dấu đúng (hoặc !lý_do nếu cả phiếu không hợp lệ)", "Right marks (or !reason for a whole invalid ballot)"),
    "station.f.because": ("Lý do đính chính", "Why"),
    "station.f.head": ("Mã Tổ trưởng xác nhận", "Voter id of the head confirming"),
    "station.done": ("Đã ghi phiếu {batch}/{position}.", "Ballot {batch}/{position} recorded."),
    "station.pin_set": ("{name}: đặt mã PIN ({low}–{high} chữ số), nhập hai lần", "{name}: set your PIN ({low}–{high} digits), twice"),
    "station.pin_ask": ("{name}: nhập mã PIN để làm việc ở máy {station}", "{name}: your PIN to work station {station}"),
    "station.f.pin": ("Mã PIN (ẩn)", "PIN (hidden)"),
    "station.f.pin_again": ("Nhập lại mã PIN", "The PIN again"),
    "station.pin_differ": ("Hai lần nhập mã PIN không giống nhau.", "The two PINs differ."),
    "station.decided": ("Phiếu {batch}/{position} của xấp máy này: {who} đã {how}: {words}",
                        "Ballot {batch}/{position} of this station's batch: {who} {how}: {words}"),
    "station.how.resolved": ("quyết định", "resolved it as"),
    "station.how.corrected": ("đính chính", "corrected it to"),
    "station.mark.0": ("để trống", "left blank"),
    "station.mark.x": ("đánh nhiều ô", "several boxes"),
    "station.mark.-": ("gạch tên", "name struck out"),
    "station.whole_invalid": ("cả phiếu không hợp lệ ({reason})", "whole ballot invalid ({reason})"),
})


class StationApp(SessionApp):
    """One counting station worked by one approved team member."""

    TITLE = "tinnhiem"
    CSS = """
    #station-status { height: auto; background: $panel; padding: 0 1; }
    #station-keys { height: auto; color: $text-muted; padding: 0 1; }
    #station-scan { margin: 0 0; }
    """
    BINDINGS = [
        Binding("b,f2", "batch", show=False),
        Binding("c,f3", "correct", show=False),
        Binding("m,f4", "mismatches", show=False),
        Binding("h,f5", "held", show=False),
    ]

    def __init__(self, service: SessionService, member: str, station: str = "", lang: str = "vi", follow: bool = True):
        super().__init__(service, lang, Actor("station", member, station or member), follow)
        self.batch: str | None = None
        self.form = ""
        """The open batch's ballot form ("" in a single-form session): the cover's QR names it."""
        """The batch this station is entering, once opened."""
        self._told = (len(service.state.resolved), service.state.corrections, service.state.seq)
        """(resolved, corrections, seq) when this station was last told of the head's decisions."""

    @property
    def station(self) -> str:
        """This station's name."""
        return self.actor.station

    @property
    def books(self):
        """The books of the open batch's form (the first form's before any batch is open)."""
        state = self.service.state
        return state.book(self.form) or state.main

    def compose(self) -> ComposeResult:
        persons = [(p.name, p.position) for p in self.books.persons]
        yield Static(id="station-status")
        yield Input(placeholder=self.tr("station.scan"), id="station-scan")
        yield BallotEntry(persons, self.level_labels(), self.lang, id="station-entry")
        yield Static(self.tr("station.keys"), id="station-keys")

    def on_mount(self) -> None:
        # SessionApp.on_mount runs too (Textual calls every class's handler): it starts the polling.
        self.render_status()
        self.query_one("#station-scan", Input).focus()
        if not self.signed_in:
            self.ask_pin()

    # --- PIN ----------------------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        """Whether the member gave their PIN (always, on a service that checks no PINs)."""
        return self.service.gate is None or self.service.credentials is not None

    def ask_pin(self, note: str = "") -> None:
        """Ask the member's PIN, hidden: twice when none is set yet (their first action sets it)."""
        from session.pins import PIN_LENGTH

        state, member = self.service.state, self.actor.name
        name = name_of(state, member)
        setting = not self.service.gate.has_pin(state, member)  # type: ignore[union-attr]
        fields = [(self.tr("station.f.pin"), "")] + ([(self.tr("station.f.pin_again"), "")] if setting else [])
        title = (self.tr("station.pin_set", name=name, low=PIN_LENGTH[0], high=PIN_LENGTH[1]) if setting
                 else self.tr("station.pin_ask", name=name, station=self.station))
        self.push_screen(FieldsForm(self.lang, title, fields, secret=frozenset(range(len(fields))), note=note),
                         self.pin_given)

    def pin_given(self, values: tuple[str, ...] | None) -> None:
        """Sign in with the PIN typed; a refusal (wrong, locked out) asks again, saying why."""
        if values is None:
            self.exit(return_code=3)
            return
        if len(values) == 2 and values[0] != values[1]:
            self.ask_pin(self.tr("station.pin_differ"))
            return
        state, credentials = self.service.state, Credentials(values[0])
        try:
            if state.signed_in.get(self.actor.name) == self.station:  # reopened after a restart: nothing to record
                self.service.gate.verify(state, self.actor.name, values[0])  # type: ignore[union-attr]
            else:
                self.service.handle(SignIn(), self.actor, credentials)
        except SessionError as exc:
            self.ask_pin(exc.message(self.lang))
            return
        self.service.credentials = credentials
        self.post_message(StateChanged())

    def ask_head(self, what: str, act) -> None:
        """The head confirms ``what`` with their PIN; ``act(head, pin)`` records the decision."""
        state = self.service.state
        fields = [(self.tr("station.f.head"), state.team_head), (self.tr("station.f.head_pin"), "")]

        def done(values: tuple[str, ...] | None) -> None:
            if values:
                act(values[0], values[1])

        title = self.tr("station.head_confirms", head=name_of(state, state.team_head), what=what)
        self.push_screen(FieldsForm(self.lang, title, fields, secret=frozenset({1})), done)

    # --- view ---------------------------------------------------------------------------------

    def level_labels(self) -> list[str]:
        """The grid's column labels: the pack's levels in the interface language."""
        return [lv.vi if self.lang == "vi" else lv.en for lv in self.service.state.pack.levels]

    def next_position(self) -> int:
        """The position the next committed ballot of the open batch takes."""
        s, batch = self.service.state, self.batch or ""
        return submitted_next(s, batch, self.station, self.books) if s.double_entry else self.books.next_position(batch)

    def render_status(self) -> None:
        """Redraw the status line from the state (cheap: no store I/O)."""
        s = self.service.state
        voter = s.conference.voter(self.actor.name)
        self.title = self.tr("station.title", station=self.station, name=voter.name if voter else self.actor.name)
        self.query_one("#station-keys", Static).update(self.tr("station.keys"))
        mode = self.tr("entry_mode.double" if s.double_entry else "entry_mode.single")
        text = self.title + "\n" + self.tr("station.status", step=self.tr(f"step.{s.step}"), mode=mode, returned=self.books.returned if self.books.returned is not None else "—",
                       entered=self.books.entered, batch=self.batch or "—", position=self.next_position() if self.batch is not None else "—")
        if s.double_entry:
            b = self.books
            mine = sum(n for (_, station), n in b.submitted.items() if station == self.station)
            text += "\n" + self.tr("station.double_status", mine=mine, waiting=awaiting(s, b), mismatched=len(mismatches(s, b)))
        shown = Text(text)
        if self.warning:  # the store is unreachable: said here until it answers again
            shown.append("\n" + self.warning, style="bold red")
        self.query_one(BallotEntry).locked = self.unsent is not None or not self.signed_in
        self.query_one("#station-status", Static).update(shown)
        self.query_one("#station-scan", Input).placeholder = self.tr("station.scan")

    def on_state_changed(self, message: StateChanged) -> None:
        entry = self.query_one(BallotEntry)
        persons = [(p.name, p.position) for p in self.books.persons]
        if persons != entry.persons:
            entry.set_persons(persons)
        if entry.lang != self.lang:  # Ctrl+L: the column labels and row captions follow
            entry.set_language(self.level_labels(), self.lang)
        self.tell_decisions()
        self.render_status()

    def tell_decisions(self) -> None:
        """Say, in words, each head's decision (resolution, correction) on a ballot of this station's batches."""
        from session.counting import MismatchResolved
        from session.events import BallotCorrected

        s = self.service.state
        resolved, corrections, seq = self._told
        if (len(s.resolved), s.corrections) == (resolved, corrections):
            self._told = (resolved, corrections, s.seq)
            return
        self._told = (len(s.resolved), s.corrections, s.seq)
        mine = {b for b, stations in s.batches.items() if self.station in stations}
        for record in self.service.store.load(self.service.session_id, after=seq):  # only when a decision came in
            e = record.event
            if isinstance(e, (MismatchResolved, BallotCorrected)) and e.batch in mine:
                how = self.tr("station.how.resolved" if isinstance(e, MismatchResolved) else "station.how.corrected")
                self.notify(self.tr("station.decided", batch=e.batch or "-", position=e.position,
                                    who=name_of(s, e.confirmed_by), how=how, words=self.in_words(e.marks, e.invalid_reason)),
                            timeout=12)

    def in_words(self, marks: str | None, reason: str | None) -> str:
        """A ballot's content as the paper reads: each person's mark by its level's name, not its digit."""
        s = self.service.state
        if marks is None:
            label = s.pack.reason(reason)
            return self.tr("station.whole_invalid", reason=label.vi if self.lang == "vi" else label.en)
        levels = self.level_labels()
        words = [self.tr(f"station.mark.{m}") if m in "0x-" else levels[int(m) - 1] for m in marks]
        return "; ".join(f"{p.name}: {w}" for p, w in zip(self.books.persons, words, strict=False))

    # --- scans and batches --------------------------------------------------------------------

    @on(Input.Submitted, "#station-scan")
    def scanned_in_input(self, event: Input.Submitted) -> None:
        event.input.value = ""
        if not event.value.strip() and self.batch is not None:
            self.query_one(BallotEntry).focus()  # check-off by key: the next ballot is taken up
            return
        self.take_scan(event.value)

    def on_ballot_entry_scanned(self, message: BallotEntry.Scanned) -> None:
        self.take_scan(message.text)

    def take_scan(self, text: str) -> None:
        """Act on a scanned or typed payload: open a batch, check a ballot off, or refuse a foreign one."""
        scan = read_scan(self.service.state, text, self.books)
        if scan.kind == "batch":
            self.open_batch(scan.value, scan.form)
        elif scan.kind == "bad":
            self.notify(self.tr(scan.value), severity="error")
        elif self.batch is None:
            self.notify(self.tr("station.no_batch"), severity="warning")
        elif scan.kind == "ballot":
            self.notify(self.tr("station.checked", position=self.next_position(), batch=self.batch or "-"), timeout=2)
            self.query_one(BallotEntry).focus()
        else:
            self.confirm_foreign(scan.value)

    def open_batch(self, code: str, form: str = "") -> None:
        """Take up batch ``code`` of ``form`` (recorded once; reopening one's own batch after a restart writes nothing)."""
        books = self.service.state.book(form)
        if books is not None and self.station in books.batches.get(code, ()):
            self._take_batch(code, form)
        else:
            self.dispatch(OpenBatch(code, self.station, form), then=lambda: self._take_batch(code, form))

    def _take_batch(self, code: str, form: str = "") -> None:
        """Batch ``code`` of ``form`` is this station's: enter its ballots (the form's persons)."""
        self.batch, self.form = code, form
        entry = self.query_one(BallotEntry)
        persons = [(p.name, p.position) for p in self.books.persons]
        if persons != entry.persons:
            entry.set_persons(persons)
        entry.clear()
        entry.focus()
        self.render_status()

    def confirm_foreign(self, reason: str) -> None:
        """A ballot of another session or form: counted invalid only if the team confirms."""
        label = self.service.state.pack.reason(reason)
        text = self.tr("station.foreign", reason=label.vi if self.lang == "vi" else label.en)
        self.notify(text, severity="error")

        def done(yes: bool | None) -> None:
            if yes:
                self.record(None, reason)  # the head confirms it with the head's PIN

        self.push_screen(YesNo(self.lang, text), done)

    def action_batch(self) -> None:
        """Go back to the scan field to take up another batch."""
        self.query_one("#station-scan", Input).focus()

    # --- entry --------------------------------------------------------------------------------

    def record(self, marks: str | None, reason: str | None) -> bool:
        """Commit one ballot of the open batch: the only store write of an entry."""
        if self.batch is None:
            self.notify(self.tr("station.no_batch"), severity="warning")
            return False
        batch, position = self.batch, self.next_position()

        def recorded() -> None:  # now, or once an unsent ballot finally goes through: the draft was it
            self.query_one(BallotEntry).clear()
            self.notify(self.tr("station.done", batch=batch or "-", position=position), timeout=2)

        if reason in FOREIGN_REASONS:  # a paper that is not this conference's ballot: the head's decision
            label = self.service.state.pack.reason(reason)
            self.ask_head(label.vi if self.lang == "vi" else label.en, lambda head, pin: self.dispatch_as_head(
                cmd.RecordBallot(None, reason, batch, position, self.station, confirmed_by=head, form=self.form), pin, then=recorded))
            return False
        return self.dispatch(cmd.RecordBallot(marks, reason, batch, position, self.station, form=self.form), then=recorded)

    def on_ballot_entry_committed(self, message: BallotEntry.Committed) -> None:
        self.record(message.marks, None)

    def on_ballot_entry_invalid_asked(self, message: BallotEntry.InvalidAsked) -> None:
        reasons = [(r.key, r.vi if self.lang == "vi" else r.en) for r in self.service.state.pack.invalid_reasons]
        self.push_screen(ReasonPicker(self.lang, self.tr("station.pick_reason"), reasons),
                         lambda key: key and self.record(None, key))

    # --- corrections and mismatches -----------------------------------------------------------

    def action_correct(self) -> None:
        """A recorded correction of a committed ballot, with a reason, confirmed by the head."""
        fields = [(self.tr("station.f.position"), ""), (self.tr("station.f.marks"), ""),
                  (self.tr("station.f.because"), ""), (self.tr("station.f.head"), ""), (self.tr("station.f.head_pin"), "")]

        def done(values: tuple[str, ...] | None) -> None:
            if not values:
                return
            position, content, because, head, pin = values
            marks, reason = _content(content)
            self.dispatch_as_head(cmd.CorrectBallot(int(position) if position.isdigit() else 0, because, marks, reason,
                                                    self.batch or "", head, self.form), pin)

        self.push_screen(FieldsForm(self.lang, self.tr("station.correct"), fields, secret=frozenset({4})), done)

    def action_mismatches(self) -> None:
        """Both entries of every mismatched ballot, side by side; the head resolves them one by one."""
        s, books = self.service.state, self.books
        shown = [(key, books.pending[key]) for key in mismatches(s, books)]
        self.push_screen(MismatchView(self.lang, s, books, shown), self.resolve)

    def action_held(self) -> None:
        """The first ballot the scanner at this station held: its unsure rows' pictures, the marks keyed, recorded."""
        from session.scanning import held_ballots
        from tui.screens.station_held import HeldView
        from tui.wiring import scan_store

        s = self.service.state
        found = held_ballots(s, self.station, self.books)
        if not found:
            self.notify(self.tr("held.none"), timeout=3)
            return
        _, batch, position, held = found[0]
        scans = scan_store(self.service.store)

        def pictures(sha: str) -> bytes | None:
            scan = scans.get(s.session_id, sha)
            return scan.data if scan else None

        def decided(marks: str | None) -> None:
            if marks is not None:
                self.dispatch(cmd.RecordBallot(marks, None, batch, position, self.station, form=self.form, image=held.image),
                              then=lambda: self.notify(self.tr("station.done", batch=batch or "-", position=position), timeout=2))

        self.push_screen(HeldView(self.lang, s, self.books, (batch, position), held, pictures), decided)

    def resolve(self, key: tuple[str, int] | None) -> None:
        """Ask the head's decision on the mismatched ballot ``key`` and record it."""
        if key is None:
            return
        batch, position = key
        fields = [(self.tr("station.f.marks"), ""), (self.tr("station.f.head"), ""), (self.tr("station.f.head_pin"), "")]

        def done(values: tuple[str, ...] | None) -> None:
            if values:
                marks, reason = _content(values[0])
                self.dispatch_as_head(ResolveMismatch(position, batch, marks, reason, values[1], self.form), values[2])

        self.push_screen(FieldsForm(self.lang, self.tr("station.resolve", batch=batch or "-", position=position), fields,
                                    secret=frozenset({2})), done)


def _content(text: str) -> tuple[str | None, str | None]:
    """Marks typed in a form, or ``!reason`` for a whole invalid ballot."""
    return (None, text[1:]) if text.startswith("!") else (text, None)
