"""The conference file: the sample parses with its warnings; each malformed file names the key or line at fault."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable

import pytest

from session.conference import add_months, parse_conference
from session.errors import BadInput
from tests.scenarios import sample_text


def test_the_sample_parses_with_a_warning_for_each_eligibility_rule():
    conference = parse_conference(sample_text())
    assert [p.id for p in conference.persons] == ["p1", "p2"]
    assert [p.id for p in conference.excluded] == ["p3"]
    assert conference.convened == 12 and conference.pack.code == "QD96"
    notices = {n.key: n for n in conference.notices}
    assert set(notices) == {"warn.merged", "warn.same_year"} and len(conference.notices) == 2
    merged, same_year = notices["warn.merged"], notices["warn.same_year"]
    assert "Phan Thị Hạnh" in merged.message("vi") and "v05" in merged.message("en")
    # QD96 leaves off whoever was appointed in the meeting's year, citing the clause, dates as a Vietnamese reader writes them.
    assert "Đặng Quốc Bảo" in same_year.message("vi") and "01/06/2018" in same_year.message("vi")
    assert "Điều 2 khoản 2" in same_year.message("vi") and "2018" in same_year.message("en")
    (exclusion,) = conference.exclusions
    assert exclusion.rule == "same_year" and "96-QĐ/TW" in exclusion.article
    v05 = conference.voter("v05")
    assert v05.posts == ("Trưởng phòng Tổ chức cán bộ", "Ủy viên BCH Đảng bộ cơ quan")


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)
    return edit


def _drop_tables(name: str) -> Callable[[str], str]:
    return lambda text: re.sub(rf"\[\[{name}\]\]\n(?:[^\[\n].*\n|\n)*", "", text)


MALFORMED = {
    "bad-toml": (_replace('body = "Ban Tổ chức Tỉnh ủy"', "body = Ban Tổ chức"), "file.toml", "line 7"),
    "unknown-rule-pack": (_replace('rules = "QD96"', 'rules = "QD99"'), "file.unknown_pack", "conference.rules"),
    "person-with-no-name": (_replace('name = "Lê Văn Khánh"\nposition', 'name = ""\nposition'), "file.missing",
                            "persons[1].name"),
    "person-without-a-name-key": (_replace('name = "Hoàng Thị Mai"\n', ""), "file.missing", "persons[2].name"),
    "date-in-the-wrong-form": (_replace("date = 2018-10-16", 'date = "16/10/2018"'), "file.bad_date",
                               "conference.date"),
    "in-post-date-in-the-wrong-form": (_replace("in_post_since = 2015-11-02", 'in_post_since = "2/11/2015"'),
                                       "file.bad_date", "persons[1].in_post_since"),
    "no-voters": (_drop_tables("voters"), "file.no_voters", "[[voters]]"),
    "no-eligible-person": (lambda text: re.sub(r"in_post_since = \d{4}-\d\d-\d\d", "in_post_since = 2018-10-01", text),
                           "file.no_eligible", "[[persons]]"),
    "unknown-override": (_replace('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\nquorum = 2'),
                         "file.unknown_override", "conference.overrides.quorum"),
    "percent-of-valid-ballots": (_replace('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\ndenominator = "valid"'),
                                 "file.bad_choice", "conference.overrides.denominator"),
    "quorum-of-nobody": (_replace('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\nquorum_num = 0'),
                         "file.out_of_range", "conference.overrides.quorum_num"),
    "quorum-above-everyone": (_replace('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\nquorum_num = 4'),
                              "file.quorum_over_all", "4/3"),
    "team-bigger-than-the-hall": (_replace('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\nteam_min_size = 50'),
                                  "file.team_too_big", "50"),
    "override-of-the-wrong-type": (_replace('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\ninvalid_scope = 1'),
                                   "file.wrong_type", "conference.overrides.invalid_scope"),
    "override-out-of-its-choices": (_replace('rules = "QD96"',
                                             'rules = "QD96"\n[conference.overrides]\ndenominator = "everyone"'),
                                    "file.bad_choice", "conference.overrides.denominator"),
    "appoint-list-no-longer-than-the-posts": (_replace('rules = "QD96"', 'rules = "APPOINT"\nposts = 3'),
                                              "file.too_few_nominees", "conference.posts"),
    "person-linked-to-no-voter": (_replace('voter = "v02"', 'voter = "v42"'), "file.unknown_voter", "persons[1].voter"),
}
"""name → (how the sample is broken, the error key, what the message must name)."""


@pytest.mark.parametrize("edit,key,named", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_file_is_refused_naming_the_key_or_line(edit, key, named):
    with pytest.raises(BadInput) as caught:
        parse_conference(edit(sample_text()))
    assert caught.value.key == key
    for lang in ("vi", "en"):
        assert named in caught.value.message(lang), caught.value.message(lang)


OVERRIDES = {
    "invalid-scope-ballot": ('invalid_scope = "ballot"', "invalid_scope", "ballot"),
    "denominator-convened": ('denominator = "convened"', "denominator", "convened"),
    "nine-months-becomes-three": ("min_months_in_post = 3", "min_months_in_post", 3),
    "quorum-of-three-quarters": ("quorum_num = 3\nquorum_den = 4", "quorum_num", 3),
    "team-of-five": ("team_min_size = 5", "team_min_size", 5),
}


@pytest.mark.parametrize("line,setting,value", OVERRIDES.values(), ids=OVERRIDES.keys())
def test_an_override_changes_that_setting_only(line, setting, value):
    text = sample_text().replace('rules = "QD96"', f'rules = "QD96"\n[conference.overrides]\n{line}', 1)
    plain = parse_conference(sample_text()).pack
    pack = parse_conference(text).pack
    assert getattr(pack, setting) == value != getattr(plain, setting)
    assert pack.citation == plain.citation and pack.bands == plain.bands


def test_a_shorter_minimum_brings_the_recent_person_back_on_a_nine_month_ballot():
    nine = sample_text().replace('rules = "QD96"', 'rules = "QD262"', 1)
    assert [p.id for p in parse_conference(nine).excluded] == ["p3"]
    shorter = nine.replace('rules = "QD262"', 'rules = "QD262"\n[conference.overrides]\nmin_months_in_post = 4', 1)
    conference = parse_conference(shorter)
    assert [p.id for p in conference.persons] == ["p1", "p2", "p3"] and not conference.excluded


def test_two_thirds_strict_turns_the_top_band_into_above_two_thirds():
    text = sample_text().replace('rules = "QD96"', 'rules = "QD96"\n[conference.overrides]\ntwo_thirds_strict = true', 1)
    band = parse_conference(text).pack.bands[-1]
    assert band.id == "two_thirds" and band.strict and not band.reached(20, 30) and band.reached(21, 30)


MONTHS = {"plain": ("2018-04-07", 9, "2019-01-07"), "end-of-month-clamps": ("2018-05-31", 9, "2019-02-28"),
          "leap-year": ("2019-05-31", 9, "2020-02-29"), "across-years": ("2017-12-15", 14, "2019-02-15")}


@pytest.mark.parametrize("since,months,until", MONTHS.values(), ids=MONTHS.keys())
def test_calendar_months_are_added_day_for_day(since, months, until):
    from datetime import date

    assert add_months(date.fromisoformat(since), months) == date.fromisoformat(until)


def test_importing_the_domain_core_pulls_in_no_ui_or_database_library():
    code = (
        "import importlib, pkgutil, sys, session\n"
        "for m in pkgutil.iter_modules(session.__path__): importlib.import_module('session.' + m.name)\n"
        "banned = {'textual', 'sqlmodel', 'sqlalchemy', 'rich', 'qrcode', 'tui', 'storage'}\n"
        "print(sorted(banned & {name.split('.')[0] for name in sys.modules}))\n"
        "print(len([n for n in sys.modules if n.startswith('session.')]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, count = done.stdout.split("\n")[:2]
    assert loaded == "[]", done.stdout
    assert int(count) >= 15, "the check must have imported the session modules"


def test_witnesses_are_a_list_of_printable_names():
    text = sample_text().replace('rules = "QD96"', 'rules = "QD96"\nwitnesses = ["Trần Quan Sát"]', 1)
    assert parse_conference(text).witnesses == ("Trần Quan Sát",)
    with pytest.raises(BadInput) as caught:
        parse_conference(sample_text().replace('rules = "QD96"', 'rules = "QD96"\nwitnesses = "Trần Quan Sát"', 1))
    assert "conference.witnesses" in caught.value.message("en")
