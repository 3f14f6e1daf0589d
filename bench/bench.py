"""Benchmark: a national-assembly-scale session on SQLite, each figure against a raw floor.

Run from the repository root: ``python bench/bench.py`` (``--help`` for options).
It is a measurement, not a test: it prints PASS/FAIL per target and always exits 0.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import resource
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario import VOTERS, assembly, drive_forms_to_counting, form_ballots  # noqa: E402

from session.events import Actor, Recorded  # noqa: E402
from session.evolve import replay  # noqa: E402
from session.log import verify  # noqa: E402
from session.results import results  # noqa: E402
from session.service import SessionService  # noqa: E402
from storage.database import open_database  # noqa: E402
from storage.sql_store import SqlEventStore  # noqa: E402
from tests.scenarios import FixedClock, finish  # noqa: E402

STATION = Actor("station", "d002", "Bàn 1")
"""Who enters the ballots: a member of the approved counting team at one station."""
SESSION = "qh15-k6"
"""Session id of the benchmark session."""
COLUMNS = ("session_id", "seq", "type", "version", "at", "actor", "payload", "prev_hash", "hash")
"""The ``events`` columns, written by the floor exactly as the store writes them."""


def raw_connection(path: str) -> sqlite3.Connection:
    """A bare sqlite3 connection with the store's pragmas and an ``events`` table like the store's."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE IF NOT EXISTS events (session_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,"
                 " version INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, payload TEXT NOT NULL,"
                 " prev_hash TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (session_id, seq))")
    return conn


def row_of(record: Recorded) -> tuple:
    """The row the store writes for ``record``."""
    return (SESSION, record.seq, record.type, record.version, record.at, json.dumps(record.actor, ensure_ascii=False),
            json.dumps(record.payload, ensure_ascii=False), record.prev_hash, record.hash)


