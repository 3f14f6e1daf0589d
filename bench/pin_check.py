"""The time a station takes to check a member's PIN: scrypt as ``session.pins`` sets it, against the 100 ms budget.

Run: ``python -m bench.pin_check [--runs 20]``. Times a cold check (a fresh terminal: one scrypt and one read of
the ``pins`` table of a SQLite file) and a warm one (the same terminal's next ballot, which skips scrypt), and
prints the medians. Exits 0 always; it is a measurement, not a test.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from session.pins import SCHEME, Credentials, PinGate
from session.service import SessionService
from session.trust import SignIn
from tests.scenarios import FixedClock, drive_to_counting, sample_data
from tui.wiring import open_store, pin_store

BUDGET_MS = 100.0
"""Most a check may take at a station."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "pins.db"))
        service = SessionService.create(store, sample_data(), clock=FixedClock(), session_id="s", pins=pin_store(store))
        drive_to_counting(service)
        from session.events import Actor

        service.handle(SignIn(), Actor("station", "v05", "S1"), Credentials("2468"))
        cold, warm = [], []
        for _ in range(runs):
            gate = PinGate(pin_store(store), "s", service.clock)
            for times in (cold, warm):
                start = time.perf_counter()
                gate.verify(service.state, "v05", "2468")
                times.append((time.perf_counter() - start) * 1000)
    print(f"PIN check ({SCHEME}), median of {runs}:")
    print(f"  cold (new terminal: scrypt + one read)  {statistics.median(cold):7.1f} ms   budget {BUDGET_MS:.0f} ms"
          f"   {'ok' if statistics.median(cold) <= BUDGET_MS else 'OVER'}  (max {max(cold):.1f} ms)")
    print(f"  warm (the same terminal's next action)  {statistics.median(warm):7.3f} ms")


if __name__ == "__main__":
    main()
