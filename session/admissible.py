"""Admissibility: a log checks only if the rules could have written it, event by event.

A hash chain proves only that nobody changed the log *after* it was hashed: anyone who
knows the recipe can append ballots after ``closed`` and hash them again. So each event
is also checked against the state before it: the command it implies is rebuilt
(``IMPLIED``) and put to ``decide`` as its actor; the event must be the one ``decide``
produces there. A command that produces several events (announce → announced + step)
is checked as a whole: the events after the first must follow, in order, from the same
actor at the same time. The rules live in ``decide`` alone; nothing here repeats them.

``Checker`` does this incrementally: a reader folds the log once at load, then only
the events that arrive; its state is the reader's state.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields

from session import commands as cmd
from session import counting as cnt
from session import events as ev
from session.decide import decide
from session.errors import SessionError, TamperDetected
from session.events import Recorded
from session.evolve import evolve, start
from session.log import GENESIS, Verdict, chain_break
from session.state import SessionState


def _member(who: ev.Actor) -> str:
    """The member a station's command is entered by (none for the chair)."""
    return who.name if who.role == "station" else ""


IMPLIED: dict[type, Callable[[ev.Event, ev.Actor], cmd.Command]] = {
    ev.StepEntered: lambda e, a: cmd.Advance(),
    ev.VotersMarkedPresent: lambda e, a: cmd.MarkPresent(e.voters),
    ev.VotersMarkedAbsent: lambda e, a: cmd.MarkAbsent(e.voters),
    ev.TeamProposed: lambda e, a: cmd.ProposeTeam(e.members, e.head),
    ev.TeamVoted: lambda e, a: cmd.ApproveTeam(e.votes_for, e.votes_against, e.abstain),
    ev.NomineesFixed: lambda e, a: cmd.FixNominees(e.persons),
    ev.BallotsIssued: lambda e, a: cmd.IssueBallots(e.voters, form=e.form),
    ev.SpoiledExchanged: lambda e, a: cmd.ExchangeSpoiled(e.voter, e.form),
    ev.ReturnedRecorded: lambda e, a: cmd.RecordReturned(e.count, e.form),
    ev.BallotRecorded: lambda e, a: cmd.RecordBallot(e.marks, e.invalid_reason, e.batch, e.position, a.station,
                                                     _member(a), "", e.form, e.image),
    ev.BallotCorrected: lambda e, a: cmd.CorrectBallot(e.position, e.because, e.marks, e.invalid_reason, e.batch,
                                                       e.confirmed_by, e.form),
    ev.MinutesSigned: lambda e, a: cmd.SignMinutes(e.member),
    ev.ResultsAnnounced: lambda e, a: cmd.AnnounceResults(),
    ev.BallotsSealed: lambda e, a: cmd.SealBallots(e.to),
    cnt.EntryModeSet: lambda e, a: cnt.SetEntryMode(e.double),
    cnt.BatchOpened: lambda e, a: cnt.OpenBatch(e.batch, e.station, e.form),
    cnt.EntrySubmitted: lambda e, a: cmd.RecordBallot(e.marks, e.invalid_reason, e.batch, e.position, e.station,
                                                      e.member, "", e.form, e.image),
    cnt.MismatchResolved: lambda e, a: cnt.ResolveMismatch(e.position, e.batch, e.marks, e.invalid_reason,
                                                           e.confirmed_by, e.form),
}
"""Event class → the command that records it (first of its command's events). Extensions register here too.
A ballot's command names its member as the station's actor rule completes it (the rule then has nothing to copy)."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while a log is read and folded: the fold builds thousands of objects
    that all live on in the state, and the collector would walk them again and again, finding no garbage."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Inadmissible(Exception):
    """Why one event is not what the rules would have recorded: a message key and its params."""

    def __init__(self, key: str, refusal: SessionError | None = None, **params: object):
        super().__init__(key)
        self.key, self.refusal, self.params = key, refusal, params


class Checker:
    """Folds a log, checking each event's place in the chain and that ``decide`` would have produced it."""

    def __init__(self) -> None:
        self.state: SessionState | None = None
        """The state after the last event that checks (None before the first)."""
        self.verdict = Verdict(True, 0, GENESIS)
        """What was found so far; once broken it stays broken."""
        self._expected: list[ev.Event] = []
        self._group: tuple[str, dict[str, str]] | None = None  # (at, actor) of the command whose events are awaited
        self._actors: dict[tuple[str, str, str], ev.Actor] = {}  # a log has a handful of actors, on thousands of events

    @property
    def ok(self) -> bool:
        """True while every event fed so far checks."""
        return self.verdict.ok

    def feed(self, records: Iterable[Recorded]) -> Verdict:
        """Check and fold ``records``, which follow those fed before; the verdict over everything fed."""
        if not self.verdict.ok:
            return self.verdict
        with collector_paused():
            return self._feed(records if isinstance(records, list) else list(records))

    def _feed(self, records: list[Recorded]) -> Verdict:
        count, prev = self.verdict.count, self.verdict.head
        # What needs no state is checked first, each check in its own tight loop (about twice as fast as between
        # the rules' work): the chain, then the fields of the events before any break; the rules then run up to
        # the first event either check refused. The first event that fails is still the one named.
        upto, failure = len(records), None
        broken = chain_break(records, count, prev)
        if broken is not None:
            upto, failure = broken[0], Inadmissible(broken[1])
        undecodable = _decode_break(records[:upto])
        if undecodable is not None:
            upto, failure = undecodable
        for rec in records[:upto]:
            try:
                self._admit(rec)
            except Inadmissible as why:
                return self._refuse(count, prev, rec.seq, why)
            count, prev = rec.seq, rec.hash
        if failure is not None:
            return self._refuse(count, prev, records[upto].seq, failure)
        if self._expected:  # a command's events are appended in one transaction: a missing one was removed
            return self._refuse(count, prev, None, Inadmissible("log.cut_short", type=self._expected[0].TYPE))
        self.verdict = Verdict(True, count, prev)
        return self.verdict

    def _refuse(self, count: int, prev: str, seq: int | None, why: Inadmissible) -> Verdict:
        self.verdict = Verdict(False, count, prev, count + 1, seq, why.key, why.refusal, why.params)
        return self.verdict

    def trust(self, records: Iterable[Recorded]) -> None:
        """Fold records this writer has just decided and appended itself: deciding them again would prove nothing."""
        for rec in records:
            evolve(self.state, rec)
            self.verdict = Verdict(True, rec.seq, rec.hash)

    def _admit(self, rec: Recorded) -> None:
        event = rec.event  # decoded and checked by _decode_break
        if self.state is None:
            if not isinstance(event, ev.SessionCreated):
                raise Inadmissible("log.bad_start")
            self.state = start(rec)
            return
        if self._expected:
            if (rec.at, rec.actor) != self._group or event != self._expected[0]:
                raise Inadmissible("log.not_decided", type=rec.type, expected=self._expected[0].TYPE)
            self._expected.pop(0)
        else:
            produced = _decided(self.state, event, rec, self._actor(rec.actor))
            if not produced or produced[0] != event:
                raise Inadmissible("log.not_decided", type=rec.type, expected=produced[0].TYPE if produced else "—")
            if len(produced) > 1:
                self._expected, self._group = list(produced[1:]), (rec.at, rec.actor)
        evolve(self.state, rec)

    def _actor(self, actor: object) -> ev.Actor:
        """The record's actor as ``decide`` takes it: its role, name and station as text."""
        parts = actor if isinstance(actor, dict) else {}
        key = str(parts.get("role", "")), str(parts.get("name", "")), str(parts.get("station", ""))
        who = self._actors.get(key)
        if who is None:
            who = self._actors[key] = ev.Actor(*key)
        return who