def measure_append(service: SessionService, floor: sqlite3.Connection, rounds: int) -> tuple[float, float, int]:
    """Enter every ballot through the service, and the same rows through raw sqlite3 insert+commit.

    The two alternate in ``rounds`` chunks so that a noisy disk or neighbour affects both alike.
    Returns (service seconds, floor seconds, ballots).
    """
    head = service.state.team_head  # a station counts a foreign paper invalid only with the head's confirmation
    todo = [replace(c, confirmed_by=head) if c.invalid_reason else c for c in form_ballots(service.state, VOTERS)]
    size = -(-len(todo) // rounds)
    ours = raw = 0.0
    insert = f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    for start in range(0, len(todo), size):
        chunk = todo[start:start + size]
        first = service.state.seq + 1
        t0 = time.perf_counter()
        for command in chunk:
            service.handle(command, STATION)
        ours += time.perf_counter() - t0
        rows = [row_of(r) for r in service.store.load(SESSION, after=first - 1)]
        t0 = time.perf_counter()
        for row in rows:
            floor.execute("BEGIN IMMEDIATE")
            floor.execute(insert, row)
            floor.execute("COMMIT")
        raw += time.perf_counter() - t0
    return ours, raw, len(todo)


def full_replay(store: SqlEventStore) -> dict:
    """What every reader does on load: the whole log, its chain and its rules checked (each event decided again),
    folded, and the results."""
    return results(SessionService(store, SESSION).state)


def chain_only_replay(store: SqlEventStore) -> dict:
    """The load before the rules were checked: chain, fold and results (for context)."""
    records = store.load(SESSION)
    verdict = verify(records)
    assert verdict.ok, verdict
    return results(replay(records))


def raw_fold(path: str) -> str:
    """The floor: read the same rows with sqlite3, json.loads them and sha256 each one."""
    conn = sqlite3.connect(path)
    digest = ""
    for actor, payload, prev, _ in conn.execute(
            "SELECT actor, payload, prev_hash, hash FROM events WHERE session_id = ? ORDER BY seq", (SESSION,)):
        json.loads(actor)
        json.loads(payload)
        digest = hashlib.sha256(prev.encode() + payload.encode()).hexdigest()
    conn.close()
    return digest


def timed(fn: Callable[[], object]) -> float:
    """Seconds one run of ``fn`` takes, after a collection (so that no earlier garbage weighs on it)."""
    gc.collect()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def paired(repeats: int, ours: Callable[[], object], floor: Callable[[], object]) -> tuple[float, float, float]:
    """(the median of ours/floor over ``repeats`` back-to-back pairs, ours' best time, the floor's best time).

    On a shared machine the speed drifts by a third within seconds: both runs of a pair see the same drift,
    so their ratio is steady where the ratio of the two best times is not (the floor's short run catches a
    quiet moment that ours, five times longer, rarely does)."""
    pairs = [(timed(ours), timed(floor)) for _ in range(repeats)]
    return statistics.median(a / b for a, b in pairs), min(a for a, _ in pairs), min(b for _, b in pairs)


def peak_replay_memory(db: str) -> int:
    """Peak bytes allocated by Python while a fresh store replays the log (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    store = SqlEventStore(open_database(db))
    full_replay(store)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    store.database.dispose()
    return peak


def filesystem(path: str) -> str:
    """Type of the file system holding ``path`` (from /proc/mounts; "" where unknown)."""
    best, kind = "", ""
    try:
        with open("/proc/mounts", encoding="utf-8") as mounts:
            for line in mounts:
                _, point, fstype, *_ = line.split()
                if os.path.realpath(path).startswith(point.rstrip("/") + "/") and len(point) > len(best):
                    best, kind = point, fstype
    except OSError:
        pass
    return kind


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", help="folder for the database files (default: a new temporary folder)")
    parser.add_argument("--rounds", type=int, default=8, help="alternating chunks for the append figure")
    parser.add_argument("--repeats", type=int, default=15, help="back-to-back pairs of the replay figure")
    args = parser.parse_args(argv)
    folder = args.dir or tempfile.mkdtemp(prefix="tinnhiem-bench-")
    db, floor_db = os.path.join(folder, "bench.db"), os.path.join(folder, "floor.db")
    for path in (db, floor_db):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)

    kind = filesystem(folder)
    data = assembly()
    forms = ", ".join(f"{f['id']} {len(f['persons'])}" for f in data["forms"])
    print(f"tinnhiem bench: {len(data['voters'])} voters present, {len(data['persons'])} persons on {len(data['forms'])} "
          f"ballot forms ({forms}), {data['conference']['rules']} (tui/data/assembly.toml); SQLite files in {folder} "
          f"({kind or '?'})")
    if kind in ("tmpfs", "ramfs"):
        print("note: this folder is in memory, so fsync costs nothing and figure a) compares CPU time alone;"
              " use --dir on a disk for the figure the target is about")
    store = SqlEventStore(open_database(db))
    service = SessionService.create(store, data, clock=FixedClock(), session_id=SESSION, launch_code="202-310-250")
    drive_forms_to_counting(service)
    floor = raw_connection(floor_db)
    ours, raw, count = measure_append(service, floor, args.rounds)
    floor.close()
    finish(service)
    events = store.last_seq(SESSION)
    store.database.dispose()

    fresh = SqlEventStore(open_database(db))
    full_replay(fresh)  # warm the imports and the file cache for both sides alike
    raw_fold(db)
    replay_ratio, replay_s, fold_s = paired(args.repeats, lambda: full_replay(fresh), lambda: raw_fold(db))
    chain_ratio, chain_s, _ = paired(args.repeats, lambda: chain_only_replay(fresh), lambda: raw_fold(db))
    fresh.database.dispose()
    peak = peak_replay_memory(db)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    per_ours, per_raw = ours / count, raw / count
    rows = [
        ("a) RecordBallot via service + SQLite", f"{per_ours * 1e3:.3f} ms/ballot", f"{per_raw * 1e3:.3f} ms/row",
         per_ours / per_raw, 3.0),
        (f"b) load+check rules+results ({events} ev)", f"{replay_s * 1e3:.1f} ms", f"{fold_s * 1e3:.1f} ms",
         replay_ratio, 5.0),
        ("   (chain only, as before the rules)", f"{chain_s * 1e3:.1f} ms", f"{fold_s * 1e3:.1f} ms", chain_ratio, 5.0),
    ]
    print()
    print(f"{'measure':<44} {'ours':>16} {'floor':>16} {'ratio':>7} {'target':>7}  result")
    print("-" * 100)
    for name, a, b, ratio, target in rows:
        print(f"{name:<44} {a:>16} {b:>16} {ratio:>6.2f}x {'≤' + format(target, '.0f') + 'x':>7}  {verdict(ratio <= target)}")
    mb = peak / 2**20
    print(f"{'c) peak memory of the replay (tracemalloc)':<44} {mb:>13.1f} MB {'':>16} {'':>7} {'≤120 MB':>7}  "
          f"{verdict(mb <= 120)}")
    print(f"{'   process max RSS (whole run, for context)':<44} {rss / 2**20:>13.1f} MB")
    print()
    print(f"append: {count} ballots in {ours:.2f} s (floor {raw:.2f} s), {args.rounds} alternating rounds; "
          f"replay: best times of {args.repeats} back-to-back pairs with the floor, ratio the pairs' median "
          f"(the best times' ratio, which drift skews: {replay_s / fold_s:.2f}x)")
    if not args.dir:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
