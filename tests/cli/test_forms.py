"""The command line of a session of several ballot forms: ``--form`` on issue, spoil, return, batch, ballot, correct,
resolve, each refusal, ``status`` and the results of each form."""

from __future__ import annotations

import json

import pytest

from tests.cli.support import cli

CONF = """
[conference]
title = "Kỳ họp thử: ba mẫu phiếu"
body = "Hội đồng nhân dân tỉnh"
date = 2023-12-01
rules = "NQ96"

[[forms]]
id = "A"
title = "khối Thường trực"
colour = "trắng"
persons = ["p1", "p2", "p3"]

[[forms]]
id = "B"
title = "khối Ủy ban"
colour = "xanh"
persons = ["p4", "p5"]

[[forms]]
id = "C"
title = "khối Ban"
persons = ["p6"]
""" + "".join(f"""
[[persons]]
id = "p{i}"
name = "Người Được Lấy Phiếu {i}"
position = "Chức danh {i}"
in_post_since = 2020-01-01
""" for i in range(1, 7)) + "".join(f"""
[[voters]]
id = "v{i:02d}"
name = "Đại Biểu {i}"
""" for i in range(1, 13))

VOTERS = " ".join(f"v{i:02d}" for i in range(1, 13))


def _do(db: str, *lines: str) -> None:
    for line in lines:
        run = cli("do", "--db", db, *line.split())
        assert run.code == 0, (line, run.text)


def _refused(db: str, line: str, code: int, *words: str) -> str:
    run = cli("do", "--db", db, "--lang", "en", *line.split())
    assert run.code == code, (line, run.text)
    for word in words:
        assert word in run.text, (line, run.text)
    return run.text


@pytest.fixture
def counting_db(tmp_path) -> str:
    conf = tmp_path / "ba-mau.toml"
    conf.write_text(CONF, encoding="utf-8")
    db = str(tmp_path / "forms.db")
    assert cli("new", str(conf), "--db", db, "--session", "s").code == 0
    _do(db, "next", f"present {VOTERS}", "next", "next", "team propose v01 v02 v03 --head v01",
        "team approve --for 12", "next", "next")
    return db


def test_issue_spoil_and_return_per_form_with_each_refusal(counting_db):
    db = counting_db
    _do(db, "issue v01", "issue v02 --form B")
    _refused(db, "issue v01", 3, "already holds a ballot of every form")
    _refused(db, "issue v02 --form B", 3, "Form khối Ủy ban", "already holds a ballot")
    _refused(db, "issue v03 --form Z", 3, "No ballot form “Z”", "A (khối Thường trực)")
    _do(db, "issue --all-present")
    _refused(db, "spoil v01", 3, "several ballot forms", "--form")
    _do(db, "spoil v01 --form C", "next")
    _refused(db, "return --count 12", 3, "--form")
    _refused(db, "return --count 13 --form A", 3, "Form khối Thường trực")
    _do(db, "return --count 12 --form A")
    _refused(db, "return --count 11 --form A", 3, "Already closed with 12")
    _refused(db, "next", 3, "Form khối Ủy ban")
    _do(db, "return --count 11 --form B", "return --count 10 --form C")
    status = json.loads(cli("do", "--db", db, "status", "--format", "json").out)
    assert [(f["id"], f["issued"], f["returned"]) for f in status["forms"]] == [("A", 12, 12), ("B", 12, 11), ("C", 12, 10)]
    _do(db, "next")
    text = cli("do", "--db", db, "--lang", "en", "status").out
    assert "Form B “khối Ủy ban”: issued 12 · returned 11 · entered 0" in text


def test_batch_ballot_correct_and_resolve_per_form_then_results(counting_db, monkeypatch):
    db = counting_db
    _do(db, "entry-mode double", "issue --all-present", "next",
        "return --count 2 --form A", "return --count 1 --form B", "return --count 1 --form C", "next")
    station = ("--station", "M1", "--member", "v02")
    other = ("--station", "M2", "--member", "v03")
    monkeypatch.setenv("TINNHIEM_PIN", "1234")
    def st(who, line, code=0, *words):
        run = cli("do", "--db", db, "--lang", "en", *who, *line.split())
        assert run.code == code, (line, run.text)
        for word in words:
            assert word in run.text, (line, run.text)

    st(station, "batch B01", 3, "--form")
    st(station, "batch B01 --form A")
    st(other, "batch B01 --form A")
    st(station, "ballot 12 --batch B01 --form A", 3, "3")  # form A has three persons
    st(station, "ballot 123 --batch B01 --form A")
    st(other, "ballot 123 --batch B01 --form A")
    st(station, "ballot 111 --batch B01 --form A")
    st(other, "ballot 111 --batch B01 --form A")
    st(station, "ballot 12 --batch X --form B")
    st(other, "ballot 13 --batch X --form B")
    st(station, "ballot 1 --batch K --form C")
    st(other, "ballot 1 --batch K --form C")
    st(("--station", "H", "--member", "v01"), "signin")  # the head sets their PIN, to confirm what follows
    monkeypatch.delenv("TINNHIEM_PIN")
    monkeypatch.setenv("TINNHIEM_HEAD_PIN", "1234")
    _refused(db, "next", 3, "Form khối Ủy ban")
    _refused(db, "resolve 1 12 --head v01 --batch X", 3, "--form")
    _refused(db, "resolve 1 12 --head v01 --batch X --form A", 3, "Form khối Thường trực")
    _do(db, "resolve 1 12 --head v01 --batch X --form B")
    _refused(db, "correct 1 222 --because nhầm --head v01 --batch B01", 3, "--form")
    _refused(db, "correct 9 222 --because nhầm --head v01 --batch B01 --form A", 3, "Form khối Thường trực")
    _do(db, "correct 2 222 --because nhầm --head v01 --batch B01 --form A", "next")
    data = json.loads(cli("results", "--db", db, "--format", "json").out)
    assert [(f["id"], f["returned"], f["valid"]) for f in data["forms"]] == [("A", 2, 2), ("B", 1, 1), ("C", 1, 1)]
    counts = {p["id"]: (p["form"], p["counts"]) for p in data["persons"]}
    assert counts["p2"] == ("A", {"high": 0, "medium": 2, "low": 0, "invalid": 0})
    assert counts["p5"][0] == "B" and counts["p5"][1]["medium"] == 1
    assert cli("verify", "--db", db).code == 0
    csv_text = cli("results", "--db", db, "--format", "csv").out
    assert csv_text.splitlines()[0].startswith("form,") and csv_text.splitlines()[5].startswith("B,")
    text = cli("results", "--db", db, "--format", "text").out
    assert "MẪU PHIẾU B — khối Ủy ban" in text
