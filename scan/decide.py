"""A row's mark from the ink in and around its boxes: pure, plain numbers in, a mark and a confidence out.

Leaning hard towards holding: a row is *sure* only when every box is clearly empty or clearly marked and no empty
box has ink around it (a circled box, a cross beside it). Everything in between goes to a person, who loses a
second; a wrong sure row would be a ballot counted wrong, which nobody would ever look at again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from session.ballots import BLANK, SEVERAL

EMPTY = 0.03
"""Box ink at or below which a box is clearly empty (0 paper … 1 filled)."""
MARKED = 0.10
"""Box ink at or above which a box is clearly marked: a small tick gives about 0.13, a cross 0.2–0.5, a light pencil cross 0.04–0.12."""
CLEAN = 0.01
"""Share of inked pixels around an empty box at or below which nothing is there."""
SURE = 0.5
"""Confidence from which a row is sure."""


@dataclass(frozen=True)
class BoxMeasure:
    """What the scan shows of one box."""

    ink: float
    """Darkness inside the box, its printed edge left out: 0 paper … 1 filled (NaN: not seen)."""
    ring: float
    """Share of inked pixels just around the box, within its cell."""


@dataclass(frozen=True)
class RowReading:
    """The machine's reading of one row."""

    mark: str
    """``1`` … ``k`` the box marked, ``0`` none, ``x`` two or more (the marks string's characters)."""
    confidence: float
    """0 … 1; at least ``SURE`` exactly when the row is sure."""
    sure: bool
    """Whether the row may be counted without a person looking at it."""


def _box_confidence(box: BoxMeasure) -> float:
    """How clearly a box is empty or marked, 0 … 1 (below ``SURE`` when it is neither, or ink is near an empty box)."""
    ink = box.ink
    if not math.isfinite(ink) or not math.isfinite(box.ring):
        return 0.0
    if ink <= EMPTY:
        clear = SURE + (1 - SURE) * (1 - max(ink, 0.0) / EMPTY)
        # Ink beside an empty box may be the voter's mark, put next to it or round it.
        return clear if box.ring <= CLEAN else min(clear, SURE * CLEAN / box.ring)
    if ink >= MARKED:
        return SURE + (1 - SURE) * min(1.0, (ink - MARKED) / MARKED)
    # Between the two: the nearer either clear state, the higher, but never sure.
    middle, half = (EMPTY + MARKED) / 2, (MARKED - EMPTY) / 2
    return SURE * 0.98 * abs(ink - middle) / half


def decide_row(boxes: Sequence[BoxMeasure]) -> RowReading:
    """The mark of a row from its boxes in level order (box 1 first)."""
    middle = (EMPTY + MARKED) / 2
    leaning = [level for level, box in enumerate(boxes, 1) if math.isfinite(box.ink) and box.ink >= middle]
    mark = BLANK if not leaning else str(leaning[0]) if len(leaning) == 1 else SEVERAL
    confidence = min((_box_confidence(box) for box in boxes), default=0.0)
    confidence = max(0.0, min(1.0, confidence))
    return RowReading(mark, confidence, confidence >= SURE)
