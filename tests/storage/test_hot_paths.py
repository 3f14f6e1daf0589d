"""The replay's fast paths give exactly what the plain rules give (they exist only for bench/)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from session.ballots import MARK_CHARS, judge, parse_marks
from session.errors import BadInput
from session.log import _nfc, canonical_json
from session.rules import PACKS
from storage.sql_store import _loads

TEXT = st.text(alphabet=st.sampled_from("aeoAEOuyđĐ\"\\\n\u0301\u0300\u0303\u0323\u0309ăâêôơư ếệữ—«»"), max_size=12)
VALUES = st.recursive(st.none() | st.integers() | st.booleans() | TEXT,
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4), max_leaves=20)


def slow_canonical(value) -> bytes:
    return json.dumps(_nfc(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@given(VALUES)
def test_canonical_json_equals_the_normalising_walk(value):
    assert canonical_json(value) == slow_canonical(value)


def test_canonical_json_normalises_decomposed_text():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert canonical_json({decomposed: decomposed}) == canonical_json({"Nguyễn Thị Ánh": "Nguyễn Thị Ánh"})
    assert canonical_json({decomposed: 1}) != json.dumps({decomposed: 1}, ensure_ascii=False).encode()


def old_row(char: str, blank_level):
    if char.isdigit() and char != "0":
        return int(char) - 1
    if char == "0":
        return blank_level
    return None


@given(st.sampled_from(sorted(PACKS)), st.text(alphabet=st.sampled_from(MARK_CHARS), min_size=1, max_size=12))
def test_judge_reads_rows_as_the_per_character_rule(code, marks):
    pack = PACKS[code]
    marks = "".join(ch for ch in marks if not ch.isdigit() or ch == "0" or int(ch) <= len(pack.levels)) or "0"
    blank = None if pack.blank_row == "invalid" else [lv.key for lv in pack.levels].index(pack.blank_row)
    outcome = judge(pack, len(marks), marks, None, 1)
    if outcome.valid:
        assert outcome.rows == tuple(old_row(ch, blank) for ch in marks)
    else:
        assert any(old_row(ch, blank) is None for ch in marks) or pack.agree_limit


@given(VALUES, st.sampled_from([{}, {"indent": 1}, {"separators": (", ", ": ")}, {"ensure_ascii": True}]),
       st.sampled_from(["", " ", "\n"]))
def test_the_stores_json_read_is_json_loads(value, style, around):
    text = around + json.dumps(value, **style) + around
    assert _loads(text) == json.loads(text)


@pytest.mark.parametrize("text", ["", "{", '{"a":1}x', '{"a":1} 2', "[1,]", "nul"])
def test_the_stores_json_read_refuses_what_json_loads_refuses(text):
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)
    with pytest.raises(json.JSONDecodeError):
        _loads(text)


def slow_marks(text: str, levels: int) -> str:
    allowed = "".join(str(i) for i in range(1, levels + 1)) + "0x-"
    marks = "".join(text.split()).lower()
    return marks if marks and all(ch in allowed for ch in marks) else "!"


@given(st.sampled_from(sorted(PACKS)), st.text(alphabet=st.sampled_from(MARK_CHARS + "X 9a\t"), max_size=8))
def test_marks_as_stored_parse_as_marks_typed(code, text):
    pack = PACKS[code]
    want = slow_marks(text, len(pack.levels))
    persons = len(want) if want != "!" else max(len(text), 1)
    try:
        got = parse_marks(text, pack, persons)
    except BadInput:
        got = "!"
    assert got == want
