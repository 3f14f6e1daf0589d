"""The chair console writes the session's documents: the minutes, the archive bundle, the ballots and covers."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from textual.widgets import Input

from storage.paper import archive
from tests.tui.chair_support import drive_to, sample_service
from tui.app import ChairApp
from tui.cli import main
from tui.screens.chair import AGENDA_KEYS, chair_bindings
from tui.screens.chair_paper import PAPER_KEYS
from tui.wiring import open_store

SIZE = (120, 36)


@pytest.fixture
def documents(tmp_path, monkeypatch):
    """The user's documents folder, where a memory session's papers go."""
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder))
    return folder


async def press_and_wait(app: ChairApp, pilot, *keys: str) -> list[str]:
    """Press ``keys``, let the document workers finish, and return every notification's text."""
    await pilot.press(*keys)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return [n.message for n in app._notifications]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def footer_keys(app: ChairApp) -> set[str]:
    """Keys the footer shows now (enabled and meant to be shown)."""
    return {a.binding.key for a in app.screen.active_bindings.values() if a.enabled and a.binding.show}


async def test_minutes_key_writes_three_copies_next_to_the_database(tmp_path):
    service = drive_to(sample_service(open_store(str(tmp_path / "phien.db"))), "minutes")
    app = ChairApp(service, follow=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "v" in footer_keys(app)
        shown = await press_and_wait(app, pilot, "v")
    path = tmp_path / "bien-ban-sample.pdf"
    assert path.is_file(), shown
    assert any(str(path) in text for text in shown), shown
    text = pdf_text(path.read_bytes())
    assert "Bản 1/3" in text and "Bản 3/3" in text
    assert "Lê Văn Khánh" in re.sub(r"\s+", " ", text)
    assert service.state.step == "minutes" and len(service.store.load("sample")) == service.state.seq  # nothing recorded


async def test_minutes_before_the_count_is_over_are_refused_and_nothing_written(documents):
    service = drive_to(sample_service(), "counting")
    app = ChairApp(service, follow=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "v" not in footer_keys(app)  # not offered yet, but the key answers with the reason
        shown = await press_and_wait(app, pilot, "v")
    assert any("không thể «In biên bản" in text and "Chưa thể in biên bản: việc kiểm phiếu chưa kết thúc." in text
               for text in shown), shown
    assert not any("Đang ghi" in text for text in shown), shown  # refused before any "writing" notice
    assert list(documents.iterdir()) == []


async def test_archive_at_sealing_verifies(documents, capsys):
    service = drive_to(sample_service(), "sealing")
    app = ChairApp(service, follow=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {"s", "u", "v"} <= footer_keys(app)
        shown = await press_and_wait(app, pilot, "u")
    path = documents / "ho-so-luu-tru-sample.zip"
    assert any(str(path) in text for text in shown), shown
    found = archive.check(path.read_bytes())
    assert found.ok and archive.MINUTES_PDF in found.files, found.problems
    assert main(["verify", str(path)]) == 0, capsys.readouterr()


async def test_ballots_and_covers_at_issuing_in_english(documents):
    service = drive_to(sample_service(), "issuing")
    app = ChairApp(service, lang="en", follow=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {cmd.title for cmd in app.get_system_commands(app.screen)}
        assert {"Print ballots (one per voter convened)", "Print batch cover sheets"} <= titles
        assert "Print the minutes (3 copies)" not in titles
        await press_and_wait(app, pilot, "f")
        app.action_paper("covers")
        await pilot.pause()
        app.screen.query_one(Input).value = "3"
        shown = await press_and_wait(app, pilot, "enter")
    assert any("Wrote" in text and "3 batch covers" in text for text in shown), shown
    ballots = pdf_text((documents / "phieu-sample.pdf").read_bytes())
    assert "Lê Văn Khánh" in re.sub(r"\s+", " ", ballots)
    assert len(PdfReader(documents / "bia-xap-sample.pdf").pages) == 3


def test_document_keys_are_app_keys_apart_from_the_agenda_keys():
    agenda = {k.key for k in AGENDA_KEYS}
    paper = {k.key for k in PAPER_KEYS if k.key}
    assert paper and not paper & agenda
    others = [b for b in chair_bindings("vi", "sealing") if not b.action.startswith("agenda(")]
    assert not {b.key for b in others} & agenda
    assert len({b.key for b in others}) == len(others)  # no document key shadows a view key
    assert {b.key for b in others if b.action.startswith("app.paper(")} == paper


@pytest.mark.parametrize("step,offered,not_yet", [
    ("issuing", {"attendance"}, {"entries", "sealing", "resolution"}),
    ("counting", {"attendance", "entries"}, {"sealing", "resolution"}),
    ("closed", {"attendance", "entries", "sealing"}, {"resolution"}),  # QD96: no council resolution
])
async def test_the_palette_offers_each_record_at_its_step(step, offered, not_yet, tmp_path):
    from tui.i18n import t

    service = drive_to(sample_service(open_store(str(tmp_path / "phien.db"))), step)
    app = ChairApp(service, follow=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for what in offered:
            assert t(f"paper.title.{what}", "vi") in titles, what
        for what in not_yet:
            assert t(f"paper.title.{what}", "vi") not in titles, what


async def test_the_entry_log_from_the_palette_is_written_next_to_the_database(tmp_path):
    service = drive_to(sample_service(open_store(str(tmp_path / "phien.db"))), "minutes")
    app = ChairApp(service, follow=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_paper("entries")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = [p for p in tmp_path.iterdir() if p.suffix == ".pdf"]
    assert len(written) == 1, written
    assert "NHẬT KÝ NHẬP PHIẾU" in pdf_text(written[0].read_bytes())
