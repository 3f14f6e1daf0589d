"""SessionState: the read model every screen renders, folded from the log by ``evolve``."""

from __future__ import annotations

from dataclasses import dataclass, field

from session.ballots import Outcome
from session.conference import Conference, Form, Person
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


@dataclass(frozen=True)
class Held:
    """A scanned ballot the machine was not sure of, kept at its place in the batch until a person decides it."""

    station: str
    """The scanner's station."""
    member: str
    """Voter id of the member running the scanner."""
    image: str
    """The scan it was read from (``sha256`` or ``sha256#page``, parts joined by ``,``)."""
    guess: str
    """The machine's guess, one character per person (``?`` where it has none)."""
    unsure: tuple[int, ...]
    """Rows (0-based, in the form's order) left for a person."""
    crops: tuple[str, ...]
    """sha256 of the picture of each unsure row, in the order of ``unsure`` (empty when the scan could not be aligned)."""


@dataclass
class Books:
    """One ballot form's books: what was issued, returned and entered of that form, and its counting."""

    form: Form
    """The form."""
    persons: tuple[Person, ...]
    """Persons on this form's ballot in order (under APPOINT, the fixed nominees once fixed)."""
    levels: int
    """Boxes per row under the pack."""
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
    held: dict[tuple[str, int], Held] = field(default_factory=dict)
    """Scanned ballots held for a person, by (batch, position); an entry there by the scanner's station settles it."""

    def __post_init__(self) -> None:
        if self.tally is None:
            self.tally = Tally(len(self.persons), self.levels)

    @property
    def id(self) -> str:
        """The form's id."""
        return self.form.id

    @property
    def issued(self) -> int:
        """Ballots of this form issued."""
        return len(self.issued_to)

    @property
    def entered(self) -> int:
        """Ballots of this form entered so far."""
        return self.tally.entered

    def next_position(self, batch: str) -> int:
        """Next free position in ``batch`` of this form."""
        return self.last_position.get(batch, 0) + 1

    def open_holds(self) -> dict[tuple[str, int], Held]:
        """Held ballots not yet settled: nothing entered at their place by their station."""
        return {key: h for key, h in self.held.items()
                if key not in self.entries and h.station not in self.pending.get(key, {})}

    @property
    def claimed(self) -> int:
        """Places taken so far: ballots entered, awaiting their other blind entry, or held for a person."""
        held = sum(1 for key in self.open_holds() if key not in self.pending) if self.held else 0
        return self.entered + len(self.pending) + held


def _main(name: str, doc: str) -> property:
    """A read-only view of the first form's field ``name`` (what a single-form session has always had)."""
    return property(lambda self: getattr(self.main, name), doc=doc)


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
    books: dict[str, Books] = field(default_factory=dict)
    """Form id → that form's books, in the conference's form order (one form unless the file has ``[[forms]]``)."""
    entry_mode: str | None = None
    """``single`` or ``double`` once the chair chose; None follows the conference file."""
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
    shown: tuple[str, ...] | None = None
    """Person ids the hall's projector shows, on the chair's key (None: the first person, as announced)."""
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
        if not self.books:
            levels = len(self.conference.pack.levels)
            self.books = {f.id: Books(f, f.persons, levels) for f in self.conference.forms}

    @property
    def main(self) -> Books:
        """The first form's books: a single-form session's only books."""
        return next(iter(self.books.values()))

    @property
    def several_forms(self) -> bool:
        """Whether the session has more than one ballot form."""
        return len(self.books) > 1

    def book(self, form: str | None) -> Books | None:
        """The books of ``form`` ("" or None: the only form's, None when there are several); None if unknown."""
        if not form:
            return None if self.several_forms else self.main
        found = self.books.get(form)
        if found is None and not self.several_forms and form == self.main.id:
            return self.main
        return found

    def form_field(self, books: Books) -> str:
        """What events write for ``books``' form: "" in a single-form session (so its logs read as they always did)."""
        return books.id if self.several_forms else ""

    # The first form's books, by the names a single-form session has always used.
    issued_to = _main("issued_to", "The first form's: voter ids holding a ballot.")
    spoiled = _main("spoiled", "The first form's: spoiled ballots exchanged.")
    returned = _main("returned", "The first form's: ballots returned, once recorded.")
    tally = _main("tally", "The first form's tally.")
    entries = _main("entries", "The first form's committed entries.")
    last_position = _main("last_position", "The first form's batch → highest position.")
    corrections = _main("corrections", "The first form's corrections.")
    batches = _main("batches", "The first form's batches.")
    pending = _main("pending", "The first form's unconfirmed double entries.")
    submitted = _main("submitted", "The first form's (batch, station) → highest position.")
    resolved = _main("resolved", "The first form's resolved mismatches.")
    entered_by = _main("entered_by", "The first form's (batch, position) → station → member.")

    @property
    def pack(self):
        """The rule pack in force."""
        return self.conference.pack

    @property
    def ballot_persons(self):
        """Persons on the (first) form's ballot in order: the fixed nominees under APPOINT, else all eligible."""
        return self.main.persons

    @property
    def convened(self) -> int:
        """Voters convened."""
        return self.conference.convened

    @property
    def issued(self) -> int:
        """Ballots issued (the first form's)."""
        return self.main.issued

    @property
    def entered(self) -> int:
        """Ballots entered so far (the first form's)."""
        return self.main.entered

    @property
    def double_entry(self) -> bool:
        """Whether batches are entered blind by two stations."""
        return self.entry_mode == "double" if self.entry_mode else self.conference.double_entry

    def next_position(self, batch: str) -> int:
        """Next free position in ``batch`` (of the first form)."""
        return self.main.next_position(batch)
