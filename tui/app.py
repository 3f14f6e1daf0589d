"""The chair console and the projector view as Textual apps on the shared SessionApp base."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from textual.app import SystemCommand
from textual.screen import Screen

from session.commands import Command
from session.errors import SessionError
from session.events import CHAIR, Actor
from session.service import SessionService
from tui.base import PROJECTOR_THEME, SessionApp, StateChanged
from tui.i18n import t
from tui.screens import chair_paper
from tui.screens.chair import AGENDA_KEYS, ChairScreen, palette_title


class LiveApp(SessionApp):
    """Redraws every open screen when the state changes; the QR code, the theme and the palette."""

    CSS_PATH = "app.tcss"
    TITLE = "tinnhiem"

    def __init__(self, service: SessionService, lang: str = "vi", actor: Actor = CHAIR, follow: bool = True,
                 theme: str | None = None):
        super().__init__(service, lang=lang, actor=actor, follow=follow)
        self._start_theme = theme

    def on_mount(self) -> None:
        self.register_theme(PROJECTOR_THEME)
        if self._start_theme:
            self.theme = self._start_theme
        self.title = self.service.state.conference.title
        self.sub_title = self.service.state.conference.body

    async def on_state_changed(self, message: StateChanged) -> None:
        for screen in self.screen_stack:
            show = getattr(screen, "show_state", None)
            if show is not None:
                await show()

    def action_show_qr(self) -> None:
        """Show the log's head digest as a QR code."""
        from session.log import short_code
        from tui.screens.dialogs import QrDialog

        state = self.service.state
        # Upper case keeps the code in QR's alphanumeric mode: a smaller code that fits 24 rows.
        data = f"TINNHIEM:{state.session_id}:{state.seq}:{state.head_hash}".upper()
        self.push_screen(QrDialog(self.lang, t("dlg.qr", self.lang, code=short_code(state.head_hash)), data))

    def action_projector_theme(self) -> None:
        """Switch the high-contrast projector theme on or off."""
        self.theme = "textual-dark" if self.theme == "projector" else "projector"

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        lang = self.lang
        if isinstance(screen, ChairScreen):
            for key in AGENDA_KEYS:
                if screen.check_action("agenda", (key.name,)):
                    yield SystemCommand(palette_title(key, lang), t("palette.help", lang, k=key.key),
                                        partial(screen.action_agenda, key.name))
            yield from self.paper_commands()
            yield from self.pin_reset_commands()
        yield SystemCommand(t("palette.lang", lang), t("palette.help", lang, k="ctrl+l"), self.action_toggle_lang)
        if any(isinstance(s, ChairScreen) for s in self.screen_stack):
            yield SystemCommand(t("palette.projector", lang), t("palette.help", lang, k="m"), self.action_toggle_projector)
        yield SystemCommand(t("palette.theme", lang), "projector", self.action_projector_theme)
        yield SystemCommand(t("palette.themes", lang), "Textual", self.action_change_theme)
        yield SystemCommand(t("palette.qr", lang), t("palette.help", lang, k="q"), self.action_show_qr)
        yield SystemCommand(t("palette.quit", lang), t("palette.help", lang, k="ctrl+q"), self.action_quit)

    def paper_commands(self) -> Iterable[SystemCommand]:
        """Documents the palette offers beside the agenda's commands: none unless this is the chair's console."""
        return ()

    def pin_reset_commands(self) -> Iterable[SystemCommand]:
        """The chair's PIN resets, one per counting-team member: none unless this is the chair's console."""
        return ()

    def action_toggle_projector(self) -> None:
        """Views have no mode switch unless a console lies under them."""


class ChairApp(LiveApp):
    """The chair console; ``m`` shows the projector view over it for a single-screen setup."""

    def __init__(self, service: SessionService, lang: str = "vi", actor: Actor = CHAIR, follow: bool = True,
                 theme: str | None = None, read_only: SessionError | None = None):
        super().__init__(service, lang=lang, actor=actor, follow=follow, theme=theme)
        self.read_only = read_only
        """Why this console may only watch (another console holds the chair), or None."""

    def get_default_screen(self) -> Screen:
        # The console is the bottom screen itself: no empty screen is built and painted before it.
        return ChairScreen()

    def on_mount(self) -> None:
        if self.read_only is not None:
            self.notify(self.read_only.message(self.lang), severity="warning", timeout=15)

    async def action_quit(self) -> None:
        """Quit, asking first while the session is still open (a stray ctrl+q in front of the hall)."""
        from tui.screens.dialogs import Confirm

        state = self.service.state
        if state.step == "closed":
            self.exit()
            return
        title = t("quit.ask", self.lang, step=t(f"step.{state.step}", self.lang))
        self.push_screen(Confirm(self.lang, title), lambda ok: ok and self.exit())

    def dispatch(self, command: Command, then: Callable[[], None] | None = None) -> bool:
        """Run ``command`` unless another console holds the chair."""
        if self.read_only is not None:
            self.notify(self.read_only.message(self.lang), title=t("ui.refused", self.lang), severity="error")
            return False
        return super().dispatch(command, then)

    def paper_commands(self) -> Iterable[SystemCommand]:
        """The palette's documents for the current step (app commands: they record nothing)."""
        lang = self.lang
        for paper in chair_paper.offered(self.service.state.step, self.service.state.pack.code):
            folder = chair_paper.target(self, paper.what).parent
            help_text = t("paper.palette_help", lang, folder=folder)
            if paper.key:
                help_text += " · " + t("palette.help", lang, k=paper.key)
            yield SystemCommand(t(f"paper.title.{paper.what}", lang), help_text, partial(self.action_paper, paper.what))

    def pin_reset_commands(self) -> Iterable[SystemCommand]:
        """Reset a member's PIN (forgotten, or typed in view): recorded with no secret; their next station action sets a new one."""
        state, lang = self.service.state, self.lang
        if not state.team_approved:
            return
        for member in state.team:
            voter = state.conference.voter(member)
            name = voter.name if voter else member
            yield SystemCommand(t("palette.pin_reset", lang, name=name), t("palette.pin_reset_help", lang),
                                partial(self.action_pin_reset, member))

    def action_pin_reset(self, member: str) -> None:
        """Ask first, then record the reset."""
        from session.trust import ResetPin, name_of
        from tui.screens.dialogs import Confirm

        title = t("dlg.pin_reset", self.lang, name=name_of(self.service.state, member))
        self.push_screen(Confirm(self.lang, title), lambda ok: ok and self.dispatch(ResetPin(member)))

    def action_paper(self, what: str) -> None:
        """Write a document of the session (the cover sheets ask how many batches first)."""
        if what == "covers":
            from tui.screens.dialogs import NumberForm

            self.push_screen(NumberForm(self.lang, t("paper.batches", self.lang), "1"),
                             lambda n: n is not None and chair_paper.start(self, what, batches=n))
        else:
            chair_paper.start(self, what)

    def action_toggle_projector(self) -> None:
        """Switch between the console and the projector view."""
        from tui.screens.projector import ProjectorScreen

        if isinstance(self.screen, ProjectorScreen):
            self.pop_screen()
        else:
            self.push_screen(ProjectorScreen(inside_console=True))


class ProjectorApp(LiveApp):
    """The read-only projector view, following the log that other terminals write."""

    follow_interval = 0.1
    """The hall sees a number change within a fifth of a second: a max(seq) query ten times a second is cheap."""

    def get_default_screen(self) -> Screen:
        from tui.screens.projector import ProjectorScreen

        return ProjectorScreen()
