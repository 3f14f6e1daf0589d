"""Panels where people are checked off: roll call, counting team, nominees, issuing and signatures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from session import commands as c
from session.decide import decide
from session.errors import SessionError
from session.state import SessionState
from tui.i18n import t
from tui.screens.panel_base import StepPanel
from tui.screens.panels_text import ask_entry_mode, entry_mode_line, meter
from tui.widgets.minutes_preview import MinutesPreview
from tui.widgets.pick_list import PickList, Row

if TYPE_CHECKING:
    from tui.screens.dialogs import Vote


def voter_label(state: SessionState, voter_id: str) -> str:
    """``v05 Phan Thị Hạnh — Trưởng phòng …``."""
    voter = state.conference.voter(voter_id)
    return f"{voter.id} {voter.name} — {', '.join(voter.posts)}"


class RollCallPanel(StepPanel):
    """Voters with check-off and search; the quorum meter above them."""

    BINDINGS = [
        Binding("slash", "search", "/", show=False),
        Binding("escape", "leave_search", "Esc", show=False),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]
    """``/`` searches, Esc goes back to the list, ↑/↓ move the list's highlight while typing a name."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._told_present = False
        """Someone was just said to be present already: further presses on those present say nothing more."""

    def compose(self) -> ComposeResult:
        yield Static(id="meter")
        yield Input(id="search")
        yield PickList(id="voters")

    def on_mount(self) -> None:
        self.query_one(PickList).focus()

    def draw(self, state: SessionState, lang: str) -> None:
        need, present = state.pack.quorum_need(state.convened), len(state.present)
        ok = present >= need
        text = Text(t("panel.quorum", lang, present=present, convened=state.convened, need=need) + "  ", style="bold")
        text.append(t("panel.quorum_ok" if ok else "panel.quorum_no", lang), style="bold green" if ok else "bold yellow")
        text.append("\n" + meter(present, state.convened, 40), style="green" if ok else "yellow")
        self.query_one("#meter", Static).update(text)
        self.query_one("#search", Input).placeholder = "/ " + t("panel.search", lang)
        evaluated = state.conference.evaluated_voter_ids()
        self.query_one(PickList).set_rows([
            Row(v.id, voter_label(state, v.id), v.id in state.present, t("panel.evaluated", lang) if v.id in evaluated else "")
            for v in state.conference.voters])

    def action_search(self) -> None:
        """Type to search the list."""
        self.query_one("#search", Input).focus()

    def action_leave_search(self) -> None:
        """Back to the whole list, the cursor on the row it was on."""
        self._leave_search()

    def _leave_search(self, keep: str | None = None) -> None:
        voters = self.query_one(PickList)
        keep = keep or voters.highlighted_id
        self.query_one("#search", Input).value = ""
        voters.search("")  # at once, not when the box's change arrives, so the next key finds the whole list
        if keep is not None:
            voters.highlight(keep)
        voters.focus()

    def action_move(self, step: int) -> None:
        """Move the list's highlight from the search box."""
        voters = self.query_one(PickList)
        voters.action_cursor_down() if step > 0 else voters.action_cursor_up()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(PickList).search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the search box checks off the highlighted match and goes back to the list, on that voter.

        The list has the focus again so the agenda's keys (``n``, ``p`` …) work; ``/`` searches for the next name.
        """
        voters = self.query_one(PickList)
        voter = voters.highlighted_id
        if voter is not None:
            self._mark_present(voter)
        self._leave_search(voter)

    def on_pick_list_toggled(self, event: PickList.Toggled) -> None:
        self.ask(c.MarkAbsent((event.row_id,)) if event.marked else c.MarkPresent((event.row_id,)))

    def run(self, name: str) -> None:
        voters = self.query_one(PickList)
        voter = voters.highlighted_id
        if voter is None:
            return
        if name == "present":
            self._mark_present(voter)
        else:
            self.ask(c.MarkAbsent((voter,)))
        if voters.highlighted is not None and voters.highlighted < voters.option_count - 1:
            voters.action_cursor_down()  # not round to the top after the last voter

    def _mark_present(self, voter: str) -> None:
        """Mark ``voter`` present; one already present is said once, quietly, not refused again at every press."""
        if self.state is None or voter not in self.state.present:
            self._told_present = False
            self.ask(c.MarkPresent((voter,)))
        elif not self._told_present:
            self._told_present = True
            self.app.notify(t("panel.already_present", self.lang, name=self.voter_name(voter)))


class TeamPanel(StepPanel):
    """Pick members among those present; an evaluated person is refused at once with the domain's reason."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.chosen: list[str] | None = None
        """The members picked so far (None until first drawn: then those of a team already proposed)."""

    def compose(self) -> ComposeResult:
        yield Static(id="text")
        yield PickList(boxes=True, id="members")

    def on_mount(self) -> None:
        self.query_one(PickList).focus()

    def draw(self, state: SessionState, lang: str) -> None:
        lines = [t("panel.team_pick", lang, k="t", need=state.pack.team_min_size)]
        if state.team:
            names = ", ".join(self.voter_name(m) for m in state.team)
            lines.append(t("panel.team_proposed", lang, members=names, head=self.voter_name(state.team_head)))
        if state.team_vote:
            f, a, x = state.team_vote
            result = t("panel.approved" if state.team_approved else "panel.rejected", lang)
            lines.append(t("panel.team_vote", lang, f=f, a=a, x=x, result=result))
        self.query_one("#text", Static).update("\n".join(lines))
        if self.chosen is None:
            self.chosen = list(state.team)
        self._fill()

    def _fill(self) -> None:
        state, lang = self.state, self.lang
        assert state is not None and self.chosen is not None
        evaluated = state.conference.evaluated_voter_ids()
        self.query_one(PickList).set_rows([
            Row(v.id, voter_label(state, v.id), v.id in self.chosen, t("panel.evaluated", lang) if v.id in evaluated else "")
            for v in state.conference.voters if v.id in state.present])

    def on_pick_list_toggled(self, event: PickList.Toggled) -> None:
        """Ask the domain whether this member may sit on the team; pick them, or show its refusal."""
        state, chosen = self.state, event.row_id
        if state is None or self.chosen is None:
            return
        if event.marked:
            self.chosen.remove(chosen)
        elif self._may_sit(state, chosen):
            self.chosen.append(chosen)
        self._fill()

    def _may_sit(self, state: SessionState, chosen: str) -> bool:
        # Padded to the least team size so the domain reaches its per-member checks; it checks ``chosen`` first.
        others = [v for v in sorted(state.present) if v != chosen]
        trial = (chosen, *others[: max(state.pack.team_min_size - 1, 0)])
        try:
            decide(state, c.ProposeTeam(trial, chosen))
        except SessionError as exc:
            if exc.params.get("id") == chosen or exc.key == "team.already_approved":
                self.app.notify(exc.message(self.lang), title=t("ui.refused", self.lang), severity="error")
                return False
        return True

    @property
    def picked(self) -> tuple[str, ...]:
        """The members picked, in the conference's order."""
        chosen = self.chosen or []
        return tuple(v.id for v in self.state.conference.voters if v.id in chosen) if self.state else ()

    def run(self, name: str) -> None:
        from tui.screens.dialogs import ChoiceForm, VoteForm  # a dialog is built only when a key asks for it

        state, lang = self.state, self.lang
        if state is None:
            return
        if name == "team propose":
            chosen = self.picked
            if not chosen:
                self.ask(c.ProposeTeam((), ""))  # the domain says what is missing
                return
            options = [(m, self.voter_name(m)) for m in chosen]
            self.app.push_screen(ChoiceForm(lang, t("dlg.head", lang), options),
                                 lambda head: head is not None and self.ask(c.ProposeTeam(chosen, head)))
        elif name == "team approve":
            self.app.push_screen(VoteForm(lang, t("dlg.vote", lang, present=len(state.present)), len(state.present)),
                                 self._voted)

    def _voted(self, vote: Vote | None) -> None:
        if vote is not None:
            self.ask(c.ApproveTeam(vote.votes_for, vote.against, vote.abstain))


