"""Each regulation is a data file a legal reviewer reads: it loads, cites, and says what it cannot confirm."""

from __future__ import annotations

from pathlib import Path

import pytest

from session import minutes
from session.errors import BadInput
from session.i18n import t, use_vocabulary
from session.rules import PACKS, SETTINGS, load_pack
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from tests.scenarios import FixedClock, drive_to_counting, enter, synthetic

PACKS_DIR = Path(__file__).resolve().parents[2] / "session" / "packs"


@pytest.mark.parametrize("code", sorted(PACKS))
def test_every_pack_cites_its_articles_and_quotes_its_consequences(code):
    pack = PACKS[code]
    assert pack.citation and pack.title_vi and pack.title_en and pack.articles
    for band in pack.bands:
        assert band.consequence_vi and band.consequence_en and band.article
    for article in pack.articles:
        assert article.ref and article.quote and article.source and article.supports
    backed = {s for a in pack.articles for s in a.supports} | {u.setting for u in pack.unconfirmed}
    assert backed >= set(SETTINGS), "a setting neither quoted nor marked unconfirmed"
    for rule in pack.exclusions:
        assert pack.exclusion_article(rule) is not None, rule


def test_a_pack_file_with_an_unbacked_setting_is_refused_at_load():
    text = (PACKS_DIR / "qd96.toml").read_text(encoding="utf-8")
    assert load_pack(text, "qd96.toml").code == "QD96"
    unbacked = text.replace('setting = "team_min_size"', 'setting = "agree_limit"', 1)
    with pytest.raises(ValueError, match="team_min_size"):
        load_pack(unbacked, "broken.toml")
    with pytest.raises(ValueError, match="unknown keys"):
        load_pack(text.replace("banded_level =", "banded_levle =", 1), "typo.toml")


DENOMINATORS = {"QD96": "returned", "QD262": "returned", "NQ96": "returned", "NQ85": "total_members",
                "BINARY": "total_members", "APPOINT": "returned"}


@pytest.mark.parametrize("code", sorted(PACKS))
def test_each_pack_counts_on_the_denominator_its_text_names(code):
    assert PACKS[code].denominator == DENOMINATORS[code]


def test_vocabulary_follows_the_pack():
    assert PACKS["QD96"].kind == "party" and PACKS["APPOINT"].kind == "party" and PACKS["QD262"].kind == "party"
    assert {PACKS[c].kind for c in ("NQ96", "NQ85", "BINARY")} == {"state"}
    try:
        use_vocabulary("state")
        assert t("step.counting_team") == "Giới thiệu, biểu quyết Ban kiểm phiếu"
        assert "kỳ họp" in t("guard.team_not_approved") and "Tổ" not in t("guard.team_not_approved")
        assert t("basis.convened") == "số đại biểu được triệu tập"
        use_vocabulary("party")
        assert t("step.counting_team") == "Giới thiệu, biểu quyết Tổ kiểm phiếu"
    finally:
        use_vocabulary("party")


def test_only_the_qd96_ballot_says_a_voter_may_sign():
    assert [c for c, p in sorted(PACKS.items()) if p.signing] == ["QD96"]
    assert "ký tên" in PACKS["QD96"].instructions("vi")
    assert all("ký tên" not in p.instructions("vi") for c, p in PACKS.items() if c != "QD96")


def test_qd262_voids_a_ballot_with_extra_names_or_information():
    keys = [r.key for r in PACKS["QD262"].invalid_reasons]
    assert "extra_info" in keys and "extra_info" not in [r.key for r in PACKS["QD96"].invalid_reasons]
    assert "ghi thêm tên" in PACKS["QD262"].reason("extra_info").text("vi")


def test_appoint_cites_regulation_377_and_prints_no_sanction():
    pack = PACKS["APPOINT"]
    assert "377-QĐ/TW" in pack.citation and "80-QĐ/TW" in pack.citation  # what it follows, and what that replaced
    for band in pack.bands:
        for word in ("miễn nhiệm", "từ chức", "cho thôi", "bỏ phiếu tín nhiệm"):
            assert word not in band.consequence_vi


@pytest.mark.parametrize("code", sorted(PACKS))
def test_every_unconfirmed_setting_is_printed_in_the_minutes(code):
    data = synthetic(6, 3, code, posts=1 if PACKS[code].nominee_step else None)
    service = SessionService.create(InMemoryEventStore(), data, clock=FixedClock(), session_id="s")
    drive_to_counting(service, returned=2)
    enter(service, ["111", "121"])
    for lang in ("vi", "en"):
        text = minutes.render_text(minutes.build(service.state, lang))
        for note in PACKS[code].unconfirmed:
            assert note.text(lang) in text, note.setting
        assert (t("doc.m_unconfirmed", lang) in text) == bool(PACKS[code].unconfirmed)


def test_the_nq96_minutes_speak_of_the_ban_kiem_phieu_and_the_ky_hop():
    service = SessionService.create(InMemoryEventStore(), synthetic(6, 1, "NQ96"), clock=FixedClock(), session_id="s")
    drive_to_counting(service, returned=1)
    enter(service, ["1"])
    text = minutes.render_text(minutes.build(service.state, "vi"))
    assert "Ban kiểm phiếu" in text and "Tổ kiểm phiếu" not in text
    party = SessionService.create(InMemoryEventStore(), synthetic(6, 1, "QD96"), clock=FixedClock(), session_id="q")
    assert "Tổ kiểm phiếu" in minutes.render_text(minutes.build(party.state, "vi"))


def test_total_members_below_the_number_convened_is_refused():
    data = synthetic(6, 1, "NQ96", total_members=5)
    with pytest.raises(BadInput) as caught:
        SessionService.create(InMemoryEventStore(), data)
    assert caught.value.key == "file.total_below_convened" and "total_members" in caught.value.message("en")


@pytest.mark.parametrize("basis", ["returned", "present", "issued", "convened", "total_members"])
@pytest.mark.parametrize("code", sorted(PACKS))
def test_no_percentage_exceeds_100_on_any_basis_a_file_may_choose(code, basis):
    from session.results import results

    data = synthetic(9, 2, code, total_members=9, overrides={"denominator": basis}, posts=1 if PACKS[code].nominee_step else None)
    service = SessionService.create(InMemoryEventStore(), data, clock=FixedClock(), session_id="s")
    drive_to_counting(service, present=7, issued=6, returned=5)
    enter(service, ["x0", "0x", "11", "!not_issued", "!other_form"])
    for person in results(service.state)["persons"]:
        assert all(0 <= float(v) <= 100 for v in person["percent"].values()), person
