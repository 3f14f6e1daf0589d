"""A corpus of scanned ballots made from the project's own printed ballots: marked by hand-like pens, then degraded.

Everything is seeded: the same seed makes the same images. A ballot's truth is what its voter meant, row by row
(``1``…``k``, ``0`` none, ``x`` several); a circled box counts as meaning that box, so a machine that reads it as
blank has it wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import pypdfium2 as pdfium

from session.state import SessionState
from storage.paper.ballot_geometry import BallotGeometry, BoxPlace, PageGeometry, ballot_geometry
from storage.paper.ballots import ballots
from tests.docs.support import fonts

PENS = ("cross", "tick", "filled", "past_edge", "circled", "pencil")
"""How a voter marks a box."""
PLAIN = ("cross", "tick", "filled", "past_edge")
"""The pens of a clean ballot (no circled box, no light pencil)."""


@dataclass(frozen=True)
class Degrade:
    """What the scanner (and the paper's trip through it) does to a page."""

    dpi: int = 300
    """Scan resolution."""
    turn: float = 0.0
    """Skew, degrees."""
    scale: float = 1.0
    """Scale beyond the dpi (a scanner's own error)."""
    shift: tuple[float, float] = (0.0, 0.0)
    """Where the page lands on the glass, mm."""
    blur: float = 0.0
    """Gaussian blur, sigma in pixels."""
    noise: float = 0.0
    """Gaussian noise, gray levels."""
    jpeg: int = 0
    """JPEG quality (0: stored losslessly as PNG)."""
    upside_down: bool = False
    """Fed the wrong way round."""
    quarter_turns: int = 0
    """Fed sideways: the whole scan turned by this many quarter turns, anticlockwise (a landscape feed)."""


@dataclass(frozen=True)
class Sample:
    """One scanned ballot of the corpus."""

    name: str
    """Its name, for a failure message."""
    images: tuple[bytes, ...]
    """Its pages as image files (PNG or JPEG bytes)."""
    truth: str
    """What the voter meant, one character per person."""
    clean: bool
    """Marked with plain pens only (no circled box, no light pencil)."""
    degrade: Degrade
    """How it was scanned."""


def pages_at(state: SessionState, dpi: int) -> tuple[BallotGeometry, list[np.ndarray]]:
    """The form's map and its ballot's pages rendered at ``dpi``, each cut to the ballot's own frame."""
    geometry = ballot_geometry(state, fonts())
    doc = pdfium.PdfDocument(ballots(state, fonts(), 1))
    try:
        images = []
        for index, page in enumerate(geometry.pages):
            bitmap = doc[index].render(scale=dpi / 72, grayscale=True).to_numpy()
            gray = np.ascontiguousarray(bitmap[:, :, 0] if bitmap.ndim == 3 else bitmap)
            images.append(gray[:round(page.height * dpi / 25.4)].copy())
        return geometry, images
    finally:
        doc.close()


class Pen:
    """Draws a voter's marks on a rendered page, in the ballot's millimetres."""

    def __init__(self, image: np.ndarray, dpi: int, rng: np.random.Generator):
        self.image, self.k, self.rng = image, dpi / 25.4, rng

    def _pt(self, x: float, y: float) -> tuple[int, int]:
        return round(x * self.k * 16), round(y * self.k * 16)

    def line(self, a, b, width: float, ink: int) -> None:
        cv2.line(self.image, self._pt(*a), self._pt(*b), int(ink), max(1, round(width * self.k)), cv2.LINE_AA, shift=4)

    def mark(self, box: BoxPlace, pen: str) -> None:
        r = self.rng
        cx, cy = box.x + box.side / 2 + r.uniform(-0.6, 0.6), box.y + box.side / 2 + r.uniform(-0.6, 0.6)
        ink, width = int(r.uniform(15, 70)), r.uniform(0.35, 0.7)
        if pen in ("cross", "past_edge", "pencil"):
            half = r.uniform(1.4, 2.2) if pen != "past_edge" else r.uniform(3.5, 4.5)
            if pen == "pencil":
                ink, width = int(r.uniform(150, 175)), r.uniform(0.3, 0.45)
            for sign in (1, -1):
                tilt = r.uniform(-0.4, 0.4)
                self.line((cx - half, cy - sign * half + tilt), (cx + half, cy + sign * half - tilt), width, ink)
        elif pen == "tick":
            s = r.uniform(1.3, 2.0)
            self.line((cx - s, cy), (cx - s / 3, cy + s), width, ink)
            self.line((cx - s / 3, cy + s), (cx + s * 1.1, cy - s * 1.2), width, ink)
        elif pen == "filled":
            pts = np.array([self._pt(box.x + 0.5, box.y + 0.5), self._pt(box.x + box.side - 0.4, box.y + 0.6),
                            self._pt(box.x + box.side - 0.5, box.y + box.side - 0.4), self._pt(box.x + 0.6, box.y + box.side - 0.5)])
            cv2.fillPoly(self.image, [pts], int(ink), cv2.LINE_AA, shift=4)
        elif pen == "circled":
            radius = box.side / 2 + r.uniform(1.2, 2.2)
            cv2.ellipse(self.image, self._pt(cx, cy), (round(radius * self.k * 16), round(radius * 0.85 * self.k * 16)),
                        r.uniform(0, 30), 0, 360, int(ink), max(1, round(width * self.k)), cv2.LINE_AA, shift=4)

    def stray(self, page: PageGeometry) -> None:
        """A stroke far from any box: in the name column, beside the table."""
        row = page.rows[int(self.rng.integers(len(page.rows)))]
        x, y, _, h = row.rect
        start = (x + self.rng.uniform(15, 45), y + h * self.rng.uniform(0.2, 0.8))
        self.line(start, (start[0] + self.rng.uniform(4, 12), start[1] + self.rng.uniform(-2, 2)), 0.5, 40)


def scanned(image: np.ndarray, at: int, d: Degrade, rng: np.random.Generator) -> bytes:
    """``image`` rendered at ``at`` dpi as a scanner at ``d`` would write it: an image file's bytes."""
    k = d.dpi / at * d.scale
    h, w = image.shape
    pad = round(6 * d.dpi / 25.4)  # the glass around the paper, a little darker than it
    size = (round(w * k) + 2 * pad, round(h * k) + 2 * pad)
    centre = (w / 2, h / 2)
    matrix = cv2.getRotationMatrix2D(centre, d.turn + (180.0 if d.upside_down else 0.0), k)
    matrix[:, 2] += (size[0] / 2 - centre[0] + d.shift[0] * d.dpi / 25.4, size[1] / 2 - centre[1] + d.shift[1] * d.dpi / 25.4)
    out = cv2.warpAffine(image, matrix, size, flags=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR, borderValue=238)
    if d.quarter_turns:
        out = np.ascontiguousarray(np.rot90(out, d.quarter_turns))
    if d.blur:
        out = cv2.GaussianBlur(out, (0, 0), d.blur)
    if d.noise:
        out = np.clip(out.astype(np.float32) + rng.normal(0, d.noise, out.shape), 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, d.jpeg]) if d.jpeg else cv2.imencode(".png", out)
    assert ok
    return data.tobytes()


