"""Ballots on the rule pack's form and batch cover sheets.

Every copy of a ballot is the same drawing: nothing on it is unique to it (its QR
names only the session and the form, and the page on a ballot of several pages), so
ballots can be told apart only by the counting team's order within a batch. Four black
squares in the corners let a scan be found, turned and aligned; ``draw_ballot`` can
record where it put them, the QR and every box (``ballot_geometry`` reads that record).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from session.counting import cover_qr, form_code
from session.minutes import dated_line
from session.paper import ballot_payload, batch_code
from session.state import Books, SessionState
from storage.paper.header import balanced, balanced_lines, signing_note
from storage.paper.pdf_base import BODY, FAMILY, SMALL, TITLE, Fonts, Page, nfc, pitch

QR_SIZE = 22.0
"""Side of the ballot's QR with its quiet zone, mm, in the bottom-right corner: a scanner at 150 dpi still reads it
through blur and JPEG (at 16 mm it missed about half the time)."""
FIDUCIAL = 5.0
"""Side of each of the four black squares in the ballot's corners, mm (in the margins, clear of text)."""
EDGE = 8.0
"""Blank paper kept above and below a ballot, mm: a printer cannot print at the very edge of a sheet."""
SEAL = 30.0
"""Side of the space left top-left for the seal, mm (state bodies stamp their ballots)."""
HALF = 148.5
"""Height of half an A4 sheet: a ballot that fits is printed two to a sheet, cut along the line between them."""
MIN_ROW = 8.0
"""Least row height, mm: room for a firm cross."""
BOX = 5.0
"""Side of a box to mark, mm."""
NAME_SIZE, POST_SIZE = SMALL + 0.5, SMALL
"""Type of a name and of a position on the ballot, pt (they wrap inside their cell, they never shrink)."""


def _form(pack) -> str:
    if pack.code == "APPOINT":
        return "appoint"
    return "binary" if len(pack.levels) == 2 else "three"


def pdf_t(pdf: Page, key: str, **params) -> str:
    """A catalogue string in the page's language, NFC."""
    from session.i18n import t

    return nfc(t(key, pdf.lang, **params))


def _instructions(pdf: Page, s: SessionState) -> str:
    form = _form(s.pack)
    limit = "_free" if form == "appoint" and not s.pack.agree_limit else ""
    # The pack's own instructions (only QD96 says a voter may sign); APPOINT names the number of posts.
    return pdf_t(pdf, f"doc.how.{form}{limit}", posts=s.conference.posts) if form == "appoint" else nfc(s.pack.instructions(pdf.lang))


def form_line(pdf: Page, s: SessionState, books: Books | None) -> str:
    """The form's own title and paper colour, printed under the ballot's title when a session has several forms."""
    if books is None or not s.several_forms:
        return ""
    form = books.form
    title = form.title or form.id
    return pdf_t(pdf, "doc.ballot_form_colour", title=title, colour=form.colour) if form.colour else nfc(title)


