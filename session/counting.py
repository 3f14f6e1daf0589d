"""Counting stations: the entry mode, batches, blind double entry, scans, and who may ask what.

A station enters ballots with ``RecordBallot`` in either mode. In single entry the
ballot is recorded at once. In blind double entry each of two stations submits its
entry for (batch, position); the ballot is recorded (and so counted in the tally)
only once both agree, or once the team head resolves a mismatch. Unconfirmed
entries live in ``SessionState.pending``, outside the tally.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import ClassVar

from session import commands as cmd
from session import decide as dec
from session import events as ev
from session import evolve as evo
from session import paper
from session.i18n import CATALOGUE
from session.state import SessionState
from session.upcast import upcaster

Content = tuple[str | None, str | None]
"""(marks, whole-ballot invalid reason key) of one entry."""

STATION_ACTIONS = frozenset({"ballot", "correct", "batch", "resolve", "signin", "signout"})
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
    batch: str
    """Batch code."""
    station: str
    """Station name."""


@dataclass(frozen=True)
class EntrySubmitted(ev.Event):
    """One station's blind entry of a ballot; it counts only once the other station agrees."""

    TYPE: ClassVar[str] = "entry_submitted"
    VERSION: ClassVar[int] = 2
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


@upcaster("entry_submitted", 1)
def _entry_without_member(payload: dict) -> dict:
    return {**payload, "member": ""}  # version 1 did not say who entered it; its actor did


@dataclass(frozen=True)
class MismatchResolved(ev.Event):
    """The team head decided a ballot on which the two blind entries differed."""

    TYPE: ClassVar[str] = "mismatch_resolved"
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


for _cls in (EntryModeSet, BatchOpened, EntrySubmitted, MismatchResolved):
    ev.register(_cls)


# --- queries ----------------------------------------------------------------------------------

def awaiting(s: SessionState) -> int:
    """Ballots with one blind entry so far, waiting for the other station's (mismatches not included)."""
    return sum(1 for by in s.pending.values() if len(by) == 1)


def mismatches(s: SessionState) -> list[tuple[str, int]]:
    """(batch, position) of every ballot whose two blind entries differ, in order."""
    return sorted(k for k, by in s.pending.items() if len(by) == 2 and len(set(by.values())) == 2)


def submitted_next(s: SessionState, batch: str, station: str) -> int:
    """The next position ``station`` enters in ``batch`` under double entry."""
    return s.submitted.get((batch, station), 0) + 1


def form_code(s: SessionState) -> str:
    """The ballot form: the rule pack's; the same for every ballot of the session."""
    return s.pack.code


def ballot_qr(s: SessionState) -> str:
    """The QR payload printed on every ballot: the session and the form only, never anything unique."""
    return paper.ballot_payload(s.session_id, form_code(s))


def cover_qr(s: SessionState, batch: str) -> str:
    """The QR payload of a batch cover sheet."""
    return paper.batch_payload(s.session_id, batch)


@dataclass(frozen=True)
class Scan:
    """What a scanned or typed payload means for the station."""

    kind: str
    """``batch``, ``ballot``, ``foreign`` (another session or form) or ``bad``."""
    value: str = ""
    """Batch code for ``batch``; the invalid reason key for ``foreign``; the message key for ``bad``."""


def read_scan(s: SessionState, text: str) -> Scan:
    """Classify a scanner's payload (or a typed batch code)."""
    text = text.strip()
    cover = paper.parse_batch_payload(text)
    if cover:
        return Scan("batch", cover[1]) if cover[0] == s.session_id else Scan("bad", "batch.other_session")
    parts = text.split(":")
    if parts[0] == paper.BALLOT_PREFIX and len(parts) == 3:
        if parts[1] != s.session_id:
            return Scan("foreign", "not_issued")
        return Scan("ballot") if parts[2] == form_code(s) else Scan("foreign", "other_form")
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
    if "station" in {f.name for f in fields(c)}:
        if not c.station:  # type: ignore[attr-defined]
            return replace(c, station=actor.station)
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


def _open_refusal(s: SessionState, batch: str, station: str, no) -> None:
    if not station:
        raise no("batch.needs_station")
    opened = s.batches.get(batch, ())
    limit = 2 if s.double_entry else 1
    if station not in opened and len(opened) >= limit:
        raise no("batch.busy", batch=batch, stations=", ".join(opened))