def random_degrade(rng: np.random.Generator, dpi: int) -> Degrade:
    """A scan as an office scanner makes them: a few degrees of skew, a little blur, noise and JPEG, one in four turned."""
    return Degrade(dpi=dpi, turn=float(rng.uniform(-3.0, 3.0)), scale=float(rng.uniform(0.97, 1.03)),
                   shift=(float(rng.uniform(-4, 4)), float(rng.uniform(-4, 4))),
                   blur=float(rng.choice([0.0, 0.6, 1.0, 1.4])), noise=float(rng.choice([0.0, 4.0, 8.0])),
                   jpeg=int(rng.choice([0, 50, 75, 90])), upside_down=bool(rng.random() < 0.25))


def mark_ballot(geometry: BallotGeometry, rng: np.random.Generator, clean: bool) -> tuple[str, list[tuple[int, str]]]:
    """A voter's intent for every row and the (box, pen) strokes that express it."""
    truth, strokes = [], []
    pens = PLAIN if clean else PENS
    boxes = {(b.row, b.level): b for page in geometry.pages for b in page.boxes}
    for row in range(geometry.persons):
        roll = rng.random()
        if roll < 0.15:
            truth.append("0")
        elif roll < 0.22:
            levels = sorted(rng.choice(np.arange(1, geometry.levels + 1), 2, replace=False).tolist())
            truth.append("x")
            strokes += [(boxes[row, int(level)], str(rng.choice(PLAIN))) for level in levels]
        else:
            level = int(rng.integers(1, geometry.levels + 1))
            truth.append(str(level))
            strokes.append((boxes[row, level], str(rng.choice(pens))))
    return "".join(truth), strokes


def make_corpus(state: SessionState, count: int, seed: int, dpis=(150, 300), clean_share: float = 0.6,
                degrade: Degrade | None = None) -> list[Sample]:
    """``count`` scanned ballots of ``state``'s only form, split over ``dpis``, each scanned a random bad way (or
    as ``degrade`` says, at its dpi)."""
    dpis = (degrade.dpi,) if degrade else dpis
    rng = np.random.default_rng(seed)
    rendered = {dpi: pages_at(state, dpi) for dpi in dpis}
    samples = []
    for n in range(count):
        dpi = dpis[n % len(dpis)]
        geometry, pages = rendered[dpi]
        clean = bool(rng.random() < clean_share)
        truth, strokes = mark_ballot(geometry, rng, clean)
        d = degrade or random_degrade(rng, dpi)
        images = []
        for page, image in zip(geometry.pages, pages):
            drawn = image.copy()
            pen = Pen(drawn, dpi, rng)
            rows = {r.row for r in page.rows}
            for box, style in strokes:
                if box.row in rows:
                    pen.mark(box, style)
            if not clean and rng.random() < 0.5:
                pen.stray(page)
            images.append(scanned(drawn, dpi, d, rng))
        samples.append(Sample(f"{n:03d}-{dpi}dpi{'-clean' if clean else ''}", tuple(images), truth, clean, d))
    return samples