def _header(pdf: Page, s: SessionState, top: float, page: int, pages: int, books: Books | None = None) -> float:
    """The body (or the seal space), title, conference, date and instructions from ``top``; returns the y below."""
    conf, lang = s.conference, pdf.lang
    left_w = pdf.inner_width * 0.4
    pdf.set_xy(pdf.l_margin, top)
    if s.pack.kind == "state":
        # The Assembly's (council's) seal goes top-left: the space is left blank, marked only faintly.
        pdf.set_draw_color(170)
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.rect(pdf.l_margin, top, SEAL, SEAL * 0.8)
        pdf.set_dash_pattern()
        pdf.set_draw_color(0)
        pdf.set_text_color(150)
        pdf.fit_text(pdf.l_margin, top, SEAL, SEAL * 0.8, pdf_t(pdf, "doc.seal"), SMALL, "I", "C")
        pdf.set_text_color(0)
        y = top + SEAL * 0.8
    else:
        y = top
        for text, style in ((conf.superior.upper(), ""), (conf.body.upper(), "B")):
            for line in pdf.lines_in(text, left_w, SMALL, style) if text else ():
                pdf.set_font(FAMILY, style, SMALL)
                pdf.set_xy(pdf.l_margin, y)
                pdf.cell(left_w, pitch(SMALL), line, align="C")
                y += pitch(SMALL)
    pdf.set_xy(pdf.l_margin + left_w, top)
    pdf.set_font(FAMILY, "I", SMALL)
    pdf.cell(pdf.inner_width - left_w, pitch(SMALL) + 1, nfc(dated_line(s, lang)), align="R")
    pdf.set_y(max(top + 9, min(y, top + 12)))
    balanced(pdf, pdf_t(pdf, f"doc.ballot_title.{_form(s.pack)}"), TITLE + 2, "B")
    line = form_line(pdf, s, books)
    if line:
        balanced(pdf, line, BODY, "B")
    balanced(pdf, conf.title, BODY, "B", upper=False)
    pdf.set_y(max(pdf.get_y(), y) + 1.5)
    pdf.block(pdf.l_margin, pdf.inner_width, pitch(SMALL), _instructions(pdf, s), SMALL, "I", fill=242, pad=1)
    if pages > 1:
        pdf.set_font(FAMILY, "", SMALL)
        pdf.cell(pdf.inner_width, pitch(SMALL), pdf_t(pdf, "doc.page_of", page=page, pages=pages), align="R",
                 new_x="LMARGIN", new_y="NEXT")
    return pdf.get_y() + 1.5


def _columns(pdf: Page, levels: int) -> tuple[float, float, float, float]:
    """Widths of STT, name, position and each level column."""
    level_w = 24.0 if levels == 3 else 28.0
    rest = pdf.inner_width - 12 - level_w * levels
    return 12.0, rest * 0.56, rest * 0.44, level_w


def _row_height(pdf: Page, person, widths) -> float:
    _, name_w, pos_w, _ = widths
    return max(MIN_ROW, pdf.text_height(person.name, name_w, NAME_SIZE, "B"), pdf.text_height(person.position, pos_w, POST_SIZE))


def _head_height(pdf: Page, s: SessionState, widths) -> float:
    labels = [level.vi if pdf.lang == "vi" else level.en for level in s.pack.levels]
    return max(pdf.text_height(label, widths[3], SMALL, "B") for label in labels + [pdf_t(pdf, "doc.no")])


@dataclass
class Placed:
    """Where one page of a ballot put what a scanner looks for, mm on that page."""

    page: int
    """The page of the ballot (1-based)."""
    pages: int
    """Pages of the ballot."""
    payload: str = ""
    """The text of the page's QR."""
    qr: tuple[float, float, float] = (0.0, 0.0, 0.0)
    """The QR image's top-left corner and side, quiet zone included."""
    fiducials: list[tuple[float, float]] = field(default_factory=list)
    """Centres of the corner squares: top-left, top-right, bottom-right, bottom-left."""
    rows: list[tuple[int, float, float, float, float]] = field(default_factory=list)
    """Each row: its index in the form's persons (0-based), x, y, width, height."""
    boxes: list[tuple[int, int, float, float, float, tuple[float, float, float, float]]] = field(default_factory=list)
    """Each box: row index, level (1-based), x, y of its top-left corner, side, and its cell (x, y, w, h)."""


def _fiducials(pdf: Page, top: float, bottom: float) -> list[tuple[float, float]]:
    """The four corner squares of a ballot between ``top`` and ``bottom``, in the side margins; returns their centres."""
    left = pdf.l_margin - 6.0 - FIDUCIAL
    right = pdf.w - pdf.r_margin + 3.0
    corners = ((left, top), (right, top), (right, bottom - FIDUCIAL), (left, bottom - FIDUCIAL))
    pdf.set_fill_color(0)
    for x, y in corners:
        pdf.rect(x, y, FIDUCIAL, FIDUCIAL, style="F")
    return [(x + FIDUCIAL / 2, y + FIDUCIAL / 2) for x, y in corners]


