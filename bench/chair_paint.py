"""The chair console's time to first paint and the projector's lag behind another process's write.

a) first paint: a fresh interpreter imports, builds and paints the chair console headless on
   the demo session; the floor is a bare Textual app painting one Static, in the same run.
   Target ≤ 1.5× the floor. Measured twice: with a bytecode cache (as an installed app has,
   pip compiles on install) and with none (each start compiles our modules; Textual's own
   bytecode ships precompiled in site-packages, so that comparison is tilted against us).
b) projector lag: a second process appends events to the same SQLite file; the time from its
   commit to the projector view showing the new number. Target ≤ 250 ms median.

Run from the repository root: ``python bench/chair_paint.py [--runs 7] [--events 20]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PAINT = """
import time; t0 = time.perf_counter()
import asyncio, sys
{imports}
async def main():
    app = {build}
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        print(time.perf_counter() - t0)
asyncio.run(main())
"""
BARE = dict(imports="from textual.app import App\nfrom textual.widgets import Static",
            build="type('Bare', (App,), {'compose': lambda self: iter([Static('tinnhiem')])})()")
CHAIR = dict(imports="from tui.app import ChairApp\nfrom tui.wiring import open_service",
             build="ChairApp(open_service(sys.argv[1]), follow=False)")

WRITER = """
import sys, time
from session import commands as c
from session.events import CHAIR
from tui.wiring import open_service
service = open_service(sys.argv[1])
for line in sys.stdin:
    voter = line.strip()
    service.handle(c.MarkPresent((voter,)), CHAIR)
    print(time.perf_counter(), flush=True)
"""


def first_paint(code: str, db: str, env: dict[str, str]) -> float:
    """Seconds from interpreter start to the first painted screen, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", code, db], cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    return float(done.stdout.strip().splitlines()[-1])


def paint_env(pycache: str | None) -> dict[str, str]:
    """The environment of a timed process: with a bytecode cache in ``pycache`` (as an installed
    app has: pip compiles on install), or with none (every start compiles our own modules)."""
    env = dict(os.environ)
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = pycache
    return env


def paint_figures(db: str, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Median first paint of the chair console and of the bare app, alternated so load weighs on both."""
    first_paint(PAINT.format(**BARE), db, env)  # untimed: fills the bytecode cache, if any
    first_paint(PAINT.format(**CHAIR), db, env)
    ours, floor = [], []
    for _ in range(runs):
        floor.append(first_paint(PAINT.format(**BARE), db, env))
        ours.append(first_paint(PAINT.format(**CHAIR), db, env))
    return statistics.median(ours), statistics.median(floor)


async def projector_lag(db: str, events: int) -> list[float]:
    """Seconds from another process's commit to the projector showing it, per event."""
    from textual.widgets import Digits

    from tui.app import ProjectorApp
    from tui.wiring import open_service

    writer = subprocess.Popen([sys.executable, "-c", WRITER, db], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    lags = []
    app = ProjectorApp(open_service(db))
    async with app.run_test(size=(120, 36)) as pilot:
        present = app.screen.query_one("#p-present").query_one(Digits)
        for index in range(1, events + 1):
            writer.stdin.write(f"v{index:03d}\n")
            writer.stdin.flush()
            committed = float(writer.stdout.readline())
            while present.value != str(index):
                await pilot.pause(0.005)
            lags.append(time.perf_counter() - committed)
    writer.stdin.close()
    writer.wait()
    return lags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per first-paint figure")
    parser.add_argument("--events", type=int, default=20, help="events written for the projector figure")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from session import commands as c
    from session.events import CHAIR
    from session.service import SessionService
    from tests.scenarios import synthetic
    from tui.demo import demo_db
    from tui.wiring import open_store

    with tempfile.TemporaryDirectory() as folder:
        demo = demo_db(str(Path(folder) / "demo.db"), fresh=True)
        installed = paint_figures(demo, args.runs, paint_env(str(Path(folder) / "pycache")))
        cold = paint_figures(demo, args.runs, paint_env(None))
        lag_db = str(Path(folder) / "lag.db")
        service = SessionService.create(open_store(lag_db), synthetic(max(args.events, 3)))
        service.handle(c.Advance(), CHAIR)
        lags = asyncio.run(projector_lag(lag_db, args.events))
    for label, (ours, floor) in (("as installed (bytecode cached)", installed), ("cold (no bytecode cache)", cold)):
        ratio = ours / floor
        print(f"a) first paint, {label}: chair {ours * 1000:.0f} ms, bare Static {floor * 1000:.0f} ms, "
              f"ratio {ratio:.2f}× (target ≤ 1.5×) {'OK' if ratio <= 1.5 else 'OVER'}")
    median = statistics.median(lags)
    print(f"b) projector lag: median {median * 1000:.0f} ms, max {max(lags) * 1000:.0f} ms over {len(lags)} events "
          f"(target ≤ 250 ms median) {'OK' if median <= 0.25 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
