"""Ink in and around every box of an aligned ballot page.

The columns of boxes are resampled onto the ballot's own millimetre grid, so each box is a fixed block of pixels.
Darkness runs from the paper's gray (0) to the corner squares' gray (1). Inside a box, only its interior counts
(the printed edge left out) and faint darkness (paper grain, scanner noise, JPEG ringing) is dropped; around it,
what counts is real ink beside the box within its cell: a circle round it, a mark next to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from scan.decide import BoxMeasure
from scan.locate import Aligned
from storage.paper.ballot_geometry import PageGeometry, Rect

PX_PER_MM = 6.0
"""Resolution of the resampled table (about 150 dpi): a 5 mm box is 30 pixels across."""
INSET = 0.9
"""How far inside a box's printed edge its interior starts, mm (the edge, blurred, stays out)."""
NEAR = 3.0
"""How far left and right of a box ink is looked for, mm."""
CLEAR = 0.6
"""Gap kept between the ring looked at and the box's edge or the cell's border, mm."""
FAINT = 0.12
"""Darkness below which a pixel inside a box is taken as paper."""
INK = 0.4
"""Darkness from which a pixel around a box is taken as ink."""
MARGIN = 1.0
"""Paper kept around the table when it is resampled, mm."""
EDGE_FOUND = 0.05
"""Least median darkness of the boxes' printed top and bottom edges for the map to be the page's own: a ballot
printed with another layout (another language) shows paper there (0.00 measured, against 0.12 and more for every
scan of the corpus), and then no box is measured at all."""


@dataclass(frozen=True)
class Flat:
    """The boxes' columns of a page resampled onto the ballot's millimetres."""

    inside: np.ndarray
    """Summed-area table of darkness above ``FAINT``, in 255ths (what counts inside a box)."""
    around: np.ndarray
    """Summed-area table of pixels at least ``INK`` dark (what counts around a box)."""
    origin: tuple[float, float]
    """The mm point at pixel (0, 0)."""
    shape: tuple[int, int]
    """Height and width of the resampled image, px."""


def _cells_rect(page: PageGeometry) -> Rect:
    left = min(b.cell[0] for b in page.boxes) - MARGIN
    top = min(b.cell[1] for b in page.boxes) - MARGIN
    right = max(b.cell[0] + b.cell[2] for b in page.boxes) + MARGIN
    bottom = max(b.cell[1] + b.cell[3] for b in page.boxes) + MARGIN
    return left, top, right - left, bottom - top


def resample(pixels: np.ndarray, aligned: Aligned, rect: Rect) -> np.ndarray:
    """The part of the ballot at ``rect`` (mm) cut out of ``pixels`` and laid on its mm grid, ``PX_PER_MM``."""
    x0, y0, w, h = rect
    # Output pixel (u, v) is the mm point (x0 + u / PX, y0 + v / PX), which the homography takes into the scan.
    to_mm = np.array([[1 / PX_PER_MM, 0, x0], [0, 1 / PX_PER_MM, y0], [0, 0, 1]], np.float64)
    size = (int(round(w * PX_PER_MM)), int(round(h * PX_PER_MM)))
    return cv2.warpPerspective(pixels, aligned.homography @ to_mm, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                               borderMode=cv2.BORDER_REPLICATE)


def flatten(pixels: np.ndarray, aligned: Aligned, page: PageGeometry) -> Flat:
    """The boxes of ``page`` cut out of ``pixels``, with their ink summed for quick sums over any block."""
    rect = _cells_rect(page)
    gray = resample(pixels, aligned, rect)
    # Darkness of each gray level, 0 at the paper's gray to 1 at the corner squares', looked up per pixel.
    levels = np.arange(256, dtype=np.float32)
    darkness = np.clip((aligned.white - levels) / max(aligned.white - aligned.black, 1.0), 0.0, 1.0)
    inside = np.round(np.maximum(darkness - FAINT, 0.0) / (1 - FAINT) * 255).astype(np.uint8)
    around = (darkness >= INK).astype(np.uint8)
    return Flat(cv2.integral(cv2.LUT(gray, inside), sdepth=cv2.CV_32S), cv2.integral(cv2.LUT(gray, around), sdepth=cv2.CV_32S),
                rect[:2], gray.shape)


