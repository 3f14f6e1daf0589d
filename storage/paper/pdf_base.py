"""The page every document is printed on: A4 in a serif with full Vietnamese, QR images, the rehearsal mark.

The faces come from the caller (the package ships Liberation Serif in ``tui/data``,
metric-compatible with Times New Roman, the face of administrative documents);
when none is given the usual system folders are searched, and a missing font is
a clear error rather than a PDF with holes where the diacritics should be.
DejaVu Sans stands in for the few signs the serif lacks (⌈ ⌉ in the working).
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

FAMILY = "Serif"
"""Font family name inside the PDF."""
FALLBACK = "Signs"
"""Family drawn for characters the serif has no glyph for."""
BODY = 13.0
"""Body text, pt (NĐ 30/2020: 13–14)."""
SMALL = 11.0
"""The least size anything is printed at, pt: tables, notes, the footer band."""
TITLE = 14.0
"""Titles, pt (bold capitals)."""
PITCH = 0.3528 * 1.25
"""Line pitch per pt of type, mm."""
SYSTEM_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
               "/usr/share/fonts/liberation", "/usr/local/share/fonts")
"""Where Liberation Serif is looked for when the caller gives no folder."""
FACES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf", "italic": "LiberationSerif-Italic.ttf"}
SIGNS = "DejaVuSans.ttf"
SIGNS_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")


@dataclass(frozen=True)
class Fonts:
    """The faces every document uses."""

    regular: Path
    """Regular face (TTF)."""
    bold: Path
    """Bold face (TTF): titles, names."""
    italic: Path
    """Italic face (TTF): the place–date line, the notes under a signature."""
    signs: Path | None = None
    """A face for the signs the serif lacks (⌈ ⌉); None draws them as the serif's missing glyph."""


def find_fonts(folder: Path | str | None = None) -> Fonts:
    """The Liberation Serif faces in ``folder``, else in the system folders; BadInput if none has all three."""
    folders = [Path(folder)] if folder else []
    folders += [Path(d) for d in SYSTEM_DIRS]
    for base in folders:
        if all((base / name).is_file() for name in FACES.values()):
            signs = next((d / SIGNS for d in [base, *map(Path, SIGNS_DIRS)] if (d / SIGNS).is_file()), None)
            return Fonts(*(base / name for name in FACES.values()), signs=signs)
    raise BadInput("doc.no_font", where=", ".join(str(f) for f in folders))


QR_QUIET = 4
"""Modules of blank quiet zone around a printed QR code (part of its image)."""


def _qr_code(payload: str) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=QR_QUIET)
    code.add_data(payload)
    code.make(fit=True)
    return code


def qr_modules(payload: str) -> int:
    """Modules across the QR symbol of ``payload``, quiet zone left out (21 for version 1, 4 more per version)."""
    return _qr_code(payload).modules_count


@lru_cache(maxsize=64)
def qr_png(payload: str) -> bytes:
    """The QR code of ``payload`` as PNG bytes (medium error correction, quiet zone included)."""
    code = _qr_code(payload)
    buf = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    return buf.getvalue()


def nfc(text: str) -> str:
    """Precomposed Vietnamese (one glyph per letter, as the font and text extraction expect)."""
    return unicodedata.normalize("NFC", text)


def pitch(size: float) -> float:
    """Line height of ``size`` pt type, mm."""
    return size * PITCH


