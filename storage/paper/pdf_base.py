"""The page every document is printed on: A4, a Unicode font with full Vietnamese, QR images, the rehearsal mark.

The font comes from the caller (the package ships DejaVu Sans in ``tui/data``);
when none is given the usual system folders are searched, and a missing font is
a clear error rather than a PDF with holes where the diacritics should be.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode
from fpdf import FPDF

import session.paper  # noqa: F401  (registers the document strings)
from session.errors import BadInput
from session.i18n import t

FAMILY = "DejaVu"
"""Font family name inside the PDF."""
SYSTEM_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts")
"""Where a DejaVu Sans is looked for when the caller gives no folder."""
REGULAR, BOLD = "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class Fonts:
    """The two faces every document uses."""

    regular: Path
    """Regular face (TTF)."""
    bold: Path
    """Bold face (TTF)."""


def find_fonts(folder: Path | str | None = None) -> Fonts:
    """The DejaVu Sans faces in ``folder``, else in the system folders; BadInput if none has both."""
    folders = [Path(folder)] if folder else []
    folders += [Path(d) for d in SYSTEM_DIRS]
    for base in folders:
        if (base / REGULAR).is_file() and (base / BOLD).is_file():
            return Fonts(base / REGULAR, base / BOLD)
    raise BadInput("doc.no_font", where=", ".join(str(f) for f in folders))


@lru_cache(maxsize=64)
def qr_png(payload: str) -> bytes:
    """The QR code of ``payload`` as PNG bytes (medium error correction, quiet zone included)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
    code.add_data(payload)
    code.make(fit=True)
    buf = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue()


def nfc(text: str) -> str:
    """Precomposed Vietnamese (one glyph per letter, as the font and text extraction expect)."""
    return unicodedata.normalize("NFC", text)


