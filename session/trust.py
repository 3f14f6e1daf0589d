"""Station trust: who a station's member is, where they are signed in, and what needs the head.

Blind double entry guards against a mis-keyed ballot only if the two entries are
independent, so these are rules of the domain (a replay decides them again):
- the two blind entries of a ballot are by two different members at two stations;
- the chair never enters as a station;
- a member is signed in at one station at a time: their first action at a station
  signs them in there (``MemberSignedIn``), and they sign out (``signout``) before
  working another; the chair's reset of their PIN signs them out too;
- a station counts a foreign ballot (not issued by the team, another form) invalid
  only with the head's confirmation, recorded as ``ForeignConfirmed``.
The PINs themselves are checked outside the log, by ``session.pins.PinGate``.
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
from session.i18n import register
from session.state import SessionState

FOREIGN_REASONS = frozenset({"not_issued", "other_form"})
"""Whole-ballot reasons that say the paper is not one of this conference's ballots (``counting.read_scan``'s
``foreign`` kinds): the head confirms them."""


CHAIR_CONSOLE = "chair"
"""The name the chair console enters its own single-entry ballots under: the chair itself, not a station."""


# --- commands ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SignIn(cmd.Command):
    """The member at a station signs in there (their first action there does it too)."""

    ACTION: ClassVar[str] = "signin"
    member: str = ""
    """Voter id (filled from the station's actor)."""
    station: str = ""
    """Station name (filled from the station's actor)."""


@dataclass(frozen=True)
class SignOut(cmd.Command):
    """The member at a station signs out, free to work another station."""

    ACTION: ClassVar[str] = "signout"
    member: str = ""
    """Voter id (filled from the station's actor)."""
    station: str = ""
    """Station name (filled from the station's actor)."""


@dataclass(frozen=True)
class ResetPin(cmd.Command):
    """The chair resets a member's PIN (forgotten, or typed in view): the next station action sets a new one."""

    ACTION: ClassVar[str] = "pin reset"
    member: str
    """Voter id of the team member."""


# --- events -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class MemberSignedIn(ev.Event):
    """A counting-team member signed in at a station."""

    TYPE: ClassVar[str] = "member_signed_in"
    member: str
    """Voter id."""
    station: str
    """Station name."""


@dataclass(frozen=True)
class MemberSignedOut(ev.Event):
    """A counting-team member signed out of a station."""

    TYPE: ClassVar[str] = "member_signed_out"
    member: str
    """Voter id."""
    station: str
    """Station name."""


@dataclass(frozen=True)
class PinReset(ev.Event):
    """The chair reset a member's PIN; the event carries no secret, and the member is signed out."""

    TYPE: ClassVar[str] = "pin_reset"
    member: str
    """Voter id."""


@dataclass(frozen=True)
class ForeignConfirmed(ev.Event):
    """The head confirmed that a foreign ballot a station checked off counts as invalid."""

    TYPE: ClassVar[str] = "foreign_confirmed"
    OPTIONAL: ClassVar[frozenset[str]] = ev.ONE_FORM
    batch: str
    """Batch code."""
    position: int
    """Position within the batch."""
    invalid_reason: str
    """Why it is foreign (``not_issued``, ``other_form``)."""
    confirmed_by: str
    """Voter id of the team head."""
    form: str = ""
    """Ballot form of the batch; "" (left out of the payload) in a single-form session and in older logs."""


for _cls in (MemberSignedIn, MemberSignedOut, PinReset, ForeignConfirmed):
    ev.register(_cls)


# --- queries ----------------------------------------------------------------------------------

def name_of(s: SessionState, member: str) -> str:
    """A member as refusals name them: ``Name (id)``."""
    voter = s.conference.voter(member)
    return f"{voter.name} ({member})" if voter else member or "-"


def elsewhere_refusal(s: SessionState, member: str, station: str) -> tuple[str, dict] | None:
    """Why ``member`` may not work ``station`` now because they are signed in at another one, or None."""
    other = s.signed_in.get(member)
    if other is None or other == station:
        return None
    return "station.elsewhere", {"name": name_of(s, member), "other": other, "station": station}


# --- decide -----------------------------------------------------------------------------------

def _actor_rule(s: SessionState, c: cmd.Command, actor: ev.Actor, no) -> cmd.Command:
    """The chair never acts as a station; a member works one station at a time; a ballot names its member."""
    if s.first_release:
        return c
    station = getattr(c, "station", "")
    if actor.role != "station":
        if station and station != CHAIR_CONSOLE:
            raise no("station.chair_as_station", station=station)
        # Only where ballots are entered at all: elsewhere the agenda's "not now" is the reason.
        if isinstance(c, cmd.RecordBallot) and s.double_entry and c.ACTION in allowed(s.step, s.pack):
            raise no("double.needs_station")
        return c
    if not isinstance(c, SignOut):
        refusal = elsewhere_refusal(s, actor.name, actor.station)
        if refusal:
            raise no(refusal[0], **refusal[1])
    if isinstance(c, cmd.RecordBallot):
        return c if c.entered_by == actor.name else c.but(entered_by=actor.name)
    if isinstance(c, (SignIn, SignOut)):
        return c.but(member=actor.name)
    return c


def _sign_in_first(s: SessionState, c: cmd.Command, actor: ev.Actor) -> dec.Events:
    """A member's first action at a station signs them in there."""
    if s.first_release or actor.role != "station" or isinstance(c, (SignIn, SignOut)) or s.signed_in.get(actor.name) == actor.station:
        return ()
    return (MemberSignedIn(actor.name, actor.station),)


def _sign_in(s: SessionState, c: SignIn, no) -> dec.Events:
    if not c.member:
        raise no("signin.station_only")
    if s.signed_in.get(c.member) == c.station:
        raise no("signin.already", name=name_of(s, c.member), station=c.station)
    return (MemberSignedIn(c.member, c.station),)


def _sign_out(s: SessionState, c: SignOut, no) -> dec.Events:
    if not c.member:
        raise no("signin.station_only")
    if s.signed_in.get(c.member) != c.station:
        raise no("signout.not_in", name=name_of(s, c.member), station=c.station)
    return (MemberSignedOut(c.member, c.station),)


def _reset(s: SessionState, c: ResetPin, no) -> dec.Events:
    if c.member not in s.team or not s.team_approved:
        raise no("pin_reset.not_member", id=c.member or "-",
                 team=", ".join(name_of(s, m) for m in s.team) or "—")
    return (PinReset(c.member),)


_counting_ballot = dec.HANDLERS[cmd.RecordBallot]


def _ballot(s: SessionState, c: cmd.RecordBallot, no) -> dec.Events:
    """A ballot as counting records it, with the independence of blind entries and the head's word on foreign ones."""
    events = _counting_ballot(s, c, no)
    if s.first_release:
        return events
    for entry in events:  # the first entry: a blind one, or the ballot itself
        if isinstance(entry, (cnt.EntrySubmitted, ev.BallotRecorded)):
            break
    if isinstance(entry, cnt.EntrySubmitted) and c.entered_by:
        key, books = (entry.batch, entry.position), s.book(entry.form)
        for station, member in books.entered_by.get(key, {}).items():
            if member == c.entered_by and key in books.pending:
                raise no("double.same_member", batch=entry.batch or "-", position=entry.position,
                         name=name_of(s, member), station=station)
    if c.confirmed_by and c.confirmed_by != s.team_head:
        raise dec.not_head(s, c.confirmed_by, no)
    if not (c.entered_by and entry.invalid_reason in FOREIGN_REASONS):
        return events
    if not c.confirmed_by:
        label = s.pack.reason(entry.invalid_reason)
        raise no("foreign.needs_head", head=name_of(s, s.team_head), id=s.team_head, reason_vi=label.vi, reason_en=label.en)
    at = events.index(entry)
    confirmed = ForeignConfirmed(entry.batch, entry.position, entry.invalid_reason or "", c.confirmed_by, entry.form)
    return events[:at] + (confirmed,) + events[at:]


dec.HANDLERS.update({cmd.RecordBallot: _ballot, SignIn: _sign_in, SignOut: _sign_out, ResetPin: _reset})
dec.ACTOR_RULES.append(_actor_rule)
dec.PRELUDES.append(_sign_in_first)
dec.ANYTIME.update({SignIn.ACTION, SignOut.ACTION, ResetPin.ACTION})
admissible.IMPLIED.update({
    MemberSignedIn: lambda e, a: SignIn(),
    MemberSignedOut: lambda e, a: SignOut(),
    PinReset: lambda e, a: ResetPin(e.member),
    ForeignConfirmed: lambda e, a: cmd.RecordBallot(None, e.invalid_reason, e.batch, e.position, a.station,
                                                    confirmed_by=e.confirmed_by, form=e.form),
})


# --- evolve -----------------------------------------------------------------------------------

def _signed_in(s: SessionState, e: MemberSignedIn, at: str) -> None:
    s.signed_in[e.member] = e.station


def _signed_out(s: SessionState, e: MemberSignedOut, at: str) -> None:
    s.signed_in.pop(e.member, None)


def _pin_reset(s: SessionState, e: PinReset, at: str) -> None:
    s.pin_resets[e.member] = s.seq + 1  # this event's seq: evolve stamps it after applying
    s.signed_in.pop(e.member, None)


evo.APPLY.update({MemberSignedIn: _signed_in, MemberSignedOut: _signed_out, PinReset: _pin_reset,
                  ForeignConfirmed: lambda s, e, at: None})


# --- strings ----------------------------------------------------------------------------------

_STRINGS = {
    "action.signin": ("Đăng nhập máy kiểm phiếu", "Sign in at a station"),
    "action.signout": ("Đăng xuất khỏi máy kiểm phiếu", "Sign out of a station"),
    "action.pin reset": ("Đặt lại mã PIN của thành viên Tổ kiểm phiếu", "Reset a counting-team member's PIN"),
    "station.chair_as_station": ("Chủ trì không được nhập thay máy kiểm phiếu {station}: phiếu do thành viên Tổ kiểm phiếu "
                                 "nhập tại máy của mình.",
                                 "The chair cannot act as counting station {station}: ballots are entered by team "
                                 "members at their own stations."),
    "station.elsewhere": ("{name} đang đăng nhập ở máy {other}; mỗi thành viên chỉ làm ở một máy một lúc. Đăng xuất ở máy "
                          "{other} (signout) hoặc nhờ chủ trì đặt lại mã PIN, rồi mới làm ở máy {station}.",
                          "{name} is signed in at station {other}; a member works one station at a time. Sign out at "
                          "{other} (signout), or have the chair reset the PIN, before working station {station}."),
    "signin.station_only": ("Chỉ thành viên Tổ kiểm phiếu tại máy kiểm phiếu mới đăng nhập, đăng xuất.",
                            "Only a counting-team member at a station signs in or out."),
    "signin.already": ("{name} đã đăng nhập ở máy {station}.", "{name} is already signed in at station {station}."),
    "signout.not_in": ("{name} không đăng nhập ở máy {station}.", "{name} is not signed in at station {station}."),
    "pin_reset.not_member": ("{id} không thuộc Tổ kiểm phiếu đã được thông qua ({team}).",
                             "{id} is not on the approved counting team ({team})."),
    "double.same_member": ("Phiếu số {position} của xấp {batch} đã do {name} nhập ở máy {station}; lần nhập thứ hai phải do "
                           "một thành viên khác, ở máy khác.",
                           "Ballot {position} of batch {batch} was entered by {name} at station {station}; the second "
                           "entry must be by another member at another station."),
    "foreign.needs_head": ("Tính phiếu này là không hợp lệ («{reason_vi}») cần Tổ trưởng {head} xác nhận bằng mã PIN của "
                           "mình (--head {id}, TINNHIEM_HEAD_PIN).",
                           "Counting this ballot invalid (“{reason_en}”) needs head {head} to confirm with their PIN "
                           "(--head {id}, TINNHIEM_HEAD_PIN)."),
    "pin.needed": ("Cần mã PIN của {name}: nhập trên máy kiểm phiếu, hoặc đặt biến môi trường TINNHIEM_PIN.",
                   "{name}'s PIN is needed: type it at the station, or set TINNHIEM_PIN."),
    "pin.head_needed": ("Việc này cần Tổ trưởng {name} xác nhận bằng mã PIN (TINNHIEM_HEAD_PIN).",
                        "This needs head {name} to confirm with their PIN (TINNHIEM_HEAD_PIN)."),
    "pin.wrong": ("Mã PIN của {name} không đúng; còn {left} lần thử trước khi bị khóa một phút.",
                  "Wrong PIN for {name}; {left} tries left before a one-minute lockout."),
    "pin.head_wrong": ("Mã PIN của Tổ trưởng {name} không đúng; còn {left} lần thử trước khi bị khóa một phút.",
                       "Wrong PIN for head {name}; {left} tries left before a one-minute lockout."),
    "pin.locked": ("{name} đã nhập sai mã PIN 5 lần liền: bị khóa, thử lại sau {seconds} giây.",
                   "{name} typed a wrong PIN 5 times in a row: locked out, try again in {seconds} s."),
    "pin.head_unset": ("Tổ trưởng {name} chưa đặt mã PIN: Tổ trưởng đăng nhập máy kiểm phiếu của mình (signin) để đặt trước.",
                       "Head {name} has not set a PIN yet: the head signs in at their own station (signin) first."),
    "pin.bad_form": ("Mã PIN mới của {name} phải gồm {low} đến {high} chữ số.", "{name}'s new PIN must be {low} to {high} digits."),
    "pin.set_race": ("Mã PIN của {name} vừa được đặt ở máy khác; hãy dùng mã đó.",
                     "{name}'s PIN was just set at another terminal; use that one."),
    "event.member_signed_in": ("{member} đăng nhập máy {station}", "{member} signed in at station {station}"),
    "event.member_signed_out": ("{member} đăng xuất khỏi máy {station}", "{member} signed out of station {station}"),
    "event.pin_reset": ("Chủ trì đặt lại mã PIN của {member}", "The chair reset {member}'s PIN"),
    "event.foreign_confirmed": ("Tổ trưởng {confirmed_by} xác nhận phiếu {batch}/{position} không hợp lệ ({invalid_reason})",
                                "Head {confirmed_by} confirmed ballot {batch}/{position} invalid ({invalid_reason})"),
}
register(_STRINGS)
