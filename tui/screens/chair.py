"""The chair console: the agenda down the side, the current step's panel, and keys from the agenda table."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from session import commands as c
from session.agenda import EXITS, allowed, exit_failure
from session.log import short_code
from tui.i18n import t
from tui.screens import strings  # noqa: F401  (registers the screen strings)
from tui.screens.chair_latecomers import ask_latecomer, leave_issuing
from tui.screens.chair_paper import paper_bindings
from tui.screens.panel_base import StepPanel
from tui.widgets.agenda_list import AgendaList
from tui.widgets.footer import KeysFooter
from tui.widgets.live import LIVE


@dataclass(frozen=True)
class AgendaKey:
    """A key that asks for one action of the agenda table (only offered while the table allows it)."""

    key: str
    """The key pressed."""
    name: str
    """What the panel is asked to do (an action, or a variant such as ``issue_all``)."""
    action: str
    """The agenda table's action it performs."""


AGENDA_KEYS = (
    AgendaKey("n", "next", "next"),
    AgendaKey("p", "present", "present"),
    AgendaKey("x", "absent", "absent"),
    AgendaKey("t", "team propose", "team propose"),
    AgendaKey("b", "team approve", "team approve"),
    AgendaKey("d", "nominees", "nominees"),
    AgendaKey("i", "issue", "issue"),
    AgendaKey("a", "issue_all", "issue"),
    AgendaKey("h", "spoil", "spoil"),
    AgendaKey("g", "entry-mode", "entry-mode"),
    AgendaKey("o", "batch", "batch"),
    AgendaKey("l", "resolve", "resolve"),
    AgendaKey("r", "return", "return"),
    AgendaKey("e", "ballot", "ballot"),
    AgendaKey("c", "correct", "correct"),
    AgendaKey("k", "sign", "sign"),
    AgendaKey("c", "announce", "announce"),
    AgendaKey("s", "seal", "seal"),
)
"""Every agenda key; keys may repeat across steps because only the current step's actions are enabled."""

ACTION_OF = {k.name: k.action for k in AGENDA_KEYS}
"""Agenda key name → the table's action."""

PANELS: dict[str, str] = {
    "prepared": "panels_text.PreparedPanel", "roll_call": "panels_pick.RollCallPanel",
    "briefing": "panels_text.BriefingPanel", "counting_team": "panels_pick.TeamPanel",
    "team_instructions": "panels_text.InstructionsPanel", "nominees": "panels_pick.NomineesPanel",
    "issuing": "panels_pick.IssuingPanel", "voting": "panels_text.VotingPanel", "counting": "panel_counting.CountingPanel",
    "minutes": "panels_pick.MinutesPanel", "announcing": "panels_text.ResultsPanel", "sealing": "panels_text.SealingPanel",
    "closed": "panels_text.ClosedPanel",
}
"""Step → its panel as ``module.Class`` under tui.screens: imported when the step is shown, since the first
paint needs only the current step's panel (the panels and their dialogs are a large part of the start-up)."""


def panel_for(step: str) -> StepPanel:
    """A new panel for ``step``."""
    module, name = PANELS[step].split(".")
    return getattr(import_module(f"tui.screens.{module}"), name)()


RESULT_STEPS = frozenset({"announcing", "sealing", "closed"})
"""Steps whose panel is the results table."""


def key_label(key: AgendaKey, lang: str) -> str:
    """The short footer label of an agenda key."""
    return t(f"key.{key.name}", lang)


def palette_title(key: AgendaKey, lang: str) -> str:
    """The command palette's title of an agenda key: the action's full label (and the variant's)."""
    title = t(f"action.{key.action}", lang)
    return title if key.name == key.action else f"{title}: {key_label(key, lang)}"


def chair_bindings(lang: str, step: str) -> list[Binding]:
    """The console's bindings in ``lang`` at ``step``: every agenda key, the document keys, then the view keys."""
    agenda = [Binding(k.key, f"agenda('{k.name}')", key_label(k, lang)) for k in AGENDA_KEYS]
    # The hall's projector follows these through the log; priority, since the results table would scroll on ← →.
    hall = step == "sealing"
    reveal = [Binding("right,space", "reveal(1)", t("key.reveal_next", lang), show=hall, priority=True),
              Binding("left", "reveal(-1)", t("key.reveal_back", lang), show=hall, priority=True),
              Binding("asterisk", "reveal(None)", t("key.reveal_all", lang), show=hall, priority=True)]
    return agenda + reveal + paper_bindings(lang, step) + [
        # Shown in the status line instead, so the footer keeps room for the agenda's keys at 80 columns.
        Binding("m", "app.toggle_projector", t("key.projector", lang), show=False),
        Binding("q", "app.show_qr", t("key.qr", lang), show=False),
        Binding("ctrl+l", "app.toggle_lang", t("key.lang", lang), show=False),
        # A screen's own bindings are replaced here, Tab among them: between the agenda, the grid and its list.
        Binding("tab", "app.focus_next", show=False),
        Binding("shift+tab", "app.focus_previous", show=False),
    ]


