"""`tinnhiem new`: the shared example as it is, its eligibility warnings, and malformed files (exit 2)."""

from __future__ import annotations

import pytest

from tests.cli.support import SAMPLE, cli, sh


def test_shared_example_is_accepted_with_both_warnings_naming_the_person(tmp_path):
    run = sh("new", SAMPLE, "--db", "s.db", cwd=tmp_path)
    assert run.code == 0, run.text
    assert "Traceback" not in run.err
    merged, same_year = run.err.splitlines()[:2]
    assert "Phan Thị Hạnh (v05)" in merged and "gộp làm một" in merged
    # QD96 (Điều 2 khoản 2): appointed in the year of the vote, shown with its rule and citation.
    assert "Đặng Quốc Bảo (p3)" in same_year and "trong năm lấy phiếu 2018" in same_year and "96-QĐ/TW" in same_year
    assert "Đã tạo phiên" in run.out and (tmp_path / "s.db").is_file()
    status = sh("do", "--db", "s.db", "status", "--format", "json", cwd=tmp_path)
    assert (status.code, status.out.strip()) == (0, '{"step": "prepared", "allowed": ["next"]}')


def test_warnings_in_english(tmp_path):
    run = cli("--lang", "en", "new", SAMPLE, "--db", tmp_path / "s.db")
    assert run.code == 0, run.text
    assert "Phan Thị Hạnh (v05) holds several posts" in run.err and "merged, one ballot" in run.err
    assert "Đặng Quốc Bảo (p3) elected or appointed on 1 Jun 2018, in the year of the vote 2018" in run.err
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
    "no eligible person": (SAMPLE_TEXT.replace("date = 2018-10-16", "date = 2015-12-01", 1)
                           .replace("2017-03-15", "2015-03-15").replace("2018-06-01", "2015-06-01"), "đủ điều kiện"),
    "unknown override": (SAMPLE_TEXT.replace("\n# People", "\n[conference.overrides]\nquorum_percent = 60\n\n# People", 1),
                         "conference.overrides.quorum_percent"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_malformed_file_exits_2_naming_the_key_or_line(case, tmp_path):
    _refused_writing_nothing(*MALFORMED[case], tmp_path)


def _refused_writing_nothing(text: str, named: str, tmp_path) -> None:
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


def _sample_with(old: str, new: str) -> str:
    assert old in SAMPLE_TEXT, old
    return SAMPLE_TEXT.replace(old, new, 1)


STRICT = {
    # The typos and nonsense a hostile reading found accepted: (file text, what the message must name).
    "rule for rules": (_sample_with('rules = "QD96"', 'rule = "NQ96"'), "«rule» (có phải «rules»?)"),
    "totl_members": (_sample_with("# total_members = 15", "totl_members = 15"), "«totl_members» (có phải «total_members»?)"),
    "double_entyr": (_sample_with('rules = "QD96"', 'rules = "QD96"\ndouble_entyr = true'), "double_entry"),
    "persns table": (SAMPLE_TEXT.replace("[[persons]]", "[[persns]]"), "«persns» (có phải «persons»?)"),
    "key inside a person": (_sample_with('voter = "v02"', 'voter = "v02"\nretirment_notice = true'), "persons[1]"),
    "quorum of zero": (_sample_with('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\nquorum_num = 0'),
                       "conference.overrides.quorum_num"),
    "team of fifty": (_sample_with('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\nteam_min_size = 50'),
                      "team_min_size = 50"),
    "zero-width name": (_sample_with('name = "Ngô Thị Lan"', 'name = "Ngô Thị\u200b Lan"'), "U+200B"),
    "zero-width twin voter": (_sample_with('id = "v07"', 'id = "v0\u200b7"'), "voters[7].id"),
    "control character": (_sample_with('name = "Ngô Thị Lan"', r'name = "Ngô\u0007 Thị Lan"'), "U+0007"),
    "500-character name": (_sample_with('name = "Ngô Thị Lan"', f'name = "{"Ngô Thị Lan " * 42}"'), "tối đa 80"),
    "total below convened": (_sample_with("# total_members = 15", "total_members = 11"), "conference.total_members = 11"),
    "unknown time zone": (_sample_with('rules = "QD96"', 'rules = "QD96"\ntimezone = "Asia/Hanoi-ish"'), "conference.timezone"),
}


@pytest.mark.parametrize("case", STRICT)
def test_a_typo_or_nonsense_is_refused_and_nothing_is_written(case, tmp_path):
    _refused_writing_nothing(*STRICT[case], tmp_path)


def test_two_spellings_of_one_id_are_one_id_and_nothing_unopenable_is_left(tmp_path):
    import unicodedata

    # v12's id written decomposed (NFD) in a second entry with another name: after NFC they clash.
    twin = '\n[[voters]]\nid = "' + unicodedata.normalize("NFD", "vé") + '"\nname = "A"\nposts = []\n'
    twin += '\n[[voters]]\nid = "' + unicodedata.normalize("NFC", "vé") + '"\nname = "B"\nposts = []\n'
    path = tmp_path / "hoi-nghi.toml"
    path.write_text(SAMPLE_TEXT + twin, encoding="utf-8")
    run = cli("new", path, "--db", tmp_path / "s.db")
    assert run.code == 2 and "vé" in run.err, run.text
    assert not (tmp_path / "s.db").exists()


def test_a_bom_and_a_decomposed_name_are_accepted_as_the_same_text(tmp_path):
    import unicodedata

    path = tmp_path / "hoi-nghi.toml"
    path.write_text("\ufeff" + unicodedata.normalize("NFD", SAMPLE_TEXT), encoding="utf-8")
    run = cli("new", path, "--db", tmp_path / "s.db")
    assert run.code == 0, run.text
    export = sh("export", "--db", "s.db", cwd=tmp_path)
    assert "Lê Văn Khánh" in export.out and unicodedata.is_normalized("NFC", export.out)


def test_same_name_under_two_ids_is_warned_by_name(tmp_path):
    path = tmp_path / "hoi-nghi.toml"
    path.write_text(SAMPLE_TEXT + '\n[[voters]]\nid = "v99"\nname = "Ngô  thị Lan"\nposts = []\n', encoding="utf-8")
    run = cli("new", path, "--db", tmp_path / "s.db")
    assert run.code == 0, run.text
    assert "Ngô Thị Lan (v07) và Ngô thị Lan (v99) trùng tên" in run.err
