"""Benchmark: reading scanned ballots of a 44-person form (three A4 pages each) at 300 dpi, on one core.

Run from the repository root: ``python bench/bench_scan.py`` (``--help`` for options); needs the ``scan`` and
``test`` extras (the ballots are marked and degraded by the tests' corpus generator). A measurement, not a test:
it prints the figures side by side and PASS/FAIL per target, and always exits 0.

Each side runs in a fresh interpreter pinned to one core with OpenCV on one thread: the floor decodes the same
image files (``cv2.imdecode``) and does nothing else; ours is ``scan.read.read_files`` over them (which decodes
them too, and draws the form's map once). Making and writing the scans is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PERSONS = 44
"""Persons on the form: the Assembly's size, three pages a ballot."""
TARGET_RATE = 5.0
"""Ballots a second on one core: a sheet-fed scanner gives about one a second at 60 pages a minute."""
TARGET_MB = 256.0
"""Peak resident memory of the reading process, MB: a small station PC runs it beside the console."""


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    import cv2

    cv2.setNumThreads(1)


def _state():
    from tests.docs.support import new_service
    from tests.scenarios import synthetic

    return new_service(synthetic(5, PERSONS), session_id="bench-scan").state


def _measure(side: str, folder: Path) -> dict:
    """One side's figures, in this (fresh) process."""
    _one_core()
    paths = sorted(folder.glob("*.*"))
    start = time.perf_counter()
    if side == "floor":
        import cv2
        import numpy as np

        for path in paths:
            assert cv2.imdecode(np.frombuffer(path.read_bytes(), np.uint8), cv2.IMREAD_GRAYSCALE) is not None
        kinds = {}
    else:
        from scan.read import read_files
        from storage.paper.pdf_base import find_fonts

        readings = list(read_files(paths, _state(), find_fonts(ROOT / "tui" / "data")))
        kinds = {"ballots": sum(r.kind == "ballot" for r in readings), "held": sum(bool(r.unsure) for r in readings),
                 "readings": len(readings)}
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "pages": len(paths), "peak_mb": _peak_mb(), **kinds}


def _peak_mb() -> float:
    """This process's peak resident memory, MB (Linux's VmHWM starts afresh at exec, unlike ``ru_maxrss``)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _make(folder: Path, ballots: int, seed: int) -> None:
    """``ballots`` marked ballots scanned at 300 dpi (skew, blur, noise; JPEG or PNG as an office scanner writes)."""
    from tests.scan.corpus import make_corpus

    for n, sample in enumerate(make_corpus(_state(), ballots, seed, dpis=(300,))):
        for page, data in enumerate(sample.images, 1):
            suffix = "jpg" if data.startswith(b"\xff\xd8") else "png"
            (folder / f"{n:04d}-{page}.{suffix}").write_bytes(data)


def _child(side: str, folder: Path) -> dict:
    run = subprocess.run([sys.executable, __file__, "--measure", side, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=40, help="ballots scanned (three pages each)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the marks and the scanning")
    parser.add_argument("--repeats", type=int, default=2, help="best of this many runs of each side")
    parser.add_argument("--keep", metavar="DIR", help="write the scans here (and keep them) instead of a temporary folder")
    parser.add_argument("--measure", nargs=2, metavar=("SIDE", "DIR"), help=argparse.SUPPRESS)
    a = parser.parse_args(argv)
    if a.measure:
        print(json.dumps(_measure(a.measure[0], Path(a.measure[1]))))
        return 0
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(a.keep or temporary)
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        _make(folder, a.ballots, a.seed)
        size = sum(p.stat().st_size for p in folder.glob("*.*")) / 1e6
        print(f"{a.ballots} ballots of a {PERSONS}-person form, {a.ballots * 3} pages at 300 dpi ({size:.0f} MB of files, "
              f"made in {time.perf_counter() - started:.0f} s, not counted); one core")
        floor = min((_child("floor", folder) for _ in range(a.repeats)), key=lambda r: r["seconds"])
        ours = min((_child("read", folder) for _ in range(a.repeats)), key=lambda r: r["seconds"])
    rate, floor_rate = a.ballots / ours["seconds"], a.ballots / floor["seconds"]
    print(f"{'':<8} {'ballots/s':>10} {'ms/page':>8} {'peak MB':>8}")
    print(f"{'floor':<8} {floor_rate:10.1f} {1000 * floor['seconds'] / floor['pages']:8.1f} {floor['peak_mb']:8.0f}   decode only")
    print(f"{'ours':<8} {rate:10.1f} {1000 * ours['seconds'] / ours['pages']:8.1f} {ours['peak_mb']:8.0f}   "
          f"{ours['ballots']} read as ballots, {ours['held']} with a row held")
    print(f"rate     {rate:.1f} ballots/s ({floor_rate / rate:.1f}× the floor's time)  target ≥ {TARGET_RATE:.0f}  "
          f"{'PASS' if rate >= TARGET_RATE else 'FAIL'}")
    print(f"memory   {ours['peak_mb']:.0f} MB peak resident  target ≤ {TARGET_MB:.0f}  {'PASS' if ours['peak_mb'] <= TARGET_MB else 'FAIL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
