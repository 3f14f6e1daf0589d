"""A log from the first release keeps replaying and verifying, through upcasters, forever.

tests/fixtures/first_release.jsonl was written once by the first release (sample conference,
fixed clock, run to closed) and is never regenerated; its expected results are committed beside it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from session import events as ev
from session import upcast
from session.admissible import check
from session.evolve import replay
from session.log import verify
from session.results import results
from tui.cli import main
from tui.wiring import read_jsonl

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LOG = FIXTURES / "first_release.jsonl"
EXPECTED = json.loads((FIXTURES / "first_release.expected.json").read_text(encoding="utf-8"))


def contract(data: dict) -> dict:
    """The results without the wording that may improve between releases: the band's worked explanation and the citation."""
    kept = {k: v for k, v in data.items() if k != "citation"}
    return {**kept, "persons": [{k: v for k, v in p.items() if k != "working"} for p in data["persons"]]}


def test_first_release_log_verifies_with_its_committed_head():
    verdict = verify(read_jsonl(LOG))
    assert verdict.ok and (verdict.count, verdict.head, verdict.code) == (EXPECTED["count"], EXPECTED["head"], EXPECTED["code"])


def test_first_release_log_replays_to_its_committed_results():
    state = replay(read_jsonl(LOG))
    assert state.step == EXPECTED["step"] == "closed"
    assert contract(results(state)) == contract(EXPECTED["results"])


def test_first_release_log_through_the_cli(capsys):
    assert main(["replay", str(LOG), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert contract(data["results"]) == contract(EXPECTED["results"]) and data["verified"] is True


def test_every_event_version_step_has_an_upcaster():
    assert upcast.missing() == []


def test_a_newer_event_version_still_reads_the_old_log(monkeypatch):
    """Bump ballot_recorded to v2 (batch codes became upper case) and read the v1 log through the upcaster."""
    calls = []

    def v1_to_v2(payload):
        calls.append(payload["position"])
        return {**payload, "batch": (payload["batch"] or "a").upper()}

    monkeypatch.setattr(ev.BallotRecorded, "VERSION", 2)
    monkeypatch.setitem(ev.UPCASTERS, ("ballot_recorded", 1), v1_to_v2)
    assert upcast.missing() == []
    records = read_jsonl(LOG)
    assert verify(records).ok, "hashes cover the payload as stored, not as upcast"
    state = replay(records)
    assert sorted(calls) == list(range(1, 13)), "every stored v1 ballot went through the upcaster once"
    assert set(state.entries) == {("A", n) for n in range(1, 13)}
    assert contract(results(state))["persons"] == contract(EXPECTED["results"])["persons"]


def test_a_missing_upcaster_is_named(monkeypatch):
    monkeypatch.setattr(ev.BallotRecorded, "VERSION", 3)
    monkeypatch.setitem(ev.UPCASTERS, ("ballot_recorded", 1), lambda p: p)
    assert upcast.missing() == [("ballot_recorded", 2)]
    with pytest.raises(KeyError):
        replay(read_jsonl(LOG))


def test_replay_reads_the_log_inside_an_archive(tmp_path, capsys):
    from tests.audit.conftest import finished_session

    db = str(tmp_path / "s.db")
    finished_session(db, "sample", "111-222-333")
    assert main(["archive", "--db", db, "-o", str(tmp_path / "a.zip")]) == 0
    capsys.readouterr()
    assert main(["replay", str(tmp_path / "a.zip"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["step"] == "closed" and data["verified"] is True


def test_replay_text_is_one_readable_line_per_event(capsys):
    assert main(["replay", str(LOG), "--format", "text", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == EXPECTED["count"]
    assert "Chair" in lines[6] and "Team vote: 12 for, 0 against, 0 abstain → approved" in lines[6]
    assert "Trịnh Minh Đức (v01)" in lines[5], "ids are shown with their names"


def test_a_first_release_log_with_blind_double_entry_stations_still_verifies():
    """Written by the first release (commit 4124a13): two stations, v06 and v07, enter batch B01 blind, before
    station trust existed (no sign-ins, entries that name no member). It keeps verifying under its own rules."""
    records = read_jsonl(FIXTURES / "first_release_stations.jsonl")
    verdict = check(records)
    assert verdict.ok, verdict
    state = replay(records)
    assert state.first_release and state.entered == 2 and state.double_entry
    assert [p["counts"]["high"] for p in results(state)["persons"]] == [1, 1]


def test_the_same_stations_in_a_log_of_this_release_must_sign_in():
    """The same events under a first event of this release (v2, chain recomputed) fail: its stations never signed in."""
    from session.events import Recorded
    from session.log import GENESIS, _body, chain_hash

    records, prev, forged = read_jsonl(FIXTURES / "first_release_stations.jsonl"), GENESIS, []
    for rec in records:
        version = 2 if rec.seq == 1 else rec.version
        payload = {**rec.payload, "eligibility": "months_in_post"} if rec.seq == 1 else rec.payload
        digest = chain_hash(prev, _body(rec.seq, rec.type, version, rec.at, rec.actor, payload))
        forged.append(Recorded(rec.seq, rec.type, version, rec.at, rec.actor, payload, prev, digest))
        prev = digest
    verdict = check(forged)
    assert not verdict.ok and verdict.reason == "log.not_decided" and forged[verdict.bad_seq - 1].type == "batch_opened"
