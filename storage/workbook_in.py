"""Reading a conference from an office's workbook (.xlsx) or a voters list (.csv).

The sheets become the same plain data the TOML reader builds, and the domain's
``conference_from_data`` checks it: every rule is applied once, in one place. Each value
remembers its cell, so a refusal that names ``persons[3].position`` is told as
"Người được lấy phiếu, dòng 4, cột C (Chức vụ)".
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from session import conference_text as ct
from session.conference import Conference, conference_from_data, to_plain
from session.errors import BadInput
from session.i18n import t
from storage import workbook_layout as lay

Rows = list[tuple[Any, ...]]
DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
WHERE_OF_KEY = {"file.total_below_convened": "conference.total_members", "file.bad_timezone": "conference.timezone",
                "file.team_too_big": "conference.overrides.team_min_size"}
"""Domain refusals that name no place, and the value they are about."""
PARENT = re.compile(r"(\[\d+\]|\.[^.\[\]]+)$")
"""The last step of a data path: ``[3]`` or ``.posts``."""


@dataclass(frozen=True)
class Cell:
    """Where a value was read: a cell, a whole row (``column`` 0) or a whole sheet (``row`` 0)."""

    sheet: str
    row: int = 0
    column: int = 0
    header: str = ""

    def text(self, lang: str = "vi") -> str:
        """"Người dự, dòng 5, cột C (Chức vụ)" in ``lang``."""
        if not self.row:
            return self.sheet
        if not self.column:
            return t("workbook.sheet_row", lang, sheet=self.sheet, row=self.row)
        return t("workbook.cell", lang, sheet=self.sheet, row=self.row, column=get_column_letter(self.column), header=self.header)


class CellError(BadInput):
    """A refusal told at the cell it is about: the cell stands for the message's ``where``, or comes before it."""

    def __init__(self, key: str, cell: Cell, **params: Any):
        super().__init__(key, **params)
        self.cell = cell
        """The cell, row or sheet at fault."""

    def message(self, lang: str = "vi") -> str:
        if "{where}" in t(self.key, lang):
            return t(self.key, lang, **{**self.params, "where": self.cell.text(lang)})
        return f"{self.cell.text(lang)}: {super().message(lang)}"


def read_workbook(path: str | Path) -> tuple[Conference, dict[str, Any]]:
    """The conference in the workbook at ``path`` and its plain data; a CellError names the sheet, row and column."""
    sheets = _load(path)
    known = {s.name for s in lay.SHEETS} | {lay.HELP_SHEET}
    for name in sheets:
        if name not in known:
            raise BadInput("workbook.unknown_sheet", sheet=name, known=", ".join(s.name for s in lay.SHEETS))
    data: dict[str, Any] = {}
    cells: dict[str, Cell] = {}
    for sheet in lay.SHEETS:
        if sheet.name not in sheets:
            if sheet.required:
                raise BadInput("workbook.no_sheet", sheet=sheet.name)
            continue
        if sheet is lay.CONFERENCE:
            data["conference"] = _conference(sheets[sheet.name], cells)
        else:
            rows = _list(sheet, sheets[sheet.name], cells)
            if rows or sheet.required:
                data[sheet.key] = rows
    return build(data, cells)


def read_voters_csv(path: str | Path, conference_toml: str, toml_name: str) -> tuple[Conference, dict[str, Any]]:
    """A CSV voters list (the ``Người dự`` sheet's columns) joined to a TOML conference file without ``[[voters]]``."""
    try:
        head = to_plain(tomllib.loads(conference_toml.removeprefix("\ufeff")))
    except tomllib.TOMLDecodeError as exc:
        raise BadInput("file.toml", detail=str(exc)) from None
    if "voters" in head:
        raise BadInput("workbook.csv_and_voters", path=toml_name)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput("cli.not_utf8", path=str(path)) from None
    rows: Rows = [tuple(r) for r in csv.reader(io.StringIO(text))]
    cells: dict[str, Cell] = {}
    sheet = lay.Sheet(Path(path).name, "voters", lay.VOTERS.columns)
    head["voters"] = _list(sheet, rows, cells)
    return build(head, cells)


def build(data: dict[str, Any], cells: dict[str, Cell]) -> tuple[Conference, dict[str, Any]]:
    """The domain's reading of ``data``; its refusal moved to the cell the value came from."""
    plain = ct.nfc(data)
    try:
        return conference_from_data(plain), plain
    except BadInput as exc:
        raise _at_cell(exc, cells) from None


def _at_cell(exc: BadInput, cells: dict[str, Cell]) -> BadInput:
    """``exc`` told at the cell of the value it names (``voters[3].posts[2]`` → that voter's posts cell)."""
    where = exc.params.get("where") or WHERE_OF_KEY.get(exc.key)
    path = where if isinstance(where, str) else ""
    while path and path not in cells:
        path = PARENT.sub("", path) if PARENT.search(path) else ""
    if not path:
        return exc
    params = dict(exc.params)
    if "where" in params:
        params["where"] = ""  # the cell stands for it when the message is rendered
    return CellError(exc.key, cells[path], **params)


