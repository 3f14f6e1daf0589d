"""Events: one frozen dataclass per thing that happened, with a stable type name and version.

``Recorded`` is the envelope the log stores: seq, time, actor, payload and the hash
chain. Older payload versions are brought up to date by ``UPCASTERS`` on read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, asdict, dataclass
from functools import cache
from typing import Any, ClassVar

from session.frozen import plain_fields, quick_init

ONE_FORM = frozenset({"form"})
"""The optional field of every event about one ballot form."""
SCANNED = frozenset({"form", "image"})
"""The optional fields of an entry: its form and the scan it was read from."""


@dataclass(frozen=True)
class Event:
    """Base of every event; ``TYPE`` and ``VERSION`` are what the log stores."""

    TYPE: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1
    OPTIONAL: ClassVar[frozenset[str]] = frozenset()
    """Fields left out of the payload while they hold "" (a ballot form's id in a single-form session): a log
    written before the field existed reads the same, byte for byte, as one written after."""

    def payload(self) -> dict[str, Any]:
        """The event's fields as JSON-ready data (an ``OPTIONAL`` field only when it is not "")."""
        data = asdict(self)
        for name in self.OPTIONAL:
            if data.get(name) == "":
                del data[name]
        return data


@dataclass(frozen=True)
class SessionCreated(Event):
    """The session exists; carries the whole conference so the log stands alone."""

    TYPE: ClassVar[str] = "session_created"
    VERSION: ClassVar[int] = 2
    session_id: str
    """Id of this session."""
    launch_code: str
    """Random code read aloud at the opening: nobody can have precomputed the log."""
    conference: dict[str, Any]
    """The conference file as plain data."""
    eligibility: str = "pack"
    """Who is left off the ballot: ``pack`` (each pack's own exclusions) or the first release's ``months_in_post``."""


@dataclass(frozen=True)
class StepEntered(Event):
    """The agenda moved to ``step``."""

    TYPE: ClassVar[str] = "step_entered"
    step: str
    """Step id."""


@dataclass(frozen=True)
class VotersMarkedPresent(Event):
    """Voters checked off as present."""

    TYPE: ClassVar[str] = "voters_present"
    voters: tuple[str, ...]
    """Voter ids."""


@dataclass(frozen=True)
class VotersMarkedAbsent(Event):
    """Present check-offs undone."""

    TYPE: ClassVar[str] = "voters_absent"
    voters: tuple[str, ...]
    """Voter ids."""


@dataclass(frozen=True)
class TeamProposed(Event):
    """The chair introduced the counting team."""

    TYPE: ClassVar[str] = "team_proposed"
    members: tuple[str, ...]
    """Voter ids."""
    head: str
    """Voter id of the head."""


@dataclass(frozen=True)
class TeamVoted(Event):
    """The show-of-hands vote on the team; ``approved`` is decided by the pack's rule."""

    TYPE: ClassVar[str] = "team_voted"
    votes_for: int
    """Hands for."""
    votes_against: int
    """Hands against."""
    abstain: int
    """Abstentions."""
    approved: bool
    """Whether the team was approved."""


@dataclass(frozen=True)
class NomineesFixed(Event):
    """APPOINT: the list of nominees is final."""

    TYPE: ClassVar[str] = "nominees_fixed"
    persons: tuple[str, ...]
    """Person ids in ballot order."""


@dataclass(frozen=True)
class BallotsIssued(Event):
    """Ballots handed to voters, one each."""

    OPTIONAL: ClassVar[frozenset[str]] = ONE_FORM
    TYPE: ClassVar[str] = "ballots_issued"
    voters: tuple[str, ...]
    """Voter ids."""
    form: str = ""
    """Ballot form id; "" (left out of the payload) in a single-form session and in older logs: the only form."""


@dataclass(frozen=True)
class SpoiledExchanged(Event):
    """A spoiled ballot taken back and replaced; the issued count is unchanged."""

    OPTIONAL: ClassVar[frozenset[str]] = ONE_FORM
    TYPE: ClassVar[str] = "spoiled_exchanged"
    voter: str
    """Voter id."""
    form: str = ""
    """Ballot form id; "" (left out of the payload) in a single-form session and in older logs: the only form."""


@dataclass(frozen=True)
class ReturnedRecorded(Event):
    """The collection closed with this many ballots out of the box."""

    OPTIONAL: ClassVar[frozenset[str]] = ONE_FORM
    TYPE: ClassVar[str] = "returned_recorded"
    count: int
    """Ballots returned."""
    form: str = ""
    """Ballot form id; "" (left out of the payload) in a single-form session and in older logs: the only form."""


@quick_init  # built for every ballot of every load
@dataclass(frozen=True)
class BallotRecorded(Event):
    """One ballot entered and counted."""

    OPTIONAL: ClassVar[frozenset[str]] = SCANNED
    TYPE: ClassVar[str] = "ballot_recorded"
    batch: str
    """Batch code ("" for the default batch)."""
    position: int
    """Position within the batch, in counting order."""
    marks: str | None
    """Marks string, or None for a whole invalid ballot."""
    invalid_reason: str | None = None
    """Reason key for a whole invalid ballot."""
    form: str = ""
    """Ballot form id; "" (left out of the payload) in a single-form session and in older logs: the only form."""
    image: str = ""
    """The scan's sha256 (``sha#page`` for a page of a file, parts joined by ``,``); "" (left out) when typed."""


@dataclass(frozen=True)
class BallotCorrected(Event):
    """A committed ballot's entry replaced, with the reason and who confirmed it."""

    OPTIONAL: ClassVar[frozenset[str]] = ONE_FORM
    TYPE: ClassVar[str] = "ballot_corrected"
    batch: str
    """Batch code."""
    position: int
    """Position within the batch."""
    marks: str | None
    """New marks, or None for a whole invalid ballot."""
    invalid_reason: str | None
    """New whole-ballot invalid reason."""
    because: str
    """Why it was corrected."""
    confirmed_by: str
    """Voter id of the team head."""
    form: str = ""
    """Ballot form id; "" (left out of the payload) in a single-form session and in older logs: the only form."""


@dataclass(frozen=True)
class MinutesSigned(Event):
    """A team member signed the counting minutes."""

    TYPE: ClassVar[str] = "minutes_signed"
    member: str
    """Voter id."""


@dataclass(frozen=True)
class ResultsAnnounced(Event):
    """The results were announced to the conference."""

    TYPE: ClassVar[str] = "results_announced"


@dataclass(frozen=True)
class BallotsSealed(Event):
    """The ballots were sealed and handed over with the minutes."""

    TYPE: ClassVar[str] = "ballots_sealed"
    to: str
    """Who received them."""


REGISTRY: dict[str, type[Event]] = {}
"""Event classes by stable type name."""
UPCASTERS: dict[tuple[str, int], Callable[[dict[str, Any]], dict[str, Any]]] = {}
"""(type, version) → function bringing a payload to the next version."""


def register(cls: type[Event]) -> type[Event]:
    """Add an event class to the registry (its TYPE must be unique)."""
    if cls.TYPE in REGISTRY:
        raise ValueError(f"duplicate event type {cls.TYPE}")
    REGISTRY[cls.TYPE] = cls
    return cls


for _cls in (SessionCreated, StepEntered, VotersMarkedPresent, VotersMarkedAbsent, TeamProposed, TeamVoted, NomineesFixed,
             BallotsIssued, SpoiledExchanged, ReturnedRecorded, BallotRecorded, BallotCorrected, MinutesSigned,
             ResultsAnnounced, BallotsSealed):
    register(_cls)


def decode(type_name: str, version: int, payload: dict[str, Any]) -> Event:
    """The event object for a stored payload, upcast to the current version."""
    cls = REGISTRY.get(type_name)
    if cls is None:
        raise KeyError(type_name)
    while version < cls.VERSION:
        payload = UPCASTERS[(type_name, version)](payload)
        version += 1
    defaults, required = _shape(cls)
    values = {k: tuple(v) if isinstance(v, list) and k != "conference" else v for k, v in payload.items() if k in defaults}
    if not required <= values.keys():
        raise TypeError(f"{cls.__name__} lacks {', '.join(sorted(required - values.keys()))}")
    # What the frozen dataclass's __init__ builds (its fields are plain, as _shape checks), without its
    # object.__setattr__ per field: every load decodes every event.
    event = object.__new__(cls)
    event.__dict__.update(defaults)
    event.__dict__.update(values)
    return event


@cache
def _shape(cls: type[Event]) -> tuple[dict[str, Any], frozenset[str]]:
    """(every field → its default, or None for a required one; the required fields) of ``cls``, found once."""
    every = plain_fields(cls)
    defaults = {f.name: None if f.default is MISSING else f.default for f in every}
    return defaults, frozenset(f.name for f in every if f.default is MISSING)


@dataclass(frozen=True)
class Actor:
    """Who did it: the role, the person's name or id, and the station."""

    role: str
    """``chair``, ``station``, ``system``."""
    name: str = ""
    """Voter id or name of the person acting."""
    station: str = ""
    """Station name, for counting stations."""

    def as_dict(self) -> dict[str, str]:
        """Plain data for the log."""
        return {"role": self.role, "name": self.name, "station": self.station}


CHAIR = Actor("chair")
"""The chair console's actor."""


class _DecodedOnce:
    """``Recorded.event``: decoded on the first read into the record's own dict, where every later read finds it
    as a plain attribute (``functools.cached_property``, without the lock Python 3.11 takes on each first read)."""

    def __get__(self, rec: Recorded | None, owner: type | None = None) -> Event:
        if rec is None:
            return self  # type: ignore[return-value]
        event = rec.__dict__["event"] = decode(rec.type, rec.version, rec.payload)
        return event


@dataclass(frozen=True, init=False)
class Recorded:
    """One stored event: the envelope the hash chain covers."""

    seq: int
    """1…n, no gaps."""
    type: str
    """Stable event type name."""
    version: int
    """Payload version."""
    at: str
    """ISO 8601 time from the session's clock."""
    actor: dict[str, str]
    """Who did it (``Actor.as_dict``)."""
    payload: dict[str, Any]
    """The event's fields."""
    prev_hash: str
    """Hash of the previous event (64 zeros for the first)."""
    hash: str
    """sha256(prev_hash ‖ canonical JSON of everything else)."""

    def __init__(self, seq: int, type: str, version: int, at: str, actor: dict[str, str],  # noqa: A002
                 payload: dict[str, Any], prev_hash: str, hash: str):  # noqa: A002
        # One update of the instance's dict, not the eight object.__setattr__ calls of a frozen dataclass's
        # __init__: every load builds one per event.
        self.__dict__.update(seq=seq, type=type, version=version, at=at, actor=actor, payload=payload,
                             prev_hash=prev_hash, hash=hash)

    event = _DecodedOnce()
    """The decoded event (decoded on first read)."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data as exported to JSONL."""
        return {"seq": self.seq, "type": self.type, "version": self.version, "at": self.at, "actor": self.actor,
                "payload": self.payload, "prev_hash": self.prev_hash, "hash": self.hash}

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Recorded:
        """Read one exported event back (no check; see ``log.verify``)."""
        return Recorded(data["seq"], data["type"], data["version"], data["at"], data["actor"], data["payload"],
                        data["prev_hash"], data["hash"])
