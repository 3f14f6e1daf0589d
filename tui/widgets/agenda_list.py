"""The agenda down the side: every step, its status (done / current / locked) and its time."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from session.agenda import steps_for
from session.state import SessionState
from tui.i18n import register, t
from tui.widgets.live import LIVE, hhmm

register({
    "step_short.prepared": ("Chuẩn bị", "Prepared"),
    "step_short.roll_call": ("Điểm danh", "Roll call"),
    "step_short.briefing": ("Quán triệt", "Briefing"),
    "step_short.counting_team": ("Tổ kiểm phiếu", "Team"),
    "step_short.team_instructions": ("Chỉ đạo Tổ", "Team briefed"),
    "step_short.nominees": ("Danh sách", "Nominees"),
    "step_short.issuing": ("Phát phiếu", "Issuing"),
    "step_short.voting": ("Ghi phiếu", "Voting"),
    "step_short.counting": ("Kiểm phiếu", "Counting"),
    "step_short.minutes": ("Biên bản", "Minutes"),
    "step_short.announcing": ("Công bố", "Announcing"),
    "step_short.sealing": ("Niêm phong", "Sealing"),
    "step_short.closed": ("Kết thúc", "Closed"),
})

PREFIX = 8
"""The mark, the time and their spaces before a step's name: ``✓ 15:00 ``."""

MARKS = {"done": "✓", "current": "▶", "locked": "·"}
"""Status → the mark before a step."""


def step_status(state: SessionState, step: str) -> str:
    """``done``, ``current`` or ``locked`` for ``step`` in ``state``."""
    order = steps_for(state.pack)
    here, there = order.index(state.step), order.index(step)
    if there < here or (step == state.step == "closed"):
        return "done"
    return "current" if there == here else "locked"


class AgendaList(Static):
    """Every step of the pack's agenda with its status; a done step shows the time it was finished."""

    DEFAULT_CSS = "AgendaList { width: 100%; height: auto; text-wrap: nowrap; text-overflow: ellipsis; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(classes=LIVE, **kwargs)
        self._shown: tuple[SessionState, str] | None = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, state: SessionState, lang: str) -> None:
        self._shown = (state, lang)
        order = steps_for(state.pack)
        width = self.size.width
        # Where even the short names would be cut after the times (the results steps at 80 columns), the times
        # go: the step names are what the chair reads; each step's time stays in the log and the minutes.
        timed = width <= 0 or max(len(t("step_short." + step, lang)) for step in order) <= width - PREFIX
        room = width - (PREFIX if timed else len("✓ "))
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(t("chair.agenda", lang) + "\n", style="bold underline")
        for index, step in enumerate(order):
            status = step_status(state, step)
            # A step is done when the next one was entered: that entry is its finishing time.
            when = state.step_times.get(order[index + 1]) if status == "done" and index + 1 < len(order) else None
            if status == "current":
                when = state.step_times.get(step)
            style = {"done": "green", "current": "bold reverse", "locked": "dim"}[status]
            # The time goes first so a label cut short at 80 columns never hides it.
            time = f"{hhmm(when, state.conference.timezone) or '     '} " if timed else ""
            text.append(f"{MARKS[status]} {time}", style="green" if status == "done" else "")
            # A step's full name where it fits, else its short one (never cut), as at 80 columns.
            name = t("step." + step, lang)
            text.append(name if room <= 0 or len(name) <= room else t("step_short." + step, lang), style=style)
            text.append("\n")
        self.update(text)
