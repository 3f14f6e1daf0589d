"""``verify`` and ``replay`` on the command line: the verdict over a log, and the state or story of its intact part."""

from __future__ import annotations

import argparse
import json

from session.agenda import allowed
from session.errors import BadInput, SessionError
from tui.cli.io import EXIT_OK, EXIT_TAMPER, err, out
from tui.cli.registry import command, db_args
from tui.i18n import t


def checked_log(a: argparse.Namespace):
    """The events of LOG or --db and their verdict; an unreadable line after an intact prefix is the first bad event."""
    from session.admissible import check
    from session.log import Verdict
    from tui.wiring import load_log_prefix

    source = a.log or a.db
    if not source:
        raise BadInput("cli.need_source")
    records, unreadable = load_log_prefix(source, a.session)
    verdict = check(records)
    if verdict.ok and unreadable is not None:
        verdict = Verdict(False, verdict.count, verdict.head, unreadable.params["seq"], None, unreadable.key)
    return records, verdict, unreadable


def broken(verdict, unreadable: SessionError | None, lang: str) -> str:
    """Why the log does not check, naming the first bad seq."""
    if unreadable is not None and verdict.reason == unreadable.key:
        reason = unreadable.message(lang)
    else:
        reason = verdict.explain(lang)
    return t("log.broken", lang, reason=reason)


def print_replay(records, fmt: str, intact: bool, verdict, lang: str) -> None:
    """The state after ``records`` as JSON, or one line per event."""
    from session.evolve import replay
    from session.results import results

    if fmt == "json":
        state = replay(records)
        data = {"seq": state.seq, "step": state.step, "allowed": list(allowed(state.step, state.pack)),
                "present": sorted(state.present), "team": list(state.team), "team_head": state.team_head,
                "team_approved": state.team_approved, "issued": state.issued, "returned": state.returned,
                "signed": sorted(state.signed), "sealed_to": state.sealed_to, "verified": intact,
                "bad_seq": None if intact else verdict.bad_seq, "results": results(state)}
        out(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from session.narrative import narrate
        from session.timeline import marks_in_words

        # One line per event: seq, time, who acted, what happened (ids shown with their names, marks in words).
        for record, who, what in narrate(records, lang, marks_in_words(records, lang) if records else None):
            out(f"{record.seq:>5}  {record.at[:19].replace('T', ' ')}  {who:<22}  {what}")


def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("log", nargs="?", metavar="LOG.jsonl", help="nhật ký đã xuất hoặc gói lưu trữ .zip / exported log or archive .zip")
    db_args(p, required=False)
    p.add_argument("--digest", metavar="CODE",
                   help="mã in trên biên bản hoặc digest 64 hex / the code printed on the minutes "
                        "(ABCD-EFGH-IJKL-MNOP-QRST/57) or the 64-hex digest")


@command("verify", "kiểm tra chuỗi băm của nhật ký / check the log's hash chain")(_verify_args)
def run_verify(a: argparse.Namespace) -> int:
    if (a.log or "").endswith(".zip"):
        from tui.cli.paper import verify_archive

        return verify_archive(a.log, a.lang, a.digest)
    records, verdict, unreadable = checked_log(a)
    # The verdict is this command's report either way: it goes to standard output.
    if not records and unreadable is None:
        out(t("log.empty", a.lang))
        return EXIT_TAMPER
    if verdict.ok:
        out(t("log.ok", a.lang, count=verdict.count, code=verdict.proof, head=verdict.head))
        if a.digest:
            from tui.cli.paper import verify_digest

            return verify_digest(records, a.digest, a.lang)
        return EXIT_OK
    out(broken(verdict, unreadable, a.lang))
    return EXIT_TAMPER


def _replay_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("log", nargs="?", metavar="LOG.jsonl", help="nhật ký đã xuất / exported log")
    db_args(p, required=False)
    p.add_argument("--to", type=int, metavar="SEQ", help="dừng sau sự kiện này / stop after this seq")
    p.add_argument("--format", choices=("json", "text"),
                   help="in ra thay vì mở màn hình phát lại / print instead of opening the replay screen")


@command("replay", "phát lại nhật ký / replay a log")(_replay_args)
def run_replay(a: argparse.Namespace) -> int:
    if a.to is not None and a.to < 1:
        raise BadInput("cli.bad_to")
    if (a.log or "").endswith(".zip"):
        a.log = _log_from_archive(a.log)
    records, verdict, unreadable = checked_log(a)
    if a.format is None:
        if unreadable is not None:
            raise unreadable
        from tui.screens_entry import open_replay

        return open_replay(records, a.lang)
    # Only the prefix that checks is replayed: a tampered log still shows the state up to its first bad seq.
    upto = [r for r in records[: verdict.count] if a.to is None or r.seq <= a.to]
    intact = verdict.ok or (a.to is not None and a.to < (verdict.bad_seq or 0))
    if not upto:
        err(broken(verdict, unreadable, a.lang) if not intact else t("log.empty", a.lang))
        return EXIT_TAMPER
    try:
        print_replay(upto, a.format, intact, verdict, a.lang)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, SessionError) as exc:
        # Only a log re-hashed after forging gets here: its chain checks but its events do not fold.
        err(t("log.unreplayable", a.lang, detail=f"{type(exc).__name__}: {exc}"))
        return EXIT_TAMPER
    if not intact:
        err(broken(verdict, unreadable, a.lang))
        return EXIT_TAMPER
    return EXIT_OK


def _log_from_archive(path: str) -> str:
    """The archive's JSONL log copied to a temporary file (replay reads the log; ``verify FILE.zip`` checks the rest)."""
    import tempfile
    import zipfile

    from storage.paper.archive import LOG

    try:
        with zipfile.ZipFile(path) as bundle:
            data = bundle.read(LOG)
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise BadInput("store.unreadable", db=path, detail=str(exc)) from None
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as tmp:
        tmp.write(data)
    return tmp.name
