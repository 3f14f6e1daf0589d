"""Sub-commands beyond the core contracts (documents, archive); importing registers them.

Also the two extensions of ``verify`` it delegates here: an archive zip, and a
code printed on the minutes compared with the log (``--digest``).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from session.errors import BadInput, StepRefused
from session.events import Recorded
from session.i18n import t
from tui.cli import _db, command
from tui.cli_io import EXIT_OK, EXIT_TAMPER, err, file_error, out
from tui.i18n import register

FONT_DIR = Path(__file__).resolve().parent / "data"
"""The DejaVu Sans faces shipped with the package (licence in LICENSE-DejaVu.txt)."""
MINUTES_FROM = "minutes"
"""The first agenda step at which the minutes may be printed: before it the count is not final."""

register({
    "print.done": ("Đã ghi {file}: {what}, {pages} trang.", "Wrote {file}: {what}, {pages} pages."),
    "print.what.ballots": ("{n} phiếu", "{n} ballots"),
    "print.what.covers": ("{n} bìa xấp", "{n} batch covers"),
    "print.what.minutes": ("biên bản kiểm phiếu, 3 bản", "counting minutes, 3 copies"),
    "print.minutes_early": ("Chưa thể in biên bản: việc kiểm phiếu chưa kết thúc.",
                            "The minutes cannot be printed yet: the count is not over."),
    "print.nominees_open": ("Danh sách giới thiệu chưa được chốt: phiếu in theo danh sách đủ điều kiện hiện có ({n} người).",
                            "The nominee list is not fixed yet: the ballots list everyone eligible now ({n} persons)."),
    "print.positive": ("{what} phải là số nguyên dương.", "{what} must be a positive integer."),
    "archive.done": ("Đã ghi {file}: {count} tệp, mã nhật ký {code}.", "Wrote {file}: {count} files, log code {code}."),
    "archive.ok": ("Gói lưu trữ nguyên vẹn: {count} tệp khớp {manifest}.", "Archive intact: {count} files match {manifest}."),
    "archive.bad": ("Gói lưu trữ không nguyên vẹn: {reason}", "Archive not intact: {reason}"),
    "archive.log_unreadable": ("{name} không đọc được: {reason}", "{name} is unreadable: {reason}"),
    "digest.bad_code": ("Không đọc được mã «{code}»: cần dạng 1A2B-3C4D hoặc 1A2B-3C4D/57.",
                        "Cannot read the code “{code}”: expected 1A2B-3C4D or 1A2B-3C4D/57."),
    "digest.match": ("Biên bản khớp nhật ký: mã {code}, {count} sự kiện (đầu chuỗi).",
                     "The minutes match the log: code {code}, {count} events (the head)."),
    "digest.older": ("Biên bản được in tại sự kiện {seq}; nhật ký có thêm {n} sự kiện kể từ khi in biên bản (nay {count}, mã {head}).",
                     "The minutes were printed at event {seq}; the log has {n} more events since the minutes were printed "
                     "(now {count}, code {head})."),
    "digest.later": ("Biên bản ghi {printed} sự kiện nhưng nhật ký này chỉ có {count}: biên bản mới hơn nhật ký.",
                     "The minutes say {printed} events but this log has only {count}: the paper is later than the log."),
    "digest.unknown": ("Mã {code} không có trong chuỗi băm của nhật ký này ({count} sự kiện, mã {head}).",
                       "Code {code} is nowhere in this log's hash chain ({count} events, code {head})."),
})


def _fonts():
    from storage.documents import find_fonts

    return find_fonts(FONT_DIR)


def _print_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=("ballots", "covers", "minutes"),
                   help="phiếu / ballots · bìa xấp / batch covers · biên bản / minutes")
    _db(p)
    p.add_argument("-o", "--output", metavar="FILE.pdf",
                   help="tệp PDF (mặc định: WHAT-SESSION.pdf) / PDF file to write (default: WHAT-SESSION.pdf)")
    p.add_argument("--copies", type=int, metavar="N",
                   help="số phiếu (mặc định: mỗi người được triệu tập một phiếu) / ballots: how many (default: one per voter convened)")
    p.add_argument("--batches", type=int, default=1, metavar="N", help="số xấp / covers: how many batches")
    p.add_argument("--format", choices=("pdf", "text"), default="pdf",
                   help="biên bản dạng văn bản ra màn hình / minutes: text prints to standard output")


@command("print", "in phiếu, bìa xấp, biên bản / print ballots, batch covers, minutes")(_print_args)
def run_print(a: argparse.Namespace) -> int:
    from storage import documents as docs
    from tui.wiring import open_service

    state = open_service(a.db, a.session).state
    lang = a.lang
    if a.what == "ballots":
        copies = state.convened if a.copies is None else a.copies
        _positive(copies, "--copies")
        if state.pack.nominee_step and state.nominees is None:
            err(t("print.nominees_open", lang, n=len(state.ballot_persons)))
        data, what = docs.ballots_pdf(state, _fonts(), copies, lang), t("print.what.ballots", lang, n=copies)
    elif a.what == "covers":
        _positive(a.batches, "--batches")
        data, what = docs.covers_pdf(state, _fonts(), a.batches, lang), t("print.what.covers", lang, n=a.batches)
    else:
        _minutes_ready(state)
        if a.format == "text":
            out(docs.minutes_text(state, lang))
            return EXIT_OK
        data, what = docs.minutes_pdf(state, _fonts(), lang), t("print.what.minutes", lang)
    path = Path(a.output or f"{a.what}-{state.session_id}.pdf")
    _write(path, data)
    out(t("print.done", lang, file=path, what=what, pages=_pages(data)))
    return EXIT_OK


def _write(path: Path, data: bytes) -> None:
    """Write a document; a folder that is missing or not writable is bad input naming the file."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise file_error(exc, str(path)) from None


