"""The session's documents assembled once, for ``tinnhiem print``/``archive`` and for the chair console.

Each job takes the log's records (a consistent snapshot, safe to use off the UI
thread) and returns the bytes to write with a sentence saying what they are;
refusals are ``SessionError``s the caller shows in the user's language.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from session.errors import BadInput, StepRefused
from session.events import Recorded
from session.i18n import t
from session.state import SessionState
from tui.cli.io import file_error
from tui.i18n import register

FONT_DIR = Path(__file__).resolve().parent / "data"
"""The DejaVu Sans faces shipped with the package (licence in LICENSE-DejaVu.txt)."""
MINUTES_FROM = "minutes"
"""The first agenda step at which the minutes may be printed: before it the count is not final."""
RECORDS = ("entries", "attendance", "sealing", "resolution")
"""The records beside the minutes (``session.records``)."""
DOCUMENTS = ("ballots", "covers", "minutes", *RECORDS, "archive")
"""What can be produced."""
FILE_STEMS = {"ballots": "phieu", "covers": "bia-xap", "minutes": "bien-ban", "entries": "nhat-ky-nhap-phieu",
              "attendance": "danh-sach-nguoi-du", "sealing": "bien-ban-niem-phong", "resolution": "du-thao-nghi-quyet",
              "archive": "ho-so-luu-tru"}
"""Default file name of each document, before ``-SESSION.pdf`` (``.zip`` for the archive)."""

register({
    "paper.done": ("Đã ghi {file}: {what}.", "Wrote {file}: {what}."),
    "print.what.ballots": ("{n} phiếu", "{n} ballots"),
    "print.what.covers": ("{n} bìa xấp", "{n} batch covers"),
    "print.what.minutes": ("biên bản kiểm phiếu, 3 bản", "counting minutes, 3 copies"),
    "print.what.entries": ("nhật ký nhập phiếu, {n} dòng", "entry log, {n} lines"),
    "print.what.attendance": ("danh sách người dự", "attendance list"),
    "print.what.sealing": ("biên bản niêm phong, bàn giao phiếu", "sealing and hand-over record"),
    "print.what.resolution": ("dự thảo nghị quyết xác nhận kết quả", "draft resolution confirming the results"),
    "print.minutes_early": ("Chưa thể in biên bản: việc kiểm phiếu chưa kết thúc.",
                            "The minutes cannot be printed yet: the count is not over."),
    "print.nominees_open": ("Danh sách giới thiệu chưa được chốt: phiếu in theo danh sách đủ điều kiện hiện có ({n} người).",
                            "The nominee list is not fixed yet: the ballots list everyone eligible now ({n} persons)."),
    "action.print minutes": ("In biên bản", "Print the minutes"),
    "print.positive": ("{what} phải là số nguyên dương.", "{what} must be a positive integer."),
    "print.pages": ("{what}, {pages} trang", "{what}, {pages} pages"),
    "archive.what": ("{count} tệp, mã nhật ký {code}", "{count} files, log code {code}"),
    "archive.scans_missing": ("Thiếu {count} ảnh quét mà nhật ký có nhắc (đầu tiên: {first}…): ảnh không có trong cơ sở dữ liệu này.",
                              "{count} scanned images the log names are missing (first: {first}…): they are not in this database."),
})


@dataclass(frozen=True)
class Paper:
    """A document ready to write."""

    data: bytes
    """The file's bytes (PDF or zip)."""
    summary: str
    """What it holds, in the asked language (e.g. "12 phiếu, 1 trang")."""
    notes: tuple[str, ...] = field(default=())
    """Warnings to show beside it (e.g. the nominee list is not fixed yet)."""


def fonts():
    """The shipped faces (the system's only when the package's are missing)."""
    from storage.paper.documents import find_fonts

    return find_fonts(FONT_DIR)


