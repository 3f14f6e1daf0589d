"""Workbooks that leave the program: the conference template an office fills in, and the results.

Numbers are numbers and percentages Excel percentages. A percentage cell holds the
half-up rounded value of the results JSON (``"58.33"`` → 0.5833, shown ``0.00%``), so the
figure on screen is the figure in the JSON, never Excel's own rounding of count/N.
"""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from session.i18n import register, t
from storage import workbook_layout as lay

PERCENT = "0.00%"
DATE_FORMAT = "DD/MM/YYYY"
BOLD = Font(bold=True)

STRINGS = {
    "xlsx.books": ("Sổ sách", "Books"),
    "xlsx.results": ("Kết quả", "Results"),
    "xlsx.form": ("Mẫu phiếu {id}", "Form {id}"),
    "xlsx.item": ("Mục", "Item"),
    "xlsx.value": ("Giá trị", "Value"),
    "xlsx.id": ("Mã", "Id"),
    "xlsx.name": ("Họ và tên", "Full name"),
    "xlsx.position": ("Chức vụ", "Post"),
    "xlsx.count": ("{level} (số phiếu)", "{level} (ballots)"),
    "xlsx.share": ("{level} (tỷ lệ)", "{level} (share)"),
    "xlsx.band": ("Mức kết quả", "Band"),
    "xlsx.working": ("Cách tính", "Working"),
    "xlsx.consequence": ("Hệ quả theo quy định", "Consequence by rule"),
    "xlsx.rules": ("Quy định", "Rules"),
    "xlsx.citation": ("Văn bản", "Citation"),
    "xlsx.session": ("Mã phiên", "Session"),
    "xlsx.step": ("Bước", "Step"),
    "xlsx.convened": ("Số người được triệu tập", "Convened"),
    "xlsx.present": ("Số người có mặt", "Present"),
    "xlsx.issued": ("Số phiếu phát ra", "Ballots issued"),
    "xlsx.returned": ("Số phiếu thu vào", "Ballots returned"),
    "xlsx.entered": ("Số phiếu đã nhập", "Ballots entered"),
    "xlsx.valid": ("Số phiếu hợp lệ", "Valid ballots"),
    "xlsx.invalid": ("Số phiếu không hợp lệ", "Invalid ballots"),
    "xlsx.basis": ("Căn cứ tính tỷ lệ", "Basis of the percentages"),
    "xlsx.denominator": ("Mẫu số", "Denominator"),
}
register(STRINGS)


def share(percent_text: str) -> float:
    """The JSON's rounded percentage (``"58.33"``) as the fraction an Excel percentage cell holds (0.5833)."""
    return float(Decimal(percent_text) / 100)


def to_bytes(book: Workbook) -> bytes:
    """The workbook as .xlsx bytes."""
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def head_row(ws: Worksheet, labels: list[str]) -> None:
    """Bold headers in row 1, the columns wide enough to read them, the row frozen."""
    ws.append(labels)
    for j, label in enumerate(labels, 1):
        ws.cell(1, j).font = BOLD
        ws.column_dimensions[get_column_letter(j)].width = max(10, min(48, len(label) + 2))
    ws.freeze_panes = "A2"


# ── the conference template ────────────────────────────────────────────────────────────────────────

def template_workbook(plain: dict[str, Any], lang: str = "vi") -> bytes:
    """The conference workbook holding ``plain`` (a conference file's data), with its explanation sheet first."""
    book = Workbook()
    _help_sheet(book.active, lang)
    head = plain.get("conference", {})
    ws = book.create_sheet(lay.CONFERENCE.name)
    head_row(ws, list(lay.CONFERENCE_HEAD))
    ws.column_dimensions["B"].width = 80
    for column in lay.CONFERENCE.columns:
        ws.append([column.header, None])
        if column.key in head:
            _put(ws.cell(ws.max_row, 2), column, head[column.key])
    for key, value in head.get("overrides", {}).items():
        ws.append([lay.OVERRIDES_PREFIX + key, value])
    for sheet in lay.SHEETS[1:]:
        rows = plain.get(sheet.key, [])
        if not rows and not sheet.required:
            continue
        ws = book.create_sheet(sheet.name)
        head_row(ws, [c.header for c in sheet.columns])
        for number, row in enumerate(rows, 2):
            for j, column in enumerate(sheet.columns, 1):
                if column.key in row:
                    _put(ws.cell(number, j), column, row[column.key])
    return to_bytes(book)


def _put(cell, column: lay.Column, value: Any) -> None:
    if column.kind == lay.DATE and isinstance(value, str):
        cell.value = date.fromisoformat(value)
        cell.number_format = DATE_FORMAT
    elif column.kind == lay.FLAG and isinstance(value, bool):
        cell.value = "có" if value else "không"
    elif column.kind == lay.LIST and isinstance(value, list):
        cell.value = f"{lay.LIST_SEPARATOR} ".join(value)
    else:
        cell.value = value


