"""The archive keeps what the scanner saw: every image the log names, listed in the manifest; ``--no-scans`` leaves
them out, and an image the database lacks is said, not silently dropped."""

from __future__ import annotations

import zipfile

from session import commands as c
from session.events import Actor
from session.scanning import HoldBallot
from session.service import SessionService
from storage.database import open_database
from storage.paper import archive
from storage.scans import SqlScanStore, digest
from storage.sql_store import SqlEventStore
from tests.cli.support import cli
from tests.scenarios import FixedClock, drive_to_counting, finish, sample_data

SCANNER = Actor("station", "v05", "SCAN")
"""The sample team's v05 runs the scanner."""
FIRST, SECOND, ROW = b"\x89PNG first ballot", b"\x89PNG second ballot", b"\x89PNG row 2 of the second"


def _scanned_session(path) -> tuple[SessionService, SqlScanStore]:
    database = open_database(str(path))
    service = SessionService.create(SqlEventStore(database), sample_data(), clock=FixedClock(), session_id="s")
    drive_to_counting(service, returned=2)
    scans = SqlScanStore(database)
    first, second, row = (scans.put("s", name, data) for name, data in
                          (("b001.png", FIRST), ("b002.png", SECOND), ("b002.row2.png", ROW)))
    service.handle(c.RecordBallot("12", batch="B1", image=first), SCANNER)
    service.handle(HoldBallot(2, second, "1?", (1,), (row,), "B1"), SCANNER)
    service.handle(c.RecordBallot("13", batch="B1", position=2, image=second), SCANNER)
    return finish(service), scans


def _files(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_the_archive_carries_every_scanned_image_the_log_names(tmp_path):
    _scanned_session(tmp_path / "s.db")
    run = cli("archive", "--db", tmp_path / "s.db", "-o", tmp_path / "a.zip")
    assert run.code == 0, run.text
    files = _files(tmp_path / "a.zip")
    scans = {name: data for name, data in files.items() if name.startswith(archive.SCANS)}
    assert sorted(scans) == sorted(f"scans/{digest(d)}-{n}" for n, d in
                                   (("b001.png", FIRST), ("b002.png", SECOND), ("b002.row2.png", ROW)))
    manifest = files[archive.MANIFEST].decode()
    assert all(f"{digest(data)}  {name}" in manifest for name, data in scans.items())
    assert archive.check((tmp_path / "a.zip").read_bytes()).ok
    assert cli("verify", tmp_path / "a.zip").code == 0


def test_no_scans_leaves_the_images_out_and_the_log_still_names_them(tmp_path):
    _scanned_session(tmp_path / "s.db")
    run = cli("archive", "--db", tmp_path / "s.db", "-o", tmp_path / "a.zip", "--no-scans")
    assert run.code == 0, run.text
    files = _files(tmp_path / "a.zip")
    assert not any(name.startswith(archive.SCANS) for name in files)
    assert digest(FIRST).encode() in files[archive.LOG]


def test_an_image_the_database_lacks_is_said(tmp_path):
    _, scans = _scanned_session(tmp_path / "s.db")
    with scans.database.transaction(write=True) as cur:
        cur.execute("DELETE FROM scans WHERE name = 'b002.png'")
    run = cli("archive", "--db", tmp_path / "s.db", "-o", tmp_path / "a.zip", "--lang", "en")
    assert run.code == 0, run.text
    assert "1 scanned images the log names are missing" in run.text and digest(SECOND)[:16] in run.text
