"""The official head of a document: the issuing body under its superior, the Party line or the national motto,
the number with a blank for the office, and the italic place–date line.

Party bodies (``pack.kind == "party"``) print ĐẢNG CỘNG SẢN VIỆT NAM on the right (HD 36-HD/VPTW on Party
documents); state bodies print the motto of NĐ 30/2020 (Quốc hiệu 13 pt capitals, Tiêu ngữ 14 pt, a line under).
"""

from __future__ import annotations

from session.i18n import t
from storage.paper.pdf_base import BODY, FAMILY, SMALL, Page, nfc, pitch

LEFT = 0.42
"""Share of the inner width the issuing body's column takes."""


def _centred(pdf: Page, x: float, w: float, y: float, text: str, size: float, style: str = "") -> float:
    """Wrapped lines centred in the column; returns the y below them."""
    for line in pdf.lines_in(text, w, size, style):
        pdf.set_font(FAMILY, style, size)
        pdf.set_xy(x, y)
        pdf.cell(w, pitch(size), line, align="C")
        y += pitch(size)
    return y


def _rule(pdf: Page, x: float, w: float, y: float, text: str, size: float, style: str) -> None:
    """A short line under the column's last line, as wide as that line's text (or a third of it)."""
    length = pdf.width(nfc(text), size, style) if text else w / 3
    pdf.line(x + (w - length) / 2, y + 0.6, x + (w + length) / 2, y + 0.6)


def official_header(pdf: Page, kind: str, superior: str, body: str, dated: str, number: str | None = None) -> None:
    """Draw the head at the current y: ``kind`` is the pack's (party | state), ``dated`` the place–date line,
    ``number`` the document's symbol ("BB-KP") after "Số: …/"; leaves y below it."""
    lang = pdf.lang
    x, top = pdf.l_margin, pdf.get_y()
    left_w = pdf.inner_width * LEFT
    right_x, right_w = x + left_w, pdf.inner_width - left_w
    y = top
    if superior:
        y = _centred(pdf, x, left_w, y, superior.upper(), BODY - 1)
    y = _centred(pdf, x, left_w, y, body.upper(), BODY - 1, "B")
    if kind == "party":
        y = _centred(pdf, x, left_w, y, "*", BODY - 1)
    else:
        _rule(pdf, x, left_w, y, "", BODY - 1, "B")
        y += 1.5
    if number is not None:
        y = _centred(pdf, x, left_w, y + 1, t("doc.number", lang, symbol=number), BODY)
    left_end = y
    y = top
    if kind == "party":
        line = t("doc.party", lang)
        y = _centred(pdf, right_x, right_w, y, line, BODY + 1, "B")
        _rule(pdf, right_x, right_w, y, line, BODY + 1, "B")
    else:
        y = _centred(pdf, right_x, right_w, y, t("doc.nation", lang), BODY - 1, "B")
        motto = t("doc.motto", lang)
        y = _centred(pdf, right_x, right_w, y, motto, BODY, "B")
        _rule(pdf, right_x, right_w, y, motto, BODY, "B")
    y += 2.5
    if dated:
        y = _centred(pdf, right_x, right_w, y, dated, BODY, "I")
    pdf.set_xy(pdf.l_margin, max(left_end, y) + 3)


def balanced_lines(pdf: Page, text: str, size: float, style: str = "B") -> list[str]:
    """``text`` broken across the inner width so that no word is left alone on its last line ("ỦY")."""
    width = pdf.inner_width
    lines = pdf.lines_in(text, width, size, style)
    # Narrow the measure until the last line holds two words (or the lines would get too short).
    while len(lines) > 1 and len(lines[-1].split()) < 2 and width > pdf.inner_width * 0.5:
        width -= 4
        lines = pdf.lines_in(text, width, size, style)
    return lines


def balanced(pdf: Page, text: str, size: float = 14.0, style: str = "B", upper: bool = True) -> None:
    """A centred title (bold capitals by default) from ``balanced_lines``; leaves y below it."""
    pdf.set_font(FAMILY, style, size)
    for line in balanced_lines(pdf, text.upper() if upper else text, size, style):
        pdf.set_x(pdf.l_margin)
        pdf.cell(pdf.inner_width, pitch(size), line, align="C", new_x="LMARGIN", new_y="NEXT")


def signing_note(pdf: Page, x: float, w: float, y: float) -> float:
    """"(ký, ghi rõ họ tên)" in italic under a signer's title; returns the y below it."""
    return _centred(pdf, x, w, y, t("doc.sign_here", pdf.lang), SMALL, "I")
