"""The ``tinnhiem`` command line: headless commands here, screens imported only when opened.

Exit status: 0 done, 2 bad input (file, arguments, database), 3 action refused,
4 log tampered.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from session.errors import BadInput, SessionError
from session.events import CHAIR, Actor
from session.i18n import LANGS
from tui.cli_do import STATUS_FORMATS, hoist, perform, run_script
from tui.cli_io import (
    DB_HELP,
    EPILOG,
    EXIT_BAD,
    EXIT_OK,
    EXIT_REFUSED,  # noqa: F401  (re-exported for feature modules)
    EXIT_TAMPER,
    LANG_HELP,
    err,
    exit_status,
    file_error,
    out,
    read_text,
    utf8_streams,
)
from tui.cli_log import broken, checked_log, print_replay
from tui.i18n import t

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Callable[[argparse._SubParsersAction], argparse.ArgumentParser], Handler]] = {}
"""Sub-command name → (adds its parser, runs it). Feature modules register here."""


def command(name: str, help_text: str):
    """Register ``fn(parser)`` as the argument setup of sub-command ``name``; returns a decorator for its runner."""

    def setup(adder: Callable[[argparse.ArgumentParser], None]):
        def wrap(runner: Handler) -> Handler:
            def add(subs: argparse._SubParsersAction) -> argparse.ArgumentParser:
                parser = subs.add_parser(name, help=help_text, description=help_text)
                # SUPPRESS keeps the top-level ``tinnhiem --lang en …`` unless the sub-command gives its own.
                parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=LANG_HELP)
                adder(parser)
                return parser

            COMMANDS[name] = (add, runner)
            return runner

        return wrap

    return setup


def _db(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--db", required=required, metavar="DB", help=DB_HELP)
    p.add_argument("--session", metavar="ID", help="mã phiên (mặc định: phiên mới nhất) / session id (default: the newest)")


# --- new -------------------------------------------------------------------------------------

def _new_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="CONFERENCE.toml", help="tệp hội nghị / conference file (TOML)")
    _db(p)


@command("new", "tạo phiên từ tệp hội nghị / create a session from a conference file")(_new_args)
def run_new(a: argparse.Namespace) -> int:
    from session.conference import read_conference
    from session.service import SessionService
    from tui.wiring import open_store

    text = read_text(a.file)
    try:
        conference, plain = read_conference(text)
    except BadInput as exc:
        err(f"{a.file}: {exc.message(a.lang)}")  # the file, then the key or line within it
        return EXIT_BAD
    # Only a whole, valid file reaches the store: nothing is written before this line.
    service = SessionService.create(open_store(a.db), plain)
    for notice in conference.notices:
        err(t("cli.warning", a.lang, text=notice.message(a.lang)))
    out(t("cli.created", a.lang, id=service.session_id, title=conference.title, db=a.db, code=service.state.launch_code))
    return EXIT_OK


# --- do --------------------------------------------------------------------------------------

def _do_args(p: argparse.ArgumentParser) -> None:
    _db(p, required=False)  # checked in run_do: it may also come after the action
    p.add_argument("--script", metavar="FILE", help="tệp thao tác, mỗi dòng một thao tác ('-' = stdin) / actions, one per line ('-' = stdin)")
    p.add_argument("--station", default="", help="act as this counting station")
    p.add_argument("--member", default="", help="voter id of the team member at the station")
    p.add_argument("--format", choices=STATUS_FORMATS, default="text", help="kết quả của «status» / output of `status`")
    p.add_argument("action", nargs=argparse.REMAINDER, metavar="ACTION …",
                   help="status | next | present v01 v02 | team propose v05 v06 v07 --head v05 | ballot 1123x0 | …")
    from tui.actions import ACTIONS

    # The whole action language, one usage line each, so `do --help` is enough to drive a session.
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = "thao tác / actions:\n  status [--format text|json]\n" + "".join(
        f"  {' '.join(parser.format_usage().removeprefix('usage:').split())}\n" for parser, _ in ACTIONS.values())


@command("do", "thực hiện một thao tác như chủ trì / apply one action as the chair")(_do_args)
def run_do(a: argparse.Namespace) -> int:
    from tui.wiring import open_service

    # Only a `--` before the action is dropped: one after it belongs to the action (`ballot -- --`).
    words = hoist(a, a.action[1:] if a.action[:1] == ["--"] else a.action)
    if not a.db:
        raise BadInput("cli.need_db")
    if a.script and words:
        raise BadInput("cli.script_and_action")
    if not a.script and not words:
        raise BadInput("cli.no_action")
    service = open_service(a.db, a.session)
    actor = Actor("station", a.member, a.station) if a.station else CHAIR
    if a.script:
        return run_script(service, sys.stdin if a.script == "-" else read_text(a.script).splitlines(), actor, a)
    perform(service, words, actor, a)
    return EXIT_OK


# --- results / export / verify / replay ------------------------------------------------------

def _results_args(p: argparse.ArgumentParser) -> None:
    _db(p)
    p.add_argument("--format", choices=("json", "csv", "text"), default="text", help="định dạng / format")


@command("results", "kết quả kiểm phiếu / the results")(_results_args)
def run_results(a: argparse.Namespace) -> int:
    from session.results import results
    from storage.export import results_csv, results_json, results_text
    from tui.wiring import open_service

    state = open_service(a.db, a.session).state
    data = results(state)
    if a.format == "json":
        out(results_json(data))
    elif a.format == "csv":
        out(results_csv(data))
    else:
        levels = {lv.key: (lv.vi if a.lang == "vi" else lv.en) for lv in state.pack.levels}
        out(results_text(data, levels, a.lang))
    return EXIT_OK


def _export_args(p: argparse.ArgumentParser) -> None:
    _db(p)
    p.add_argument("-o", "--output", metavar="FILE", help="tệp ghi ra (mặc định: stdout) / file to write (default: stdout)")


@command("export", "xuất nhật ký JSONL / export the log as JSONL")(_export_args)
def run_export(a: argparse.Namespace) -> int:
    from tui.wiring import open_store, pick_session, write_jsonl

    store = open_store(a.db, create=False)
    text = write_jsonl(store.load(pick_session(store, a.db, a.session)))
    if a.output:
        Path(a.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("log", nargs="?", metavar="LOG.jsonl", help="nhật ký đã xuất hoặc gói lưu trữ .zip / exported log or archive .zip")
    _db(p, required=False)
    p.add_argument("--digest", metavar="CODE",
                   help="mã in trên biên bản hoặc digest 64 hex / the code printed on the minutes "
                        "(ABCD-EFGH-IJKL-MNOP-QRST/57) or the 64-hex digest")


@command("verify", "kiểm tra chuỗi băm của nhật ký / check the log's hash chain")(_verify_args)
def run_verify(a: argparse.Namespace) -> int:
    if (a.log or "").endswith(".zip"):
        from tui.cli_extra import verify_archive

        return verify_archive(a.log, a.lang, a.digest)
    records, verdict, unreadable = checked_log(a)
    # The verdict is this command's report either way: it goes to standard output.
    if not records and unreadable is None:
        out(t("log.empty", a.lang))
        return EXIT_TAMPER
    if verdict.ok:
        out(t("log.ok", a.lang, count=verdict.count, code=verdict.proof, head=verdict.head))
        if a.digest:
            from tui.cli_extra import verify_digest

            return verify_digest(records, a.digest, a.lang)
        return EXIT_OK
    out(broken(verdict, unreadable, a.lang))
    return EXIT_TAMPER


def _replay_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("log", nargs="?", metavar="LOG.jsonl", help="nhật ký đã xuất / exported log")
    _db(p, required=False)
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

    from storage.archive import LOG

    try:
        with zipfile.ZipFile(path) as bundle:
            data = bundle.read(LOG)
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise BadInput("store.unreadable", db=path, detail=str(exc)) from None
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as tmp:
        tmp.write(data)
    return tmp.name


# --- screens ---------------------------------------------------------------------------------

def _screen_args(p: argparse.ArgumentParser) -> None:
    _db(p)


@command("chair", "bàn điều hành của chủ trì / the chair console")(_screen_args)
def run_chair(a: argparse.Namespace) -> int:
    from tui.screens_entry import open_chair

    return open_chair(a.db, a.session, a.lang)


@command("project", "màn hình chiếu / the projector view")(_screen_args)
def run_project(a: argparse.Namespace) -> int:
    from tui.screens_entry import open_projector

    return open_projector(a.db, a.session, a.lang)


def _station_args(p: argparse.ArgumentParser) -> None:
    _db(p)
    p.add_argument("--name", required=True, help="voter id of the counting-team member")
    p.add_argument("--station", default="", help="tên máy (mặc định: mã thành viên) / station name (default: the member's id)")


@command("station", "máy kiểm phiếu / a counting station")(_station_args)
def run_station(a: argparse.Namespace) -> int:
    from tui.screens_entry import open_station

    return open_station(a.db, a.session, a.name, a.lang, station=a.station)


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="where to keep the demo session (default: the user's data folder)")
    p.add_argument("--fresh", action="store_true", help="start a new demo session")


@command("demo", "mở phiên minh họa / open the demo session")(_demo_args)
def run_demo(a: argparse.Namespace) -> int:
    from tui.demo import demo_db
    from tui.screens_entry import open_chair

    return open_chair(demo_db(a.db, a.fresh), None, a.lang)


class _Parser(argparse.ArgumentParser):
    """Tells what is wrong with the command line in the user's language, then exits 2."""

    lang = LANGS[0]
    """Language of the messages, read from the arguments before parsing them."""

    def error(self, message: str):  # type: ignore[override]
        from tui.actions import argparse_error

        err(argparse_error(self, message).message(_Parser.lang))
        raise SystemExit(EXIT_BAD)


