"""Ballot marks: the codec for the marks string and validity under a rule pack.

A ballot's marks are one string in ballot order, one character per person:
``1`` ``2`` ``3`` the first, second, third box; ``0`` no box marked; ``x`` two or
three boxes marked; ``-`` the printed name struck out. A whole invalid ballot
carries a reason instead of marks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from session.errors import BadInput
from session.frozen import quick_init
from session.rules import RulePack

BLANK, SEVERAL, STRUCK = "0", "x", "-"
"""Row marks that are not a box."""
MARK_CHARS = "123" + BLANK + SEVERAL + STRUCK
"""Every character a marks string may hold."""


def parse_marks(text: str, pack: RulePack, persons: int) -> str:
    """Normalise a typed marks string, or raise BadInput naming the position at fault."""
    allowed = mark_chars(len(pack.levels))
    if len(text) == persons and not text.strip(allowed):  # as stored: nothing to normalise (every replay asks)
        return text
    marks = "".join(text.split()).lower()
    # strip() by the allowed set leaves nothing when every character is allowed: the walk only names the fault.
    for pos, char in enumerate(marks.strip(allowed) and marks, 1):
        if char not in allowed:
            raise BadInput("marks.bad_char", char=char, pos=pos, allowed=" ".join(allowed))
    if len(marks) != persons:
        raise BadInput("marks.length", got=len(marks), want=persons, marks=marks)
    return marks


@cache
def mark_chars(levels: int) -> str:
    """The characters a marks string may hold under a pack of ``levels`` boxes (built once: every entry asks)."""
    return "".join(str(i) for i in range(1, levels + 1)) + BLANK + SEVERAL + STRUCK


@quick_init  # built for every ballot of every load
@dataclass(frozen=True)
class Outcome:
    """How one ballot counts: whole validity and, per person, a level index or None (invalid row)."""

    valid: bool
    """Whether the ballot as a whole is valid."""
    reason: str | None
    """Key of the whole-ballot invalid reason, if invalid."""
    rows: tuple[int | None, ...]
    """Per person in ballot order: the level index counted, or None for an invalid row."""


def judge(pack: RulePack, persons: int, marks: str | None, reason: str | None, posts: int = 1) -> Outcome:
    """Apply the pack's validity rules to a ballot already parsed."""
    if marks is None:
        return Outcome(False, reason or "not_issued", (None,) * persons)
    rows = tuple(map(_row_table(pack.blank_level).get, marks))
    if pack.invalid_scope == "ballot" and None in rows:
        return Outcome(False, "row_invalid", (None,) * persons)
    if pack.agree_limit and sum(1 for r in rows if r == 0) > posts:
        return Outcome(False, "over_posts", (None,) * persons)
    return Outcome(True, None, rows)


@cache
def _row_table(blank_level: int | None) -> dict[str, int | None]:
    # Mark → level index, looked up per character: judging is on the replay's hot path.
    # A character not in the table (``x``, ``-``) is an invalid row (None).
    return {**{str(i): i - 1 for i in range(1, 10)}, BLANK: blank_level}


def most_common_mark(marks: str) -> str:
    """The most frequent box mark so far (ties to the first box), used to fill the rest."""
    counts = {c: marks.count(c) for c in "123"}
    best = max(counts.values())
    return next(c for c in "123" if counts[c] == best) if best else "1"
