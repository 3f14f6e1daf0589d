"""The shipped font covers every Vietnamese letter, and text comes back out of a PDF exactly as it went in."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

from fontTools.ttLib import TTFont

from storage.paper.documents import ballots_pdf
from tests.docs.support import fonts, new_service, pages_text
from tests.scenarios import synthetic
from tui.cli.paper import FONT_DIR

TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
"""No tone, huyền, sắc, ngã, hỏi, nặng."""
VOWELS = "aăâeêioôơuưy"


def vietnamese_letters() -> str:
    """Every precomposed Vietnamese letter, lower and upper case (134 + đ/Đ …)."""
    letters = {unicodedata.normalize("NFC", v + tone) for v in VOWELS for tone in TONES} | {"đ"}
    letters |= {c.upper() for c in letters}
    assert all(len(c) == 1 for c in letters)
    return "".join(sorted(letters))


def test_both_faces_have_a_glyph_for_every_letter():
    letters = vietnamese_letters()
    assert len(letters) == 2 * (len(VOWELS) * len(TONES) + 1)
    for path in (fonts().regular, fonts().bold, fonts().italic):
        cmap = TTFont(path).getBestCmap()
        missing = [c for c in letters + "≥≤×–·«»“”" if ord(c) not in cmap]
        assert not missing, f"{path.name} lacks {missing}"
    # The serif has no ceiling brackets: the face shipped for signs draws them.
    assert {ord("⌈"), ord("⌉")} <= set(TTFont(fonts().signs).getBestCmap())


def test_every_letter_survives_print_and_extraction():
    letters = vietnamese_letters()
    data = synthetic(3, 2)
    data["persons"][0]["name"] = letters[: len(letters) // 2]
    data["persons"][1]["name"] = letters[len(letters) // 2:]
    # A name this long is set on two lines: compare without the line breaks.
    text = "".join("".join(pages_text(ballots_pdf(new_service(data).state, fonts(), 1))).split())
    assert letters[: len(letters) // 2] in text and letters[len(letters) // 2:] in text


def test_the_fonts_and_their_licence_ship_with_the_package():
    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["tui.data"]
    assert "*.ttf" in patterns and "*.txt" in patterns
    shipped = {p.name for p in FONT_DIR.iterdir()}
    assert {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
            "LICENSE-LiberationSerif.txt", "DejaVuSans.ttf", "LICENSE-DejaVu.txt"} <= shipped
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONT_DIR / "LICENSE-LiberationSerif.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


def test_the_documents_are_set_in_the_serif_and_body_text_is_at_least_13_pt():
    import io

    from pypdf import PdfReader

    state = new_service(synthetic(3, 2)).state
    reader = PdfReader(io.BytesIO(ballots_pdf(state, fonts(), 1)))
    names = {str(f["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].get_object().values()}
    assert names and all("LiberationSerif" in name for name in names), names
