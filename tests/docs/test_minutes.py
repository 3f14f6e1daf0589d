"""The counting minutes: three marked copies, every page identified, content per DOMAIN Part B §5.3."""

from __future__ import annotations

import re

import pytest

from session.minutes import build, render_text
from session.paper import log_payload, printed_code
from tests.cli.support import EXPECTED, cli
from tests.docs.support import pages_text, qr_texts, render
from tui.wiring import open_service


@pytest.fixture(scope="module")
def state(minutes_db):
    return open_service(minutes_db).state


@pytest.fixture(scope="module")
def pages(minutes_file) -> list[str]:
    return pages_text(minutes_file.read_bytes())


def test_three_copies_each_marked_and_every_page_identified(pages, state):
    per_copy = len(pages) // 3
    assert per_copy >= 1 and len(pages) == 3 * per_copy
    code = printed_code(state.counted[1], state.counted[0])  # the close of the count, not the head
    for index, text in enumerate(pages):
        copy, page = divmod(index, per_copy)
        assert f"Bản {copy + 1}/3" in text
        assert f"Phiên {state.session_id}" in text
        assert f"Trang {page + 1}/{per_copy}" in text
        assert code in text


def test_books_and_quorum(pages):
    first = pages[0]
    for label, value in (("Số người được triệu tập", 12), ("Số người có mặt", 12), ("Số phiếu phát ra", 12),
                         ("Số phiếu thu về", 12), ("Số phiếu hợp lệ", 11), ("Số phiếu không hợp lệ", 1)):
        assert re.search(rf"{label} {value}\b", first), label
    assert "cần ít nhất 8: đủ" in first
    assert "Phiếu không do Tổ kiểm phiếu phát ra: 1" in first


