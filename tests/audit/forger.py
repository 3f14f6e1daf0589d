"""A forger who knows only the recipe published in VERIFY.txt: standard library, no project code.

hash = sha256(prev_hash (ASCII hex; 64 zeros for the first event) ‖ canonical JSON of
{seq, type, version, at, actor, payload}: sorted keys, no spaces, UTF-8, NFC).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from pathlib import Path

FIELDS = ("seq", "type", "version", "at", "actor", "payload")


def _canonical(body: dict) -> bytes:
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return unicodedata.normalize("NFC", text).encode("utf-8")


def rehash(rows: list[dict]) -> list[dict]:
    """The rows with seq, prev_hash and hash recomputed from the first one on."""
    prev = "0" * 64
    for seq, row in enumerate(rows, 1):
        row["seq"], row["prev_hash"] = seq, prev
        row["hash"] = prev = hashlib.sha256(prev.encode("ascii") + _canonical({k: row[k] for k in FIELDS})).hexdigest()
    return rows


def read_rows(path: Path) -> list[dict]:
    """The events of an exported JSONL log."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_rows(path: Path, rows: list[dict]) -> Path:
    """An exported JSONL log of ``rows``."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    return path


def ballot_after(rows: list[dict], marks: str, position: int) -> dict:
    """A ballot event shaped like the log's own, dated a minute after its last event."""
    last = rows[-1]
    at = last["at"][:14] + f"{(int(last['at'][14:16]) + 1) % 60:02d}" + last["at"][16:]
    return {"seq": 0, "type": "ballot_recorded", "version": 1, "at": at, "actor": {"role": "chair", "name": "", "station": ""},
            "payload": {"batch": "", "position": position, "marks": marks, "invalid_reason": None}}


def db_rows(db: str, session: str) -> list[dict]:
    """The events of a session in a SQLite file, as the forger reads them with sqlite3."""
    with sqlite3.connect(db) as con:
        cur = con.execute("SELECT seq, type, version, at, actor, payload, prev_hash, hash FROM events "
                          "WHERE session_id = ? ORDER BY seq", (session,))
        return [{"seq": s, "type": t, "version": v, "at": at, "actor": json.loads(a), "payload": json.loads(p),
                 "prev_hash": ph, "hash": h} for s, t, v, at, a, p, ph, h in cur.fetchall()]


def db_replace(db: str, session: str, rows: list[dict]) -> None:
    """Write ``rows`` over the session's events in the SQLite file (updated in place, new ones inserted)."""
    con = sqlite3.connect(db)
    with con:
        for r in rows:
            values = (r["type"], r["version"], r["at"], json.dumps(r["actor"], ensure_ascii=False),
                      json.dumps(r["payload"], ensure_ascii=False), r["prev_hash"], r["hash"], session, r["seq"])
            updated = con.execute("UPDATE events SET type=?, version=?, at=?, actor=?, payload=?, prev_hash=?, hash=? "
                                  "WHERE session_id=? AND seq=?", values).rowcount
            if not updated:
                con.execute("INSERT INTO events (type, version, at, actor, payload, prev_hash, hash, session_id, seq) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
    con.close()


def db_edit_payload(db: str, session: str, seq: int, payload: dict) -> None:
    """``UPDATE events SET payload=…`` and nothing else: the stored hash is left as it was."""
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE events SET payload=? WHERE session_id=? AND seq=?", (json.dumps(payload), session, seq))
    con.close()
