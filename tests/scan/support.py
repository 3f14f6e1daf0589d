"""Shared by the scanner tests: sessions to print, and scanned images written where ``read_files`` reads them."""

from __future__ import annotations

from pathlib import Path

from scan.read import BallotReading, read_files
from session.state import SessionState
from tests.docs.support import fonts, new_service
from tests.scan.corpus import Sample
from tests.scenarios import synthetic

JPEG = b"\xff\xd8"
"""How a JPEG file starts."""


def session(persons: int = 4, rules: str = "QD96", session_id: str = "docs") -> SessionState:
    """A conference of five voters and ``persons`` persons on ``rules``' ballot."""
    return new_service(synthetic(5, persons, rules), session_id=session_id).state


def write(folder: Path, sample: Sample) -> list[Path]:
    """``sample``'s pages as image files in ``folder``, in page order."""
    paths = []
    for page, data in enumerate(sample.images, 1):
        suffix = "jpg" if data.startswith(JPEG) else "png"
        path = folder / f"{sample.name}-p{page}.{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def read_one(folder: Path, sample: Sample, state: SessionState, form: str = "") -> BallotReading:
    """The one reading of ``sample``'s files."""
    (reading,) = list(read_files(write(folder, sample), state, fonts(), form=form))
    return reading
