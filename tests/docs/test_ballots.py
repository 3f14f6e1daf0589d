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
    assert len(streams) == 5 and len(set(streams)) == 1
    assert qr_texts(render(pdf, 3)) == [ballot_payload(sample.session_id, "QD96")]
    assert read_scan(sample, ballot_payload(sample.session_id, "QD96")).kind == "ballot"


def test_fifty_persons_fit_one_a4_page():
    state = new_service(synthetic(5, 50)).state
    (text,) = pages_text(ballots_pdf(state, fonts(), 1))
    assert "Người Được Lấy Phiếu 50 " in text


def test_a_longer_list_continues_with_the_header_repeated():
    state = new_service(synthetic(5, 120)).state
    pdf = ballots_pdf(state, fonts(), 2)
    pages = pages_text(pdf)
    assert len(pages) == 6
    for index, text in enumerate(pages):
        page = index % 3 + 1
        assert "PHIẾU TÍN NHIỆM" in text and "STT Họ và tên Chức vụ" in text and f"Trang {page}/3" in text
    assert "51 Người Được Lấy Phiếu 51 " in pages[1] and "Người Được Lấy Phiếu 51 " not in pages[0]
    assert "120 Người Được Lấy Phiếu 120 " in pages[2]
    assert page_streams(pdf)[:3] == page_streams(pdf)[3:]


def test_batch_covers_carry_their_code_as_text_and_qr_the_station_accepts(sample):
    pdf = covers_pdf(sample, fonts(), 3)
    pages = pages_text(pdf)
    assert len(pages) == 3
    assert "Xấp B02" in pages[1] and "Số phiếu trong xấp" in pages[1] and "Tổ trưởng Tổ kiểm phiếu" in pages[1]
    assert pages[1].count("(ký, ghi rõ họ tên)") == 3
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
