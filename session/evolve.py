"""evolve(state, record) -> state: apply one recorded event. It never refuses.

The state is the fold's accumulator: ``evolve`` updates the state it is given and
returns it, so replaying a long log costs O(persons) per ballot, not a copy.
``replay(records)`` folds a whole log into a fresh state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from session import events as ev
from session.ballots import judge
from session.conference import conference_from_data
from session.events import Recorded
from session.i18n import use_vocabulary
from session.state import Books, Entry, SessionState
from session.tally import Tally


def start(record: Recorded) -> SessionState:
    """The state right after the first event (``session_created``)."""
    created = record.event
    assert isinstance(created, ev.SessionCreated)
    state = SessionState(created.session_id, created.launch_code, conference_from_data(created.conference, created.eligibility))
    # Every text from here on speaks as this session's body does (Tổ kiểm phiếu or Ban kiểm phiếu …).
    use_vocabulary(state.pack.kind)
    state.created_at = record.at
    state.first_release = record.version == 1
    state.step_times["prepared"] = record.at
    return _stamp(state, record)


def _stamp(state: SessionState, record: Recorded) -> SessionState:
    state.seq, state.head_hash = record.seq, record.hash
    return state


def _entry(state: SessionState, books: Books, marks: str | None, reason: str | None) -> Entry:
    conf = state.conference
    return Entry(marks, reason, judge(conf.pack, len(books.persons), marks, reason, conf.posts))


def _step(s: SessionState, e: ev.StepEntered, at: str) -> None:
    s.step = e.step
    s.step_times[e.step] = at


def _present(s: SessionState, e: ev.VotersMarkedPresent, at: str) -> None:
    s.present.update(e.voters)


def _absent(s: SessionState, e: ev.VotersMarkedAbsent, at: str) -> None:
    s.present.difference_update(e.voters)


def _proposed(s: SessionState, e: ev.TeamProposed, at: str) -> None:
    s.team, s.team_head, s.team_approved, s.team_vote = e.members, e.head, False, None


def _voted(s: SessionState, e: ev.TeamVoted, at: str) -> None:
    s.team_vote = (e.votes_for, e.votes_against, e.abstain)
    s.team_approved = e.approved


def _nominees(s: SessionState, e: ev.NomineesFixed, at: str) -> None:
    s.nominees = e.persons
    books = s.main  # a pack with a nominee step has one form
    books.persons = tuple(p for p in books.form.persons if p.id in e.persons)
    books.tally = Tally(len(books.persons), len(s.pack.levels))


def _issued(s: SessionState, e: ev.BallotsIssued, at: str) -> None:
    s.book(e.form).issued_to.update(e.voters)


def _spoiled(s: SessionState, e: ev.SpoiledExchanged, at: str) -> None:
    s.book(e.form).spoiled += 1


def _returned(s: SessionState, e: ev.ReturnedRecorded, at: str) -> None:
    s.book(e.form).returned = e.count


def _ballot(s: SessionState, e: ev.BallotRecorded, at: str) -> None:
    b = s.book(e.form)
    entry = _entry(s, b, e.marks, e.invalid_reason)
    b.entries[(e.batch, e.position)] = entry
    b.last_position[e.batch] = max(b.last_position.get(e.batch, 0), e.position)
    b.tally.add(entry.outcome)


def _corrected(s: SessionState, e: ev.BallotCorrected, at: str) -> None:
    b = s.book(e.form)
    old = b.entries[(e.batch, e.position)]
    b.tally.add(old.outcome, -1)
    new = _entry(s, b, e.marks, e.invalid_reason)
    b.entries[(e.batch, e.position)] = new
    b.tally.add(new.outcome)
    b.corrections += 1


def _signed(s: SessionState, e: ev.MinutesSigned, at: str) -> None:
    s.signed.add(e.member)


def _announced(s: SessionState, e: ev.ResultsAnnounced, at: str) -> None:
    s.announced_at = at


def _sealed(s: SessionState, e: ev.BallotsSealed, at: str) -> None:
    s.sealed_to = e.to


APPLY: dict[type, Callable] = {
    ev.StepEntered: _step,
    ev.VotersMarkedPresent: _present,
    ev.VotersMarkedAbsent: _absent,
    ev.TeamProposed: _proposed,
    ev.TeamVoted: _voted,
    ev.NomineesFixed: _nominees,
    ev.BallotsIssued: _issued,
    ev.SpoiledExchanged: _spoiled,
    ev.ReturnedRecorded: _returned,
    ev.BallotRecorded: _ballot,
    ev.BallotCorrected: _corrected,
    ev.MinutesSigned: _signed,
    ev.ResultsAnnounced: _announced,
    ev.BallotsSealed: _sealed,
}
"""Event class → how it changes the state. Extensions register here too."""


def evolve(state: SessionState, record: Recorded) -> SessionState:
    """Apply ``record`` to ``state`` and return it."""
    event = record.event
    APPLY[type(event)](state, event, record.at)
    if state.counted is None and state.step == "minutes":
        state.counted = (record.seq, record.hash)
    return _stamp(state, record)


def replay(records: Iterable[Recorded]) -> SessionState:
    """Fold a whole log (from its first event) into a fresh state."""
    it = iter(records)
    state = start(next(it))
    for record in it:
        evolve(state, record)
    return state
