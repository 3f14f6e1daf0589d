"""The counting minutes as PDF: three copies under the official head, each page's footer band carrying the
session id, page x/y, the log code and the copy mark.

It lays out ``session.minutes.Minutes`` and computes nothing of its own. Software text (digests, the verify
recipe) stays out of the body: the code is in the footer band and the QR beside the signatures; how to check
them is in the archive's VERIFY.txt.
"""

from __future__ import annotations

from session.i18n import t
from session.minutes import COPIES, Minutes, attendance_notes
from storage.paper.ballots import signatures
from storage.paper.header import balanced, official_header
from storage.paper.pdf_base import BODY, SMALL, TITLE, Fonts, Page, nfc, pitch

BOTTOM = 16.0
"""Room kept free at the foot of each page for the footer band, mm."""
QR_SIZE = 22.0
"""Side of the integrity QR beside the signatures, mm."""
SIGN_SPACE = 20.0
"""Room left to sign, mm."""
CELL = 12.0
"""Type in the tables, pt."""
NUMBER = "BB-KP"
"""The minutes' symbol after "Số: …/"."""


class _Copy:
    """Draws one copy of the minutes onto ``pdf``, starting a new page."""

    def __init__(self, pdf: Page, m: Minutes, copy: int):
        self.pdf, self.m, self.copy = pdf, m, copy
        self.first = self.last = 0
        """First and last page of this copy, known once drawn."""

    def tr(self, key: str, **params) -> str:
        return nfc(t(key, self.m.lang, **params))

    def footers(self) -> None:
        """Session id, page x/y, the log code and the copy mark in the footer band of each of this copy's pages."""
        pages = self.last - self.first + 1
        for number in range(self.first, self.last + 1):
            page = self.tr("doc.page_of", page=number - self.first + 1, pages=pages)
            self.pdf.footer_on(number, self.tr("doc.footer", session=self.m.session_id, rules=self.m.rules_code, page=page,
                                               code=self.m.code, copy=self.tr("doc.copy", n=self.copy, of=COPIES)))

    @property
    def floor(self) -> float:
        """The lowest y body text may reach."""
        return self.pdf.h - BOTTOM

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` mm still fit."""
        if self.pdf.get_y() + height > self.floor:
            self.pdf.add_page()

    def para_height(self, text: str, size: float = BODY, style: str = "") -> float:
        return len(self.pdf.lines_in(text, self.pdf.inner_width + 2 * self.pdf.c_margin, size, style)) * pitch(size)

    def note(self, text: str, size: float = BODY, style: str = "", align: str = "J") -> None:
        """A paragraph, on a new page unless all of it fits above the footer."""
        self.room(self.para_height(text, size, style))
        self.pdf.para(text, size, style, align=align)

    def section(self, key: str, keep: float = 10.0) -> None:
        """A numbered heading, on a new page unless ``keep`` mm of what follows fit under it."""
        self.room(pitch(BODY) + 2 + keep)
        self.pdf.set_y(self.pdf.get_y() + 2)
        self.pdf.para(self.tr(key), BODY, "B")

    def draw(self) -> None:
        pdf = self.pdf
        pdf.add_page()
        self.first = pdf.page
        self.head()
        self.team()
        self.books()
        self.notes()
        self.results()
        self.closing()
        self.last = pdf.page

    def head(self) -> None:
        pdf, m = self.pdf, self.m
        official_header(pdf, m.kind, m.superior, m.body, m.dated, NUMBER)
        pdf.set_y(pdf.get_y() + 2)
        balanced(pdf, self.tr("doc.minutes_title"), TITLE + 1)
        balanced(pdf, m.title, BODY, "B", upper=False)
        pdf.set_y(pdf.get_y() + 2)
        for text in (m.when, m.rules, m.citation):
            self.note(text)

    def row(self, widths: list[float], cells: list[str], size: float = CELL, style: str = "", aligns: str | None = None,
            fill: bool = False, keep: float = 0.0) -> None:
        """One row of bordered cells, as tall as its longest wrapped cell; on a new page unless it (and ``keep``) fit."""
        h = self.pdf.row_height(widths, cells, size, style)
        self.room(h + keep)
        self.pdf.draw_row(widths, cells, h, size, style, aligns or "", fill)

    def team(self) -> None:
        pdf, m = self.pdf, self.m
        self.section("doc.m_team", keep=16)
        widths = [14, 56, pdf.inner_width - 100, 30]
        self.row(widths, [self.tr("doc.no"), self.tr("doc.name"), self.tr("doc.position"), self.tr("doc.m_role")], CELL, "B",
                 "CCCC", True)
        for i, member in enumerate(m.team, 1):
            self.row(widths, [str(i), member.name, member.posts, member.role], CELL, "", "CLLC")
        if m.team_vote:
            pdf.set_y(pdf.get_y() + 1.5)
            self.note(m.team_vote)

    def books(self) -> None:
        pdf, m = self.pdf, self.m
        self.section("doc.m_books", keep=16)
        widths = [80, 22, pdf.inner_width - 102]
        for figure in m.books:
            self.row(widths, [figure.label, str(figure.value), figure.note], BODY, "", "LCL")
        for text, count in m.invalid_reasons:
            self.note(f"– {text}: {count}")
        for line in attendance_notes(m):  # late arrivals, and those present left without a ballot
            self.note(line)
        pdf.set_y(pdf.get_y() + 1.5)
        self.note(m.basis, BODY, "B")

    def person_block(self, i: int, p, measure: bool = False) -> float:
        """One person: name and post, then issued, returned, valid, invalid and each level with count and
        percentage, then the band, its consequence and the working; returns its height (drawn unless ``measure``)."""
        pdf, m = self.pdf, self.m
        tally = p.tally or m.tally  # a person of one of several forms counts on that form's books
        labels = [label for label, _ in tally] + list(m.columns)
        values = [str(n) for _, n in tally] + [f"{count}\n({pct}%)" for count, pct in p.cells]
        col = pdf.inner_width / len(labels)
        heading = f"{i}. {p.name} – {p.position}" if p.position else f"{i}. {p.name}"
        band = self.tr("doc.m_band", band=p.band, consequence=p.consequence).strip()
        working = self.tr("doc.m_working", working=p.working)
        head_h = self.para_height(heading, BODY, "B")
        label_h = max(pdf.text_height(label, col, SMALL, "B") for label in labels)
        value_h = max(pdf.text_height(value, col, CELL) for value in values)
        notes_h = self.para_height(band, CELL) + self.para_height(working, CELL)
        total = 1.5 + head_h + label_h + value_h + notes_h + 1
        if measure:
            return total
        self.room(total)
        pdf.set_y(pdf.get_y() + 1.5)
        pdf.para(heading, BODY, "B")
        y = pdf.get_y()
        pdf.set_fill_color(232)
        for k, (label, value) in enumerate(zip(labels, values)):
            x = pdf.l_margin + k * col
            pdf.rect(x, y, col, label_h, style="DF")
            pdf.fit_text(x, y, col, label_h, label, SMALL, "B", "C")
            pdf.rect(x, y + label_h, col, value_h)
            for j, line in enumerate(value.split("\n")):
                # The count in bold, its percentage under it at the least size (it fits the column whole).
                size = CELL if j == 0 else SMALL
                pdf.fit_text(x, y + label_h + 1 + j * pitch(CELL), col, pitch(CELL), line, size, "B" if j == 0 else "", "C")
        pdf.set_xy(pdf.l_margin, y + label_h + value_h)
        pdf.para(band, CELL, "I")
        pdf.para(working, CELL)
        pdf.set_y(pdf.get_y() + 1)
        return total

    def notes(self) -> None:
        """Persons left off, settings no source confirms, corrections: before the results, so that the last
        results stay with the signatures."""
        pdf, m = self.pdf, self.m
        for key, items in (("doc.m_excluded", m.excluded), ("doc.m_unconfirmed", m.unconfirmed)):
            if items:
                self.room(pitch(BODY) * 2 + 2)
                pdf.set_y(pdf.get_y() + 2)
                pdf.para(self.tr(key), BODY, "B")
                for text in items:
                    self.note(f"– {text}", CELL)
        if m.corrections:
            self.note(self.tr("doc.m_corrections", n=m.corrections))

    def results(self) -> None:
        m = self.m
        tail = self.tail_height()
        # The heading goes with the first person (and, when there is only one, with the signatures too).
        first = self.person_block(1, m.persons[0], measure=True) + (tail if len(m.persons) == 1 else 0) if m.persons else 0
        self.section("doc.m_results", keep=first)
        for i, p in enumerate(m.persons, 1):
            if p.form and (i == 1 or m.persons[i - 2].form != p.form):
                # Each form's persons under the form's title, kept with its first person.
                self.room(9 + self.person_block(i, p, measure=True))
                self.pdf.para(p.form.upper(), BODY, "B")
            if i == len(m.persons):
                # The last results stay on the page of the signatures: carried over with them if need be.
                self.room(self.person_block(i, p, measure=True) + tail)
            self.person_block(i, p)

    def signers(self) -> list[list[tuple[str, str]]]:
        """Rows of (title, name) to sign: the chair and the head of the team, then the members three to a row."""
        team = list(self.m.team)
        head = team[0].name if team else ""
        rows = [[(self.tr("doc.m_chair"), ""), (self.tr("doc.m_team_head"), head)]]
        members = [(p.role.upper(), p.name) for p in team[1:]]
        rows += [members[k:k + 3] for k in range(0, len(members), 3)]
        witnesses = [(self.tr("doc.m_witness"), name) for name in self.m.witnesses]
        rows += [witnesses[k:k + 3] for k in range(0, len(witnesses), 3)]
        return rows

    def row_height(self, row: list[tuple[str, str]]) -> float:
        col = self.pdf.inner_width / max(3, len(row))
        label = max(self.pdf.text_height(title, col, BODY, "B", pad=0) for title, _ in row)
        return label + pitch(SMALL) + SIGN_SPACE + pitch(BODY) * 2 + 4

    def tail_height(self) -> float:
        """What follows the results: the closing sentence, the heading and every row of signatures."""
        return self.para_height(self.m.closed) + 4 + sum(self.row_height(r) for r in self.signers())

    def closing(self) -> None:
        pdf, m = self.pdf, self.m
        self.room(self.tail_height())
        pdf.set_y(pdf.get_y() + 3)
        pdf.para(m.closed, align="J")
        pdf.set_y(pdf.get_y() + 1)
        for row in self.signers():
            self.room(self.row_height(row))
            names = [name for _, name in row]
            signatures(pdf, [title for title, _ in row], names, space=SIGN_SPACE, columns=max(2, len(row)))
        # The log's code as a QR at the foot of the last page: one scan gives what the footer band says.
        pdf.qr(m.qr, pdf.w - pdf.r_margin - QR_SIZE, min(pdf.get_y(), self.floor - QR_SIZE), QR_SIZE)


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
