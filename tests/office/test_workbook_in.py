"""The conference workbook: the template round-trips to the sample conference, and every fault names its cell."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from session.conference import read_conference
from session.errors import BadInput
from storage import workbook_layout as lay
from storage.workbook_in import read_voters_csv, read_workbook
from tests.cli.support import cli
from tests.scenarios import sample_text


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "mau.xlsx"
    run = cli("template", "-o", path)
    assert run.code == 0, run.text
    return path


def _edit(path, change):
    """Open the workbook as an office would, change it, save it."""
    book = load_workbook(path)
    change(book)
    book.save(path)
    return path


def _refusal(path, lang="vi") -> str:
    with pytest.raises(BadInput) as caught:
        read_workbook(path)
    return caught.value.message(lang)


def test_template_is_the_sample_conference(template):
    from_toml, plain_toml = read_conference(sample_text())
    from_book, plain_book = read_workbook(template)
    assert plain_book == plain_toml
    assert from_book == from_toml
    book = load_workbook(template)
    assert book.sheetnames[0] == lay.HELP_SHEET
    assert [c.value for c in book[lay.PERSONS.name][1]] == [c.header for c in lay.PERSONS.columns]
    assert book[lay.PERSONS.name]["D2"].value.date() == date(2015, 11, 2)


def test_new_from_the_workbook_as_the_office_edits_it(template, tmp_path):
    def change(book):
        persons = book[lay.PERSONS.name]
        persons["B2"] = "Lê Văn Khánh Hòa"
        persons["D3"] = "15/03/2016"  # typed as text, dd/mm/yyyy
        persons["G2"] = 12345  # a personnel number typed as a number
        book[lay.CONFERENCE.name]["B12"] = "Tỉnh ủy Quảng Ngãi"
        voters = book[lay.VOTERS.name]
        voters.append(["v13", "Trần Văn Mới", "Chuyên viên; Đảng viên"])

    _edit(template, change)
    conference, plain = read_workbook(template)
    assert conference.persons[0].name == "Lê Văn Khánh Hòa" and conference.persons[0].key == "12345"
    assert conference.superior == "Tỉnh ủy Quảng Ngãi"
    assert plain["persons"][1]["in_post_since"] == "2016-03-15"
    assert conference.voter("v13").posts == ("Chuyên viên", "Đảng viên")
    db = tmp_path / "s.db"
    run = cli("new", template, "--db", db)
    assert run.code == 0, run.text
    status = cli("do", "--db", db, "status", "--format", "json")
    assert status.code == 0 and "v13" not in status.err, status.text


CASES = [
    ("a date that is none", lambda b: b[lay.PERSONS.name].__setitem__("D3", "31/02/2017"),
     "Người được lấy phiếu, dòng 3, cột D (Giữ chức vụ từ ngày): «31/02/2017» không phải ngày"),
    ("a duplicate id", lambda b: b[lay.PERSONS.name].__setitem__("A3", "p1"),
     "Người được lấy phiếu, dòng 3, cột A (Mã): mã «p1» bị trùng"),
    ("an unknown voter", lambda b: b[lay.PERSONS.name].__setitem__("E4", "v99"),
     "Người được lấy phiếu, dòng 4, cột E (Mã người dự): không có người dự mã «v99»"),
    ("a zero-width space in a post", lambda b: b[lay.VOTERS.name].__setitem__("C6", "Trưởng\u200bphòng; Đảng viên"),
     "Người dự, dòng 6, cột C (Chức vụ (cách nhau bởi dấu ;)): có ký tự ẩn"),
    ("a name missing", lambda b: b[lay.VOTERS.name].__setitem__("B5", None),
     "Người dự, dòng 5, cột B (Họ và tên): thiếu hoặc để trống"),
    ("a retirement notice that is neither", lambda b: b[lay.PERSONS.name].__setitem__("F2", "chắc vậy"),
     "Người được lấy phiếu, dòng 2, cột F (Đã có thông báo nghỉ hưu): «chắc vậy» phải là «có»"),
    ("an unknown rule pack", lambda b: b[lay.CONFERENCE.name].__setitem__("B6", "QD97"),
     "Hội nghị, dòng 6, cột B (Quy định áp dụng): không có bộ quy tắc «QD97»"),
    ("fewer members than convened", lambda b: b[lay.CONFERENCE.name].__setitem__("B7", 3),
     "Hội nghị, dòng 7, cột B (Tổng số thành viên): conference.total_members = 3"),
    ("members as text", lambda b: b[lay.CONFERENCE.name].__setitem__("B7", "mười lăm"),
     "Hội nghị, dòng 7, cột B (Tổng số thành viên): phải là số nguyên dương"),
    ("an unknown item", lambda b: b[lay.CONFERENCE.name].__setitem__("A14", "Chủ trì"),
     "Hội nghị, dòng 14, cột A (Mục): không có mục «Chủ trì»"),
    ("an unknown header", lambda b: b[lay.VOTERS.name].__setitem__("D1", "Ghi chú"),
     "Người dự, dòng 1, cột D (Ghi chú): không có cột «Ghi chú»"),
    ("a value without a header", lambda b: b[lay.VOTERS.name].__setitem__("E4", "?"),
     "Người dự, dòng 4, cột E (): có dữ liệu nhưng cột không có tiêu đề"),
    ("an override out of range", lambda b: b[lay.CONFERENCE.name].append(["overrides.min_months_in_post", 400]),
     "Hội nghị, dòng 15, cột B (overrides.min_months_in_post):"),
    ("a sheet missing", lambda b: b.remove(b[lay.VOTERS.name]), "Sổ tính thiếu trang «Người dự»."),
    ("a sheet unknown", lambda b: b.create_sheet("Ghi chép"), "Sổ tính có trang «Ghi chép» không dùng được"),
    ("a column missing", lambda b: b[lay.PERSONS.name].delete_cols(4), "Trang «Người được lấy phiếu» thiếu cột «Giữ chức vụ từ ngày»."),
]


@pytest.mark.parametrize(("what", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_every_fault_names_its_cell(template, what, change, message):
    assert message in _refusal(_edit(template, change))


def test_the_fault_in_english(template):
    _edit(template, lambda b: b[lay.PERSONS.name].__setitem__("A3", "p1"))
    assert "Người được lấy phiếu, row 3, column A (Mã): id “p1” is used twice." == _refusal(template, "en")


def test_new_refuses_naming_file_and_cell_and_writes_nothing(template, tmp_path):
    _edit(template, lambda b: b[lay.PERSONS.name].__setitem__("D2", "hôm qua"))
    db = tmp_path / "s.db"
    run = cli("new", template, "--db", db)
    assert run.code == 2
    assert f"{template}: Người được lấy phiếu, dòng 2, cột D (Giữ chức vụ từ ngày)" in run.err
    assert not db.exists()


def test_not_a_workbook(tmp_path):
    fake = tmp_path / "x.xlsx"
    fake.write_text("không phải sổ tính", encoding="utf-8")
    run = cli("new", fake, "--db", tmp_path / "s.db")
    assert run.code == 2 and "Không đọc được sổ tính" in run.err


def test_person_key_is_strict_and_unique():
    text = sample_text().replace('id = "p2"', 'id = "p2"\nkey = "CB-1"').replace('id = "p1"', 'id = "p1"\nkey = "CB-1"')
    with pytest.raises(BadInput) as caught:
        read_conference(text)
    assert caught.value.message() == "persons[2].key: mã «CB-1» bị trùng."
    with pytest.raises(BadInput, match="persons.1..key"):
        read_conference(sample_text().replace('id = "p1"', 'id = "p1"\nkey = 7'))


def _voters_csv(tmp_path, rows):
    path = tmp_path / "nguoi-du.csv"
    lines = ["Mã,Họ và tên,Chức vụ (cách nhau bởi dấu ;)", *rows]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))  # Excel's "CSV UTF-8" starts with a BOM
    head = sample_text().split("# Voters")[0]
    conf = tmp_path / "hoi-nghi.toml"
    conf.write_text(head, encoding="utf-8")
    return path, conf


def test_csv_is_the_voters_list(tmp_path):
    _, plain_toml = read_conference(sample_text())
    rows = [f'{v["id"]},{v["name"]},"{"; ".join(v["posts"])}"' for v in plain_toml["voters"]]
    path, conf = _voters_csv(tmp_path, rows)
    conference, plain = read_voters_csv(path, conf.read_text(encoding="utf-8"), str(conf))
    assert plain == plain_toml
    run = cli("new", path, "--conference", conf, "--db", tmp_path / "s.db")
    assert run.code == 0, run.text


def test_csv_faults(tmp_path):
    path, conf = _voters_csv(tmp_path, ["v01,Trịnh Minh Đức,Trưởng ban", "v02,,Phó Trưởng ban"])
    run = cli("new", path, "--conference", conf, "--db", tmp_path / "s.db")
    assert run.code == 2 and "nguoi-du.csv, dòng 3, cột B (Họ và tên): thiếu hoặc để trống" in run.err
    run = cli("new", path, "--db", tmp_path / "s.db")
    assert run.code == 2 and "--conference" in run.err
    assert not (tmp_path / "s.db").exists()


def test_a_forms_sheet_makes_a_session_of_several_forms(template, tmp_path):
    """The office adds the optional sheet of ballot forms: the session then issues and counts each form on its own."""
    def change(book):
        sheet = book.create_sheet(lay.FORMS.name)
        sheet.append([c.header for c in lay.FORMS.columns])
        sheet.append(["A", "Phiếu Phó Trưởng ban thứ nhất", "hồng", "p1"])
        sheet.append(["B", "Phiếu Phó Trưởng ban thứ hai", "xanh", "p2; p3"])

    conference, plain = read_workbook(_edit(template, change))
    assert [(f["id"], f["persons"]) for f in plain["forms"]] == [("A", ["p1"]), ("B", ["p2", "p3"])]
    db = tmp_path / "s.db"
    assert cli("new", template, "--db", db).code == 0
    status = cli("do", "--db", db, "status", "--format", "json")
    assert status.code == 0 and "B" in status.out, status.text


def test_a_person_on_no_form_is_named_at_its_cell(template):
    def change(book):
        sheet = book.create_sheet(lay.FORMS.name)
        sheet.append([c.header for c in lay.FORMS.columns])
        sheet.append(["A", "Phiếu một", "", "p1"])

    message = _refusal(_edit(template, change))
    assert "p2" in message or "Hoàng Thị Mai" in message, message