def _load(path: str | Path) -> dict[str, Rows]:
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise BadInput("cli.no_such_file", path=str(path)) from None
    except Exception as exc:  # openpyxl raises zipfile, KeyError, ValueError… for a file that is not a workbook
        raise BadInput("workbook.unreadable", path=str(path), detail=str(exc) or type(exc).__name__) from None
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    finally:
        book.close()


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _conference(rows: Rows, cells: dict[str, Cell]) -> dict[str, Any]:
    sheet = lay.CONFERENCE
    head: dict[str, Any] = {}
    overrides: dict[str, Any] = {}
    labels = [c.header for c in sheet.columns]
    for number, row in enumerate(rows, 1):
        label = row[0] if row else None
        value = row[1] if len(row) > 1 else None
        if number == 1 and isinstance(label, str) and lay.header_key(label) == lay.header_key(lay.CONFERENCE_HEAD[0]):
            continue
        if _blank(label):
            if not all(_blank(v) for v in row):
                raise CellError("workbook.no_header", Cell(sheet.name, number, 1, lay.CONFERENCE_HEAD[0]), where="")
            continue
        label_cell = Cell(sheet.name, number, 1, lay.CONFERENCE_HEAD[0])
        name = str(label).strip()
        if name.startswith(lay.OVERRIDES_PREFIX):
            key, column, target = name.removeprefix(lay.OVERRIDES_PREFIX), lay.Column(name, name), overrides
            path = f"conference.overrides.{key}"
        else:
            column = sheet.column(name)
            if column is None:
                raise CellError("workbook.unknown_item", label_cell, where="", name=name, known=", ".join(labels))
            key, target, path = column.key, head, f"conference.{column.key}"
        if key in target:
            raise CellError("workbook.twice_item", label_cell, where="", name=name)
        cell = Cell(sheet.name, number, 2, column.header)
        if _blank(value):
            continue
        target[key] = _value(column, value, cell)
        cells[path] = cell
    if overrides:
        head["overrides"] = overrides
    return head


def _list(sheet: lay.Sheet, rows: Rows, cells: dict[str, Cell]) -> list[dict[str, Any]]:
    """The data rows of a list sheet as ``[[key]]`` tables."""
    if not rows:
        for column in sheet.columns:
            if column.required:
                raise BadInput("workbook.missing_header", sheet=sheet.name, name=column.header)
        return []
    columns = _columns(sheet, rows[0])
    cells[sheet.key] = Cell(sheet.name)
    found: list[dict[str, Any]] = []
    for number, row in enumerate(rows[1:], 2):
        if all(_blank(v) for v in row):
            continue
        index = len(found) + 1
        entry: dict[str, Any] = {}
        for j, value in enumerate(row):
            column = columns.get(j)
            if column is None:
                if not _blank(value):
                    raise CellError("workbook.no_header", Cell(sheet.name, number, j + 1, ""), where="")
                continue
            cell = Cell(sheet.name, number, j + 1, column.header)
            cells[f"{sheet.key}[{index}].{column.key}"] = cell
            if not _blank(value):
                entry[column.key] = _value(column, value, cell)
        cells[f"{sheet.key}[{index}]"] = Cell(sheet.name, number, 0, "")
        found.append(entry)
    return found


def _columns(sheet: lay.Sheet, header: tuple[Any, ...]) -> dict[int, lay.Column]:
    """Position → column, from the header row; an unknown, repeated or missing header is refused."""
    columns: dict[int, lay.Column] = {}
    for j, text in enumerate(header):
        if _blank(text):
            continue
        column = sheet.column(str(text))
        at = Cell(sheet.name, 1, j + 1, str(text).strip())
        if column is None:
            raise CellError("workbook.unknown_header", at, where="", name=str(text).strip(),
                            known=", ".join(c.header for c in sheet.columns))
        if column in columns.values():
            raise CellError("workbook.twice_header", at, where="", name=column.header)
        columns[j] = column
    for column in sheet.columns:
        if column.required and column not in columns.values():
            raise BadInput("workbook.missing_header", sheet=sheet.name, name=column.header)
    return columns


def _value(column: lay.Column, value: Any, cell: Cell) -> Any:
    """A cell as the conference file would hold it; what the domain must judge passes through as it is."""
    if isinstance(value, str):
        value = value.strip()
    if column.kind == lay.DATE:
        if isinstance(value, datetime | date):
            return (value.date() if isinstance(value, datetime) else value).isoformat()
        found = DMY.match(value) if isinstance(value, str) else None
        try:
            if found:
                return date(int(found[3]), int(found[2]), int(found[1])).isoformat()
            if isinstance(value, str):
                return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
        raise CellError("workbook.bad_date", cell, where="", value=str(value))
    if column.kind == lay.FLAG:
        if isinstance(value, bool):
            return value
        word = str(value).casefold()
        if word in lay.YES or word in lay.NO:
            return word in lay.YES
        raise CellError("workbook.bad_flag", cell, where="", value=str(value))
    if column.kind == lay.WHOLE:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.isdigit():
            return int(value)
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # an id typed as a number in a spreadsheet is its digits
    if column.kind == lay.LIST:
        if not isinstance(value, str):
            return value
        return [part.strip() for part in value.split(lay.LIST_SEPARATOR) if part.strip()]
    return value
