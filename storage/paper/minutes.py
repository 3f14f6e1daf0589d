"""The counting minutes as PDF: three copies, each page with the session id, page x/y, the log code and the copy mark.

It lays out ``session.minutes.Minutes`` and computes nothing of its own.
"""

from __future__ import annotations

from session.i18n import t
from session.minutes import COPIES, Minutes
from storage.paper.ballots import signatures
from storage.paper.pdf_base import FAMILY, Fonts, Page, nfc

BOTTOM = 16.0
"""Room kept free at the foot of each page for the footer, mm."""
QR_SIZE = 34.0
"""Side of the integrity QR, mm."""


class _Copy:
    """Draws one copy of the minutes onto ``pdf``, starting a new page."""

    def __init__(self, pdf: Page, m: Minutes, copy: int):
        self.pdf, self.m, self.copy = pdf, m, copy
        self.first = self.last = 0
        """First and last page of this copy, known once drawn."""

    def tr(self, key: str, **params) -> str:
        return nfc(t(key, self.m.lang, **params))

    def footers(self) -> None:
        """Session id, page x/y, the log code and the copy mark at the foot of each of this copy's pages."""
        pages = self.last - self.first + 1
        for number in range(self.first, self.last + 1):
            page = self.tr("doc.page_of", page=number - self.first + 1, pages=pages)
            self.pdf.footer_on(number, self.tr("doc.footer", session=self.m.session_id, rules=self.m.rules_code, page=page, code=self.m.code,
                                               copy=self.tr("doc.copy", n=self.copy, of=COPIES)))

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit."""
        if self.pdf.get_y() + height > self.pdf.h - BOTTOM:
            self.pdf.add_page()

    def note(self, text: str, size: float = 9, h: float = 4.6) -> None:
        """A wrapped line of notes, on a new page unless all of it fits above the footer."""
        pdf = self.pdf
        pdf.set_font(FAMILY, "", size)
        lines = pdf.multi_cell(pdf.inner_width, h, nfc(text), dry_run=True, output="LINES")
        self.room(h * len(lines))
        pdf.para(text, size, h=h)

    def section(self, key: str, keep: float = 8.0) -> None:
        """A numbered heading, on a new page unless ``keep`` mm of what follows fit under it."""
        self.room(9 + keep)
        self.pdf.set_y(self.pdf.get_y() + 2.5)
        self.pdf.para(self.tr(key), 10.5, "B", 6)

    def draw(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        self.first = pdf.page
        self.head()
        self.team()
        self.books()
        self.results()
        self.integrity()
        self.signatures()
        self.last = pdf.page

    def head(self) -> None:
        pdf, m = self.pdf, self.m
        top = pdf.get_y()
        pdf.set_font(FAMILY, "B", 9.5)
        pdf.multi_cell(pdf.inner_width * 0.55, 4.5, nfc(m.body.upper()), new_x="LMARGIN", new_y="NEXT")
        pdf.set_xy(pdf.w - pdf.r_margin - 30, top)
        pdf.set_font(FAMILY, "B", 11)
        pdf.cell(30, 8, self.tr("doc.copy", n=self.copy, of=COPIES), border=1, align="C")
        pdf.set_xy(pdf.l_margin, top + 11)
        pdf.set_font(FAMILY, "", 9)
        pdf.cell(pdf.inner_width, 5, nfc(m.dated), align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(pdf.get_y() + 2)
        pdf.para(self.tr("doc.minutes_title"), 15, "B", 8, "C")
        pdf.para(m.title, 10.5, "B", 5, "C")
        pdf.set_y(pdf.get_y() + 3)
        for text in (m.when, m.rules, m.citation):
            pdf.para(text, 9.5, h=4.8, align="J")

    def table(self, widths: list[float], cells: list[str], h: float, size: float, style: str = "",
              aligns: str | None = None, fill: bool = False) -> None:
        """One row of bordered cells; a header row (``fill``) uses one size for all its labels."""
        pdf = self.pdf
        pdf.set_x(pdf.l_margin)
        pdf.set_fill_color(232)
        if fill:
            size = min(pdf.fit_size(nfc(text), w, size, style) for w, text in zip(widths, cells))
        for i, (w, text) in enumerate(zip(widths, cells)):
            align = aligns[i] if aligns else "L"
            size_i = pdf.fit_size(nfc(text), w, size, style)
            pdf.set_font(FAMILY, style, size_i)
            pdf.cell(w, h, nfc(text), border=1, align=align, fill=fill)
        pdf.ln(h)

    def team(self) -> None:
        pdf, m = self.pdf, self.m
        self.section("doc.m_team", keep=12)
        widths = [10, 60, pdf.inner_width - 100, 30]
        self.table(widths, [self.tr("doc.no"), self.tr("doc.name"), self.tr("doc.position"), self.tr("doc.m_role")], 6, 9, "B", "CCCC", True)
        for i, member in enumerate(m.team, 1):
            self.room(6)
            self.table(widths, [str(i), member.name, member.posts, member.role], 6, 9, "", "CLLC")
        if m.team_vote:
            pdf.set_y(pdf.get_y() + 1.5)
            pdf.para(m.team_vote, 9.5, h=4.8)

    def books(self) -> None:
        pdf, m = self.pdf, self.m
        self.section("doc.m_books", keep=12)
        widths = [80, 22, pdf.inner_width - 102]
        for figure in m.books:
            self.table(widths, [figure.label, str(figure.value), figure.note], 6, 9.5, "", "LCL")
        for text, count in m.invalid_reasons:
            pdf.para(f"– {text}: {count}", 9, h=4.6)
        pdf.set_y(pdf.get_y() + 1.5)
        pdf.para(m.basis, 9.5, "B", 4.8)

    def results_head(self, widths: list[float]) -> None:
        labels = [self.tr("doc.no"), self.tr("doc.name"), self.tr("doc.position"), *self.m.columns]
        self.table(widths, labels, 7, 8.5, "B", "C" * len(labels), True)

    def results(self) -> None:
        pdf, m = self.pdf, self.m
        self.section("doc.m_results", keep=26)
        count_w = 23.0 if len(m.columns) == 4 else 28.0
        rest = pdf.inner_width - 9 - count_w * len(m.columns)
        widths = [9, rest * 0.57, rest * 0.43] + [count_w] * len(m.columns)
        self.results_head(widths)
        for i, p in enumerate(m.persons, 1):
            band = self.tr("doc.m_band", band=p.band, consequence=p.consequence).strip() + "\n" + \
                self.tr("doc.m_working", working=p.working)
            lines = pdf.wrap(band, pdf.inner_width - 9 - 1, 8)
            need = 6.5 + len(lines) * 4 + 1
            if pdf.get_y() + need > pdf.h - BOTTOM:
                pdf.add_page()
                self.results_head(widths)
            cells = [str(i), p.name, p.position] + [f"{count} ({pct}%)" for count, pct in p.cells]
            self.table(widths, cells, 6.5, 9, "", "CLL" + "C" * len(p.cells))
            top = pdf.get_y()
            pdf.rect(pdf.l_margin, top, pdf.inner_width, len(lines) * 4 + 1)
            pdf.set_font(FAMILY, "", 8)
            for k, line in enumerate(lines):
                pdf.set_xy(pdf.l_margin + 9, top + 0.5 + 4 * k)
                pdf.cell(pdf.inner_width - 9, 4, line)
            pdf.set_xy(pdf.l_margin, top + len(lines) * 4 + 1)
        for key, notes in (("doc.m_excluded", m.excluded), ("doc.m_unconfirmed", m.unconfirmed)):
            if notes:
                self.room(10)
                pdf.set_y(pdf.get_y() + 2)
                pdf.para(self.tr(key), 9.5, "B", 5)
                for text in notes:
                    self.note(f"– {text}")
        if m.corrections:
            pdf.para(self.tr("doc.m_corrections", n=m.corrections), 9, h=4.6)

    def integrity(self) -> None:
        pdf, m = self.pdf, self.m
        self.section("doc.m_integrity", keep=QR_SIZE + 2)
        top = pdf.get_y()
        pdf.qr(m.qr, pdf.w - pdf.r_margin - QR_SIZE, top, QR_SIZE)
        text_w = pdf.inner_width - QR_SIZE - 4
        rows = [("doc.m_launch", m.launch_code), ("doc.m_events", str(m.events)), ("doc.m_code", m.code)]
        for key, value in rows:
            pdf.set_x(pdf.l_margin)
            pdf.set_font(FAMILY, "", 9.5)
            pdf.cell(52, 6, self.tr(key) + ":")
            pdf.set_font(FAMILY, "B", 11)
            pdf.cell(text_w - 52, 6, value, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 9.5)
        pdf.cell(52, 6, self.tr("doc.m_digest") + ":", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 8)
        pdf.cell(text_w, 4.5, m.head[:32], new_x="LMARGIN", new_y="NEXT")
        pdf.cell(text_w, 4.5, m.head[32:], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, "", 8)
        pdf.cell(text_w, 5, self.tr("doc.m_check", code=m.code), new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), top + QR_SIZE) + 3)
        self.room(6)  # the closing sentence never runs into the page's footer
        pdf.para(self.tr("doc.m_copies"), 9.5, h=4.8)

    def signatures(self) -> None:
        pdf, m = self.pdf, self.m
        self.room(9 + 48)  # the heading and the first row of signatures stay together
        pdf.set_y(pdf.get_y() + 3)
        pdf.para(self.tr("doc.m_signatures"), 10.5, "B", 6, "C")
        team = list(m.team)
        for start in range(0, len(team), 3):
            row = team[start:start + 3]
            self.room(48)
            signatures(pdf, [p.role for p in row], [p.name for p in row], space=22, columns=min(3, len(team)))


def minutes(m: Minutes, fonts: Fonts) -> bytes:
    """The three copies of the minutes as one PDF."""
    pdf = Page(fonts, m.lang, m.rehearsal)
    pdf.set_title(nfc(t("doc.minutes_title", m.lang) + " — " + m.title))
    copies = [_Copy(pdf, m, n) for n in range(1, COPIES + 1)]
    for copy in copies:
        copy.draw()
    for copy in copies:
        copy.footers()
    return bytes(pdf.output())
