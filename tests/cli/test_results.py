"""`tinnhiem results --format json|csv|text` on the sample conference with a known set of ballots."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.cli.support import EXPECTED, cli


@pytest.fixture(scope="module")
def data(closed_db) -> dict:
    run = cli("results", "--db", closed_db, "--format", "json")
    assert run.code == 0, run.text
    return json.loads(run.out)


def test_json_has_the_contract_fields(data):
    contract = {"rules", "convened", "present", "issued", "returned", "valid", "invalid", "denominator", "persons"}
    assert contract <= set(data)
    assert {k: data[k] for k in contract - {"persons"}} == {
        "rules": "QD96", "convened": 12, "present": 12, "issued": 12, "returned": 12, "valid": 11, "invalid": 1,
        "denominator": {"basis": "returned", "value": 12}}
    for person in data["persons"]:
        assert {"id", "name", "position", "counts", "percent", "band"} <= set(person)


def test_json_counts_percent_and_band_per_person(data):
    assert [(p["id"], p["name"], p["position"]) for p in data["persons"]] == [
        ("p1", "Lê Văn Khánh", "Phó Trưởng ban"), ("p2", "Hoàng Thị Mai", "Phó Trưởng ban")]
    for person in data["persons"]:
        counts, percent, band = EXPECTED[person["id"]]
        assert (person["counts"], person["percent"], person["band"]) == (counts, percent, band)
        assert sum(person["counts"].values()) == data["returned"], "each row balances against the ballots returned"


def test_csv_rows_match_the_json(closed_db, data):
    run = cli("results", "--db", closed_db, "--format", "csv")
    assert run.code == 0
    rows = list(csv.DictReader(io.StringIO(run.out)))
    assert [r["id"] for r in rows] == ["p1", "p2"]
    for row in rows:
        counts, percent, band = EXPECTED[row["id"]]
        assert {k: int(row[k]) for k in counts} == counts
        assert {k: row[f"{k}_percent"] for k in percent} == percent
        assert (row["band"], row["denominator"], row["basis"]) == (band, "12", "returned")


@pytest.mark.parametrize(("lang", "words"), [
    ("vi", ["Kết quả theo QD96", "Triệu tập 12 · có mặt 12 · phát ra 12 · thu về 12 · hợp lệ 11 · không hợp lệ 1",
            "Lê Văn Khánh — Phó Trưởng ban", "58,33%", "Quá nửa", "66,67%", "Từ 2/3 trở lên"]),
    ("en", ["Results under QD96", "Convened 12 · present 12 · issued 12 · returned 12 · valid 11 · invalid 1",
            "Low confidence", "58.33%", "Over half", "Two thirds or more"]),
])
def test_text_in_each_language(closed_db, lang, words):
    run = cli("results", "--db", closed_db, "--format", "text", "--lang", lang)
    assert run.code == 0
    for word in words:
        assert word in run.out, word


def test_results_of_a_session_not_yet_counted(fresh_db):
    run = cli("results", "--db", fresh_db, "--format", "json")
    data = json.loads(run.out)
    assert (data["present"], data["returned"], data["denominator"]["value"]) == (0, 0, 0)
    assert all(p["band"] == "none" and set(p["percent"].values()) == {"0.00"} for p in data["persons"])
