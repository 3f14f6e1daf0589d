"""The scanner's map of a ballot agrees with the printed ballot: corner squares, QR and boxes where it says."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp

from session.paper import ballot_payload
from storage.paper.ballot_geometry import ballot_geometry
from storage.paper.ballots import HALF
from storage.paper.documents import ballots_pdf
from tests.docs.support import fonts, new_service, render
from tests.scenarios import sample_data, synthetic

SCALE = 8.0
"""Pixels per mm of the rendered pages."""


def _gray(pdf: bytes, index: int) -> np.ndarray:
    return np.asarray(render(pdf, index, SCALE * 25.4 / 72).convert("L"), dtype=np.uint8)


def _at(image: np.ndarray, x: float, y: float, dy: float = 0.0) -> int:
    return int(image[round((y + dy) * SCALE), round(x * SCALE)])


def _check_page(image: np.ndarray, page, dy: float = 0.0) -> None:
    for x, y in page.fiducials:
        half = page.fiducial_side / 2 - 0.5
        assert all(_at(image, x + sx * half, y + sy * half, dy) < 60 for sx in (-1, 1) for sy in (-1, 1)), (x, y)
        assert _at(image, x + page.fiducial_side, y, dy) > 200  # clear paper beside it
    for box in page.boxes:
        assert _at(image, box.x + box.side / 2, box.y + box.side / 2, dy) > 200  # an empty box
        assert _at(image, box.x, box.y + box.side / 2, dy) < 160  # its printed edge
        assert box.cell[0] < box.x and box.x + box.side < box.cell[0] + box.cell[2]
    frame = image[round(dy * SCALE):round((dy + page.height) * SCALE)]
    (found,) = [r for r in zxingcpp.read_barcodes(frame) if r.format == zxingcpp.BarcodeFormat.QRCode]
    assert found.text == page.payload
    x, y, w, _ = page.qr
    corner = found.position.top_left
    assert abs(corner.x / SCALE - x) < 0.6 and abs(corner.y / SCALE - y) < 0.6
    assert abs((found.position.bottom_right.x - corner.x) / SCALE - w) < 1.0


def test_a_half_sheet_ballot_s_map_fits_both_halves_of_the_sheet():
    state = new_service(sample_data()).state
    geometry = ballot_geometry(state, fonts())
    (page,) = geometry.pages
    assert (geometry.form, geometry.persons, geometry.levels, page.height) == ("QD96", 2, 3, HALF)
    assert page.payload == ballot_payload(state.session_id, "QD96")
    assert [b.row for b in page.boxes] == [0, 0, 0, 1, 1, 1] and [b.level for b in page.boxes] == [1, 2, 3] * 2
    image = _gray(ballots_pdf(state, fonts(), 2), 0)
    _check_page(image, page)
    _check_page(image, page, HALF)  # the lower ballot is drawn alike, half a sheet down


def test_a_44_person_ballot_runs_to_pages_that_each_say_which_they_are():
    state = new_service(synthetic(5, 44)).state
    geometry = ballot_geometry(state, fonts())
    pdf = ballots_pdf(state, fonts(), 1)
    assert len(geometry.pages) == 3 and [p.page for p in geometry.pages] == [1, 2, 3]
    assert [r.row for p in geometry.pages for r in p.rows] == list(range(44))
    for index, page in enumerate(geometry.pages):
        assert page.payload == ballot_payload(state.session_id, state.main.id, index + 1, 3)
        _check_page(_gray(pdf, index), page)


@pytest.mark.parametrize("rules", ["BINARY", "APPOINT"])
def test_a_two_box_form_maps_two_levels(rules):
    state = new_service(synthetic(6, 3, rules, posts=2 if rules == "APPOINT" else None)).state
    geometry = ballot_geometry(state, fonts())
    assert geometry.levels == 2 and {b.level for b in geometry.pages[0].boxes} == {1, 2}
    _check_page(_gray(ballots_pdf(state, fonts(), 1), 0), geometry.pages[0])
