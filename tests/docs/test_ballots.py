"""Ballots on the rule pack's form, identical copies, the form QR, long lists, and batch cover sheets."""

from __future__ import annotations

import pytest

from session.counting import read_scan
from session.paper import ballot_payload, batch_payload
from storage.paper.documents import ballots_pdf, covers_pdf
from tests.docs.support import fonts, new_service, page_streams, pages_text, qr_texts, render
from tests.scenarios import sample_data, synthetic

FORMS = {
    "QD96": (("Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"), "PHIẾU TÍN NHIỆM", ()),
    "NQ96": (("Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"), "PHIẾU TÍN NHIỆM", ()),
    "APPOINT": (("Đồng ý", "Không đồng ý"), "PHIẾU GIỚI THIỆU BỔ NHIỆM", ("Tín nhiệm cao",)),
    "BINARY": (("Tín nhiệm", "Không tín nhiệm"), "PHIẾU BỎ PHIẾU TÍN NHIỆM", ("Tín nhiệm cao", "Đồng ý")),
}
"""Pack → (column labels, title, labels that must not appear)."""


@pytest.fixture(scope="module")
def sample():
    return new_service(sample_data()).state


@pytest.mark.parametrize("rules", list(FORMS))
def test_columns_follow_the_rule_pack(rules):
    labels, title, absent = FORMS[rules]
    state = new_service(synthetic(6, 3, rules, posts=2 if rules == "APPOINT" else None)).state
    text = pages_text(ballots_pdf(state, fonts(), 1))[0]
    assert title in text
    assert "STT Họ và tên Chức vụ " + " ".join(labels) in text
    for label in absent:
        assert label not in text
    assert "Người Được Lấy Phiếu 3 Phó Giám đốc" in text
    if rules == "APPOINT":
        assert "Số người được đồng ý không quá 2 (số chức danh cần bổ nhiệm: 2)" in " ".join(text.split())


def test_header_names_conference_body_date_and_instructions(sample):
    text = pages_text(ballots_pdf(sample, fonts(), 1))[0]
    assert "BAN TỔ CHỨC TỈNH ỦY" in text
    assert "Hội nghị lấy phiếu tín nhiệm giữa nhiệm kỳ" in text
    assert "ngày 16 tháng 10 năm 2018" in text
    assert "đánh dấu (X) vào một trong ba ô" in " ".join(text.split())  # the pack's voter instructions
    assert "Lê Văn Khánh Phó Trưởng ban" in text and "Hoàng Thị Mai Phó Trưởng ban" in text


def test_a_person_left_off_by_eligibility_is_not_printed(sample):
    assert "Đặng Quốc Bảo" in {p.name for p in sample.conference.excluded}
    assert all("Đặng Quốc Bảo" not in text for text in pages_text(ballots_pdf(sample, fonts(), 2)))


def test_no_two_ballots_differ_and_the_qr_names_only_session_and_form(sample):
    pdf = ballots_pdf(sample, fonts(), 5)
    streams = page_streams(pdf)
    # A short list: two ballots to an A4 sheet, the fifth alone on the third.
    assert len(streams) == 3 and streams[0] == streams[1] == page_streams(ballots_pdf(sample, fonts(), 2))[0]
    assert qr_texts(render(pdf, 1)) == [ballot_payload(sample.session_id, "QD96")] * 2
    assert read_scan(sample, ballot_payload(sample.session_id, "QD96")).kind == "ballot"


def test_a_short_form_prints_two_to_a_sheet_and_a_long_one_a_page_each():
    short = new_service(synthetic(5, 3)).state
    assert len(pages_text(ballots_pdf(short, fonts(), 4))) == 2
    assert b"[5.669 5.669] 0.000 d" in page_streams(ballots_pdf(short, fonts(), 2))[0]  # the dashed cut line
    # 18 rows fill a page above the scanner's QR and the blank edge a printer needs; a 19th starts a second page.
    long = new_service(synthetic(5, 18)).state
    (text,) = pages_text(ballots_pdf(long, fonts(), 1))
    assert "Người Được Lấy Phiếu 18" in " ".join(text.split())
    assert len(pages_text(ballots_pdf(new_service(synthetic(5, 19)).state, fonts(), 1))) == 2


def test_a_longer_list_continues_with_the_header_repeated():
    state = new_service(synthetic(5, 120)).state
    pdf = ballots_pdf(state, fonts(), 2)
    pages = pages_text(pdf)
    per = len(pages) // 2
    assert len(pages) == 2 * per and per > 2
    for index, text in enumerate(pages):
        page = index % per + 1
        assert "PHIẾU TÍN NHIỆM" in text and "STT Họ và tên Chức vụ" in text and f"Trang {page}/{per}" in text
    flat = [" ".join(text.split()) for text in pages]
    assert "1 Người Được Lấy Phiếu 1 " in flat[0] and "120 Người Được Lấy Phiếu 120 " in flat[per - 1]
    assert page_streams(pdf)[:per] == page_streams(pdf)[per:]


def test_the_signing_line_only_where_the_pack_allows_signing():
    for rules, signs in (("QD96", True), ("NQ96", False), ("QD262", False)):
        text = pages_text(ballots_pdf(new_service(synthetic(5, 2, rules)).state, fonts(), 1))[0]
        assert ("Người bỏ phiếu (có thể ký hoặc không ký)" in text) is signs, rules


def test_state_ballots_leave_the_seal_space_party_ballots_name_the_body():
    state_text = pages_text(ballots_pdf(new_service(synthetic(5, 2, "NQ96")).state, fonts(), 1))[0]
    party_text = pages_text(ballots_pdf(new_service(synthetic(5, 2, "QD96")).state, fonts(), 1))[0]
    assert "(Dấu)" in state_text and "(Dấu)" not in party_text


