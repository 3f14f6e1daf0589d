"""The red, read-only screen a console turns into when its log does not check (chain or rules).

Shown when a chair, station or projector opens a log that fails, and as soon as an event that
fails arrives while it is open: nothing more can be entered, and the first bad seq is named.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from session.errors import TamperDetected
from tui.i18n import register, t

register({
    "tampered.title": ("NHẬT KÝ KHÔNG TIN CẬY — CHỈ XEM", "LOG NOT TRUSTED — READ-ONLY"),
    "tampered.what": ("Không nhập gì thêm trên máy này. Hãy báo Tổ kiểm phiếu và kiểm tra bằng «tinnhiem verify --db …».",
                      "Enter nothing more on this terminal. Tell the counting team and check with “tinnhiem verify --db …”."),
    "tampered.quit": ("Ctrl+Q: thoát", "Ctrl+Q: quit"),
})


class TamperedScreen(Screen):
    """Says why the log is not trusted, naming the first bad seq; offers only quitting."""

    BINDINGS = [Binding("ctrl+q", "app.quit", show=False)]
    """Quitting is all there is to do."""

    DEFAULT_CSS = """
    TamperedScreen { background: $error; color: $text; align: center middle; }
    TamperedScreen #tampered { width: 90%; height: auto; padding: 1 2; text-align: center; }
    """

    def __init__(self, error: TamperDetected, lang: str):
        super().__init__(classes="tampered")
        self.error = error
        """What the check found."""
        self.lang = lang
        """Language of the text."""

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static("\n\n".join((t("tampered.title", lang), self.error.message(lang), t("tampered.what", lang),
                                  t("tampered.quit", lang))), id="tampered")


class TamperedApp(App):
    """The screen alone, for a console whose log fails as it opens."""

    def __init__(self, error: TamperDetected, lang: str = "vi"):
        super().__init__()
        self.error = error
        """What the check found."""
        self.lang = lang
        """Language of the text."""

    def get_default_screen(self) -> Screen:
        return TamperedScreen(self.error, self.lang)
