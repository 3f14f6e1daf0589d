"""Counting-station keystrokes at national-assembly scale: keys per ballot and time per key against a bare Input.

Run: ``python -m bench.station_keys``. A 44-person ballot is entered through the station's grid by a
typist who takes the shortest way the keys allow (fill, jump to a row by number, or one key per
row); the script prints the keys each case cost and checks them against the targets. Then, with
479 ballots already entered, it times single mark keys in the grid and plain keys in a bare
Textual Input, the same way, and prints both medians.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import replace

from textual.app import App, ComposeResult
from textual.widgets import Input

from bench.scenario import PERSONS, ballots, conference
from session.ballots import most_common_mark
from session.events import Actor
from session.service import SessionService
from session.trust import FOREIGN_REASONS
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting
from tui.screens.station import StationApp

MEMBER = "d002"
"""A member of the approved team (``drive_to_counting`` approves d001…d003)."""
KEY_BUDGET_MS = 16.0
"""Target median handling time of one keystroke."""


def plan(marks: str) -> list[str]:
    """The fewest keys that enter ``marks`` and commit: fill then fix rows by number, or one key per row."""
    common = most_common_mark(marks)
    lead = [] if common == "1" else [common]  # the fill takes the most common mark so far: "1" on an empty draft
    rows = [i for i, m in enumerate(marks) if m != common]
    width = len(str(len(marks)))
    fixes = [k for i in rows for k in ("g", *f"{i + 1:0{width}d}", marks[i])]
    by_fill = lead + (["f"] + fixes + ["enter"] if fixes else ["space"])
    by_row = list(marks) + ["enter"]
    return by_fill if len(by_fill) <= len(by_row) else by_row


def _service(entered: int) -> SessionService:
    service = drive_to_counting(SessionService.create(InMemoryEventStore(), conference(), clock=FixedClock(), session_id="b"))
    actor = Actor("station", MEMBER, "S1")
    for command in ballots(entered):
        if command.invalid_reason in FOREIGN_REASONS:  # a station counts a foreign paper invalid on the head's word
            command = replace(command, confirmed_by=service.state.team_head)
        service.handle(command, actor)
    return service


async def keys_per_ballot() -> list[tuple[str, int, int, bool]]:
    """(case, keys used, budget, entered right) for all-alike ballots and k rows off the common mark."""
    rng = random.Random(4)
    cases = {"all 1": "1" * PERSONS, "all 2": "2" * PERSONS}
    for k in (1, 3, 8, 20):
        marks = ["1"] * PERSONS
        for row in rng.sample(range(PERSONS), k):
            marks[row] = rng.choice("230x-")
        cases[f"{k} rows off"] = "".join(marks)
    out = []
    app = StationApp(_service(0), MEMBER, "S1", follow=False)
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.press(*"B1", "enter")
        for number, (name, marks) in enumerate(cases.items(), 1):
            keys = plan(marks)
            await pilot.press(*keys)
            right = app.service.state.entries.get(("B1", number)).marks == marks
            k = sum(1 for m in marks if m != most_common_mark(marks))
            out.append((name, len(keys), min(4 * k + 2, PERSONS + 1) if k else 2, right))  # k: rows off the common mark
    return out


async def _median_press(app: App, keys: list[str]) -> tuple[float, float]:
    """Median (wall, CPU) ms of one ``pilot.press``: wall includes Pilot's own waits, CPU is the work done."""
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.pause()
        if isinstance(app, StationApp):
            await pilot.press(*"B1", "enter")
        wall, cpu = [], []
        for key in keys:
            start, start_cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


class BareInput(App):
    """Textual's own floor: one Input and nothing else."""

    def compose(self) -> ComposeResult:
        yield Input()


async def key_times(presses: int = 200) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (wall, CPU) ms per keystroke: the station grid (479 ballots entered, 44 persons) and a bare Input."""
    marks = ["1", "2", "3", "up", "up", "up"] * (presses // 6)
    station = await _median_press(StationApp(_service(479), MEMBER, "S1", follow=False), marks)
    bare = await _median_press(BareInput(), ["a", "b", "c", "d", "e", "f"] * (presses // 6))
    return station, bare


async def main() -> int:
    ok = True
    for name, used, budget, right in await keys_per_ballot():
        fits = used <= budget and right
        ok &= fits
        print(f"{name:>12}: {used:>3} keys (target ≤ {budget}) {'ok' if fits else 'OVER'}{'' if right else ' WRONG ENTRY'}")
    (wall, cpu), (bare_wall, bare_cpu) = await key_times()
    ok &= cpu <= KEY_BUDGET_MS
    print(f"one keystroke, median CPU: station grid {cpu:.2f} ms · bare Input {bare_cpu:.2f} ms (target ≤ {KEY_BUDGET_MS} ms)")
    print(f"one keystroke, median wall incl. Pilot's waits: station grid {wall:.2f} ms · bare Input {bare_wall:.2f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
