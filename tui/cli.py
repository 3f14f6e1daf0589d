"""The ``tinnhiem`` command line: headless commands here, screens imported only when opened.

Exit status: 0 done, 2 bad input (file, arguments, database), 3 action refused,
4 log tampered.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from session.agenda import allowed
from session.errors import SessionError, StepRefused
from session.events import CHAIR, Actor
from session.i18n import t

EXIT_OK, EXIT_BAD, EXIT_REFUSED, EXIT_TAMPER = 0, 2, 3, 4

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Callable[[argparse._SubParsersAction], argparse.ArgumentParser], Handler]] = {}
"""Sub-command name → (adds its parser, runs it). Feature modules register here."""


def command(name: str, help_text: str):
    """Register ``fn(parser)`` as the argument setup of sub-command ``name``; returns a decorator for its runner."""

    def setup(adder: Callable[[argparse.ArgumentParser], None]):
        def wrap(runner: Handler) -> Handler:
            def add(subs: argparse._SubParsersAction) -> argparse.ArgumentParser:
                parser = subs.add_parser(name, help=help_text, description=help_text)
                parser.add_argument("--lang", choices=("vi", "en"), default="vi", help="ngôn ngữ / language")
                adder(parser)
                return parser

            COMMANDS[name] = (add, runner)
            return runner

        return wrap

    return setup


def out(text: str) -> None:
    """Print to standard output."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def err(text: str) -> None:
    """Print to standard error."""
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def _db(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--db", required=required, help="SQLite file or postgresql+psycopg:// URL")
    p.add_argument("--session", help="session id (default: the newest in the database)")


# --- new -------------------------------------------------------------------------------------

def _new_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="conference file (TOML)")
    _db(p)


@command("new", "tạo phiên từ tệp hội nghị / create a session from a conference file")(_new_args)
def run_new(a: argparse.Namespace) -> int:
    import tomllib

    from session.conference import parse_conference, to_plain
    from session.service import SessionService
    from tui.wiring import open_store

    try:
        text = Path(a.file).read_text(encoding="utf-8")
    except OSError as exc:
        err(f"{a.file}: {exc.strerror}")
        return EXIT_BAD
    conference = parse_conference(text)
    service = SessionService.create(open_store(a.db), to_plain(tomllib.loads(text)))
    for notice in conference.notices:
        err(t("cli.warning", a.lang, text=notice.message(a.lang)))
    out(t("cli.created", a.lang, id=service.session_id, title=conference.title, db=a.db, code=service.state.launch_code))
    return EXIT_OK


# --- do --------------------------------------------------------------------------------------

def _do_args(p: argparse.ArgumentParser) -> None:
    _db(p)
    p.add_argument("--script", help="file of actions, one per line ('-' for standard input)")
    p.add_argument("--station", default="", help="act as this counting station")
    p.add_argument("--member", default="", help="voter id of the team member at the station")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output of `status`")
    p.add_argument("action", nargs=argparse.REMAINDER, help="e.g. present v01 v02 | next | ballot 1123x0 | status")


@command("do", "thực hiện một thao tác / apply one action")(_do_args)
def run_do(a: argparse.Namespace) -> int:
    from tui.actions import parse_action
    from tui.wiring import open_service

    service = open_service(a.db, a.session)
    actor = Actor("station", a.member, a.station) if a.station else CHAIR
    if a.script:
        text = sys.stdin.read() if a.script == "-" else Path(a.script).read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                _apply(service, parse_action(line), actor, a.lang)
            except SessionError as exc:
                err(t("cli.script_line", a.lang, line=number, reason=exc.message(a.lang)))
                return EXIT_REFUSED
        return EXIT_OK
    words = [w for w in a.action if w != "--"]
    if words[:1] == ["status"]:
        return _status(service.state, "json" if "--format=json" in words or words[1:] == ["--format", "json"] else a.format, a.lang)
    _apply(service, parse_action(words), actor, a.lang)
    return EXIT_OK


def _apply(service, command, actor: Actor, lang: str) -> None:
    records = service.handle(command, actor)
    state = service.state
    out(t("cli.done", lang, what=t(f"action.{command.ACTION}", lang), step=state.step, seq=records[-1].seq))


def _status(state, fmt: str, lang: str) -> int:
    actions = list(allowed(state.step, state.pack))
    if fmt == "json":
        out(json.dumps({"step": state.step, "allowed": actions, "seq": state.seq}, ensure_ascii=False))
    else:
        out(t("cli.status", lang, step=state.step, label=t(f"step.{state.step}", lang), allowed=", ".join(actions) or "—"))
    return EXIT_OK


