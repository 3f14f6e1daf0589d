"""The EventStore contract (session/ports.py), one suite run on memory, SQLite and PostgreSQL."""

from __future__ import annotations

import unicodedata

import pytest

from session import events as ev
from session.errors import Conflict
from session.events import CHAIR, Actor, Recorded
from session.log import GENESIS, canonical_json, seal, verify
from session.results import results
from session.service import SessionService
from tests.scenarios import FixedClock, drive_to_counting, enter, synthetic

VIETNAMESE = "Nguyễn Thị Hương — Phó Bí thư Đảng ủy, Trưởng ban Tổ chức; Đặng Quốc Việt (Ủy viên); ấp Đồng Tháp «ẩn»"
"""Text with stacked diacritics, đ/Đ, a dash and guillemets: every byte must survive the store."""


def chain(session_id: str, count: int, *, start: int = 1, prev: str = GENESIS, minute: int = 0) -> list[Recorded]:
    """``count`` sealed events from seq ``start``: a session_created first, then roll-call events."""
    out = []
    for seq in range(start, start + count):
        if seq == 1:
            event = ev.SessionCreated(session_id, "111-222-333", synthetic(5, 1))
        else:
            event = ev.VotersMarkedPresent((f"v{seq:03d}",))
        record = seal(seq, event, f"2023-10-25T08:{minute:02d}:{seq:02d}.000000+00:00", CHAIR.as_dict(), prev)
        out.append(record)
        prev = record.hash
    return out


def stored(store, session_id: str) -> list[tuple]:
    """What the store holds for a session, as comparable tuples (without decoded-event caches)."""
    return [(r.seq, r.type, r.version, r.at, r.actor, r.payload, r.prev_hash, r.hash) for r in store.load(session_id)]


class TestEventStoreContract:
    """Every implementation must pass each of these; the ``store`` fixture supplies them in turn."""

    def test_empty_store(self, store):
        assert store.sessions() == []
        assert store.last_seq("nothing") == 0
        assert store.load("nothing") == []

    def test_append_then_load_last_seq_and_sessions(self, store):
        records = chain("s1", 3)
        store.append("s1", 0, records[:1])
        store.append("s1", 1, records[1:])
        assert store.last_seq("s1") == 3
        assert store.sessions() == ["s1"]
        loaded = store.load("s1")
        assert [r.seq for r in loaded] == [1, 2, 3]
        assert loaded == records
        assert verify(loaded).ok

    def test_load_after(self, store):
        store.append("s1", 0, chain("s1", 5))
        assert [r.seq for r in store.load("s1", after=2)] == [3, 4, 5]
        assert [r.seq for r in store.load("s1", after=0)] == [1, 2, 3, 4, 5]
        assert store.load("s1", after=5) == []
        assert store.load("s1", after=9) == []

    @pytest.mark.parametrize("expected", [0, 1, 3, 7])
    def test_wrong_expected_seq_conflicts_and_writes_nothing(self, store, expected):
        records = chain("s1", 4)
        store.append("s1", 0, records[:2])
        before = stored(store, "s1")
        # The records are the right next ones; only the caller's view of the stream is wrong.
        with pytest.raises(Conflict):
            store.append("s1", expected, records[2:])
        assert stored(store, "s1") == before
        assert store.last_seq("s1") == 2
        assert store.sessions() == ["s1"]

    def test_creating_an_existing_session_conflicts(self, store):
        store.append("s1", 0, chain("s1", 1))
        before = stored(store, "s1")
        with pytest.raises(Conflict):
            store.append("s1", 0, chain("s1", 1, minute=5))
        assert stored(store, "s1") == before
        assert store.sessions() == ["s1"]

    def test_multi_event_append_is_all_or_nothing(self, store):
        records = chain("s1", 4)
        store.append("s1", 0, records[:2])
        before = stored(store, "s1")
        colliding = [records[2], records[1]]  # the second record's seq is already taken
        with pytest.raises(Conflict):
            store.append("s1", 2, colliding)
        assert stored(store, "s1") == before
        doubled = [records[2], records[2]]  # the same seq twice in one append
        with pytest.raises(Conflict):
            store.append("s1", 2, doubled)
        assert stored(store, "s1") == before
        store.append("s1", 2, records[2:])
        assert store.last_seq("s1") == 4

    def test_failed_first_append_leaves_no_session(self, store):
        first, second = chain("s1", 2)
        with pytest.raises(Conflict):
            store.append("s1", 0, [first, first])
        assert store.sessions() == []
        assert store.load("s1") == []
        store.append("s1", 0, [first, second])
        assert store.sessions() == ["s1"]

    def test_vietnamese_payload_round_trips_byte_exact(self, store):
        data = synthetic(3, 1)
        data["conference"]["title"] = VIETNAMESE
        data["persons"][0]["name"] = unicodedata.normalize("NFD", "Trần Thị Ánh Tuyết")  # sealed as NFC
        first = seal(1, ev.SessionCreated("vn", "111-222-333", data), "2023-10-25T08:00:00.000000+00:00",
                     Actor("chair", "Chủ tọa Đặng Hùng", "Bàn chủ tọa").as_dict(), GENESIS)
        second = seal(2, ev.BallotsSealed(VIETNAMESE), "2023-10-25T08:00:01.000000+00:00", CHAIR.as_dict(), first.hash)
        store.append("vn", 0, [first, second])
        loaded = store.load("vn")
        for got, want in zip(loaded, [first, second], strict=True):
            assert canonical_json(got.payload) == canonical_json(want.payload)
            assert canonical_json(got.actor) == canonical_json(want.actor)
            assert got.hash == want.hash
        assert loaded[0].payload["conference"]["conference"]["title"].encode() == VIETNAMESE.encode()
        assert loaded[0].payload["conference"]["persons"][0]["name"] == unicodedata.normalize("NFC", "Trần Thị Ánh Tuyết")
        assert verify(loaded).ok

    def test_two_sessions_stay_apart(self, store):
        a, b = chain("a", 3, minute=0), chain("b", 2, minute=1)
        store.append("a", 0, a[:1])
        store.append("b", 0, b[:1])
        store.append("a", 1, a[1:])
        store.append("b", 1, b[1:])
        assert store.sessions() == ["a", "b"]
        assert store.last_seq("a") == 3 and store.last_seq("b") == 2
        assert store.load("a") == a and store.load("b") == b
        with pytest.raises(Conflict):
            store.append("b", 3, chain("b", 1, start=4, prev=b[-1].hash))  # a's length is not b's
        assert store.last_seq("b") == 2

    def test_a_service_reopened_on_the_store_sees_the_same_state(self, store):
        live = SessionService.create(store, synthetic(12, 2), clock=FixedClock(), session_id="svc", launch_code="111-222-333")
        drive_to_counting(live)
        enter(live, ["12", "31", "!other_form", "11"])
        again = SessionService(store, "svc", FixedClock())
        assert again.state.seq == live.state.seq == store.last_seq("svc")
        assert results(again.state) == results(live.state)
        assert verify(store.load("svc")).ok