class NomineesPanel(StepPanel):
    """APPOINT: the chair keeps or drops nominees, then fixes the list."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kept: set[str] | None = None
        """The nominees kept so far (None until first drawn: then the list fixed before, or everyone)."""

    def compose(self) -> ComposeResult:
        yield Static(id="text")
        yield PickList(boxes=True, id="persons")

    def on_mount(self) -> None:
        self.query_one(PickList).focus()

    def draw(self, state: SessionState, lang: str) -> None:
        self.query_one("#text", Static).update(t("panel.nominees", lang, k="d", posts=state.conference.posts))
        if self.kept is None:
            self.kept = set(state.nominees or (p.id for p in state.conference.persons))
        self.query_one(PickList).set_rows([Row(p.id, f"{p.name} — {p.position}", p.id in self.kept)
                                           for p in state.conference.persons])

    def on_pick_list_toggled(self, event: PickList.Toggled) -> None:
        if self.kept is not None and self.state is not None:
            self.kept.symmetric_difference_update({event.row_id})
            self.draw(self.state, self.lang)

    def run(self, name: str) -> None:
        if name == "nominees" and self.state is not None and self.kept is not None:
            self.ask(c.FixNominees(tuple(p.id for p in self.state.conference.persons if p.id in self.kept)))


class IssuingPanel(StepPanel):
    """One ballot per voter present: check-off, "all present", and spoiled-ballot exchange."""

    def compose(self) -> ComposeResult:
        yield Static(id="text")
        yield PickList(id="voters")

    def on_mount(self) -> None:
        self.query_one(PickList).focus()

    def draw(self, state: SessionState, lang: str) -> None:
        text = Text(f"{t('proj.issued', lang)}: {state.issued}/{len(state.present)}   ", style="bold")
        text.append(t("panel.spoiled", lang, n=state.spoiled) + "\n" + entry_mode_line(state, lang))
        self.query_one("#text", Static).update(text)
        self.query_one(PickList).set_rows([
            Row(v.id, voter_label(state, v.id), v.id in state.issued_to)
            for v in state.conference.voters if v.id in state.present])

    def on_pick_list_toggled(self, event: PickList.Toggled) -> None:
        if not event.marked:
            self.ask(c.IssueBallots((event.row_id,)))

    def run(self, name: str) -> None:
        voters = self.query_one(PickList)
        voter = voters.highlighted_id
        if name == "entry-mode":
            ask_entry_mode(self)
        elif name == "issue_all":
            self.ask(c.IssueBallots(all_present=True))
        elif voter is not None and name == "issue":
            self.ask(c.IssueBallots((voter,)))
            voters.action_cursor_down()
        elif voter is not None and name == "spoil":
            self.ask(c.ExchangeSpoiled(voter))


class MinutesPanel(StepPanel):
    """Team members' signatures, then a preview of the minutes."""

    def compose(self) -> ComposeResult:
        yield Static(id="text")
        yield PickList(id="members")
        yield MinutesPreview()

    def on_mount(self) -> None:
        self.query_one(PickList).focus()

    def draw(self, state: SessionState, lang: str) -> None:
        self.query_one("#text", Static).update(Text(t("panel.signatures", lang), style="bold"))
        rows = []
        for member in state.team:
            status = t("panel.signed" if member in state.signed else "panel.unsigned", lang)
            head = f"{t('panel.head', lang)}, " if member == state.team_head else ""
            rows.append(Row(member, f"{self.voter_name(member)}", member in state.signed, head + status))
        self.query_one(PickList).set_rows(rows)

    def on_pick_list_toggled(self, event: PickList.Toggled) -> None:
        if not event.marked:
            self.ask(c.SignMinutes(event.row_id))

    def run(self, name: str) -> None:
        voters = self.query_one(PickList)
        member = voters.highlighted_id
        if name == "sign" and member is not None:
            self.ask(c.SignMinutes(member))
            voters.action_cursor_down()
