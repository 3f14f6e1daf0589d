"""Scanned files as grayscale pages: PNG, JPEG, TIFF (every page of it) and PDF (every page rendered).

Each page keeps the sha256 of the file it came from and its place in that file, which is how the log names the
image a ballot was read from. Pages are produced one at a time, so a PDF of a whole vote never sits in memory.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

PDF_DPI = 200
"""Resolution a PDF page is rendered at: enough for boxes and QR, far cheaper than 300."""


class ScanFileError(Exception):
    """A file that is not an image or PDF this package can read."""

    def __init__(self, file: str, reason: str):
        super().__init__(f"{file}: {reason}")
        self.file = file
        """The file as it was named."""
        self.reason = reason
        """What went wrong, in plain words."""


@dataclass(frozen=True)
class ScanPage:
    """One page of a scanned file."""

    file: str
    """The file as it was named."""
    sha256: str
    """sha256 (hex) of the whole file's bytes."""
    page: int
    """The page within the file (1-based)."""
    pages: int
    """Pages in the file."""
    pixels: np.ndarray
    """The page in gray, 8 bits, white paper high."""

    @property
    def source(self) -> str:
        """The file, with ``#page`` for a page of a file of several."""
        return f"{self.file}#{self.page}" if self.pages > 1 else self.file

    @property
    def image_ref(self) -> str:
        """How the log names this image: the file's sha256, with ``#page`` for a page of a file of several."""
        return f"{self.sha256}#{self.page}" if self.pages > 1 else self.sha256


def _kind(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return "pdf"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8"):
        return "image"
    return ""


KEEP_PX = 1700
"""A JPEG whose longer side is at least twice this is decoded at a half, a quarter … of its size (by the JPEG
decoder itself, far faster than decoding it whole): an A4 page at 300 dpi comes out at 150."""
REDUCED = ((8, cv2.IMREAD_REDUCED_GRAYSCALE_8), (4, cv2.IMREAD_REDUCED_GRAYSCALE_4), (2, cv2.IMREAD_REDUCED_GRAYSCALE_2))


def _jpeg_reduction(data: bytes) -> int:
    """The ``cv2.imdecode`` flag that decodes the JPEG ``data`` as small as the boxes and QR allow."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as header:  # reads the header only
            longer = max(header.size)
    except OSError:
        return cv2.IMREAD_GRAYSCALE  # let the decoder say what is wrong
    return next((flag for factor, flag in REDUCED if longer >= KEEP_PX * factor), cv2.IMREAD_GRAYSCALE)


def _pdf_pages(name: str, digest: str, data: bytes) -> Iterator[ScanPage]:
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ScanFileError(name, f"not a readable PDF ({error})") from None
    try:
        count = len(doc)
        for index in range(count):
            bitmap = doc[index].render(scale=PDF_DPI / 72, grayscale=True)
            pixels = bitmap.to_numpy()
            yield ScanPage(name, digest, index + 1, count, np.ascontiguousarray(pixels[:, :, 0] if pixels.ndim == 3 else pixels))
    finally:
        doc.close()


def _tiff_pages(name: str, digest: str, data: bytes) -> Iterator[ScanPage]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        count = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, OSError) as error:
        raise ScanFileError(name, f"not a readable TIFF ({error})") from None
    for index, frame in enumerate(ImageSequence.Iterator(image)):
        yield ScanPage(name, digest, index + 1, count, np.asarray(frame.convert("L"), dtype=np.uint8))


def load_pages(path: str | Path) -> Iterator[ScanPage]:
    """Every page of the file at ``path`` in order; ``ScanFileError`` naming it when it cannot be read."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ScanFileError(name, error.strerror or str(error)) from None
    digest = hashlib.sha256(data).hexdigest()
    kind = _kind(data)
    if kind == "pdf":
        yield from _pdf_pages(name, digest, data)
    elif kind == "tiff":
        yield from _tiff_pages(name, digest, data)
    elif kind == "image":
        pixels = cv2.imdecode(np.frombuffer(data, np.uint8), _jpeg_reduction(data) if data.startswith(b"\xff\xd8")
                              else cv2.IMREAD_GRAYSCALE)
        if pixels is None:
            raise ScanFileError(name, "a damaged PNG or JPEG")
        yield ScanPage(name, digest, 1, 1, pixels)
    else:
        raise ScanFileError(name, "not a PNG, JPEG, TIFF or PDF")