# --- results / export / verify / replay ------------------------------------------------------

def _results_args(p: argparse.ArgumentParser) -> None:
    _db(p)
    p.add_argument("--format", choices=("json", "csv", "text"), default="text")


@command("results", "kết quả / results")(_results_args)
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
    p.add_argument("-o", "--output", help="file to write (default: standard output)")


@command("export", "xuất nhật ký JSONL / export the log as JSONL")(_export_args)
def run_export(a: argparse.Namespace) -> int:
    from tui.wiring import open_store, pick_session, write_jsonl

    store = open_store(a.db)
    text = write_jsonl(store.load(pick_session(store, a.db, a.session)))
    if a.output:
        Path(a.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _verify_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("log", nargs="?", help="exported JSONL log")
    _db(p, required=False)


@command("verify", "kiểm tra chuỗi băm / check the hash chain")(_verify_args)
def run_verify(a: argparse.Namespace) -> int:
    from session.log import verify
    from tui.wiring import load_log

    source = a.log or a.db
    if not source:
        err("verify: LOG or --db")
        return EXIT_BAD
    records = load_log(source, a.session)
    if not records:
        err(t("log.empty", a.lang))
        return EXIT_TAMPER
    verdict = verify(records)
    if verdict.ok:
        out(t("log.ok", a.lang, count=verdict.count, code=verdict.code, head=verdict.head))
        return EXIT_OK
    reason = t(verdict.reason, a.lang, seq=verdict.bad_seq, found=verdict.found)
    err(t("log.broken", a.lang, reason=reason))
    return EXIT_TAMPER


def _replay_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("log", nargs="?", help="exported JSONL log")
    _db(p, required=False)
    p.add_argument("--to", type=int, help="stop after this seq")
    p.add_argument("--format", choices=("json", "text"), help="print instead of opening the replay screen")


@command("replay", "phát lại nhật ký / replay a log")(_replay_args)
def run_replay(a: argparse.Namespace) -> int:
    from session.evolve import replay
    from session.log import verify
    from session.results import results
    from tui.wiring import load_log

    records = load_log(a.log or a.db, a.session)
    if a.format is None:
        from tui.screens_entry import open_replay

        return open_replay(records, a.lang)
    verdict = verify(records)
    upto = [r for r in records if a.to is None or r.seq <= a.to]
    trusted = [r for r in upto if verdict.ok or r.seq < (verdict.bad_seq or 0)]
    state = replay(trusted)
    if a.format == "json":
        data = {"seq": state.seq, "step": state.step, "allowed": list(allowed(state.step, state.pack)),
                "present": sorted(state.present), "team": list(state.team), "team_head": state.team_head,
                "team_approved": state.team_approved, "issued": state.issued, "returned": state.returned,
                "signed": sorted(state.signed), "sealed_to": state.sealed_to, "verified": verdict.ok,
                "results": results(state)}
        out(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        from session.narrative import describe

        for record in upto:
            out(f"{record.seq:>5}  {record.at[:19]}  {describe(record, a.lang)}")
    return EXIT_OK if verdict.ok or (a.to is not None and a.to < (verdict.bad_seq or 0)) else EXIT_TAMPER


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


@command("station", "máy kiểm phiếu / a counting station")(_station_args)
def run_station(a: argparse.Namespace) -> int:
    from tui.screens_entry import open_station

    return open_station(a.db, a.session, a.name, a.lang)


def _demo_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="where to keep the demo session (default: the user's data folder)")
    p.add_argument("--fresh", action="store_true", help="start a new demo session")


@command("demo", "mở phiên minh họa / open the demo session")(_demo_args)
def run_demo(a: argparse.Namespace) -> int:
    from tui.demo import demo_db
    from tui.screens_entry import open_chair

    return open_chair(demo_db(a.db, a.fresh), None, a.lang)


def build_parser() -> argparse.ArgumentParser:
    """The full parser with every registered sub-command."""
    import tui.cli_extra  # noqa: F401  (registers print, archive …)

    parser = argparse.ArgumentParser(prog="tinnhiem", description="Hội nghị lấy phiếu tín nhiệm / confidence-vote conference")
    subs = parser.add_subparsers(dest="command", required=True)
    for add, _ in COMMANDS.values():
        add(subs)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``tinnhiem`` script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _, runner = COMMANDS[args.command]
    try:
        return runner(args)
    except SessionError as exc:
        err(exc.message(args.lang))
        # A refusal by the agenda or of an action's input is 3; a bad file, argument or database is 2.
        return EXIT_REFUSED if isinstance(exc, StepRefused) or exc.step is not None else EXIT_BAD
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
