"""Benchmark: the office's work. a) ``new`` from a 10,000-voter workbook; b) ``report`` over 10, 50 and 100 archives.

Run from the repository root: ``python bench/bench_office.py [--voters 10000] [--archives 10,50,100]``.
It is a measurement, not a test: it prints the figures and always exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from session.admissible import checked_replay  # noqa: E402
from session.report import tabulate  # noqa: E402
from session.service import SessionService  # noqa: E402
from storage.memory_store import InMemoryEventStore  # noqa: E402
from storage.paper.report_out import report_workbook  # noqa: E402
from storage.paper.workbook_out import template_workbook  # noqa: E402
from storage.workbook_in import read_workbook  # noqa: E402
from tests.scenarios import FixedClock, drive_to_counting, enter, finish, synthetic  # noqa: E402
from tui import paper_jobs  # noqa: E402
from tui.cli.paper import archive_findings  # noqa: E402


def bench_import(folder: Path, voters: int) -> None:
    """a) A workbook of ``voters`` voters written by the template writer, read as ``new`` reads it."""
    path = folder / "lon.xlsx"
    path.write_bytes(template_workbook(synthetic(voters, persons=20)))
    started = time.perf_counter()
    conference, _ = read_workbook(path)
    took = time.perf_counter() - started
    print(f"a) new from a workbook of {len(conference.voters)} voters, {len(conference.persons)} persons "
          f"({path.stat().st_size // 1024} KiB): {took:.2f} s")


def _archive(folder: Path, n: int) -> Path:
    """A small closed conference: 15 voters, 3 persons, person i keyed so that each is in two places."""
    data = synthetic(15, persons=3)
    data["conference"]["body"] = f"Cơ quan {n}"
    for i, person in enumerate(data["persons"]):
        person["key"] = f"CB-{(n // 2) * 3 + i:05d}"  # places 2k and 2k+1 share their persons
    store = InMemoryEventStore()
    service = SessionService.create(store, data, clock=FixedClock())
    drive_to_counting(service)
    enter(service, ["123", "333", "113", "!not_issued"] + ["321"] * 11)
    finish(service)
    path = folder / f"noi-{n:03d}.zip"
    path.write_bytes(paper_jobs.archive(store.load(service.session_id), "vi").data)
    return path


def bench_report(folder: Path, counts: list[int]) -> None:
    """b) ``report`` over the first N archives: verify each, replay, tabulate, write the workbook."""
    made = time.perf_counter()
    paths = [_archive(folder, n) for n in range(max(counts))]
    print(f"   ({len(paths)} archives made in {time.perf_counter() - made:.1f} s, not counted)")
    for count in counts:
        started = time.perf_counter()
        sources = []
        for path in paths[:count]:
            records, problems, _, _ = archive_findings(str(path), "vi")
            assert not problems, problems
            sources.append((path.name, checked_replay(records)))
        checked = time.perf_counter()
        report = tabulate(sources, ("Không hợp lệ", "Invalid"))
        (folder / f"tong-hop-{count}.xlsx").write_bytes(report_workbook(report))
        done = time.perf_counter()
        print(f"b) report over {count:>3} archives ({len(report.rows)} persons): {done - started:.2f} s "
              f"(verify and replay {checked - started:.2f} s, {1000 * (checked - started) / count:.0f} ms an archive; "
              f"tabulate and write {done - checked:.2f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--voters", type=int, default=10_000)
    parser.add_argument("--archives", default="10,50,100", help="comma-separated archive counts")
    a = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_import(Path(tmp), a.voters)
        bench_report(Path(tmp), [int(n) for n in a.archives.split(",")])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
