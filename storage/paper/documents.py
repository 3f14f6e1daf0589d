"""The printed documents of a session: ballots, batch cover sheets and the counting minutes.

Thin entry points over ``ballots`` and ``minutes``; each returns PDF bytes.
"""

from __future__ import annotations

from session.minutes import build, render_text
from session.state import SessionState
from storage.paper import ballots as pdf_ballots
from storage.paper import minutes as pdf_minutes
from storage.paper.pdf_base import Fonts, find_fonts

__all__ = ["Fonts", "find_fonts", "ballots_pdf", "covers_pdf", "minutes_pdf", "minutes_text"]


def ballots_pdf(state: SessionState, fonts: Fonts, copies: int = 1, lang: str = "vi") -> bytes:
    """``copies`` identical ballots on the rule pack's form."""
    return pdf_ballots.ballots(state, fonts, copies, lang)


def covers_pdf(state: SessionState, fonts: Fonts, batches: int, lang: str = "vi") -> bytes:
    """One cover sheet per batch, with its code as text and QR."""
    return pdf_ballots.covers(state, fonts, batches, lang)


def minutes_pdf(state: SessionState, fonts: Fonts, lang: str = "vi") -> bytes:
    """The counting minutes in three copies."""
    return pdf_minutes.minutes(build(state, lang), fonts)


def minutes_text(state: SessionState, lang: str = "vi") -> str:
    """The counting minutes as plain text."""
    return render_text(build(state, lang))
