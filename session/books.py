"""The books-balance identities, checked after every event and shown when one fails."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from session.state import SessionState


@dataclass(frozen=True)
class Identity:
    """One accounting identity and whether it holds now."""

    key: str
    """Message key naming the identity."""
    holds: bool
    """Whether it holds."""
    params: dict
    """The numbers on each side."""


def identities(s: SessionState) -> list[Identity]:
    """Every identity with its current numbers."""
    present, issued = len(s.present), s.issued
    returned = s.returned
    out = [
        Identity("books.issued_present", issued <= present and not (s.issued_to - s.present),
                 {"issued": issued, "present": present}),
    ]
    if returned is not None:
        out.append(Identity("books.returned_issued", returned <= issued, {"returned": returned, "issued": issued}))
        out.append(Identity("books.entered_returned", s.entered <= returned,
                            {"valid": s.tally.valid, "invalid": s.tally.invalid, "returned": returned}))
    persons = s.ballot_persons
    for index, total in s.tally.imbalances():
        out.append(Identity("books.person_rows", False, {"name": persons[index].name, "sum": total, "entered": s.entered}))
    return out


def first_imbalance(s: SessionState) -> tuple[str, dict] | None:
    """The first identity that fails, as a guard failure, or None."""
    for identity in identities(s):
        if not identity.holds:
            return identity.key, identity.params
    return None
