"""The ``tinnhiem`` command line: one module per family of commands, screens imported only when opened.

Exit status: 0 done, 2 bad input (file, arguments, database), 3 action refused,
4 log tampered, 5 a write whose outcome the store could not tell.
Families: ``conference`` (new, template), ``do``, ``results`` (results, export), ``report``,
``log`` (verify, replay), ``paper`` (print, archive), ``scan``, ``screens`` (chair, project, station, demo).
"""

from __future__ import annotations

import argparse
import os
import sys

from session.errors import SessionError
from session.i18n import LANGS
from tui.cli.io import EPILOG, EXIT_BAD, EXIT_OK, LANG_HELP, err, exit_status, file_error, utf8_streams
from tui.cli.registry import COMMANDS

__all__ = ["COMMANDS", "build_parser", "main"]

FAMILIES = ("conference", "do", "results", "report", "log", "paper", "scan", "screens")
"""The modules whose import registers their sub-commands, in the order ``--help`` lists them."""


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
    import importlib

    for family in FAMILIES:
        importlib.import_module(f"tui.cli.{family}")

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
