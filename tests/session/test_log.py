"""The hash-chained log: canonical JSON, the chain, tamper detection by seq, launch codes and replay of a prefix."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import replace
from functools import cache

import pytest

from session import commands as c
from session.errors import SessionError
from session.events import CHAIR, Recorded
from session.evolve import replay
from session.log import GENESIS, canonical_json, chain_hash, record_hash, verify
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, sample_data
from tests.session.support import happy_next, project

COMPOSED = unicodedata.normalize("NFC", "Nguyễn")
DECOMPOSED = unicodedata.normalize("NFD", "Nguyễn")


def test_canonical_json_sorts_keys_and_has_no_spaces():
    assert canonical_json({"b": 1, "a": [1, {"d": None, "c": True}]}) == b'{"a":[1,{"c":true,"d":null}],"b":1}'


def test_canonical_json_is_utf8_and_nfc():
    assert COMPOSED != DECOMPOSED
    assert canonical_json({"name": DECOMPOSED}) == canonical_json({"name": COMPOSED}) == '{"name":"Nguyễn"}'.encode()
    assert canonical_json({DECOMPOSED: 1}) == canonical_json({COMPOSED: 1})
    assert chain_hash(GENESIS, {"name": DECOMPOSED}) == chain_hash(GENESIS, {"name": COMPOSED})


@pytest.mark.parametrize("seq, type_, version, at, actor, payload", [
    (7, "ballot_recorded", 1, "2026-01-01T08:00:00", {"role": "station", "name": "d002", "station": "Bàn 1"},
     {"position": 3, "marks": "12x", "batch": "", "invalid_reason": None}),
    (1, "step_entered", 1, "t", {"role": "chair", "name": "", "station": ""}, {"step": 'say "hi"\n\u2028'}),
    (2, "x", 1, "t", {"name": DECOMPOSED}, {"k": [DECOMPOSED, 1.5, True]}),  # NFD: hashed as its NFC form
    (True, "x", 1, "t", {}, {}),  # not the types the log writes: a bool seq is JSON true
    (3, "x", 2.0, "t", [], {"b": 1, "a": {"d": None, "c": -0.0}}),
    (4, 5, 1, None, "actor", {"": 10**30}),
])
def test_a_records_hash_from_its_parts_is_the_hash_of_its_whole_canonical_envelope(seq, type_, version, at, actor,
                                                                                    payload):
    body = {"seq": seq, "type": type_, "version": version, "at": at, "actor": actor, "payload": payload}
    rec = Recorded(seq, type_, version, at, actor, payload, "ab" * 32, "")
    want = hashlib.sha256(("ab" * 32).encode() + canonical_json(body)).hexdigest()
    assert record_hash(rec) == record_hash(rec, canonical_json(actor).decode()) == want


def _session(data=None, *, launch_code: str | None = "111-222-333") -> SessionService:
    service = SessionService.create(InMemoryEventStore(), data or sample_data(), clock=FixedClock(), session_id="s",
                                    launch_code=launch_code)
    return service


def test_a_decomposed_name_in_the_file_gives_the_same_log_as_the_composed_one():
    composed, decomposed = sample_data(), sample_data()
    decomposed["voters"][0]["name"] = unicodedata.normalize("NFD", decomposed["voters"][0]["name"])
    assert decomposed != composed
    assert _session(composed).state.head_hash == _session(decomposed).state.head_hash


@cache
def closed_log() -> tuple[Recorded, ...]:
    """The sample conference driven from prepared to closed."""
    service = _session()
    while (command := happy_next(service.state)) is not None:
        service.handle(command, CHAIR)
    return tuple(service.store.load("s"))


def test_every_event_is_chained_with_seq_time_actor_and_hash():
    records = closed_log()
    assert [r.seq for r in records] == list(range(1, len(records) + 1))
    assert records[0].type == "session_created" and records[0].prev_hash == GENESIS
    assert records[0].at == "2018-10-16T08:00:00.000000+00:00"
    assert [r.at for r in records] == sorted(r.at for r in records)
    assert records[0].actor["role"] == "system" and records[1].actor["role"] == "chair"
    for before, after in zip(records, records[1:]):
        assert after.prev_hash == before.hash
    first = records[0]
    body = {"seq": first.seq, "type": first.type, "version": first.version, "at": first.at, "actor": first.actor,
            "payload": first.payload}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert first.hash == hashlib.sha256((GENESIS + text).encode()).hexdigest()


def test_an_intact_log_verifies_to_its_head():
    records = closed_log()
    verdict = verify(records)
    assert verdict.ok and verdict.count == len(records) and verdict.head == records[-1].hash
    assert verdict.bad_seq is None and re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", verdict.code)


def _seq_of(records, type_: str) -> int:
    return next(r.seq for r in records if r.type == type_)


def _edit_payload(records):
    k = _seq_of(records, "returned_recorded")
    rec = records[k - 1]
    return records[: k - 1] + [replace(rec, payload={**rec.payload, "count": rec.payload["count"] - 1})] + records[k:], k


def _edit_one_byte_of_the_export(records):
    k = _seq_of(records, "ballot_recorded")
    line = json.dumps(records[k - 1].as_dict(), ensure_ascii=False)
    edited = line.replace('"marks": "11"', '"marks": "12"', 1)
    assert edited != line and len(edited) == len(line)
    return records[: k - 1] + [Recorded.from_dict(json.loads(edited))] + records[k:], k


def _delete_a_middle_event(records):
    k = len(records) // 2
    return records[: k - 1] + records[k:], k


def _swap_two_events(records):
    k = _seq_of(records, "team_proposed")
    return records[: k - 1] + [records[k], records[k - 1]] + records[k + 1:], k


def _change_a_prev_hash(records):
    k = _seq_of(records, "minutes_signed")
    return records[: k - 1] + [replace(records[k - 1], prev_hash="f" * 64)] + records[k:], k


def _change_the_actor(records):
    k = _seq_of(records, "ballots_sealed")
    return records[: k - 1] + [replace(records[k - 1], actor={"role": "chair", "name": "ai đó", "station": ""})] \
        + records[k:], k


def _drop_the_last_event(records):
    return records[:-1], None


TAMPERING = {
    "a-payload-edited": (_edit_payload, "log.bad_hash"),
    "one-byte-of-the-export-edited": (_edit_one_byte_of_the_export, "log.bad_hash"),
    "a-middle-event-deleted": (_delete_a_middle_event, "log.bad_seq"),
    "two-events-swapped": (_swap_two_events, "log.bad_seq"),
    "a-prev-hash-changed": (_change_a_prev_hash, "log.bad_link"),
    "the-actor-changed": (_change_the_actor, "log.bad_hash"),
}
"""name → (how the log is tampered with, the reason verify gives)."""


@pytest.mark.parametrize("tamper,reason", TAMPERING.values(), ids=TAMPERING.keys())
def test_verify_names_the_first_bad_seq(tamper, reason):
    records = list(closed_log())
    tampered, bad = tamper(records)
    verdict = verify(tampered)
    assert not verdict.ok
    assert (verdict.bad_seq, verdict.reason) == (bad, reason)
    assert verdict.count == bad - 1 and verdict.head == records[bad - 2].hash


def test_a_truncated_log_still_verifies_up_to_where_it_stops():
    """Truncation is not detectable from the log alone: the head digest read aloud is what catches it."""
    records = list(closed_log())
    verdict = verify(records[:-1])
    assert verdict.ok and verdict.head == records[-2].hash != records[-1].hash


def test_launch_codes_differ_between_sessions_and_open_the_log():
    codes = [_session(launch_code=None).state.launch_code for _ in range(5)]
    assert len(set(codes)) == 5
    assert all(re.fullmatch(r"\d{3}-\d{3}-\d{3}", code) for code in codes)
    service = _session(launch_code=None)
    assert service.store.load("s")[0].payload["launch_code"] == service.state.launch_code


def test_the_launch_code_changes_every_hash():
    assert _session(launch_code="111-222-333").state.head_hash != _session(launch_code="111-222-334").state.head_hash


def test_replay_to_a_seq_gives_the_state_the_chair_saw_then():
    service = _session()
    seen = {}
    while (command := happy_next(service.state)) is not None:
        service.handle(command, CHAIR)
        seen[service.state.seq] = project(service.state)
    records = service.store.load("s")
    for seq, snapshot in seen.items():
        assert project(replay(records[:seq])) == snapshot
    at_return = _seq_of(records, "returned_recorded")
    state = replay(records[:at_return])
    assert (state.step, state.returned, state.entered, state.seq) == ("voting", 12, 0, at_return)


def test_a_refused_command_leaves_the_log_untouched():
    service = _session()
    before = list(service.store.load("s"))
    with pytest.raises(SessionError):
        service.handle(c.IssueBallots(all_present=True), CHAIR)
    assert service.store.load("s") == before and verify(before).ok


def test_a_log_that_does_not_open_with_the_session_is_refused_at_seq_1():
    from session.events import StepEntered
    from session.log import seal

    forged = [seal(1, StepEntered("counting"), "2018-10-16T08:00:00+00:00", CHAIR.as_dict(), GENESIS)]
    verdict = verify(forged)
    assert (verdict.ok, verdict.bad_seq, verdict.reason) == (False, 1, "log.bad_start")


def test_a_deleted_event_is_reported_with_the_seq_found_in_its_place():
    records = list(closed_log())
    verdict = verify(records[:4] + records[5:])
    assert (verdict.bad_seq, verdict.found) == (5, 6)
