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
    "present.already": ("Đã đánh dấu có mặt: {names}.", "Already marked present: {names}."),
    "absent.not_present": ("Chưa đánh dấu có mặt: {names}.", "Not marked present: {names}."),
    "team.already_approved": ("Tổ kiểm phiếu đã được thông qua.", "The counting team is already approved."),
    "team.too_small": ("Tổ kiểm phiếu cần ít nhất {need} người, mới có {got}.", "The team needs at least {need} members, got {got}."),
    "team.evaluated": ("{name} ({id}) là người được lấy phiếu nên không được tham gia Tổ kiểm phiếu.",
                       "{name} ({id}) is being evaluated and may not sit on the counting team."),
    "team.absent": ("{name} ({id}) chưa có mặt.", "{name} ({id}) is not present."),
    "team.head_not_member": ("Tổ trưởng {name} phải là thành viên của Tổ.", "The head {name} must be a member of the team."),
    "team.votes": ("Tổng số biểu quyết {total} vượt số người có mặt {present}.", "Votes {total} exceed those present {present}."),
    "nominees.too_few": ("Danh sách ({got} người) phải nhiều hơn số chức danh ({posts}).",
                         "The list ({got}) must be longer than the number of posts ({posts})."),
    "issue.none_left": ("Mọi người có mặt đều đã nhận phiếu.", "Everyone present already holds a ballot."),
    "issue.absent": ("{name} ({id}) chưa có mặt nên không được phát phiếu.", "{name} ({id}) is not present: no ballot."),
    "issue.twice": ("{name} ({id}) đã nhận phiếu; mỗi người một phiếu.", "{name} ({id}) already holds a ballot; one each."),
    "spoil.no_ballot": ("{id} chưa nhận phiếu nên không có phiếu hỏng để đổi.", "{id} holds no ballot to exchange."),
    "return.negative": ("Số phiếu thu về không thể âm ({count}).", "Ballots returned cannot be negative ({count})."),
    "return.already": ("Đã chốt {count} phiếu thu về.", "Already closed with {count} ballots returned."),
    "ballot.all_entered": ("Đã nhập đủ {returned} phiếu thu về.", "All {returned} returned ballots are entered."),
    "ballot.bad_image": ("Mã ảnh quét «{image}» không hợp lệ (sha256, có thể kèm #trang, cách nhau bởi dấu phẩy).",
                         "The scan reference “{image}” is not valid (sha256, optionally #page, parts separated by commas)."),
    "ballot.bad_position": ("Số thứ tự phiếu {position} không hợp lệ.", "Ballot position {position} is not valid."),
    "ballot.bad_reason": ("Không có lý do «{text}»; chọn một trong: {choices}.", "No reason “{text}”; choose one of: {choices}."),
    "ballot.marks_or_reason": ("Cần chuỗi đánh dấu, hoặc lý do phiếu không hợp lệ (chỉ một trong hai).",
                               "Give a marks string or a whole-ballot invalid reason (exactly one)."),
    "ballot.taken": ("Phiếu số {position} của xấp {batch} đã được nhập; muốn sửa phải lập đính chính.",
                     "Ballot {position} of batch {batch} is already entered; change it only by a correction."),
    "correct.missing": ("Chưa có phiếu số {position} của xấp {batch}.", "No ballot {position} in batch {batch}."),
    "correct.no_reason": ("Đính chính phải ghi lý do.", "A correction needs a reason."),
    "correct.not_head": ("Phải được Tổ trưởng {head} xác nhận ({name} không phải Tổ trưởng).",
                         "This must be confirmed by the team head, {head} ({name} is not the head)."),
    "sign.not_member": ("{name} không thuộc Tổ kiểm phiếu.", "{name} is not on the counting team."),
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
    "store.no_folder": ("Không có thư mục cho tệp dữ liệu {path}.", "No folder for the database file {path}."),
    "store.unreadable": ("Không mở được cơ sở dữ liệu {db}: {detail}", "Cannot open the database {db}: {detail}"),
    "store.newer_schema": ("Cơ sở dữ liệu thuộc phiên bản mới hơn ({found} > {supported}); hãy cập nhật tinnhiem.",
                           "The database is of a newer schema ({found} > {supported}); upgrade tinnhiem."),
    "store.no_session": ("Cơ sở dữ liệu {db} chưa có phiên nào; tạo bằng «tinnhiem new».", "No session in {db}; create one with “tinnhiem new”."),
    "store.unknown_session": ("Không có phiên «{id}» (có: {known}).", "No session “{id}” (known: {known})."),
    "cli.bad_action": ("Lệnh «{line}» không hiểu được: {detail}", "Cannot read the action “{line}”: {detail}"),
    "cli.script_line": ("Dòng {line}: {reason}", "Line {line}: {reason}"),
    "results.head": ("Kết quả theo {rules} — {citation}", "Results under {rules} — {citation}"),
    "results.books": ("Triệu tập {convened} · có mặt {present} · phát ra {issued} · thu về {returned} · hợp lệ {valid} · không hợp lệ {invalid}",
                      "Convened {convened} · present {present} · issued {issued} · returned {returned} · valid {valid} · invalid {invalid}"),
    "results.basis": ("Tỷ lệ tính trên: {basis} = {value}", "Percentages of: {basis} = {value}"),
    "results.band": ("Mức", "Band"),
    "band.none": ("Không thuộc ngưỡng xử lý", "No consequence by rule"),
    "band.over_half": ("Quá nửa", "Over half"),
    "band.two_thirds": ("Từ 2/3 trở lên", "Two thirds or more"),
    "level.invalid": ("Không hợp lệ", "Invalid"),
    "basis.returned": ("tổng số phiếu thu về", "ballots returned"),
    "basis.valid": ("số phiếu hợp lệ", "valid ballots"),
    "basis.present": ("số người có mặt", "voters present"),
    "basis.issued": ("số phiếu phát ra", "ballots issued"),
    "basis.convened": ("số người được triệu tập", "voters convened"),
    "basis.total_members": ("tổng số đại biểu", "total members"),
    "cli.created": ("Đã tạo phiên {id} ({title}) trong {db}. Mã khởi tạo: {code}", "Created session {id} ({title}) in {db}. Launch code: {code}"),
    "cli.warning": ("Cảnh báo: {text}", "Warning: {text}"),
    "cli.status": ("Bước hiện tại: {step} ({label}). Được phép: {allowed}", "Current step: {step} ({label}). Allowed: {allowed}"),
    "cli.done": ("Đã ghi: {what} → bước {step} (sự kiện {seq})", "Recorded: {what} → step {step} (event {seq})"),
    # Events, one line each.
    "event.session_created": ("Tạo phiên {session_id}: {title}. Mã khởi tạo {launch_code}", "Session {session_id} created: {title}. Launch code {launch_code}"),
    "event.step_entered": ("Chuyển sang bước: {label}", "Entered step: {label}"),
    "event.voters_present": ("Có mặt: {voters}", "Present: {voters}"),
    "event.voters_absent": ("Bỏ đánh dấu có mặt: {voters}", "Unmarked present: {voters}"),
    "event.team_proposed": ("Giới thiệu Tổ kiểm phiếu: {members}; Tổ trưởng {head}", "Counting team proposed: {members}; head {head}"),
    "event.team_voted": ("Biểu quyết Tổ kiểm phiếu: {votes_for} tán thành, {votes_against} không, {abstain} không biểu quyết → {approved}",
                         "Team vote: {votes_for} for, {votes_against} against, {abstain} abstain → {approved}"),
    "event.nominees_fixed": ("Chốt danh sách giới thiệu: {persons}", "Nominee list fixed: {persons}"),
    "event.ballots_issued": ("Phát phiếu cho: {voters}", "Ballots issued to: {voters}"),
    "event.spoiled_exchanged": ("Đổi phiếu hỏng cho {voter}", "Spoiled ballot exchanged for {voter}"),
    "event.returned_recorded": ("Chốt số phiếu thu về: {count}", "Collection closed: {count} returned"),
    "event.ballot_recorded": ("Nhập phiếu {batch}/{position}: {content}", "Ballot {batch}/{position} entered: {content}"),
    "event.ballot_corrected": ("Đính chính phiếu {batch}/{position}: {content} — lý do: {because} (Tổ trưởng {confirmed_by})",
                               "Ballot {batch}/{position} corrected: {content} — because: {because} (head {confirmed_by})"),
    "event.whole_invalid": ("cả phiếu không hợp lệ ({reason})", "whole ballot invalid ({reason})"),
    "event.minutes_signed": ("{member} ký biên bản kiểm phiếu", "{member} signed the counting minutes"),
    "event.results_announced": ("Công bố kết quả", "Results announced"),
    "event.ballots_sealed": ("Niêm phong phiếu, bàn giao cho {to}", "Ballots sealed and handed to {to}"),
    # Conference file.
    "file.toml": ("Tệp hội nghị không đúng cú pháp TOML: {detail}", "The conference file is not valid TOML: {detail}"),
    "file.unknown_pack": ("{where}: không có bộ quy tắc «{value}» (có: {choices}).", "{where}: no rule pack “{value}” (known: {choices})."),
    "file.unknown_override": ("{where}: không có thiết lập này (có: {choices}).", "{where}: no such setting (known: {choices})."),
    "file.wrong_type": ("{where}: cần {expected}, nhận {value}.", "{where}: expected {expected}, got {value}."),
    "file.bad_choice": ("{where}: «{value}» không hợp lệ (có: {choices}).", "{where}: “{value}” is not valid (choose: {choices})."),
    "file.no_two_thirds": ("{where}: bộ quy tắc {rules} không có ngưỡng 2/3.", "{where}: the {rules} pack has no two-thirds band."),
    "file.not_positive": ("{where}: phải là số nguyên dương.", "{where}: must be a positive integer."),
    "file.bad_date": ("{where}: ngày {value} phải có dạng YYYY-MM-DD.", "{where}: date {value} must be YYYY-MM-DD."),
    "file.missing": ("{where}: thiếu hoặc để trống.", "{where}: missing or empty."),
    "file.missing_table": ("Thiếu bảng [{where}].", "The table [{where}] is missing."),
    "file.no_voters": ("Không có người dự nào ([[voters]]).", "No voters ([[voters]])."),
    "file.no_persons": ("Không có người được lấy phiếu nào ([[persons]]).", "No persons to evaluate ([[persons]])."),
    "file.no_eligible": ("Không còn ai đủ điều kiện lấy phiếu sau khi áp dụng các quy tắc ([[persons]]).",
                         "Nobody is left on the ballot after the eligibility rules ([[persons]])."),
    "file.too_few_nominees": ("[[persons]]: danh sách giới thiệu ({got} người đủ điều kiện) phải nhiều hơn số chức danh "
                              "(conference.posts = {posts}).",
                              "[[persons]]: the nominee list ({got} eligible) must be longer than the number of posts "
                              "(conference.posts = {posts})."),
    "file.duplicate_id": ("{where}: mã «{id}» bị trùng.", "{where}: id “{id}” is used twice."),
    "file.unknown_voter": ("{where}: không có người dự mã «{id}».", "{where}: no voter “{id}”."),
    "file.voter_clash": ("{where}: mã {id} đã dùng cho «{first}», nay lại là «{second}».",
                         "{where}: id {id} was “{first}”, now “{second}”."),
    "warn.merged": ("{name} ({id}) kiêm nhiều chức vụ ({posts}): gộp làm một, chỉ nhận 01 phiếu.",
                    "{name} ({id}) holds several posts ({posts}): merged, one ballot."),
    "warn.retirement_notice": ("{name} ({id}) đã có thông báo hoặc quyết định nghỉ hưu: không đưa vào phiếu ({rule}).",
                               "{name} ({id}) has a retirement notice or decision: left off the ballot ({rule})."),
    "warn.same_year": ("{name} ({id}) được bầu, bổ nhiệm từ {since}, trong năm lấy phiếu {year}: không đưa vào phiếu ({rule}).",
                       "{name} ({id}) elected or appointed on {since}, in the year of the vote {year}: left off the ballot ({rule})."),
    "warn.near_duplicate": ("{first} ({first_id}) và {second} ({second_id}) trùng tên: kiểm tra xem có phải một người không.",
                            "{first} ({first_id}) and {second} ({second_id}) have the same name: check they are not one person."),
    "exclusion.retirement_notice": ("Đã có thông báo nghỉ hưu", "Retirement notice"),
    "exclusion.same_year": ("Được bầu, bổ nhiệm trong năm lấy phiếu", "Elected or appointed in the year of the vote"),
    "exclusion.months_in_post": ("Giữ chức vụ chưa đủ {months} tháng", "Under {months} months in post"),
    "file.out_of_range": ("{where}: {value} nằm ngoài khoảng cho phép {low}–{high}.", "{where}: {value} is outside {low}–{high}."),
    "file.quorum_over_all": ("{where}: tỷ lệ có mặt {num}/{den} vượt quá toàn bộ.", "{where}: a quorum of {num}/{den} is more than everyone."),
    "file.unknown_key_near": ("{where}: không có khóa «{name}» (có phải «{near}»?).", "{where}: no key “{name}” (did you mean “{near}”?)."),
    "file.unknown_key": ("{where}: không có khóa «{name}» (có: {known}).", "{where}: no key “{name}” (known: {known})."),
    "file.invisible": ("{where}: có ký tự ẩn hoặc ký tự điều khiển (U+{code}) trong «{value}».",
                       "{where}: an invisible or control character (U+{code}) in “{value}”."),
    "file.too_long": ("{where}: dài {got} ký tự, tối đa {most} để in được trên phiếu.",
                      "{where}: {got} characters long; at most {most} fit on the ballot."),
    "file.total_below_convened": ("conference.total_members = {total} nhỏ hơn số người được triệu tập ({convened}).",
                                  "conference.total_members = {total} is below the number convened ({convened})."),
    "file.team_too_big": ("conference.overrides.team_min_size = {need} vượt số người có thể vào Tổ kiểm phiếu ({can}).",
                          "conference.overrides.team_min_size = {need} exceeds those who may sit on the counting team ({can})."),
    "file.bad_timezone": ("conference.timezone: không có múi giờ «{value}».", "conference.timezone: no time zone “{value}”."),
    "reason.not_issued": ("Phiếu không do Tổ kiểm phiếu phát ra", "Ballot not issued by the counting team"),
    "reason.other_form": ("Phiếu không đúng mẫu của hội nghị", "Not this conference's form"),
    "reason.extra_info": ("Phiếu ghi thêm tên người ngoài danh sách hoặc ghi thêm thông tin khác",
                          "A name outside the list or other information written on the ballot"),
    "reason.over_posts": ("Số người được đồng ý vượt số chức danh", "More agreed than there are posts"),
    "reason.row_invalid": ("Có dòng không hợp lệ (phạm vi cả phiếu)", "A row is invalid (whole-ballot scope)"),
    "pack.unconfirmed": ("Chưa xác nhận", "Unconfirmed"),
    "doc.m_unconfirmed": ("Thiết lập chưa xác nhận trong văn bản (chưa xác nhận):", "Settings no source confirms (unconfirmed):"),
    "warn.months": ("{name} ({id}) giữ chức vụ từ {since}, chưa đủ {months} tháng đến ngày {date} (đủ từ {until}): không đưa vào phiếu.",
                    "{name} ({id}) in post since {since}: under {months} months on {date} (eligible from {until}); left off the ballot."),
    # Log.
    "log.bad_seq": ("Sự kiện {seq}: thứ tự sai (gặp số {found}); thiếu hoặc đảo sự kiện.",
                    "Event {seq}: out of order (found {found}); an event is missing or moved."),
    "log.bad_link": ("Sự kiện {seq}: không nối với sự kiện trước (prev_hash sai).", "Event {seq}: does not link to the one before (prev_hash)."),
    "log.bad_hash": ("Sự kiện {seq}: mã băm không khớp; nội dung đã bị sửa.", "Event {seq}: hash mismatch; its content was changed."),
    "log.bad_start": ("Sự kiện {seq}: nhật ký phải bắt đầu bằng sự kiện tạo phiên.", "Event {seq}: the log must start with session_created."),
    "log.refused": ("Sự kiện {seq}: quy tắc không cho phép ghi sự kiện này tại đây. {why}",
                    "Event {seq}: the rules do not allow this event here. {why}"),
    "log.not_decided": ("Sự kiện {seq} ({type}): không phải sự kiện mà quy tắc ghi tại đây (đúng ra: {expected}).",
                        "Event {seq} ({type}): not the event the rules record here (they record: {expected})."),
    "log.unknown_event": ("Sự kiện {seq}: loại «{type}» phiên bản {version} không có trong chương trình.",
                          "Event {seq}: type “{type}” version {version} is not one this program writes."),
    "log.bad_fields": ("Sự kiện {seq} ({type}): nội dung không đúng khuôn dạng.", "Event {seq} ({type}): its content is malformed."),
    "log.cut_short": ("Sự kiện {seq}: thiếu ({type}); một thao tác ghi các sự kiện của nó cùng lúc, nên có sự kiện đã bị xóa.",
                      "Event {seq}: missing ({type}); an action records its events together, so one was removed."),
    "log.bad_json": ("Dòng {seq}: không đọc được ({detail}).", "Line {seq}: unreadable ({detail})."),
    "log.ok": ("Nhật ký nguyên vẹn: {count} sự kiện, mã {code}, digest {head}.", "Log intact: {count} events, code {code}, digest {head}."),
    "log.broken": ("Nhật ký bị sửa: {reason}", "Log tampered: {reason}"),
    "log.empty": ("Nhật ký trống.", "The log is empty."),
    # Audit: actors, stores that cannot be written, the chair lock.
    "actor.chair": ("Chủ trì", "Chair"),
    "actor.station": ("Máy kiểm phiếu", "Station"),
    "actor.system": ("Hệ thống", "System"),
    "event.approved": ("thông qua", "approved"),
    "event.rejected": ("không thông qua", "not approved"),
    "store.locked": ("Cơ sở dữ liệu {db} đang bị chương trình khác khóa; chưa ghi gì. Hãy đóng chương trình đó rồi thử lại.",
                     "The database {db} is locked by another program; nothing was written. Close that program and try again."),
    "store.unavailable": ("Mất kết nối tới máy chủ cơ sở dữ liệu ({detail}); thao tác chưa được ghi và được giữ lại để gửi lại.",
                          "The database server cannot be reached ({detail}); the action was not recorded and is kept to send again."),
    "store.disk_full": ("Đĩa đầy, không ghi được vào {db}; chưa ghi gì. Hãy giải phóng dung lượng rồi thử lại.",
                        "The disk is full: cannot write to {db}; nothing was written. Free some space and try again."),
    "store.corrupt": ("Tệp {db} bị hỏng ({detail}); không đọc được nhật ký.", "The file {db} is corrupt ({detail}); the log cannot be read."),
    "lock.chair_held": ("Phiên {session} đang được mở ở bàn chủ trì khác ({holder}, từ {since}); màn hình này chỉ xem.",
                        "Session {session} is open on another chair console ({holder}, since {since}); this screen is read-only."),
}
"""key → (Vietnamese, English)."""


