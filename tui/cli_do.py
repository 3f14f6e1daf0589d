"""``tinnhiem do``: its options written after the action, scripts, ``status`` and one action at a time."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable

from session.agenda import allowed
from session.errors import BadInput, SessionError
from session.events import Actor
from session.i18n import LANGS
from tui.cli_io import EXIT_OK, err, exit_status, out
from tui.i18n import t

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


def apply(service, command, actor: Actor, lang: str) -> None:
    """Handle ``command`` and say what was recorded and where the agenda is now."""
    records = service.handle(command, actor)
    state = service.state
    out(t("cli.done", lang, what=t(f"action.{command.ACTION}", lang), step=state.step, seq=records[-1].seq))


def status(state, fmt: str, lang: str) -> None:
    """The step and the actions it allows: ``{"step", "allowed"}`` in JSON, or one line of text."""
    actions = list(allowed(state.step, state.pack))
    if fmt == "json":
        out(json.dumps({"step": state.step, "allowed": actions}, ensure_ascii=False))
    else:
        out(t("cli.status", lang, step=state.step, label=t(f"step.{state.step}", lang), allowed=", ".join(actions) or "—"))
