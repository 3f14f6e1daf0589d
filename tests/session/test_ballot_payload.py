"""A ballot's QR: the session and form, and on a ballot of several pages the page, read back by the station."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from session.counting import read_scan
from session.paper import BallotCode, ballot_payload, batch_payload, parse_ballot_payload
from tests.docs.support import new_service
from tests.scenarios import synthetic

IDS = st.text(st.characters(min_codepoint=33, max_codepoint=126, exclude_characters=":"), min_size=1, max_size=16)


def test_a_one_page_ballot_names_only_session_and_form():
    assert ballot_payload("abc123", "QD96") == "tinnhiem:abc123:QD96"
    assert ballot_payload("abc123", "QD96", 1, 1) == "tinnhiem:abc123:QD96"


def test_each_page_of_a_longer_ballot_says_which_it_is():
    assert ballot_payload("abc123", "A", 2, 3) == "tinnhiem:abc123:A:2/3"
    assert parse_ballot_payload("tinnhiem:abc123:A:2/3") == BallotCode("abc123", "A", 2, 3)
    assert parse_ballot_payload(" tinnhiem:abc123:A \n") == BallotCode("abc123", "A", 1, 1)


@given(IDS, IDS, st.integers(1, 60), st.integers(1, 60))
def test_every_payload_reads_back(session_id, form, page, pages):
    page = min(page, pages)
    assert parse_ballot_payload(ballot_payload(session_id, form, page, pages)) == BallotCode(session_id, form, page, pages)


def test_what_is_not_a_ballot_page_is_none():
    for text in ("tinnhiem:s:A:0/3", "tinnhiem:s:A:4/3", "tinnhiem:s:A:1/1", "tinnhiem:s:A:x", "tinnhiem:s", "other:s:A",
                 batch_payload("s", "B01"), "tinnhiem:s:A:1/2:extra", ""):
        assert parse_ballot_payload(text) is None, text


def test_the_station_takes_any_page_of_its_form_and_refuses_another_session_s():
    state = new_service(synthetic(3, 2)).state
    page = ballot_payload(state.session_id, state.main.id, 2, 3)
    assert read_scan(state, page).kind == "ballot"
    other = ballot_payload("another", state.main.id, 2, 3)
    assert (read_scan(state, other).kind, read_scan(state, other).value) == ("foreign", "not_issued")
    assert read_scan(state, ballot_payload(state.session_id, "Z", 1, 2)).value == "other_form"
    assert read_scan(state, f"tinnhiem:{state.session_id}:{state.main.id}:5/3").kind == "bad"
