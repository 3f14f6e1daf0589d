"""Counting stations: the entry mode, batches, blind double entry, scans, and who may ask what.

A station enters ballots with ``RecordBallot`` in either mode. In single entry the
ballot is recorded at once. In blind double entry each of two stations submits its
entry for (batch, position); the ballot is recorded (and so counted in the tally)
only once both agree, or once the team head resolves a mismatch. Unconfirmed
entries live in ``SessionState.pending``, outside the tally.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from session import commands as cmd
from session import decide as dec
from session import events as ev
from session import evolve as evo
from session import paper
from session.forms import form_books, refuse
from session.frozen import quick_init
from session.i18n import CATALOGUE, register
from session.state import Books, SessionState
from session.upcast import upcaster

Content = tuple[str | None, str | None]
"""(marks, whole-ballot invalid reason key) of one entry."""

STATION_ACTIONS = frozenset({"ballot", "hold", "correct", "batch", "resolve", "signin", "signout"})
"""The only actions a counting station may ask: it never moves the agenda."""


# --- commands ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SetEntryMode(cmd.Command):
    """The chair picks single or blind double entry before counting starts."""

    ACTION: ClassVar[str] = "entry-mode"
    double: bool
    """True for blind double entry."""


@dataclass(frozen=True)
class OpenBatch(cmd.Command):
    """A station takes up a batch (a stack of ballots with a cover sheet)."""

    ACTION: ClassVar[str] = "batch"
    batch: str
    """Batch code from the cover sheet."""
    station: str = ""
    """Station opening it (filled from the station's actor)."""
    form: str = ""
    """Ballot form of the batch; "" for the only form."""


@dataclass(frozen=True)
class ResolveMismatch(cmd.Command):
    """The team head decides a ballot the two blind entries disagree on."""

    ACTION: ClassVar[str] = "resolve"
    position: int
    """Position within the batch."""
    batch: str = ""
    """Batch code."""
    marks: str | None = None
    """The marks read off the paper; None with ``invalid_reason`` for a whole invalid ballot."""
    invalid_reason: str | None = None
    """Whole-ballot invalid reason."""
    confirmed_by: str = ""
    """Voter id of the team head."""
    form: str = ""
    """Ballot form of the batch; "" for the only form."""


# --- events -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class EntryModeSet(ev.Event):
    """Single or blind double entry chosen by the chair."""

    TYPE: ClassVar[str] = "entry_mode_set"
    double: bool
    """True for blind double entry."""


@dataclass(frozen=True)
class BatchOpened(ev.Event):
    """A station took up a batch."""

    TYPE: ClassVar[str] = "batch_opened"
    OPTIONAL: ClassVar[frozenset[str]] = ev.ONE_FORM
    batch: str
    """Batch code."""
    station: str
    """Station name."""
    form: str = ""
    """Ballot form of the batch; "" (left out of the payload) in a single-form session and in older logs."""


@quick_init  # built for every ballot of every load
@dataclass(frozen=True)
class EntrySubmitted(ev.Event):
    """One station's blind entry of a ballot; it counts only once the other station agrees."""

    TYPE: ClassVar[str] = "entry_submitted"
    VERSION: ClassVar[int] = 2
    OPTIONAL: ClassVar[frozenset[str]] = ev.SCANNED
    batch: str
    """Batch code."""
    position: int
    """Position within the batch."""
    station: str
    """Station that entered it."""
    marks: str | None
    """Marks string, or None for a whole invalid ballot."""
    invalid_reason: str | None = None
    """Whole-ballot invalid reason key."""
    member: str = ""
    """Voter id of the member who entered it (version 2; "" in older logs)."""
    form: str = ""
    """Ballot form of the batch; "" (left out of the payload) in a single-form session and in older logs."""
    image: str = ""
    """The scan it was read from, as on ``BallotRecorded``; "" (left out) when typed."""


@upcaster("entry_submitted", 1)
def _entry_without_member(payload: dict) -> dict:
    return {**payload, "member": ""}  # version 1 did not say who entered it; its actor did



@dataclass(frozen=True)
class MismatchResolved(ev.Event):
    """The team head decided a ballot on which the two blind entries differed."""

    TYPE: ClassVar[str] = "mismatch_resolved"
    OPTIONAL: ClassVar[frozenset[str]] = ev.ONE_FORM
    batch: str
    """Batch code."""
    position: int
    """Position within the batch."""
    marks: str | None
    """The marks decided."""
    invalid_reason: str | None
    """Whole-ballot invalid reason decided."""
    confirmed_by: str
    """Voter id of the team head."""
    form: str = ""
    """Ballot form; "" (left out of the payload) in a single-form session and in older logs."""


for _cls in (EntryModeSet, BatchOpened, EntrySubmitted, MismatchResolved):
    ev.register(_cls)


# --- queries ----------------------------------------------------------------------------------

def awaiting(s: SessionState, books: Books | None = None) -> int:
    """Ballots with one blind entry so far, waiting for the other station's (mismatches not included); of one form's
    books, or of every form when ``books`` is None."""
    every = (books,) if books is not None else s.books.values()
    return sum(1 for b in every for by in b.pending.values() if len(by) == 1)


def mismatches(s: SessionState, books: Books | None = None) -> list[tuple[str, int]]:
    """(batch, position) of every ballot of the form (the first one by default) whose two blind entries differ, in order."""
    return sorted(k for k, by in (books or s.main).pending.items() if len(by) == 2 and len(set(by.values())) == 2)


def all_mismatches(s: SessionState) -> list[tuple[str, str, int]]:
    """(form id, batch, position) of every mismatch of every form, form by form."""
    return [(b.id, *key) for b in s.books.values() for key in mismatches(s, b)]


def submitted_next(s: SessionState, batch: str, station: str, books: Books | None = None) -> int:
    """The next position ``station`` enters in ``batch`` (of the form, the first by default) under double entry."""
    return (books or s.main).submitted.get((batch, station), 0) + 1


def form_code(s: SessionState, books: Books | None = None) -> str:
    """What a ballot's QR names as its form: the form's id (the rule pack's code when the file has no ``[[forms]]``)."""
    return (books or s.main).id


def ballot_qr(s: SessionState, books: Books | None = None) -> str:
    """The QR payload printed on every ballot of a form: the session and the form only, never anything unique."""
    return paper.ballot_payload(s.session_id, form_code(s, books))


def cover_qr(s: SessionState, batch: str, books: Books | None = None) -> str:
    """The QR payload of a batch cover sheet; it names the batch's form when the session has several."""
    b = books or s.main
    return paper.batch_payload(s.session_id, batch, b.id if s.several_forms else "")


@dataclass(frozen=True)
class Scan:
    """What a scanned or typed payload means for the station."""

    kind: str
    """``batch``, ``ballot``, ``foreign`` (another session or form) or ``bad``."""
    value: str = ""
    """Batch code for ``batch``; the invalid reason key for ``foreign``; the message key for ``bad``."""
    form: str = ""
    """For ``batch``: the form its cover names ("" when it names none, as a single-form session's covers)."""


def read_scan(s: SessionState, text: str, books: Books | None = None) -> Scan:
    """Classify a scanner's payload (or a typed batch code); a ballot is this form's (``books``, the first by default)."""
    text = text.strip()
    cover = paper.parse_batch_payload(text)
    if cover:
        if cover[0] != s.session_id:
            return Scan("bad", "batch.other_session")
        if cover[2] and s.book(cover[2]) is None:
            return Scan("bad", "batch.other_form")
        return Scan("batch", cover[1], cover[2])
    ballot = paper.parse_ballot_payload(text)
    if ballot:  # any page of a ballot of several pages is the ballot's
        if ballot.session_id != s.session_id:
            return Scan("foreign", "not_issued")
        return Scan("ballot") if ballot.form == form_code(s, books) else Scan("foreign", "other_form")
    if not text or ":" in text or len(text) > 32:
        return Scan("bad", "batch.bad_code")
    return Scan("batch", text)


# --- decide -----------------------------------------------------------------------------------

def _station_rule(s: SessionState, c: cmd.Command, actor: ev.Actor, no) -> cmd.Command:
    """A station asks only station actions, as an approved member, in its own name."""
    if actor.role != "station":
        return c
    if c.ACTION not in STATION_ACTIONS:
        raise no("station.not_allowed", allowed=", ".join(sorted(STATION_ACTIONS)))
    refusal = station_refusal(s, actor.name)
    if refusal:
        raise no(refusal[0], **refusal[1])
    if hasattr(c, "station"):
        if not c.station:  # type: ignore[attr-defined]
            return c.but(station=actor.station)
        if c.station != actor.station:
            raise no("station.other", station=c.station, own=actor.station)
    return c


def station_refusal(s: SessionState, member: str) -> tuple[str, dict] | None:
    """Why ``member`` may not work a station now (message key, params), or None."""
    if not s.team_approved:
        return "station.no_team", {}
    if member not in s.team:
        names = ", ".join(f"{s.conference.voter(m).name} ({m})" for m in s.team)
        return "station.not_member", {"id": member or "-", "team": names}
    return None


def _open_refusal(s: SessionState, b: Books, batch: str, station: str, no) -> None:
    if not station:
        raise no("batch.needs_station")
    opened = b.batches.get(batch, ())
    limit = 2 if s.double_entry else 1
    if station not in opened and len(opened) >= limit:
        raise refuse(no, s, b, "batch.busy", {"batch": batch, "stations": ", ".join(opened)})


def _open(s: SessionState, c: OpenBatch, no) -> dec.Events:
    batch = c.batch.strip()
    if read_scan(s, batch).kind != "batch":
        raise no.bad("batch.bad_code")
    b = form_books(s, c.form, no)
    _open_refusal(s, b, batch, c.station, no)
    if c.station in b.batches.get(batch, ()):
        raise refuse(no, s, b, "batch.already_open", {"batch": batch})
    return (BatchOpened(batch, c.station, s.form_field(b)),)


def _entry_mode(s: SessionState, c: SetEntryMode, no) -> dec.Events:
    if c.double == s.double_entry:
        raise no("entry_mode.same", mode=CATALOGUE["entry_mode." + ("double" if c.double else "single")][0])
    return (EntryModeSet(c.double),)


_single_ballot = dec.HANDLERS[cmd.RecordBallot]


def batch_opening(s: SessionState, b: Books, batch: str, station: str, no) -> dec.Events:
    """The ``BatchOpened`` a station's first entry in ``batch`` implies (none when it has the batch open already)."""
    if not (batch and station) or station in b.batches.get(batch, ()):
        return ()
    _open_refusal(s, b, batch, station, no)
    return (BatchOpened(batch, station, s.form_field(b)),)


def _ballot(s: SessionState, c: cmd.RecordBallot, no) -> dec.Events:
    b = form_books(s, c.form, no)
    opening = batch_opening(s, b, c.batch, c.station, no)
    if not s.double_entry:
        return opening + _single_ballot(s, c, no)
    if not c.station:
        raise no("double.needs_station")
    form = s.form_field(b)
    marks, reason = dec.ballot_content(s, c.marks, c.invalid_reason, no, b)
    position = c.position if c.position is not None else submitted_next(s, c.batch, c.station, b)
    if position < 1:
        raise no.bad("ballot.bad_position", position=position)
    key = (c.batch, position)
    where = {"batch": c.batch or "-", "position": position}
    if key in b.entries:
        raise refuse(no, s, b, "ballot.taken", where)
    by = b.pending.get(key, {})
    if c.station in by:
        raise refuse(no, s, b, "double.already", where)
    if len(by) >= 2:
        raise refuse(no, s, b, "double.two_already", where)
    if not by and key not in b.held and b.returned is not None and b.claimed >= b.returned:
        raise refuse(no, s, b, "ballot.all_entered", {"returned": b.returned})
    events: dec.Events = opening + (EntrySubmitted(c.batch, position, c.station, marks, reason, c.entered_by, form,
                                                   dec.image_ref(c.image, no)),)
    if by and next(iter(by.values())) == (marks, reason):
        events += (ev.BallotRecorded(c.batch, position, marks, reason, form),)
    return events


def _resolve(s: SessionState, c: ResolveMismatch, no) -> dec.Events:
    b = form_books(s, c.form, no)
    if (c.batch, c.position) not in mismatches(s, b):
        raise refuse(no, s, b, "resolve.none", {"batch": c.batch or "-", "position": c.position})
    if c.confirmed_by != s.team_head:
        raise dec.not_head(s, c.confirmed_by, no)
    marks, reason = dec.ballot_content(s, c.marks, c.invalid_reason, no, b)
    form = s.form_field(b)
    return (MismatchResolved(c.batch, c.position, marks, reason, c.confirmed_by, form),
            ev.BallotRecorded(c.batch, c.position, marks, reason, form))


dec.HANDLERS.update({SetEntryMode: _entry_mode, OpenBatch: _open, cmd.RecordBallot: _ballot,
                     ResolveMismatch: _resolve})
dec.ACTOR_RULES.append(_station_rule)


# --- evolve -----------------------------------------------------------------------------------

def _mode_set(s: SessionState, e: EntryModeSet, at: str) -> None:
    s.entry_mode = "double" if e.double else "single"


def _opened(s: SessionState, e: BatchOpened, at: str) -> None:
    b = s.book(e.form)
    b.batches[e.batch] = b.batches.get(e.batch, ()) + (e.station,)


def _submitted(s: SessionState, e: EntrySubmitted, at: str) -> None:
    b = s.book(e.form)
    key = (e.batch, e.position)
    by = b.pending.setdefault(key, {})
    by[e.station] = (e.marks, e.invalid_reason)
    b.entered_by.setdefault(key, {})[e.station] = e.member
    b.submitted[(e.batch, e.station)] = max(b.submitted.get((e.batch, e.station), 0), e.position)
    if len(by) == 2 and len(set(by.values())) == 1:
        del b.pending[key]  # both agree: the BallotRecorded that follows counts it


def _resolved(s: SessionState, e: MismatchResolved, at: str) -> None:
    b = s.book(e.form)
    b.resolved[(e.batch, e.position)] = b.pending.pop((e.batch, e.position), {})


evo.APPLY.update({EntryModeSet: _mode_set, BatchOpened: _opened, EntrySubmitted: _submitted,
                  MismatchResolved: _resolved})


# --- strings ----------------------------------------------------------------------------------

_STRINGS = {
    "action.entry-mode": ("Chọn cách nhập phiếu", "Choose the entry mode"),
    "action.batch": ("Nhận xấp phiếu", "Open a batch"),
    "action.resolve": ("Quyết định phiếu lệch", "Resolve a mismatch"),
    "entry_mode.single": ("nhập một lần", "single entry"),
    "entry_mode.double": ("nhập kép độc lập", "blind double entry"),
    "entry_mode.same": ("Đang dùng cách nhập «{mode}».", "The entry mode is already “{mode}”."),
    "station.not_allowed": ("Máy kiểm phiếu không được điều khiển chương trình hội nghị; chỉ được: {allowed}.",
                            "A counting station cannot move the agenda; it may only: {allowed}."),
    "station.no_team": ("Tổ kiểm phiếu chưa được hội nghị thông qua nên chưa mở được máy kiểm phiếu.",
                        "The counting team is not approved yet, so no station can open."),
    "station.not_member": ("{id} không thuộc Tổ kiểm phiếu đã được thông qua ({team}).",
                           "{id} is not on the approved counting team ({team})."),
    "station.other": ("Máy {own} không được nhập thay máy {station}.", "Station {own} cannot enter for station {station}."),
    "batch.needs_station": ("Xấp phiếu phải do một máy kiểm phiếu nhận.", "A batch is taken up by a counting station."),
    "batch.busy": ("Xấp {batch} đã do máy {stations} nhận.", "Batch {batch} is already taken by {stations}."),
    "batch.already_open": ("Máy này đã nhận xấp {batch}.", "This station already has batch {batch}."),
    "batch.bad_code": ("Mã xấp phiếu không đọc được.", "Cannot read the batch code."),
    "batch.other_session": ("Tờ bìa xấp thuộc phiên khác.", "That cover sheet belongs to another session."),
    "batch.other_form": ("Tờ bìa xấp ghi một mẫu phiếu không có trong phiên này.", "That cover sheet names a form this session does not have."),
    "double.needs_station": ("Đang nhập kép: phiếu phải do máy kiểm phiếu nhập.",
                             "Double entry: ballots are entered by counting stations."),
    "double.already": ("Máy này đã nhập phiếu số {position} của xấp {batch}.",
                       "This station has already entered ballot {position} of batch {batch}."),
    "double.two_already": ("Phiếu số {position} của xấp {batch} đã có hai lần nhập.",
                           "Ballot {position} of batch {batch} already has two entries."),
    "resolve.none": ("Phiếu số {position} của xấp {batch} không có hai lần nhập lệch nhau.",
                     "Ballot {position} of batch {batch} has no mismatched entries."),
    "event.entry_mode_set": ("Chọn cách nhập phiếu: {mode}", "Entry mode chosen: {mode}"),
    "event.batch_opened": ("Máy {station} nhận xấp {batch}", "Station {station} took batch {batch}"),
    "event.entry_submitted": ("Máy {station} nhập phiếu {batch}/{position} (chờ đối chiếu)",
                              "Station {station} entered ballot {batch}/{position} (awaiting the other entry)"),
    "event.mismatch_resolved": ("Tổ trưởng {confirmed_by} quyết định phiếu lệch {batch}/{position}",
                                "Head {confirmed_by} resolved the mismatch on ballot {batch}/{position}"),
}
register(_STRINGS)
