"""A row's mark from its boxes' ink: sure only when every box is clearly empty or clearly marked and nothing is near."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from scan.decide import CLEAN, EMPTY, MARKED, SURE, BoxMeasure, decide_row

INK = st.floats(0.0, 1.0)
RING = st.floats(0.0, 1.0)
BOX = st.builds(BoxMeasure, INK, RING)
ROW = st.lists(BOX, min_size=2, max_size=3)


def _clear_mark(box: BoxMeasure) -> bool:
    return box.ink >= MARKED


def test_plain_rows_read_as_their_marks():
    empty, cross = BoxMeasure(0.0, 0.0), BoxMeasure(0.35, 0.02)
    assert decide_row([empty, cross, empty]).mark == "2" and decide_row([empty, cross, empty]).sure
    assert decide_row([empty, empty, empty]).mark == "0" and decide_row([empty, empty, empty]).sure
    assert decide_row([cross, empty, cross]).mark == "x" and decide_row([cross, empty, cross]).sure
    assert decide_row([cross, empty]).mark == "1"


def test_a_light_mark_a_circled_box_and_a_mark_beside_a_box_go_to_a_person():
    empty = BoxMeasure(0.0, 0.0)
    light = decide_row([empty, BoxMeasure((EMPTY + MARKED) / 2 + 0.01, 0.0), empty])
    assert not light.sure and light.mark == "2"
    circled = decide_row([BoxMeasure(0.0, 0.3), empty, empty])
    assert not circled.sure and circled.mark == "0"
    beside = decide_row([empty, empty, BoxMeasure(0.0, CLEAN * 3)])
    assert not beside.sure


def test_ink_round_a_marked_box_is_its_own_stroke_past_the_edge():
    assert decide_row([BoxMeasure(0.0, 0.0), BoxMeasure(0.4, 0.2)]).sure


def test_a_box_not_seen_is_never_taken_as_empty():
    row = decide_row([BoxMeasure(math.nan, 0.0), BoxMeasure(0.0, 0.0), BoxMeasure(0.0, 0.0)])
    assert not row.sure and row.confidence == 0.0


@given(ROW)
def test_confidence_is_a_share_and_says_sure(boxes):
    row = decide_row(boxes)
    assert 0.0 <= row.confidence <= 1.0
    assert row.sure is (row.confidence >= SURE)


@given(ROW)
def test_a_box_between_empty_and_marked_is_never_sure(boxes):
    if any(EMPTY < b.ink < MARKED for b in boxes):
        assert not decide_row(boxes).sure


@given(ROW)
def test_ink_beside_an_unmarked_box_is_never_sure(boxes):
    if any(b.ink < MARKED and b.ring > CLEAN for b in boxes):
        assert not decide_row(boxes).sure


@given(ROW)
def test_a_sure_row_is_exactly_its_clearly_marked_boxes(boxes):
    row = decide_row(boxes)
    if row.sure:
        marked = [level for level, b in enumerate(boxes, 1) if _clear_mark(b)]
        assert row.mark == ("0" if not marked else str(marked[0]) if len(marked) == 1 else "x")
        assert all(b.ink <= EMPTY or b.ink >= MARKED for b in boxes)


@given(ROW, st.randoms())
def test_the_order_of_the_boxes_only_moves_the_mark(boxes, random):
    order = list(range(len(boxes)))
    random.shuffle(order)
    row, moved = decide_row(boxes), decide_row([boxes[i] for i in order])
    assert (row.confidence, row.sure) == (moved.confidence, moved.sure)
    if row.mark not in ("0", "x"):
        assert moved.mark == str(order.index(int(row.mark) - 1) + 1)
    else:
        assert moved.mark == row.mark


@given(ROW, st.integers(0, 2), st.floats(MARKED, 1.0))
def test_marking_the_only_box_of_a_sure_blank_row_reads_that_box(boxes, at, ink):
    at %= len(boxes)
    row = decide_row(boxes)
    if row.sure and row.mark == "0":
        marked = [BoxMeasure(ink, b.ring) if i == at else b for i, b in enumerate(boxes)]
        assert decide_row(marked).mark == str(at + 1) and decide_row(marked).sure