def _pages(data: bytes) -> int:
    """Pages in a PDF written by fpdf2 (one ``/Type /Page`` object each)."""
    import re

    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def _positive(value: int, what: str) -> None:
    if value < 1:
        raise BadInput("print.positive", what=what)


def _minutes_ready(state) -> None:
    from session.agenda import STEPS

    if STEPS.index(state.step) < STEPS.index(MINUTES_FROM):
        raise StepRefused("print.minutes_early", step=state.step, action="print minutes")


def _archive_args(p: argparse.ArgumentParser) -> None:
    _db(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip", help="tệp zip / zip file to write")


@command("archive", "đóng gói lưu trữ / write the archive bundle")(_archive_args)
def run_archive(a: argparse.Namespace) -> int:
    from session.evolve import replay
    from session.log import verify
    from session.paper import printed_code
    from session.results import results
    from storage import archive
    from storage import documents as docs
    from storage.export import results_csv, results_json
    from tui.wiring import open_store, pick_session, write_jsonl

    store = open_store(a.db, create=False)
    records = store.load(pick_session(store, a.db, a.session))
    verdict = verify(records)
    if not verdict.ok:
        err(t("log.broken", a.lang, reason=t(verdict.reason, a.lang, seq=verdict.bad_seq, found=verdict.found)))
        return EXIT_TAMPER
    state = replay(records)
    data = results(state)
    files = {
        archive.LOG: write_jsonl(records).encode("utf-8"),
        archive.MINUTES_PDF: docs.minutes_pdf(state, _fonts(), a.lang),
        archive.MINUTES_TXT: docs.minutes_text(state, a.lang).encode("utf-8"),
        archive.RESULTS_JSON: results_json(data).encode("utf-8"),
        archive.RESULTS_CSV: results_csv(data).encode("utf-8"),
        archive.RULES_JSON: (json.dumps(state.pack.as_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }
    code = printed_code(state.head_hash, state.seq)
    blob = archive.bundle(files, state.session_id, code)
    _write(Path(a.output), blob)
    out(t("archive.done", a.lang, file=a.output, count=len(files) + 2, code=code))
    return EXIT_OK


def verify_archive(path: str, lang: str) -> int:
    """``tinnhiem verify FILE.zip``: the manifest, then the log's hash chain; exit 4 naming what is wrong."""
    from session.errors import SessionError
    from session.log import verify
    from storage import archive
    from tui.wiring import read_jsonl

    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        raise file_error(exc, path) from None
    found = archive.check(blob)
    problems = found.messages(lang)
    verdict = None
    if archive.LOG in found.files:
        try:
            records = _records(found.files[archive.LOG], read_jsonl)
            verdict = verify(records)
        except SessionError as exc:
            problems.append(t("archive.log_unreadable", lang, name=archive.LOG, reason=exc.message(lang)))
        if verdict is not None and not verdict.ok:
            reason = t(verdict.reason, lang, seq=verdict.bad_seq, found=verdict.found)
            problems.append(f"{archive.LOG}: {t('log.broken', lang, reason=reason)}")
        elif verdict is not None and archive.MINUTES_TXT in found.files:
            problems += _minutes_against_log(found.files[archive.MINUTES_TXT], records, lang)
    if problems:
        # Like the log's verdict, the archive's is the command's report: standard output.
        for problem in problems:
            out(t("archive.bad", lang, reason=problem))
        return EXIT_TAMPER
    out(t("archive.ok", lang, count=len(found.files) - 1, manifest=archive.MANIFEST))
    out(t("log.ok", lang, count=verdict.count, code=verdict.code, head=verdict.head))
    return EXIT_OK


def _minutes_against_log(text: bytes, records: list[Recorded], lang: str) -> list[str]:
    """The bundled minutes were drawn up at the log's head: their printed code must be the head's."""
    from session.paper import find_printed_code, locate
    from storage import archive

    printed = find_printed_code(text.decode("utf-8", "replace"))
    if printed and locate(records, *printed).status == "match":
        return []
    code = f"{printed[0]}/{printed[1]}" if printed else "—"
    return [t("archive.minutes_mismatch", lang, name=archive.MINUTES_TXT, code=code)]


def _records(text: bytes, read_jsonl) -> list[Recorded]:
    """Parse the bundled JSONL with the same reader as ``tinnhiem verify log.jsonl``."""
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as fh:
        fh.write(text)
        name = fh.name
    try:
        return read_jsonl(name)
    finally:
        Path(name).unlink(missing_ok=True)


def verify_digest(records: list[Recorded], code_text: str, lang: str) -> int:
    """``verify --db DB --digest CODE``: where the code printed on the minutes sits in the (intact) log."""
    from session.log import short_code
    from session.paper import locate, parse_printed_code

    parsed = parse_printed_code(code_text)
    if parsed is None:
        raise BadInput("digest.bad_code", code=code_text)
    code, count = parsed
    found = locate(records, code, count)
    head = short_code(records[-1].hash)
    if found.status == "match":
        out(t("digest.match", lang, code=code, count=found.head_count))
        return EXIT_OK
    if found.status == "older":
        out(t("digest.older", lang, seq=found.seq, n=found.behind, count=found.head_count, head=head))
        return EXIT_OK
    if found.status == "later":
        out(t("digest.later", lang, printed=count, count=found.head_count))
    else:
        out(t("digest.unknown", lang, code=code, count=found.head_count, head=head))
    return EXIT_TAMPER
