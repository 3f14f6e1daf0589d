"""Latecomers, and leaving issuing while someone present holds no ballot (DESIGN §7).

A voter may be marked present until issuing ends. After the roll call that is a late
arrival: its own event, so the log and the minutes say who came late. Leaving issuing while
a present voter holds no ballot is refused naming them, unless the chair confirms
(``next --yes``); that is recorded before the step changes, and the minutes name them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from session import admissible
from session import commands as cmd
from session import decide as dec
from session import events as ev
from session import evolve as evo
from session.i18n import register
from session.state import SessionState


@dataclass(frozen=True)
class VotersArrivedLate(ev.Event):
    """Voters marked present after the roll call."""

    TYPE: ClassVar[str] = "voters_late"
    voters: tuple[str, ...]
    """Voter ids."""


@dataclass(frozen=True)
class IssuingLeftUnserved(ev.Event):
    """The chair left issuing although these present voters held no ballot."""

    TYPE: ClassVar[str] = "issuing_left_unserved"
    voters: tuple[str, ...]
    """Voter ids of those present without a ballot."""


for _cls in (VotersArrivedLate, IssuingLeftUnserved):
    ev.register(_cls)


def unserved(s: SessionState) -> tuple[str, ...]:
    """Present voters holding no ballot, in the conference's order."""
    present, issued = s.present, s.issued_to
    return tuple(v.id for v in s.conference.voters if v.id in present and v.id not in issued)


def names(s: SessionState, voters: tuple[str, ...]) -> str:
    """Voters' names for a message."""
    return ", ".join(s.conference.voter(v).name for v in voters)


_on_time = dec.HANDLERS[cmd.MarkPresent]
_plain_advance = dec.HANDLERS[cmd.Advance]


def _present(s: SessionState, c: cmd.MarkPresent, no) -> tuple[ev.Event, ...]:
    events = _on_time(s, c, no)
    if s.step == "roll_call":
        return events
    return (VotersArrivedLate(events[0].voters),)


def _advance(s: SessionState, c: cmd.Advance, no) -> tuple[ev.Event, ...]:
    events = _plain_advance(s, c, no)  # the step's own guards first: they say why it cannot be left at all
    waiting = unserved(s) if s.step == "issuing" else ()
    if not waiting:
        return events
    if not c.anyway:
        raise no("issuing.unserved", count=len(waiting), names=names(s, waiting))
    return (IssuingLeftUnserved(waiting), *events)


def _arrived(s: SessionState, e: VotersArrivedLate, at: str) -> None:
    s.present.update(e.voters)
    s.late = (*s.late, *e.voters)


def _left(s: SessionState, e: IssuingLeftUnserved, at: str) -> None:
    s.unserved = e.voters


dec.HANDLERS.update({cmd.MarkPresent: _present, cmd.Advance: _advance})
evo.APPLY.update({VotersArrivedLate: _arrived, IssuingLeftUnserved: _left})
admissible.IMPLIED.update({
    VotersArrivedLate: lambda e, a: cmd.MarkPresent(e.voters),
    IssuingLeftUnserved: lambda e, a: cmd.Advance(anyway=True),
})

STRINGS = {
    "issuing.unserved": ("Còn {count} người có mặt chưa nhận phiếu: {names}. Phát phiếu cho họ, hoặc xác nhận vẫn sang bước tiếp.",
                         "{count} present still hold no ballot: {names}. Issue theirs, or confirm leaving anyway."),
    "doc.m_late": ("Đến muộn ({n}): {names}.", "Arrived late ({n}): {names}."),
    "doc.m_unserved": ("Có mặt nhưng không nhận phiếu khi kết thúc phát phiếu ({n}): {names}.",
                       "Present but holding no ballot when issuing ended ({n}): {names}."),
    "event.voters_late": ("Đến muộn, có mặt: {voters}", "Arrived late, present: {voters}"),
    "event.issuing_left_unserved": ("Kết thúc phát phiếu khi còn người có mặt chưa nhận phiếu: {voters}",
                                    "Issuing ended with people present holding no ballot: {voters}"),
}
"""This module's messages: (Vietnamese, English)."""
register(STRINGS)