def _table(pdf: Page, s: SessionState, persons, first: int, y: float, placed: Placed | None = None) -> float:
    """The table head and the rows of ``persons`` from ``y`` (recording rows and boxes in ``placed``); returns the y below."""
    widths = _columns(pdf, len(s.pack.levels))
    no_w, name_w, pos_w, level_w = widths
    labels = [level.vi if pdf.lang == "vi" else level.en for level in s.pack.levels]
    head_h = _head_height(pdf, s, widths)
    x = pdf.l_margin
    pdf.set_fill_color(230)
    for w, text in ((no_w, pdf_t(pdf, "doc.no")), (name_w, pdf_t(pdf, "doc.name")), (pos_w, pdf_t(pdf, "doc.position")),
                    *((level_w, label) for label in labels)):
        pdf.rect(x, y, w, head_h, style="DF")
        pdf.fit_text(x, y, w, head_h, text, SMALL, "B", "C")
        x += w
    y += head_h
    for i, person in enumerate(persons, first):
        row_h = _row_height(pdf, person, widths)
        x = pdf.l_margin
        for w, text, size, style, align in ((no_w, str(i), POST_SIZE, "", "C"), (name_w, person.name, NAME_SIZE, "B", "L"),
                                            (pos_w, person.position, POST_SIZE, "", "L")):
            pdf.rect(x, y, w, row_h)
            pdf.fit_text(x, y, w, row_h, text, size, style, align)
            x += w
        for k in range(len(labels)):
            cell = (x + k * level_w, y, level_w, row_h)
            pdf.rect(*cell)
            pdf.box(cell[0] + (level_w - BOX) / 2, y + (row_h - BOX) / 2, BOX)
            if placed is not None:
                placed.boxes.append((i - 1, k + 1, cell[0] + (level_w - BOX) / 2, y + (row_h - BOX) / 2, BOX, cell))
        if placed is not None:
            placed.rows.append((i - 1, pdf.l_margin, y, pdf.inner_width, row_h))
        y += row_h
    return y


def _foot(pdf: Page, s: SessionState, y: float, bottom: float, page: int, pages: int, books: Books | None = None,
          placed: Placed | None = None) -> None:
    """The signing line (on the last page) where the pack allows a voter to sign, left of the QR bottom-right."""
    if s.pack.signing and page == pages:
        # Kept clear of the QR: a signature across it would make the scan unreadable.
        x = pdf.l_margin + pdf.inner_width * 0.45
        w = pdf.inner_width * 0.55 - QR_SIZE - 3
        pdf.set_font(FAMILY, "B", SMALL)
        pdf.set_xy(x, y + 2)
        pdf.cell(w, pitch(SMALL), pdf_t(pdf, "doc.ballot_signer"), align="C")
        signing_note(pdf, x, w, y + 2 + pitch(SMALL))
    payload = ballot_payload(s.session_id, form_code(s, books), page, pages)
    qr = (pdf.w - pdf.r_margin - QR_SIZE, bottom - QR_SIZE, QR_SIZE)
    pdf.qr(payload, *qr)
    if placed is not None:
        placed.payload, placed.qr = payload, qr


FOOT = QR_SIZE + 2.0
"""Room below the table for the signing line and the QR, mm."""


def _pages(pdf: Page, s: SessionState, room: float, head: float, books: Books | None = None) -> list[tuple]:
    """The persons split into pages of ``room`` mm each (the header of ``head`` mm repeated on every page)."""
    widths = _columns(pdf, len(s.pack.levels))
    table_head = _head_height(pdf, s, widths)
    pages: list[list] = [[]]
    used = head + table_head
    for person in (books or s.main).persons:
        row_h = _row_height(pdf, person, widths)
        if pages[-1] and used + row_h > room - FOOT:
            pages.append([])
            used = head + table_head
        pages[-1].append(person)
        used += row_h
    return [tuple(chunk) for chunk in pages]


def _header_height(pdf: Page, s: SessionState, pages: int, books: Books | None = None) -> float:
    """Height the header takes, remembered per document and form."""
    key = ("ballot_head", pages, books.id if books else "")
    found = pdf._fits.get(key)
    if found is None:
        found = pdf._fits[key] = _measure(pdf, s, pages, books)
    return found  # type: ignore[return-value]


