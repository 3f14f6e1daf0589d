"""What the hall's projector shows of the announced results, on the chair's key (DESIGN §7, issue 13).

The projector is another process (``tinnhiem project``, or a browser) that follows the log; the chair's key
reaches it only through the log. ``ResultsShown`` names the persons on the screen: one person (their figures
large, those before them in the table below) or every person at once. It changes no count, no book and no
step: it is allowed only between the announcement and the sealing, and only to the chair.
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
class ShowResults(cmd.Command):
    """Show these persons' results on the projector: one person, or every person in ballot order."""

    ACTION: ClassVar[str] = "show"
    persons: tuple[str, ...]
    """Person ids: one, or all of them in ballot order."""


@dataclass(frozen=True)
class ResultsShown(ev.Event):
    """The projector shows these persons' announced results."""

    TYPE: ClassVar[str] = "results_shown"
    persons: tuple[str, ...]
    """Person ids: one, or all of them in ballot order."""


ev.register(ResultsShown)


def ballot_order(s: SessionState) -> tuple[str, ...]:
    """The persons whose results are announced, in ballot order."""
    from session.results import results

    return tuple(p["id"] for p in results(s)["persons"])


def position(order: tuple[str, ...], shown: tuple[str, ...] | None) -> int | None:
    """The 1-based place of the one person shown (the first before any key), or None when everyone is."""
    if shown is None:
        return 1 if order else None
    if len(shown) == 1 and len(order) > 1 and shown[0] in order:
        return order.index(shown[0]) + 1
    return None


def stepped(order: tuple[str, ...], shown: tuple[str, ...] | None, step: int | None) -> tuple[str, ...]:
    """What is shown after the next (+1) or previous (-1) person's key, or everyone's (None): past the last
    person comes everyone; back from everyone, the last person."""
    at, n = position(order, shown), len(order)
    if step is None or n == 0 or (at is not None and at + step > n):
        return order
    return (order[min(max((at or n + 1) + step, 1), n) - 1],)


def _show(s: SessionState, c: ShowResults, no) -> tuple[ev.Event, ...]:
    if s.announced_at is None or s.step != "sealing":
        raise no("show.not_now")
    everyone = ballot_order(s)
    if not (len(c.persons) == 1 and c.persons[0] in everyone) and tuple(c.persons) != everyone:
        raise no.bad("show.bad_persons")
    return (ResultsShown(tuple(c.persons)),)


def _shown(s: SessionState, e: ResultsShown, at: str) -> None:
    s.shown = e.persons


# Outside the agenda table (it never moves the agenda); ``_show`` says when it is allowed. A station may not ask it:
# its actor rule allows a station only the counting actions.
dec.ANYTIME.add(ShowResults.ACTION)
dec.HANDLERS[ShowResults] = _show
evo.APPLY[ResultsShown] = _shown
admissible.IMPLIED[ResultsShown] = lambda e, a: ShowResults(e.persons)

STRINGS = {
    "show.not_now": ("Chỉ hiện kết quả lên màn chiếu sau khi công bố và trước khi niêm phong.",
                     "Results are shown on the projector only after the announcement and before sealing."),
    "show.bad_persons": ("Màn chiếu hiện một người, hoặc tất cả theo thứ tự trên phiếu.",
                         "The projector shows one person, or everyone in ballot order."),
    "action.show": ("Hiện kết quả lên màn chiếu", "Show results on the projector"),
    "event.results_shown": ("Màn chiếu hiện kết quả: {persons}", "The projector shows the results of: {persons}"),
}
"""This module's messages: (Vietnamese, English)."""
register(STRINGS)
