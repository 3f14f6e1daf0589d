"""Several ballot forms in one session: the conference file, each form's books and guards, counting and results."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from session import commands as c
from session import counting
from session.admissible import check
from session.books import identities
from session.conference import conference_from_data
from session.errors import BadInput, StepRefused
from session.events import CHAIR, Actor
from session.evolve import replay
from session.results import results
from tests.forms_support import FORMS3, forms_conference, started, to_counting, to_issuing
from tests.scenarios import sample_data, synthetic

S1, S2 = Actor("station", "v001", "Máy 1"), Actor("station", "v002", "Máy 2")


def _verified(service) -> None:
    records = service.store.load("s")
    verdict = check(records)
    assert verdict.ok, verdict
    assert results(replay(records)) == results(service.state)


# --- the conference file ----------------------------------------------------------------------

def test_without_forms_one_form_holds_everyone_under_the_pack_code():
    conf = conference_from_data(sample_data())
    (form,) = conf.forms
    assert (form.id, form.title, form.persons) == (conf.pack.code, "", conf.persons)


def test_forms_group_the_persons_in_their_own_order():
    data = forms_conference()
    data["forms"][0]["persons"] = ["p3", "p1", "p2"]
    conf = conference_from_data(data)
    assert [f.id for f in conf.forms] == ["A", "B", "C"]
    assert [p.id for p in conf.forms[0].persons] == ["p3", "p1", "p2"]
    assert (conf.forms[1].title, conf.forms[1].colour) == ("khối B", "xanh")
    assert conf.form_of("p6").id == "C" and conf.form_of("p9") is None


@pytest.mark.parametrize(("change", "key", "named"), [
    (lambda d: d["forms"][1]["persons"].append("p1"), "file.person_two_forms", "p1"),
    (lambda d: (d["forms"][1]["persons"].remove("p5"), d["forms"][2]["persons"].__setitem__(0, "p5")),
     "file.person_no_form", "p6"),
    (lambda d: d["forms"][0]["persons"].append("p9"), "file.form_unknown_person", "p9"),
    (lambda d: d["forms"][1].update(id="A"), "file.duplicate_form", "A"),
    (lambda d: d["forms"][1].update(id="B:1"), "file.form_colon", "B:1"),
    (lambda d: d["forms"][0].update(color="đỏ"), "file.unknown_key_near", "colour"),
    (lambda d: d["forms"][0].update(title="khối\u200bA"), "file.invisible", "forms[1].title"),
    (lambda d: d["forms"][0].pop("title"), "file.missing", "forms[1].title"),
    (lambda d: d["forms"][0].update(persons="p1"), "file.wrong_type", "forms[1].persons"),
])
def test_a_bad_forms_table_is_refused_naming_what(change, key, named):
    data = forms_conference()
    change(data)
    with pytest.raises(BadInput) as err:
        conference_from_data(data)
    assert err.value.key == key
    assert named in err.value.message("en")


def test_a_person_left_off_drops_from_the_form_and_an_emptied_form_is_named():
    data = forms_conference()
    data["persons"][5]["in_post_since"] = "2023-06-01"  # same year as the meeting: left off under QD96
    with pytest.raises(BadInput) as err:
        conference_from_data(data)
    assert err.value.key == "file.form_empty" and "khối C" in err.value.message("vi")
    data["persons"][2]["in_post_since"] = "2023-06-01"
    data["forms"][2]["persons"].append("p1")
    data["forms"][0]["persons"].remove("p1")
    conf = conference_from_data(data)
    assert [p.id for p in conf.form("A").persons] == ["p2"] and [p.id for p in conf.form("C").persons] == ["p1"]


def test_a_pack_with_a_nominee_step_takes_one_form():
    data = forms_conference(rules="APPOINT", posts=1)
    with pytest.raises(BadInput) as err:
        conference_from_data(data)
    assert err.value.key == "file.forms_nominees"


# --- issuing and collecting -------------------------------------------------------------------

def test_issue_all_present_hands_every_form_and_one_voter_gets_each_form():
    service = to_issuing(started(forms_conference()))
    service.handle(c.IssueBallots(("v001",)), CHAIR)
    assert [b.issued for b in service.state.books.values()] == [1, 1, 1]
    service.handle(c.IssueBallots(("v002",), form="B"), CHAIR)
    assert [b.issued for b in service.state.books.values()] == [1, 2, 1]
    with pytest.raises(StepRefused) as err:
        service.handle(c.IssueBallots(("v002",), form="B"), CHAIR)
    assert err.value.key == "form.guard" and "khối B" in err.value.message("vi")
    service.handle(c.IssueBallots(("v002",)), CHAIR)  # the forms v002 does not hold yet
    with pytest.raises(StepRefused) as err:
        service.handle(c.IssueBallots(("v002",)), CHAIR)
    assert err.value.key == "form.all_held"
    service.handle(c.IssueBallots(all_present=True), CHAIR)
    assert [b.issued for b in service.state.books.values()] == [12, 12, 12]
    with pytest.raises(StepRefused):
        service.handle(c.IssueBallots(all_present=True), CHAIR)
    _verified(service)


def test_a_spoiled_ballot_is_exchanged_per_form():
    service = to_issuing(started(forms_conference()))
    service.handle(c.IssueBallots(("v001",), form="A"), CHAIR)
    with pytest.raises(BadInput) as err:
        service.handle(c.ExchangeSpoiled("v001"), CHAIR)
    assert err.value.key == "form.needed"
    with pytest.raises(StepRefused) as err:
        service.handle(c.ExchangeSpoiled("v001", "B"), CHAIR)
    assert err.value.message("en").startswith("Refused") or "khối B" in err.value.message("vi")
    service.handle(c.ExchangeSpoiled("v001", "A"), CHAIR)
    assert [b.spoiled for b in service.state.books.values()] == [1, 0, 0]
    with pytest.raises(BadInput) as err:
        service.handle(c.ExchangeSpoiled("v001", "Z"), CHAIR)
    assert err.value.key == "form.unknown"


def test_the_collection_records_each_forms_count_and_closes_only_with_all():
    service = to_issuing(started(forms_conference()))
    service.handle(c.IssueBallots(all_present=True), CHAIR)
    service.handle(c.Advance(), CHAIR)
    with pytest.raises(BadInput):
        service.handle(c.RecordReturned(12), CHAIR)
    service.handle(c.RecordReturned(12, "A"), CHAIR)
    with pytest.raises(StepRefused) as err:
        service.handle(c.RecordReturned(11, "A"), CHAIR)
    assert "khối A" in err.value.message("vi")
    with pytest.raises(StepRefused) as err:
        service.handle(c.RecordReturned(13, "B"), CHAIR)
    assert "khối B" in err.value.message("vi")
    service.handle(c.RecordReturned(11, "B"), CHAIR)
    with pytest.raises(StepRefused) as err:
        service.handle(c.Advance(), CHAIR)
    assert err.value.message("vi").count("Phiếu khối C") == 1
    service.handle(c.RecordReturned(10, "C"), CHAIR)
    service.handle(c.Advance(), CHAIR)
    assert service.state.step == "counting"
    assert [b.returned for b in service.state.books.values()] == [12, 11, 10]


# --- counting ---------------------------------------------------------------------------------

def test_each_form_is_counted_with_its_own_marks_length_and_guard():
    service = to_counting(started(forms_conference()), {"B": 3, "C": 2, "A": 2})
    with pytest.raises(BadInput) as err:
        service.handle(c.RecordBallot("111"), CHAIR)
    assert err.value.key == "form.needed"
    with pytest.raises(BadInput) as err:
        service.handle(c.RecordBallot("111", form="B"), CHAIR)
    assert err.value.key == "marks.length"
    service.handle(c.RecordBallot("123", form="A"), CHAIR)
    service.handle(c.RecordBallot("12", form="B"), CHAIR)
    service.handle(c.RecordBallot("3", form="C"), CHAIR)
    with pytest.raises(StepRefused) as err:
        service.handle(c.Advance(), CHAIR)
    assert err.value.message("vi").endswith("Phiếu khối A: Mới nhập 1/2 phiếu thu về.")
    service.handle(c.RecordBallot("111", form="A"), CHAIR)
    with pytest.raises(StepRefused) as err:
        service.handle(c.RecordBallot("111", form="A"), CHAIR)
    assert "khối A" in err.value.message("vi")
    with pytest.raises(StepRefused) as err:
        service.handle(c.Advance(), CHAIR)
    assert "Phiếu khối B: Mới nhập 1/3" in err.value.message("vi")
    service.handle(c.RecordBallot(None, "not_issued", form="B"), CHAIR)
    service.handle(c.RecordBallot("x2", form="B"), CHAIR)
    service.handle(c.CorrectBallot(3, "nhập nhầm", "22", batch="", confirmed_by="v001", form="B"), CHAIR)
    with pytest.raises(StepRefused) as err:
        service.handle(c.CorrectBallot(5, "nhập nhầm", "22", confirmed_by="v001", form="B"), CHAIR)
    assert err.value.key == "form.guard"
    service.handle(c.RecordBallot("1", form="C"), CHAIR)
    service.handle(c.Advance(), CHAIR)
    assert service.state.step == "minutes"
    b = service.state.books["B"]
    assert (b.tally.valid, b.tally.invalid, b.corrections, b.tally.counts) == (2, 1, 1, [[1, 1, 0, 1], [0, 2, 0, 1]])
    assert not [i for i in identities(service.state) if not i.holds]
    _verified(service)


def test_batches_belong_to_a_form_and_double_entry_works_per_form():
    service = to_issuing(started(forms_conference()))
    service.handle(counting.SetEntryMode(True), CHAIR)
    service.handle(c.IssueBallots(all_present=True), CHAIR)
    service.handle(c.Advance(), CHAIR)
    for fid, n in (("A", 1), ("B", 1), ("C", 1)):
        service.handle(c.RecordReturned(n, fid), CHAIR)
    service.handle(c.Advance(), CHAIR)
    with pytest.raises(BadInput):
        service.handle(counting.OpenBatch("B01"), S1)
    service.handle(counting.OpenBatch("B01", form="A"), S1)
    service.handle(counting.OpenBatch("B01", form="B"), S1)  # the same code on another form is another stack
    service.handle(counting.OpenBatch("B01", form="A"), S2)
    service.handle(c.RecordBallot("123", batch="B01", form="A"), S1)
    service.handle(c.RecordBallot("123", batch="B01", form="A"), S2)
    assert service.state.books["A"].entered == 1 and service.state.books["B"].entered == 0
    service.handle(c.RecordBallot("12", batch="B01", form="B"), S1)
    service.handle(c.RecordBallot("11", batch="B01", form="B"), S2)
    assert counting.mismatches(service.state, service.state.books["B"]) == [("B01", 1)]
    assert counting.all_mismatches(service.state) == [("B", "B01", 1)]
    with pytest.raises(StepRefused):
        service.handle(counting.ResolveMismatch(1, "B01", "12", confirmed_by="v001", form="A"), CHAIR)
    service.handle(counting.ResolveMismatch(1, "B01", "12", confirmed_by="v001", form="B"), CHAIR)
    service.handle(c.RecordBallot("2", batch="K", form="C"), S1)
    service.handle(c.RecordBallot("2", batch="K", form="C"), S2)
    service.handle(c.Advance(), CHAIR)
    assert service.state.step == "minutes"
    _verified(service)


def test_a_cover_names_its_form_and_a_ballot_of_another_form_is_foreign():
    service = to_counting(started(forms_conference()))
    s = service.state
    cover = counting.cover_qr(s, "B07", s.books["B"])
    assert cover.endswith(":B07:B")
    scan = counting.read_scan(s, cover)
    assert (scan.kind, scan.value, scan.form) == ("batch", "B07", "B")
    assert counting.read_scan(s, counting.ballot_qr(s, s.books["B"]), s.books["B"]).kind == "ballot"
    assert counting.read_scan(s, counting.ballot_qr(s, s.books["A"]), s.books["B"]).value == "other_form"
    assert counting.read_scan(s, cover.replace(":B07:B", ":B07:Z")).value == "batch.other_form"


# --- results ----------------------------------------------------------------------------------

def test_results_list_each_form_with_its_books_and_every_person_with_their_form():
    service = to_counting(started(forms_conference()), {"A": 12, "B": 11, "C": 10})
    for b in service.state.books.values():
        for _ in range(b.returned):
            service.handle(c.RecordBallot("1" * len(b.persons), form=b.id), CHAIR)
    data = results(service.state)
    assert [(f["id"], f["title"], f["issued"], f["returned"], f["valid"], f["denominator"]["value"])
            for f in data["forms"]] == [("A", "khối A", 12, 12, 12, 12), ("B", "khối B", 12, 11, 11, 11),
                                        ("C", "khối C", 12, 10, 10, 10)]
    assert [(p["id"], p["form"]) for p in data["persons"]] == [("p1", "A"), ("p2", "A"), ("p3", "A"), ("p4", "B"),
                                                                ("p5", "B"), ("p6", "C")]
    assert (data["issued"], data["returned"], data["valid"], data["invalid"]) == (36, 33, 33, 0)


def test_a_single_form_session_gives_the_results_it_always_has():
    service = to_counting(started(synthetic(12, 2)))
    assert "forms" not in results(service.state) and "form" not in results(service.state)["persons"][0]
    service.handle(c.RecordBallot("12", form="QD96"), CHAIR)  # naming the only form is allowed
    assert "form" not in service.store.load("s")[-1].payload, "a single-form log reads as it always has"


# --- properties -------------------------------------------------------------------------------

entries = st.lists(st.one_of(st.text(alphabet="1230x-", min_size=6, max_size=6), st.just("!not_issued")),
                   min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(sheets=entries, order=st.permutations(range(3)), returned=st.lists(st.integers(0, 12), min_size=3, max_size=3))
def test_books_of_every_form_balance_and_form_order_never_changes_results(sheets, order, returned):
    """Each sheet is cut into the forms' rows; the same ballots under [[forms]] in any order give the same results."""
    outcomes = []
    for forms in (FORMS3, tuple(FORMS3[i] for i in order)):
        data = forms_conference()
        # Same persons on the same forms whatever order the tables come in.
        data["forms"] = [row for f in forms for row in forms_conference()["forms"] if row["id"] == f[0]]
        service = to_counting(started(copy.deepcopy(data)), dict(zip("ABC", returned)))
        cuts = {"A": (0, 3), "B": (3, 5), "C": (5, 6)}
        for b in service.state.books.values():
            for sheet in sheets[: b.returned]:
                lo, hi = cuts[b.id]
                if sheet.startswith("!"):
                    service.handle(c.RecordBallot(None, sheet[1:], form=b.id), CHAIR)
                else:
                    service.handle(c.RecordBallot(sheet[lo:hi], form=b.id), CHAIR)
            assert all(i.holds for i in identities(service.state)), identities(service.state)
        outcomes.append({f["id"]: f for f in results(service.state)["forms"]})
        _verified(service)
    assert outcomes[0] == outcomes[1]


def _resealed(last, payload):
    from session.events import Recorded
    from session.log import _body, chain_hash

    body = _body(last.seq, last.type, last.version, last.at, last.actor, payload)
    return Recorded(last.seq, last.type, last.version, last.at, last.actor, payload, last.prev_hash,
                    chain_hash(last.prev_hash, body))


@pytest.mark.parametrize("several", [True, False])
def test_a_form_field_is_written_only_among_several_forms_and_only_so(several):
    data = forms_conference() if several else synthetic(12, 6)
    service = to_counting(started(data))
    service.handle(c.RecordBallot("123" if several else "123123", form="A" if several else ""), CHAIR)
    records = service.store.load("s")
    last = records[-1]
    assert last.payload.get("form") == ("A" if several else None)
    assert check(records).ok and check([*records[:-1], _resealed(last, dict(last.payload))]).ok
    # The form written as "" or left out among several forms, or "" written out in a single-form log: not as written.
    bare = {k: v for k, v in last.payload.items() if k != "form"}
    for payload in ({**bare, "form": ""},) + ((bare,) if several else ()):
        assert not check([*records[:-1], _resealed(last, payload)]).ok
