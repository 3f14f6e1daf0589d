"""The replay screen: a timeline of every event, a cursor to step, jump or play, and the state at that point.

Read-only by construction: the app holds a list of records, never a store. Every
row shows whether its hash checks; from the first bad event on, rows are marked
untrusted with the reason, and the state pane stops at the last trusted event.
"""

from __future__ import annotations

from datetime import datetime

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.widgets import ContentSwitcher, DataTable, Footer, Header, Input, Static

from session.agenda import STEPS
from session.events import Recorded
from session.i18n import t as domain_t
from session.local import DEFAULT_TIMEZONE, clock_text, zone_of_log
from session.timeline import Timeline
from tui.i18n import register, t
from tui.screens.chair import guard_text
from tui.screens.projector import ProjectorView
from tui.screens.replay_state import ReplayState, step_named
from tui.widgets.agenda_list import AgendaList
from tui.widgets.live import LIVE
from tui.widgets.tally_table import ResultsView

register({
    "replay.title": ("Phát lại nhật ký", "Log replay"),
    "replay.col.seq": ("STT", "Seq"),
    "replay.col.time": ("Giờ", "Time"),
    "replay.col.actor": ("Người thực hiện", "Actor"),
    "replay.col.step": ("Bước", "Step"),
    "replay.col.check": ("Băm", "Hash"),
    "replay.col.what": ("Nội dung", "What happened"),
    "replay.ok": ("Nhật ký nguyên vẹn: {count} sự kiện, mã {code}", "Log intact: {count} events, code {code}"),
    "replay.untrusted": ("KHÔNG TIN CẬY từ sự kiện {seq}: {reason}", "UNTRUSTED from event {seq}: {reason}"),
    "replay.untrusted_state": ("Sự kiện {seq} không tin cậy; trạng thái dừng ở sự kiện {last}, sự kiện tin cậy cuối cùng.",
                               "Event {seq} is untrusted; the state stops at event {last}, the last trusted one."),
    "replay.no_state": ("Không có sự kiện tin cậy nào để dựng lại trạng thái.", "No trusted event to rebuild a state from."),
    "replay.position": ("Sự kiện {seq} ({n}/{total})", "Event {seq} ({n}/{total})"),
    "replay.playing": ("▶ đang phát {speed}×", "▶ playing {speed}×"),
    "replay.paused": ("‖ tạm dừng ({speed}×)", "‖ paused ({speed}×)"),
    "replay.goto": ("Đến sự kiện số, hoặc tên bước (vd. kiem phieu) rồi Enter",
                    "Go to an event number, or a step's name (e.g. counting), then Enter"),
    "replay.detail": ("Chi tiết sự kiện {seq}", "Event {seq} in full"),
    "replay.goto_bad": ("Không có sự kiện hoặc bước «{text}».", "No event or step “{text}”."),
    "replay.empty": ("Nhật ký trống.", "The log is empty."),
    "replay.team": ("Tổ kiểm phiếu: {members}; Tổ trưởng {head} ({status})", "Counting team: {members}; head {head} ({status})"),
    "replay.numbers": ("Có mặt {present}/{convened} · phát {issued} · thu về {returned} · đã nhập {entered} (không hợp lệ {invalid})",
                       "Present {present}/{convened} · issued {issued} · returned {returned} · entered {entered} (invalid {invalid})"),
    "replay.results": ("Kết quả tạm tính (trên {value})", "Running results (of {value})"),
    "replay.person": ("Người được lấy phiếu", "Person"),
    "replay.digest": ("Đầu chuỗi tại sự kiện {seq}: {code}", "Chain head at event {seq}: {code}"),
    "replay.keys": ("→/← sự kiện · ]/[ bước · g đến… · space phát/dừng · 1/2/3 tốc độ · p chủ trì/màn chiếu · ^l English · q thoát",
                    "→/← event · ]/[ step · g go to… · space play/pause · 1/2/3 speed · p chair/projector · ^l Tiếng Việt · q quit"),
})

