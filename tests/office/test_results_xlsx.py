"""``tinnhiem results --format xlsx``: read back with openpyxl, the shown percentages are the JSON's."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from storage.paper.workbook_out import PERCENT, results_workbook
from tests.cli.support import EXPECTED, cli


@pytest.fixture(scope="module")
def workbook(closed_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "ket-qua.xlsx"
    run = cli("results", "--db", closed_db, "--format", "xlsx", "-o", path)
    assert run.code == 0, run.text
    return load_workbook(path)


def _shown(fraction: float) -> str:
    """What Excel shows for ``fraction`` in a ``0.00%`` cell (it rounds to 15 digits first, then to 2 decimals)."""
    return f"{float(f'{fraction * 100:.15g}'):.2f}"


def test_one_sheet_per_form_then_the_books(workbook):
    assert workbook.sheetnames == ["Kết quả", "Sổ sách"]
    head = [c.value for c in workbook["Kết quả"][1]]
    assert head[:4] == ["Mã", "Họ và tên", "Chức vụ", "Tín nhiệm cao (số phiếu)"]
    assert "Tín nhiệm thấp (tỷ lệ)" in head and "Không hợp lệ (số phiếu)" in head and "Mức kết quả" in head


def test_numbers_are_numbers_and_percentages_agree_with_the_json(workbook, closed_db):
    data = json.loads(cli("results", "--db", closed_db, "--format", "json").out)
    ws = workbook["Kết quả"]
    head = [c.value for c in ws[1]]
    for row, person in zip(ws.iter_rows(min_row=2), data["persons"], strict=True):
        cells = {h: c for h, c in zip(head, row)}
        counts, percent, band = EXPECTED[person["id"]]
        assert cells["Mã"].value == person["id"]
        assert cells["Tín nhiệm thấp (số phiếu)"].value == counts["low"]
        assert isinstance(cells["Tín nhiệm thấp (số phiếu)"].value, int)
        share = cells["Tín nhiệm thấp (tỷ lệ)"]
        assert share.number_format == PERCENT and isinstance(share.value, float)
        for key, label in (("high", "Tín nhiệm cao"), ("medium", "Tín nhiệm"), ("low", "Tín nhiệm thấp"), ("invalid", "Không hợp lệ")):
            assert _shown(cells[f"{label} (tỷ lệ)"].value) == person["percent"][key] == percent[key]
        assert cells["Mức kết quả"].value == {"over_half": "Quá nửa", "two_thirds": "Từ 2/3 trở lên"}[band]


def test_books(workbook):
    books = {r[0]: r[1] for r in workbook["Sổ sách"].iter_rows(min_row=2, values_only=True)}
    assert books["Quy định"] == "QD96"
    assert books["Số phiếu thu vào"] == 12 and books["Mẫu số"] == 12
    assert books["Căn cứ tính tỷ lệ"] == "tổng số phiếu thu về"


def test_english_headers(closed_db, tmp_path):
    path = tmp_path / "r.xlsx"
    assert cli("--lang", "en", "results", "--db", closed_db, "--format", "xlsx", "-o", path).code == 0
    book = load_workbook(path)
    assert book.sheetnames == ["Results", "Books"]
    assert "High confidence (share)" in [c.value for c in book["Results"][1]]


def test_xlsx_needs_a_file(closed_db):
    run = cli("results", "--db", closed_db, "--format", "xlsx")
    assert run.code == 2 and "-o" in run.err


def test_a_sheet_per_form_from_forms():
    person = {"id": "p1", "name": "A", "position": "B", "counts": {"yes": 3, "invalid": 1}, "percent": {"yes": "75.00", "invalid": "25.00"},
              "band": "none", "working": []}
    other = {**person, "id": "p2", "name": "C"}
    data = {"rules": "X", "citation": "", "session": "s", "step": "closed", "convened": 4, "present": 4, "issued": 4, "returned": 4,
            "entered": 4, "valid": 3, "invalid": 1, "denominator": {"basis": "returned", "value": 4}, "persons": [person, other],
            "forms": [{"id": "A", "title": "Phiếu A", "issued": 4, "returned": 4, "valid": 3, "invalid": 1,
                       "denominator": {"basis": "returned", "value": 4}, "persons": [person]},
                      {"id": "B", "title": "Phiếu B", "persons": [other]}]}
    book = load_workbook(io.BytesIO(results_workbook(data, {"yes": "Đồng ý", "invalid": "Không hợp lệ"}, {"none": ("—", "")})))
    assert book.sheetnames == ["Mẫu phiếu A", "Mẫu phiếu B", "Sổ sách"]
    assert book["Mẫu phiếu A"]["B2"].value == "A" and book["Mẫu phiếu B"]["B2"].value == "C"
    assert book["Mẫu phiếu A"]["F2"].value == 0.75 and book["Mẫu phiếu A"]["D1"].value == "Đồng ý (số phiếu)"
