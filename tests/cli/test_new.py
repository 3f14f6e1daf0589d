"""`tinnhiem new`: the shared example as it is, its eligibility warnings, and malformed files (exit 2)."""

from __future__ import annotations

import pytest

from tests.cli.support import SAMPLE, cli, sh


def test_shared_example_is_accepted_with_both_warnings_naming_the_person(tmp_path):
    run = sh("new", SAMPLE, "--db", "s.db", cwd=tmp_path)
    assert run.code == 0, run.text
    assert "Traceback" not in run.err
    merged, months = run.err.splitlines()[:2]
    assert "Phan Thị Hạnh (v05)" in merged and "gộp làm một" in merged
    assert "Đặng Quốc Bảo (p3)" in months and "9 tháng" in months
    assert "Đã tạo phiên" in run.out and (tmp_path / "s.db").is_file()
    status = sh("do", "--db", "s.db", "status", "--format", "json", cwd=tmp_path)
    assert (status.code, status.out.strip()) == (0, '{"step": "prepared", "allowed": ["next"]}')


def test_warnings_in_english(tmp_path):
    run = cli("--lang", "en", "new", SAMPLE, "--db", tmp_path / "s.db")
    assert run.code == 0, run.text
    assert "Phan Thị Hạnh (v05) holds several posts" in run.err and "merged, one ballot" in run.err
    assert "Đặng Quốc Bảo (p3) in post since 2018-06-01: under 9 months" in run.err
    assert run.out.startswith("Created session")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")
BROKEN_AT = _line_of(SAMPLE_TEXT, 'place = "')

MALFORMED = {
    # case: (file text, what the message must name)
    "bad toml": (SAMPLE_TEXT.replace('place = "Hội trường', 'place = Hội trường', 1), f"line {BROKEN_AT}"),
    "unknown rule pack": (SAMPLE_TEXT.replace('rules = "QD96"', 'rules = "QD97"', 1), "conference.rules"),
    "person without name": (SAMPLE_TEXT.replace('name = "Hoàng Thị Mai"\nposition', 'position', 1), "persons[2].name"),
    "person with empty name": (SAMPLE_TEXT.replace('name = "Lê Văn Khánh"\nposition', 'name = " "\nposition', 1), "persons[1].name"),
    "date in the wrong form": (SAMPLE_TEXT.replace("in_post_since = 2017-03-15", 'in_post_since = "15/03/2017"', 1),
                               "persons[2].in_post_since"),
    "meeting date in the wrong form": (SAMPLE_TEXT.replace("date = 2018-10-16", 'date = "16.10.2018"', 1), "conference.date"),
    "no voters": (SAMPLE_TEXT.split("[[voters]]")[0], "[[voters]]"),  # the voters close the file
    "no eligible person": (SAMPLE_TEXT.replace("date = 2018-10-16", "date = 2016-01-01", 1), "đủ điều kiện"),
    "unknown override": (SAMPLE_TEXT.replace("\n# People", "\n[conference.overrides]\nquorum_percent = 60\n\n# People", 1),
                         "conference.overrides.quorum_percent"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_file_exits_2_naming_the_key_or_line(case, tmp_path):
    text, named = MALFORMED[case]
    assert text != SAMPLE_TEXT, "the case must change the file"
    path = tmp_path / "hoi-nghi.toml"
    path.write_text(text, encoding="utf-8")
    run = cli("new", path, "--db", tmp_path / "s.db")
    assert run.code == 2, run.text
    assert named in run.err, run.err
    assert not (tmp_path / "s.db").exists(), "nothing is written for a bad file"


def test_malformed_file_message_in_english(tmp_path):
    path = tmp_path / "hoi-nghi.toml"
    path.write_text(SAMPLE_TEXT.replace('rules = "QD96"', 'rules = "QD97"', 1), encoding="utf-8")
    run = cli("new", path, "--db", tmp_path / "s.db", "--lang", "en")
    assert run.code == 2
    assert "conference.rules: no rule pack “QD97” (known: QD96" in run.err


@pytest.mark.parametrize("content", [None, b"\xff\xfe binary \x00"], ids=["missing", "not utf-8"])
def test_missing_or_unreadable_file_exits_2(content, tmp_path):
    path = tmp_path / "hoi-nghi.toml"
    if content is not None:
        path.write_bytes(content)
    run = cli("new", path, "--db", tmp_path / "s.db")
    assert run.code == 2, run.text
    assert str(path) in run.err
