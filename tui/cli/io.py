"""What the command line prints and how it ends: exit status, messages, file reading, help text.

Kept apart from ``tui.cli`` so that ``python -m tui.cli`` (which loads cli.py twice) registers
these strings once.
"""

from __future__ import annotations

import sys
from pathlib import Path

from session.errors import BadInput, SessionError, StepRefused, TamperDetected
from tui.i18n import register

EXIT_OK, EXIT_BAD, EXIT_REFUSED, EXIT_TAMPER, EXIT_UNKNOWN = 0, 2, 3, 4, 5

register({
    "cli.no_such_file": ("Không có tệp {path}.", "No such file: {path}."),
    "cli.unreadable_file": ("Không mở được tệp {path}: {detail}", "Cannot open the file {path}: {detail}"),
    "cli.not_utf8": ("Tệp {path} không phải văn bản UTF-8.", "The file {path} is not UTF-8 text."),
    "cli.need_db": ("Cần chỉ rõ cơ sở dữ liệu: --db TỆP.db hoặc URL PostgreSQL.", "Say which database: --db FILE.db or a PostgreSQL URL."),
    "cli.need_source": ("Cần tệp nhật ký (.jsonl) hoặc --db.", "Give a log file (.jsonl) or --db."),
    "cli.no_action": ("Thiếu thao tác, ví dụ: «status», «next», «present v01 v02».",
                      "No action given, e.g. “status”, “next”, “present v01 v02”."),
    "cli.script_and_action": ("Dùng --script hoặc một thao tác, không dùng cả hai.", "Give --script or one action, not both."),
    "cli.status_args": ("«status» chỉ nhận --format text|json, không nhận «{extra}».", "“status” takes only --format text|json, not “{extra}”."),
    "cli.bad_option": ("Tùy chọn {option}: «{value}» không hợp lệ (có: {choices}).", "Option {option}: “{value}” is not valid (choose: {choices})."),
    "cli.option_value": ("Tùy chọn {option} cần một giá trị.", "Option {option} needs a value."),
    "cli.bad_to": ("--to phải là số thứ tự sự kiện từ 1 trở lên.", "--to must be an event seq of 1 or more."),
    "log.unreplayable": ("Nhật ký không phát lại được ({detail}).", "The log cannot be replayed ({detail})."),
})

def out(text: str) -> None:
    """Print to standard output."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def err(text: str) -> None:
    """Print to standard error."""
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def utf8_streams() -> None:
    """Write UTF-8 whatever the locale says: the output is Vietnamese text and exported logs are hashed as UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def exit_status(exc: SessionError) -> int:
    """3 for a refusal by the agenda or of an action's input; 4 for a log that does not check; 2 for a bad file,
    argument or database."""
    if isinstance(exc, TamperDetected):
        return EXIT_TAMPER
    if exc.kind == "unknown":  # tui.cli.do.WriteUnknown: a write whose fate the store never told
        return EXIT_UNKNOWN
    return EXIT_REFUSED if isinstance(exc, StepRefused) or exc.step is not None else EXIT_BAD


def read_text(path: str) -> str:
    """A UTF-8 text file; a missing or unreadable one raises BadInput naming it."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BadInput("cli.not_utf8", path=path) from None
    except OSError as exc:
        raise file_error(exc, path) from None


def file_error(exc: OSError, path: str | None = None) -> BadInput:
    """An OS error on a file as a message the user can read in their language."""
    path = path or str(exc.filename or "")
    if isinstance(exc, FileNotFoundError):
        return BadInput("cli.no_such_file", path=path)
    return BadInput("cli.unreadable_file", path=path, detail=exc.strerror or str(exc))


LANG_HELP = "ngôn ngữ / language (vi, en)"
DB_HELP = "tệp SQLite hoặc URL postgresql+psycopg:// / SQLite file or postgresql+psycopg:// URL"


EPILOG = """\
mã thoát / exit status:
  0 xong / done · 2 đầu vào sai (tệp, tham số, cơ sở dữ liệu) / bad input (file, argument, database)
  3 thao tác bị từ chối / action refused · 4 nhật ký bị sửa / log tampered
  5 không rõ thao tác đã được ghi chưa (mất kết nối) / not known whether the action was recorded (connection lost)

ví dụ / examples:
  tinnhiem new hoi-nghi.toml --db phien.db
  tinnhiem do --db phien.db status --format json
  tinnhiem do --db phien.db present v01 v02
  tinnhiem do --db phien.db --script thao-tac.txt
  tinnhiem results --db phien.db --format json
  tinnhiem export --db phien.db > log.jsonl && tinnhiem verify log.jsonl
  tinnhiem replay log.jsonl --to 12 --format json
"""