def test_each_person_with_counts_percentages_band_and_working(pages, state):
    text = "\n".join(pages[: len(pages) // 3])
    names = {p.id: p.name for p in state.ballot_persons}
    for pid, (counts, percent, _band) in EXPECTED.items():
        # Vietnamese text writes the decimal comma ("58,33%"); the results JSON keeps "58.33".
        # Per person: issued, returned, valid, invalid, then each level with its count and percentage (each
        # column's label then its figures, as the text comes out).
        labels = ("Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp", "Không hợp lệ")
        cells = " ".join(f"{label} {counts[k]} ({percent[k].replace('.', ',')}%)"
                         for label, k in zip(labels, ("high", "medium", "low", "invalid")))
        assert f"{names[pid]} – Phó Trưởng ban" in text
        assert f"Phát ra 12 Thu về 12 Hợp lệ 11 Không hợp lệ 1 {cells}" in " ".join(text.split())
    assert "Lê Văn Khánh" in text and "Hoàng Thị Mai" in text
    assert "Kết quả: Quá nửa. Trên 50% nhưng dưới 2/3 số phiếu tín nhiệm thấp" in text
    assert "Kết quả: Từ 2/3 trở lên. Từ 2/3 số phiếu tín nhiệm thấp: miễn nhiệm chức vụ đang đảm nhiệm" in text
    assert "8 ≥ ⌈2/3 × 12⌉ = 8" in text and "7 < ⌈2/3 × 12⌉ = 8" in text
    assert "Quy định số 96-QĐ/TW ngày 02/02/2023" in text
    assert "tổng số phiếu thu về = 12" in text


def test_person_left_off_is_named_with_the_reason(pages):
    assert "Đặng Quốc Bảo (p3) được bầu, bổ nhiệm từ 01/06/2018, trong năm lấy phiếu 2018" in pages[0]


def test_team_names_signature_blocks_launch_code_and_digest(pages, state):
    text = "\n".join(pages[: len(pages) // 3])
    for vid in state.team:
        assert state.conference.voter(vid).name in text
    assert text.count("(ký, ghi rõ họ tên)") == len(state.team) + 1  # the team and the chair
    assert "CHỦ TRÌ HỘI NGHỊ" in text and "TỔ TRƯỞNG TỔ KIỂM PHIẾU" in text
    # Software text stays out of the body: no digest, no launch code, no verify recipe (that is VERIFY.txt's).
    seq, head = state.counted
    assert head[:32] not in text and state.launch_code not in text and "tinnhiem verify" not in text
    assert "Biên bản kết thúc lúc" in text


def test_the_integrity_qr_carries_session_count_and_head(minutes_file, pages, state):
    page = next(i for i, text in enumerate(pages) if "CHỦ TRÌ HỘI NGHỊ" in text)
    found = qr_texts(render(minutes_file.read_bytes(), page))
    assert found == [log_payload(state.session_id, *state.counted)]


def test_english_minutes(minutes_db, tmp_path):
    path = tmp_path / "m.pdf"
    assert cli("--lang", "en", "print", "minutes", "--db", minutes_db, "-o", path).code == 0
    text = pages_text(path.read_bytes())[0]
    assert "COUNTING MINUTES" in text and "Copy 1/3" in text and "Ballots returned 12" in text


def test_plain_text_matches_the_state(state):
    text = render_text(build(state), copy=2)
    assert "Bản 2/3" in text
    assert re.search(r"Tín nhiệm thấp +8 +66,67%", text)
    assert printed_code(state.counted[1], state.counted[0]) in text


def test_text_format_on_standard_output(minutes_db):
    run = cli("print", "minutes", "--db", minutes_db, "--format", "text")
    assert run.code == 0 and "BIÊN BẢN KIỂM PHIẾU" in run.out and "Hoàng Thị Mai" in run.out


def test_minutes_refused_before_the_count_is_over(tmp_path):
    from tests.cli.support import SAMPLE, script

    db = str(tmp_path / "c.db")
    cli("new", SAMPLE, "--db", db)
    assert cli("do", "--db", db, "--script", "-", stdin=script("counting")).code == 0
    run = cli("print", "minutes", "--db", db, "-o", tmp_path / "m.pdf")
    assert run.code == 3 and "kiểm phiếu chưa kết thúc" in run.text
    assert not (tmp_path / "m.pdf").exists()


PACK_CASES = {
    # rules: (marks of each ballot, level labels, expected cells of person 1, band text)
    "QD96": ("33", ("Tín nhiệm cao", "Tín nhiệm", "Tín nhiệm thấp"), "0 (0,00%) 0 (0,00%) 9 (100,00%) 0 (0,00%)",
             "Kết quả: Từ 2/3 trở lên."),
    "APPOINT": ("12", ("Đồng ý", "Không đồng ý"), "9 (100,00%) 0 (0,00%) 0 (0,00%)", "Kết quả: Quá nửa."),
    "BINARY": ("22", ("Tín nhiệm", "Không tín nhiệm"), "0 (0,00%) 9 (100,00%) 0 (0,00%)",
               "Quá nửa tổng số đại biểu bỏ phiếu không tín nhiệm"),
}


@pytest.mark.parametrize("rules", list(PACK_CASES))
def test_minutes_follow_the_pack_form(rules):
    from session import commands as c
    from session.events import CHAIR
    from storage.paper.documents import minutes_pdf
    from tests.docs.support import fonts, new_service
    from tests.scenarios import drive_to_counting, enter, synthetic

    mark, labels, cells, band = PACK_CASES[rules]
    service = drive_to_counting(new_service(synthetic(9, 2, rules, posts=1 if rules == "APPOINT" else None)))
    enter(service, [mark] * 9)
    service.handle(c.Advance(), CHAIR)
    text = "\n".join(pages_text(minutes_pdf(service.state, fonts())))
    flat = " ".join(text.split())
    counts = [cell for cell in cells.split(" ")]
    row = " ".join(f"{label} {count} {pct}" for label, count, pct in zip(labels + ("Không hợp lệ",), counts[::2], counts[1::2]))
    assert "Phát ra 9 Thu về 9 Hợp lệ 9 Không hợp lệ 0 " + row in flat
    assert "Người Được Lấy Phiếu 1 – Phó Giám đốc" in text
    assert band in text
    assert "Số phiếu hỏng đã đổi" not in text  # shown only when a ballot was exchanged
    assert f"· {rules} · Trang 1/" in text


HEADINGS = ("I. TỔ KIỂM PHIẾU", "II. SỐ LIỆU", "III. KẾT QUẢ")


@pytest.mark.parametrize("persons", [1, 4, 7, 11, 16])
def test_no_page_ends_on_a_heading(persons):
    from storage.paper.documents import minutes_pdf
    from tests.docs.support import fonts, new_service
    from tests.scenarios import drive_to_counting, enter, synthetic

    service = drive_to_counting(new_service(synthetic(6, persons)))
    enter(service, ["3" * persons] * 6)
    for text in pages_text(minutes_pdf(service.state, fonts())):
        body = [line for line in text.splitlines() if not line.startswith("Phiên ")]
        assert body[-1].strip() not in HEADINGS, body[-3:]



def _text_in_footer_band(pdf: bytes) -> list[tuple[int, str]]:
    """(page, text) of every text run below the footer's top, other than the footer itself."""
    import io

    from pypdf import PdfReader

    from storage.paper.minutes import BOTTOM

    band = BOTTOM * 72 / 25.4  # mm from the page's bottom, in points
    found: list[tuple[int, str]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, 1):
        def visit(text, cm, tm, font, size, number=number):
            y = tm[5] * cm[3] + cm[5]
            if text.strip() and 0 < y < band and not text.strip().startswith(("Phiên", "Session")):
                found.append((number, text.strip()))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("persons", [1, 2, 5, 20, 36])
def test_no_text_runs_into_the_page_footer(persons):
    """Wherever a page ends (20 and 36 persons put the closing sentence at a foot), body text stays above the footer."""
    from session.service import SessionService
    from storage.memory_store import InMemoryEventStore
    from storage.paper.documents import minutes_pdf
    from tests.scenarios import FixedClock, drive_to_counting, enter, finish, synthetic
    from tui.paper_jobs import fonts

    service = SessionService.create(InMemoryEventStore(), synthetic(12, persons), clock=FixedClock())
    drive_to_counting(service)
    enter(service, ["1" * persons] * 6 + ["3" * persons] * 5 + ["!not_issued"])
    finish(service)
    assert _text_in_footer_band(minutes_pdf(service.state, fonts())) == []


@pytest.mark.parametrize("rules, head", [("QD96", "ĐẢNG CỘNG SẢN VIỆT NAM"), ("APPOINT", "ĐẢNG CỘNG SẢN VIỆT NAM"),
                                         ("NQ96", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")])
def test_the_official_head_follows_the_body(rules, head):
    from session import commands as c
    from session.events import CHAIR
    from storage.paper.documents import minutes_pdf
    from tests.docs.support import fonts, new_service
    from tests.scenarios import drive_to_counting, enter, synthetic

    data = synthetic(9, 2, rules, posts=1 if rules == "APPOINT" else None)
    data["conference"].update(superior="Tỉnh ủy Quảng Ngãi", locality="Quảng Ngãi")
    service = drive_to_counting(new_service(data))
    enter(service, [("1" if rules == "APPOINT" else "3") * 2] * 9)
    service.handle(c.Advance(), CHAIR)
    first = pages_text(minutes_pdf(service.state, fonts()))[0]
    other = {"ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"} - {head}
    assert head in first and not any(o in first for o in other)
    assert ("Độc lập - Tự do - Hạnh phúc" in first) is (rules == "NQ96")
    assert "TỈNH ỦY QUẢNG NGÃI" in first and "Số: ……/BB-KP" in first
    assert "Quảng Ngãi, ngày 01 tháng 12 năm 2023" in first


def test_body_text_is_at_least_13_pt_and_nothing_below_11(minutes_file):
    import io

    from pypdf import PdfReader

    sizes: list[tuple[str, float]] = []
    for page in PdfReader(io.BytesIO(minutes_file.read_bytes())).pages:
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.append((text.strip(), size * tm[0]))
                          if text.strip() else None)
    assert min(size for _, size in sizes) >= 11  # tables, notes and the footer band included
    body = [size for text, size in sizes if text.startswith(("Hôm nay", "Căn cứ", "Quy định áp dụng", "Biên bản kết thúc",
                                                            "Số người", "I. ", "II. ", "III. "))]
    assert len(body) >= 8 and min(body) >= 13


@pytest.mark.parametrize("rules", ["QD96", "NQ96", "APPOINT"])
def test_every_count_and_percentage_stays_inside_its_column(rules):
    """The PDF's text runs against the person blocks' columns: no figure, however wide, leaves its cell."""
    import io

    from pypdf import PdfReader

    from session.minutes import build
    from storage.paper.documents import minutes_pdf
    from storage.paper.pdf_base import Page
    from tests.docs.support import fonts, new_service
    from tests.scenarios import drive_to_counting, enter, synthetic

    service = drive_to_counting(new_service(synthetic(9, 2, rules, posts=1 if rules == "APPOINT" else None)))
    enter(service, ["11"] * 9)  # 100,00%: the widest figure
    m, page = build(service.state, "vi"), Page(fonts())
    col = page.inner_width / (len(m.tally) + len(m.columns))
    runs: list[tuple[str, float, float]] = []

    def visit(text, cm, tm, font, size):
        if "%" in text:
            x = (tm[4] * cm[0] + cm[4]) * 25.4 / 72
            runs.append((text.strip(), x, page.width(text.strip(), size * tm[0])))

    for pdf_page in PdfReader(io.BytesIO(minutes_pdf(service.state, fonts()))).pages:
        pdf_page.extract_text(visitor_text=visit)
    figures = [r for r in runs if r[0].startswith("(")]
    assert any("100,00%" in text for text, _, _ in figures), runs
    for text, x, width in figures:
        k = int((x - page.l_margin) // col)
        assert x + width <= page.l_margin + (k + 1) * col + 0.01, (text, x, width, k, col)


def test_several_forms_give_each_form_its_own_books_and_persons_in_one_set_of_minutes():
    """Three forms returned 12, 11 and 10: each person's block counts on their own form's books."""
    from session import commands as c
    from session.events import CHAIR
    from session.minutes import build, render_text
    from storage.paper.documents import minutes_pdf
    from tests.docs.support import fonts
    from tests.forms_support import forms_conference, started, to_counting

    service = to_counting(started(forms_conference()), {"A": 12, "B": 11, "C": 10})
    for b in service.state.books.values():
        for _ in range(b.returned):
            service.handle(c.RecordBallot("1" * len(b.persons), form=b.id), CHAIR)
    m = build(service.state, "vi")
    assert [(p.form, p.tally[1][1]) for p in m.persons] == [  # (form, ballots of that form returned)
        ("khối A", 12), ("khối A", 12), ("khối A", 12), ("khối B", 11), ("khối B", 11), ("khối C", 10)]
    text = render_text(m)
    assert "khối A: 12; khối B: 11; khối C: 10" in text
    assert text.count("  khối B\n") == 1 and "100,00%" in text
    pages = " ".join(" ".join(pages_text(minutes_pdf(service.state, fonts()))).split())
    assert "KHỐI A" in pages and "KHỐI C" in pages and pages.count("(ký, ghi rõ họ tên)") >= 2


def test_witnesses_named_in_the_conference_file_sign_the_minutes_beside_the_team():
    from session.minutes import build, render_text
    from storage.paper.documents import minutes_pdf
    from tests.docs.support import fonts, new_service
    from tests.scenarios import drive_to_counting, enter, synthetic

    data = synthetic(6, 1)
    data["conference"]["witnesses"] = ["Trần Quan Sát", "Lê Giám Sát"]
    service = drive_to_counting(new_service(data))
    enter(service, ["1"] * 6)
    m = build(service.state, "vi")
    assert m.witnesses == ("Trần Quan Sát", "Lê Giám Sát")
    assert "Người chứng kiến: Trần Quan Sát, Lê Giám Sát" in render_text(m)
    pages = " ".join(" ".join(pages_text(minutes_pdf(service.state, fonts()))).split())
    assert pages.count("NGƯỜI CHỨNG KIẾN") == 6 and "Lê Giám Sát" in pages  # two on each of the 3 copies
