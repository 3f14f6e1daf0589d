"""Commands: one frozen dataclass per thing a person can ask.

``ACTION`` on each class is the agenda table's action name (and the CLI's verb).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Self

from session.frozen import quick_init


@dataclass(frozen=True)
class Command:
    """Base of every command."""

    ACTION: ClassVar[str] = ""

    def but(self, **changes: object) -> Self:
        """This command with ``changes``: ``dataclasses.replace`` without its walk over the fields, as the actor rules
        run once per event of every replay. Commands are plain frozen dataclasses (no ``__post_init__``), so the
        copy is what ``replace`` would build."""
        if not changes.keys() <= self.__dict__.keys():
            raise TypeError(f"{type(self).__name__} has no field {sorted(changes.keys() - self.__dict__.keys())}")
        new = object.__new__(type(self))
        new.__dict__.update(self.__dict__, **changes)
        return new


@dataclass(frozen=True)
class Advance(Command):
    """Leave the current step for the next one, if its guard holds."""

    ACTION: ClassVar[str] = "next"
    anyway: bool = False
    """Leave issuing even though a present voter holds no ballot (``next --yes``); recorded, and named in the minutes."""


@dataclass(frozen=True)
class MarkPresent(Command):
    """Check voters off as present at roll call."""

    ACTION: ClassVar[str] = "present"
    voters: tuple[str, ...]
    """Voter ids."""


@dataclass(frozen=True)
class MarkAbsent(Command):
    """Undo a present check-off made in error."""

    ACTION: ClassVar[str] = "absent"
    voters: tuple[str, ...]
    """Voter ids."""


@dataclass(frozen=True)
class ProposeTeam(Command):
    """The chair introduces the counting team (replaces an earlier proposal)."""

    ACTION: ClassVar[str] = "team propose"
    members: tuple[str, ...]
    """Voter ids of the members."""
    head: str
    """Voter id of the head (tổ trưởng)."""


@dataclass(frozen=True)
class ApproveTeam(Command):
    """Record the show-of-hands vote on the proposed team."""

    ACTION: ClassVar[str] = "team approve"
    votes_for: int
    """Hands for."""
    votes_against: int = 0
    """Hands against."""
    abstain: int = 0
    """Abstentions."""


@dataclass(frozen=True)
class FixNominees(Command):
    """APPOINT: fix the final list of nominees (persons in ballot order)."""

    ACTION: ClassVar[str] = "nominees"
    persons: tuple[str, ...] = ()
    """Person ids kept on the list; empty keeps everyone on the ballot."""


@dataclass(frozen=True)
class IssueBallots(Command):
    """Hand ballots to present voters, one each."""

    ACTION: ClassVar[str] = "issue"
    voters: tuple[str, ...] = ()
    """Voter ids; empty with ``all_present`` issues to everyone present not yet served."""
    all_present: bool = False
    """Issue to every present voter who has no ballot yet."""
    form: str = ""
    """Ballot form id; "" for the only form (with several forms: every form)."""


@dataclass(frozen=True)
class ExchangeSpoiled(Command):
    """A voter hands back a spoiled ballot and gets a fresh one; the issued count is unchanged."""

    ACTION: ClassVar[str] = "spoil"
    voter: str
    """Voter id (must already hold a ballot)."""
    form: str = ""
    """Ballot form id; "" for the only form."""


@dataclass(frozen=True)
class RecordReturned(Command):
    """Close the collection with the number of ballots taken out of the box."""

    ACTION: ClassVar[str] = "return"
    count: int
    """Ballots returned (số phiếu thu về)."""
    form: str = ""
    """Ballot form id; "" for the only form."""


@quick_init  # built for every ballot of every load
@dataclass(frozen=True)
class RecordBallot(Command):
    """Enter one ballot: its marks string, or a whole-ballot invalid reason."""

    ACTION: ClassVar[str] = "ballot"
    marks: str | None = None
    """The marks string as typed (``1123x0``); None for a whole invalid ballot."""
    invalid_reason: str | None = None
    """Reason key or text for a whole invalid ballot."""
    batch: str = ""
    """Batch code; empty for the default batch."""
    position: int | None = None
    """Position within the batch; None takes the next one."""
    station: str = ""
    """Station name entering it."""
    entered_by: str = ""
    """Voter id of the member at the station (filled from the station's actor)."""
    confirmed_by: str = ""
    """Voter id of the team head confirming a foreign ballot counted as invalid (a station's entry)."""
    form: str = ""
    """Ballot form id; "" for the only form."""
    image: str = ""
    """The scan it was read from (``session.scanning.image_parts``); "" when typed off the paper."""


@dataclass(frozen=True)
class CorrectBallot(Command):
    """Replace a committed ballot's entry, with a reason, confirmed by the team head."""

    ACTION: ClassVar[str] = "correct"
    position: int
    """Position within the batch."""
    because: str
    """Why the entry is corrected."""
    marks: str | None = None
    """New marks; None with ``invalid_reason`` for a whole invalid ballot."""
    invalid_reason: str | None = None
    """New whole-ballot invalid reason."""
    batch: str = ""
    """Batch code."""
    confirmed_by: str = ""
    """Voter id of the team head confirming."""
    form: str = ""
    """Ballot form id; "" for the only form."""


@dataclass(frozen=True)
class SignMinutes(Command):
    """A counting-team member signs the minutes."""

    ACTION: ClassVar[str] = "sign"
    member: str
    """Voter id of the member."""


@dataclass(frozen=True)
class AnnounceResults(Command):
    """Announce the results to the conference (irreversible)."""

    ACTION: ClassVar[str] = "announce"


@dataclass(frozen=True)
class SealBallots(Command):
    """Seal the ballots and hand them and the minutes over (irreversible)."""

    ACTION: ClassVar[str] = "seal"
    to: str
    """Who receives them (e.g. "Văn phòng Ban")."""
