"""Every user-facing string, in Vietnamese (default) and English.

``t(key, lang, **params)`` formats one entry. The TUI, the CLI and the documents
all read their text from here, so a language switch reaches everything.
"""

from __future__ import annotations

LANGS = ("vi", "en")
"""Supported languages; the first is the default."""

CATALOGUE: dict[str, tuple[str, str]] = {
    # Agenda steps.
    "step.prepared": ("Chuẩn bị", "Prepared"),
    "step.roll_call": ("Điểm danh, kiểm tra số lượng", "Roll call and quorum"),
    "step.briefing": ("Quán triệt nguyên tắc", "Briefing of principles"),
    "step.counting_team": ("Giới thiệu, biểu quyết Tổ kiểm phiếu", "Counting team introduced and approved"),
    "step.team_instructions": ("Chỉ đạo Tổ kiểm phiếu", "Counting team instructed"),
    "step.nominees": ("Chốt danh sách giới thiệu", "Nominee list fixed"),
    "step.issuing": ("Phát phiếu", "Issuing ballots"),
    "step.voting": ("Ghi phiếu, thu phiếu", "Voting and collection"),
    "step.counting": ("Kiểm phiếu", "Counting"),
    "step.minutes": ("Lập, ký biên bản kiểm phiếu", "Counting minutes signed"),
    "step.announcing": ("Công bố kết quả", "Announcing the results"),
    "step.sealing": ("Niêm phong, bàn giao phiếu", "Sealing and handing over"),
    "step.closed": ("Kết thúc", "Closed"),
    # Actions.
    "action.next": ("Sang bước tiếp", "Next step"),
    "action.present": ("Đánh dấu có mặt", "Mark present"),
    "action.absent": ("Bỏ đánh dấu có mặt", "Unmark present"),
    "action.team propose": ("Giới thiệu Tổ kiểm phiếu", "Propose the counting team"),
    "action.team approve": ("Biểu quyết Tổ kiểm phiếu", "Vote on the counting team"),
    "action.nominees": ("Chốt danh sách", "Fix the nominee list"),
    "action.issue": ("Phát phiếu", "Issue ballots"),
    "action.spoil": ("Đổi phiếu hỏng", "Exchange a spoiled ballot"),
    "action.return": ("Chốt số phiếu thu về", "Close the collection"),
    "action.ballot": ("Nhập phiếu", "Enter a ballot"),
    "action.correct": ("Sửa phiếu đã nhập", "Correct an entry"),
    "action.sign": ("Ký biên bản", "Sign the minutes"),
    "action.announce": ("Công bố kết quả", "Announce the results"),
    "action.seal": ("Niêm phong, bàn giao", "Seal and hand over"),
    # Refusals.
    "refused.frame": ("Bước «{step}»: không thể «{action}». {reason}", "Step “{step}”: cannot “{action}”. {reason}"),
    "action.not_now": ("Bước này chỉ cho phép: {allowed}.", "This step only allows: {allowed}."),
    "guard.quorum": ("Mới có {present}/{convened} người có mặt, cần ít nhất {need} ({frac} của {convened}).",
                     "Only {present}/{convened} present; at least {need} needed ({frac} of {convened})."),
    "guard.team_none": ("Chưa giới thiệu Tổ kiểm phiếu.", "No counting team has been proposed."),
    "guard.team_not_approved": ("Tổ kiểm phiếu chưa được hội nghị biểu quyết thông qua (cần quá nửa số người có mặt).",
                                "The counting team is not approved yet (more than half of those present must vote for it)."),
    "guard.nominees": ("Chưa chốt danh sách giới thiệu.", "The nominee list is not fixed yet."),
    "guard.none_issued": ("Chưa phát phiếu nào.", "No ballot has been issued."),
    "guard.returned": ("Chưa chốt số phiếu thu về.", "The number of ballots returned is not recorded yet."),
    "guard.not_all_entered": ("Mới nhập {entered}/{returned} phiếu thu về.", "Only {entered}/{returned} returned ballots entered."),
    "guard.unsigned": ("Còn {count} thành viên Tổ kiểm phiếu chưa ký: {names}.", "{count} team members have not signed: {names}."),
    "books.issued_present": ("Số phiếu phát ra ({issued}) vượt số người có mặt ({present}).",
                             "Ballots issued ({issued}) exceed those present ({present})."),
    "books.returned_issued": ("Số phiếu thu về ({returned}) không được lớn hơn số phiếu phát ra ({issued}).",
                              "Ballots returned ({returned}) cannot exceed ballots issued ({issued})."),
    "books.entered_returned": ("Hợp lệ {valid} + không hợp lệ {invalid} vượt số phiếu thu về {returned}.",
                               "Valid {valid} + invalid {invalid} exceed ballots returned {returned}."),
    "books.person_rows": ("Sổ không cân với {name}: tổng các mức {sum} ≠ số phiếu đã nhập {entered}.",
                          "Books do not balance for {name}: levels add to {sum}, ballots entered {entered}."),
    "present.already": ("Đã đánh dấu có mặt: {ids}.", "Already marked present: {ids}."),
    "absent.not_present": ("Chưa đánh dấu có mặt: {ids}.", "Not marked present: {ids}."),
    "team.already_approved": ("Tổ kiểm phiếu đã được thông qua.", "The counting team is already approved."),
    "team.too_small": ("Tổ kiểm phiếu cần ít nhất {need} người, mới có {got}.", "The team needs at least {need} members, got {got}."),
    "team.evaluated": ("{name} ({id}) là người được lấy phiếu nên không được tham gia Tổ kiểm phiếu.",
                       "{name} ({id}) is being evaluated and may not sit on the counting team."),
    "team.absent": ("{name} ({id}) chưa có mặt.", "{name} ({id}) is not present."),
    "team.head_not_member": ("Tổ trưởng {id} phải là thành viên của Tổ.", "The head {id} must be a member of the team."),
    "team.votes": ("Tổng số biểu quyết {total} vượt số người có mặt {present}.", "Votes {total} exceed those present {present}."),
    "nominees.too_few": ("Danh sách ({got} người) phải nhiều hơn số chức danh ({posts}).",
                         "The list ({got}) must be longer than the number of posts ({posts})."),
    "issue.none_left": ("Mọi người có mặt đều đã nhận phiếu.", "Everyone present already holds a ballot."),
    "issue.absent": ("{name} ({id}) chưa có mặt nên không được phát phiếu.", "{name} ({id}) is not present: no ballot."),
    "issue.twice": ("{name} ({id}) đã nhận phiếu; mỗi người một phiếu.", "{name} ({id}) already holds a ballot; one each."),
    "spoil.no_ballot": ("{id} chưa nhận phiếu nên không có phiếu hỏng để đổi.", "{id} holds no ballot to exchange."),
    "return.already": ("Đã chốt {count} phiếu thu về.", "Already closed with {count} ballots returned."),
    "ballot.all_entered": ("Đã nhập đủ {returned} phiếu thu về.", "All {returned} returned ballots are entered."),
    "ballot.bad_position": ("Số thứ tự phiếu {position} không hợp lệ.", "Ballot position {position} is not valid."),
    "ballot.bad_reason": ("Không có lý do «{text}»; chọn một trong: {choices}.", "No reason “{text}”; choose one of: {choices}."),
    "ballot.marks_or_reason": ("Cần chuỗi đánh dấu, hoặc lý do phiếu không hợp lệ (chỉ một trong hai).",
                               "Give a marks string or a whole-ballot invalid reason (exactly one)."),
    "ballot.taken": ("Phiếu số {position} của xấp {batch} đã được nhập; muốn sửa phải lập đính chính.",
                     "Ballot {position} of batch {batch} is already entered; change it only by a correction."),
    "correct.missing": ("Chưa có phiếu số {position} của xấp {batch}.", "No ballot {position} in batch {batch}."),
    "correct.no_reason": ("Đính chính phải ghi lý do.", "A correction needs a reason."),
    "correct.not_head": ("Đính chính phải được Tổ trưởng xác nhận ({id} không phải Tổ trưởng).",
                         "A correction must be confirmed by the team head ({id} is not the head)."),
    "sign.not_member": ("{id} không thuộc Tổ kiểm phiếu.", "{id} is not on the counting team."),
    "sign.twice": ("{name} đã ký.", "{name} has already signed."),
    "seal.no_receiver": ("Cần ghi nơi nhận bàn giao.", "Say who receives the sealed ballots."),
    "input.no_voters": ("Cần ít nhất một mã người dự.", "Give at least one voter id."),
    "input.unknown_voter": ("Không có người dự mã «{id}».", "No voter with id “{id}”."),
    "input.unknown_person": ("Không có người được lấy phiếu mã «{id}».", "No person with id “{id}”."),
    "marks.bad_char": ("Ký tự «{char}» ở vị trí {pos} không hợp lệ; dùng: {allowed}.",
                       "Character “{char}” at position {pos} is not allowed; use: {allowed}."),
    "marks.length": ("Chuỗi «{marks}» có {got} ô, phiếu có {want} người.", "Marks “{marks}” have {got} rows; the ballot has {want} persons."),
    "store.busy": ("Nhiều máy cùng ghi; hãy thử lại.", "Too many writers at once; try again."),
    "store.conflict": ("Máy khác đã ghi trước (sự kiện {seq}).", "Another terminal wrote first (event {seq})."),
    # Conference file.
    "file.toml": ("Tệp hội nghị không đúng cú pháp TOML: {detail}", "The conference file is not valid TOML: {detail}"),
    "file.unknown_pack": ("{where}: không có bộ quy tắc «{value}» (có: {choices}).", "{where}: no rule pack “{value}” (known: {choices})."),
    "file.unknown_override": ("{where}: không có thiết lập này (có: {choices}).", "{where}: no such setting (known: {choices})."),
    "file.wrong_type": ("{where}: cần {expected}, nhận {value}.", "{where}: expected {expected}, got {value}."),
    "file.bad_choice": ("{where}: «{value}» không hợp lệ (có: {choices}).", "{where}: “{value}” is not valid (choose: {choices})."),
    "file.not_positive": ("{where}: phải là số nguyên dương.", "{where}: must be a positive integer."),
    "file.bad_date": ("{where}: ngày {value} phải có dạng YYYY-MM-DD.", "{where}: date {value} must be YYYY-MM-DD."),
    "file.missing": ("{where}: thiếu hoặc để trống.", "{where}: missing or empty."),
    "file.missing_table": ("Thiếu bảng [{where}].", "The table [{where}] is missing."),
    "file.no_voters": ("Không có người dự nào ([[voters]]).", "No voters ([[voters]])."),
    "file.no_persons": ("Không có người được lấy phiếu nào ([[persons]]).", "No persons to evaluate ([[persons]])."),
    "file.no_eligible": ("Không còn ai đủ điều kiện lấy phiếu sau khi áp dụng các quy tắc.",
                         "Nobody is left on the ballot after the eligibility rules."),
    "file.duplicate_id": ("{where}: mã «{id}» bị trùng.", "{where}: id “{id}” is used twice."),
    "file.unknown_voter": ("{where}: không có người dự mã «{id}».", "{where}: no voter “{id}”."),
    "file.voter_clash": ("{where}: mã {id} đã dùng cho «{first}», nay lại là «{second}».",
                         "{where}: id {id} was “{first}”, now “{second}”."),
    "warn.merged": ("{name} ({id}) kiêm nhiều chức vụ ({posts}): gộp làm một, chỉ nhận 01 phiếu.",
                    "{name} ({id}) holds several posts ({posts}): merged, one ballot."),
    "warn.months": ("{name} ({id}) giữ chức vụ từ {since}, chưa đủ {months} tháng đến ngày {date} (đủ từ {until}): không đưa vào phiếu.",
                    "{name} ({id}) in post since {since}: under {months} months on {date} (eligible from {until}); left off the ballot."),
    # Log.
    "log.bad_seq": ("Sự kiện {seq}: thứ tự sai (gặp số {found}); thiếu hoặc đảo sự kiện.",
                    "Event {seq}: out of order (found {found}); an event is missing or moved."),
    "log.bad_link": ("Sự kiện {seq}: không nối với sự kiện trước (prev_hash sai).", "Event {seq}: does not link to the one before (prev_hash)."),
    "log.bad_hash": ("Sự kiện {seq}: mã băm không khớp; nội dung đã bị sửa.", "Event {seq}: hash mismatch; its content was changed."),
    "log.bad_start": ("Sự kiện {seq}: nhật ký phải bắt đầu bằng sự kiện tạo phiên.", "Event {seq}: the log must start with session_created."),
    "log.bad_json": ("Dòng {seq}: không đọc được ({detail}).", "Line {seq}: unreadable ({detail})."),
    "log.ok": ("Nhật ký nguyên vẹn: {count} sự kiện, mã {code}, digest {head}.", "Log intact: {count} events, code {code}, digest {head}."),
    "log.broken": ("Nhật ký bị sửa: {reason}", "Log tampered: {reason}"),
    "log.empty": ("Nhật ký trống.", "The log is empty."),
}
"""key → (Vietnamese, English)."""


def t(key: str, lang: str = "vi", **params: object) -> str:
    """The text of ``key`` in ``lang`` with ``params`` filled in (the key itself if unknown)."""
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text
