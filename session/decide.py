"""decide(state, command) -> events: the rules of every action. It never mutates.

A refusal raises a SessionError naming the current step, the action and the reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from session import commands as cmd
from session import events as ev
from session.agenda import allowed, exit_failure, next_step
from session.ballots import parse_marks
from session.errors import BadInput, StepRefused
from session.forms import form_books, refuse
from session.i18n import Phrase
from session.state import Books, SessionState

Events = tuple[ev.Event, ...]


class _Refuse:
    """Raises refusals framed with the step and action of the command at hand."""

    def __init__(self, state: SessionState, action: str):
        self.step, self.action = state.step, action

    def __call__(self, key: str, **params) -> StepRefused:
        return StepRefused(key, step=self.step, action=self.action, **params)

    def bad(self, key: str, **params) -> BadInput:
        return BadInput(key, step=self.step, action=self.action, **params)


def _known_voters(s: SessionState, voters: tuple[str, ...], no: _Refuse) -> None:
    if not voters:
        raise no.bad("input.no_voters")
    unknown = s.conference.unknown(voters)
    if unknown is not None:
        raise no.bad("input.unknown_voter", id=unknown)


def _advance(s: SessionState, c: cmd.Advance, no: _Refuse) -> Events:
    failure = exit_failure(s)
    if failure:
        raise no(failure[0], **failure[1])
    return (ev.StepEntered(next_step(s.step, s.pack)),)


def names(s: SessionState, voter_ids: tuple[str, ...]) -> str:
    """Voters by name for a refusal, in the order given; an unknown id stays as typed."""
    voters = (s.conference.voter(v) for v in voter_ids)
    return ", ".join(v.name if v else vid for v, vid in zip(voters, voter_ids, strict=True)) or "-"


def not_head(s: SessionState, confirmed_by: str, no: _Refuse) -> StepRefused:
    """The refusal of a head's decision confirmed by someone else, naming both."""
    return no("correct.not_head", id=confirmed_by or "-", name=names(s, (confirmed_by,) if confirmed_by else ()),
              head=names(s, (s.team_head,)))


def _present(s: SessionState, c: cmd.MarkPresent, no: _Refuse) -> Events:
    _known_voters(s, c.voters, no)
    new = tuple(dict.fromkeys(v for v in c.voters if v not in s.present))
    if not new:
        raise no("present.already", ids=", ".join(c.voters), names=names(s, c.voters))
    return (ev.VotersMarkedPresent(new),)


def _absent(s: SessionState, c: cmd.MarkAbsent, no: _Refuse) -> Events:
    _known_voters(s, c.voters, no)
    gone = tuple(dict.fromkeys(v for v in c.voters if v in s.present))
    if not gone:
        raise no("absent.not_present", ids=", ".join(c.voters), names=names(s, c.voters))
    return (ev.VotersMarkedAbsent(gone),)


def _propose(s: SessionState, c: cmd.ProposeTeam, no: _Refuse) -> Events:
    if s.team_approved:
        raise no("team.already_approved")
    members = tuple(dict.fromkeys(c.members))
    _known_voters(s, members, no)
    pack, conf = s.pack, s.conference
    if len(members) < pack.team_min_size:
        raise no("team.too_small", got=len(members), need=pack.team_min_size)
    evaluated = conf.evaluated_voter_ids() if pack.team_excludes_evaluated else frozenset()
    for vid in members:
        if vid in evaluated:
            raise no("team.evaluated", name=conf.voter(vid).name, id=vid)
        if vid not in s.present:
            raise no("team.absent", name=conf.voter(vid).name, id=vid)
    if c.head not in members:
        raise no("team.head_not_member", id=c.head, name=names(s, (c.head,)))
    return (ev.TeamProposed(members, c.head),)


def _approve(s: SessionState, c: cmd.ApproveTeam, no: _Refuse) -> Events:
    if not s.team:
        raise no("guard.team_none")
    if s.team_approved:
        raise no("team.already_approved")
    votes = (c.votes_for, c.votes_against, c.abstain)
    present = len(s.present)
    if min(votes) < 0 or sum(votes) > present:
        raise no.bad("team.votes", total=sum(votes), present=present)
    return (ev.TeamVoted(*votes, approved=2 * c.votes_for > present),)


def _nominees(s: SessionState, c: cmd.FixNominees, no: _Refuse) -> Events:
    ids = [p.id for p in s.conference.persons]
    chosen = tuple(dict.fromkeys(c.persons)) or tuple(ids)  # a name given twice is one nominee
    for pid in chosen:
        if pid not in ids:
            raise no.bad("input.unknown_person", id=pid)
    if len(chosen) <= s.conference.posts:
        raise no("nominees.too_few", got=len(chosen), posts=s.conference.posts)
    return (ev.NomineesFixed(tuple(p for p in ids if p in chosen)),)