def test_no_word_is_left_alone_on_the_title_s_last_line(sample):
    lines = pages_text(ballots_pdf(sample, fonts(), 1))[0].splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Hội nghị lấy phiếu"))
    title = [lines[at]] + ([lines[at + 1]] if not lines[at + 1].startswith("Mỗi") else [])
    assert len(title[-1].split()) >= 2, title


def test_a_90_character_position_wraps_inside_its_cell_and_never_reaches_a_box():
    """The PDF's text runs against the table's columns: every run of a row stays in its own cell."""
    import io

    from pypdf import PdfReader

    from storage.paper.ballots import _columns
    from storage.paper.pdf_base import Page

    data = synthetic(5, 3)
    data["persons"][0]["position"] = ("Phó Trưởng ban Thường trực kiêm Chánh Văn phòng, phụ trách công tác tổ chức "
                                     "cán bộ")[:90].ljust(90, ".")
    data["persons"][0]["name"] = "Nguyễn Thị Phương Thảo Hoàng Lê Minh Khuê Trần"
    pdf = ballots_pdf(new_service(data).state, fonts(), 1)
    page = Page(fonts())
    no_w, name_w, pos_w, _ = _columns(page, 3)
    left = page.l_margin
    name_cell = (left + no_w, left + no_w + name_w)
    pos_cell = (name_cell[1], name_cell[1] + pos_w)
    runs: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            x_mm = (tm[4] * cm[0] + cm[4]) * 25.4 / 72
            runs.append((text.strip(), x_mm, size * tm[0], page.width(text.strip(), size * tm[0])))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    checked = 0
    for text, x, size, width in runs:
        for cell, words in ((name_cell, data["persons"][0]["name"]), (pos_cell, data["persons"][0]["position"])):
            if cell[0] <= x < cell[1] and text in words:
                assert size >= 11
                assert x + width <= cell[1] + 0.01, (text, x, width, cell)
                checked += 1
    assert checked >= 4  # both texts wrapped to at least two lines, each inside its cell


def test_batch_covers_carry_their_code_as_text_and_qr_the_station_accepts(sample):
    pdf = covers_pdf(sample, fonts(), 3)
    pages = pages_text(pdf)
    assert len(pages) == 3
    assert "Xấp B02" in pages[1] and "Số phiếu trong xấp" in pages[1] and "Tổ trưởng Tổ kiểm phiếu" in pages[1]
    assert pages[1].count("(ký, ghi rõ họ tên)") == 2  # one entry: no second-entry box
    double = sample_data()
    double["conference"]["double_entry"] = True
    assert pages_text(covers_pdf(new_service(double).state, fonts(), 1))[0].count("(ký, ghi rõ họ tên)") == 3
    (payload,) = qr_texts(render(pdf, 1))
    assert payload == batch_payload(sample.session_id, "B02")
    scan = read_scan(sample, payload)
    assert (scan.kind, scan.value) == ("batch", "B02")


def test_rehearsal_is_marked_across_every_page_of_every_document():
    from session.minutes import build
    from storage.paper.minutes import minutes

    data = sample_data()
    data["conference"]["rehearsal"] = True
    state = new_service(data).state
    for pdf in (ballots_pdf(state, fonts(), 2), covers_pdf(state, fonts(), 2), minutes(build(state), fonts())):
        assert all("THỬ NGHIỆM" in text for text in pages_text(pdf))
    plain = new_service(sample_data()).state
    assert all("THỬ NGHIỆM" not in text for text in pages_text(ballots_pdf(plain, fonts(), 1)))


@pytest.mark.parametrize("rules", ["QD96", "QD262", "NQ96", "NQ85", "BINARY"])
def test_only_a_pack_that_allows_it_tells_the_voter_they_may_sign(rules):
    state = new_service(synthetic(6, 2, rules)).state
    text = " ".join(pages_text(ballots_pdf(state, fonts(), 1))[0].split())
    assert ("có thể ký tên hoặc không ký tên" in text) is (rules == "QD96")
    assert "Đánh dấu (X)" in text or "đánh dấu (X)" in text


def test_each_form_is_printed_on_its_own_sheets_with_its_title_colour_and_qr():
    """Three forms: each copy of each form names the form and its paper colour and carries that form's QR."""
    from session.counting import ballot_qr, cover_qr
    from tests.scenarios import synthetic

    data = synthetic(6, 4)
    data["forms"] = [{"id": "A", "title": "Phiếu khối A", "colour": "hồng", "persons": ["p1", "p2"]},
                     {"id": "B", "title": "Phiếu khối B", "colour": "xanh", "persons": ["p3"]},
                     {"id": "C", "title": "Phiếu khối C", "persons": ["p4"]}]
    state = new_service(data).state
    pdf = ballots_pdf(state, fonts(), 2)
    text = " ".join(" ".join(pages_text(pdf)).split()).upper()  # the form's line is printed in capitals, like the title
    assert text.count("PHIẾU KHỐI A (GIẤY MÀU HỒNG)") == 2 and text.count("PHIẾU KHỐI B (GIẤY MÀU XANH)") == 2
    assert text.count("PHIẾU KHỐI C") == 2 and "PHIẾU KHỐI C (GIẤY" not in text
    qrs = {q for page in range(len(pages_text(pdf))) for q in qr_texts(render(pdf, page))}
    assert qrs == {ballot_qr(state, b) for b in state.books.values()} and len(qrs) == 3
    covers = pages_text(covers_pdf(state, fonts(), 1))
    assert len(covers) == 3 and "PHIẾU KHỐI B" in covers[1].upper()
    assert cover_qr(state, "B01", state.books["B"]).endswith(":B01:B")
