"""Accuracy on a corpus of the project's own ballots, marked by several pens and scanned badly.

The promise: no ballot whose every row the machine is sure of has a wrong row (every wrong guess was left to a
person), at most 2 % of cleanly marked ballots held, and another session's ballots refused as foreign.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.scan.corpus import Degrade, make_corpus
from tests.scan.support import read_one, session

CORPUS = (("three boxes", 4, "QD96", 70, 11), ("two boxes", 5, "BINARY", 40, 12), ("three boxes, six rows", 6, "NQ96", 40, 13))
"""(name, persons, rules, ballots, seed) of each part of the corpus."""


def test_no_ballot_is_recorded_with_a_wrong_row_and_clean_ballots_are_rarely_held(tmp_path, capsys):
    ballots = held = clean = clean_held = wrong_rows = wrong_sure = rows = 0
    failures = []
    for name, persons, rules, count, seed in CORPUS:
        state = session(persons, rules)
        for sample in make_corpus(state, count, seed):
            reading = read_one(tmp_path, sample, state)
            assert reading.kind == "ballot", (sample.name, reading.reason, sample.degrade)
            ballots += 1
            rows += len(sample.truth)
            wrong = [i for i, (got, meant) in enumerate(zip(reading.marks, sample.truth)) if got != meant]
            wrong_rows += len(wrong)
            wrong_sure += sum(reading.rows[i].sure for i in wrong)
            held += bool(reading.unsure)
            clean += sample.clean
            clean_held += sample.clean and bool(reading.unsure)
            if reading.sure and wrong:
                failures.append((name, sample.name, sample.truth, reading.marks, sample.degrade))
    with capsys.disabled():
        print(f"\nscan accuracy: {ballots} ballots ({rows} rows), {held} held ({held / ballots:.1%}); "
              f"clean {clean}, held {clean_held} ({clean_held / clean:.1%}); wrong guesses {wrong_rows} rows, "
              f"of them sure {wrong_sure}; ballots recorded with a wrong row {len(failures)}")
    assert failures == []
    assert wrong_sure == 0
    assert wrong_rows > 0, "the corpus must hold marks a machine cannot be sure of, or it proves nothing"
    assert clean_held <= 0.02 * clean


SCANS = {
    "150 dpi": Degrade(dpi=150),
    "600 dpi": Degrade(dpi=600),
    "turned 3 degrees": Degrade(turn=3.0),
    "turned -4 degrees at 150 dpi": Degrade(dpi=150, turn=-4.0),
    "upside down": Degrade(upside_down=True),
    "upside down, turned, 150 dpi": Degrade(dpi=150, turn=2.5, upside_down=True),
    "scaled 97 %": Degrade(scale=0.97),
    "shifted": Degrade(shift=(5.0, -5.0)),
    "blurred": Degrade(blur=1.5),
    "noisy": Degrade(noise=10.0),
    "JPEG 40": Degrade(jpeg=40),
    "everything at 150 dpi": Degrade(dpi=150, turn=-3.0, scale=1.02, shift=(3.0, 3.0), blur=1.0, noise=6.0, jpeg=60),
}
"""A cleanly marked ballot scanned one bad way at a time (300 dpi unless said)."""


@pytest.mark.parametrize("how", list(SCANS))
def test_a_clean_ballot_reads_whole_however_it_was_scanned(tmp_path, how):
    state = session(4)
    (sample,) = make_corpus(state, 1, seed=sum(map(ord, how)), clean_share=1.0, degrade=SCANS[how])
    reading = read_one(tmp_path, sample, state)
    assert (reading.kind, reading.marks, reading.unsure) == ("ballot", sample.truth, ())


def test_another_session_s_ballots_are_refused_as_foreign(tmp_path):
    ours, theirs = session(4), session(4, session_id="elsewhere")
    for sample in make_corpus(theirs, 6, seed=5):
        reading = read_one(tmp_path, sample, ours)
        assert (reading.kind, reading.reason, reading.marks) == ("foreign", "scan.why.other_session", None), sample.name
        assert "elsewhere" in reading.message("en")


def test_a_ballot_of_another_form_than_asked_is_foreign(tmp_path):
    state = session(4)
    (sample,) = make_corpus(state, 1, seed=2)
    assert read_one(tmp_path, sample, state).kind == "ballot"
    other = read_one(tmp_path, replace(sample, name="other-form"), state, form="Z")
    assert (other.kind, other.reason) == ("foreign", "scan.why.other_form")
