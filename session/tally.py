"""The tally: incremental counts per person and level, bands and percentages.

Adding a ballot costs O(persons). Percentages are exact fractions rendered
half-up to two decimals for display; bands are decided in integers only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from session.ballots import Outcome


def percent_text(count: int, n: int, places: int = 2) -> str:
    """``count / n`` as a percentage rounded half-up to ``places`` decimals ("66.67")."""
    if n <= 0:
        return "0." + "0" * places if places else "0"
    scale = 10**places
    units = (2 * count * 100 * scale + n) // (2 * n)
    whole, frac = divmod(units, scale)
    return f"{whole}.{frac:0{places}d}" if places else str(whole)


@dataclass
class Tally:
    """Counts of entered ballots; the accumulator the session folds ballots into."""

    persons: int
    """Number of rows on the ballot."""
    levels: int
    """Number of boxes per row."""
    valid: int = 0
    """Valid ballots entered."""
    invalid: int = 0
    """Whole invalid ballots entered."""
    counts: list[list[int]] = field(default_factory=list)
    """Per person: one count per level, then the invalid count (rows and whole ballots)."""
    reasons: dict[str, int] = field(default_factory=dict)
    """Whole invalid ballots by reason key."""

    def __post_init__(self) -> None:
        if not self.counts:
            self.counts = [[0] * (self.levels + 1) for _ in range(self.persons)]

    @property
    def entered(self) -> int:
        """Ballots entered so far."""
        return self.valid + self.invalid

    def add(self, outcome: Outcome, sign: int = 1) -> None:
        """Fold one ballot in (``sign=-1`` takes it back out, for a correction)."""
        if outcome.valid:
            self.valid += sign
        else:
            self.invalid += sign
            self.reasons[outcome.reason or "?"] = self.reasons.get(outcome.reason or "?", 0) + sign
        last = self.levels
        for row, level in zip(self.counts, outcome.rows):
            row[last if level is None else level] += sign

    def imbalances(self) -> list[tuple[int, int]]:
        """Persons (index, row sum) whose levels plus invalid do not add up to the ballots entered."""
        entered = self.entered
        return [(i, sum(row)) for i, row in enumerate(self.counts) if sum(row) != entered]
