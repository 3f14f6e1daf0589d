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
    for path in (fonts().regular, fonts().bold):
        cmap = TTFont(path).getBestCmap()
        missing = [c for c in letters + "⌈⌉≥≤×–·«»“”" if ord(c) not in cmap]
        assert not missing, f"{path.name} lacks {missing}"


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
    assert {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"} <= {p.name for p in FONT_DIR.iterdir()}
    assert "Permission is hereby granted" in (FONT_DIR / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
