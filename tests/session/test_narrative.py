"""The narrative line of an entry-mode change is a sentence in each language, not a field dump."""

from __future__ import annotations

from session.counting import SetEntryMode
from session.events import CHAIR
from session.narrative import describe
from tests.tui.chair_support import at_step


def test_an_entry_mode_change_reads_as_a_sentence_in_both_languages():
    service = at_step("issuing")
    service.handle(SetEntryMode(True), CHAIR)
    service.handle(SetEntryMode(False), CHAIR)
    double, single = service.store.load(service.session_id)[-2:]
    assert describe(double, "en") == "Entry mode chosen: blind double entry"
    assert describe(double, "vi") == "Chọn cách nhập phiếu: nhập kép độc lập"
    assert describe(single, "en") == "Entry mode chosen: single entry"
    assert describe(single, "vi") == "Chọn cách nhập phiếu: nhập một lần"
