"""Ballots on the rule pack's form and batch cover sheets.

Every copy of a ballot is the same drawing: nothing on it is unique to it (its QR
names only the session and the form), so ballots can be told apart only by the
counting team's order within a batch.
"""

from __future__ import annotations

from session.counting import ballot_qr, cover_qr
from session.minutes import dated_line
from session.paper import batch_code
from session.state import SessionState
from storage.paper.pdf_base import FAMILY, Fonts, Page, nfc

PER_PAGE = 50
"""Persons per A4 page; a longer list continues on the next page with the header repeated."""
QR_SIZE = 24.0
"""Side of the ballot's QR, mm."""
MAX_ROW = 9.0
"""Tallest row, mm (short lists)."""


def _form(pack) -> str:
    if pack.code == "APPOINT":
        return "appoint"
    return "binary" if len(pack.levels) == 2 else "three"


def _ballot_header(pdf: Page, s: SessionState, page: int, pages: int) -> None:
    """Body, title, conference, date, filling instructions and the QR; leaves y below them."""
    conf, lang, form = s.conference, pdf.lang, _form(s.pack)
    top = pdf.t_margin
    pdf.qr(ballot_qr(s), pdf.w - pdf.r_margin - QR_SIZE, top - 2, QR_SIZE)
    text_w = pdf.inner_width - QR_SIZE - 4
    pdf.set_xy(pdf.l_margin, top)
    pdf.block(pdf.l_margin, text_w * 0.6, 4, conf.body.upper(), 9, "B")
    pdf.set_xy(pdf.l_margin, top + 9)
    pdf.set_font(FAMILY, "B", 15)
    pdf.cell(pdf.inner_width, 7, pdf_t(pdf, f"doc.ballot_title.{form}"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.block(pdf.l_margin + QR_SIZE, pdf.inner_width - 2 * QR_SIZE, 4.3, conf.title, 9.5, align="C")
    pdf.set_font(FAMILY, "", 8.5)
    pdf.cell(pdf.inner_width, 4.5, nfc(dated_line(s, lang)), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + QR_SIZE) + 1.5)
    limit = "_free" if form == "appoint" and not s.pack.agree_limit else ""
    # The pack's own instructions (only QD96 says a voter may sign); APPOINT names the number of posts.
    how = pdf_t(pdf, f"doc.how.{form}{limit}", posts=conf.posts) if form == "appoint" else s.pack.instructions(lang)
    pdf.block(pdf.l_margin, pdf.inner_width, 3.7, how, 8, fill=242, pad=1)
    if pages > 1:
        pdf.set_font(FAMILY, "", 7.5)
        pdf.cell(pdf.inner_width, 4, pdf_t(pdf, "doc.page_of", page=page, pages=pages), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 1.5)


def pdf_t(pdf: Page, key: str, **params) -> str:
    """A catalogue string in the page's language, NFC."""
    from session.i18n import t

    return nfc(t(key, pdf.lang, **params))


def _columns(pdf: Page, levels: int) -> tuple[float, float, float, float]:
    """Widths of STT, name, position and each level column."""
    level_w = 24.0 if levels == 3 else 27.0
    rest = pdf.inner_width - 9 - level_w * levels
    return 9.0, rest * 0.56, rest * 0.44, level_w


def _table(pdf: Page, s: SessionState, persons, first: int, row_h: float) -> None:
    lang = pdf.lang
    no_w, name_w, pos_w, level_w = _columns(pdf, len(s.pack.levels))
    pdf.set_fill_color(230)
    pdf.set_x(pdf.l_margin)
    head_h = 8.0
    for w, key in ((no_w, "doc.no"), (name_w, "doc.name"), (pos_w, "doc.position")):
        pdf.fit_cell(w, head_h, pdf_t(pdf, key), 8.5, "B", "C")
    labels = [level.vi if lang == "vi" else level.en for level in s.pack.levels]
    head_size = min(pdf.fit_size(nfc(label), level_w, 8.5, "B") for label in labels)
    for label in labels:
        pdf.fit_cell(level_w, head_h, label, head_size, "B", "C")
    pdf.ln(head_h)
    size = min(9.5, max(7.0, row_h * 2.1))
    box = min(4.0, row_h - 1.4)
    levels = len(s.pack.levels)
    for i, person in enumerate(persons, first):
        y = pdf.get_y()
        x = pdf.l_margin
        for w, text, style, align in ((no_w, str(i), "", "C"), (name_w, person.name, "B", "L"), (pos_w, person.position, "", "L")):
            pdf.rect(x, y, w, row_h)
            pdf.fit_text(x, y, w, row_h, text, size, style, align)
            x += w
        for k in range(levels):
            pdf.rect(x + k * level_w, y, level_w, row_h)
            pdf.box(x + k * level_w + (level_w - box) / 2, y + (row_h - box) / 2, box)
        pdf.set_xy(pdf.l_margin, y + row_h)


def draw_ballot(pdf: Page, s: SessionState) -> None:
    """One ballot: as many pages as the list needs, the header on each."""
    persons = s.ballot_persons
    chunks = [persons[i:i + PER_PAGE] for i in range(0, len(persons), PER_PAGE)] or [()]
    per_page = min(len(persons), PER_PAGE) or 1
    for page, chunk in enumerate(chunks, 1):
        pdf.add_page()
        _ballot_header(pdf, s, page, len(chunks))
        room = pdf.h - pdf.b_margin - pdf.get_y() - 8.0 - 4.0
        _table(pdf, s, chunk, (page - 1) * PER_PAGE + 1, min(MAX_ROW, room / per_page))
        # fpdf2 carries the fill colour into the next page; back to the first page's so every page draws the same.
        pdf.set_fill_color(0)


def ballots(s: SessionState, fonts: Fonts, copies: int = 1, lang: str = "vi") -> bytes:
    """``copies`` identical ballots of the session as one PDF."""
    pdf = Page(fonts, lang, s.conference.rehearsal)
    pdf.set_title(nfc(s.conference.title))
    for _ in range(copies):
        draw_ballot(pdf, s)
    return bytes(pdf.output())


def _cover(pdf: Page, s: SessionState, code: str) -> None:
    pdf.add_page()
    conf = s.conference
    pdf.set_font(FAMILY, "B", 10)
    pdf.cell(pdf.inner_width, 5, nfc(conf.body.upper()), new_x="LMARGIN", new_y="NEXT")
    pdf.para(conf.title, 10)
    pdf.para(dated_line(s, pdf.lang), 9)
    pdf.set_y(pdf.get_y() + 6)
    pdf.set_font(FAMILY, "B", 20)
    pdf.cell(pdf.inner_width, 10, pdf_t(pdf, "doc.cover_title"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 40)
    pdf.cell(pdf.inner_width, 20, pdf_t(pdf, "doc.cover_batch", code=code), align="C", new_x="LMARGIN", new_y="NEXT")
    size = 62.0
    payload = cover_qr(s, code)
    pdf.qr(payload, (pdf.w - size) / 2, pdf.get_y() + 2, size)
    pdf.set_y(pdf.get_y() + size + 4)
    pdf.set_font(FAMILY, "", 9)
    pdf.cell(pdf.inner_width, 5, pdf_t(pdf, "doc.cover_scan"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 8)
    pdf.cell(pdf.inner_width, 4, payload, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 8)
    label_w, box_w, row_h = 70.0, 45.0, 12.0
    for key in ("doc.cover_count", "doc.cover_valid", "doc.cover_invalid"):
        pdf.set_x(pdf.l_margin + (pdf.inner_width - label_w - box_w) / 2)
        pdf.fit_cell(label_w, row_h, pdf_t(pdf, key), 11, "B", border=1)
        pdf.cell(box_w, row_h, "", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 12)
    labels = [pdf_t(pdf, "doc.cover_entry", n=1), pdf_t(pdf, "doc.cover_entry", n=2), pdf_t(pdf, "doc.cover_head")]
    signatures(pdf, labels)


def signatures(pdf: Page, labels: list[str], names: list[str] | None = None, space: float = 24.0, columns: int = 0) -> None:
    """Signature blocks in a row of ``columns`` equal columns (centred when fewer): a label, "(ký, ghi rõ họ tên)",
    room to sign, then the name if known (else a box)."""
    columns = max(columns, len(labels))
    col = pdf.inner_width / columns
    y = pdf.get_y()
    left = pdf.l_margin + (columns - len(labels)) * col / 2
    for i, label in enumerate(labels):
        x = left + i * col
        pdf.set_xy(x, y)
        pdf.fit_cell(col, 5, label, 9.5, "B", "C", border=0)
        pdf.set_xy(x, y + 5)
        pdf.fit_cell(col, 4, pdf_t(pdf, "doc.sign_here"), 7.5, "", "C", border=0)
        if names:
            pdf.set_xy(x, y + 10 + space)
            pdf.fit_cell(col, 5, names[i], 9.5, "B", "C", border=0)
        else:
            pdf.rect(x + 4, y + 10, col - 8, space)
    pdf.set_y(y + 10 + space + (10 if names else 2))


def covers(s: SessionState, fonts: Fonts, batches: int, lang: str = "vi") -> bytes:
    """One cover sheet per batch, ``B01`` … as one PDF."""
    pdf = Page(fonts, lang, s.conference.rehearsal)
    pdf.set_title(nfc(s.conference.title))
    for number in range(1, batches + 1):
        _cover(pdf, s, batch_code(number))
    return bytes(pdf.output())
