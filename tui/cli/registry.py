"""The sub-command registry: each family module registers its commands here when imported."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from session.i18n import LANGS
from tui.cli.io import DB_HELP, LANG_HELP

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


def db_args(p: argparse.ArgumentParser, required: bool = True) -> None:
    """``--db`` and ``--session``, as every command that reads a session takes them."""
    p.add_argument("--db", required=required, metavar="DB", help=DB_HELP)
    p.add_argument("--session", metavar="ID", help="mã phiên (mặc định: phiên mới nhất) / session id (default: the newest)")
