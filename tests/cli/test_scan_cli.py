"""``tinnhiem scan`` at the command line: without the scan extra it says how to get it and records nothing; a
scanner is a station with a member; a missing file is named before anything is recorded."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.cli.conftest import session_at
from tests.cli.support import cli

NO_EXTRA = "import sys; sys.modules['scan'] = None; from tui.cli import main; sys.exit(main(sys.argv[1:]))"
"""The command as on a core install: the ``scan`` package cannot be imported."""


@pytest.fixture
def counting_db(tmp_path) -> str:
    """The sample conference at its counting step."""
    return session_at(tmp_path, "counting")


def _core(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", NO_EXTRA, *map(str, args)], capture_output=True, text=True)


def test_without_the_extra_it_says_how_to_get_it_and_records_nothing(counting_db, tmp_path):
    before = cli("verify", "--db", counting_db).text
    image = tmp_path / "b001.png"
    image.write_bytes(b"\x89PNG")
    run = _core("scan", "--db", counting_db, "--station", "SCAN", "--member", "v05", image, "--lang", "en")
    assert run.returncode == 2, run.stderr
    assert "pip install 'tinnhiem[scan]'" in run.stderr and "Nothing was recorded" in run.stderr
    assert cli("verify", "--db", counting_db).text == before


def test_a_scanner_needs_a_station_and_a_member(counting_db, tmp_path):
    image = tmp_path / "b001.png"
    image.write_bytes(b"\x89PNG")
    run = cli("scan", "--db", counting_db, image, "--lang", "en")
    assert run.code == 2 and "--station and --member" in run.text


def test_a_missing_file_is_named(counting_db, tmp_path):
    run = cli("scan", "--db", counting_db, "--station", "SCAN", "--member", "v05", tmp_path / "none.png", "--lang", "en")
    assert run.code == 2 and "none.png" in run.text
