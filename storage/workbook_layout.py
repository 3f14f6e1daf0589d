"""The conference workbook's layout: its sheets, their Vietnamese headers and the conference key each column fills.

The reader (``storage.workbook_in``) and the template writer (``storage.paper.workbook_out``)
both take the layout from here, so a header is spelt in one place.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from session.i18n import register

TEXT, DATE, FLAG, WHOLE, LIST = "text", "date", "flag", "whole", "list"
"""How a cell is read: text, a date, yes/no, a whole number, a list separated by ';'."""
LIST_SEPARATOR = ";"
YES = frozenset({"x", "có", "co", "true", "yes", "1", "đúng"})
NO = frozenset({"không", "khong", "false", "no", "0", "sai"})
"""What an office writes for yes and no (case aside); a blank cell is no."""


@dataclass(frozen=True)
class Column:
    """One column of a list sheet, or one row of the conference sheet."""

    header: str
    """The Vietnamese header (the conference sheet: the label in column A)."""
    key: str
    """The conference file's key it fills."""
    kind: str = TEXT
    """How its cells are read."""
    required: bool = False
    """A list sheet must have this column."""


@dataclass(frozen=True)
class Sheet:
    """A sheet of the workbook and the ``[[key]]`` rows (or the ``[conference]`` table) it holds."""

    name: str
    """The sheet's name as the office sees it."""
    key: str
    """``conference``, ``persons``, ``voters`` or ``forms``."""
    columns: tuple[Column, ...]
    """Its columns (the conference sheet: its rows)."""
    required: bool = True
    """The workbook must have it."""

    def column(self, header: str) -> Column | None:
        """The column whose header is ``header`` (spacing, case and Unicode form aside)."""
        wanted = header_key(header)
        return next((c for c in self.columns if header_key(c.header) == wanted or c.key == header.strip()), None)


