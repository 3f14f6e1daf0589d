"""SessionState: the read model every screen renders, folded from the log by ``evolve``."""

from __future__ import annotations

from dataclasses import dataclass, field

from session.ballots import Outcome
from session.conference import Conference
from session.tally import Tally


@dataclass
class Entry:
    """One committed ballot entry, kept so a correction can take it back out of the tally."""

    marks: str | None
    """Marks string, or None for a whole invalid ballot."""
    reason: str | None
    """Whole-ballot invalid reason key."""
    outcome: Outcome
    """How it counts."""


@dataclass
class SessionState:
    """Everything recorded so far; ``evolve`` is the only writer."""

    session_id: str
    """Id of the session."""
    launch_code: str
    """Code read aloud at the opening."""
    conference: Conference
    """The conference definition after eligibility."""
    step: str = "prepared"
    """Current agenda step id."""
    step_times: dict[str, str] = field(default_factory=dict)
    """Step id → time it was entered."""
    present: set[str] = field(default_factory=set)
    """Voter ids checked off as present."""
    late: tuple[str, ...] = ()
    """Voter ids marked present after the roll call, in the order they came."""
    unserved: tuple[str, ...] = ()
    """Voters present but holding no ballot when the chair left issuing anyway (``next --yes``)."""
    team: tuple[str, ...] = ()
    """Proposed or approved counting team (voter ids)."""
    team_head: str = ""
    """Voter id of the head."""
    team_approved: bool = False
    """Whether the proposed team was approved by the conference."""
    team_vote: tuple[int, int, int] | None = None
    """Last show-of-hands vote (for, against, abstain)."""
    nominees: tuple[str, ...] | None = None
    """APPOINT: the fixed list of person ids, once fixed."""
    issued_to: set[str] = field(default_factory=set)
    """Voter ids holding a ballot (never linked to a ballot's content)."""
    spoiled: int = 0
    """Spoiled ballots exchanged."""
    returned: int | None = None
    """Ballots returned, once the collection is closed."""
    tally: Tally = field(default=None)  # type: ignore[assignment]
    """Counts of entered ballots."""
    entries: dict[tuple[str, int], Entry] = field(default_factory=dict)
    """Committed entries by (batch, position)."""
    last_position: dict[str, int] = field(default_factory=dict)
    """Batch code → highest position entered in it."""
    corrections: int = 0
    """Recorded corrections."""
    entry_mode: str | None = None
    """``single`` or ``double`` once the chair chose; None follows the conference file."""
    batches: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Batch code → stations that took it up, in order."""
    pending: dict[tuple[str, int], dict[str, tuple[str | None, str | None]]] = field(default_factory=dict)
    """Double entry: (batch, position) → station → (marks, reason) not yet confirmed; never in the tally."""
    submitted: dict[tuple[str, str], int] = field(default_factory=dict)
    """Double entry: (batch, station) → highest position that station has entered."""
    resolved: dict[tuple[str, int], dict[str, tuple[str | None, str | None]]] = field(default_factory=dict)
    """Double entry: mismatches the team head decided, with the two entries as they were."""
    entered_by: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)
    """Double entry: (batch, position) → station → voter id of the member who entered it there."""
    signed_in: dict[str, str] = field(default_factory=dict)
    """Counting-team member → the station they are signed in at (one at a time)."""
    pin_resets: dict[str, int] = field(default_factory=dict)
    """Member → seq of the chair's last reset of their PIN: a PIN set before it no longer counts."""
    signed: set[str] = field(default_factory=set)
    """Team members who signed the minutes."""
    announced_at: str | None = None
    """When the results were announced."""
    sealed_to: str | None = None
    """Who received the sealed ballots."""
    seq: int = 0
    """Seq of the last event folded in."""
    head_hash: str = "0" * 64
    """Hash of the last event folded in."""
    counted: tuple[int, str] | None = None
    """(seq, hash) of the event that closed the count (entering `minutes`): what the minutes are drawn up at."""
    created_at: str = ""
    """Time of the first event."""
    first_release: bool = False
    """The log began under the first release (``session_created`` v1): station trust did not exist then, so a
    replay or ``verify`` holds its stations to that release's rules, not to sign-ins and independence."""

    def __post_init__(self) -> None:
        if self.tally is None:
            pack = self.conference.pack
            self.tally = Tally(len(self.conference.persons), len(pack.levels))

    @property
    def pack(self):
        """The rule pack in force."""
        return self.conference.pack

    @property
    def ballot_persons(self):
        """Persons on the ballot in order: the fixed nominees under APPOINT, else all eligible."""
        persons = self.conference.persons
        if self.nominees is None:
            return persons
        return tuple(p for p in persons if p.id in self.nominees)

    @property
    def convened(self) -> int:
        """Voters convened."""
        return self.conference.convened

    @property
    def issued(self) -> int:
        """Ballots issued."""
        return len(self.issued_to)

    @property
    def entered(self) -> int:
        """Ballots entered so far."""
        return self.tally.entered

    @property
    def double_entry(self) -> bool:
        """Whether batches are entered blind by two stations."""
        return self.entry_mode == "double" if self.entry_mode else self.conference.double_entry

    def next_position(self, batch: str) -> int:
        """Next free position in ``batch``."""
        return self.last_position.get(batch, 0) + 1
