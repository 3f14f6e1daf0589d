"""Panels that mostly show text: prepared, briefing, instructions, collection, results, sealing, closed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Digits, Static

from session import commands as c
from session.log import short_code
from session.state import SessionState
from tui.i18n import t
from tui.screens.panel_base import StepPanel


def meter(done: int, total: int, width: int = 30) -> str:
    """A text bar ``███░░░`` of ``done`` out of ``total``."""
    filled = width * done // total if total > 0 else 0
    return "█" * filled + "░" * (width - filled)


class PreparedPanel(StepPanel):
    """The launch code, large, to read aloud; then the roll call starts."""

    def compose(self) -> ComposeResult:
        yield Static(id="launch-label")
        yield Digits(id="launch-code")
        yield Static(id="text")

    def draw(self, state: SessionState, lang: str) -> None:
        self.query_one("#launch-label", Static).update(Text(t("chair.launch", lang), style="bold"))
        self.query_one("#launch-code", Digits).update(state.launch_code)
        self.query_one("#text", Static).update(t("panel.prepared", lang, k="n"))


class BriefingPanel(StepPanel):
    """The rule pack's principles: levels, thresholds, denominator, publication and citation."""

    def compose(self) -> ComposeResult:
        yield Static(id="text")

    def draw(self, state: SessionState, lang: str) -> None:
        pack, vi = state.pack, lang == "vi"
        text = Text()
        text.append((pack.title_vi if vi else pack.title_en) + "\n\n", style="bold")
        levels = ", ".join(lv.vi if vi else lv.en for lv in pack.levels)
        text.append(f"{t('panel.levels', lang)}: {levels}\n")
        text.append(t("panel.quorum_rule", lang, frac=f"{pack.quorum_num}/{pack.quorum_den}",
                      need=pack.quorum_need(state.convened), convened=state.convened) + "\n")
        text.append(f"{t('panel.denominator', lang)}: {t('basis.' + pack.denominator, lang)}\n\n")
        text.append(t("panel.thresholds", lang) + "\n", style="bold")
        from tui.widgets.tally_table import level_label

        banded = level_label(state, pack.banded_level, lang)
        for band in pack.bands:
            rel = t("panel.rel_strict" if band.strict else "panel.rel_inclusive", lang, frac=f"{band.num}/{band.den}")
            consequence = f"{band.consequence(lang)} ({band.article})"
            text.append(" • " + t("panel.band", lang, label=banded, rel=rel, text=consequence) + "\n")
        text.append("\n" + pack.principles(lang) + "\n\n")
        text.append(t("panel.instructions_voters", lang) + "\n", style="bold")
        text.append(pack.instructions(lang) + "\n\n")
        for key, notes in (("panel.excluded", [x.notice.message(lang) for x in state.conference.exclusions]),
                           ("panel.unconfirmed", [u.text(lang) for u in pack.unconfirmed])):
            if notes:
                text.append(t(key, lang) + "\n", style="bold")
                text.append("".join(f" • {note}\n" for note in notes) + "\n")
        text.append(t("panel.publication", lang) + "\n", style="bold")
        text.append(t("panel.publication_text", lang) + "\n\n")
        text.append(f"{t('panel.citation', lang)}: ", style="bold")
        text.append(pack.citation, style="italic")
        self.query_one("#text", Static).update(text)


class InstructionsPanel(StepPanel):
    """What the chair tells the counting team to do."""

    def compose(self) -> ComposeResult:
        yield Static(id="text")

    def draw(self, state: SessionState, lang: str) -> None:
        head = self.voter_name(state.team_head) if state.team_head else "—"
        names = ", ".join(self.voter_name(m) for m in state.team)
        self.query_one("#text", Static).update(
            t("panel.team_proposed", lang, members=names, head=head) + "\n\n" + t("panel.instructions", lang))


def entry_mode_line(state: SessionState, lang: str) -> str:
    """Which entry mode the stations use."""
    mode = t("entry_mode.double" if state.double_entry else "entry_mode.single", lang)
    return t("panel.entry_mode", lang, mode=mode, k="g")