class ChairScreen(Screen):
    """Renders the state; agenda keys become commands; the step's panel is swapped when the step changes."""

    def __init__(self) -> None:
        super().__init__()
        self._keys_for = ("", "")
        self._panel_step = ""

    def compose(self) -> ComposeResult:
        self.set_keys()  # before the footer is built, so that its first keys are already the right ones
        yield Header(show_clock=False)
        with Horizontal(id="body"):
            with VerticalScroll(id="side"):
                yield AgendaList()
            with Vertical(id="main"):
                yield Static(id="step-title")
                yield Static(id="numbers")
                yield Static(id="guard")
                # The current step's panel is built with the screen, not mounted after it: one layout, not two.
                self._panel_step = self.app.service.state.step
                yield panel_for(self._panel_step)
        yield Static(id="status")
        yield KeysFooter()

    async def on_mount(self) -> None:
        await self.show_state()

    @property
    def panel(self) -> StepPanel | None:
        """The current step's panel."""
        return next(iter(self.query(StepPanel)), None)

    async def show_state(self) -> None:
        """Redraw everything from the service's state (and swap the panel if the step changed)."""
        state, lang = self.app.service.state, self.app.lang
        self.set_keys()
        if state.step != self._panel_step:
            self._panel_step = state.step
            old = self.panel
            if old is not None:
                await old.remove()
            await self.query_one("#main", Vertical).mount(panel_for(state.step))
        self.query_one("#step-title", Static).update(Text(t(f"step.{state.step}", lang), style="bold"))
        self.fit_side()
        self.query_one("#numbers", Static).update(numbers_text(state, lang))
        self.query_one("#guard", Static).update(guard_text(state, lang))
        warning = self.app.warning  # a store that cannot be reached is said where the digest usually is
        self.query_one("#status", Static).update(Text(" " + warning, style="bold red") if warning else status_text(state, lang))
        for widget in self.query(f".{LIVE}"):
            widget.show(state, lang)  # type: ignore[attr-defined]
        self.refresh_bindings()

    def set_keys(self) -> None:
        """The screen's bindings: labels follow the language; document keys show at their steps."""
        lang, step = self.app.lang, self.app.service.state.step
        if (lang, step) != self._keys_for:
            self._keys_for = (lang, step)
            self._bindings = BindingsMap(chair_bindings(lang, step))

    def fit_side(self) -> None:
        """On a narrow terminal the results table needs the agenda's room: the side keeps marks and short names."""
        narrow = self.size.width < 100 and self.app.service.state.step in RESULT_STEPS
        self.query_one("#side").set_class(narrow, "narrow")

    def on_resize(self) -> None:
        self.fit_side()  # nothing else on the screen depends on its size

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Agenda keys are offered only while the agenda table allows their action now; the projector's between
        the announcement and the sealing."""
        state = self.app.service.state
        if action == "reveal":
            return state.step == "sealing"
        if action != "agenda":
            return True
        return ACTION_OF.get(str(parameters[0]), "") in allowed(state.step, state.pack)

    async def action_agenda(self, name: str) -> None:
        """Leave the step, or let the panel ask what the action needs (a pick, a number, a confirmation)."""
        state = self.app.service.state
        if state.step != self._panel_step:  # a key pressed before the redraw reaches the new step's panel
            await self.show_state()
        if name == "next" and state.step == "issuing":
            leave_issuing(self, state, self.app.lang)
        elif name == "next" and state.step != "counting":
            self.app.dispatch(c.Advance())
        elif name == "present" and state.step != "roll_call":
            ask_latecomer(self, state, self.app.lang)
        elif self.panel is not None:
            self.panel.run(name)

    def action_reveal(self, step: int | None) -> None:
        """The next or previous person's results on the hall's projector, or everyone's."""
        from tui.screens.projector import show_command

        self.app.dispatch(show_command(self.app.service.state, step))

    def on_step_panel_ask(self, message: StepPanel.Ask) -> None:
        if message.head_pin is not None:
            self.app.dispatch_as_head(message.command, message.head_pin)
        else:
            self.app.dispatch(message.command)

    def offered_actions(self) -> set[str]:
        """The agenda actions the keys offer now."""
        return {ACTION_OF[k.name] for k in AGENDA_KEYS if self.check_action("agenda", (k.name,))}


def numbers_text(state, lang: str) -> Text:
    """The books in one line: present, issued, returned, entered (what the hall's big numbers show)."""
    text = Text()
    parts = [("proj.present", f"{len(state.present)}/{state.convened}"), ("proj.issued", state.issued),
             ("proj.returned", "—" if state.returned is None else state.returned), ("proj.entered", state.entered)]
    for index, (key, value) in enumerate(parts):
        text.append((" · " if index else "") + t(key, lang) + " ")
        text.append(str(value), style="bold")
    return text


def guard_text(state, lang: str) -> Text:
    """Why the step cannot be left yet, or that it can."""
    if state.step not in EXITS:
        return Text("")
    failure = exit_failure(state)
    if failure is None:
        return Text(t("chair.guard_ok", lang), style="green")
    return Text(t("chair.guard_wait", lang, reason=t(failure[0], lang, **failure[1])), style="yellow")


def status_text(state, lang: str) -> Text:
    """The launch code and the log's head digest as a short code, always visible."""
    text = Text(f" {t('chair.launch', lang)}: ", style="bold")
    text.append(state.launch_code)
    text.append(f"  ·  {t('chair.digest', lang)}: ", style="bold")
    text.append(short_code(state.head_hash), style="bold")
    text.append(f" ({state.seq} {t('chair.events', lang)})  ·  ")
    text.append(t("chair.view_keys", lang), style="dim")
    return text
