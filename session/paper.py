"""What paper carries, in one place: QR payloads, batch codes, and matching a printed code to the log.

A ballot's QR names only the session and the form, never anything unique to the
ballot (secrecy). A batch cover's QR is what a counting station scans to open the
batch. The minutes' QR (the full digest) and printed code (``log.proof_code``, 100 bits) tie the
paper to one point of the hash chain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from session.errors import BadInput
from session.events import Recorded
from session.i18n import register
from session.log import PROOF_BITS, PROOF_CHARS, proof_code

BALLOT_PREFIX = "tinnhiem"
"""Ballot QR: ``tinnhiem:SESSION:FORM``, or ``…:FORM:PAGE/PAGES`` on each page of a ballot of several pages."""
BATCH_PREFIX = "tinnhiem-batch"
"""Batch cover QR: ``tinnhiem-batch:SESSION:CODE``, or ``…:CODE:FORM`` in a session of several ballot forms
(what a station accepts to open a batch)."""
LOG_PREFIX = "tinnhiem-log"
"""Minutes QR: ``tinnhiem-log:SESSION:COUNT:HEAD`` (event count and full head digest)."""


def ballot_payload(session_id: str, form: str, page: int = 1, pages: int = 1) -> str:
    """The QR text of every ballot of a session: the session and the form, nothing else; a ballot of several
    pages adds the page (``…:2/3``) so that a scan of it can be put back together."""
    base = f"{BALLOT_PREFIX}:{session_id}:{form}"
    return f"{base}:{page}/{pages}" if pages > 1 else base


@dataclass(frozen=True)
class BallotCode:
    """What a ballot's QR says."""

    session_id: str
    """The session it was printed for."""
    form: str
    """The ballot form's id."""
    page: int = 1
    """Which page of the ballot this is (1-based)."""
    pages: int = 1
    """How many pages the ballot has."""


_PAGE = re.compile(r"^([1-9][0-9]{0,3})/([1-9][0-9]{0,3})$")


def parse_ballot_payload(text: str) -> BallotCode | None:
    """The session, form and page of a scanned ballot QR, or None if it is not one (a cover, a malformed page)."""
    parts = text.strip().split(":")
    if parts[0] != BALLOT_PREFIX or len(parts) not in (3, 4):
        return None
    if len(parts) == 3:
        return BallotCode(parts[1], parts[2])
    m = _PAGE.match(parts[3])
    if not m or not 1 <= int(m[1]) <= int(m[2]) or int(m[2]) < 2:
        return None
    return BallotCode(parts[1], parts[2], int(m[1]), int(m[2]))


def batch_code(number: int) -> str:
    """The code of the ``number``-th batch (1-based): ``B01``, ``B02`` …"""
    return f"B{number:02d}"


def batch_payload(session_id: str, code: str, form: str = "") -> str:
    """The QR text of a batch cover sheet; it names the batch's ``form`` when given (a session of several forms)."""
    return f"{BATCH_PREFIX}:{session_id}:{code}" + (f":{form}" if form else "")


def parse_batch_payload(text: str) -> tuple[str, str, str] | None:
    """(session id, batch code, form id or "") from a scanned cover QR, or None if it is not one."""
    parts = text.strip().split(":")
    if len(parts) not in (3, 4) or parts[0] != BATCH_PREFIX or not all(parts[1:]):
        return None
    return parts[1], parts[2], parts[3] if len(parts) == 4 else ""


def log_payload(session_id: str, count: int, head: str) -> str:
    """The QR text of the minutes' integrity block."""
    return f"{LOG_PREFIX}:{session_id}:{count}:{head}"


def printed_code(head: str, count: int) -> str:
    """The code printed on paper next to its event count: ``ABCD-EFGH-IJKL-MNOP-QRST/57`` (``log.proof_code``)."""
    return f"{proof_code(head)}/{count}"


