"""The replay timeline as data: one row per event, a cursor's moves, and the state at any point.

Only trusted events (before the first that fails ``admissible.check``: chain or rules) are folded into a
state: an untrusted event is listed and marked, never applied, so the state pane
can never show what a forged event claims.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

from session.admissible import check
from session.audit import Mark, check_each
from session.events import Recorded
from session.evolve import evolve, start
from session.log import Verdict
from session.narrative import Words, details, names_of, narrate
from session.state import SessionState

CHECKPOINT_EVERY = 256
"""A copy of the state is kept every this many events, so stepping back costs at most this many folds."""


@dataclass(frozen=True)
class Row:
    """One line of the timeline."""

    index: int
    """Position in the log, from 0."""
    record: Recorded
    """The event."""
    step: str
    """Agenda step the session is in once this event is applied."""
    who: str
    """Who acted, readable."""
    what: str
    """One-line description."""
    mark: Mark
    """Hash and trust marks."""


def marks_in_words(records: Sequence[Recorded], lang: str) -> Words | None:
    """Marks → each person's level by the pack's labels, from the session the first event creates (None: no session)."""
    from session.records import marks_in_words as spell

    try:
        first = start(records[0])
    except Exception:  # noqa: BLE001 - a log that does not start shows its marks as stored
        return None
    return lambda marks, reason: spell(first, marks, reason, lang)


class Timeline:
    """Rows, the verdict, jumps and the state after any trusted event."""

    def __init__(self, records: Sequence[Recorded], lang: str = "vi"):
        self.records = list(records)
        """The log as read."""
        self.verdict: Verdict = check(self.records)
        """What ``admissible.check`` found."""
        self.rows: list[Row] = []
        """One row per event."""
        self._checkpoints: dict[int, SessionState] = {}
        self.relabel(lang)

    def relabel(self, lang: str) -> None:
        """Rebuild the rows' text in ``lang``."""
        marks = check_each(self.records, self.verdict)
        self.lang = lang
        self._words = marks_in_words(self.records, lang) if self.records else None
        step, rows = "prepared", []
        for index, (record, who, what) in enumerate(narrate(self.records, lang, self._words)):
            if record.type == "step_entered" and isinstance(record.payload.get("step"), str):
                step = record.payload["step"]
            rows.append(Row(index, record, step, who, what, marks[index]))
        self.rows = rows

    def details(self, index: int) -> list[tuple[str, str]]:
        """The whole event at row ``index`` in words, for the detail pane."""
        names = names_of(self.records[0]) if self.records else {}
        return details(self.records[index], self.lang, names, self._words)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def trusted_count(self) -> int:
        """How many events from the first are trusted."""
        return self.verdict.count if not self.verdict.ok else len(self.rows)

    def index_of_seq(self, seq: int) -> int | None:
        """Row index of the event numbered ``seq`` (the first such row), if any."""
        for row in self.rows:
            if row.record.seq == seq:
                return row.index
        return None

    def index_of_step(self, step: str) -> int | None:
        """Row index of the event that entered ``step`` (0 for ``prepared``)."""
        if step == "prepared" and self.rows:
            return 0
        for row in self.rows:
            if row.record.type == "step_entered" and row.record.payload.get("step") == step:
                return row.index
        return None

    def next_step(self, index: int) -> int:
        """Index of the next ``step_entered`` after ``index`` (the last row if none)."""
        for row in self.rows[index + 1:]:
            if row.record.type == "step_entered":
                return row.index
        return max(len(self.rows) - 1, 0)

    def prev_step(self, index: int) -> int:
        """Index of the ``step_entered`` that began the step before the one at ``index`` (0 if none)."""
        starts = [r.index for r in self.rows[: index] if r.record.type == "step_entered"]
        return starts[-1] if starts else 0

    def state_at(self, index: int) -> SessionState | None:
        """The state after row ``index``, folding only trusted events (None if the first is untrusted)."""
        upto = min(index, self.trusted_count - 1)
        if upto < 0:
            return None
        base = max((k for k in self._checkpoints if k <= upto), default=None)
        if base is None:
            try:
                state, base = start(self.records[0]), 0
            except Exception:  # noqa: BLE001 - a trusted log always starts; a malformed one shows no state
                return None
        else:
            state = copy.deepcopy(self._checkpoints[base])
        for i in range(base + 1, upto + 1):
            evolve(state, self.records[i])
            if i % CHECKPOINT_EVERY == 0 and i not in self._checkpoints:
                self._checkpoints[i] = copy.deepcopy(state)
        return state
