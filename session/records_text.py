"""The records' strings (Vietnamese, English) and their plain-text form (``tinnhiem print … --format text``).

The renderers take the dataclasses of ``session.records`` (which imports this module for its strings).
"""

from __future__ import annotations

from session.i18n import register, t

STRINGS = {
    "rec.entries_title": ("Nhật ký nhập phiếu", "Ballot entry log"),
    "rec.attendance_title": ("Danh sách người dự hội nghị", "Attendance list"),
    "rec.sealing_title": ("Biên bản niêm phong, bàn giao phiếu", "Record of sealing and handing over the ballots"),
    "rec.resolution_title": ("Dự thảo Nghị quyết xác nhận kết quả lấy phiếu tín nhiệm",
                             "Draft resolution confirming the results of the confidence vote"),
    "rec.session": ("Phiên {session}", "Session {session}"),
    "rec.draft": ("DỰ THẢO", "DRAFT"),
    "rec.entries_early": ("Chưa có nhật ký nhập phiếu: việc kiểm phiếu chưa bắt đầu.",
                          "There is no entry log yet: the count has not begun."),
    "rec.attendance_early": ("Chưa thể in danh sách người dự: chưa đến bước phát phiếu.",
                             "The attendance list cannot be printed yet: ballots are not being issued."),
    "rec.sealing_early": ("Chưa thể in biên bản niêm phong: phiếu chưa được niêm phong.",
                          "The sealing record cannot be printed yet: the ballots are not sealed."),
    "rec.resolution_early": ("Chưa thể in dự thảo nghị quyết: kết quả chưa được công bố.",
                             "The draft resolution cannot be printed yet: the results are not announced."),
    "rec.resolution_pack": ("Dự thảo nghị quyết xác nhận kết quả chỉ dành cho Hội đồng nhân dân ({packs}); "
                            "phiên này theo {code}.",
                            "The draft resolution confirming the results is for a People's Council ({packs}); "
                            "this session follows {code}."),
    "rec.mode": ("Cách nhập phiếu: {mode}.", "Entry mode: {mode}."),
    "rec.legend": ("Ký hiệu trên phiếu (theo thứ tự người trên phiếu): {marks}.",
                   "Marks (in the ballot's order of persons): {marks}."),
    "rec.mark_blank": ("không đánh dấu ô nào", "no box marked"),
    "rec.mark_several": ("đánh dấu nhiều ô", "several boxes marked"),
    "rec.mark_struck": ("gạch tên", "name struck out"),
    "rec.mark_unknown": ("ký hiệu «{mark}»", "mark “{mark}”"),
    "rec.at_station": ("Máy {station} · {name}", "Station {station} · {name}"),
    "rec.head": ("Tổ trưởng {name}", "Head {name}"),
    "rec.entered": ("Nhập", "Entered"),
    "rec.blind": ("Nhập độc lập (máy {station})", "Blind entry (station {station})"),
    "rec.agreed": ("Hai lần nhập khớp, được tính", "Both entries agree: counted"),
    "rec.resolved": ("Tổ trưởng quyết định, được tính", "Decided by the head: counted"),
    "rec.mismatch": ("Hai lần nhập độc lập lệch nhau.", "The two blind entries differed."),
    "rec.corrected": ("Sửa phiếu", "Corrected"),
    "rec.because": ("Lý do: {reason}", "Reason: {reason}"),
    "rec.col_ballot": ("Xấp/số", "Batch/no."),
    "rec.col_what": ("Nội dung", "What was entered"),
    "rec.col_by": ("Người nhập", "Entered by"),
    "rec.col_at": ("Giờ", "Time"),
    "rec.entries_summary": ("Đã tính {entered} phiếu; {corrected} lần sửa; {awaiting} phiếu chờ lần nhập thứ hai; "
                            "{mismatched} phiếu lệch chờ tổ trưởng.",
                            "{entered} ballots counted; {corrected} corrections; {awaiting} awaiting their second entry; "
                            "{mismatched} mismatches awaiting the head."),
    "rec.present": ("Có mặt", "Present"),
    "rec.absent": ("Vắng mặt", "Absent"),
    "rec.late_at": ("Đến muộn, {hm}", "Late, {hm}"),
    "rec.unserved": ("Không nhận phiếu khi kết thúc phát phiếu", "Held no ballot when issuing ended"),
    "rec.group_present": ("Có mặt từ đầu ({n})", "Present from the start ({n})"),
    "rec.group_late": ("Đến muộn ({n})", "Arrived late ({n})"),
    "rec.group_absent": ("Vắng mặt ({n})", "Absent ({n})"),
    "rec.col_status": ("Có mặt/vắng", "Attendance"),
    "rec.col_sign": ("Ký tên", "Signature"),
    "rec.attendance_summary": ("Triệu tập {convened} người; có mặt {present} (trong đó đến muộn {late}); vắng mặt {absent}.",
                               "{convened} convened; {present} present ({late} of them late); {absent} absent."),
    "rec.sealed_returned": ("Số phiếu thu về", "Ballots returned"),
    "rec.sealed_valid": ("Số phiếu hợp lệ", "Valid ballots"),
    "rec.sealed_invalid": ("Số phiếu không hợp lệ", "Invalid ballots"),
    "rec.sealed_spoiled": ("Số phiếu hỏng đã đổi", "Spoiled ballots exchanged"),
    "rec.sealed_what": ("Tổ kiểm phiếu đã niêm phong toàn bộ phiếu và bàn giao, gồm:",
                        "The counting team sealed every ballot and handed them over:"),
    "rec.sealed_form": ("Mẫu phiếu {form}:", "Ballot form {form}:"),
    "rec.sealed_to": ("Bên nhận bàn giao: {to}.", "Received by: {to}."),
    "rec.sealed_when": ("Niêm phong và bàn giao lúc {hm} ngày {date}.", "Sealed and handed over at {hm} on {date}."),
    "rec.sealed_by": ("Bên giao: Tổ kiểm phiếu", "Handed over by: the counting team"),
    "rec.receiver": ("BÊN NHẬN", "RECEIVED BY"),
    "rec.res_basis_law": ("Căn cứ {citation};", "Having regard to {citation};"),
    "rec.res_basis_minutes": ("Căn cứ Biên bản kiểm phiếu lấy phiếu tín nhiệm tại {title};",
                              "Having regard to the counting minutes of {title};"),
    "rec.res_resolves": ("QUYẾT NGHỊ:", "RESOLVES:"),
    "rec.res_article1": ("Điều 1. Xác nhận kết quả lấy phiếu tín nhiệm tại {title} (triệu tập {convened}, "
                         "phiếu thu về {returned}, phiếu hợp lệ {valid}) như sau:",
                         "Article 1. The results of the confidence vote at {title} ({convened} convened, "
                         "{returned} ballots returned, {valid} valid) are confirmed as follows:"),
    "rec.res_band": ("Kết quả", "Result"),
    "rec.res_article2": ("Điều 2. Thường trực Hội đồng nhân dân công bố kết quả và gửi cơ quan có thẩm quyền theo quy định.",
                         "Article 2. The Standing Committee of the Council publishes the results and sends them to the "
                         "competent bodies as the law requires."),
    "rec.res_article3": ("Điều 3. Nghị quyết này có hiệu lực kể từ ngày được thông qua.",
                         "Article 3. This resolution takes effect on the day it is adopted."),
    "rec.res_signer": ("TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH", "ON BEHALF OF THE PEOPLE'S COUNCIL\nCHAIR"),
    "action.print entries": ("In nhật ký nhập phiếu", "Print the entry log"),
    "action.print attendance": ("In danh sách người dự", "Print the attendance list"),
    "action.print sealing": ("In biên bản niêm phong", "Print the sealing record"),
    "action.print resolution": ("In dự thảo nghị quyết", "Print the draft resolution"),
}
"""The records' messages: (Vietnamese, English)."""
register(STRINGS)


