"""The projector view for a hall: read-only and large; only what the hall may see, results only once announced.

Before the announcement: the attendance and the counting's progress as figures that grow with the screen.
After it: the results, one person at a time (Space or → shows the next, ← the one before) or all at once
(``a``): the chair's keys, recorded (``session.showing``) so that a projector in another process or a browser
follows them; a projector's own keys change only what it shows. No footer, no key hints, no toasts: the heading says what is shown; ``?`` lists the keys.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Grid, Vertical
from textual.screen import Screen
from textual.widgets import Static

from session.agenda import steps_for
from session.log import short_code
from session.results import results
from session.showing import ShowResults, ballot_order, position, stepped
from session.state import SessionState
from tui.i18n import register, t
from tui.screens import strings  # noqa: F401  (registers the screen strings)
from tui.widgets.hall_results import Figure, PersonFigures, results_table

register({
    "hall.attendance": ("ĐIỂM DANH: SỐ NGƯỜI CÓ MẶT", "ROLL CALL: PRESENT"),
    "hall.books": ("{step}: SỐ PHIẾU", "{step}: BALLOTS"),
    "hall.waiting": ("KIỂM PHIẾU: ĐÃ KIỂM {entered}/{returned} PHIẾU — KẾT QUẢ SẼ CÔNG BỐ SAU",
                     "COUNTING: {entered}/{returned} BALLOTS COUNTED — RESULTS TO BE ANNOUNCED"),
    "hall.waiting_forms": ("KIỂM PHIẾU: {forms} — KẾT QUẢ SẼ CÔNG BỐ SAU", "COUNTING: {forms} — RESULTS TO BE ANNOUNCED"),
    "hall.form_progress": ("{form} {entered}/{returned}", "{form} {entered}/{returned}"),
    "hall.one": ("KẾT QUẢ LẤY PHIẾU: NGƯỜI THỨ {i}/{n}", "RESULTS: PERSON {i} OF {n}"),
    "hall.all": ("KẾT QUẢ LẤY PHIẾU: {n} NGƯỜI", "RESULTS: {n} PERSONS"),
    "hall.ballots": ("{n} phiếu", "{n} ballots"),
    "hall.need": ("triệu tập {n} · cần {need}", "{n} convened · {need} needed"),
    "hall.invalid": ("{n} phiếu không hợp lệ", "{n} invalid"),
})


def reached(state: SessionState, step: str) -> bool:
    """Whether the agenda has reached ``step``."""
    order = steps_for(state.pack)
    return order.index(state.step) >= order.index(step)


class ProjectorView(Vertical):
    """The heading, then the attendance and counting figures, or the announced results."""

    DEFAULT_CSS = """
    ProjectorView { height: 1fr; padding: 0 1; }
    ProjectorView #p-title { width: 100%; text-align: center; color: $text-muted; }
    ProjectorView #p-heading { width: 100%; text-align: center; text-style: bold; color: $accent; }
    ProjectorView #p-numbers { height: 1fr; grid-size: 2; }
    ProjectorView #p-numbers.one { grid-size: 1; }
    ProjectorView #p-numbers.wide { grid-size: 4; }
    ProjectorView #p-table { height: auto; }
    ProjectorView #p-code { height: 1; width: 100%; text-align: right; color: $text-muted; }
    """

    shown: tuple[str, ...] | None = None
    """The persons on the screen: one, or everyone (None: the first, until the chair's key says otherwise)."""
    _followed: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="p-title")
        yield Static(id="p-heading")
        with Grid(id="p-numbers"):
            for name in ("present", "issued", "returned", "entered"):
                yield Figure(id=f"p-{name}")
        yield PersonFigures(id="p-person")
        yield Static(id="p-table")
        yield Static(id="p-code")

    def show(self, state: SessionState, lang: str) -> None:
        """Draw ``state``; the tally only ever holds confirmed entries, and results wait for the announcement."""
        self._shown = (state, lang)
        if state.shown != self._followed:  # the chair's key, through the log: it overrides a key pressed here
            self._followed = self.shown = state.shown
        self.query_one("#p-title", Static).update(Text(state.conference.title, overflow="fold"))
        announced = state.announced_at is not None
        self.query_one("#p-numbers").display = not announced
        self.query_one("#p-person").display = self.query_one("#p-table").display = announced
        if announced:
            self._results(state, lang)
        else:
            self._figures(state, lang)
        self.query_one("#p-code", Static).update(f"{t('chair.digest', lang)} {short_code(state.head_hash)}")

    def _figures(self, state: SessionState, lang: str) -> None:
        need = state.pack.quorum_need(state.convened)
        # With several forms the big figures add every form's ballots; the heading gives each form's progress.
        books = list(state.books.values())
        issued, entered = sum(b.issued for b in books), sum(b.entered for b in books)
        closed = all(b.returned is not None for b in books)
        returned = sum(b.returned or 0 for b in books)
        figures = [("present", t("proj.present", lang), f"{len(state.present)}/{state.convened}",
                    t("hall.need", lang, n=state.convened, need=need), True),
                   ("issued", t("proj.issued", lang), str(issued), "", reached(state, "issuing")),
                   ("returned", t("proj.returned", lang), str(returned), "", closed),
                   ("entered", t("proj.entered", lang), str(entered),
                    t("hall.invalid", lang, n=sum(b.tally.invalid for b in books)), reached(state, "counting"))]
        shown = 0
        for name, caption, value, under, visible in figures:
            figure = self.query_one(f"#p-{name}", Figure)
            figure.display = visible
            shown += visible
            figure.set(caption, value, under)
        grid = self.query_one("#p-numbers")
        grid.set_class(shown == 1, "one")
        grid.set_class(shown > 2 and self.size.width >= 120, "wide")
        if reached(state, "counting") and state.several_forms:
            forms = " · ".join(t("hall.form_progress", lang, form=(b.form.title or b.id).upper(), entered=b.entered,
                                 returned=b.returned or 0) for b in books)
            heading = t("hall.waiting_forms", lang, forms=forms)
        elif reached(state, "counting"):
            heading = t("hall.waiting", lang, entered=state.entered, returned=state.returned or 0)
        elif shown == 1:
            heading = t("hall.attendance", lang)
        else:
            heading = t("hall.books", lang, step=t(f"step.{state.step}", lang).upper())
        self.query_one("#p-heading", Static).update(heading)

    def _results(self, state: SessionState, lang: str) -> None:
        data = results(state)
        n = len(data["persons"])
        revealed = position(tuple(p["id"] for p in data["persons"]), self.shown)
        one = revealed is not None and n > 1
        heading = t("hall.one", lang, i=revealed, n=n) if one else t("hall.all", lang, n=n)
        self.query_one("#p-heading", Static).update(heading)
        person = self.query_one("#p-person", PersonFigures)
        person.display = one or n == 1
        if person.display:
            person.show(state, data["persons"][(revealed or 1) - 1], lang)
        table = self.query_one("#p-table", Static)
        # One at a time, the table under the big figures holds those shown before; all at once, everyone.
        earlier = (revealed or 1) - 1 if one else n
        table.display = earlier > 0 and n > 1
        table.update(results_table(state, data, lang, earlier))

    def reveal(self, step: int | None) -> None:
        """Show the next (+1) or previous (-1) person, or everyone (None), here only."""
        state, lang = self._shown
        self.shown = stepped(ballot_order(state), self.shown, step)
        self.show(state, lang)

    def on_resize(self) -> None:
        if getattr(self, "_shown", None) is not None:
            self.show(*self._shown)


