"""The agenda as a table: which actions each step allows and how each step is left.

``ALLOWED`` has one row per (step, action). ``EXITS`` has one row per step: the
action that leaves it and the named guards that must hold. The table is checked
at import: every step reachable, no dead ends, nothing leaves ``closed``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from session.rules import RulePack
    from session.state import SessionState

STEPS = ("prepared", "roll_call", "briefing", "counting_team", "team_instructions", "nominees", "issuing", "voting",
         "counting", "minutes", "announcing", "sealing", "closed")
"""Stable step ids in agenda order."""

IRREVERSIBLE = frozenset({"return", "announce", "seal"})
"""Actions that cannot be taken back; the console confirms them. Leaving ``counting`` is confirmed too."""

ALLOWED: dict[str, tuple[str, ...]] = {
    "prepared": ("next",),
    "roll_call": ("present", "absent", "next"),
    # A voter may still be marked present until issuing ends: after the roll call, as a late arrival.
    "briefing": ("present", "next"),
    "counting_team": ("team propose", "team approve", "present", "next"),
    "team_instructions": ("present", "next"),
    "nominees": ("nominees", "present", "next"),
    "issuing": ("issue", "present", "spoil", "entry-mode", "next"),
    "voting": ("return", "entry-mode", "next"),
    "counting": ("batch", "ballot", "resolve", "correct", "next"),
    "minutes": ("sign", "next"),
    "announcing": ("announce",),
    "sealing": ("seal",),
    "closed": (),
}
"""Step → actions it allows."""


@dataclass(frozen=True)
class Exit:
    """How a step is left: by ``action``, once every guard holds."""

    step: str
    """Step left."""
    action: str
    """Action that leaves it."""
    guards: tuple[str, ...]
    """Names of guards in ``GUARDS``."""


EXITS: dict[str, Exit] = {e.step: e for e in (
    Exit("prepared", "next", ()),
    Exit("roll_call", "next", ("quorum_met",)),
    Exit("briefing", "next", ()),
    Exit("counting_team", "next", ("team_approved",)),
    Exit("team_instructions", "next", ()),
    Exit("nominees", "next", ("nominees_fixed",)),
    Exit("issuing", "next", ("ballots_issued", "issued_within_present")),
    Exit("voting", "next", ("returned_recorded", "returned_within_issued")),
    Exit("counting", "next", ("all_returned_entered", "books_balance")),
    Exit("minutes", "next", ("minutes_signed",)),
    Exit("announcing", "announce", ()),
    Exit("sealing", "seal", ()),
)}
"""Step → its exit row."""

Failure = tuple[str, dict] | None
"""A guard's answer: None when it holds, else (message key, params)."""


def steps_for(pack: RulePack) -> tuple[str, ...]:
    """The agenda of a pack: the nominee step only where the pack has it."""
    return _AGENDAS[pack.nominee_step]


_AGENDAS = {with_nominees: tuple(s for s in STEPS if s != "nominees" or with_nominees) for with_nominees in (False, True)}
"""The two agendas there are, built once: every decision asks for one."""


def next_step(step: str, pack: RulePack) -> str:
    """The step after ``step`` in the pack's agenda."""
    order = steps_for(pack)
    return order[order.index(step) + 1]


def allowed(step: str, pack: RulePack) -> tuple[str, ...]:
    """Actions allowed in ``step``."""
    return ALLOWED[step] if step in steps_for(pack) else ()


def quorum_met(s: SessionState) -> Failure:
    need = s.pack.quorum_need(s.convened)
    if len(s.present) >= need:
        return None
    return "guard.quorum", {"present": len(s.present), "convened": s.convened, "need": need,
                            "frac": f"{s.pack.quorum_num}/{s.pack.quorum_den}"}


def team_approved(s: SessionState) -> Failure:
    if not s.team:
        return "guard.team_none", {}
    return None if s.team_approved else ("guard.team_not_approved", {})


def nominees_fixed(s: SessionState) -> Failure:
    return None if s.nominees is not None else ("guard.nominees", {})


def _each_form(check: Callable) -> Callable[[SessionState], Failure]:
    """A guard that holds when ``check(state, books)`` holds for every form; a failure names its form among several."""

    def guard(s: SessionState) -> Failure:
        from session.forms import first_failure

        return first_failure(s, check)

    guard.__doc__ = check.__doc__
    return guard


@_each_form
def ballots_issued(s: SessionState, b) -> Failure:
    """Some ballot of each form was issued."""
    return None if b.issued > 0 else ("guard.none_issued", {})


@_each_form
def issued_within_present(s: SessionState, b) -> Failure:
    """Each form's ballots are held by present voters only."""
    stray = b.issued_to - s.present
    return None if not stray else ("books.issued_present", {"issued": b.issued, "present": len(s.present)})


@_each_form
def returned_recorded(s: SessionState, b) -> Failure:
    """Each form's collection has its count."""
    return None if b.returned is not None else ("guard.returned", {})


@_each_form
def returned_within_issued(s: SessionState, b) -> Failure:
    """No form returned more than it issued."""
    if b.returned is None or b.returned <= b.issued:
        return None
    return "books.returned_issued", {"returned": b.returned, "issued": b.issued}


@_each_form
def all_returned_entered(s: SessionState, b) -> Failure:
    """Every returned ballot of each form is entered."""
    if b.returned is not None and b.entered == b.returned:
        return None
    return "guard.not_all_entered", {"entered": b.entered, "returned": b.returned or 0}


def books_balance(s: SessionState) -> Failure:
    from session.books import first_imbalance

    return first_imbalance(s)


def minutes_signed(s: SessionState) -> Failure:
    missing = [m for m in s.team if m not in s.signed]
    if not missing:
        return None
    names = ", ".join(s.conference.voter(m).name for m in missing)
    return "guard.unsigned", {"count": len(missing), "names": names}


GUARDS: dict[str, Callable[[SessionState], Failure]] = {
    "quorum_met": quorum_met,
    "team_approved": team_approved,
    "nominees_fixed": nominees_fixed,
    "ballots_issued": ballots_issued,
    "issued_within_present": issued_within_present,
    "returned_recorded": returned_recorded,
    "returned_within_issued": returned_within_issued,
    "all_returned_entered": all_returned_entered,
    "books_balance": books_balance,
    "minutes_signed": minutes_signed,
}
"""Guards by name."""


def exit_failure(state: SessionState) -> Failure:
    """The first guard of the current step's exit that does not hold, or None."""
    for name in EXITS[state.step].guards:
        failure = GUARDS[name](state)
        if failure:
            return failure
    return None


def _check_table() -> None:
    assert set(ALLOWED) == set(STEPS), "every step needs a row of allowed actions"
    assert not ALLOWED["closed"] and "closed" not in EXITS, "nothing leaves closed"
    for step in STEPS[:-1]:
        exit_ = EXITS.get(step)
        assert exit_ is not None, f"{step} is a dead end"
        assert exit_.action in ALLOWED[step], f"{step} cannot be left by an allowed action"
        assert all(g in GUARDS for g in exit_.guards), f"{step} names an unknown guard"
    # Each step is reachable: the exits chain the steps in order from prepared to closed.
    assert list(EXITS) == list(STEPS[:-1]), "exits must follow the agenda order"


_check_table()
