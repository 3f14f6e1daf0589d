"""Writes tests/fixtures/first_release.jsonl and its expected results, once, from the first release.

Run by hand only (``python -m tests.audit.make_fixture``); the files it writes are committed
and must never be regenerated: the test that reads them keeps the old log replaying forever.
"""

from __future__ import annotations

import json
from pathlib import Path

from session.evolve import replay
from session.log import verify
from session.results import results
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting, enter, finish, sample_data
from tui.wiring import write_jsonl

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
"""Where the committed logs live."""
BALLOTS = ["11", "12", "21", "13", "x1", "22", "!not_issued", "33", "1-", "10", "23", "11", "31"]
"""The sample conference's ballots (2 on the ballot), with row-invalid and whole-invalid ones."""


def main() -> None:
    service = SessionService.create(InMemoryEventStore(), sample_data(), clock=FixedClock(),
                                    session_id="first-release", launch_code="100-200-300")
    drive_to_counting(service)
    enter(service, BALLOTS[: service.state.returned])
    finish(service)
    records = service.store.load(service.session_id)
    verdict = verify(records)
    (FIXTURES / "first_release.jsonl").write_text(write_jsonl(records), encoding="utf-8")
    expected = {"count": verdict.count, "head": verdict.head, "code": verdict.code, "step": replay(records).step,
                "results": results(replay(records))}
    (FIXTURES / "first_release.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                                          encoding="utf-8")


if __name__ == "__main__":
    main()
