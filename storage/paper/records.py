"""The records beside the minutes as PDF: the entry log, the attendance list, the sealing record and the draft
resolution, each under the official head, in 13 pt with tables at 12 pt whose cells wrap (never shrink).

It lays out the dataclasses of ``session.records`` and computes nothing of its own.
"""

from __future__ import annotations

from session.i18n import t
from session.records import Attendance, EntryLog, Head, Resolution, Sealing
from storage.paper.ballots import signatures
from storage.paper.header import balanced, official_header
from storage.paper.pdf_base import BODY, TITLE, Fonts, Page, nfc, pitch

BOTTOM = 16.0
"""Room kept free at the foot of each page for the footer band, mm."""
CELL = 12.0
"""Type in the tables, pt."""
SIGN_SPACE = 20.0
"""Room left to sign, mm."""


class _Sheet:
    """One record on its own pages: the head, paragraphs, tables whose header row repeats on each new page."""

    def __init__(self, head: Head, fonts: Fonts, title_key: str, number: str | None = None):
        self.head = head
        self.pdf = Page(fonts, head.lang, head.rehearsal)
        self.title = t(title_key, head.lang)
        self.pdf.set_title(nfc(self.title + " — " + head.title))
        self.pdf.add_page()
        official_header(self.pdf, head.kind, head.superior, head.body, head.dated, number)
        self.pdf.set_y(self.pdf.get_y() + 2)

    def tr(self, key: str, **params) -> str:
        return nfc(t(key, self.head.lang, **params))

    def titled(self, above: str = "") -> None:
        """The record's title in bold capitals, the conference under it (``above``: e.g. "DỰ THẢO")."""
        if above:
            balanced(self.pdf, above, BODY)
        balanced(self.pdf, self.title, TITLE + 1)
        balanced(self.pdf, self.head.title, BODY, "B", upper=False)
        self.pdf.set_y(self.pdf.get_y() + 2)

    def room(self, height: float) -> bool:
        """Start a new page unless ``height`` mm still fit; whether it did."""
        if self.pdf.get_y() + height > self.pdf.h - BOTTOM:
            self.pdf.add_page()
            return True
        return False

    def note(self, text: str, size: float = BODY, style: str = "", align: str = "J", indent: float = 0.0) -> None:
        """A paragraph, on a new page unless all of it fits above the footer."""
        pdf = self.pdf
        lines = pdf.lines_in(text, pdf.inner_width - indent + 2 * pdf.c_margin, size, style)
        self.room(len(lines) * pitch(size))
        pdf.para(text, size, style, align=align, indent=indent)

    def row(self, widths: list[float], cells: list[str], style: str = "", aligns: str = "", fill: bool = False,
            header: tuple[list[str], str] | None = None, keep: float = 0.0) -> None:
        """Bordered cells as tall as the longest wrapped one; on a new page (under ``header`` again) unless it fits."""
        h = self.pdf.row_height(widths, cells, CELL, style)
        if self.room(h + keep) and header:
            self.row(widths, header[0], "B", header[1], True)
        self.pdf.draw_row(widths, cells, h, CELL, style, aligns, fill)

    def table(self, widths: list[float], columns: list[str], rows: list[list[str]], aligns: str) -> None:
        heads = (columns, "C" * len(columns))
        self.row(widths, columns, "B", heads[1], True, keep=pitch(CELL) * 2 + 2)
        for cells in rows:
            self.row(widths, cells, aligns=aligns, header=heads)

    def sign(self, titles: list[str], names: list[str]) -> None:
        self.room(pitch(BODY) * 3 + SIGN_SPACE + pitch(BODY) * 2)
        self.pdf.set_y(self.pdf.get_y() + 3)
        signatures(self.pdf, titles, names, space=SIGN_SPACE, columns=max(2, len(titles)))

    def output(self) -> bytes:
        """The footer band (session, rules, page x/y) on every page, then the bytes."""
        pdf, pages = self.pdf, self.pdf.page
        for number in range(1, pages + 1):
            page = self.tr("doc.page_of", page=number, pages=pages)
            pdf.footer_on(number, f"{self.title} · {self.tr('rec.session', session=self.head.session_id)} · "
                                  f"{self.head.rules_code} · {page}")
        return bytes(pdf.output())