def show_command(state: SessionState, step: int | None) -> ShowResults:
    """The chair's key for the hall's projector: the next (+1) or previous (-1) person, or everyone (None)."""
    return ShowResults(stepped(ballot_order(state), state.shown, step))


def projector_bindings(lang: str, inside_console: bool) -> list[Binding]:
    """The projector's keys: revealing the results, back to the console (when inside it), the QR code, the language."""
    keys = [Binding("space,right", "reveal(1)", t("key.reveal_next", lang)),
            Binding("left", "reveal(-1)", t("key.reveal_back", lang)),
            Binding("a", "reveal_all", t("key.reveal_all", lang)),
            Binding("q", "app.show_qr", t("key.qr", lang)), Binding("ctrl+l", "app.toggle_lang", t("key.lang", lang))]
    if inside_console:
        keys.insert(0, Binding("m,escape", "app.toggle_projector", t("key.back", lang)))
    return keys


class ProjectorScreen(Screen):
    """The projector view as a screen: on its own (``tinnhiem project``) or over the console (one key)."""

    def __init__(self, inside_console: bool = False) -> None:
        super().__init__()
        self.inside_console = inside_console
        """Whether the console lies under it (then ``m`` goes back)."""
        self._lang = ""

    def compose(self) -> ComposeResult:
        yield ProjectorView()

    async def on_mount(self) -> None:
        # The chair's messages (refusals, file paths) are not for the hall: without a rack, none is shown here.
        await self.query("#textual-toastrack").remove()
        await self.show_state()

    async def show_state(self) -> None:
        """Redraw from the service's state."""
        lang = self.app.lang
        if lang != self._lang:
            self._lang = lang
            self._bindings = BindingsMap(projector_bindings(lang, self.inside_console))
            self.refresh_bindings()
        self.query_one(ProjectorView).show(self.app.service.state, lang)

    def action_reveal(self, step: int) -> None:
        """The next or previous person's results."""
        self._reveal(step)

    def action_reveal_all(self) -> None:
        """Everyone's results at once."""
        self._reveal(None)

    def _reveal(self, step: int | None) -> None:
        # Over the console these are the chair's keys: recorded, so a projector in another process shows the same.
        # A projector on its own only follows the log; its keys change what it shows, until the chair's next key.
        state = self.app.service.state
        if state.announced_at is None:
            return
        if self.inside_console and state.step == "sealing":
            self.app.dispatch(show_command(state, step))
        else:
            self.query_one(ProjectorView).reveal(step)