def pages(data: bytes) -> int:
    """Pages in a PDF written by fpdf2 (one ``/Type /Page`` object each)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def positive(value: int, what: str) -> None:
    """BadInput naming ``what`` unless ``value`` is at least 1."""
    if value < 1:
        raise BadInput("print.positive", what=what)


def minutes_ready(state: SessionState) -> None:
    """Refuse the minutes before the count is over (the same refusal on the command line and the console)."""
    from session.agenda import STEPS

    if STEPS.index(state.step) < STEPS.index(MINUTES_FROM):
        raise StepRefused("print.minutes_early", step=state.step, action="print minutes")


def ballots(state: SessionState, lang: str, copies: int | None = None) -> Paper:
    """The ballots, one per voter convened unless ``copies`` says otherwise."""
    from storage.paper import documents as docs

    copies = state.convened if copies is None else copies
    positive(copies, "--copies")
    notes = ()
    if state.pack.nominee_step and state.nominees is None:
        notes = (t("print.nominees_open", lang, n=len(state.ballot_persons)),)
    data = docs.ballots_pdf(state, fonts(), copies, lang)
    return Paper(data, _with_pages(t("print.what.ballots", lang, n=copies), data, lang), notes)


def covers(state: SessionState, lang: str, batches: int = 1) -> Paper:
    """One cover sheet per batch."""
    from storage.paper import documents as docs

    positive(batches, "--batches")
    data = docs.covers_pdf(state, fonts(), batches, lang)
    return Paper(data, _with_pages(t("print.what.covers", lang, n=batches), data, lang))


def minutes(state: SessionState, lang: str) -> Paper:
    """The counting minutes in three copies; refused before the minutes step."""
    from storage.paper import documents as docs

    minutes_ready(state)
    data = docs.minutes_pdf(state, fonts(), lang)
    return Paper(data, _with_pages(t("print.what.minutes", lang), data, lang))


def _with_pages(what: str, data: bytes, lang: str) -> str:
    return t("print.pages", lang, what=what, pages=pages(data))


def archive(records: list[Recorded], lang: str, scans=None) -> Paper:
    """The archive zip of an intact log: log, minutes (PDF and text), results, rule pack, manifest, and (from
    ``scans``, a ``storage.scans`` store, when given) every scanned image the log names, under ``scans/``.

    A log that does not check (chain or rules) raises ``TamperDetected`` naming the first bad seq.
    """
    from session.admissible import checked_replay
    from session.minutes import drawn_up_at
    from session.paper import printed_code
    from session.results import results
    from storage.paper import archive as bundle
    from storage.paper import documents as docs
    from storage.paper.export import results_csv, results_json
    from tui.wiring import write_jsonl

    state = checked_replay(records)
    data = results(state)
    files = {
        bundle.LOG: write_jsonl(records).encode("utf-8"),
        bundle.MINUTES_PDF: docs.minutes_pdf(state, fonts(), lang),
        bundle.MINUTES_TXT: docs.minutes_text(state, lang).encode("utf-8"),
        bundle.RESULTS_JSON: results_json(data).encode("utf-8"),
        bundle.RESULTS_CSV: results_csv(data).encode("utf-8"),
        bundle.RULES_JSON: (json.dumps(state.pack.as_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }
    missing = bundle.add_scans(files, scan_digests(records), lambda sha: scans.get(state.session_id, sha)) if scans else []
    seq, head = drawn_up_at(state)
    code = printed_code(head, seq)  # the minutes' code: the archive names the log as it was signed
    blob = bundle.bundle(files, state.session_id, code)
    summary = t("archive.what", lang, count=len(files) + 2, code=code)
    if missing:
        summary += " " + t("archive.scans_missing", lang, count=len(missing), first=missing[0][:16])
    return Paper(blob, summary)


def scan_digests(records: list[Recorded]) -> list[str]:
    """The sha256 of every scanned file and row picture the log names, in the order it first names them."""
    found: dict[str, None] = {}
    for rec in records:
        payload = rec.payload if isinstance(rec.payload, dict) else {}
        for part in str(payload.get("image") or "").split(","):
            if part:
                found.setdefault(part.partition("#")[0], None)
        for crop in payload.get("crops") or ():
            found.setdefault(str(crop), None)
    return list(found)


def record_data(what: str, state: SessionState, records: list[Recorded], lang: str):
    """The pure data of record ``what`` (one of ``RECORDS``); refused before its step, as the minutes are."""
    from session import records as rec

    rec.READY[what](state)
    if what == "entries":
        return rec.entry_log(state, records, lang)
    if what == "attendance":
        return rec.attendance(state, records, lang)
    if what == "sealing":
        return rec.sealing(state, records, lang)
    return rec.resolution(state, lang)


def record_text(what: str, state: SessionState, records: list[Recorded], lang: str) -> str:
    """Record ``what`` as plain text (``print … --format text``)."""
    from session import records_text

    return getattr(records_text, f"{what}_text")(record_data(what, state, records, lang))


def record(what: str, state: SessionState, records: list[Recorded], lang: str) -> Paper:
    """Record ``what`` as PDF."""
    from storage.paper import records as pdf_records

    data = record_data(what, state, records, lang)
    blob = getattr(pdf_records, what)(data, fonts())
    summary = t(f"print.what.{what}", lang, n=len(getattr(data, "lines", ())))
    return Paper(blob, _with_pages(summary, blob, lang))


def ready(what: str, state: SessionState) -> None:
    """Refuse ``what`` at once when its step has not come (the console says so before any "writing" notice)."""
    from session.records import READY

    if what == "minutes":
        minutes_ready(state)
    elif what in READY:
        READY[what](state)


def make(what: str, records: list[Recorded], lang: str, copies: int | None = None, batches: int = 1,
         scans=None) -> Paper:
    """Document ``what`` (one of ``DOCUMENTS``) of the session whose log is ``records`` (an archive takes the
    scanned images from ``scans``)."""
    if what == "archive":
        return archive(records, lang, scans)
    from session.admissible import checked_replay

    state = checked_replay(records)
    if what in RECORDS:
        return record(what, state, records, lang)
    if what == "ballots":
        return ballots(state, lang, copies)
    if what == "covers":
        return covers(state, lang, batches)
    return minutes(state, lang)


def write(path: Path, data: bytes) -> None:
    """Write a document; a folder that is missing or not writable is bad input naming the file."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise file_error(exc, str(path)) from None


def file_name(what: str, session_id: str) -> str:
    """The default file name of a document, e.g. ``bien-ban-SESSION.pdf``."""
    return f"{FILE_STEMS[what]}-{session_id}.{'zip' if what == 'archive' else 'pdf'}"


def documents_folder(store: object) -> Path:
    """Next to the SQLite file; for a memory or server database, the user's documents (else data) folder."""
    db = getattr(store, "db", None)  # what --db said (a SQL store keeps it for its messages)
    if isinstance(db, str) and db.startswith("sqlite:///"):
        db = db[len("sqlite:///"):].partition("?")[0]
    if isinstance(db, str) and db and "://" not in db and db != ":memory:" and not db.startswith("file:"):
        return Path(db).resolve().parent
    from platformdirs import user_data_path, user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else user_data_path("tinnhiem")


def failure_text(exc: Exception, lang: str) -> str:
    """Why a job failed, as the command line says it (a broken chain is framed as a tampered log)."""
    from session.errors import SessionError

    if isinstance(exc, SessionError):  # a TamperDetected says "log tampered" itself
        return exc.message(lang)
    return str(exc)