def ask_entry_mode(panel: StepPanel) -> None:
    """Let the chair pick single or blind double entry."""
    from session.counting import SetEntryMode
    from tui.screens.dialogs import ChoiceForm

    lang = panel.lang
    options = [("single", t("entry_mode.single", lang)), ("double", t("entry_mode.double", lang))]
    panel.app.push_screen(ChoiceForm(lang, t("dlg.entry_mode", lang), options),
                          lambda mode: mode is not None and panel.ask(SetEntryMode(mode == "double")))


class VotingPanel(StepPanel):
    """Filling in and collection: the number returned is entered once, irreversibly."""

    def compose(self) -> ComposeResult:
        yield Static(id="text")

    def draw(self, state: SessionState, lang: str) -> None:
        lines = [t("panel.collect", lang, issued=state.issued, k="r"), entry_mode_line(state, lang)]
        if state.returned is not None:
            lines.append(t("panel.returned_is", lang, n=state.returned))
        self.query_one("#text", Static).update("\n\n".join(lines))

    def run(self, name: str) -> None:
        if name == "entry-mode":
            ask_entry_mode(self)
        if name == "return" and self.state is not None:
            from tui.screens.dialogs import NumberForm

            title = t("dlg.return", self.lang, issued=self.state.issued)
            self.app.push_screen(NumberForm(self.lang, title, str(self.state.issued), final=True),
                                 lambda n: n is not None and self.ask(c.RecordReturned(n)))


class ResultsPanel(StepPanel):
    """The results table on the console, before and after the announcement."""

    HINT = "panel.announce_hint"
    """The line above the table."""

    def compose(self) -> ComposeResult:
        from tui.widgets.tally_table import ResultsView

        yield Static(id="text")
        yield ResultsView()

    def draw(self, state: SessionState, lang: str) -> None:
        self.query_one("#text", Static).update(Text(self.hint(state, lang), style="bold"))

    def hint(self, state: SessionState, lang: str) -> str:
        """What the chair does next here."""
        return t("panel.announce_hint", lang, k="c")

    def run(self, name: str) -> None:
        if name == "announce":
            from tui.screens.dialogs import Confirm

            self.app.push_screen(Confirm(self.lang, t("dlg.announce", self.lang)), lambda ok: ok and self.ask(c.AnnounceResults()))


class SealingPanel(ResultsPanel):
    """The hand-over form: who receives the sealed ballots and the minutes."""

    def hint(self, state: SessionState, lang: str) -> str:
        from session.results import results
        from session.showing import position

        persons = results(state)["persons"]
        at = position(tuple(p["id"] for p in persons), state.shown)
        if at is None or len(persons) < 2:
            showing = t("panel.showing_all", lang, n=len(persons))
        else:
            showing = t("panel.showing_one", lang, i=at, n=len(persons), name=persons[at - 1]["name"])
        return t("panel.seal_form", lang, k="s") + "\n" + showing

    def run(self, name: str) -> None:
        if name == "seal":
            from tui.screens.dialogs import TextForm

            form = TextForm(self.lang, t("dlg.seal", self.lang), t("dlg.seal_default", self.lang), final=True)
            self.app.push_screen(form, lambda to: to is not None and self.ask(c.SealBallots(to)))


class ClosedPanel(ResultsPanel):
    """The end: who received the ballots, what was written and where, how to quit, and the results."""

    def hint(self, state: SessionState, lang: str) -> str:
        from tui.screens.chair_paper import PAPER_KEYS, target

        service = self.app.service  # type: ignore[attr-defined]
        db = getattr(service.store, "db", None) or t("panel.closed_memory", lang)
        lines = [t("panel.sealed_to", lang, to=state.sealed_to or "—"),
                 t("panel.closed", lang, n=state.seq, code=short_code(state.head_hash), db=db)]
        # The documents of this session already on disk, each by its full path; those not yet written by their key.
        written = [(k, target(self.app, k.what)) for k in PAPER_KEYS]
        lines += [t("panel.closed_file", lang, path=path) for _, path in written if path.exists()]
        lines += [t("panel.closed_write", lang, k=k.key, what=t(f"paper.key.{k.what}", lang))
                  for k, path in written if k.key and "closed" in k.steps and not path.exists()]
        return "\n".join([*lines, t("panel.quit_hint", lang)])