COLUMNS = (("seq", None), ("time", None), ("check", None), ("actor", 15), ("step", 16), ("what", None))
"""Timeline columns in order; actor and step have a fixed width, so the description starts early and runs to the right."""
SPEEDS = (1, 10, 100)
"""Playback speeds: session seconds per wall-clock second."""
TICK = 0.1
"""Seconds between playback ticks."""
MAX_GAP = 2.0
"""Idle gaps between events longer than this many session seconds are shortened to it, so play never stalls."""


def _time(at: str) -> datetime | None:
    try:
        return datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return None


class ReplayTimeline(DataTable):
    """The timeline table: left and right step through events instead of scrolling sideways."""

    BINDINGS = [
        Binding("right,l", "app.next", "→", show=False),
        Binding("left,h", "app.prev", "←", show=False),
    ]
    """Left and right (or h and l, as in vi) move one event."""


register({
    "rhelp.next": ("Sự kiện tiếp / trước", "Next / previous event"),
    "rhelp.step": ("Bước tiếp / bước trước của chương trình", "Next / previous agenda step"),
    "rhelp.play": ("Phát / dừng; tốc độ 1, 10, 100 sự kiện mỗi giây", "Play / pause; speed 1, 10, 100 events a second"),
    "rhelp.ends": ("Sự kiện đầu / cuối", "First / last event"),
    "rhelp.goto": ("Đến số thứ tự hoặc tên bước (không cần dấu)", "Go to a seq or a step name"),
    "rhelp.view": ("Đổi giữa màn hình chủ trì và màn hình chiếu", "Chair view or projector view"),
    "rhelp.lang": ("Tiếng Việt / English", "English / Tiếng Việt"),
    "rhelp.quit": ("Thoát", "Quit"),
})

REPLAY_KEYS = (("→ / ←", "rhelp.next"), ("] / [", "rhelp.step"), ("Space · 1 2 3", "rhelp.play"),
               ("Home / End", "rhelp.ends"), ("g", "rhelp.goto"), ("p", "rhelp.view"), ("^l", "rhelp.lang"),
               ("q", "rhelp.quit"))
"""The replay's keys for its help, in words."""


