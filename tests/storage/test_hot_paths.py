"""The replay's fast paths give exactly what the plain rules give (they exist only for bench/)."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from session.ballots import MARK_CHARS, judge
from session.log import _nfc, canonical_json
from session.rules import PACKS

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
