"""Reading printed documents back: text per page, a page as an image, the QR codes on it."""

from __future__ import annotations

import io

from pypdf import PdfReader

from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from storage.paper.pdf_base import Fonts, find_fonts
from tests.scenarios import FixedClock
from tui.cli.paper import FONT_DIR


def fonts() -> Fonts:
    """The faces shipped with the package (never the system's: the test proves the bundle suffices)."""
    found = find_fonts(FONT_DIR)
    assert found.regular.parent == FONT_DIR
    return found


def pages_text(pdf: bytes) -> list[str]:
    """The extracted text of every page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def page_streams(pdf: bytes) -> list[bytes]:
    """The decoded content stream of every page: what is drawn on it."""
    return [page.get_contents().get_data() for page in PdfReader(io.BytesIO(pdf)).pages]


def render(pdf: bytes, index: int = 0, scale: float = 2.0):
    """Page ``index`` as a PIL image (pypdfium2)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[index].render(scale=scale).to_pil()
    finally:
        doc.close()


def qr_texts(image) -> list[str]:
    """Every QR code decoded on ``image`` (zxing-cpp)."""
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def new_service(data: dict, session_id: str = "docs") -> SessionService:
    """A session of ``data`` on the memory store with a fixed clock and launch code."""
    return SessionService.create(InMemoryEventStore(), data, clock=FixedClock(), session_id=session_id, launch_code="123-456-789")
