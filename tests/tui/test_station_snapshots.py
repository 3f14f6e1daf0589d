"""Snapshots of the counting station: mid-entry of a batch, and the double-entry mismatch view.

Regenerate with ``pytest tests/tui/test_station_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from session import commands as c
from session.events import Actor
from tests.tui.test_station import _session, _station

SIZE = (100, 30)


def test_mid_entry(snap_compare):
    """Batch B1 open at ballot 3 (two committed); row 1 holds [X] under "High confidence", the cursor
    (reverse video) is on row 2; the status line reads Returned 12 · Entered 2; the keys are listed below the grid."""
    store = _session()
    app = _station(store, "v05", "S1")
    assert snap_compare(app, terminal_size=SIZE, press=[*"B1", "enter", "1", "2", "enter", "space", "1"])


def test_mismatch_side_by_side(snap_compare):
    """Blind double entry: ballot B1/1 side by side in words, a column per station headed with its member
    ("Station S1 · Phan Thị Hạnh", "Station S2 · Võ Thanh Sơn"); row 1 (Lê Văn Khánh) Low confidence vs High
    confidence, bold and marked ≠ in red; row 2 (Hoàng Thị Mai) Low confidence on both, dim; the status line says
    0 entered and 1 mismatched; hint: r for the head to resolve."""
    store = _session(double=True)
    from session.service import SessionService

    service = SessionService(store, "s")
    service.handle(c.RecordBallot("33", batch="B1"), Actor("station", "v05", "S1"))
    service.handle(c.RecordBallot("13", batch="B1"), Actor("station", "v06", "S2"))
    assert snap_compare(_station(store, "v05", "S1"), terminal_size=SIZE, press=["f4"])
