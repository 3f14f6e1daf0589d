"""The action language shared by ``tinnhiem do``, scripts and the command palette.

One line is one action, e.g. ``team propose v05 v06 v07 --head v05`` or
``ballot 1123x0``; ``parse_action`` turns it into a domain command.
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Callable

from session import commands as cmd
from session import counting, scanning, showing, trust
from session.errors import BadInput
from tui.i18n import register

register({
    "cli.unknown_action": ("Không có thao tác «{line}»; các thao tác: {names}.", "No action “{line}”; the actions are: {names}."),
    "cli.one_id": ("«{line}»: mỗi lần một mã.", "“{line}”: one id at a time."),
    "cli.arg_required": ("«{line}» thiếu {args}. Cú pháp: {usage}", "“{line}” needs {args}. Usage: {usage}"),
    "cli.arg_unknown": ("«{line}» không nhận {args}. Cú pháp: {usage}", "“{line}” does not take {args}. Usage: {usage}"),
    "cli.arg_number": ("«{line}»: {arg} cần một số nguyên, không phải {value}.", "“{line}”: {arg} needs a whole number, not {value}."),
    "cli.arg_value": ("«{line}»: {arg} cần một giá trị. Cú pháp: {usage}", "“{line}”: {arg} needs a value. Usage: {usage}"),
    "cli.arg_choice": ("«{line}»: {arg} không nhận {value} (có: {choices}).", "“{line}”: {arg} cannot be {value} (choose: {choices})."),
})

ARGPARSE_ERRORS = (
    (re.compile(r"the following arguments are required: (?P<args>.+)"), "cli.arg_required"),
    (re.compile(r"unrecognized arguments: (?P<args>.+)"), "cli.arg_unknown"),
    (re.compile(r"argument (?P<arg>\S+): invalid int value: (?P<value>.+)"), "cli.arg_number"),
    (re.compile(r"argument (?P<arg>\S+): expected (one|at least one) argument"), "cli.arg_value"),
    (re.compile(r"argument (?P<arg>\S+): invalid choice: (?P<value>.+?) \(choose from (?P<choices>.+)\)"), "cli.arg_choice"),
)
"""argparse's English messages for a bad action line → message keys, so the reason reads in the user's language."""


def argparse_error(parser: argparse.ArgumentParser, message: str) -> BadInput:
    """argparse's complaint about ``parser``'s arguments as a BadInput with its usage."""
    usage = " ".join(parser.format_usage().removeprefix("usage:").split())
    for pattern, key in ARGPARSE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            return BadInput(key, line=parser.prog, usage=usage, **found.groupdict())
    return BadInput("cli.bad_action", line=parser.prog, detail=message)


class _Parser(argparse.ArgumentParser):
    """An argparse parser that raises instead of exiting."""

    def error(self, message: str):  # type: ignore[override]
        raise argparse_error(self, message)


def _parser(name: str) -> _Parser:
    return _Parser(prog=name, add_help=False)


def _ids(name: str) -> _Parser:
    p = _parser(name)
    p.add_argument("ids", nargs="+", metavar="ID")
    return p


def _form(p: _Parser) -> None:
    # The ballot form the action is about; left off, the only form (issue: every form).
    p.add_argument("--form", default="", metavar="FORM")


def _build() -> dict[str, tuple[_Parser, Callable[[argparse.Namespace], cmd.Command]]]:
    table: dict[str, tuple[_Parser, Callable]] = {}

    p = _parser("next")
    p.add_argument("--yes", action="store_true")  # leave issuing although someone present holds no ballot
    table["next"] = (p, lambda a: cmd.Advance(anyway=a.yes))
    table["present"] = (_ids("present"), lambda a: cmd.MarkPresent(tuple(a.ids)))
    table["absent"] = (_ids("absent"), lambda a: cmd.MarkAbsent(tuple(a.ids)))

    p = _ids("team propose")
    p.add_argument("--head", required=True, metavar="HEAD")
    table["team propose"] = (p, lambda a: cmd.ProposeTeam(tuple(a.ids), a.head))

    p = _parser("team approve")
    p.add_argument("--for", dest="votes_for", type=int, required=True, metavar="N")
    p.add_argument("--against", type=int, default=0, metavar="N")
    p.add_argument("--abstain", type=int, default=0, metavar="N")
    table["team approve"] = (p, lambda a: cmd.ApproveTeam(a.votes_for, a.against, a.abstain))

    p = _parser("nominees")
    p.add_argument("ids", nargs="*", metavar="ID")
    table["nominees"] = (p, lambda a: cmd.FixNominees(tuple(a.ids)))

    p = _parser("issue")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--all-present", action="store_true")
    _form(p)
    table["issue"] = (p, lambda a: cmd.IssueBallots(tuple(a.ids), a.all_present, a.form))

    p = _parser("spoil")
    p.add_argument("voter", metavar="ID")
    _form(p)
    table["spoil"] = (p, lambda a: cmd.ExchangeSpoiled(a.voter, a.form))

    p = _parser("return")
    p.add_argument("--count", type=int, required=True, metavar="N")
    _form(p)
    table["return"] = (p, lambda a: cmd.RecordReturned(a.count, a.form))

    p = _parser("ballot")
    p.add_argument("marks", nargs="?", metavar="MARKS")
    p.add_argument("--invalid", dest="reason")
    p.add_argument("--batch", default="")
    p.add_argument("--position", type=int, metavar="N")
    p.add_argument("--station", default="")
    p.add_argument("--head", default="", metavar="HEAD")  # the head confirms a foreign ballot counted invalid
    p.add_argument("--image", default="", metavar="SHA256")  # the scan it was read from
    _form(p)
    table["ballot"] = (p, lambda a: cmd.RecordBallot(a.marks, a.reason, a.batch, a.position, a.station,
                                                     confirmed_by=a.head, form=a.form, image=a.image))

    p = _parser("hold")
    p.add_argument("position", type=int, metavar="POSITION")
    p.add_argument("guess", metavar="GUESS")
    p.add_argument("--image", required=True, metavar="SHA256")
    p.add_argument("--unsure", required=True, type=_rows, metavar="ROWS")  # 1-based, as the ballot numbers them
    p.add_argument("--crops", default="", metavar="SHA256,…")
    p.add_argument("--batch", default="")
    _form(p)
    table["hold"] = (p, lambda a: scanning.HoldBallot(a.position, a.image, a.guess, a.unsure,
                                                      tuple(x for x in a.crops.split(",") if x), a.batch, form=a.form))

    p = _parser("correct")
    p.add_argument("position", type=int, metavar="POSITION")
    p.add_argument("marks", nargs="?", metavar="MARKS")
    p.add_argument("--invalid", dest="reason")
    p.add_argument("--because", required=True, metavar="TEXT")
    p.add_argument("--head", required=True, metavar="HEAD")
    p.add_argument("--batch", default="")
    _form(p)
    table["correct"] = (p, lambda a: cmd.CorrectBallot(a.position, a.because, a.marks, a.reason, a.batch, a.head, a.form))

    p = _parser("entry-mode")
    p.add_argument("mode", choices=("single", "double"))
    table["entry-mode"] = (p, lambda a: counting.SetEntryMode(a.mode == "double"))

    p = _parser("batch")
    p.add_argument("code")
    _form(p)
    table["batch"] = (p, lambda a: counting.OpenBatch(a.code, form=a.form))

    p = _parser("resolve")
    p.add_argument("position", type=int)
    p.add_argument("marks", nargs="?")
    p.add_argument("--invalid", dest="reason")
    p.add_argument("--head", required=True)
    p.add_argument("--batch", default="")
    _form(p)
    table["resolve"] = (p, lambda a: counting.ResolveMismatch(a.position, a.batch, a.marks, a.reason, a.head, a.form))

    table["signin"] = (_parser("signin"), lambda a: trust.SignIn())
    table["signout"] = (_parser("signout"), lambda a: trust.SignOut())
    table["pin reset"] = (_ids("pin reset"), lambda a: trust.ResetPin(a.ids[0]) if len(a.ids) == 1 else _one("pin reset"))
    table["sign"] = (_ids("sign"), lambda a: cmd.SignMinutes(a.ids[0]) if len(a.ids) == 1 else _one("sign"))
    table["announce"] = (_parser("announce"), lambda a: cmd.AnnounceResults())
    # One person's results on the hall's projector, or everyone's (every person id in ballot order).
    table["show"] = (_ids("show"), lambda a: showing.ShowResults(tuple(a.ids)))

    p = _parser("seal")
    p.add_argument("--to", required=True, metavar="RECEIVER")
    table["seal"] = (p, lambda a: cmd.SealBallots(a.to))
    return table


def _rows(text: str) -> tuple[int, ...]:
    """``2,5`` (rows as the ballot numbers them, from 1) → ``(1, 4)``."""
    try:
        return tuple(int(x) - 1 for x in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(text) from None


def _one(name: str) -> cmd.Command:
    raise BadInput("cli.one_id", line=name)


ACTIONS = _build()
"""Action name → (argument parser, builder of the command)."""


def split_action(words: list[str]) -> tuple[str, list[str]]:
    """The action name (one or two words) and its arguments."""
    if len(words) >= 2 and f"{words[0]} {words[1]}" in ACTIONS:
        return f"{words[0]} {words[1]}", words[2:]
    if not words or words[0] not in ACTIONS:
        raise BadInput("cli.unknown_action", line=" ".join(words), names=", ".join(ACTIONS))
    return words[0], words[1:]


def words_of(line: str) -> list[str]:
    """The words of one line, quotes as in a shell; an unclosed quote raises BadInput."""
    try:
        return shlex.split(line)
    except ValueError as exc:
        raise BadInput("cli.bad_action", line=line, detail=str(exc)) from None


MARKS_ACTIONS = frozenset({"ballot", "correct", "resolve"})
"""Actions whose MARKS positional may begin with ``-`` (a name struck out)."""

_DASH_MARKS = re.compile(r"-[-123x0]*")
"""A word argparse would take for an option but that is a marks string: ``-x0``, ``-1``, ``--`` (two names struck out)."""


def take_marks(args: list[str]) -> tuple[str | None, list[str]]:
    """The marks word that begins with ``-`` and the other arguments.

    ``-- MARKS`` takes any word after ``--``; otherwise a word made only of mark characters that begins with ``-``
    is the marks (no option of these actions is spelt so). A lone ``--`` with nothing after it is the marks of a
    two-person ballot with both names struck out.
    """
    for i, word in enumerate(args):
        if word == "--" and i + 1 < len(args):
            return args[i + 1], args[:i] + args[i + 2:]
        if _DASH_MARKS.fullmatch(word):
            return word, args[:i] + args[i + 1:]
    return None, args


def parse_action(line: str | list[str]) -> cmd.Command:
    """The command for one action line; raises BadInput naming what is wrong."""
    words = words_of(line) if isinstance(line, str) else list(line)
    name, args = split_action(words)
    parser, build = ACTIONS[name]
    marks, args = take_marks(args) if name in MARKS_ACTIONS else (None, args)
    parsed = parser.parse_args(args)
    if marks is not None:
        if parsed.marks is not None:  # two marks strings: as argparse would say of the second
            raise argparse_error(parser, f"unrecognized arguments: {marks}")
        parsed.marks = marks
    return build(parsed)
