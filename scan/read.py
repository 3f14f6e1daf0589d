"""Reading scanned ballots: files in, one ``BallotReading`` per ballot (or per page that is none) out.

``read_files(paths, state, fonts)`` walks the files in the order given and their pages in order. A ballot of
several pages is its consecutive pages 1 … n (each page's QR says which it is): a blank page between them (the
back of a sheet scanned both sides) is passed over; a page that cannot be read where the next page was due is
taken as that page, and the ballot is then unreadable as a whole. A ballot is never split across readings, so the
count of readings is the count of ballots in the stack.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from scan.decide import RowReading
from scan.images import ScanFileError, ScanPage, load_pages
from scan.page import PageReading, read_page
from session.i18n import register, t
from session.state import Books, SessionState
from storage.paper.ballot_geometry import BallotGeometry, ballot_geometry
from storage.paper.pdf_base import Fonts


@dataclass(frozen=True)
class Part:
    """One scanned image holding (part of) a ballot."""

    file: str
    """The file as it was named."""
    sha256: str
    """sha256 (hex) of the file's bytes."""
    page: int
    """The page within the file (1-based)."""
    pages: int
    """Pages in the file."""


@dataclass(frozen=True)
class BallotReading:
    """What the machine read of one ballot (or of one page that is not a ballot of this session)."""

    source: str
    """Where it was read: the file, ``file#page`` for a page of a file of several, parts joined by ``, ``."""
    parts: tuple[Part, ...]
    """The images holding it, in order (a ballot of several pages: its pages 1 … n)."""
    kind: str
    """``ballot`` (this session's, of the form asked for), ``foreign`` (another session's QR, or another form than
    the one asked for), ``unreadable`` (see ``reason``) or ``blank`` (nothing printed: the back of a sheet)."""
    form: str = ""
    """The form its QR names ("" when none was read)."""
    reason: str = ""
    """For anything but ``ballot``: the message key of why (``scan.why.…``); ``message()`` renders it."""
    params: dict[str, object] = field(default_factory=dict)
    """The message's parameters."""
    marks: str | None = None
    """The machine's guess, one character per person of the form in ballot order (``1``…``k``, ``0``, ``x``);
    None unless ``kind`` is ``ballot``."""
    rows: tuple[RowReading, ...] = ()
    """Per person of the form, the machine's reading (mark, confidence, sure)."""
    unsure: tuple[int, ...] = ()
    """Rows (0-based) the machine is not sure of: a person decides them."""
    crops: dict[int, bytes] = field(default_factory=dict)
    """Per unsure row, a PNG picture of the row as scanned."""
    qr: str = ""
    """The first page's QR text ("" when none was read)."""

    @property
    def files(self) -> tuple[tuple[str, str], ...]:
        """(file, sha256) of each file holding it, each once, in order."""
        return tuple(dict.fromkeys((part.file, part.sha256) for part in self.parts))

    @property
    def image_ref(self) -> str:
        """How the log names the scan: ``sha256``, ``sha256#page`` for a page of a file of several, parts joined by ``,``."""
        return ",".join(f"{p.sha256}#{p.page}" if p.pages > 1 else p.sha256 for p in self.parts)

    @property
    def sure(self) -> bool:
        """A ballot of this session every row of which the machine is sure of: it may be recorded as it is."""
        return self.kind == "ballot" and not self.unsure

    def message(self, lang: str = "vi") -> str:
        """Why this is not a readable ballot, in ``lang`` ("" for one)."""
        return t(self.reason, lang, **self.params) if self.reason else ""


def _part(page: ScanPage) -> Part:
    return Part(page.file, page.sha256, page.page, page.pages)


def _alone(reading: PageReading) -> BallotReading:
    """A page that is not part of a ballot of several pages (or is such a page found out of place)."""
    return _ballot([reading]) if reading.kind == "ballot" else BallotReading(
        reading.page.source, (_part(reading.page),), reading.kind, reading.code.form if reading.code else "",
        reading.reason, reading.params, qr=reading.qr)


def _ballot(pages: list[PageReading]) -> BallotReading:
    """A whole ballot from its pages 1 … n, all read."""
    rows = [reading.rows[row] for reading in pages for row in sorted(reading.rows)]
    unsure = tuple(i for i, row in enumerate(rows) if not row.sure)
    crops = {row: png for reading in pages for row, png in reading.crops.items()}
    first = pages[0]
    return BallotReading(", ".join(p.page.source for p in pages), tuple(_part(p.page) for p in pages), "ballot",
                         first.code.form if first.code else "", marks="".join(row.mark for row in rows), rows=tuple(rows),
                         unsure=unsure, crops=crops, qr=first.qr)