class ReplayApp(App):
    """Replays a log read-only: timeline, cursor moves, playback and the state pane."""

    TITLE = "tinnhiem"
    CSS = """
    #body { height: 1fr; }
    #timeline { width: 3fr; }
    #state-pane { width: 2fr; border-left: solid $primary; }
    #chair-view { padding: 0 1; }
    #detail { margin-top: 1; }
    #banner { display: none; background: $error; color: $text; text-style: bold; padding: 0 1; }
    #banner.shown { display: block; }
    #status { height: 2; background: $panel; }
    #status.untrusted { background: $error; color: $text; }
    #goto { display: none; }
    #goto.open { display: block; }
    """
    BINDINGS = [
        Binding("question_mark,f1", "help", show=False),
        Binding("right", "next", "→", show=False),
        Binding("left", "prev", "←", show=False),
        Binding("right_square_bracket,pagedown", "next_step", show=False),
        Binding("left_square_bracket,pageup", "prev_step", show=False),
        Binding("space", "toggle_play", show=False),
        Binding("1", "speed(1)", show=False),
        Binding("2", "speed(10)", show=False),
        Binding("3", "speed(100)", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        Binding("g,colon", "goto", show=False),
        Binding("p", "toggle_view", show=False),
        Binding("ctrl+l", "toggle_lang", "VI/EN", show=False),
        Binding("escape", "close_goto", show=False),
        Binding("q", "quit", show=False),
    ]
    """The replay's keys; the status line lists them in the interface language."""

    index: reactive[int] = reactive(0)
    """Row of the cursor: the state shown is the state after this event."""
    playing: reactive[bool] = reactive(False)
    """Whether playback runs."""
    speed: reactive[int] = reactive(1)
    """Playback speed, one of ``SPEEDS``."""

    def __init__(self, records: list[Recorded], lang: str = "vi", tick: float | None = TICK):
        super().__init__()
        self.lang = lang
        """Interface language, ``vi`` or ``en``."""
        self.timeline = Timeline(records, lang)
        """Rows, marks and states of the log."""
        self._budget = 0.0
        self._tick_every = tick

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield ReplayTimeline(id="timeline", cursor_type="row", zebra_stripes=True)
            with Vertical(id="state-pane"):
                yield Static(id="banner")
                with ContentSwitcher(initial="chair-view", id="views"):
                    with VerticalScroll(id="chair-view"):
                        yield AgendaList()
                        yield Static(id="guard")
                        yield ReplayState(id="state")
                        yield Static(id="detail")
                        yield ResultsView(compact=True, id="results")
                    yield ProjectorView(id="projector-view")
        yield Input(id="goto")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("replay.title", self.lang)
        self._fill()
        self.query_one("#goto", Input).disabled = True
        self.query_one("#timeline", DataTable).focus()
        if self._tick_every:
            self.set_interval(self._tick_every, self._tick)
        self._show()

    def _fill(self) -> None:
        table = self.query_one("#timeline", DataTable)
        table.clear(columns=True)
        for key, width in COLUMNS:
            table.add_column(t(f"replay.col.{key}", self.lang), key=key, width=width)
        zone = zone_of_log(self.timeline.rows[0].record.payload) if self.timeline.rows else DEFAULT_TIMEZONE
        for row in self.timeline.rows:
            style = "" if row.mark.trusted else "red"
            check = ("✓" if row.mark.hash_ok else "✗") + ("" if row.mark.trusted else " !")
            table.add_row(Text(str(row.record.seq), style=style), Text(clock_text(row.record.at, zone, seconds=True), style=style),
                          Text(check, style="bold green" if row.mark.trusted else "bold red"),
                          Text(row.who, style=style, overflow="ellipsis", no_wrap=True),
                          Text(domain_t(f"step.{row.step}", self.lang), style=style, overflow="ellipsis", no_wrap=True),
                          Text(row.what, style=style), key=str(row.index))
        if self.timeline.rows:
            table.move_cursor(row=min(self.index, len(self.timeline) - 1))

    # --- what is shown --------------------------------------------------------------------

    def _verdict_text(self) -> str:
        verdict = self.timeline.verdict
        if verdict.ok:
            return t("replay.ok", self.lang, count=verdict.count, code=verdict.code)
        reason = verdict.explain(self.lang)
        return t("replay.untrusted", self.lang, seq=verdict.bad_seq, reason=reason)

    def _show(self) -> None:
        status = self.query_one("#status", Static)
        if not self.timeline.rows:
            status.update(t("replay.empty", self.lang))
            self.query_one("#state", ReplayState).show(None, self.lang)
            return
        row = self.timeline.rows[self.index]
        banner = self.query_one("#banner", Static)
        banner.set_class(not row.mark.trusted, "shown")
        if not row.mark.trusted:
            last = self.timeline.trusted_count
            banner.update(t("replay.untrusted_state", self.lang, seq=row.record.seq, last=last) + "\n" + self._verdict_text())
        self._show_state(self.timeline.state_at(self.index))
        self._show_detail()
        play = t("replay.playing" if self.playing else "replay.paused", self.lang, speed=self.speed)
        position = t("replay.position", self.lang, seq=row.record.seq, n=self.index + 1, total=len(self.timeline))
        status.update(f"{position} · {play} · {self._verdict_text()}\n{t('replay.keys', self.lang)}")
        status.set_class(not self.timeline.verdict.ok, "untrusted")

    def _show_state(self, state) -> None:
        """Draw the chair's and the projector's widgets from ``state`` (None: nothing trusted yet)."""
        self.query_one("#state", ReplayState).show(state, self.lang)
        if state is None:
            return
        self.query_one("#guard", Static).update(guard_text(state, self.lang))
        for widget in self.query(f".{LIVE}"):
            widget.show(state, self.lang)  # type: ignore[attr-defined]
        self.query_one(ProjectorView).show(state, self.lang)

    def _show_detail(self) -> None:
        """Every field of the event at the cursor, in words."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for field, value in self.timeline.details(self.index):
            grid.add_row(field, value)
        title = Text(t("replay.detail", self.lang, seq=self.timeline.rows[self.index].record.seq), style="bold underline")
        self.query_one("#detail", Static).update(Group(title, grid))

    def action_toggle_view(self) -> None:
        """Switch the state pane between the chair's view and the projector's."""
        views = self.query_one("#views", ContentSwitcher)
        views.current = "projector-view" if views.current == "chair-view" else "chair-view"

    def watch_index(self, index: int) -> None:
        if not self.is_mounted:
            return
        table = self.query_one("#timeline", DataTable)
        if table.cursor_row != index:
            table.move_cursor(row=index)
        self._show()

    def watch_playing(self, _playing: bool) -> None:
        if self.is_mounted:
            self._show()

    def watch_speed(self, _speed: int) -> None:
        if self.is_mounted:
            self._show()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # Only the table's current row counts: a message queued before a later move is stale.
        if event.cursor_row != event.data_table.cursor_row:
            return
        if event.cursor_row != self.index and 0 <= event.cursor_row < len(self.timeline):
            self.index = event.cursor_row

    # --- moves ----------------------------------------------------------------------------

    def go(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped)."""
        if self.timeline.rows:
            self.index = max(0, min(index, len(self.timeline) - 1))

    def action_help(self) -> None:
        """The replay's keys, in the interface language."""
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.lang, [(keys, t(key, self.lang)) for keys, key in REPLAY_KEYS]))

    def action_next(self) -> None:
        """One event forward."""
        self.go(self.index + 1)

    def action_prev(self) -> None:
        """One event back."""
        self.go(self.index - 1)

    def action_next_step(self) -> None:
        """To the event that entered the next agenda step."""
        self.go(self.timeline.next_step(self.index))

    def action_prev_step(self) -> None:
        """To the event that entered the previous agenda step."""
        self.go(self.timeline.prev_step(self.index))

    def action_first(self) -> None:
        """To the first event."""
        self.go(0)

    def action_last(self) -> None:
        """To the last event."""
        self.go(len(self.timeline) - 1)

    def jump(self, text: str) -> bool:
        """Go to an event number, a step id or a step's name (``step_named``); False when none exists."""
        text = text.strip()
        index = self.timeline.index_of_seq(int(text)) if text.isdigit() else None
        if index is None:
            step = text if text in STEPS else step_named(text)
            index = self.timeline.index_of_step(step) if step else None
        if index is None:
            self.notify(t("replay.goto_bad", self.lang, text=text), severity="warning")
            return False
        self.go(index)
        return True

    def action_goto(self) -> None:
        """Open the go-to box."""
        box = self.query_one("#goto", Input)
        box.placeholder = t("replay.goto", self.lang)
        box.value = ""
        box.disabled = False
        box.add_class("open")
        box.focus()

    def action_close_goto(self) -> None:
        """Close the go-to box."""
        box = self.query_one("#goto", Input)
        box.remove_class("open")
        box.disabled = True
        self.query_one("#timeline", DataTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "goto" and self.jump(event.value):
            self.action_close_goto()

    # --- playback -------------------------------------------------------------------------

    def action_toggle_play(self) -> None:
        """Play from the cursor, or pause."""
        if not self.playing and self.index >= len(self.timeline) - 1:
            self.go(0)
        self.playing = not self.playing
        self._budget = 0.0

    def action_speed(self, speed: int) -> None:
        """Set the playback speed."""
        self.speed = speed if speed in SPEEDS else 1

    def _tick(self) -> None:
        if self.playing and self._tick_every:
            self.play_for(self._tick_every)

    def play_for(self, seconds: float) -> None:
        """Advance playback by ``seconds`` of wall time at the current speed; stops at the end."""
        self._budget += seconds * self.speed
        index = self.index
        while index < len(self.timeline) - 1:
            gap = self._gap(index)
            if self._budget < gap:
                break
            self._budget -= gap
            index += 1
        self.go(index)
        if index >= len(self.timeline) - 1:
            self.playing = False

    def _gap(self, index: int) -> float:
        here, then = (_time(self.timeline.rows[i].record.at) for i in (index, index + 1))
        if here is None or then is None:
            return 1.0
        return max(0.0, min((then - here).total_seconds(), MAX_GAP))

    def action_toggle_lang(self) -> None:
        """Switch between Vietnamese and English."""
        self.lang = "en" if self.lang == "vi" else "vi"
        self.timeline.relabel(self.lang)
        self.title = t("replay.title", self.lang)
        self._fill()
        self._show()
