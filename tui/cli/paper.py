"""Sub-commands beyond the core contracts (documents, archive); importing registers them.

Also the two extensions of ``verify`` it delegates here: an archive zip, and a
code printed on the minutes compared with the log (``--digest``).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from session.errors import TamperDetected
from session.events import Recorded
from session.i18n import t
from tui import paper_jobs
from tui.cli.io import EXIT_OK, EXIT_TAMPER, err, file_error, out
from tui.cli.registry import command, db_args
from tui.i18n import register
from tui.paper_jobs import FONT_DIR

__all__ = ["FONT_DIR", "archive_findings", "verify_archive", "verify_digest"]

register({
    "archive.ok": ("Gói lưu trữ nguyên vẹn: {count} tệp khớp {manifest}.", "Archive intact: {count} files match {manifest}."),
    "archive.bad": ("Gói lưu trữ không nguyên vẹn: {reason}", "Archive not intact: {reason}"),
    "archive.log_unreadable": ("{name} không đọc được: {reason}", "{name} is unreadable: {reason}"),
    "digest.match": ("Biên bản khớp nhật ký: mã {code}, {count} sự kiện (đầu chuỗi).",
                     "The minutes match the log: code {code}, {count} events (the head)."),
    "digest.older": ("Biên bản khớp nhật ký tại sự kiện {seq}; {n} sự kiện ghi sau đó (ký, công bố, niêm phong…) đều đúng quy tắc "
                     "(nay {count} sự kiện, digest {head}).",
                     "The minutes match the log at event {seq}; the {n} events recorded after it (signatures, announcement, "
                     "sealing…) all follow the rules (now {count} events, digest {head})."),
    "digest.later": ("Biên bản ghi {printed} sự kiện nhưng nhật ký này chỉ có {count}: biên bản mới hơn nhật ký.",
                     "The minutes say {printed} events but this log has only {count}: the paper is later than the log."),
    "digest.unknown": ("Mã {code} không có trong chuỗi băm của nhật ký này ({count} sự kiện, digest {head}).",
                       "Code {code} is nowhere in this log's hash chain ({count} events, digest {head})."),
})


def _print_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=("ballots", "covers", "minutes", *paper_jobs.RECORDS),
                   help="phiếu / ballots · bìa xấp / batch covers · biên bản / minutes · nhật ký nhập phiếu / entries · "
                        "danh sách người dự / attendance · biên bản niêm phong / sealing · dự thảo nghị quyết / resolution")
    db_args(p)
    p.add_argument("-o", "--output", metavar="FILE.pdf",
                   help="tệp PDF (mặc định: WHAT-SESSION.pdf) / PDF file to write (default: WHAT-SESSION.pdf)")
    p.add_argument("--copies", type=int, metavar="N",
                   help="số phiếu (mặc định: mỗi người được triệu tập một phiếu) / ballots: how many (default: one per voter convened)")
    p.add_argument("--batches", type=int, default=1, metavar="N", help="số xấp / covers: how many batches")
    p.add_argument("--format", choices=("pdf", "text"), default="pdf",
                   help="biên bản, hồ sơ dạng văn bản ra màn hình / minutes and records: text prints to standard output")


@command("print", "in phiếu, bìa xấp, biên bản, hồ sơ / print ballots, batch covers, minutes, records")(_print_args)
def run_print(a: argparse.Namespace) -> int:
    from session.admissible import checked_replay
    from tui.wiring import open_store, pick_session

    store = open_store(a.db, create=False)
    session_id = pick_session(store, a.db, a.session)
    records = store.load(session_id)
    if a.what == "minutes" and a.format == "text":
        from storage.paper.documents import minutes_text

        state = checked_replay(records)
        paper_jobs.minutes_ready(state)
        out(minutes_text(state, a.lang))
        return EXIT_OK
    if a.what in paper_jobs.RECORDS and a.format == "text":
        out(paper_jobs.record_text(a.what, checked_replay(records), records, a.lang))
        return EXIT_OK
    paper = paper_jobs.make(a.what, records, a.lang, copies=a.copies, batches=a.batches)
    for note in paper.notes:
        err(note)
    path = Path(a.output or f"{a.what}-{session_id}.pdf")
    paper_jobs.write(path, paper.data)
    out(t("paper.done", a.lang, file=path, what=paper.summary))
    return EXIT_OK


def _archive_args(p: argparse.ArgumentParser) -> None:
    db_args(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.zip", help="tệp zip / zip file to write")
    p.add_argument("--no-scans", action="store_true",
                   help="không kèm ảnh phiếu quét / leave the scanned ballots' images out (their digests stay in the log)")


@command("archive", "đóng gói lưu trữ / write the archive bundle")(_archive_args)
def run_archive(a: argparse.Namespace) -> int:
    from tui.wiring import open_store, pick_session, scan_store

    store = open_store(a.db, create=False)
    try:
        scans = None if a.no_scans else scan_store(store)
        paper = paper_jobs.archive(store.load(pick_session(store, a.db, a.session)), a.lang, scans)
    except TamperDetected as exc:
        err(paper_jobs.failure_text(exc, a.lang))
        return EXIT_TAMPER
    paper_jobs.write(Path(a.output), paper.data)
    out(t("paper.done", a.lang, file=a.output, what=paper.summary))
    return EXIT_OK


def verify_archive(path: str, lang: str, digest: str | None = None) -> int:
    """``tinnhiem verify FILE.zip [--digest CODE]``: the manifest, the log (chain and rules), then the code printed on
    the paper against the log; exit 4 naming what is wrong."""
    from storage.paper import archive

    records, problems, files, verdict = archive_findings(path, lang)
    if problems:
        # Like the log's verdict, the archive's is the command's report: standard output.
        for problem in problems:
            out(t("archive.bad", lang, reason=problem))
        return EXIT_TAMPER
    out(t("archive.ok", lang, count=len(files) - 1, manifest=archive.MANIFEST))
    out(t("log.ok", lang, count=verdict.count, code=verdict.proof, head=verdict.head))
    return verify_digest(records, digest, lang) if digest else EXIT_OK


def archive_findings(path: str, lang: str):
    """What ``verify`` finds in the archive at ``path``: (its log's records, the problems as sentences, its files, the
    log's verdict); no problems means the manifest, the chain, the rules and the minutes' code all hold."""
    from session.admissible import check
    from session.errors import SessionError
    from storage.paper import archive
    from tui.wiring import read_jsonl

    try:
        blob = Path(path).read_bytes()
    except OSError as exc:
        raise file_error(exc, path) from None
    found = archive.check(blob)
    problems = found.messages(lang)
    verdict = None
    records: list[Recorded] = []
    if archive.LOG in found.files:
        try:
            records = _records(found.files[archive.LOG], read_jsonl)
            verdict = check(records)
        except SessionError as exc:
            problems.append(t("archive.log_unreadable", lang, name=archive.LOG, reason=exc.message(lang)))
        if verdict is not None and not verdict.ok:
            problems.append(f"{archive.LOG}: {t('log.broken', lang, reason=verdict.explain(lang))}")
        elif verdict is not None and archive.MINUTES_TXT in found.files:
            problems += _minutes_against_log(found.files[archive.MINUTES_TXT], records, lang)
    return records, problems, found.files, verdict


def _minutes_against_log(text: bytes, records: list[Recorded], lang: str) -> list[str]:
    """The bundled minutes were drawn up at the close of the count: their printed code must be that event's."""
    from session.evolve import replay
    from session.minutes import drawn_up_at
    from session.paper import find_printed_code, printed_code
    from storage.paper import archive

    printed = find_printed_code(text.decode("utf-8", "replace"))
    seq, head = drawn_up_at(replay(records))
    if printed and f"{printed[0]}/{printed[1]}" == printed_code(head, seq):
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
    from session.paper import locate, parse_printed_code

    code, count = parse_printed_code(code_text)  # a code too short to prove anything is refused (exit 2)
    found = locate(records, code, count)
    head = records[-1].hash
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
