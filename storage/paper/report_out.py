"""The higher level's summary as a workbook (the places side by side) and as a PDF on the minutes' page."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment

from session.i18n import t
from session.local import iso_date_text, percent_label
from session.report import Entry, Place, Report
from session.rules import PACKS
from storage.paper.header import official_header
from storage.paper.pdf_base import FAMILY, Fonts, Page, nfc
from storage.paper.workbook_out import BOLD, DATE_FORMAT, PERCENT, head_row, share, to_bytes


def _label(level: tuple[str, str, str], lang: str) -> str:
    return level[2] if lang == "en" else level[1]


def _band(entry: Entry, lang: str) -> str:
    return t(f"band.{entry.band}", lang)


def report_workbook(report: Report, lang: str = "vi") -> bytes:
    """Sheets: the summary (a block of columns per place a person was evaluated in), the conferences, the notes."""
    book = Workbook()
    ws = book.active
    ws.title = t("report.persons", lang)
    levels = report.levels()
    block = [t("report.file", lang), t("report.body", lang), t("report.date", lang), t("report.rules", lang),
             *(t("xlsx.count", lang, level=_label(lv, lang)) for lv in levels),
             *(t("xlsx.share", lang, level=_label(lv, lang)) for lv in levels), t("xlsx.band", lang)]
    person = [t("report.no", lang), t("report.key", lang), t("xlsx.name", lang), t("xlsx.position", lang)]
    ws.append([None] * len(person) + [t("report.place_n", lang, n=k + 1) if not j else None
                                      for k in range(report.widest) for j in range(len(block))])
    for k in range(report.widest):
        first = len(person) + k * len(block) + 1
        ws.cell(1, first).font = BOLD
        ws.merge_cells(start_row=1, start_column=first, end_row=1, end_column=first + len(block) - 1)
    labels = person + block * report.widest
    ws.append(labels)
    for j in range(1, len(labels) + 1):
        ws.cell(2, j).font = BOLD
        ws.cell(2, j).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "E3"
    for number, row in enumerate(report.rows, 1):
        cells: list = [number, row.key, row.name, row.position]
        for entry in row.entries:
            p = entry.place
            cells += [p.file, p.body, date.fromisoformat(p.date), p.rules,
                      *(entry.counts.get(lv[0]) for lv in levels),
                      *(share(entry.percent[lv[0]]) if lv[0] in entry.percent else None for lv in levels), _band(entry, lang)]
        ws.append(cells)
        r = ws.max_row
        for k in range(len(row.entries)):
            first = len(person) + k * len(block) + 1
            ws.cell(r, first + 2).number_format = DATE_FORMAT
            for j in range(len(levels)):
                ws.cell(r, first + 4 + len(levels) + j).number_format = PERCENT
    _places_sheet(book.create_sheet(t("report.places", lang)), report.places, lang)
    notes = book.create_sheet(t("report.notes", lang))
    notes.column_dimensions["A"].width = 120
    for key, params in report.notes:
        notes.append([t(key, lang, **params)])
    return to_bytes(book)


def _places_sheet(ws, places: list[Place], lang: str) -> None:
    books = ("convened", "present", "issued", "returned", "valid", "invalid", "denominator")
    head_row(ws, [t("report.no", lang), t("report.file", lang), t("xlsx.session", lang), t("report.conference", lang),
                  t("report.body", lang), t("report.place", lang), t("report.date", lang), t("report.rules", lang),
                  t("xlsx.citation", lang), *(t(f"xlsx.{k}", lang) for k in books), t("report.announced", lang)])
    for number, p in enumerate(places, 1):
        ws.append([number, p.file, p.session, p.title, p.body, p.place, date.fromisoformat(p.date), p.rules, p.citation,
                   *(p.books[k] for k in books), t("report.yes" if p.announced else "report.no_word", lang)])
        ws.cell(ws.max_row, 7).number_format = DATE_FORMAT


def report_pdf(report: Report, fonts: Fonts, lang: str = "vi") -> bytes:
    """The summary on A4: the conferences numbered, then each person with one line per place."""
    page = Page(fonts, lang)
    page.set_auto_page_break(True, margin=14)
    page.add_page()
    # Under the official head of the body that reports (the first conference's), its date left for the office to fill.
    first = report.places[0] if report.places else None
    kind = PACKS[first.rules].kind if first and first.rules in PACKS else "party"
    official_header(page, kind, "", first.body if first else "", t("report.dated_blank", lang), "BC")
    page.ln(2)
    page.set_font(FAMILY, "B", 14)
    page.multi_cell(page.inner_width, 7, nfc(t("report.title", lang).upper()), align="C", new_x="LMARGIN", new_y="NEXT")
    page.ln(3)
    _heading(page, t("report.places", lang))
    numbers = {id(p): n for n, p in enumerate(report.places, 1)}
    for n, p in enumerate(report.places, 1):
        line = f"{n}. {p.body} — {p.title}; {p.place}, {iso_date_text(p.date, lang)}; {p.rules} ({p.file})"
        _line(page, line, 12)
    page.ln(2)
    _heading(page, t("report.persons", lang))
    for number, row in enumerate(report.rows, 1):
        who = f"{number}. {row.name} — {row.position}" + (f" ({t('report.key', lang)} {row.key})" if row.key else "")
        page.set_font(FAMILY, "B", 13)
        page.multi_cell(page.inner_width, 6.5, nfc(who), new_x="LMARGIN", new_y="NEXT")
        for entry in row.entries:
            p = entry.place
            counts = "; ".join(f"{_label(lv, lang)} {entry.counts[lv[0]]} ({percent_label(entry.percent[lv[0]], lang)})"
                               for lv in p.levels if lv[0] in entry.counts)
            text = (f"{t('report.place_n', lang, n=numbers[id(p)])}: {p.body}, {iso_date_text(p.date, lang)}, {p.rules} — "
                    f"{counts} — {t('xlsx.band', lang)}: {_band(entry, lang)}")
            page.set_x(page.l_margin + 5)
            _line(page, text, 12, indent=5)
        page.ln(1)
    if report.notes:
        page.ln(2)
        _heading(page, t("report.notes", lang))
        for key, params in report.notes:
            _line(page, "• " + t(key, lang, **params), 11)
    return bytes(page.output())


def _heading(page: Page, text: str) -> None:
    page.set_font(FAMILY, "B", 13)
    page.multi_cell(page.inner_width, 7, nfc(text), new_x="LMARGIN", new_y="NEXT")


def _line(page: Page, text: str, size: float, indent: float = 0) -> None:
    page.set_font(FAMILY, "", size)
    page.set_x(page.l_margin + indent)
    page.multi_cell(page.inner_width - indent, size * 0.5, nfc(text), new_x="LMARGIN", new_y="NEXT")
