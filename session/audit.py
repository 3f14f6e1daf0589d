"""What an auditor needs beyond ``log.verify``: a mark on every event.

``check_each`` says for each event whether its own hash checks and whether it is
trusted: from the first event that fails (hash, link, order or start), everything
after it is untrusted, whatever its own hash says. (Paper against the log, which
catches a truncated tail, is ``session.paper.locate``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from session.events import Recorded
from session.log import Verdict, _body, chain_hash, verify


@dataclass(frozen=True)
class Mark:
    """The audit mark of one event in the timeline."""

    hash_ok: bool
    """Its hash matches its own content and the prev_hash it carries."""
    trusted: bool
    """It comes before the first event that fails."""


def check_each(records: Sequence[Recorded], verdict: Verdict | None = None) -> list[Mark]:
    """One mark per record, in order."""
    verdict = verdict or verify(records)
    first_bad = verdict.bad_seq if not verdict.ok else None
    marks = []
    for index, rec in enumerate(records, 1):
        own = chain_hash(rec.prev_hash, _body(rec.seq, rec.type, rec.version, rec.at, rec.actor, rec.payload)) == rec.hash
        marks.append(Mark(own, first_bad is None or index < first_bad))
    return marks