def _open(s: SessionState, c: OpenBatch, no) -> dec.Events:
    batch = c.batch.strip()
    if read_scan(s, batch).kind != "batch":
        raise no.bad("batch.bad_code")
    _open_refusal(s, batch, c.station, no)
    if c.station in s.batches.get(batch, ()):
        raise no("batch.already_open", batch=batch)
    return (BatchOpened(batch, c.station),)


def _entry_mode(s: SessionState, c: SetEntryMode, no) -> dec.Events:
    if c.double == s.double_entry:
        raise no("entry_mode.same", mode=CATALOGUE["entry_mode." + ("double" if c.double else "single")][0])
    return (EntryModeSet(c.double),)


_single_ballot = dec.HANDLERS[cmd.RecordBallot]


def _ballot(s: SessionState, c: cmd.RecordBallot, no) -> dec.Events:
    opening: dec.Events = ()
    if c.batch and c.station and c.station not in s.batches.get(c.batch, ()):
        _open_refusal(s, c.batch, c.station, no)
        opening = (BatchOpened(c.batch, c.station),)
    if not s.double_entry:
        return opening + _single_ballot(s, c, no)
    if not c.station:
        raise no("double.needs_station")
    marks, reason = dec.ballot_content(s, c.marks, c.invalid_reason, no)
    position = c.position if c.position is not None else submitted_next(s, c.batch, c.station)
    if position < 1:
        raise no.bad("ballot.bad_position", position=position)
    key = (c.batch, position)
    if key in s.entries:
        raise no("ballot.taken", batch=c.batch or "-", position=position)
    by = s.pending.get(key, {})
    if c.station in by:
        raise no("double.already", batch=c.batch or "-", position=position)
    if len(by) >= 2:
        raise no("double.two_already", batch=c.batch or "-", position=position)
    if not by and s.returned is not None and s.entered + len(s.pending) >= s.returned:
        raise no("ballot.all_entered", returned=s.returned)
    events: dec.Events = opening + (EntrySubmitted(c.batch, position, c.station, marks, reason, c.entered_by),)
    if by and next(iter(by.values())) == (marks, reason):
        events += (ev.BallotRecorded(c.batch, position, marks, reason),)
    return events


def _resolve(s: SessionState, c: ResolveMismatch, no) -> dec.Events:
    if (c.batch, c.position) not in mismatches(s):
        raise no("resolve.none", batch=c.batch or "-", position=c.position)
    if c.confirmed_by != s.team_head:
        raise no("correct.not_head", id=c.confirmed_by or "-")
    marks, reason = dec.ballot_content(s, c.marks, c.invalid_reason, no)
    return (MismatchResolved(c.batch, c.position, marks, reason, c.confirmed_by),
            ev.BallotRecorded(c.batch, c.position, marks, reason))


dec.HANDLERS.update({SetEntryMode: _entry_mode, OpenBatch: _open, cmd.RecordBallot: _ballot,
                     ResolveMismatch: _resolve})
dec.ACTOR_RULES.append(_station_rule)


# --- evolve -----------------------------------------------------------------------------------

def _mode_set(s: SessionState, e: EntryModeSet, at: str) -> None:
    s.entry_mode = "double" if e.double else "single"


def _opened(s: SessionState, e: BatchOpened, at: str) -> None:
    s.batches[e.batch] = s.batches.get(e.batch, ()) + (e.station,)


def _submitted(s: SessionState, e: EntrySubmitted, at: str) -> None:
    key = (e.batch, e.position)
    by = s.pending.setdefault(key, {})
    by[e.station] = (e.marks, e.invalid_reason)
    s.entered_by.setdefault(key, {})[e.station] = e.member
    s.submitted[(e.batch, e.station)] = max(s.submitted.get((e.batch, e.station), 0), e.position)
    if len(by) == 2 and len(set(by.values())) == 1:
        del s.pending[key]  # both agree: the BallotRecorded that follows counts it


def _resolved(s: SessionState, e: MismatchResolved, at: str) -> None:
    s.resolved[(e.batch, e.position)] = s.pending.pop((e.batch, e.position), {})


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
_clash = set(_STRINGS) & set(CATALOGUE)
assert not _clash, f"i18n keys defined twice: {sorted(_clash)}"
CATALOGUE.update(_STRINGS)
