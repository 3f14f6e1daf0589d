"""Counting by scanner, as the domain sees it: a held ballot keeps its place until a person decides it.

A scanner is a counting station run by a team member. A ballot whose every row the machine
is sure of is an ordinary entry (``RecordBallot`` with the scan's ``image``). A ballot with
any unsure row is *held* (``BallotHeld``) at its place in the batch, so the stack's order,
which blind double entry compares, stays whole; the member at the scanner's station then
keys the doubtful rows, and that entry, at the same place, settles the hold. Holding never
counts: only the entry does. The images themselves live outside the log, named by sha256.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from session import admissible
from session import commands as cmd
from session import counting as cnt
from session import decide as dec
from session import events as ev
from session import evolve as evo
from session.agenda import allowed
from session.forms import form_books, refuse
from session.i18n import register
from session.state import Books, Held, SessionState

UNKNOWN = "?"
"""A row of the guess the machine could not read at all."""


@dataclass(frozen=True)
class HoldBallot(cmd.Command):
    """The scanner holds a ballot it is not sure of at its place in the batch, for a person to decide."""

    ACTION: ClassVar[str] = "hold"
    position: int
    """Position within the batch."""
    image: str
    """The scan (``sha256`` or ``sha256#page``, parts joined by ``,``)."""
    guess: str
    """The machine's guess, one character per person of the form (``?`` where it has none)."""
    unsure: tuple[int, ...]
    """Rows (0-based) left for a person."""
    crops: tuple[str, ...] = ()
    """sha256 of the picture of each unsure row, in the order of ``unsure``; empty when the scan could not be aligned."""
    batch: str = ""
    """Batch code."""
    station: str = ""
    """The scanner's station (filled from the station's actor)."""
    member: str = ""
    """Voter id of the member running the scanner (filled from the station's actor)."""
    form: str = ""
    """Ballot form; "" for the only form."""


@dataclass(frozen=True)
class BallotHeld(ev.Event):
    """A scanned ballot held for a person at its place in the batch; it is not counted."""

    TYPE: ClassVar[str] = "ballot_held"
    OPTIONAL: ClassVar[frozenset[str]] = ev.ONE_FORM
    batch: str
    """Batch code."""
    position: int
    """Position within the batch."""
    station: str
    """The scanner's station."""
    member: str
    """Voter id of the member running the scanner."""
    image: str
    """The scan it was read from."""
    guess: str
    """The machine's guess (``?`` where it has none)."""
    unsure: tuple[int, ...]
    """Rows left for a person."""
    crops: tuple[str, ...]
    """sha256 of each unsure row's picture."""
    form: str = ""
    """Ballot form; "" (left out of the payload) in a single-form session."""


ev.register(BallotHeld)


# --- queries ----------------------------------------------------------------------------------

def held_ballots(s: SessionState, station: str = "", books: Books | None = None) -> list[tuple[str, str, int, Held]]:
    """(form id, batch, position, hold) of every hold not yet settled, of one station (every one by default) and one
    form (every one by default), in batch order."""
    every = (books,) if books is not None else s.books.values()
    found = [(b.id, key[0], key[1], h) for b in every for key, h in b.open_holds().items()
             if not station or h.station == station]
    return sorted(found, key=lambda row: (row[0], row[1], row[2]))


def held_count(s: SessionState) -> int:
    """Holds not yet settled, over every form."""
    return sum(len(b.open_holds()) for b in s.books.values() if b.held)


# --- decide -----------------------------------------------------------------------------------

def _actor_rule(s: SessionState, c: cmd.Command, actor: ev.Actor, no) -> cmd.Command:
    """Only a station holds a ballot, in the name of its signed-in member."""
    if not isinstance(c, HoldBallot):
        return c
    if actor.role != "station":
        raise no("hold.station_only")
    return c.but(member=actor.name)


def _hold(s: SessionState, c: HoldBallot, no) -> dec.Events:
    # "hold" is registered as ANYTIME so that the agenda table (and the chair's keys) stay as they are;
    # it is allowed exactly where a ballot is.
    if "ballot" not in allowed(s.step, s.pack):
        raise dec.not_now(s, no)
    if not c.station or not c.member:
        raise no("hold.station_only")
    b = form_books(s, c.form, no)
    image = dec.image_ref(c.image, no)
    if not image:
        raise no.bad("hold.no_image")
    if c.position < 1:
        raise no.bad("ballot.bad_position", position=c.position)
    size = len(b.persons)
    if len(c.guess) != size or any(ch not in {str(k) for k in range(1, b.levels + 1)} | {"0", "x", UNKNOWN}
                                   for ch in c.guess):
        raise no.bad("hold.bad_guess", guess=c.guess[:80], count=size)
    unsure = tuple(c.unsure)
    if not unsure or list(unsure) != sorted(set(unsure)) or unsure[0] < 0 or unsure[-1] >= size:
        raise no.bad("hold.bad_rows", count=size)
    if c.crops and len(c.crops) != len(unsure) or any(dec.image_ref(x, no) != x or "#" in x or "," in x or not x
                                                       for x in c.crops):
        raise no.bad("hold.bad_crops")
    key = (c.batch, c.position)
    where = {"batch": c.batch or "-", "position": c.position}
    if key in b.entries or key in b.held or c.station in b.pending.get(key, {}):
        raise refuse(no, s, b, "ballot.taken", where)
    if b.returned is not None and key not in b.pending and b.claimed >= b.returned:
        raise refuse(no, s, b, "ballot.all_entered", {"returned": b.returned})
    opening = cnt.batch_opening(s, b, c.batch, c.station, no)
    return opening + (BallotHeld(c.batch, c.position, c.station, c.member, image, c.guess, unsure, tuple(c.crops),
                                 s.form_field(b)),)


dec.HANDLERS[HoldBallot] = _hold
dec.ACTOR_RULES.append(_actor_rule)
dec.ANYTIME.add(HoldBallot.ACTION)
admissible.IMPLIED[BallotHeld] = lambda e, a: HoldBallot(e.position, e.image, e.guess, tuple(e.unsure), tuple(e.crops),
                                                         e.batch, e.station, form=e.form)


# --- evolve -----------------------------------------------------------------------------------

def _held(s: SessionState, e: BallotHeld, at: str) -> None:
    b = s.book(e.form)
    b.held[(e.batch, e.position)] = Held(e.station, e.member, e.image, e.guess, tuple(e.unsure), tuple(e.crops))
    # The place is taken: the next entry without a position goes after it, in either entry mode.
    b.last_position[e.batch] = max(b.last_position.get(e.batch, 0), e.position)
    b.submitted[(e.batch, e.station)] = max(b.submitted.get((e.batch, e.station), 0), e.position)


evo.APPLY[BallotHeld] = _held


# --- strings ----------------------------------------------------------------------------------

register({
    "action.hold": ("Giữ phiếu máy đọc chưa chắc", "Hold a ballot the scanner is unsure of"),
    "hold.station_only": ("Chỉ máy quét của Tổ kiểm phiếu (một máy kiểm phiếu có thành viên đăng nhập) mới giữ phiếu lại.",
                          "Only the counting team's scanner (a station with a member signed in) holds a ballot."),
    "hold.no_image": ("Phiếu giữ lại phải kèm ảnh quét.", "A held ballot must name its scan."),
    "hold.bad_guess": ("Phần máy đoán «{guess}» phải có đúng {count} ký tự (mức, 0, x hoặc ?).",
                       "The machine's guess “{guess}” must have exactly {count} characters (a level, 0, x or ?)."),
    "hold.bad_rows": ("Các dòng chưa chắc phải tăng dần, không trùng, từ 0 đến {count} − 1.",
                      "The unsure rows must be increasing, distinct and between 0 and {count} − 1."),
    "hold.bad_crops": ("Mỗi dòng chưa chắc có đúng một ảnh cắt (sha256).", "Each unsure row has exactly one picture (sha256)."),
    "event.ballot_held": ("Máy {station} giữ phiếu {batch}/{position} chờ người quyết định",
                          "Station {station} held ballot {batch}/{position} for a person to decide"),
})
