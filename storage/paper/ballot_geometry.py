"""Where a printed ballot puts what a scanner looks for: corner squares, QR, rows and boxes, mm in the ballot's frame.

The positions are recorded while the ballot is drawn (``ballots.draw_ballot``), so the map and the paper come from
one layout. A ballot's frame is the paper one ballot is printed on: half an A4 sheet (the top half; both halves of a
sheet are drawn alike and are scanned cut apart) or a whole A4 page per page of a longer ballot.
"""

from __future__ import annotations

from dataclasses import dataclass

from session.state import Books, SessionState
from storage.paper.ballots import EDGE, FIDUCIAL, HALF, Placed, draw_ballot, layout
from storage.paper.pdf_base import QR_QUIET, Fonts, Page, qr_modules

Rect = tuple[float, float, float, float]
"""x, y of the top-left corner, width, height, mm."""


@dataclass(frozen=True)
class BoxPlace:
    """One box to mark."""

    row: int
    """Index of its row in the form's persons (0-based)."""
    level: int
    """Which box of the row, 1 … k (the mark it stands for)."""
    x: float
    """Left edge, mm."""
    y: float
    """Top edge, mm."""
    side: float
    """Side, mm."""
    cell: Rect
    """The table cell holding it: ink elsewhere in it is a mark beside the box."""


@dataclass(frozen=True)
class RowPlace:
    """One person's row of the table."""

    row: int
    """Index in the form's persons (0-based)."""
    rect: Rect
    """The whole row across the table."""


@dataclass(frozen=True)
class PageGeometry:
    """One page of a ballot as the scanner sees it."""

    page: int
    """The page (1-based)."""
    pages: int
    """Pages of the ballot."""
    width: float
    """Width of the frame, mm."""
    height: float
    """Height of the frame, mm."""
    payload: str
    """The text of this page's QR."""
    qr: Rect
    """The QR symbol itself (its quiet zone left out): the square the reader's corners bound."""
    fiducial_side: float
    """Side of each corner square, mm."""
    fiducials: tuple[tuple[float, float], ...]
    """Centres of the corner squares: top-left, top-right, bottom-right, bottom-left."""
    rows: tuple[RowPlace, ...]
    """The rows on this page, top to bottom."""
    boxes: tuple[BoxPlace, ...]
    """Every box on this page, row by row, level by level."""


@dataclass(frozen=True)
class BallotGeometry:
    """Every page of one form's ballot."""

    form: str
    """The form's id (what its QR names)."""
    persons: int
    """Rows of the form: the length of its marks string."""
    levels: int
    """Boxes per row."""
    pages: tuple[PageGeometry, ...]
    """Its pages in order."""


def _page(placed: Placed, width: float, height: float) -> PageGeometry:
    x, y, size = placed.qr
    quiet = size * QR_QUIET / (qr_modules(placed.payload) + 2 * QR_QUIET)
    return PageGeometry(
        page=placed.page, pages=placed.pages, width=width, height=height, payload=placed.payload,
        qr=(x + quiet, y + quiet, size - 2 * quiet, size - 2 * quiet), fiducial_side=FIDUCIAL,
        fiducials=tuple(placed.fiducials),
        rows=tuple(RowPlace(row, (rx, ry, rw, rh)) for row, rx, ry, rw, rh in placed.rows),
        boxes=tuple(BoxPlace(*box) for box in placed.boxes))


def ballot_geometry(s: SessionState, fonts: Fonts, books: Books | None = None, lang: str = "vi") -> BallotGeometry:
    """The map of ``books``' ballot (the only form's by default), drawn as ``ballots.ballots`` draws it."""
    books = books or s.main
    pdf = Page(fonts, lang, s.conference.rehearsal)
    pdf.add_page()
    two, chunks = layout(pdf, s, books)
    record: list[Placed] = []
    if two:
        draw_ballot(pdf, s, EDGE, HALF - EDGE, chunks, books=books, record=record)
        height = HALF
    else:
        draw_ballot(pdf, s, chunks=chunks, on_this_page=True, books=books, record=record)
        height = pdf.h
    pages = tuple(_page(placed, pdf.w, height) for placed in record)
    return BallotGeometry(books.id, len(books.persons), len(s.pack.levels), pages)
