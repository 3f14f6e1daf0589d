"""``tinnhiem report``: two archives of the same person side by side; a tampered archive refused by name and seq."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from storage.paper import archive
from tests.cli.support import cli, script
from tests.docs.support import pages_text
from tests.scenarios import sample_text


def _archive(tmp, name: str, text: str) -> str:
    """The sample walk over conference ``text``, archived as ``name``."""
    conf, db, zip_path = tmp / f"{name}.toml", str(tmp / f"{name}.db"), tmp / f"{name}.zip"
    conf.write_text(text, encoding="utf-8")
    assert cli("new", conf, "--db", db).code == 0
    run = cli("do", "--db", db, "--script", "-", stdin=script())
    assert run.code == 0, run.text
    assert cli("archive", "--db", db, "-o", zip_path).code == 0
    return zip_path


def _keyed(text: str, body: str, position: str) -> str:
    """The sample held by ``body``, its first person keyed CB-001 and in ``position``."""
    text = text.replace('body = "Ban Tổ chức Tỉnh ủy"', f'body = "{body}"')
    return text.replace('id = "p1"\nname = "Lê Văn Khánh"\nposition = "Phó Trưởng ban"',
                        f'id = "p1"\nkey = "CB-001"\nname = "Lê Văn Khánh"\nposition = "{position}"', 1)


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    first = _archive(tmp, "ban-to-chuc", _keyed(sample_text(), "Ban Tổ chức Tỉnh ủy", "Phó Trưởng ban"))
    second = _archive(tmp, "uy-ban", _keyed(sample_text(), "Ủy ban nhân dân tỉnh", "Ủy viên Ủy ban").replace(
        "date = 2018-10-16", "date = 2018-11-20"))
    return first, second


def test_the_same_person_side_by_side(archives, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    run = cli("report", *archives, "-o", out)
    assert run.code == 0, run.text
    book = load_workbook(out)
    assert book.sheetnames == ["Tổng hợp", "Các hội nghị", "Ghi chú"]
    ws = book["Tổng hợp"]
    assert ws["E1"].value == "Nơi thứ 1" and "Nơi thứ 2" in [c.value for c in ws[1]]
    head = [c.value for c in ws[2]]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    keyed = [r for r in rows if r[1] == "CB-001"]
    assert len(keyed) == 1  # matched by key although the post differs
    width = len(head[4:]) // 2  # two places: two blocks of the same columns
    row = dict(zip(head[:4 + width], keyed[0]))
    assert row["Cơ quan, tổ chức"] == "Ban Tổ chức Tỉnh ủy" and row["Quy định"] == "QD96"
    second = keyed[0][4 + width:]
    assert second[1] == "Ủy ban nhân dân tỉnh" and second[2].date().isoformat() == "2018-11-20"
    assert row["Tín nhiệm thấp (số phiếu)"] == 7 and f"{row['Tín nhiệm thấp (tỷ lệ)'] * 100:.2f}" == "58.33"
    assert row["Mức kết quả"] == "Quá nửa"
    # Hoàng Thị Mai has no key: one row over both places, matched by name and post, and the report says so.
    mai = [r for r in rows if r[2] == "Hoàng Thị Mai"]
    assert len(mai) == 1 and mai[0][4 + width] == "uy-ban.zip"
    assert "Hoàng Thị Mai (Phó Trưởng ban) ở ban-to-chuc.zip không có mã cán bộ" in run.err
    assert any("đối chiếu theo họ tên" in (r[0] or "") for r in book["Ghi chú"].iter_rows(values_only=True))
    places = list(book["Các hội nghị"].iter_rows(min_row=2, values_only=True))
    assert [p[1] for p in places] == ["ban-to-chuc.zip", "uy-ban.zip"]


def test_the_pdf(archives, tmp_path):
    out = tmp_path / "tong-hop.pdf"
    run = cli("report", *archives, "-o", out)
    assert run.code == 0, run.text
    text = " ".join(pages_text(out.read_bytes()))
    assert "TỔNG HỢP KẾT QUẢ LẤY PHIẾU TÍN NHIỆM" in text
    assert "Lê Văn Khánh" in text and "Ủy ban nhân dân tỉnh" in text and "58,33" in text and "20/11/2018" in text
    # Under the paper's official form: the head of the first conference's body (a Party pack: the Party line), a
    # number to fill, and nothing printed under 11 pt.
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số: ……/BC" in text
    import io

    from pypdf import PdfReader

    sizes = []
    for page in PdfReader(io.BytesIO(out.read_bytes())).pages:
        page.extract_text(visitor_text=lambda t_, cm, tm, font, size: t_.strip() and sizes.append(size * tm[0]))
    assert sizes and min(sizes) >= 11 - 0.01, min(sizes)


def test_a_tampered_archive_is_refused_by_name_and_seq(archives, tmp_path):
    forged = tmp_path / "sua.zip"
    with zipfile.ZipFile(archives[1]) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files[archive.LOG] = files[archive.LOG].replace(b'"votes_for": 11', b'"votes_for": 12', 1)
    del files[archive.MANIFEST]
    files[archive.MANIFEST] = archive.manifest(files).encode()
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    out = tmp_path / "r.xlsx"
    run = cli("report", archives[0], forged, "-o", out)
    assert run.code == 4
    assert f"{forged}: không đưa vào báo cáo" in run.err and "log.jsonl" in run.err and "Sự kiện 7" in run.err
    assert str(archives[0]) not in run.err
    assert not out.exists()


def test_a_wrong_suffix_or_a_missing_archive(archives, tmp_path):
    assert cli("report", *archives, "-o", tmp_path / "r.docx").code == 2
    run = cli("report", tmp_path / "khong-co.zip", "-o", tmp_path / "r.xlsx")
    assert run.code == 2 and "khong-co.zip" in run.err
