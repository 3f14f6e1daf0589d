"""Finding a ballot on a scanned page: its QR (what it is, which way up), its corner squares, the map onto the paper.

The QR's four corners give a first, rough placing of the ballot's frame on the image (any turn, any scale); the
corner squares are then looked for near where that placing puts them, and their centres fix a homography from
the ballot's millimetres to the image's pixels. The QR seen through that homography must land where the reader
saw it: a page that disagrees is not aligned, and nothing on it is read.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import zxingcpp

from storage.paper.ballot_geometry import PageGeometry

QR_FORMAT = zxingcpp.BarcodeFormat.QRCode
LARGE = 2400
"""Pixels along the longer side above which the QR is first looked for at half size (faster, still readable)."""
SEARCH = 9.0
"""How far from where the QR puts it a corner square is looked for, mm."""
AGREE = 1.5
"""Largest distance, mm, between where the aligned map puts the QR's corners and where the reader saw them."""


@dataclass(frozen=True)
class QrSeen:
    """A QR code found on a page."""

    text: str
    """What it says."""
    corners: np.ndarray
    """Its symbol's corners in the image, px: top-left, top-right, bottom-right, bottom-left as the symbol reads."""


@dataclass(frozen=True)
class Aligned:
    """A ballot page aligned to its map."""

    homography: np.ndarray
    """3×3, the ballot's mm → the image's px."""
    px_per_mm: float
    """Scale of the scan (about dpi / 25.4)."""
    black: float
    """Gray of the printed corner squares: the page's full ink."""
    white: float
    """Gray of the paper."""


def halved(pixels: np.ndarray) -> np.ndarray:
    """``pixels`` at half size, each pixel the mean of four (what bilinear sampling gives at exactly one half)."""
    return cv2.resize(pixels, (pixels.shape[1] // 2, pixels.shape[0] // 2), interpolation=cv2.INTER_LINEAR)


def find_qr(pixels: np.ndarray, half: np.ndarray | None = None) -> QrSeen | None:
    """The first QR code on the page, or None (a blank page, a page of something else, a QR too damaged); a large
    page is searched at half size first (``half``, if already made)."""
    tries = [(0.5, half if half is not None else halved(pixels))] if max(pixels.shape) > LARGE else []
    tries.append((1.0, pixels))
    for factor, image in tries:
        for found in zxingcpp.read_barcodes(image, formats=QR_FORMAT, try_invert=False):
            p = found.position
            corners = np.array([[q.x, q.y] for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)], np.float64)
            # zxing's corners are those of the outermost modules' pixel grid: at half size, one pixel is two.
            return QrSeen(found.text, corners / factor)
    return None


def _qr_square(page: PageGeometry) -> np.ndarray:
    x, y, w, h = page.qr
    return np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float64)


def _affine(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """The least-squares affine map src → dst as a 3×3 matrix."""
    ones = np.hstack([src, np.ones((len(src), 1))])
    solution, *_ = np.linalg.lstsq(ones, dst, rcond=None)
    return np.vstack([solution.T, [0.0, 0.0, 1.0]])


def project(matrix: np.ndarray, points) -> np.ndarray:
    """``points`` (N×2) through the 3×3 ``matrix``."""
    pts = np.asarray(points, np.float64).reshape(-1, 1, 2)
    return cv2.perspectiveTransform(pts, matrix).reshape(-1, 2)


def _square_near(pixels: np.ndarray, centre: np.ndarray, side_px: float, threshold: float) -> tuple[np.ndarray, float] | None:
    """The centre and gray of the solid dark square of ``side_px`` nearest ``centre``, or None."""
    reach = int(SEARCH / 5.0 * side_px + side_px)
    h, w = pixels.shape
    x0, y0 = max(0, int(centre[0]) - reach), max(0, int(centre[1]) - reach)
    x1, y1 = min(w, int(centre[0]) + reach), min(h, int(centre[1]) + reach)
    if x1 - x0 < side_px or y1 - y0 < side_px:
        return None
    window = pixels[y0:y1, x0:x1]
    dark = (window < threshold).astype(np.uint8)
    count, labels, stats, centroids = cv2.connectedComponentsWithStats(dark, connectivity=8)
    best, best_distance = None, None
    area = side_px * side_px
    for label in range(1, count):
        bw, bh, pixels_in = stats[label, cv2.CC_STAT_WIDTH], stats[label, cv2.CC_STAT_HEIGHT], stats[label, cv2.CC_STAT_AREA]
        if not (0.45 * area <= pixels_in <= 1.7 * area and 0.65 * side_px <= bw <= 1.5 * side_px
                and 0.65 * side_px <= bh <= 1.5 * side_px and pixels_in >= 0.7 * bw * bh):
            continue
        at = centroids[label] + (x0, y0)
        distance = float(np.hypot(*(at - centre)))
        if best_distance is None or distance < best_distance:
            best, best_distance = (label, at), distance
    if best is None:
        return None
    label, at = best
    return at, float(np.median(window[labels == label]))


def align(pixels: np.ndarray, page: PageGeometry, qr: QrSeen) -> Aligned | str:
    """The page aligned on its corner squares, or the reason key it cannot be (``scan.no_corners``, ``scan.misaligned``)."""
    rough = _affine(_qr_square(page), qr.corners)
    px_per_mm = float(np.sqrt(abs(np.linalg.det(rough[:2, :2]))))
    sample = pixels[::8, ::8]
    white = float(np.percentile(sample, 90))
    side_px = page.fiducial_side * px_per_mm
    found = []
    for centre in project(rough, page.fiducials):
        square = _square_near(pixels, centre, side_px, white * 0.55)
        if square is None:
            return "scan.no_corners"
        found.append(square)
    centres = np.array([at for at, _ in found], np.float32)
    homography = cv2.getPerspectiveTransform(np.array(page.fiducials, np.float32), centres)
    seen = project(homography, _qr_square(page))
    if float(np.max(np.hypot(*(seen - qr.corners).T))) > AGREE * px_per_mm:
        return "scan.misaligned"
    black = float(np.median([gray for _, gray in found]))
    return Aligned(homography, px_per_mm, black, white)