class Page(FPDF):
    """A4 (or A5) in Liberation Serif; a rehearsal is stamped across every page."""

    def __init__(self, fonts: Fonts, lang: str = "vi", rehearsal: bool = False):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.lang = lang
        self.rehearsal = rehearsal
        self._fits: dict[tuple, object] = {}
        # NĐ 30/2020: margins top/bottom 20–25, left 30–35, right 15–20 mm.
        self.set_margins(25, 15, 15)
        self.set_auto_page_break(False)
        self.add_font(FAMILY, "", str(fonts.regular))
        self.add_font(FAMILY, "B", str(fonts.bold))
        self.add_font(FAMILY, "I", str(fonts.italic))
        if fonts.signs:
            self.add_font(FALLBACK, "", str(fonts.signs))
            self.set_fallback_fonts([FALLBACK], exact_match=False)
        self.set_font(FAMILY, size=BODY)
        self._cmap = self.current_font.cmap
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

    def footer_on(self, page: int, text: str, top: float | None = None) -> None:
        """Write ``text`` in the footer band of an already drawn ``page`` (the minutes know page x/y only at the end)."""
        current = self.page
        self.page = page
        # Two sizes in a row force fpdf2 to select the font in this page's own stream.
        self.set_font(FAMILY, "", SMALL + 0.5)
        self.set_font(FAMILY, "", SMALL)
        self.set_text_color(60)
        band = self.h - 11 if top is None else top
        self.set_draw_color(150)
        self.line(self.l_margin, band - 1, self.w - self.r_margin, band - 1)
        self.set_draw_color(0)
        self.set_xy(self.l_margin, band)
        self.cell(self.inner_width, pitch(SMALL), nfc(text), align="C")
        self.set_text_color(0)
        self.page = current

    def wrap(self, text: str, w: float, size: float, style: str = "") -> list[str]:
        """The lines ``multi_cell`` would break ``text`` into at width ``w``; remembered per document."""
        key = ("wrap", text, w, size, style)
        found = self._fits.get(key)
        if found is None:
            self.set_font(FAMILY, style, size)
            found = [line.strip() for line in self.multi_cell(w, 4, nfc(text), dry_run=True, output="LINES")]
            self._fits[key] = found
        return found  # type: ignore[return-value]

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

    def fit_size(self, text: str, w: float, size: float, style: str = "", least: float = SMALL) -> float:
        """The largest size ≤ ``size`` (down to ``least`` pt, never below SMALL) at which ``text`` fits ``w``."""
        least = max(least, SMALL)
        key = (text, w, size, style, least)
        found = self._fits.get(key)
        if found is None:
            found = size
            while found > least and self.width(text, found, style) > w - 2 * self.c_margin:
                found -= 0.5
            self._fits[key] = found
        return found  # type: ignore[return-value]

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
                 border: int | str = 1, least: float = SMALL) -> None:
        """One cell whose short text shrinks (never below SMALL) rather than overflow its box."""
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

    def lines_in(self, text: str, w: float, size: float, style: str = "") -> list[str]:
        """``text`` broken to fit a cell ``w`` wide (inner padding kept) at ``size``: it wraps, it never shrinks."""
        return self.wrap(nfc(text), w - 2 * self.c_margin, size, style)

    def text_height(self, text: str, w: float, size: float, style: str = "", pad: float = 1.0) -> float:
        """Height a cell ``w`` wide needs to hold ``text`` at ``size``, with ``pad`` above and below."""
        return len(self.lines_in(text, w, size, style)) * pitch(size) + 2 * pad

    def row_height(self, widths: list[float], cells: list[str], size: float, style: str = "") -> float:
        """Height of a row of bordered cells: its longest wrapped cell's."""
        return max(self.text_height(text, w, size, style) for w, text in zip(widths, cells))

    def draw_row(self, widths: list[float], cells: list[str], h: float, size: float, style: str = "", aligns: str = "",
                 fill: bool = False) -> None:
        """A row of bordered cells ``h`` tall at the current y (shaded when ``fill``); leaves y below it."""
        x, y = self.l_margin, self.get_y()
        self.set_fill_color(232)
        for i, (w, text) in enumerate(zip(widths, cells)):
            self.rect(x, y, w, h, style="DF" if fill else "D")
            self.fit_text(x, y, w, h, text, size, style, aligns[i] if aligns else "L")
            x += w
        self.set_xy(self.l_margin, y + h)

    def fit_text(self, x: float, y: float, w: float, h: float, text: str, size: float, style: str = "",
                 align: str = "L") -> None:
        """Text wrapped inside a w×h box, centred in its height; draws no border (the caller sizes ``h`` with
        ``text_height``). Lines the serif can draw go out without fpdf2's line machinery (fast on long tables)."""
        lines = self.lines_in(text, w, size, style)
        self.set_font(FAMILY, style, size)
        step = pitch(size)
        top = y + (h - step * len(lines)) / 2
        for k, line in enumerate(lines):
            if all(ord(c) in self._cmap for c in line):
                if align == "C":
                    left = x + (w - self.width(line, size, style)) / 2
                elif align == "R":
                    left = x + w - self.c_margin - self.width(line, size, style)
                else:
                    left = x + self.c_margin
                # Baseline placed so the x-height sits in the middle of the line.
                self.text(left, top + step * (k + 0.5) + size * 0.3528 * 0.33, line)
            else:
                self.set_xy(x, top + step * k)
                self.cell(w, step, line, align=align)
        self.set_font(FAMILY, style, size)

    def box(self, x: float, y: float, size: float) -> None:
        """An empty square to mark."""
        self.rect(x, y, size, size)

    def para(self, text: str, size: float = BODY, style: str = "", h: float | None = None, align: str = "L",
             indent: float = 0.0) -> None:
        """A wrapped paragraph across the inner width."""
        self.set_font(FAMILY, style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.inner_width - indent, h or pitch(size), nfc(text), align=align, new_x="LMARGIN", new_y="NEXT")
