"""`tinnhiem new`: a session from a conference file."""

from __future__ import annotations

import argparse

from session.errors import BadInput
from tui.cli.io import EXIT_BAD, EXIT_OK, err, out, read_text
from tui.cli.registry import command, db_args
from tui.i18n import t


def _new_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="CONFERENCE.toml", help="tệp hội nghị / conference file (TOML)")
    db_args(p)


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
