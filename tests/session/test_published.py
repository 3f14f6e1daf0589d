"""Published results are the test of a count: real votes, entered as ballots, print the figures their bodies published.

The corpus (tests/fixtures/published_results.toml) names each vote by body and date, with its source and a
quote. Percentages are compared as numbers at the published precision (the Assembly prints "90,1%" for
90.10), and the Vietnamese text must show them with a decimal comma.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from session.results import results
from session.service import SessionService
from storage.memory_store import InMemoryEventStore
from storage.paper.export import results_text
from tests.scenarios import FixedClock, drive_to_counting, enter

CORPUS = tomllib.loads((Path(__file__).resolve().parents[1] / "fixtures" / "published_results.toml").read_text("utf-8"))
LEVELS = ("high", "medium", "low")


def _conference(case: dict[str, Any]) -> dict[str, Any]:
    head = {"title": "Kỳ họp lấy phiếu tín nhiệm", "body": "Cơ quan", "place": "Hội trường", "date": "2023-12-13",
            "rules": case["rules"]}
    if "total_members" in case:
        head["total_members"] = case["total_members"]
    persons = [{"id": f"p{i}", "name": p["name"], "position": p["position"], "in_post_since": "2010-01-01"}
               for i, p in enumerate(case["persons"], 1)]
    voters = [{"id": f"v{i:03d}", "name": f"Đại biểu {i}", "posts": []} for i in range(1, case["convened"] + 1)]
    return {"conference": head, "persons": persons, "voters": voters}


def _ballots(case: dict[str, Any]) -> list[str]:
    """Ballot i marks each person by the published counts in order; past them, an invalid row (unpublished)."""
    columns = []
    for person in case["persons"]:
        marks = "".join(mark * n for mark, n in zip("123", person["counts"]))
        assert len(marks) <= case["returned"], person["name"]
        columns.append(marks.ljust(case["returned"], "x"))
    return ["".join(row) for row in zip(*columns)]


def counted(case: dict[str, Any]) -> dict[str, Any]:
    service = SessionService.create(InMemoryEventStore(), _conference(case), clock=FixedClock(), session_id="s")
    drive_to_counting(service, present=case.get("present"), returned=case["returned"])
    enter(service, _ballots(case))
    return results(service.state)


@pytest.fixture(scope="module", params=sorted(CORPUS), ids=sorted(CORPUS))
def published(request) -> tuple[dict[str, Any], dict[str, Any]]:
    case = CORPUS[request.param]
    return case, counted(case)


def test_every_published_percentage_is_printed(published):
    case, data = published
    for person, row in zip(case["persons"], data["persons"]):
        for level, count, printed in zip(LEVELS, person["counts"], person["percent"]):
            assert row["counts"][level] == count, (person["name"], level)
            if printed:
                places = len(printed.partition(".")[2])
                ours = Decimal(row["percent"][level]).quantize(Decimal(1).scaleb(-places))
                assert ours == Decimal(printed), (person["name"], level, row["percent"][level], printed)


def test_the_band_published_is_the_band_printed(published):
    case, data = published
    for person, row in zip(case["persons"], data["persons"]):
        if "band" in person:
            assert row["band"] == person["band"], person["name"]
        assert all(Decimal(v) <= 100 for v in row["percent"].values()), "no percentage can exceed 100 %"


def test_the_denominator_is_the_one_the_regulation_counts_on(published):
    case, data = published
    expected = case["returned"] if case["rules"] == "NQ96" else case["total_members"]
    basis = "returned" if case["rules"] == "NQ96" else "total_members"
    assert data["denominator"] == {"basis": basis, "value": expected}


def test_vinh_phuc_2023_reads_53_19_percent_in_vietnamese_and_over_half():
    data = counted(CORPUS["vinh_phuc_hdnd_2023_12_13"])
    thanh = data["persons"][0]
    assert thanh["percent"]["low"] == "53.19" and thanh["band"] == "over_half"  # the JSON keeps its contract
    levels = {"high": "Tín nhiệm cao", "medium": "Tín nhiệm", "low": "Tín nhiệm thấp"}
    text = results_text(data, levels, "vi")
    assert "53,19%" in text and "40,43%" in text and "53.19" not in text
    assert "53.19%" in results_text(data, levels, "en")