def _top(head, title_key: str) -> list[str]:
    lines = [f"*** {t('doc.rehearsal', head.lang)} ***"] if head.rehearsal else []
    return lines + [head.body.upper(), head.dated, "", t(title_key, head.lang).upper(), head.title, ""]


def entries_text(log) -> str:
    lines = _top(log.head, "rec.entries_title") + [log.mode]
    if log.legend:
        lines.append(log.legend)
    lines.append("")
    for i, line in enumerate(log.lines, 1):
        lines.append(f"{i:>4}. {line.ballot}  {line.at}  {line.what} — {line.by}")
        lines.append(f"      {line.content}")
        if line.note:
            lines.append(f"      {line.note}")
    return "\n".join(lines + ["", log.summary]) + "\n"


def attendance_text(a) -> str:
    lines = _top(a.head, "rec.attendance_title") + [a.summary]
    for heading, people in a.groups:
        lines += ["", heading]
        lines += [f"  {i}. {p.name} — {p.posts} · {p.status}" + (f" · {p.note}" if p.note else "")
                  for i, p in enumerate(people, 1)]
    return "\n".join(lines) + "\n"


def sealing_text(s) -> str:
    lang = s.head.lang
    lines = _top(s.head, "rec.sealing_title") + [t("rec.sealed_what", lang)]
    lines += [f"  {label}: {value}" for label, value in s.sealed]
    for form, figures in s.forms:
        lines += [t("rec.sealed_form", lang, form=form)] + [f"    {label}: {value}" for label, value in figures]
    lines += ["", t("rec.sealed_by", lang)] + [f"  {role}: {name}" for role, name in s.team]
    lines += [t("rec.sealed_to", lang, to=s.receiver), s.when]
    return "\n".join(lines) + "\n"


def resolution_text(r) -> str:
    lang = r.head.lang
    lines = [f"*** {t('doc.rehearsal', lang)} ***"] if r.head.rehearsal else []
    lines += [r.head.body.upper(), t("doc.number", lang, symbol="NQ-HĐND"), t("doc.nation", lang), t("doc.motto", lang),
              r.head.dated, "", t("rec.draft", lang), t("rec.resolution_title", lang).upper(), "", *r.bases, "",
              t("rec.res_resolves", lang), r.article]
    for i, line in enumerate(r.lines, 1):
        cells = "; ".join(f"{label} {cell}" for label, cell in zip(r.columns, line.cells))
        lines.append(f"  {i}. {line.name} — {line.position}: {cells}; {r.columns[-1]}: {line.band}")
    return "\n".join(lines + list(r.closing)) + "\n"