def _issue(s: SessionState, c: cmd.IssueBallots, no: _Refuse) -> Events:
    # One ballot of each form named (every form when none is): one event per form that hands any out.
    forms = (form_books(s, c.form, no),) if c.form else tuple(s.books.values())
    if c.all_present:
        events = tuple(ev.BallotsIssued(tuple(sorted(s.present - b.issued_to)), s.form_field(b)) for b in forms)
        events = tuple(e for e in events if e.voters)
        if not events:
            raise no("issue.none_left")
        return events
    _known_voters(s, c.voters, no)
    voters = tuple(dict.fromkeys(c.voters))
    # The first voter (in the command's order) absent or holding a ballot of every form, found by set operations.
    held = set(voters).intersection(*(b.issued_to for b in forms))
    vid = next((v for v in voters if v not in s.present or v in held), None)
    if vid is not None:
        params = {"name": s.conference.voter(vid).name, "id": vid}
        if vid not in s.present:
            raise no("issue.absent", **params)
        raise refuse(no, s, forms[0], "issue.twice", params) if len(forms) == 1 else no("form.all_held", **params)
    events = tuple(ev.BallotsIssued(tuple(v for v in voters if v not in b.issued_to), s.form_field(b)) for b in forms)
    return tuple(e for e in events if e.voters)


def _spoil(s: SessionState, c: cmd.ExchangeSpoiled, no: _Refuse) -> Events:
    b = form_books(s, c.form, no)
    if c.voter not in b.issued_to:
        raise refuse(no, s, b, "spoil.no_ballot", {"id": c.voter})
    return (ev.SpoiledExchanged(c.voter, s.form_field(b)),)


def _return(s: SessionState, c: cmd.RecordReturned, no: _Refuse) -> Events:
    b = form_books(s, c.form, no)
    if b.returned is not None:
        raise refuse(no, s, b, "return.already", {"count": b.returned})
    if c.count < 0:
        raise no.bad("return.negative", count=c.count)
    if c.count > b.issued:
        raise refuse(no, s, b, "books.returned_issued", {"returned": c.count, "issued": b.issued})
    return (ev.ReturnedRecorded(c.count, s.form_field(b)),)


def _reason_key(s: SessionState, text: str, no: _Refuse) -> str:
    """A whole-ballot invalid reason as a key: by key, or by (a unique part of) its Vietnamese or English text."""
    reasons = s.pack.invalid_reasons
    if any(r.key == text for r in reasons):  # by key, as stored: the labels need not be built
        return text
    needle = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    exact = [r.key for r in reasons if needle in (r.key, r.vi.casefold(), r.en.casefold())]
    partial = [r.key for r in reasons if needle and (needle in r.vi.casefold() or needle in r.en.casefold())]
    for found in (exact, partial):
        if len(found) == 1:
            return found[0]
    raise no.bad("ballot.bad_reason", text=text, choices="; ".join(r.key for r in s.pack.invalid_reasons))


def ballot_content(s: SessionState, marks: str | None, reason: str | None, no: _Refuse,
                   books: Books | None = None) -> tuple[str | None, str | None]:
    """Validated (marks, reason key): exactly one of them is given; marks have one character per person of the form."""
    if (marks is None) == (reason is None):
        raise no.bad("ballot.marks_or_reason")
    if marks is not None:
        try:
            return parse_marks(marks, s.pack, len((books or s.main).persons)), None
        except BadInput as exc:
            raise no.bad(exc.key, **exc.params) from None
    return None, _reason_key(s, reason or "", no)


_SHA256 = re.compile(r"[0-9a-f]{64}(#[1-9][0-9]{0,4})?")
IMAGE_PARTS = 16
"""Most files (or pages) one ballot's scan may come in."""


def image_ref(text: str, no: _Refuse) -> str:
    """A scan reference as an entry carries it: "" or ``sha256[#page]`` parts joined by ``,``."""
    if not text:  # typed off the paper: most entries
        return text
    parts = text.split(",")
    if len(parts) > IMAGE_PARTS or not all(_SHA256.fullmatch(p) for p in parts):
        raise no.bad("ballot.bad_image", image=text[:80])
    return text


