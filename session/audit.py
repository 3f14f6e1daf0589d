"""What an auditor needs beyond ``log.verify``: a mark on every event, and paper against the log.

``check_each`` says for each event whether its own hash checks and whether it is
trusted: from the first event that fails (hash, link, order or start), everything
after it is untrusted, whatever its own hash says. ``check_paper`` compares the
digest code and event count printed on the minutes with a log, which catches a
truncated tail that the chain alone cannot see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from session.events import Recorded
from session.log import Verdict, _body, chain_hash, short_code, verify


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


@dataclass(frozen=True)
class PaperCheck:
    """Printed digest and count against the log."""

    ok: bool
    """The log holds the printed head at the printed count."""
    key: str
    """Message key: ``paper.match``, ``paper.later``, ``paper.truncated``, ``paper.mismatch``."""
    params: dict
    """Values the message names (``seq``, ``count``, ``code``, ``later``, ``found``)."""


def check_paper(records: Sequence[Recorded], code: str, count: int) -> PaperCheck:
    """Does the log contain, at event ``count``, the head whose short code is ``code``?

    A log shorter than ``count`` lost its tail: the first missing seq is named. A log
    longer than ``count`` is fine (events recorded after printing) and says how many.
    Run ``verify`` first: this only compares a chain already known to hold.
    """
    want = code.strip().upper()
    params = {"count": count, "code": want, "found": len(records)}
    if len(records) < count:
        return PaperCheck(False, "paper.truncated", {**params, "seq": len(records) + 1})
    got = short_code(records[count - 1].hash) if count > 0 else ""
    if got != want:
        return PaperCheck(False, "paper.mismatch", {**params, "seq": count, "got": got})
    if len(records) > count:
        return PaperCheck(True, "paper.later", {**params, "later": len(records) - count, "seq": count})
    return PaperCheck(True, "paper.match", {**params, "seq": count})
