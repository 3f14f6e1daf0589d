"""Openers for the Textual screens; the CLI imports this only when a screen is asked for."""

from __future__ import annotations

from session.errors import TamperDetected
from session.events import Recorded


def open_chair(db: str, session_id: str | None, lang: str) -> int:
    """Run the chair console on ``db`` until it is closed."""
    from tui.app import ChairApp
    from tui.wiring import acquire_chair_lock, chair_lock_refusal, open_service

    try:
        service = open_service(db, session_id)
    except TamperDetected as error:
        return show_tampered(error, lang)
    where = db if db == "memory:" else service.store  # the lock goes through the database already open
    lock = acquire_chair_lock(where, service.session_id)
    # A second console on the same session opens read-only, saying who holds the chair.
    refusal = None if lock is not None else chair_lock_refusal(where, service.session_id)
    try:
        ChairApp(service, lang=lang, read_only=refusal).run()
    finally:
        if lock is not None:
            lock.release()
    return 0


def open_projector(db: str, session_id: str | None, lang: str) -> int:
    """Run the read-only projector view."""
    from tui.app import ProjectorApp
    from tui.wiring import open_service

    try:
        service = open_service(db, session_id)
    except TamperDetected as error:
        return show_tampered(error, lang)
    ProjectorApp(service, lang=lang, theme="projector").run()
    return 0


def open_station(db: str, session_id: str | None, member: str, lang: str, station: str = "") -> int:
    """Run counting station ``station`` (default: the member's id) for ``member``; refused unless on the approved team."""
    import sys

    from session.counting import station_refusal
    from session.errors import StepRefused
    from session.trust import elsewhere_refusal
    from tui.screens.station import StationApp
    from tui.wiring import open_service

    try:
        service = open_service(db, session_id)
    except TamperDetected as error:
        return show_tampered(error, lang)
    station = station or member
    # Refused before the screen opens: not on the team, or signed in at another station right now.
    refusal = station_refusal(service.state, member) or elsewhere_refusal(service.state, member, station)
    if refusal:
        error = StepRefused(refusal[0], **refusal[1])
        sys.stderr.write(error.message(lang) + "\n")
        return 3
    StationApp(service, member, station, lang=lang).run()
    sign_out(service, member, station, lang)
    return 0


def sign_out(service, member: str, station: str, lang: str) -> None:
    """Free the member for another station once this one closes (nothing to do if they never signed in here)."""
    import sys

    from session.errors import SessionError
    from session.events import Actor
    from session.trust import SignOut

    try:
        service.refresh()
        if service.state.signed_in.get(member) == station:
            service.handle(SignOut(), Actor("station", member, station))
    except SessionError as exc:
        # The store went away as the screen closed: the member stays signed in here until the chair resets them.
        sys.stderr.write(exc.message(lang) + "\n")


def show_tampered(error: TamperDetected, lang: str) -> int:
    """The red read-only screen for a log that fails as a console opens it; exit 4 once it is closed."""
    from tui.screens.tampered import TamperedApp

    TamperedApp(error, lang).run()
    return 4


def open_replay(records: list[Recorded], lang: str) -> int:
    """Run the read-only replay screen over ``records``."""
    from tui.screens.replay import ReplayApp

    ReplayApp(records, lang=lang).run()
    return 0