def _pixels(flat: Flat, rect: Rect) -> tuple[int, int, int, int]:
    """``rect`` (mm) as pixel bounds u0, v0, u1, v1 within the flat image."""
    ox, oy = flat.origin
    x, y, w, h = rect
    height, width = flat.shape

    def at(value: float, top: int) -> int:
        return min(max(int(round(value * PX_PER_MM)), 0), top)

    return at(x - ox, width), at(y - oy, height), at(x + w - ox, width), at(y + h - oy, height)


def _total(table: np.ndarray, bounds: tuple[int, int, int, int]) -> tuple[float, int]:
    """The sum over ``bounds`` of what ``table`` sums, and the pixels it covers."""
    u0, v0, u1, v1 = bounds
    if u1 <= u0 or v1 <= v0:
        return 0.0, 0
    return float(table[v1, u1] - table[v0, u1] - table[v1, u0] + table[v0, u0]), (u1 - u0) * (v1 - v0)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


def _edge(flat: Flat, box, y: float) -> float:
    """Darkness of a thin band along a box's printed edge at ``y``, mm."""
    ink, count = _total(flat.inside, _pixels(flat, (box.x + 0.8, y - 0.35, box.side - 1.6, 0.7)))
    return ink / 255 / count if count else 0.0


def edges_found(flat: Flat, page: PageGeometry) -> bool:
    """Whether the boxes' printed edges are where the map says: else the map is not this page's layout."""
    found = sorted(min(_edge(flat, b, b.y), _edge(flat, b, b.y + b.side)) for b in page.boxes)
    return bool(found) and found[len(found) // 2] >= EDGE_FOUND


def measure_page(flat: Flat, page: PageGeometry) -> dict[int, list[BoxMeasure]]:
    """Per row index, its boxes' measures in level order (every one unknown when the boxes are not where the map
    says, so that no row is taken as sure)."""
    rows: dict[int, list[BoxMeasure]] = {}
    if not edges_found(flat, page):
        for box in page.boxes:
            rows.setdefault(box.row, []).append(BoxMeasure(ink=float("nan"), ring=0.0))
        return rows
    for box in page.boxes:
        inner = _pixels(flat, (box.x + INSET, box.y + INSET, box.side - 2 * INSET, box.side - 2 * INSET))
        ink, count = _total(flat.inside, inner)
        cx, cy, cw, ch = box.cell
        # The ring: left and right of the box at its own height, inside its cell, less the box and its edge. Above and
        # below it are left out: a cross that runs past its own box reaches there from the next row.
        left, top = max(box.x - NEAR, cx + CLEAR), max(box.y, cy + CLEAR)
        right, bottom = min(box.x + box.side + NEAR, cx + cw - CLEAR), min(box.y + box.side, cy + ch - CLEAR)
        ring = _pixels(flat, (left, top, right - left, bottom - top))
        hole = _overlap(ring, _pixels(flat, (box.x - CLEAR, box.y - CLEAR, box.side + 2 * CLEAR, box.side + 2 * CLEAR)))
        (near, near_n), (held, held_n) = _total(flat.around, ring), _total(flat.around, hole)
        rows.setdefault(box.row, []).append(BoxMeasure(
            ink=ink / 255 / count if count else float("nan"),  # a box off the image is unknown, never blank
            ring=(near - held) / (near_n - held_n) if near_n > held_n else 0.0))
    return rows


def row_png(pixels: np.ndarray, aligned: Aligned, rect: Rect) -> bytes:
    """The row at ``rect`` as a PNG, upright and to scale, for a person to look at."""
    x, y, w, h = rect
    ok, data = cv2.imencode(".png", resample(pixels, aligned, (x - MARGIN, y - MARGIN, w + 2 * MARGIN, h + 2 * MARGIN)))
    return data.tobytes() if ok else b""