def _measure(pdf: Page, s: SessionState, pages: int, books: Books | None = None) -> float:
    """Lines the header wraps to, summed the way ``_header`` lays them out."""
    conf = s.conference
    title_h = len(balanced_lines(pdf, pdf_t(pdf, f"doc.ballot_title.{_form(s.pack)}").upper(), TITLE + 2)) * pitch(TITLE + 2)
    conf_h = len(balanced_lines(pdf, conf.title, BODY)) * pitch(BODY)
    line = form_line(pdf, s, books)
    conf_h += len(balanced_lines(pdf, line, BODY)) * pitch(BODY) if line else 0
    how_h = len(pdf.wrap(_instructions(pdf, s), pdf.inner_width - 2, SMALL, "I")) * pitch(SMALL) + 2
    left = SEAL * 0.8 if s.pack.kind == "state" else 12
    return max(12.0, 9 + title_h + conf_h, left) + 1.5 + how_h + (pitch(SMALL) if pages > 1 else 0) + 1.5


def layout(pdf: Page, s: SessionState, books: Books | None = None) -> tuple[bool, list[tuple]]:
    """(two to a sheet, the persons of each page): two when the whole ballot fits half a sheet."""
    room_half = HALF - 2 * EDGE
    chunks = _pages(pdf, s, room_half, _header_height(pdf, s, 1, books), books)
    if len(chunks) == 1:
        return True, chunks
    room = pdf.h - pdf.t_margin - EDGE
    chunks = _pages(pdf, s, room, _header_height(pdf, s, 2, books), books)
    return False, chunks


def draw_ballot(pdf: Page, s: SessionState, top: float | None = None, bottom: float | None = None,
                chunks: list[tuple] | None = None, on_this_page: bool = False, books: Books | None = None,
                record: list[Placed] | None = None) -> None:
    """One ballot: between ``top`` and ``bottom`` of the current page (half a sheet), else from the top of the
    current page (``on_this_page``) or of a new one, with as many pages as its list needs; ``record`` gets
    where each page put its corner squares, QR, rows and boxes."""
    chunks = chunks if chunks is not None else layout(pdf, s, books)[1]
    first = 1
    for page, chunk in enumerate(chunks, 1):
        if page > 1 or (top is None and not on_this_page):
            pdf.add_page()
        y0, y1 = (top, bottom) if top is not None and page == 1 else (pdf.t_margin, pdf.h - EDGE)
        placed = Placed(page, len(chunks)) if record is not None else None
        corners = _fiducials(pdf, y0, y1)
        y = _header(pdf, s, y0, page, len(chunks), books)
        y = _table(pdf, s, chunk, first, y, placed)
        first += len(chunk)
        _foot(pdf, s, y, y1, page, len(chunks), books, placed)
        if placed is not None and record is not None:
            placed.fiducials = corners
            record.append(placed)
        # fpdf2 carries the fill colour into the next page; back to the first page's so every page draws the same.
        pdf.set_fill_color(0)


def _cut_line(pdf: Page) -> None:
    """A dashed line across the middle of the sheet, where the two ballots are cut apart."""
    pdf.set_draw_color(120)
    pdf.set_dash_pattern(dash=2, gap=2)
    pdf.line(4, HALF, pdf.w - 4, HALF)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0)


def ballots(s: SessionState, fonts: Fonts, copies: int = 1, lang: str = "vi") -> bytes:
    """``copies`` identical ballots of every form of the session as one PDF, form after form, each form on sheets
    of its own (a form is printed on its own paper colour): two to an A4 sheet when one fits half of it."""
    pdf = Page(fonts, lang, s.conference.rehearsal)
    pdf.set_title(nfc(s.conference.title))
    pdf.add_page()  # fpdf2 measures text on a page
    for index, books in enumerate(s.books.values() if s.several_forms else (s.main,)):
        two, chunks = layout(pdf, s, books)
        for n in range(copies):
            first = index == 0 and n == 0
            if not two:
                draw_ballot(pdf, s, chunks=chunks, on_this_page=first, books=books)
            elif n % 2 == 0:
                if not first:
                    pdf.add_page()
                _cut_line(pdf)
                draw_ballot(pdf, s, EDGE, HALF - EDGE, chunks, books=books)
            else:
                draw_ballot(pdf, s, HALF + EDGE, pdf.h - EDGE, chunks, books=books)
    return bytes(pdf.output())