class Phrase:
    """A message key and its params as a parameter of another message: rendered in the outer message's language."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, params: dict[str, object]):
        self.key, self.params = key, params

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, {self.params!r})"

    def __str__(self) -> str:
        return t(self.key, "vi", **self.params)


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add ``key → (Vietnamese, English)`` entries from a module of their own; a key may not be defined twice."""
    clash = set(entries) & set(CATALOGUE)
    if clash:
        raise ValueError(f"i18n keys defined twice: {sorted(clash)}")
    CATALOGUE.update(entries)


def t(key: str, lang: str = "vi", **params: object) -> str:
    """The text of ``key`` in ``lang`` with ``params`` filled in (the key itself if unknown), in the session's vocabulary."""
    pair = CATALOGUE.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    if _vocabulary != "party":
        text = in_vocabulary(text, lang)
    if not params:
        return text
    return text.format(**{k: _rendered(v, lang) for k, v in params.items()})


def _rendered(value: object, lang: str) -> object:
    """A parameter as the outer message shows it: a Phrase in its language, a tuple of Phrases as a list of them."""
    if isinstance(value, Phrase):
        return t(value.key, lang, **value.params)
    if isinstance(value, tuple) and value and all(isinstance(v, Phrase) for v in value):
        return ", ".join(t(v.key, lang, **v.params) for v in value)
    return value


