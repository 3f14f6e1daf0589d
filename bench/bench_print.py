"""Benchmark: printing at national-assembly scale (480 voters, 44 persons): minutes ×3, 480 ballots, batch covers, the entry log.

Run from the repository root: ``python bench/bench_print.py`` (``--help`` for options).
A measurement, not a test: it prints the figures and PASS/FAIL per target, and always exits 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario import PERSONS, VOTERS, ballots, conference  # noqa: E402

from session import commands as c  # noqa: E402
from session.events import CHAIR  # noqa: E402
from session.records import entry_log  # noqa: E402
from session.service import SessionService  # noqa: E402
from storage.memory_store import InMemoryEventStore  # noqa: E402
from storage.paper import records as paper_records  # noqa: E402
from storage.paper.documents import ballots_pdf, covers_pdf, find_fonts, minutes_pdf  # noqa: E402
from tests.scenarios import FixedClock, drive_to_counting  # noqa: E402

TARGETS = {"minutes": 3.0, "ballots": 60.0, "covers": 5.0, "entries": 10.0}
"""Seconds each document may take (a printer takes far longer to print 480 ballots)."""


def timed(repeats: int, fn: Callable[[], bytes]) -> tuple[float, bytes]:
    """Best wall time of ``repeats`` runs, and the last output."""
    best, data = float("inf"), b""
    for _ in range(repeats):
        start = time.perf_counter()
        data = fn()
        best = min(best, time.perf_counter() - start)
    return best, data


def session_at_minutes(voters: int, persons: int) -> SessionService:
    """A session counted to the end and at the minutes step, on the memory store."""
    service = SessionService.create(InMemoryEventStore(), conference(voters, persons), clock=FixedClock(), session_id="bench-print")
    drive_to_counting(service)
    for command in ballots(voters, persons):
        service.handle(command, CHAIR)
    service.handle(c.Advance(), CHAIR)
    return service


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=VOTERS, help="voters convened and ballots printed")
    parser.add_argument("--persons", type=int, default=PERSONS, help="persons on the ballot")
    parser.add_argument("--batches", type=int, default=10, help="batch cover sheets")
    parser.add_argument("--repeats", type=int, default=1, help="best of this many runs")
    parser.add_argument("--keep", metavar="DIR", help="write the PDFs here to look at them")
    a = parser.parse_args(argv)

    fonts = find_fonts(ROOT / "tui" / "data")
    service = session_at_minutes(a.voters, a.persons)
    state, log = service.state, service.store.load(service.session_id)
    runs = {
        "minutes": lambda: minutes_pdf(state, fonts),
        "ballots": lambda: ballots_pdf(state, fonts, a.voters),
        "covers": lambda: covers_pdf(state, fonts, a.batches),
        "entries": lambda: paper_records.entries(entry_log(state, log), fonts),
    }
    print(f"national-assembly scale: {a.voters} voters, {a.persons} persons, {state.seq} events")
    for name, fn in runs.items():
        seconds, data = timed(a.repeats, fn)
        pages = data.count(b"/Type /Page\n")
        ok = seconds <= TARGETS[name]
        print(f"{name:<8} {seconds:7.2f} s  {pages:5d} pages  {len(data) / 1e6:6.2f} MB  "
              f"{pages / seconds:7.1f} pages/s  target ≤ {TARGETS[name]:.0f} s  {'PASS' if ok else 'FAIL'}")
        if a.keep:
            Path(a.keep).mkdir(parents=True, exist_ok=True)
            (Path(a.keep) / f"{name}.pdf").write_bytes(data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
