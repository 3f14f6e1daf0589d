"""``tinnhiem scan`` end to end on the sample conference's own printed ballots: sure ballots recorded as the scanner
member's entries naming their images, a doubtful one held at its place and settled at the station's place, and the
scanner as one of two blind entries."""

from __future__ import annotations

import json
import os

import pytest

from session.scanning import held_ballots
from tests.cli.conftest import session_at
from tests.cli.support import cli
from tests.scan.corpus import Degrade, make_corpus
from tests.scan.support import read_one, write
from tui.wiring import open_service

PIN = {"TINNHIEM_PIN": "2468"}


def _scan(db: str, member: str, paths, *extra: str):
    os.environ.update(PIN)
    try:
        return cli("scan", "--db", db, "--station", "SCAN", "--member", member, "--batch", "B1", "--format", "json",
                   *extra, *map(str, paths))
    finally:
        os.environ.pop("TINNHIEM_PIN")


@pytest.fixture
def counting(tmp_path):
    db = session_at(tmp_path, "counting")
    state = open_service(db).state
    member = next(m for m in state.team if m != state.team_head)
    return db, state, member


def test_sure_ballots_are_recorded_naming_their_images_and_a_doubtful_one_is_held(counting, tmp_path):
    db, state, member = counting
    clean = make_corpus(state, 3, seed=5, dpis=(200,), clean_share=1.0, degrade=Degrade(dpi=200, turn=1.5))
    paths = [p for sample in clean for p in write(tmp_path, sample)]
    run = _scan(db, member, paths)
    assert run.code == 0, run.text
    lines = [json.loads(line) for line in run.out.splitlines()]
    assert [line["marks"] for line in lines] == [s.truth for s in clean] and all(not line["held"] for line in lines)
    service = open_service(db)
    recorded = [r.payload for r in service.store.load(service.session_id) if r.type == "ballot_recorded"]
    assert [r["image"] for r in recorded[-3:]] == [line["image"] for line in lines]
    assert service.state.entered == 3


def test_a_held_ballot_keeps_its_place_and_nothing_is_counted_for_it(counting, tmp_path):
    db, state, member = counting
    # The first ballot of a seeded corpus of circled boxes and light pencil that the machine is not sure of.
    (tmp_path / "probe").mkdir()
    doubtful = next(s for s in make_corpus(state, 12, seed=11, dpis=(200,), clean_share=0.0)
                    if read_one(tmp_path / "probe", s, state).unsure)
    run = _scan(db, member, write(tmp_path, doubtful))
    assert run.code == 0, run.text
    (line,) = [json.loads(x) for x in run.out.splitlines()]
    service = open_service(db)
    (_, batch, position, held), = held_ballots(service.state)
    assert (batch, position) == ("B1", 1) and [r + 1 for r in held.unsure] == line["held"] and held.crops
    assert line["marks"] is None and service.state.entered == 0
    # The member keys the doubtful rows at the scanner's station: the entry at the held place settles it.
    marks = "".join(doubtful.truth)
    os.environ.update(PIN)
    try:
        done = cli("do", "--db", db, "--station", "SCAN", "--member", member, "ballot", marks, "--batch", "B1",
                   "--position", "1", "--image", line["image"])
    finally:
        os.environ.pop("TINNHIEM_PIN")
    assert done.code == 0, done.text
    state = open_service(db).state
    assert held_ballots(state) == [] and state.entered == 1


def test_under_double_entry_the_scanner_is_one_blind_entry_and_a_person_the_other(tmp_path):
    db = session_at(tmp_path, "voting")
    for line in ("entry-mode double", "return --count 12", "next"):
        assert cli("do", "--db", db, *line.split()).code == 0
    state = open_service(db).state
    scanner, person = (m for m in state.team if m != state.team_head)
    samples = make_corpus(state, 2, seed=7, dpis=(200,), clean_share=1.0, degrade=Degrade(dpi=200))
    run = _scan(db, scanner, [p for s in samples for p in write(tmp_path, s)])
    assert run.code == 0, run.text
    assert open_service(db).state.entered == 0, "one blind entry counts nothing"
    os.environ.update(PIN)
    try:
        for sample in samples:
            done = cli("do", "--db", db, "--station", "S2", "--member", person, "ballot", sample.truth, "--batch", "B1")
            assert done.code == 0, done.text
    finally:
        os.environ.pop("TINNHIEM_PIN")
    service = open_service(db)
    submitted = [r.payload for r in service.store.load(service.session_id) if r.type == "entry_submitted"]
    assert [(p["station"], p["member"], bool(p.get("image"))) for p in submitted] == \
        [("SCAN", scanner, True), ("SCAN", scanner, True), ("S2", person, False), ("S2", person, False)]
    assert service.state.entered == 2 and [service.state.main.entries[("B1", n)].marks for n in (1, 2)] == \
        [s.truth for s in samples]