class Page(FPDF):
    """A4 portrait in DejaVu Sans; a rehearsal is stamped across every page."""

    def __init__(self, fonts: Fonts, lang: str = "vi", rehearsal: bool = False):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.lang = lang
        self.rehearsal = rehearsal
        self._fits: dict[tuple, object] = {}
        self.set_margins(14, 12, 14)
        self.set_auto_page_break(False)
        self.add_font(FAMILY, "", str(fonts.regular))
        self.add_font(FAMILY, "B", str(fonts.bold))
        self.set_font(FAMILY, size=10)
        self.set_creator("tinnhiem")
        # A fixed date keeps identical input → identical bytes (the archive manifest, the tests).
        from datetime import UTC, datetime

        self.set_creation_date(datetime(2000, 1, 1, tzinfo=UTC))

    @property
    def inner_width(self) -> float:
        """Width between the margins."""
        return self.w - self.l_margin - self.r_margin

    def header(self) -> None:
        if self.rehearsal:
            self._stamp()

    def footer_on(self, page: int, text: str) -> None:
        """Write ``text`` at the foot of an already drawn ``page`` (the minutes know page x/y only at the end)."""
        current = self.page
        self.page = page
        # Two sizes in a row force fpdf2 to select the font in this page's own stream.
        self.set_font(FAMILY, "", 7.5)
        self.set_font(FAMILY, "", 7)
        self.set_text_color(60)
        self.set_xy(self.l_margin, self.h - 9)
        self.cell(self.inner_width, 4, nfc(text), align="C")
        self.set_text_color(0)
        self.page = current

    def wrap(self, text: str, w: float, size: float, style: str = "") -> list[str]:
        """The lines ``multi_cell`` would break ``text`` into at width ``w``; remembered per document."""
        key = ("wrap", text, w, size, style)
        found = self._fits.get(key)
        if found is None:
            self.set_font(FAMILY, style, size)
            found = self.multi_cell(w, 4, nfc(text), dry_run=True, output="LINES")
            self._fits[key] = found
        return found

    def _stamp(self) -> None:
        """"THỬ NGHIỆM" diagonally across the page, light enough to read the content through."""
        state = (self.font_family, self.font_style, self.font_size_pt, self.x, self.y)
        self.set_font(FAMILY, "B", 80)
        self.set_text_color(215)
        text = t("doc.rehearsal", self.lang)
        width = self.get_string_width(text)
        with self.rotation(angle=55, x=self.w / 2, y=self.h / 2):
            self.text(self.w / 2 - width / 2, self.h / 2 + 10, text)
        self.set_text_color(0)
        self.set_font(state[0], state[1], state[2])
        self.set_xy(state[3], state[4])

    def qr(self, payload: str, x: float, y: float, size: float) -> None:
        """Draw the QR of ``payload`` with its top-left corner at (x, y)."""
        self.image(io.BytesIO(qr_png(payload)), x=x, y=y, w=size, h=size)

    def fit_size(self, text: str, w: float, size: float, style: str = "", least: float = 5.5) -> float:
        """The largest size ≤ ``size`` (down to ``least`` pt) at which ``text`` fits ``w``; remembered per page set."""
        key = (text, w, size, style, least)
        found = self._fits.get(key)
        if found is None:
            found = size
            self.set_font(FAMILY, style, found)
            while found > least and self.get_string_width(text) > w - 2 * self.c_margin:
                found -= 0.5
                self.set_font(FAMILY, style, found)
            self._fits[key] = found
        return found

    def block(self, x: float, w: float, h: float, text: str, size: float, style: str = "", align: str = "L",
              fill: int | None = None, pad: float = 0.0) -> None:
        """Wrapped text drawn line by line from cached breaks (text repeated on every ballot is broken once);
        with ``fill`` a bordered box of that grey behind it. Leaves y below it at the left margin."""
        lines = self.wrap(text, w - 2 * pad, size, style)
        top = self.get_y()
        if fill is not None:
            self.set_fill_color(fill)
            self.rect(x, top, w, len(lines) * h + 2 * pad, style="DF")
        self.set_font(FAMILY, style, size)
        for k, line in enumerate(lines):
            self.set_xy(x + pad, top + pad + k * h)
            self.cell(w - 2 * pad, h, line, align=align)
        self.set_xy(self.l_margin, top + 2 * pad + len(lines) * h)

    def fit_cell(self, w: float, h: float, text: str, size: float, style: str = "", align: str = "L",
                 border: int | str = 1, least: float = 5.5) -> None:
        """One cell whose text shrinks (down to ``least`` pt) rather than overflow its box."""
        text = nfc(text)
        self.set_font(FAMILY, style, self.fit_size(text, w, size, style, least))
        self.cell(w, h, text, border=border, align=align)

    def width(self, text: str, size: float, style: str = "") -> float:
        """Width of ``text`` at ``size``, remembered per document."""
        key = ("width", text, size, style)
        found = self._fits.get(key)
        if found is None:
            self.set_font(FAMILY, style, size)
            found = self._fits[key] = self.get_string_width(text)
        return found  # type: ignore[return-value]

    def fit_text(self, x: float, y: float, w: float, h: float, text: str, size: float, style: str = "",
                 align: str = "L") -> None:
        """Text in a w×h box without fpdf2's line-breaking machinery (fast path for long tables); draws no border.

        It shrinks to 7 pt on one line; text still too long goes on two lines (a long post or name)
        at the largest size both fit, rather than run into the next column."""
        text = nfc(text)
        room = w - 2 * self.c_margin
        one = self.fit_size(text, w, size, style, least=7)
        lines = [text]
        if self.width(text, one, style) > room:
            two = min(size, h / 2 / 0.3528 / 1.2)
            while two > 4.5 and len(self.wrap(text, w, two, style)) > 2:
                two -= 0.5
            one = self.fit_size(text, w, size, style, least=4.5)
            if two > one:
                one, lines = two, [line.strip() for line in self.wrap(text, w, two, style)]
        self.set_font(FAMILY, style, one)
        pitch = one * 0.3528 * 1.2
        top = y + (h - pitch * len(lines)) / 2
        for k, line in enumerate(lines):
            left = x + self.c_margin if align == "L" else x + (w - self.width(line, one, style)) / 2
            # Baseline placed so the x-height sits in the middle of the line.
            self.text(left, top + pitch * (k + 0.5) + one * 0.3528 * 0.36, line)
        self.set_font(FAMILY, style, one)

    def box(self, x: float, y: float, size: float) -> None:
        """An empty square to mark."""
        self.rect(x, y, size, size)

    def para(self, text: str, size: float = 10, style: str = "", h: float | None = None, align: str = "L") -> None:
        """A wrapped paragraph across the inner width."""
        self.set_font(FAMILY, style, size)
        self.set_x(self.l_margin)
        self.multi_cell(self.inner_width, h or size * 0.45, nfc(text), align=align, new_x="LMARGIN", new_y="NEXT")
