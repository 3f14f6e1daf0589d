"""Openers for the Textual screens; the CLI imports this only when a screen is asked for."""

from __future__ import annotations

from session.events import Recorded


def open_chair(db: str, session_id: str | None, lang: str) -> int:
    """Run the chair console on ``db`` until it is closed."""
    from tui.app import ChairApp
    from tui.wiring import open_service

    ChairApp(open_service(db, session_id), lang=lang).run()
    return 0


def open_projector(db: str, session_id: str | None, lang: str) -> int:
    """Run the read-only projector view."""
    from tui.app import ProjectorApp
    from tui.wiring import open_service

    ProjectorApp(open_service(db, session_id), lang=lang, theme="projector").run()
    return 0


def open_station(db: str, session_id: str | None, member: str, lang: str) -> int:
    """Run a counting station for ``member``."""
    raise NotImplementedError("counting station")


def open_replay(records: list[Recorded], lang: str) -> int:
    """Run the read-only replay screen over ``records``."""
    from tui.screens.replay import ReplayApp

    ReplayApp(records, lang=lang).run()
    return 0