def _cover(pdf: Page, s: SessionState, code: str, books: Books | None = None) -> None:
    pdf.add_page()
    conf = s.conference
    pdf.para(conf.body.upper(), SMALL + 1, "B")
    pdf.para(conf.title, SMALL + 1)
    pdf.para(dated_line(s, pdf.lang), SMALL + 1, "I")
    pdf.set_y(pdf.get_y() + 5)
    pdf.set_font(FAMILY, "B", 20)
    pdf.cell(pdf.inner_width, 10, pdf_t(pdf, "doc.cover_title"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "B", 40)
    pdf.cell(pdf.inner_width, 18, pdf_t(pdf, "doc.cover_batch", code=code), align="C", new_x="LMARGIN", new_y="NEXT")
    line = form_line(pdf, s, books)
    if line:
        balanced(pdf, line, TITLE, "B")
    size = 56.0
    payload = cover_qr(s, code, books)
    pdf.qr(payload, pdf.l_margin + (pdf.inner_width - size) / 2, pdf.get_y() + 2, size)
    pdf.set_y(pdf.get_y() + size + 4)
    pdf.set_font(FAMILY, "I", SMALL)
    pdf.cell(pdf.inner_width, pitch(SMALL), pdf_t(pdf, "doc.cover_scan"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", SMALL)
    pdf.cell(pdf.inner_width, pitch(SMALL), payload, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 6)
    label_w, box_w, row_h = 75.0, 45.0, 12.0
    for key in ("doc.cover_count", "doc.cover_valid", "doc.cover_invalid"):
        pdf.set_x(pdf.l_margin + (pdf.inner_width - label_w - box_w) / 2)
        pdf.fit_cell(label_w, row_h, pdf_t(pdf, key), BODY, "B", border=1)
        pdf.cell(box_w, row_h, "", border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(pdf.get_y() + 10)
    # The second entry is a box to sign only where a second station enters the batch blind.
    entries = [pdf_t(pdf, "doc.cover_entry", n=n) for n in ((1, 2) if s.double_entry else (1,))]
    signatures(pdf, entries + [pdf_t(pdf, "doc.cover_head")])


def signatures(pdf: Page, labels: list[str], names: list[str] | None = None, space: float = 24.0, columns: int = 0) -> None:
    """Signature blocks in a row of ``columns`` equal columns (centred when fewer): a bold title, "(ký, ghi rõ họ
    tên)" in italic, room to sign, then the name if known (else a box)."""
    columns = max(columns, len(labels))
    col = pdf.inner_width / columns
    y = pdf.get_y()
    left = pdf.l_margin + (columns - len(labels)) * col / 2
    label_h = max(pdf.text_height(label, col, BODY, "B", pad=0) for label in labels)
    name_h = max(pdf.text_height(name, col, BODY, "B", pad=0) for name in names) if names else 0.0
    for i, label in enumerate(labels):
        x = left + i * col
        pdf.fit_text(x, y, col, label_h, label, BODY, "B", "C")
        below = signing_note(pdf, x, col, y + label_h)
        if names:
            pdf.fit_text(x, below + space, col, name_h, names[i], BODY, "B", "C")
        else:
            pdf.rect(x + 4, below + 1, col - 8, space)
    pdf.set_xy(pdf.l_margin, y + label_h + pitch(SMALL) + space + (name_h + 4 if names else 3))


def covers(s: SessionState, fonts: Fonts, batches: int, lang: str = "vi") -> bytes:
    """One cover sheet per batch, ``B01`` … as one PDF; with several forms, ``batches`` covers for each form
    (batch codes count within their form, and the QR names it)."""
    pdf = Page(fonts, lang, s.conference.rehearsal)
    pdf.set_title(nfc(s.conference.title))
    for books in s.books.values() if s.several_forms else (s.main,):
        for number in range(1, batches + 1):
            _cover(pdf, s, batch_code(number), books)
    return bytes(pdf.output())
