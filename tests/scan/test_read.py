"""``read_files``: files and pages in, one reading per ballot out; a ballot of several pages put back together."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from scan.images import ScanFileError, load_pages
from scan.read import read_files
from storage.paper.ballots import covers
from tests.docs.support import fonts
from tests.scan.corpus import Degrade, make_corpus
from tests.scan.support import session, write


@pytest.fixture(scope="module")
def long_form():
    """A 44-person form (three A4 pages) and two marked ballots of it scanned at 300 dpi, one turned round."""
    state = session(44)
    plain = make_corpus(state, 1, seed=21, clean_share=1.0, degrade=Degrade(dpi=300, turn=1.5))
    turned = make_corpus(state, 1, seed=22, clean_share=1.0, degrade=Degrade(dpi=300, turn=-2.0, upside_down=True, jpeg=80))
    return state, plain + turned


def _gray(data: bytes) -> Image.Image:
    return Image.fromarray(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE))


def _blank_like(data: bytes) -> bytes:
    image = np.full_like(cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE), 245)
    return cv2.imencode(".png", image)[1].tobytes()


def _check(readings, samples, names) -> None:
    assert [r.kind for r in readings] == ["ballot"] * len(samples)
    for reading, sample, parts in zip(readings, samples, names):
        assert len(reading.marks) == 44 and len(reading.rows) == 44
        assert all(got == meant for got, meant, row in zip(reading.marks, sample.truth, reading.rows) if row.sure)
        assert [p.page for p in reading.parts] == parts


def test_a_44_person_ballot_is_read_from_its_three_page_files(tmp_path, long_form):
    state, samples = long_form
    paths = [p for sample in samples for p in write(tmp_path, sample)]
    readings = list(read_files(paths, state, fonts()))
    _check(readings, samples, [[1, 1, 1], [1, 1, 1]])
    assert readings[0].image_ref == ",".join(p.sha256 for p in readings[0].parts) and "#" not in readings[0].image_ref
    assert readings[0].source == ", ".join(str(p) for p in paths[:3])


def test_a_multi_page_tiff_of_a_duplex_scan_passes_over_the_blank_backs(tmp_path, long_form):
    state, samples = long_form
    frames = []
    for sample in samples:
        for data in sample.images:
            frames += [_gray(data), _gray(_blank_like(data))]
    path = tmp_path / "stack.tiff"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_deflate")
    readings = list(read_files([path], state, fonts()))
    _check(readings, samples, [[1, 3, 5], [7, 9, 11]])
    sha = readings[0].parts[0].sha256
    assert readings[0].image_ref == f"{sha}#1,{sha}#3,{sha}#5"
    assert readings[1].files == ((str(path), sha),)


def test_a_pdf_of_the_stack_reads_as_a_scanner_writes_it(tmp_path, long_form):
    state, samples = long_form
    frames = [_gray(data) for sample in samples for data in sample.images]
    path = tmp_path / "stack.pdf"
    frames[0].save(path, save_all=True, append_images=frames[1:], resolution=300.0)
    readings = list(read_files([path], state, fonts()))
    _check(readings, samples, [[1, 2, 3], [4, 5, 6]])
    assert readings[1].source == f"{path}#4, {path}#5, {path}#6"


def test_pages_out_of_order_or_missing_make_the_ballot_unreadable_not_another(tmp_path, long_form):
    state, samples = long_form
    one, two, three = write(tmp_path, samples[0])
    readings = list(read_files([two, one, three], state, fonts()))
    # Page 2 alone; page 1 with no page 2 after it; page 3 alone: each held, none read as a ballot.
    assert [(r.kind, r.reason) for r in readings] == [("unreadable", "scan.why.pages")] * 3
    assert [len(r.parts) for r in readings] == [1, 1, 1]
    assert readings[1].marks is None and "1 of 3" in readings[1].message("en")


def test_a_page_that_cannot_be_read_where_one_was_due_is_taken_as_that_page(tmp_path, long_form):
    state, samples = long_form
    one, two, three = write(tmp_path, samples[0])
    smudged = tmp_path / "smudged.png"
    image = cv2.imread(str(two), cv2.IMREAD_GRAYSCALE)
    image[image.shape[0] * 3 // 4:, image.shape[1] * 3 // 4:] = 0  # the QR corner blacked out
    cv2.imwrite(str(smudged), image)
    (reading,) = list(read_files([one, smudged, three], state, fonts()))
    assert (reading.kind, reading.reason, len(reading.parts)) == ("unreadable", "scan.why.no_qr", 3)


def test_a_file_that_cannot_be_read_is_named_and_the_next_is_still_read(tmp_path):
    state = session(4)
    (sample,) = make_corpus(state, 1, seed=4, clean_share=1.0, degrade=Degrade())
    bad = tmp_path / "notes.txt"
    bad.write_text("not a scan")
    readings = list(read_files([bad, tmp_path / "missing.png", *write(tmp_path, sample)], state, fonts()))
    assert [(r.kind, r.reason) for r in readings[:2]] == [("unreadable", "scan.why.file")] * 2
    assert "notes.txt" in readings[0].message("en") and "not a PNG, JPEG, TIFF or PDF" in readings[0].message("en")
    assert readings[2].kind == "ballot" and readings[2].marks == sample.truth
    with pytest.raises(ScanFileError, match="notes.txt"):
        list(load_pages(bad))


def test_a_batch_cover_in_the_stack_is_no_ballot(tmp_path):
    import pypdfium2 as pdfium

    state = session(4)
    path = tmp_path / "cover.pdf"
    path.write_bytes(covers(state, fonts(), 1))
    (reading,) = list(read_files([path], state, fonts()))
    assert (reading.kind, reading.reason) == ("unreadable", "scan.why.not_ballot")
    assert reading.qr.startswith("tinnhiem-batch:") and len(pdfium.PdfDocument(str(path))) == 1


@pytest.mark.parametrize("quarter_turns", [1, 3], ids=["fed-left", "fed-right"])
def test_a_ballot_fed_sideways_is_read_as_one_fed_upright(tmp_path, quarter_turns):
    state = session(8)
    for sample in make_corpus(state, 3, seed=40 + quarter_turns, clean_share=1.0,
                              degrade=Degrade(dpi=200, turn=1.2, jpeg=80, quarter_turns=quarter_turns)):
        (reading,) = read_files(write(tmp_path, sample), state, fonts())
        assert (reading.kind, reading.marks, reading.unsure) == ("ballot", sample.truth, ()), sample.name


def test_an_unsure_row_comes_with_a_picture_of_it(tmp_path):
    state = session(4)
    samples = make_corpus(state, 12, seed=8, clean_share=0.0)
    reading = next(r for r in (read_files(write(tmp_path, s), state, fonts()) for s in samples)
                   for r in r if r.unsure)
    assert set(reading.crops) == set(reading.unsure)
    picture = Image.open(io.BytesIO(reading.crops[reading.unsure[0]]))
    assert picture.format == "PNG" and picture.width > 4 * picture.height > 0


def test_a_ballot_printed_in_another_language_is_held_whole_never_read_on_the_wrong_map(tmp_path):
    """The layout depends on the language printed: read on the other language's map, no row may come out sure."""
    import pypdfium2 as pdfium

    from storage.paper.ballot_geometry import ballot_geometry
    from storage.paper.ballots import ballots
    from tests.scan.corpus import Pen

    state = session(4)
    geometry = ballot_geometry(state, fonts(), lang="en")
    (page,) = geometry.pages
    doc = pdfium.PdfDocument(ballots(state, fonts(), 1, lang="en"))
    gray = doc[0].render(scale=200 / 72, grayscale=True).to_numpy()
    gray = np.ascontiguousarray(gray[:, :, 0] if gray.ndim == 3 else gray)[:round(page.height * 200 / 25.4)].copy()
    doc.close()
    pen = Pen(gray, 200, np.random.default_rng(1))
    for box in page.boxes:
        if box.level == 1:
            pen.mark(box, "cross")
    path = tmp_path / "en.png"
    cv2.imwrite(str(path), gray)
    (english,) = read_files([path], state, fonts(), lang="en")
    assert english.marks == "1111" and not english.unsure
    (wrong,) = read_files([path], state, fonts(), lang="vi")
    assert wrong.unsure == (0, 1, 2, 3)