_COUNT = r"(?:\s*[/:#@·,; ]\s*(\d+))?"
_DIGEST = re.compile(r"^\s*([0-9A-Fa-f]{64})" + _COUNT + r"\s*$")
_CODE = re.compile(r"^\s*([A-Za-z2-7][A-Za-z2-7 -]*?)" + _COUNT + r"\s*$")


def parse_printed_code(text: str) -> tuple[str, int | None]:
    """(code, event count or None) from what a person types off the paper: the printed code, case, spaces and
    dashes as they come, or the full 64-hex digest (returned in lower case).

    Raises ``BadInput``: ``digest.too_short`` for anything carrying fewer than ``PROOF_BITS`` bits (the old
    8-character code, a code cut short): it proves nothing; ``digest.bad_code`` for what cannot be read.
    """
    m = _DIGEST.match(text)
    if m:
        return m[1].lower(), int(m[2]) if m[2] else None
    m = _CODE.match(text)
    letters = re.sub(r"[ -]", "", m[1]).upper() if m else ""
    if m and len(letters) == PROOF_CHARS:
        return "-".join(letters[i:i + 4] for i in range(0, PROOF_CHARS, 4)), int(m[2]) if m[2] else None
    hexish = re.sub(r"[\s/:#@·,;-]", "", text.split("/")[0])
    if (m and len(letters) < PROOF_CHARS) or (re.fullmatch(r"[0-9A-Fa-f]+", hexish or "x") and len(hexish) < 64):
        raise BadInput("digest.too_short", code=text.strip(), bits=PROOF_BITS)
    raise BadInput("digest.bad_code", code=text.strip())


