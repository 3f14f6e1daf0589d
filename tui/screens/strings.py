"""The chair console's and the projector's own strings (the domain's come from session.i18n)."""

from __future__ import annotations

from tui.i18n import register

register({
    # Frame.
    "chair.title": ("Bàn điều hành chủ trì", "Chair console"),
    "chair.launch": ("Mã khởi tạo", "Launch code"),
    "chair.digest": ("Mã nhật ký", "Log code"),
    "chair.events": ("sự kiện", "events"),
    "chair.agenda": ("Chương trình", "Agenda"),
    "chair.status.done": ("xong", "done"),
    "chair.status.current": ("đang làm", "now"),
    "chair.status.locked": ("chưa tới", "locked"),
    "chair.guard_ok": ("Đủ điều kiện sang bước tiếp.", "Ready for the next step."),
    "chair.guard_wait": ("Chưa sang bước tiếp được: {reason}", "Not ready for the next step: {reason}"),
    "chair.opened": ("Phiên {id} — mã khởi tạo {code}: đọc to cho hội nghị.", "Session {id} — launch code {code}: read it aloud."),
    # Bindings and palette.
    "key.search": ("Tìm", "Search"),
    "key.issue_all": ("Phát cho mọi người có mặt", "Issue to all present"),
    "key.projector": ("Màn chiếu", "Projector"),
    "key.qr": ("Mã QR", "QR code"),
    "key.lang": ("VI/EN", "VI/EN"),
    "key.back": ("Quay lại", "Back"),
    "palette.lang": ("Đổi ngôn ngữ (Tiếng Việt / English)", "Switch language (Tiếng Việt / English)"),
    "palette.projector": ("Chuyển màn chiếu / bàn điều hành", "Switch projector / console view"),
    "palette.theme": ("Giao diện máy chiếu (tương phản cao)", "Projector theme (high contrast)"),
    "palette.qr": ("Hiện mã QR của nhật ký", "Show the log's QR code"),
    "palette.quit": ("Thoát", "Quit"),
    "palette.help": ("Phím: {k}", "Key: {k}"),
    # Step panels.
    "panel.prepared": ("Phiên đã sẵn sàng. Đọc to mã khởi tạo cho hội nghị, rồi nhấn {k} để bắt đầu điểm danh.",
                       "The session is ready. Read the launch code aloud, then press {k} to start the roll call."),
    "panel.search": ("Gõ tên để tìm (không cần dấu)…", "Type a name to search (accents optional)…"),
    "panel.quorum": ("có mặt {present}/{convened} — cần {need}", "present {present}/{convened} — need {need}"),
    "panel.quorum_ok": ("Đủ số lượng", "Quorum met"),
    "panel.quorum_no": ("Chưa đủ số lượng", "No quorum yet"),
    "panel.present_mark": ("có mặt", "present"),
    "panel.evaluated": ("người được lấy phiếu", "being evaluated"),
    "panel.thresholds": ("Ngưỡng", "Thresholds"),
    "panel.denominator": ("Tỷ lệ tính trên", "Percentages of"),
    "panel.publication": ("Công khai và sử dụng kết quả", "Publication and use of results"),
    "panel.publication_text": ("Kết quả được công bố tại hội nghị; biên bản lập thành 03 bản, niêm phong cùng phiếu và bàn giao lưu giữ.",
                               "Results are announced to the conference; the minutes are made in 3 copies, sealed with the ballots and handed over."),
    "panel.citation": ("Căn cứ", "Legal basis"),
    "panel.levels": ("Các mức trên phiếu", "Levels on the ballot"),
    "panel.quorum_rule": ("Điều kiện tiến hành: có mặt từ {frac} số người được triệu tập trở lên ({need}/{convened}).",
                          "Quorum: at least {frac} of those convened present ({need}/{convened})."),
    "panel.band": ("{label}: {rel} {frac} — {text}", "{label}: {rel} {frac} — {text}"),
    "panel.rel_strict": ("trên", "above"),
    "panel.rel_inclusive": ("từ … trở lên", "at least"),
    "panel.team_pick": ("Chọn thành viên (phím cách), rồi nhấn {k} để giới thiệu. Tổ cần ít nhất {need} người.",
                        "Pick members (space), then press {k} to propose. The team needs at least {need}."),
    "panel.team_proposed": ("Tổ đề xuất: {members}. Tổ trưởng: {head}.", "Proposed team: {members}. Head: {head}."),
    "panel.team_vote": ("Biểu quyết: {f} tán thành · {a} không tán thành · {x} không biểu quyết → {result}",
                        "Vote: {f} for · {a} against · {x} abstain → {result}"),
    "panel.approved": ("thông qua", "approved"),
    "panel.rejected": ("không thông qua", "not approved"),
    "panel.instructions": (
        "Tổ kiểm phiếu:\n"
        "1. Phát cho mỗi người có mặt đúng 01 phiếu; phiếu hỏng được đổi sau khi thu lại phiếu hỏng.\n"
        "2. Thu phiếu vào hòm; đếm số phiếu thu về trước khi mở phiếu.\n"
        "3. Kiểm từng phiếu theo thứ tự; không sửa phiếu; phiếu nghi vấn do cả Tổ quyết định.\n"
        "4. Phiếu không do Tổ phát ra là phiếu không hợp lệ; dòng đánh dấu 0 hoặc 2–3 ô là không hợp lệ cho người đó.\n"
        "5. Lập biên bản 03 bản, các thành viên cùng ký; báo cáo kết quả với hội nghị.\n"
        "6. Niêm phong phiếu, bàn giao biên bản và phiếu cho nơi lưu giữ.",
        "Counting team:\n"
        "1. Give each voter present exactly one ballot; exchange a spoiled ballot only after taking it back.\n"
        "2. Collect the ballots in the box; count those returned before opening any.\n"
        "3. Count ballot by ballot; never alter a ballot; the whole team decides doubtful ones.\n"
        "4. A ballot not issued by the team is invalid; a row with no box or 2–3 boxes marked is invalid for that person.\n"
        "5. Write the minutes in 3 copies, signed by every member; report the results to the conference.\n"
        "6. Seal the ballots and hand the minutes and ballots over for safekeeping."),
    "panel.nominees": ("Danh sách giới thiệu (phím cách để bỏ/chọn), {k} để chốt. Số chức danh: {posts}.",
                       "Nominees (space to drop/keep), {k} to fix the list. Posts: {posts}."),
    "panel.issued_mark": ("đã nhận phiếu", "has a ballot"),
    "panel.spoiled": ("Phiếu hỏng đã đổi: {n}", "Spoiled ballots exchanged: {n}"),
    "panel.collect": ("Đã phát {issued} phiếu. Khi thu xong, nhấn {k} và nhập số phiếu thu về.",
                      "{issued} ballots issued. When collection ends, press {k} and enter the number returned."),
    "panel.returned_is": ("Số phiếu thu về: {n}", "Ballots returned: {n}"),
    "panel.progress": ("Đã nhập {entered}/{returned} phiếu", "Entered {entered}/{returned} ballots"),
    "panel.invalid_so_far": ("Phiếu không hợp lệ đến giờ: {n}", "Invalid so far: {n}"),
    "panel.books": ("Cân đối sổ", "Books balance"),
    "panel.signatures": ("Chữ ký của Tổ kiểm phiếu", "Counting team signatures"),
    "panel.signed": ("đã ký", "signed"),
    "panel.unsigned": ("chưa ký", "not signed"),
    "panel.head": ("Tổ trưởng", "head"),
    "panel.results_hidden": ("Kết quả chưa công bố.", "Results not announced yet."),
    "panel.sealed_to": ("Đã niêm phong, bàn giao cho: {to}", "Sealed and handed to: {to}"),
    "panel.seal_form": ("Nhấn {k} để niêm phong phiếu và bàn giao biên bản.", "Press {k} to seal the ballots and hand over the minutes."),
    "panel.closed": ("Hội nghị đã kết thúc. Nhật ký: {n} sự kiện, mã {code}.", "The conference is closed. Log: {n} events, code {code}."),
    "panel.announce_hint": ("Kết quả dưới đây chỉ hiện trên bàn điều hành. Nhấn {k} để công bố lên màn chiếu.",
                            "These results are on the console only. Press {k} to announce them to the hall."),
    # Results table.
    "table.name": ("Họ và tên", "Name"),
    "table.position": ("Chức vụ", "Position"),
    # Minutes preview.
    "minutes.title": ("BIÊN BẢN KIỂM PHIẾU", "COUNTING MINUTES"),
    "minutes.place": ("{body} — {place}, ngày {date}", "{body} — {place}, {date}"),
    "minutes.rules": ("Theo: {title}", "Under: {title}"),
    "minutes.team": ("Tổ kiểm phiếu: {members}", "Counting team: {members}"),
    "minutes.person": ("{n}. {name} ({position}): {counts}", "{n}. {name} ({position}): {counts}"),
    "minutes.digest": ("Mã nhật ký: {code} ({seq} sự kiện)", "Log code: {code} ({seq} events)"),
    # Dialogs.
    "dlg.yes": ("Đồng ý", "Confirm"),
    "dlg.no": ("Hủy", "Cancel"),
    "dlg.irreversible": ("Không thể hoàn tác. Nhấn Enter để xác nhận, Esc để hủy.",
                         "This cannot be undone. Press Enter to confirm, Esc to cancel."),
    "dlg.submit": ("Enter: ghi · Esc: hủy", "Enter: record · Esc: cancel"),
    "dlg.return": ("Chốt số phiếu thu về (đã phát {issued})", "Close the collection ({issued} issued)"),
    "dlg.count_close": ("Kết thúc kiểm phiếu: đã nhập {entered}/{returned} phiếu", "Close the count: {entered}/{returned} entered"),
    "dlg.announce": ("Công bố kết quả lên màn chiếu cho toàn hội nghị?", "Announce the results to the whole hall?"),
    "dlg.seal": ("Niêm phong phiếu và bàn giao cho", "Seal the ballots and hand them to"),
    "dlg.seal_default": ("Văn phòng Ban", "Văn phòng Ban"),
    "dlg.head": ("Chọn Tổ trưởng", "Choose the head"),
    "dlg.vote": ("Biểu quyết Tổ kiểm phiếu (giơ tay) — có mặt {present}", "Show-of-hands vote on the team — {present} present"),
    "dlg.for": ("Tán thành", "For"),
    "dlg.against": ("Không tán thành", "Against"),
    "dlg.abstain": ("Không biểu quyết", "Abstain"),
    "dlg.ballot": ("Nhập phiếu số {n}: mỗi người một ký tự ({marks}); hoặc chọn lý do cả phiếu không hợp lệ",
                   "Ballot {n}: one character per person ({marks}); or choose why the whole ballot is invalid"),
    "dlg.marks": ("Chuỗi đánh dấu, ví dụ {example}", "Marks, e.g. {example}"),
    "dlg.valid_ballot": ("(phiếu có đánh dấu)", "(marked ballot)"),
    "dlg.correct": ("Đính chính phiếu đã nhập (Tổ trưởng {head} xác nhận)", "Correct an entered ballot (confirmed by head {head})"),
    "dlg.position": ("Số thứ tự phiếu", "Ballot number"),
    "dlg.because": ("Lý do đính chính", "Reason for the correction"),
    "dlg.not_number": ("«{text}» không phải số nguyên không âm.", "“{text}” is not a whole number."),
    "dlg.qr": ("Mã nhật ký {code} — quét để đối chiếu", "Log code {code} — scan to check"),
    # Projector.
    "proj.present": ("Có mặt", "Present"),
    "proj.convened": ("/ {n} triệu tập — cần {need}", "/ {n} convened — need {need}"),
    "proj.issued": ("Phát ra", "Issued"),
    "proj.returned": ("Thu về", "Returned"),
    "proj.entered": ("Đã kiểm", "Counted"),
    "proj.invalid": ("không hợp lệ: {n}", "invalid: {n}"),
    "proj.waiting": ("Kết quả sẽ hiện sau khi chủ trì công bố.", "Results appear once the chair announces them."),
})
