"""Properties of the domain core, checked on random sessions, ballots and numbers."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session import commands as c
from session import counting
from session.ballots import parse_marks
from session.books import identities
from session.errors import BadInput
from session.events import CHAIR, Actor
from session.evolve import evolve, replay, start
from session.results import results
from session.rules import PACKS
from session.service import SessionService
from session.tally import percent_text
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, synthetic
from tests.session.support import project

REASONS = ("!not_issued", "!other_form")
"""Whole-ballot invalid entries every pack offers."""


@dataclass(frozen=True)
class RandomSession:
    """A valid session drawn at random: its conference, attendance and entries."""

    rules: str
    """Rule pack code."""
    voters: int
    """Voters convened."""
    persons: int
    """Persons on the ballot."""
    scope: str
    """Invalid-row scope override."""
    present: int
    """Voters present."""
    issued: int
    """Ballots issued."""
    ballots: tuple[str, ...]
    """Entries in counting order (marks, or ``!reason``)."""
    corrections: tuple[tuple[int, str], ...]
    """(position, new entry) corrections made after entering."""
    double: bool = False
    """Blind double entry: two stations enter every ballot and agree."""

    def conference(self) -> dict:
        return synthetic(self.voters, self.persons, self.rules, overrides={"invalid_scope": self.scope},
                         posts=1 if self.rules == "APPOINT" else None)

    def commands(self, ballots: tuple[str, ...] | None = None) -> list[tuple[c.Command, Actor]]:
        """Every command from ``prepared`` to ``closed``, with who asks it."""
        ids = [f"v{i:03d}" for i in range(1, self.voters + 1)]
        present = tuple(ids[: self.present])
        team = present[:3]
        out: list[c.Command] = [c.Advance(), c.MarkPresent(present), c.Advance(), c.Advance(),
                                c.ProposeTeam(team, team[0]), c.ApproveTeam(self.present), c.Advance(), c.Advance()]
        if self.rules == "APPOINT":
            out += [c.FixNominees(), c.Advance()]
        entries = self.ballots if ballots is None else ballots
        if self.double:
            out.append(counting.SetEntryMode(True))
        out += [c.IssueBallots(present[: self.issued]), c.Advance(anyway=True), c.RecordReturned(len(entries)), c.Advance()]
        chair = [(command, CHAIR) for command in out]
        stations = [Actor("station", member, f"Máy {member}") for member in team[1:]] if self.double else [CHAIR]
        # A station counts a foreign paper invalid on the head's word (the chair's own entry needs none).
        chair += [(c.RecordBallot(position=pos, **_content(entry),
                                  confirmed_by=team[0] if station.role == "station" and entry.startswith("!") else ""),
                   station) for pos, entry in enumerate(entries, 1) for station in stations]
        out = [c.CorrectBallot(pos, "nhập nhầm", confirmed_by=team[0], **_content(entry))
               for pos, entry in self.corrections]
        out += [c.Advance(), *(c.SignMinutes(m) for m in team), c.Advance(), c.AnnounceResults(), c.SealBallots("VP")]
        return chair + [(command, CHAIR) for command in out]


def _content(entry: str) -> dict:
    return {"invalid_reason": entry[1:]} if entry.startswith("!") else {"marks": entry}


def _entry(levels: int, persons: int):
    marks = st.text(alphabet="".join(str(i) for i in range(1, levels + 1)) + "0x-", min_size=persons, max_size=persons)
    return st.one_of(marks, marks, marks, st.sampled_from(REASONS))


@st.composite
def random_sessions(draw, with_corrections: bool = True) -> RandomSession:
    rules = draw(st.sampled_from(sorted(PACKS)))
    voters = draw(st.integers(3, 14))
    persons = draw(st.integers(2 if rules == "APPOINT" else 1, 4))
    need = max(3, -(-2 * voters // 3))
    present = draw(st.integers(need, voters))
    issued = draw(st.integers(1, present))
    entry = _entry(len(PACKS[rules].levels), persons)
    ballots = tuple(draw(st.lists(entry, max_size=issued)))
    corrections = ()
    if with_corrections and ballots:
        corrections = tuple(draw(st.lists(st.tuples(st.integers(1, len(ballots)), entry), max_size=3)))
    return RandomSession(rules, voters, persons, draw(st.sampled_from(["row", "ballot"])), present, issued, ballots,
                         corrections, draw(st.booleans()))


def run(case: RandomSession, ballots: tuple[str, ...] | None = None, snapshots: list | None = None) -> SessionService:
    """Drive ``case`` to closed; with ``snapshots``, keep the projection after every command."""
    service = SessionService.create(InMemoryEventStore(), case.conference(), clock=FixedClock(), session_id="s")
    for command, actor in case.commands(ballots):
        service.handle(command, actor)
        if snapshots is not None:
            snapshots.append(project(service.state))
    assert service.state.step == "closed"
    return service


@settings(max_examples=60, deadline=None)
@given(random_sessions())
def test_the_books_balance_after_every_event(case):
    records = run(case).store.load("s")
    submitted = sum(r.type == "entry_submitted" for r in records)
    assert submitted == (2 * len(case.ballots) if case.double else 0)
    state = start(records[0])
    for record in records[1:]:
        evolve(state, record)
        broken = [i for i in identities(state) if not i.holds]
        assert not broken, (record.seq, record.type, broken)
    assert state.tally.valid + state.tally.invalid == state.returned <= state.issued <= len(state.present)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_ballot_order_never_changes_the_results(data):
    case = data.draw(random_sessions(with_corrections=False))
    shuffled = tuple(data.draw(st.permutations(case.ballots)))
    first, second = results(run(case).state), results(run(case, shuffled).state)
    assert first == second


@settings(max_examples=40, deadline=None)
@given(random_sessions())
def test_replay_of_the_log_equals_the_live_state_at_every_command(case):
    snapshots: list = []
    records = run(case, snapshots=snapshots).store.load("s")
    assert project(replay(records)) == snapshots[-1]
    for snapshot in snapshots:
        assert project(replay(records[: snapshot["seq"]])) == snapshot


# --- marks codec -----------------------------------------------------------------------------------

PACK_CODES = sorted(PACKS)


@settings(max_examples=200)
@given(st.sampled_from(PACK_CODES), st.data())
def test_a_well_formed_marks_string_round_trips(code, data):
    pack = PACKS[code]
    alphabet = "".join(str(i) for i in range(1, len(pack.levels) + 1)) + "0x-"
    canonical = data.draw(st.text(alphabet=alphabet, min_size=1, max_size=12))
    typed = "".join(data.draw(st.sampled_from([ch, ch.upper(), f" {ch}", f"{ch}\t"])) for ch in canonical)
    assert parse_marks(typed, pack, len(canonical)) == canonical
    assert parse_marks(canonical, pack, len(canonical)) == canonical


@settings(max_examples=300)
@given(st.sampled_from(PACK_CODES), st.text(alphabet="0123456789xXyY-+. \t", max_size=10), st.integers(1, 8))
def test_parse_marks_accepts_exactly_the_right_strings(code, text, persons):
    pack = PACKS[code]
    alphabet = "".join(str(i) for i in range(1, len(pack.levels) + 1)) + "0x-"
    normal = "".join(text.split()).lower()
    bad = [pos for pos, ch in enumerate(normal, 1) if ch not in alphabet]
    if not bad and len(normal) == persons:
        assert parse_marks(text, pack, persons) == normal
        return
    with pytest.raises(BadInput) as caught:
        parse_marks(text, pack, persons)
    if bad:
        assert caught.value.key == "marks.bad_char" and caught.value.params["pos"] == bad[0]
        assert str(bad[0]) in caught.value.message("en")
    else:
        assert caught.value.key == "marks.length"
        assert (caught.value.params["got"], caught.value.params["want"]) == (len(normal), persons)


# --- integer band arithmetic ------------------------------------------------------------------------

BANDS = [(code, band) for code, pack in PACKS.items() for band in pack.bands]


@settings(max_examples=400)
@given(st.sampled_from(BANDS), st.integers(1, 10**30), st.data())
def test_bands_agree_with_exact_fractions_even_where_floats_cannot(code_band, n, data):
    _, band = code_band
    count = data.draw(st.integers(0, n))
    exact = Fraction(count, n) > Fraction(band.num, band.den) if band.strict \
        else Fraction(count, n) >= Fraction(band.num, band.den)
    assert band.reached(count, n) is exact
    least = band.minimum(n)
    assert band.reached(least, n) and (least == 0 or not band.reached(least - 1, n))


@settings(max_examples=300)
@given(st.sampled_from(PACK_CODES), st.integers(1, 10**6), st.data())
def test_band_of_is_the_highest_band_reached(code, n, data):
    pack = PACKS[code]
    count = data.draw(st.integers(0, n))
    share = Fraction(count, n)
    expected = None
    for band in pack.bands:
        if share > Fraction(band.num, band.den) or (not band.strict and share == Fraction(band.num, band.den)):
            expected = band.id
    got = pack.band_of(count, n)
    assert (got.id if got else None) == expected


@settings(max_examples=300)
@given(st.integers(1, 10**12), st.data())
def test_percentages_are_exact_fractions_rounded_half_up(n, data):
    count = data.draw(st.integers(0, n))
    hundredths = Fraction(100 * 100 * count, n) + Fraction(1, 2)
    units = hundredths.numerator // hundredths.denominator
    assert percent_text(count, n) == f"{units // 100}.{units % 100:02d}"


BOUNDARIES = {"20-of-30": (20, 30, "66.67"), "1-of-8": (1, 8, "12.50"), "1-of-6": (1, 6, "16.67"),
              "1-of-3": (1, 3, "33.33"), "133-of-200": (133, 200, "66.50"), "0-of-7": (0, 7, "0.00")}


@pytest.mark.parametrize("count,n,text", BOUNDARIES.values(), ids=BOUNDARIES.keys())
def test_percent_boundaries(count, n, text):
    assert percent_text(count, n) == text
