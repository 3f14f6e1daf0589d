"""``?`` / F1 on every screen: the keys the screen offers now, each with what it does, in the reader's language."""

from __future__ import annotations

from rich.table import Table
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui.i18n import register, t

register({
    "help.title": ("Các phím của màn hình này", "This screen's keys"),
    "help.close": ("Esc, ? hoặc F1: đóng", "Esc, ? or F1: close"),
    "help.palette": ("Bảng lệnh: tìm mọi thao tác theo tên", "Command palette: every action by name"),
    "help.key": ("Phím", "Key"),
    "help.does": ("Tác dụng", "What it does"),
    "palette.placeholder": ("Tìm lệnh… (gõ tên, không cần dấu)", "Search for commands…"),
    "help.keys": ("Phím tắt", "Keys"),
    "quit.ask": ("Phiên đang mở (bước «{step}»). Thoát bàn chủ trì? Mọi việc đã ghi vẫn còn; mở lại sẽ tiếp tục.",
                 "The session is open (step “{step}”). Quit the console? Everything recorded stays; reopening resumes."),
})

HELP_BINDINGS = [Binding("question_mark,f1", "help", t("help.keys"), show=False)]
"""The help key, added to every app's bindings."""


BUILT_IN: dict[str, tuple[str, str]] = {
    "cursor_up": ("Lên", "Up"), "scroll_up": ("Lên", "Up"),
    "cursor_down": ("Xuống", "Down"), "scroll_down": ("Xuống", "Down"),
    "scroll_left": ("Sang trái", "Left"), "scroll_right": ("Sang phải", "Right"),
    "first": ("Về đầu", "To the top"), "scroll_home": ("Về đầu", "To the top"),
    "last": ("Về cuối", "To the end"), "scroll_end": ("Về cuối", "To the end"),
    "page_up": ("Lên một trang", "Page up"), "page_down": ("Xuống một trang", "Page down"),
    "page_left": ("Sang trái một trang", "Page left"), "page_right": ("Sang phải một trang", "Page right"),
    "select": ("Đánh dấu / bỏ đánh dấu dòng đang chọn", "Tick or untick the highlighted row"),
    "toggle": ("Đánh dấu / bỏ đánh dấu dòng đang chọn", "Tick or untick the highlighted row"),
    "search": ("Tìm theo tên (không cần dấu)", "Search by name (no diacritics needed)"),
    "leave_search": ("Thôi tìm, về cả danh sách", "Leave the search, back to the whole list"),
    "quit": ("Thoát", "Quit"),
}
"""Actions whose bindings Textual (or a class of ours, once for every language) describes in English or in
symbols: what each does, in the reader's language. A binding of Textual's not listed here is left out."""
register({f"help.do.{action}": words for action, words in BUILT_IN.items()})

_LEFT_OUT = frozenset({"help", "app.help", "command_palette", "app.command_palette"})
"""The help's own key, and the palette, which has its own line."""


def _textuals(node: object, binding: Binding) -> bool:
    """Whether ``binding`` is one of Textual's own (declared by a class of the textual package)."""
    for cls in type(node).__mro__:
        if binding in cls.__dict__.get("BINDINGS", ()):
            return cls.__module__.startswith("textual.")
    return False


def description(node: object, binding: Binding, lang: str) -> str:
    """What ``binding`` does in ``lang``, or "" when the help should leave it out."""
    action = binding.action.removeprefix("app.").split("(")[0]
    if action in BUILT_IN:
        return t(f"help.do.{action}", lang)
    if binding.action in _LEFT_OUT or _textuals(node, binding):
        return ""
    return binding.description


def key_rows(app: App, lang: str) -> list[tuple[str, str]]:
    """(keys, description) of every enabled binding of the active screen that says what it does, each once."""
    rows: dict[str, list[str]] = {}
    for active in app.screen.active_bindings.values():
        does = description(active.node, active.binding, lang)
        if active.enabled and does:
            rows.setdefault(does, []).append(app.get_key_display(active.binding))
    rows.setdefault(t("help.palette", lang), []).append(app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "")))
    return [(" / ".join(dict.fromkeys(keys)), does) for does, keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """A list of keys; any of Esc, ? or F1 closes it."""

    BINDINGS = [Binding("escape,question_mark,f1,q", "dismiss", show=False)]
    """Keys that close the help."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: auto; max-height: 90%;
                                  border: thick $accent; background: $surface; padding: 0 1; }
    """

    def __init__(self, lang: str, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.lang = lang
        """Language of the text."""
        self.rows = rows
        """(keys, what they do)."""

    def compose(self) -> ComposeResult:
        table = Table(expand=True, show_edge=False, header_style="bold")
        table.add_column(t("help.key", self.lang), no_wrap=True)
        table.add_column(t("help.does", self.lang), ratio=1)
        for keys, does in self.rows:
            table.add_row(keys, does)
        with VerticalScroll():
            yield Label(t("help.title", self.lang), classes="dialog-title")
            yield Static(table)
            yield Label(t("help.close", self.lang), classes="hint")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


def open_palette(app: App, lang: str) -> None:
    """The command palette, its search box in the reader's language."""
    from textual.command import CommandPalette

    if app.use_command_palette and not CommandPalette.is_open(app):
        app.push_screen(CommandPalette(placeholder=t("palette.placeholder", lang), id="--command-palette"))


def show_help(app: App, lang: str) -> None:
    """Open the help for the active screen (not over itself)."""
    if not isinstance(app.screen, HelpScreen):
        app.push_screen(HelpScreen(lang, key_rows(app, lang)))