def _broken(pages: list[PageReading]) -> BallotReading:
    """A ballot of several pages that could not be read whole."""
    first = pages[0]
    code = first.code
    bad = next((p for p in pages if p.kind != "ballot"), None)
    reason, params = (bad.reason, bad.params) if bad else ("scan.why.pages", {"got": len(pages), "pages": code.pages if code else 0})
    return BallotReading(", ".join(p.page.source for p in pages), tuple(_part(p.page) for p in pages), "unreadable",
                         code.form if code else "", reason, params, qr=first.qr)


class _Gather:
    """Puts the pages of a ballot of several pages back together as they come."""

    def __init__(self) -> None:
        self.pages: list[PageReading] = []

    @property
    def due(self) -> int:
        return len(self.pages) + 1

    @property
    def of(self) -> int:
        code = self.pages[0].code if self.pages else None
        return code.pages if code else 0

    def take(self, reading: PageReading) -> Iterator[BallotReading]:
        code = reading.code if reading.kind == "ballot" else None
        if reading.kind == "blank" and (self.pages or reading.page.pages > 1):
            return  # the back of a sheet, within a ballot or a file of several pages
        if self.pages:
            first = self.pages[0].code
            if code and first and (code.form, code.pages, code.page) == (first.form, first.pages, self.due):
                self.pages.append(reading)
            elif code is None and reading.kind == "unreadable":
                self.pages.append(reading)  # taken as the page due: it stands where that page should be
            else:
                yield _broken(self.pages)
                self.pages = []
                yield from self.take(reading)
                return
            if self.due > self.of:
                done, self.pages = self.pages, []
                yield _ballot(done) if all(p.kind == "ballot" for p in done) else _broken(done)
            return
        if code and code.pages > 1:
            if code.page == 1:
                self.pages = [reading]
            else:
                yield _broken([reading])
            return
        yield _alone(reading)

    def close(self) -> Iterator[BallotReading]:
        if self.pages:
            yield _broken(self.pages)
            self.pages = []


def read_files(paths: Iterable[str | Path], state: SessionState, fonts: Fonts, form: str = "",
               lang: str = "vi") -> Iterator[BallotReading]:
    """Every ballot in the scanned files at ``paths`` (in order), read against ``state``.

    ``form`` ("" any of the session's forms) is the one form taken as a ballot: any other is ``foreign``.
    ``fonts`` and ``lang`` must be those the ballots were printed with (the layout depends on them). A file that
    cannot be read is an ``unreadable`` reading naming it (``scan.why.file``); the files after it are still read.
    """

    maps: dict[str, BallotGeometry] = {}

    def geometry(books: Books) -> BallotGeometry:
        if books.id not in maps:
            maps[books.id] = ballot_geometry(state, fonts, books, lang)
        return maps[books.id]

    gather = _Gather()
    for path in paths:
        try:
            for page in load_pages(path):
                yield from gather.take(read_page(page, state, geometry, form))
        except ScanFileError as error:
            yield from gather.close()
            yield BallotReading(error.file, (), "unreadable", reason="scan.why.file", params={"file": error.file,
                                                                                             "detail": error.reason})
    yield from gather.close()


STRINGS: dict[str, tuple[str, str]] = {
    "scan.why.file": ("Không đọc được tệp {file}: {detail}.", "The file {file} cannot be read: {detail}."),
    "scan.why.blank": ("Trang trắng (mặt sau của tờ giấy).", "A blank page (the back of a sheet)."),
    "scan.why.no_qr": ("Không tìm thấy mã QR của phiếu.", "No ballot QR code was found."),
    "scan.why.not_ballot": ("Mã QR «{text}» không phải của một lá phiếu (bìa xấp?).",
                            "The QR code “{text}” is not a ballot's (a batch cover?)."),
    "scan.why.other_session": ("Phiếu của phiên khác ({session}): không phải phiếu đã phát ở hội nghị này.",
                               "A ballot of another session ({session}): not one issued at this conference."),
    "scan.why.other_form": ("Phiếu mẫu {form}, không phải mẫu đang kiểm {want}.", "A ballot of form {form}, not the form {want} being counted."),
    "scan.why.layout": ("Phiếu {pages} trang không khớp mẫu in của phiên ({printed} trang).",
                        "A ballot of {pages} pages does not match this session's printed form ({printed} pages)."),
    "scan.why.no_corners": ("Không tìm thấy đủ bốn ô vuông đen ở góc phiếu.", "The four black corner squares were not all found."),
    "scan.why.misaligned": ("Bốn góc phiếu không khớp với mã QR: ảnh bị méo hoặc không phải phiếu của mẫu này.",
                            "The corners do not agree with the QR code: the image is distorted or not this form's ballot."),
    "scan.why.pages": ("Phiếu nhiều trang không đủ trang liên tiếp ({got}/{pages}).",
                       "A ballot of several pages without all its pages in a row ({got} of {pages})."),
}
"""Why a scan is not a readable ballot: key → (Vietnamese, English)."""

register(STRINGS)