def _help_sheet(ws: Worksheet, lang: str) -> None:
    ws.title = lay.HELP_SHEET
    ws.append([t("workbook.help_title", lang)])
    ws.cell(1, 1).font = Font(bold=True, size=13)
    ws.append([t("workbook.help_intro", lang)])
    ws.append([])
    ws.append(t("workbook.help_head", lang).split("|"))
    for j in range(1, 5):
        ws.cell(ws.max_row, j).font = BOLD
    for sheet in lay.SHEETS:
        ws.append([sheet.name, "", t(f"workbook.help.{sheet.key}", lang), "" if sheet.required else "—"])
        ws.cell(ws.max_row, 1).font = BOLD
        for column in sheet.columns:
            ws.append(["", column.header, t(lay.explain_key(sheet, column), lang), "✓" if column.required else ""])
    for letter, width in zip("ABCD", (24, 44, 90, 9)):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


# ── the results ───────────────────────────────────────────────────────────────────────────────────

def results_workbook(data: dict[str, Any], levels: dict[str, str], bands: dict[str, tuple[str, str]], lang: str = "vi") -> bytes:
    """One sheet per ballot form (the persons, counts and percentages of every level, the band), then the books.

    ``levels`` labels each level key in the pack's own words (``invalid`` included); ``bands`` gives each band id
    its label and consequence.
    """
    book = Workbook()
    book.remove(book.active)
    forms = data.get("forms") or [{"id": "", "persons": [p["id"] for p in data["persons"]]}]
    by_id = {p["id"]: p for p in data["persons"]}
    for form in forms:
        ids = [p["id"] if isinstance(p, dict) else p for p in form["persons"]]
        title = t("xlsx.form", lang, id=form["id"]) if form["id"] else t("xlsx.results", lang)
        _persons_sheet(book.create_sheet(_sheet_title(title)), [by_id[i] for i in ids if i in by_id], levels, bands, lang)
    _books_sheet(book.create_sheet(t("xlsx.books", lang)), data, forms, lang)
    return to_bytes(book)


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: 31 characters, none of []:*?/\\."""
    return "".join("-" if ch in "[]:*?/\\" else ch for ch in title)[:31]


def _persons_sheet(ws: Worksheet, persons: list[dict[str, Any]], levels: dict[str, str], bands: dict[str, tuple[str, str]],
                   lang: str) -> None:
    keys = list(persons[0]["counts"]) if persons else list(levels)
    labels = [levels.get(k, k) for k in keys]
    head_row(ws, [t("xlsx.id", lang), t("xlsx.name", lang), t("xlsx.position", lang),
                  *(t("xlsx.count", lang, level=lb) for lb in labels), *(t("xlsx.share", lang, level=lb) for lb in labels),
                  t("xlsx.band", lang), t("xlsx.consequence", lang), t("xlsx.working", lang)])
    first_share = 4 + len(keys)
    for p in persons:
        ws.append([p["id"], p["name"], p["position"], *(p["counts"][k] for k in keys),
                   *(share(p["percent"][k]) for k in keys), *bands.get(p["band"], (p["band"], "")), "; ".join(p["working"])])
        for j in range(first_share, first_share + len(keys)):
            ws.cell(ws.max_row, j).number_format = PERCENT


def _books_sheet(ws: Worksheet, data: dict[str, Any], forms: list[dict[str, Any]], lang: str) -> None:
    head_row(ws, [t("xlsx.item", lang), t("xlsx.value", lang)])
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 34, 70
    basis = data["denominator"]["basis"]
    for key, value in (("rules", data["rules"]), ("citation", data["citation"]), ("session", data["session"]),
                       ("step", t(f"step.{data['step']}", lang)), ("convened", data["convened"]), ("present", data["present"]),
                       ("issued", data["issued"]), ("returned", data["returned"]), ("entered", data["entered"]),
                       ("valid", data["valid"]), ("invalid", data["invalid"]), ("basis", t(f"basis.{basis}", lang)),
                       ("denominator", data["denominator"]["value"])):
        ws.append([t(f"xlsx.{key}", lang), value])
    for form in forms if data.get("forms") else ():
        ws.append([])
        ws.append([t("xlsx.form", lang, id=form["id"]), form.get("title", "")])
        ws.cell(ws.max_row, 1).font = BOLD
        for key in ("issued", "returned", "valid", "invalid"):
            if key in form:
                ws.append([t(f"xlsx.{key}", lang), form[key]])
        denominator = form.get("denominator")
        if isinstance(denominator, dict):
            ws.append([t("xlsx.denominator", lang), denominator.get("value")])
        elif denominator is not None:
            ws.append([t("xlsx.denominator", lang), denominator])