def _decode_break(records: list[Recorded]) -> tuple[int, Inadmissible] | None:
    """The first of ``records`` whose event cannot be decoded as written (its index and why), or None."""
    for i, rec in enumerate(records):
        try:
            _decoded(rec)
        except Inadmissible as why:
            return i, why
    return None


def _decoded(rec: Recorded) -> ev.Event:
    """The event, refusing a type, version or field set this code would never have written."""
    cls = ev.REGISTRY.get(rec.type)
    if cls is None or not isinstance(rec.payload, dict) or not 1 <= rec.version <= cls.VERSION:
        raise Inadmissible("log.unknown_event", type=rec.type, version=rec.version)
    if rec.version == cls.VERSION and not _fields_as_written(cls, rec.payload):
        raise Inadmissible("log.bad_fields", type=rec.type)
    try:
        return rec.event
    except (KeyError, TypeError, ValueError) as exc:
        raise Inadmissible("log.bad_fields", type=rec.type, detail=str(exc)) from None


def _fields_as_written(cls: type[ev.Event], payload: dict) -> bool:
    """Every field, but an optional one exactly when it is not "" (as ``Event.payload`` writes it)."""
    required, names = _names(cls)
    if not required <= payload.keys() <= names:
        return False
    for k in cls.OPTIONAL:
        if payload.get(k) == "":
            return False
    return True


_NAMES: dict[type, tuple[frozenset[str], frozenset[str]]] = {}


def _names(cls: type[ev.Event]) -> tuple[frozenset[str], frozenset[str]]:
    """(the fields a payload must have, every field it may have) of ``cls``, found once per class."""
    if cls not in _NAMES:
        names = frozenset(f.name for f in fields(cls))
        _NAMES[cls] = names - cls.OPTIONAL, names
    return _NAMES[cls]


def _decided(state: SessionState, event: ev.Event, rec: Recorded, who: ev.Actor) -> tuple[ev.Event, ...]:
    """What ``decide`` records for the command ``event`` implies, asked by ``who``, the record's actor."""
    imply = IMPLIED.get(type(event))
    if imply is None or who.role not in ("chair", "station"):
        raise Inadmissible("log.not_decided", type=rec.type, expected="—")
    try:
        return decide(state, imply(event, who), who)
    except SessionError as refusal:
        raise Inadmissible("log.refused", refusal) from None
    except (TypeError, ValueError, KeyError, AttributeError) as exc:  # a payload of the right keys but wrong kinds
        raise Inadmissible("log.bad_fields", type=rec.type, detail=str(exc)) from None


def check(records: Iterable[Recorded]) -> Verdict:
    """The verdict over a whole log: chain and rules."""
    return Checker().feed(records)


def checked_replay(records: Iterable[Recorded]) -> SessionState:
    """The state a whole log folds to; ``TamperDetected`` naming the first event that does not check, or an empty log."""
    checker = Checker()
    verdict = checker.feed(records)
    if not verdict.ok or checker.state is None:
        raise TamperDetected.of(verdict if not verdict.ok else Verdict(False, 0, GENESIS, 1, None, "log.empty"))
    return checker.state