_IN_TEXT = re.compile(r"\b([A-Z2-7]{4}(?:-[A-Z2-7]{4}){" + str(PROOF_CHARS // 4 - 1) + r"})/(\d+)\b")


def find_printed_code(text: str) -> tuple[str, int] | None:
    """The first printed code with its event count (``ABCD-…-QRST/57``) in a document's text, or None."""
    m = _IN_TEXT.search(text)
    return (m[1], int(m[2])) if m else None


def _matches(record: Recorded, code: str) -> bool:
    return record.hash == code if len(code) == 64 else proof_code(record.hash) == code


@dataclass(frozen=True)
class PaperMatch:
    """Where a printed code sits in the log."""

    status: str
    """``match`` (paper = head), ``older`` (paper printed at an earlier event), ``later`` (paper counts more
    events than the log has), ``unknown`` (the code is nowhere in the chain)."""
    seq: int | None
    """The event the paper was printed at, when found."""
    head_count: int
    """Events in the log."""

    @property
    def behind(self) -> int:
        """Events recorded since the paper was printed (``older`` only)."""
        return self.head_count - (self.seq or 0)


def locate(records: Sequence[Recorded], code: str, count: int | None = None) -> PaperMatch:
    """Find the printed ``code`` or full digest (and event ``count`` if printed) in the chain ``records``."""
    head_count = len(records)
    if count is not None:
        if count > head_count:
            return PaperMatch("later", None, head_count)
        hits = [records[count - 1]] if count >= 1 and _matches(records[count - 1], code) else []
    else:
        hits = [r for r in records if _matches(r, code)]
    if not hits:
        return PaperMatch("unknown", None, head_count)
    seq = hits[-1].seq
    return PaperMatch("match" if seq == head_count else "older", seq, head_count)


STRINGS: dict[str, tuple[str, str]] = {
    # Ballots.
    "doc.ballot_title.three": ("PHIẾU TÍN NHIỆM", "CONFIDENCE BALLOT"),
    "doc.ballot_title.appoint": ("PHIẾU GIỚI THIỆU BỔ NHIỆM", "NOMINATION BALLOT"),
    "doc.ballot_title.binary": ("PHIẾU BỎ PHIẾU TÍN NHIỆM", "CONFIDENCE VOTE BALLOT"),
    "doc.dated": ("{place}, ngày {d:02d} tháng {m:02d} năm {y}", "{place}, {y}-{m:02d}-{d:02d}"),
    "doc.no": ("STT", "No."),
    "doc.name": ("Họ và tên", "Full name"),
    "doc.position": ("Chức vụ", "Post"),
    "doc.how.appoint": ("Đánh dấu (X) vào ô Đồng ý hoặc Không đồng ý ở mỗi dòng; dòng để trống được tính là không đồng ý. "
                        "Số người được đồng ý không quá {posts} (số chức danh cần bổ nhiệm: {posts}).",
                        "Mark (X) Agree or Disagree on each row; a blank row counts as disagree. "
                        "Agree to at most {posts} (posts to fill: {posts})."),
    "doc.how.appoint_free": ("Đánh dấu (X) vào ô Đồng ý hoặc Không đồng ý ở mỗi dòng; dòng để trống được tính là không đồng ý. "
                             "Số chức danh cần bổ nhiệm: {posts}.",
                             "Mark (X) Agree or Disagree on each row; a blank row counts as disagree. Posts to fill: {posts}."),
    "doc.page_of": ("Trang {page}/{pages}", "Page {page}/{pages}"),
    # The official head (NĐ 30/2020; HD 36-HD/VPTW for Party bodies).
    "doc.party": ("ĐẢNG CỘNG SẢN VIỆT NAM", "COMMUNIST PARTY OF VIETNAM"),
    "doc.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "doc.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "doc.number": ("Số: ……/{symbol}", "No.: ……/{symbol}"),
    "doc.seal": ("(Dấu)", "(Seal)"),
    "doc.rehearsal": ("THỬ NGHIỆM", "REHEARSAL"),
    "doc.no_font": ("Không tìm thấy phông chữ Liberation Serif (đã tìm ở: {where}).",
                    "Liberation Serif font not found (looked in: {where})."),
    # Batch covers.
    "doc.cover_title": ("BÌA XẤP PHIẾU", "BATCH COVER SHEET"),
    "doc.cover_batch": ("Xấp {code}", "Batch {code}"),
    "doc.ballot_form_colour": ("{title} (giấy màu {colour})", "{title} ({colour} paper)"),
    "doc.cover_scan": ("Máy kiểm phiếu quét mã này để mở xấp.", "A counting station scans this code to open the batch."),
    "doc.cover_count": ("Số phiếu trong xấp", "Ballots in the batch"),
    "doc.cover_valid": ("Phiếu hợp lệ", "Valid ballots"),
    "doc.cover_invalid": ("Phiếu không hợp lệ", "Invalid ballots"),
    "doc.cover_entry": ("Người nhập lần {n}", "Entered by ({n})"),
    "doc.cover_head": ("Tổ trưởng Tổ kiểm phiếu", "Head of the counting team"),
    "doc.sign_here": ("(ký, ghi rõ họ tên)", "(signature and full name)"),
    "doc.ballot_signer": ("Người bỏ phiếu (có thể ký hoặc không ký)", "Voter (may sign or not)"),
    # Minutes.
    "doc.minutes_title": ("BIÊN BẢN KIỂM PHIẾU", "COUNTING MINUTES"),
    "doc.copy": ("Bản {n}/{of}", "Copy {n}/{of}"),
    "doc.footer": ("Phiên {session} · {rules} · {page} · Mã nhật ký {code} · {copy}",
                   "Session {session} · {rules} · {page} · Log code {code} · {copy}"),
    "doc.m_when": ("Hôm nay, {when}, tại {place}, Tổ kiểm phiếu tiến hành kiểm phiếu {title}.",
                   "Today, {when}, at {place}, the counting team counted the ballots of: {title}."),
    "doc.m_at": ("lúc {hm} (giờ Việt Nam, UTC+7) ngày {date}", "at {hm} (Vietnam time, UTC+7) on {date}"),
    "doc.m_on": ("ngày {date}", "on {date}"),
    "doc.m_rules": ("Quy định áp dụng: {title}.", "Rules: {title}."),
    "doc.m_citation": ("Căn cứ: {citation}.", "Legal basis: {citation}."),
    "doc.m_team": ("I. TỔ KIỂM PHIẾU", "I. COUNTING TEAM"),
    "doc.m_team_vote": ("Hội nghị biểu quyết thông qua: {yes} tán thành, {no} không tán thành, {abstain} không biểu quyết.",
                        "Approved by the conference: {yes} for, {no} against, {abstain} abstaining."),
    "doc.m_head": ("Tổ trưởng", "Head"),
    "doc.m_role": ("Nhiệm vụ", "Role"),
    "doc.m_member": ("Thành viên", "Member"),
    "doc.m_books": ("II. SỐ LIỆU", "II. FIGURES"),
    "doc.m_convened": ("Số người được triệu tập", "Voters convened"),
    "doc.m_present": ("Số người có mặt", "Present"),
    "doc.m_quorum": ("(cần ít nhất {need}: {verdict})", "(at least {need} needed: {verdict})"),
    "doc.m_quorum_ok": ("đủ", "met"),
    "doc.m_quorum_no": ("không đủ", "not met"),
    "doc.m_issued": ("Số phiếu phát ra", "Ballots issued"),
    "doc.m_returned": ("Số phiếu thu về", "Ballots returned"),
    "doc.m_spoiled": ("Số phiếu hỏng đã đổi", "Spoiled ballots exchanged"),
    "doc.m_valid": ("Số phiếu hợp lệ", "Valid ballots"),
    "doc.m_invalid": ("Số phiếu không hợp lệ", "Invalid ballots"),
    "doc.m_form_figure": ("{form} — {label}", "{form} — {label}"),
    "doc.m_basis_forms": ("Tỷ lệ phần trăm và ngưỡng tính trên: {basis} của từng mẫu phiếu ({values}).",
                          "Percentages and thresholds are of: {basis} of each form ({values})."),
    "doc.m_basis": ("Tỷ lệ phần trăm và ngưỡng tính trên: {basis} = {value}.", "Percentages and thresholds are of: {basis} = {value}."),
    "doc.m_results": ("III. KẾT QUẢ", "III. RESULTS"),
    "doc.m_invalid_rows": ("Không hợp lệ", "Invalid"),
    "doc.m_band": ("Kết quả: {band}. {consequence}", "Result: {band}. {consequence}"),
    "doc.m_working": ("Cách tính: {working}", "Working: {working}"),
    "doc.m_excluded": ("Không đưa vào phiếu:", "Left off the ballot:"),
    "doc.m_corrections": ("Số lần đính chính phiếu đã nhập: {n}.", "Corrections of entered ballots: {n}."),
    "doc.m_integrity": ("IV. TÍNH TOÀN VẸN CỦA NHẬT KÝ", "IV. LOG INTEGRITY"),
    "doc.m_launch": ("Mã khởi động phiên", "Launch code"),
    "doc.m_events": ("Số sự kiện", "Events"),
    "doc.m_digest": ("Mã băm cuối (digest)", "Head digest"),
    "doc.m_code": ("Mã nhật ký / số sự kiện", "Log code / events"),
    "doc.m_check": ("Đối chiếu: tinnhiem verify --db … --digest {code}", "Check: tinnhiem verify --db … --digest {code}"),
    "doc.m_copies": ("Biên bản lập thành 03 bản có giá trị như nhau.", "These minutes are made in 03 copies of equal value."),
    "doc.m_closed": ("Biên bản kết thúc lúc {hm} ngày {date}, lập thành 03 bản có giá trị như nhau.",
                     "These minutes were closed at {hm} on {date} and are made in 03 copies of equal value."),
    "doc.m_short_issued": ("Phát ra", "Issued"),
    "doc.m_short_returned": ("Thu về", "Returned"),
    "doc.m_short_valid": ("Hợp lệ", "Valid"),
    "doc.m_short_invalid": ("Không hợp lệ", "Invalid"),
    "doc.m_chair": ("CHỦ TRÌ HỘI NGHỊ", "CHAIR OF THE CONFERENCE"),
    "doc.m_witness": ("NGƯỜI CHỨNG KIẾN", "WITNESS"),
    "doc.m_witnesses": ("Người chứng kiến: {names}", "Witnesses: {names}"),
    "doc.m_team_head": ("TỔ TRƯỞNG TỔ KIỂM PHIẾU", "HEAD OF THE COUNTING TEAM"),
    "doc.m_levels": ("Kết quả lấy phiếu", "Votes"),
    "doc.m_signatures": ("TỔ KIỂM PHIẾU", "THE COUNTING TEAM"),
    # The code on the minutes, typed back to check them.
    "digest.bad_code": ("Không đọc được mã «{code}»: cần mã in trên biên bản (ABCD-EFGH-IJKL-MNOP-QRST/57) hoặc digest 64 ký tự hex.",
                        "Cannot read the code “{code}”: give the code printed on the minutes (ABCD-EFGH-IJKL-MNOP-QRST/57) or the "
                        "64-hex digest."),
    "digest.too_short": ("Mã «{code}» quá ngắn nên không chứng minh được gì: một nhật ký bị sửa có thể được dò cho khớp mã ngắn "
                         "trong vài phút. Hãy nhập đủ mã in trên biên bản ({bits} bit, ABCD-EFGH-IJKL-MNOP-QRST) hoặc digest 64 ký tự hex.",
                         "The code “{code}” is too short to prove anything: a rewritten log can be ground to match a short code in "
                         "minutes. Give the whole code printed on the minutes ({bits} bits, ABCD-EFGH-IJKL-MNOP-QRST) or the "
                         "64-hex digest."),
    # Archive bundle.
    "archive.verify_txt": (
        "Gói lưu trữ phiên {session} (mã nhật ký {code}).\n"
        "Kiểm tra: tinnhiem verify TỆP.zip — đối chiếu {manifest} và chuỗi băm của {log}.\n"
        "Không có tinnhiem: sha256sum -c {manifest} (trong thư mục đã giải nén); chuỗi băm: "
        "hash = sha256(prev_hash (hex ASCII; sự kiện đầu: 64 số 0) ‖ JSON chuẩn của {{seq, type, version, at, actor, payload}}: "
        "khóa sắp xếp, không dấu cách, UTF-8, NFC).\n",
        "Archive of session {session} (log code {code}).\n"
        "Check: tinnhiem verify FILE.zip — compares {manifest} and the hash chain of {log}.\n"
        "Without tinnhiem: sha256sum -c {manifest} (in the unzipped folder); the chain: "
        "hash = sha256(prev_hash (ASCII hex; 64 zeros for the first event) ‖ canonical JSON of {{seq, type, version, at, actor, "
        "payload}}: sorted keys, no spaces, UTF-8, NFC).\n"),
    "archive.unreadable": ("Không đọc được tệp zip.", "The zip cannot be read."),
    "archive.no_manifest": ("Thiếu {name}.", "{name} is missing."),
    "archive.missing": ("Thiếu tệp {name} (có trong danh mục).", "File {name} is missing (listed in the manifest)."),
    "archive.bad_sum": ("Tệp {name} đã bị thay đổi: SHA-256 không khớp danh mục.", "File {name} was changed: its SHA-256 does not match the manifest."),
    "archive.minutes_mismatch": ("Biên bản {name} không khớp nhật ký lúc kết thúc kiểm phiếu (mã trên biên bản: {code}).",
                                 "The minutes {name} do not match the log at the close of the count (code on the minutes: {code})."),
    "archive.unlisted": ("Tệp {name} không có trong danh mục.", "File {name} is not in the manifest."),
}
"""Document strings: key → (Vietnamese, English)."""

register(STRINGS)
