"""The records beside the minutes: the entry log, the attendance list, the sealing record, the draft resolution."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from session import commands as c
from session.counting import ResolveMismatch
from session.errors import StepRefused
from session.events import CHAIR, Actor
from tests.cli.support import SAMPLE, cli
from tests.docs.support import new_service, pages_text
from tests.scenarios import drive_to_counting, enter, finish, sample_data, synthetic
from tui import paper_jobs

S1, S2 = Actor("station", "v05", "S1"), Actor("station", "v06", "S2")
"""Two stations worked by team members (drive_to_counting's team of the sample is v01 head, v05, v06)."""


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(pages_text(pdf)))


def _print(service, what: str) -> bytes:
    return paper_jobs.make(what, service.store.load(service.session_id), "vi").data


@pytest.fixture(scope="module")
def single():
    """The sample counted in single entry, one ballot corrected, then sealed."""
    service = drive_to_counting(new_service(sample_data()))
    enter(service, ["33", "31", "12", "!not_issued"] + ["33"] * 8)
    service.handle(c.CorrectBallot(2, "Đọc nhầm ô thứ hai", marks="32", confirmed_by=service.state.team_head), CHAIR)
    return finish(service)


@pytest.fixture(scope="module")
def double():
    """The sample in blind double entry: one ballot agreed, one mismatched and decided by the head."""
    data = sample_data()
    data["conference"]["double_entry"] = True
    service = drive_to_counting(new_service(data))
    service.handle(c.RecordBallot(marks="x-", batch="B1"), S1)
    service.handle(c.RecordBallot(marks="x-", batch="B1"), S2)
    service.handle(c.RecordBallot(marks="12", batch="B1"), S1)
    service.handle(c.RecordBallot(marks="13", batch="B1"), S2)
    service.handle(ResolveMismatch(2, "B1", "12", confirmed_by="v01"), S1)
    return service


def test_the_entry_log_names_members_marks_in_words_and_the_correction(single):
    state = single.state
    text = _text(_print(single, "entries"))
    assert "NHẬT KÝ NHẬP PHIẾU" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số: ……/NK-NP" in text
    first, second = (p.name for p in state.ballot_persons)
    assert f"{first}: Tín nhiệm thấp; {second}: Tín nhiệm thấp" in text
    assert f"{first}: Tín nhiệm thấp; {second}: Tín nhiệm" in text  # the correction's new content
    assert "Lý do: Đọc nhầm ô thứ hai" in text
    assert f"Tổ trưởng {state.conference.voter(state.team_head).name}" in text
    assert "Phiếu không do Tổ kiểm phiếu phát ra" in text  # a whole invalid ballot, by its reason


def test_the_entry_log_under_double_entry_shows_both_blind_entries_and_the_resolution(double):
    state = double.state
    text = _text(_print(double, "entries"))
    member = state.conference.voter("v05").name
    assert "Nhập độc lập (máy S1)" in text and f"Máy S1 · {member}" in text
    assert f"Máy S2 · {state.conference.voter('v06').name}" in text
    assert "Hai lần nhập khớp, được tính" in text and "đánh dấu nhiều ô" in text and "gạch tên" in text
    assert "Tổ trưởng quyết định, được tính" in text and "Hai lần nhập độc lập lệch nhau." in text
    assert text.count("B1/2") == 3  # two blind entries and the head's decision


def test_the_attendance_list_names_late_arrivals_and_the_absent():
    service = new_service(sample_data())
    ids = [v.id for v in service.state.conference.voters]
    for command in (c.Advance(), c.MarkPresent(tuple(ids[:-2])), c.Advance(), c.MarkPresent((ids[-2],))):
        service.handle(command, CHAIR)
    with pytest.raises(StepRefused):
        _print(service, "attendance")  # before issuing
    present = tuple(ids[:-1])
    for command in (c.Advance(), c.ProposeTeam(("v05", "v06", "v07"), "v05"), c.ApproveTeam(len(present)), c.Advance(),
                    c.Advance(), c.IssueBallots(present), c.Advance(), c.RecordReturned(len(present)), c.Advance()):
        service.handle(command, CHAIR)
    assert service.state.step == "counting"
    conf = service.state.conference
    text = _text(_print(service, "attendance"))
    assert "DANH SÁCH NGƯỜI DỰ HỘI NGHỊ" in text and "Ký tên" in text
    assert "Đến muộn (1)" in text and re.search(rf"{conf.voter(ids[-2]).name} .*Đến muộn, \d\d:\d\d", text)
    assert "Vắng mặt (1)" in text and conf.voter(ids[-1]).name in text
    assert all(v.name in text for v in conf.voters)


