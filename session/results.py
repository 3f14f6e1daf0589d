"""Results as data: the contract of ``tinnhiem results --format json`` and its text/CSV forms."""

from __future__ import annotations

from typing import Any

from session.state import SessionState
from session.tally import percent_text


def denominator(s: SessionState) -> int:
    """N, the basis of percentages and thresholds under the pack."""
    basis = s.pack.denominator
    returned = s.returned if s.returned is not None else s.entered
    return {
        "returned": returned,
        "valid": s.tally.valid,
        "present": len(s.present),
        "issued": s.issued,
        "convened": s.convened,
        "total_members": s.conference.total_members,
    }[basis]


def results(s: SessionState) -> dict[str, Any]:
    """The results JSON: counts, exact-rounded percentages and the band of every person."""
    pack = s.pack
    n = denominator(s)
    keys = [lv.key for lv in pack.levels] + ["invalid"]
    banded = keys.index(pack.banded_level)
    persons = []
    for person, row in zip(s.ballot_persons, s.tally.counts):
        band = pack.band_of(row[banded], n)
        persons.append({
            "id": person.id,
            "name": person.name,
            "position": person.position,
            "counts": dict(zip(keys, row)),
            "percent": {k: percent_text(v, n) for k, v in zip(keys, row)},
            "band": band.id if band else "none",
            "working": [b.working(row[banded], n) for b in pack.bands],
        })
    return {
        "version": 1,
        "session": s.session_id,
        "rules": pack.code,
        "citation": pack.citation,
        "step": s.step,
        "announced": s.announced_at is not None,
        "convened": s.convened,
        "present": len(s.present),
        "issued": s.issued,
        "returned": s.returned if s.returned is not None else s.entered,
        "entered": s.entered,
        "valid": s.tally.valid,
        "invalid": s.tally.invalid,
        "denominator": {"basis": pack.denominator, "value": n},
        "banded_level": pack.banded_level,
        "persons": persons,
    }


def band_text(s: SessionState, band_id: str, lang: str = "vi") -> str:
    """The consequence text of ``band_id`` ('' for none)."""
    for band in s.pack.bands:
        if band.id == band_id:
            return band.consequence_vi if lang == "vi" else band.consequence_en
    return ""