def _lang_of(argv: list[str]) -> str:
    """The ``--lang`` asked for anywhere in ``argv`` (the parser needs it before it has parsed them)."""
    for i, word in enumerate(argv):
        value = word.removeprefix("--lang=") if word.startswith("--lang=") else argv[i + 1] if word == "--lang" and i + 1 < len(argv) else None
        if value in LANGS:
            return value
    return LANGS[0]


def build_parser() -> argparse.ArgumentParser:
    """The full parser with every registered sub-command."""
    import tui.cli_extra  # noqa: F401  (registers print, archive …)

    parser = _Parser(prog="tinnhiem", description="Hội nghị lấy phiếu tín nhiệm / a confidence-vote conference",
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lang", choices=LANGS, default=LANGS[0], help=LANG_HELP)
    parser.add_argument("--version", action="version", version=f"tinnhiem {_version()}")
    subs = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                 title="lệnh / commands")
    for add, _ in COMMANDS.values():
        add(subs)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tinnhiem")
    except PackageNotFoundError:
        return "dev"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``tinnhiem`` script."""
    utf8_streams()
    argv = sys.argv[1:] if argv is None else list(argv)
    _Parser.lang = _lang_of(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    _, runner = COMMANDS[args.command]
    try:
        return runner(args)
    except SessionError as exc:
        err(exc.message(args.lang))
        return exit_status(exc)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: stop quietly, as other tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except OSError as exc:
        err(file_error(exc).message(args.lang))
        return EXIT_BAD
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    # Run the imported module, not this copy: feature modules register into ``tui.cli.COMMANDS``.
    from tui.cli import main as entry

    raise SystemExit(entry())