def test_the_sealing_record_names_what_was_sealed_the_team_and_the_receiver(single):
    text = _text(_print(single, "sealing"))
    assert "BIÊN BẢN NIÊM PHONG, BÀN GIAO PHIẾU" in text
    assert "Số phiếu thu về 12" in text and "Số phiếu hợp lệ 11" in text and "Số phiếu không hợp lệ 1" in text
    assert "Bên nhận bàn giao: Văn phòng." in text
    assert re.search(r"Niêm phong và bàn giao lúc \d\d:\d\d ngày 16/10/2018", text)
    assert all(single.state.conference.voter(m).name in text for m in single.state.team)


def test_the_resolution_under_the_national_motto_with_each_persons_result():
    service = finish(enter_all(drive_to_counting(new_service(synthetic(9, 2, "NQ96")))))
    text = _text(_print(service, "resolution"))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "ĐẢNG CỘNG SẢN" not in text and "Số: ……/NQ-HĐND" in text
    assert "DỰ THẢO NGHỊ QUYẾT XÁC NHẬN KẾT QUẢ LẤY PHIẾU TÍN NHIỆM" in text
    assert "Người Được Lấy Phiếu 1" in text and "Người Được Lấy Phiếu 2" in text and "9 (100,00%)" in text


def enter_all(service):
    enter(service, ["33"] * service.state.returned)
    return service


def test_the_resolution_is_refused_before_the_announcement_and_outside_a_council(single):
    service = enter_all(drive_to_counting(new_service(synthetic(9, 2, "NQ96"))))
    with pytest.raises(StepRefused) as early:
        _print(service, "resolution")
    assert "chưa được công bố" in early.value.message("vi")
    with pytest.raises(StepRefused) as party:
        _print(single, "resolution")
    assert "Hội đồng nhân dân" in party.value.message("vi") and "QD96" in party.value.message("vi")


def test_sealing_and_entries_are_refused_before_their_step(tmp_path):
    db = str(tmp_path / "s.db")
    assert cli("new", SAMPLE, "--db", db).code == 0
    for what in ("entries", "sealing", "attendance"):
        run = cli("print", what, "--db", db, "-o", tmp_path / f"{what}.pdf")
        assert run.code == 3 and "không thể" in run.text, run.text
        assert not (tmp_path / f"{what}.pdf").exists()


def test_text_format_prints_the_record():
    service = drive_to_counting(new_service(sample_data()))
    text = paper_jobs.record_text("entries", service.state, service.store.load(service.session_id), "en")
    assert "BALLOT ENTRY LOG" in text and "0 ballots counted" in text


@pytest.mark.parametrize("what", ["entries", "attendance", "sealing"])
def test_body_is_13_pt_and_nothing_below_11(single, what):
    sizes: list[tuple[str, float]] = []
    for page in PdfReader(io.BytesIO(_print(single, what))).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append((text.strip(), size * tm[0]))
                          if text.strip() else None)
    assert min(size for _, size in sizes) >= 11
    body = [size for text, size in sizes if text.startswith(("Cách nhập", "Triệu tập", "Tổ kiểm phiếu đã", "Đã tính",
                                                            "Bên nhận", "Niêm phong và"))]
    assert body and min(body) >= 13


def test_a_long_name_wraps_inside_its_cell():
    data = synthetic(9, 2)
    data["voters"][-1]["name"] = "Tôn Nữ Thị Hoàng Phương Thảo Nguyên Khánh Linh Bảo Ngọc"
    service = drive_to_counting(new_service(data))
    text = " ".join(pages_text(_print(service, "attendance")))
    words = data["voters"][-1]["name"].split()
    assert all(word in text for word in words)
    assert data["voters"][-1]["name"] not in text  # broken over lines, not run past the cell's edge