def header_key(text: str) -> str:
    """What two spellings of one header share."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


CONFERENCE = Sheet("Hội nghị", "conference", (
    Column("Tên hội nghị", "title"),
    Column("Cơ quan, tổ chức", "body"),
    Column("Địa điểm", "place"),
    Column("Ngày hội nghị", "date", DATE),
    Column("Quy định áp dụng", "rules"),
    Column("Tổng số thành viên", "total_members", WHOLE),
    Column("Số chức danh", "posts", WHOLE),
    Column("Phiên tập dượt", "rehearsal", FLAG),
    Column("Nhập phiếu hai lần", "double_entry", FLAG),
    Column("Múi giờ", "timezone"),
    Column("Cơ quan cấp trên", "superior"),
    Column("Địa danh", "locality"),
    Column("Người chứng kiến (cách nhau bởi dấu ;)", "witnesses", LIST),
))
"""Key/value rows: the label in column A (or the TOML key), the value in column B; ``overrides.NAME`` rows set a pack setting."""
CONFERENCE_HEAD = ("Mục", "Giá trị")
OVERRIDES_PREFIX = "overrides."
PERSONS = Sheet("Người được lấy phiếu", "persons", (
    Column("Mã", "id", required=True),
    Column("Họ và tên", "name", required=True),
    Column("Chức vụ", "position"),
    Column("Giữ chức vụ từ ngày", "in_post_since", DATE, required=True),
    Column("Mã người dự", "voter"),
    Column("Đã có thông báo nghỉ hưu", "retirement_notice", FLAG),
    Column("Mã cán bộ", "key"),
))
VOTERS = Sheet("Người dự", "voters", (
    Column("Mã", "id", required=True),
    Column("Họ và tên", "name", required=True),
    Column("Chức vụ (cách nhau bởi dấu ;)", "posts", LIST),
))
FORMS = Sheet("Mẫu phiếu", "forms", (
    Column("Mã", "id", required=True),
    Column("Tên mẫu phiếu", "title", required=True),
    Column("Màu", "colour"),
    Column("Người được lấy phiếu (mã, cách nhau bởi dấu ;)", "persons", LIST, required=True),
), required=False)
SHEETS = (CONFERENCE, PERSONS, VOTERS, FORMS)
HELP_SHEET = "Hướng dẫn"
"""The explanation sheet the template carries; the reader passes over it."""

STRINGS = {
    "workbook.cell": ("{sheet}, dòng {row}, cột {column} ({header})", "{sheet}, row {row}, column {column} ({header})"),
    "workbook.sheet_row": ("{sheet}, dòng {row}", "{sheet}, row {row}"),
    "workbook.unreadable": ("Không đọc được sổ tính {path}: {detail}", "Cannot read the workbook {path}: {detail}"),
    "workbook.no_sheet": ("Sổ tính thiếu trang «{sheet}».", "The workbook has no sheet “{sheet}”."),
    "workbook.unknown_sheet": ("Sổ tính có trang «{sheet}» không dùng được (các trang: {known}).",
                               "The workbook has a sheet “{sheet}” that is not used (the sheets: {known})."),
    "workbook.unknown_header": ("{where}: không có cột «{name}» (các cột: {known}).", "{where}: no column “{name}” (the columns: {known})."),
    "workbook.twice_header": ("{where}: cột «{name}» có hai lần.", "{where}: the column “{name}” appears twice."),
    "workbook.no_header": ("{where}: có dữ liệu nhưng cột không có tiêu đề.", "{where}: a value in a column without a header."),
    "workbook.missing_header": ("Trang «{sheet}» thiếu cột «{name}».", "The sheet “{sheet}” lacks the column “{name}”."),
    "workbook.unknown_item": ("{where}: không có mục «{name}» (các mục: {known}).", "{where}: no item “{name}” (the items: {known})."),
    "workbook.twice_item": ("{where}: mục «{name}» có hai lần.", "{where}: the item “{name}” appears twice."),
    "workbook.bad_date": ("{where}: «{value}» không phải ngày; ghi dạng dd/mm/yyyy hoặc dùng ô kiểu ngày.",
                          "{where}: “{value}” is not a date; write dd/mm/yyyy or use a date cell."),
    "workbook.bad_flag": ("{where}: «{value}» phải là «có» (hoặc x) hoặc «không» (hoặc để trống).",
                          "{where}: “{value}” must be “có” (or x) or “không” (or blank)."),
    "workbook.csv_needs_conference": ("Tệp CSV là danh sách người dự; cần --conference TỆP.toml cho hội nghị và người được lấy phiếu.",
                                      "A CSV file is the list of voters; give --conference FILE.toml for the conference and the persons."),
    "workbook.csv_and_voters": ("{path}: đã có danh sách người dự trong tệp CSV, hãy bỏ [[voters]] khỏi tệp hội nghị.",
                                "{path}: the voters come from the CSV file; remove [[voters]] from the conference file."),
    "workbook.help_title": ("HƯỚNG DẪN ĐIỀN SỔ TÍNH HỘI NGHỊ LẤY PHIẾU TÍN NHIỆM", "HOW TO FILL IN THE CONFERENCE WORKBOOK"),
    "workbook.help_intro": ("Mỗi trang một danh sách; dòng 1 là tiêu đề cột, không đổi tên. Ngày: ô kiểu ngày hoặc dd/mm/yyyy. "
                            "Có/không: «có» hoặc x, để trống là không. Lệnh: tinnhiem new TỆP.xlsx --db phien.db",
                            "One list per sheet; row 1 holds the column headers, keep them as written. Dates: a date cell or "
                            "dd/mm/yyyy. Yes/no: “có” or x, blank for no. Command: tinnhiem new FILE.xlsx --db session.db"),
    "workbook.help_head": ("Trang|Cột hoặc mục|Nghĩa|Bắt buộc", "Sheet|Column or item|Meaning|Required"),
    "workbook.help.conference": ("Hội nghị: mục ở cột A, giá trị ở cột B; thêm dòng overrides.TÊN để đổi một thiết lập của quy định.",
                                 "The conference: the item in column A, its value in column B; an overrides.NAME row changes a pack setting."),
    "workbook.help.persons": ("Người được lấy phiếu, theo thứ tự trên phiếu.", "The persons evaluated, in ballot order."),
    "workbook.help.voters": ("Người dự (thành phần ghi phiếu); một người hai chức vụ ghi một dòng, các chức vụ cách nhau bởi dấu ;.",
                             "The voters convened; one row per person, several posts separated by ;."),
    "workbook.help.forms": ("Mẫu phiếu (không bắt buộc): mỗi người được lấy phiếu ở đúng một mẫu.",
                            "Ballot forms (optional): every person evaluated is on exactly one form."),
    "workbook.col.title": ("Tên hội nghị như in trên phiếu và biên bản.", "The conference's title as printed."),
    "workbook.col.body": ("Cơ quan, tổ chức tổ chức hội nghị.", "The body holding it."),
    "workbook.col.place": ("Nơi họp.", "Where it is held."),
    "workbook.col.date": ("Ngày họp (quy tắc 9 tháng tính đến ngày này).", "The meeting date (the 9-month rule counts to it)."),
    "workbook.col.rules": ("QD96, QD262, NQ96, NQ85, APPOINT hoặc BINARY.", "QD96, QD262, NQ96, NQ85, APPOINT or BINARY."),
    "workbook.col.total_members": ("Tổng số thành viên (mặc định: số người dự).", "Total members (default: the number of voters)."),
    "workbook.col.posts": ("Số chức danh cần bầu (APPOINT).", "Posts to fill (APPOINT)."),
    "workbook.col.rehearsal": ("Phiên tập dượt: mọi tài liệu ghi rõ.", "A rehearsal: every document says so."),
    "workbook.col.double_entry": ("Hai máy nhập độc lập từng xấp phiếu.", "Two stations enter each batch blind."),
    "workbook.col.timezone": ("Múi giờ (mặc định Asia/Ho_Chi_Minh).", "Time zone (default Asia/Ho_Chi_Minh)."),
    "workbook.col.superior": ("Cơ quan cấp trên, in phía trên tên cơ quan ở đầu tài liệu.",
                              "The body above, printed over the body's name in the documents' header."),
    "workbook.col.locality": ("Địa danh ở dòng «…, ngày … tháng … năm …» (mặc định: địa điểm).",
                              "The locality of the place–date line (default: the place)."),
    "workbook.col.id": ("Mã, không dấu cách, không trùng.", "Id, no spaces, unique."),
    "workbook.col.name": ("Họ và tên đầy đủ.", "Full name."),
    "workbook.col.position": ("Chức vụ như in trên phiếu.", "Post as printed on the ballot."),
    "workbook.col.in_post_since": ("Ngày được bầu, phê chuẩn hoặc bổ nhiệm.", "Date elected or appointed to the post."),
    "workbook.col.voter": ("Mã của chính người này ở trang Người dự, nếu họ cũng ghi phiếu.", "Their own id among the voters, if they vote."),
    "workbook.col.retirement_notice": ("Đã có thông báo hoặc quyết định nghỉ hưu.", "Has a notice or decision of retirement."),
    "workbook.col.key": ("Mã cán bộ ổn định: báo cáo tổng hợp đối chiếu theo mã này.", "A stable personnel key: the report matches by it."),
    "workbook.col.posts_list": ("Các chức vụ, cách nhau bởi dấu ;.", "The posts, separated by ;."),
    "workbook.col.form_title": ("Tên mẫu phiếu.", "The form's title."),
    "workbook.col.colour": ("Màu giấy (không bắt buộc).", "Paper colour (optional)."),
    "workbook.col.form_persons": ("Mã những người được lấy phiếu trên mẫu này.", "Ids of the persons on this form."),
}
register(STRINGS)


def explain_key(sheet: Sheet, column: Column) -> str:
    """The catalogue key that explains ``column`` in the help sheet."""
    if sheet is VOTERS and column.key == "posts":
        return "workbook.col.posts_list"
    if sheet is FORMS and column.key in ("title", "persons"):
        return f"workbook.col.form_{column.key}"
    return f"workbook.col.{column.key}"
