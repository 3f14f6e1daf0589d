"""``tinnhiem do``: its options written after the action, scripts, ``status`` and one action at a time."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable

from session.agenda import allowed
from session.errors import BadInput, SessionError, Unavailable
from session.events import CHAIR, Actor
from session.i18n import LANGS
from tui.cli.io import EXIT_OK, err, exit_status, out, read_text
from tui.cli.registry import command, db_args
from tui.i18n import register, t

register({
    "cli.write_landed": ("Câu trả lời của cơ sở dữ liệu bị mất, nhưng thao tác đã được ghi (tìm thấy theo mã băm); không ghi lại lần nữa.",
                         "The database's answer was lost, but the action was recorded (found by its hash); it was not recorded twice."),
    "cli.write_sent_again": ("Câu trả lời của cơ sở dữ liệu bị mất và thao tác chưa được ghi; đã gửi lại và nay đã ghi.",
                             "The database's answer was lost and the action had not been recorded; it was sent again and is "
                             "recorded now."),
    "cli.write_unknown": ("KHÔNG RÕ thao tác đã được ghi hay chưa: {reason} Có thể nó đã được ghi thành sự kiện {seq} "
                          "(mã băm {hash}…). Đừng nhập lại trước khi kiểm tra: «tinnhiem replay --db … --to {seq} --format json» "
                          "hoặc «tinnhiem export --db …» khi cơ sở dữ liệu trả lời trở lại.",
                          "NOT KNOWN whether the action was recorded: {reason} It may have landed as event {seq} (hash {hash}…). "
                          "Do not enter it again before checking: “tinnhiem replay --db … --to {seq} --format json” or "
                          "“tinnhiem export --db …” once the database answers again."),
})

STATUS_FORMATS = ("text", "json")
"""What ``status --format`` accepts."""

HOISTED = {"--lang": LANGS, "--format": STATUS_FORMATS, "--db": None, "--session": None}
"""Options of ``do`` itself that may be written after the action; no action has an option of these names."""


def hoist(a: argparse.Namespace, words: list[str]) -> list[str]:
    """Take ``do``'s own options out of the action words (``do --db DB status --format json``)."""
    rest: list[str] = []
    it = iter(words)
    for word in it:
        name, eq, value = word.partition("=")
        if name not in HOISTED:
            rest.append(word)
            continue
        value = value if eq else next(it, None)
        if not value:
            raise BadInput("cli.option_value", option=name)
        choices = HOISTED[name]
        if choices and value not in choices:
            raise BadInput("cli.bad_option", option=name, value=value, choices=", ".join(choices))
        setattr(a, name[2:], value)
    return rest


def run_script(service, lines: Iterable[str], actor: Actor, a: argparse.Namespace) -> int:
    """Apply each line as it comes (an action or ``status``); stop at the first one refused or unreadable, naming its line.

    ``lines`` may be standard input read as it arrives: a driver writes a line, reads its answer, then decides the next.
    """
    from tui.actions import words_of

    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            perform(service, words_of(line.rstrip("\r\n")), actor, a)
        except SessionError as exc:
            err(t("cli.script_line", a.lang, line=number, reason=exc.message(a.lang)))
            return exit_status(exc)
        sys.stdout.flush()  # the line's answer is out before the next line is waited for
    return EXIT_OK


def perform(service, words: list[str], actor: Actor, a: argparse.Namespace) -> None:
    """``status [--format json]``, or one action."""
    from tui.actions import parse_action

    if words[:1] == ["status"]:
        status(service.state, status_format(words[1:], a.format), a.lang)
    else:
        apply(service, parse_action(words), actor, a.lang)


def status_format(rest: list[str], default: str) -> str:
    """The format a ``status`` line asks for; it takes nothing but ``--format text|json``."""
    if not rest:
        return default
    if rest[0] == "--format" and len(rest) == 2 or rest[0].startswith("--format=") and len(rest) == 1:
        value = rest[-1].removeprefix("--format=")
        if value not in STATUS_FORMATS:
            raise BadInput("cli.bad_option", option="--format", value=value, choices=", ".join(STATUS_FORMATS))
        return value
    raise BadInput("cli.status_args", extra=" ".join(rest))


def apply(service, command, actor: Actor, lang: str, say: bool = True) -> list:
    """Handle ``command`` and (unless not to ``say``) say what was recorded and where the agenda is now; its records.

    A store lost mid-write (the COMMIT's answer never came) leaves it unknown whether the events landed:
    they are looked for by hash, and sent again only if they did not (``session.resend``), for up to
    ``resend_window()`` seconds; after that ``WriteUnknown`` says how to check before entering it again.
    """
    try:
        records = service.handle(command, actor)
    except Unavailable as lost:
        records = _settle(service, command, actor, lost, lang)
    if say:
        out(t("cli.done", lang, what=t(f"action.{command.ACTION}", lang), step=service.state.step, seq=records[-1].seq))
    return records


class WriteUnknown(SessionError):
    """The store stayed unreachable after a write whose answer was lost: it may or may not have landed (exit 5)."""

    kind = "unknown"


def resend_window() -> float:
    """Seconds ``do`` keeps trying to learn the fate of a write whose answer was lost (``TINNHIEM_RESEND_SECONDS``)."""
    try:
        return max(0.0, float(os.environ.get("TINNHIEM_RESEND_SECONDS", "30")))
    except ValueError:
        return 30.0


def _settle(service, command, actor: Actor, lost: Unavailable, lang: str):
    """The records of ``command`` once the store answers again; ``WriteUnknown`` if it never does in time."""
    from session.resend import resend

    unsent, deadline, pause = tuple(lost.unsent), time.monotonic() + resend_window(), 0.25
    while True:
        try:
            records = resend(service, command, actor, unsent)
        except Unavailable as again:
            unsent, lost = tuple(again.unsent) or unsent, again  # a failed read sent nothing new
            if time.monotonic() >= deadline:
                break
            time.sleep(pause)
            pause = min(2.0, pause * 2)
            continue
        if unsent:  # a write was sent and its answer lost: say which way it went
            landed = [r.hash for r in records] == [r.hash for r in unsent]
            err(t("cli.write_landed" if landed else "cli.write_sent_again", lang))
        return records
    first = unsent[0] if unsent else None
    raise WriteUnknown("cli.write_unknown", reason=lost.message(lang), seq=first.seq if first else "?",
                       hash=first.hash[:16] if first else "?")


def status(state, fmt: str, lang: str) -> None:
    """The step and the actions it allows: ``{"step", "allowed"}`` in JSON, or one line of text."""
    actions = list(allowed(state.step, state.pack))
    # A session of several ballot forms also says where each form's books stand.
    forms = [{"id": b.id, "title": b.form.title, "issued": b.issued, "returned": b.returned, "entered": b.entered}
             for b in state.books.values()] if state.several_forms else []
    if fmt == "json":
        out(json.dumps({"step": state.step, "allowed": actions, **({"forms": forms} if forms else {})}, ensure_ascii=False))
    else:
        # Each action as it is typed, with what it does in the reader's language: "present (Đánh dấu có mặt)".
        named = ", ".join(f"{a} ({t(f'action.{a}', lang)})" for a in actions) or "—"
        out(t("cli.status", lang, step=state.step, label=t(f"step.{state.step}", lang), allowed=named))
        for f in forms:
            out(t("cli.status_form", lang, id=f["id"], title=f["title"], issued=f["issued"],
                  returned="—" if f["returned"] is None else f["returned"], entered=f["entered"]))


def _do_args(p: argparse.ArgumentParser) -> None:
    db_args(p, required=False)  # checked in run_do: it may also come after the action
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
