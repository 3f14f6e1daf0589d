"""One scanned page read on its own: what its QR says, and if it is a page of this session's ballot, every row on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import cv2
import numpy as np

from scan.decide import RowReading, decide_row
from scan.images import ScanPage
from scan.locate import LARGE, Aligned, QrSeen, align, find_qr, halved
from scan.measure import flatten, measure_page, row_png
from session.counting import read_scan
from session.paper import BallotCode, parse_ballot_payload
from session.state import Books, SessionState
from storage.paper.ballot_geometry import BallotGeometry

WORKING_PX_PER_MM = 6.5
"""A finer scan is first reduced by a whole factor to about this (≈165 dpi): the boxes need no more, and it is faster."""
BLANK_INK = 0.002
"""Share of dark pixels below which a page without a QR is taken as blank paper (the back of a sheet)."""


@dataclass(frozen=True)
class PageReading:
    """What one page showed."""

    page: ScanPage
    """The page as loaded."""
    kind: str
    """``ballot`` (a page of this session's ballot of the form asked for), ``foreign``, ``unreadable`` or ``blank``."""
    reason: str = ""
    """Message key of why it is not a ballot page ("" for one)."""
    params: dict[str, object] = field(default_factory=dict)
    """The message's parameters."""
    qr: str = ""
    """The QR's text ("" when none was read)."""
    code: BallotCode | None = None
    """What the QR says, when it is a ballot's."""
    rows: dict[int, RowReading] = field(default_factory=dict)
    """Per row index on this page, the machine's reading."""
    crops: dict[int, bytes] = field(default_factory=dict)
    """Per unsure row index, a PNG of the row."""


def _blank(pixels: np.ndarray) -> bool:
    sample = pixels[::4, ::4]
    white = float(np.percentile(sample, 90))
    return float((sample < white * 0.5).mean()) < BLANK_INK


def _reduced(pixels: np.ndarray, half: np.ndarray | None, corners: np.ndarray, px_per_mm: float) -> tuple[np.ndarray, np.ndarray]:
    factor = max(1, round(px_per_mm / WORKING_PX_PER_MM))
    if factor == 1:
        return pixels, corners
    if factor == 2 and half is not None:
        return half, corners / 2
    small = cv2.resize(pixels, (pixels.shape[1] // factor, pixels.shape[0] // factor), interpolation=cv2.INTER_AREA)
    return small, corners / factor


def read_page(page: ScanPage, state: SessionState, geometry: Callable[[Books], BallotGeometry], form: str = "") -> PageReading:
    """Read ``page`` against ``state``; ``geometry`` maps a form's books to its ballot's map; ``form`` ("" any of the
    session's) is the only form taken as this session's ballot."""
    pixels = page.pixels
    half = halved(pixels) if max(pixels.shape) > LARGE else None
    qr = find_qr(pixels, half)
    if qr is None:
        if _blank(pixels):
            return PageReading(page, "blank", "scan.why.blank")
        return PageReading(page, "unreadable", "scan.why.no_qr")
    code = parse_ballot_payload(qr.text)
    if code is None:
        return PageReading(page, "unreadable", "scan.why.not_ballot", {"text": qr.text}, qr.text)
    if code.session_id != state.session_id:
        return PageReading(page, "foreign", "scan.why.other_session", {"session": code.session_id}, qr.text, code)
    books = state.book(form or code.form)
    if books is None or read_scan(state, qr.text, books).kind != "ballot":
        return PageReading(page, "foreign", "scan.why.other_form", {"form": code.form, "want": form or "—"}, qr.text, code)
    ballot = geometry(books)
    if len(ballot.pages) != code.pages or ballot.pages[code.page - 1].payload != qr.text.strip():
        return PageReading(page, "unreadable", "scan.why.layout", {"pages": code.pages, "printed": len(ballot.pages)},
                           qr.text, code)
    sheet = ballot.pages[code.page - 1]
    side = np.linalg.norm(qr.corners[1] - qr.corners[0]) + np.linalg.norm(qr.corners[3] - qr.corners[0])
    pixels, corners = _reduced(pixels, half, qr.corners, float(side / 2 / sheet.qr[2]))
    aligned = align(pixels, sheet, QrSeen(qr.text, corners))
    if not isinstance(aligned, Aligned):
        return PageReading(page, "unreadable", aligned, {}, qr.text, code)
    flat = flatten(pixels, aligned, sheet)
    rows = {row: decide_row(boxes) for row, boxes in measure_page(flat, sheet).items()}
    crops = {place.row: row_png(pixels, aligned, place.rect) for place in sheet.rows if not rows[place.row].sure}
    return PageReading(page, "ballot", "", {}, qr.text, code, rows, crops)
