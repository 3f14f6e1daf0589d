"""The replay's state pane: the session as it stood after the selected event, read-only; and `g`'s step names.

The chair's view is the console's own agenda list and guard line, with the books
below; the projector's view is the live ``ProjectorView``. Both draw from a
``SessionState`` alone (``show(state, lang)``), so a past state looks as it did live.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from session.agenda import STEPS
from session.books import identities
from session.i18n import LANGS, t
from session.log import short_code
from session.state import SessionState
from tui.widgets.pick_list import fold


class ReplayState(Static):
    """Step, numbers, team and books at the cursor (what the chair's panels show); results come below it."""

    def show(self, state: SessionState | None, lang: str) -> None:
        """Render ``state`` (None: nothing trusted to show)."""
        if state is None:
            self.update(Text(t("replay.no_state", lang), style="bold red"))
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column()
        grid.add_row(Text(f"{t('step.' + state.step, lang)}", style="bold"))
        grid.add_row(self._numbers(state, lang))
        if state.team:
            name = {v.id: v.name for v in state.conference.voters}.get
            head = t("replay.team", lang, members=", ".join(name(v, v) for v in state.team), head=name(state.team_head, state.team_head),
                     status=t("event.approved" if state.team_approved else "event.rejected", lang))
            grid.add_row(Text(head))
        for identity in identities(state):
            if not identity.holds:
                grid.add_row(Text("⚠ " + identity.text(lang), style="bold red"))
        grid.add_row(Text(t("replay.digest", lang, seq=state.seq, code=short_code(state.head_hash)), style="dim"))
        self.update(grid)

    @staticmethod
    def _numbers(state: SessionState, lang: str) -> Text:
        from session.forms import label

        lines = []
        for b in state.books.values():  # one line per ballot form, named when there are several
            returned = "—" if b.returned is None else str(b.returned)
            line = t("replay.numbers", lang, present=len(state.present), convened=state.convened, issued=b.issued,
                     returned=returned, entered=b.entered, invalid=b.tally.invalid)
            lines.append(t("form.guard", lang, form=label(b), why=line) if state.several_forms else line)
        return Text("\n".join(lines), style="bold cyan")


def step_named(text: str) -> str | None:
    """The step whose name (either language, without case or diacritics) is ``text``, whole or one of its comma-parted
    halves ("diem danh" → roll_call, "kiem phieu" → counting); a whole name wins over a half."""
    wanted = fold(text.strip())
    names = [(step, fold(t(f"step.{step}", lang))) for step in STEPS for lang in LANGS]
    whole = next((step for step, name in names if name == wanted), None)
    return whole or next((step for step, name in names if wanted in (part.strip() for part in name.split(","))), None)
