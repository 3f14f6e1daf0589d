"""The projector view: read-only and large; only what the hall may see, results only once announced."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from session.agenda import steps_for
from session.log import short_code
from session.state import SessionState
from tui.i18n import t
from tui.screens import strings  # noqa: F401  (registers the screen strings)
from tui.widgets.numbers import BigNumber
from tui.widgets.tally_table import ResultsView


def reached(state: SessionState, step: str) -> bool:
    """Whether the agenda has reached ``step``."""
    order = steps_for(state.pack)
    return order.index(state.step) >= order.index(step)


class ProjectorView(Vertical):
    """Attendance and quorum, the step, counting progress (confirmed entries only), and announced results."""

    DEFAULT_CSS = """
    ProjectorView { height: 1fr; padding: 0 1; }
    ProjectorView #p-numbers { height: auto; align: center top; }
    ProjectorView #p-title, ProjectorView #p-step, ProjectorView #p-wait { width: 100%; text-align: center; }
    ProjectorView #p-title { text-wrap: nowrap; text-overflow: ellipsis; }
    ProjectorView BigNumber { padding: 0 1; }
    ProjectorView #p-step { text-style: bold; color: $accent; padding: 0 0 1 0; }
    ProjectorView #p-code { dock: bottom; width: 100%; text-align: right; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="p-title")
        yield Static(id="p-step")
        with Horizontal(id="p-numbers"):
            yield BigNumber(id="p-present")
            yield BigNumber(id="p-issued")
            yield BigNumber(id="p-returned")
            yield BigNumber(id="p-entered")
        yield Static(id="p-wait")
        yield ResultsView(live=False, id="p-results")
        yield Static(id="p-code")

    def show(self, state: SessionState, lang: str) -> None:
        """Draw ``state``; the tally only ever holds confirmed entries, and results wait for the announcement."""
        self.query_one("#p-title", Static).update(Text(state.conference.title, style="bold"))
        self.query_one("#p-step", Static).update(t(f"step.{state.step}", lang).upper())
        need = state.pack.quorum_need(state.convened)
        present = self.query_one("#p-present", BigNumber)
        present.set(str(len(state.present)), f"{t('proj.present', lang)} {t('proj.convened', lang, n=state.convened, need=need)}")
        issued = self.query_one("#p-issued", BigNumber)
        issued.display = reached(state, "issuing")
        issued.set(str(state.issued), t("proj.issued", lang))
        returned = self.query_one("#p-returned", BigNumber)
        returned.display = state.returned is not None
        returned.set(str(state.returned or 0), t("proj.returned", lang))
        entered = self.query_one("#p-entered", BigNumber)
        entered.display = reached(state, "counting")
        entered.set(str(state.entered), f"{t('proj.entered', lang)} {t('proj.invalid', lang, n=state.tally.invalid)}")
        announced = state.announced_at is not None
        # Once announced the results need the room (their books line carries the same numbers) unless the screen is tall.
        self.query_one("#p-numbers").display = not announced or self.size.height >= 40
        wait = self.query_one("#p-wait", Static)
        wait.display = reached(state, "counting") and not announced
        wait.update(t("proj.waiting", lang))
        results = self.query_one("#p-results", ResultsView)
        results.display = announced
        if announced:
            results.show(state, lang)
        self.query_one("#p-code", Static).update(f"{t('chair.digest', lang)} {short_code(state.head_hash)}")


def projector_bindings(lang: str, inside_console: bool) -> list[Binding]:
    """The projector's keys: back to the console (when inside it), the QR code, the language."""
    keys = [Binding("q", "app.show_qr", t("key.qr", lang)), Binding("ctrl+l", "app.toggle_lang", t("key.lang", lang))]
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
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_state()

    async def show_state(self) -> None:
        """Redraw from the service's state."""
        lang = self.app.lang
        if lang != self._lang:
            self._lang = lang
            self._bindings = BindingsMap(projector_bindings(lang, self.inside_console))
            self.refresh_bindings()
        self.query_one(ProjectorView).show(self.app.service.state, lang)