# The catalogue is written in the Party bodies' words. State bodies (councils, the Assembly) say
# Ban kiểm phiếu, trưởng ban, kỳ họp, đại biểu: the phrases below are rewritten for them.
STATE_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "vi": (("TỔ KIỂM PHIẾU", "BAN KIỂM PHIẾU"), ("Tổ kiểm phiếu", "Ban kiểm phiếu"), ("tổ kiểm phiếu", "ban kiểm phiếu"),
           ("Tổ trưởng", "Trưởng ban"), ("tổ trưởng", "trưởng ban"), ("thành viên của Tổ", "thành viên của Ban"),
           ("Tổ đề xuất", "Ban đề xuất"), ("HỘI NGHỊ", "KỲ HỌP"), ("Hội nghị", "Kỳ họp"), ("hội nghị", "kỳ họp"),
           ("người được triệu tập", "đại biểu được triệu tập"), ("người có mặt", "đại biểu có mặt"),
           ("người dự", "đại biểu")),
    "en": (("counting team", "counting board"), ("Counting team", "Counting board"), ("team head", "board chair"),
           ("the conference", "the session"), ("The conference", "The session")),
}
"""Vietnamese and English phrases of the Party vocabulary → the state bodies' words."""
_vocabulary = "party"


def use_vocabulary(kind: str) -> None:
    """Speak as a ``party`` or a ``state`` body from now on (set when a session's state is built)."""
    global _vocabulary
    _vocabulary = kind


def vocabulary() -> str:
    """The vocabulary in use: ``party`` or ``state``."""
    return _vocabulary


def in_vocabulary(text: str, lang: str = "vi") -> str:
    """``text`` in the vocabulary in use (unchanged for the Party vocabulary)."""
    if _vocabulary == "party":
        return text
    for party, state in STATE_WORDS["en" if lang == "en" else "vi"]:
        text = text.replace(party, state)
    return text