def _ballot(s: SessionState, c: cmd.RecordBallot, no: _Refuse) -> Events:
    b = form_books(s, c.form, no)
    marks, reason = ballot_content(s, c.marks, c.invalid_reason, no, b)
    image = image_ref(c.image, no)
    position = c.position if c.position is not None else b.next_position(c.batch)
    if position < 1:
        raise no.bad("ballot.bad_position", position=position)
    key = (c.batch, position)
    # A held ballot's place is already counted among the claimed ones.
    if b.returned is not None and key not in b.held and b.claimed >= b.returned:
        raise refuse(no, s, b, "ballot.all_entered", {"returned": b.returned})
    if key in b.entries:
        raise refuse(no, s, b, "ballot.taken", {"batch": c.batch or "-", "position": position})
    return (ev.BallotRecorded(c.batch, position, marks, reason, s.form_field(b), image),)


def _correct(s: SessionState, c: cmd.CorrectBallot, no: _Refuse) -> Events:
    b = form_books(s, c.form, no)
    if (c.batch, c.position) not in b.entries:
        raise refuse(no, s, b, "correct.missing", {"batch": c.batch or "-", "position": c.position})
    if not c.because.strip():
        raise no.bad("correct.no_reason")
    if c.confirmed_by != s.team_head:
        raise not_head(s, c.confirmed_by, no)
    marks, reason = ballot_content(s, c.marks, c.invalid_reason, no, b)
    return (ev.BallotCorrected(c.batch, c.position, marks, reason, c.because.strip(), c.confirmed_by, s.form_field(b)),)


def _sign(s: SessionState, c: cmd.SignMinutes, no: _Refuse) -> Events:
    if c.member not in s.team:
        raise no("sign.not_member", id=c.member, name=names(s, (c.member,)))
    if c.member in s.signed:
        raise no("sign.twice", name=s.conference.voter(c.member).name)
    return (ev.MinutesSigned(c.member),)


def _announce(s: SessionState, c: cmd.AnnounceResults, no: _Refuse) -> Events:
    return (ev.ResultsAnnounced(), ev.StepEntered(next_step(s.step, s.pack)))


def _seal(s: SessionState, c: cmd.SealBallots, no: _Refuse) -> Events:
    if not c.to.strip():
        raise no.bad("seal.no_receiver")
    return (ev.BallotsSealed(c.to.strip()), ev.StepEntered(next_step(s.step, s.pack)))


HANDLERS: dict[type, Callable] = {
    cmd.Advance: _advance,
    cmd.MarkPresent: _present,
    cmd.MarkAbsent: _absent,
    cmd.ProposeTeam: _propose,
    cmd.ApproveTeam: _approve,
    cmd.FixNominees: _nominees,
    cmd.IssueBallots: _issue,
    cmd.ExchangeSpoiled: _spoil,
    cmd.RecordReturned: _return,
    cmd.RecordBallot: _ballot,
    cmd.CorrectBallot: _correct,
    cmd.SignMinutes: _sign,
    cmd.AnnounceResults: _announce,
    cmd.SealBallots: _seal,
}
"""Command class → its rules. Extensions register here too."""


ACTOR_RULES: list[Callable] = []
"""Who may ask what: ``rule(state, command, actor, refuse) -> command`` raises a refusal, or returns the
command, possibly completed from the actor (its station). Extensions add here."""

PRELUDES: list[Callable] = []
"""``prelude(state, command, actor) -> events`` recorded before the command's own (a member's sign-in at a
station on their first action there). Extensions add here."""

ANYTIME: set[str] = set()
"""Actions outside the agenda table, allowed at every step (a station's sign-in, the chair's PIN reset):
they never move the agenda, so the table need not list them. Extensions add here."""


def not_now(s: SessionState, no: _Refuse) -> StepRefused:
    """The refusal of an action the current step does not allow, naming those it does."""
    # The actions by their names in the reader's language ("Ký biên bản, Sang bước tiếp"), never by ids.
    return no("action.not_now", allowed=tuple(Phrase(f"action.{a}", {}) for a in allowed(s.step, s.pack)) or "—")


def decide(state: SessionState, command: cmd.Command, actor: ev.Actor | None = None) -> Events:
    """The events ``command`` causes in ``state`` when ``actor`` asks, or a SessionError saying why not."""
    no = _Refuse(state, command.ACTION)
    if actor is not None:
        for rule in ACTOR_RULES:
            command = rule(state, command, actor, no)
    if command.ACTION not in allowed(state.step, state.pack) and command.ACTION not in ANYTIME:
        raise not_now(state, no)
    events = HANDLERS[type(command)](state, command, no)
    if actor is None:
        return events
    before: Events = ()
    for prelude in PRELUDES:
        before += prelude(state, command, actor)
    return before + events if before else events