def entries(log: EntryLog, fonts: Fonts) -> bytes:
    """The entry log: one row per thing done to a ballot's entry, in the log's order."""
    sheet = _Sheet(log.head, fonts, "rec.entries_title", "NK-NP")
    sheet.titled()
    sheet.note(log.mode)
    if log.legend:
        sheet.note(log.legend, CELL)
    inner = sheet.pdf.inner_width
    widths = [14, 20, inner - 14 - 20 - 44 - 20, 44, 20]
    columns = [sheet.tr(k) for k in ("doc.no", "rec.col_ballot", "rec.col_what", "rec.col_by", "rec.col_at")]
    rows = []
    for i, line in enumerate(log.lines, 1):
        what = f"{line.what}: {line.content}" + (f"\n{line.note}" if line.note else "")
        rows.append([str(i), line.ballot, what, line.by, line.at])
    sheet.table(widths, columns, rows, "CCLLC")
    sheet.pdf.set_y(sheet.pdf.get_y() + 2)
    sheet.note(log.summary)
    return sheet.output()


def attendance(a: Attendance, fonts: Fonts) -> bytes:
    """The attendance list: present on time, late arrivals, absent; each with posts and a column to sign."""
    sheet = _Sheet(a.head, fonts, "rec.attendance_title", "DS-ND")
    sheet.titled()
    sheet.note(a.summary)
    inner = sheet.pdf.inner_width
    widths = [14, 52, inner - 14 - 52 - 36 - 30, 36, 30]
    columns = [sheet.tr(k) for k in ("doc.no", "doc.name", "doc.position", "rec.col_status", "rec.col_sign")]
    for heading, people in a.groups:
        sheet.room(pitch(BODY) * 4 + 4)
        sheet.pdf.set_y(sheet.pdf.get_y() + 2)
        sheet.pdf.para(heading, BODY, "B")
        rows = [[str(i), p.name, p.posts, p.status + (f"\n{p.note}" if p.note else ""), ""] for i, p in enumerate(people, 1)]
        sheet.table(widths, columns, rows, "CLLLL")
    return sheet.output()


def sealing(s: Sealing, fonts: Fonts) -> bytes:
    """The sealing and hand-over record, signed by the team and the receiver."""
    sheet = _Sheet(s.head, fonts, "rec.sealing_title", "BB-NP")
    sheet.titled()
    sheet.note(sheet.tr("rec.sealed_what"))
    inner = sheet.pdf.inner_width
    for label, value in s.sealed:
        sheet.row([inner - 40, 40], [label, str(value)], aligns="LC")
    for form, figures in s.forms:
        sheet.pdf.set_y(sheet.pdf.get_y() + 2)
        sheet.note(sheet.tr("rec.sealed_form", form=form), BODY, "B")
        for label, value in figures:
            sheet.row([inner - 40, 40], [label, str(value)], aligns="LC")
    sheet.pdf.set_y(sheet.pdf.get_y() + 2)
    sheet.note(sheet.tr("rec.sealed_by"), BODY, "B")
    for role, name in s.team:
        sheet.note(f"– {name} ({role})", indent=4)
    sheet.note(sheet.tr("rec.sealed_to", to=s.receiver), BODY, "B")
    if s.when:
        sheet.note(s.when)
    head = s.team[0][1] if s.team else ""
    sheet.sign([sheet.tr("doc.m_team_head"), sheet.tr("rec.receiver")], [head, s.receiver])
    return sheet.output()


def resolution(r: Resolution, fonts: Fonts) -> bytes:
    """The draft resolution: the bases, the results per person, the articles, the Council's signature."""
    sheet = _Sheet(r.head, fonts, "rec.resolution_title", "NQ-HĐND")
    sheet.titled(sheet.tr("rec.draft"))
    for basis in r.bases:
        sheet.note(basis, BODY, "I")
    sheet.pdf.set_y(sheet.pdf.get_y() + 2)
    balanced(sheet.pdf, sheet.tr("rec.res_resolves"), BODY + 1)
    sheet.note(r.article)
    inner = sheet.pdf.inner_width
    level = (inner - 14 - 56 - 30) / max(1, len(r.columns) - 1)
    widths = [14, 56, *([level] * (len(r.columns) - 1)), 30]
    columns = [sheet.tr("doc.no"), sheet.tr("doc.name"), *r.columns]
    rows = [[str(i), f"{line.name}\n{line.position}", *line.cells, line.band] for i, line in enumerate(r.lines, 1)]
    sheet.table(widths, columns, rows, "CL" + "C" * (len(r.columns) - 1) + "L")
    sheet.pdf.set_y(sheet.pdf.get_y() + 2)
    for article in r.closing:
        sheet.note(article)
    signer = sheet.tr("rec.res_signer").split("\n")
    sheet.sign(["\n".join(signer)], [""])
    return sheet.output()
