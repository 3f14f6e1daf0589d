"""Results as data: the contract of ``tinnhiem results --format json`` and its text/CSV forms."""

from __future__ import annotations

from typing import Any

from session.state import Books, SessionState
from session.tally import percent_text


def denominator(s: SessionState, books: Books | None = None) -> int:
    """N, the basis of percentages and thresholds under the pack, for one form (the first by default)."""
    b = books or s.main
    basis = s.pack.denominator
    returned = b.returned if b.returned is not None else b.entered
    return {
        "returned": returned,
        "valid": b.tally.valid,
        "present": len(s.present),
        "issued": b.issued,
        "convened": s.convened,
        "total_members": s.conference.total_members,
    }[basis]


def _persons(s: SessionState, b: Books, n: int) -> list[dict[str, Any]]:
    pack = s.pack
    keys = [lv.key for lv in pack.levels] + ["invalid"]
    banded = keys.index(pack.banded_level)
    persons = []
    for person, row in zip(b.persons, b.tally.counts):
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
    return persons


def form_results(s: SessionState, b: Books) -> dict[str, Any]:
    """One form's books and its persons' results (``forms[]`` of the results JSON)."""
    n = denominator(s, b)
    return {
        "id": b.id,
        "title": b.form.title,
        "colour": b.form.colour,
        "issued": b.issued,
        "returned": b.returned if b.returned is not None else b.entered,
        "entered": b.entered,
        "valid": b.tally.valid,
        "invalid": b.tally.invalid,
        "spoiled": b.spoiled,
        "denominator": {"basis": s.pack.denominator, "value": n},
        "persons": _persons(s, b, n),
    }


def results(s: SessionState) -> dict[str, Any]:
    """The results JSON: counts, exact-rounded percentages and the band of every person.

    A session of one form gives exactly what it always has (so old logs replay to the same JSON). A session of
    several forms adds ``forms[]``, each form's books and persons, and names each person's ``form`` in the top-level
    ``persons[]`` (every person, in form order); its top-level books are the sums over the forms, and its top-level
    ``denominator`` is the first form's (each form's own is in ``forms[]``).
    """
    pack = s.pack
    forms = [form_results(s, b) for b in s.books.values()]
    several = s.several_forms
    persons = [{**p, "form": f["id"]} if several else p for f in forms for p in f["persons"]]
    total = {k: sum(f[k] for f in forms) for k in ("issued", "returned", "entered", "valid", "invalid")}
    return {
        "version": 1,
        "session": s.session_id,
        "rules": pack.code,
        "citation": pack.citation,
        "step": s.step,
        "announced": s.announced_at is not None,
        "convened": s.convened,
        "present": len(s.present),
        **total,
        "denominator": forms[0]["denominator"],
        "banded_level": pack.banded_level,
        "persons": persons,
        **({"forms": forms} if several else {}),
    }


def band_text(s: SessionState, band_id: str, lang: str = "vi") -> str:
    """The consequence text of ``band_id`` ('' for none)."""
    for band in s.pack.bands:
        if band.id == band_id:
            return band.consequence_vi if lang == "vi" else band.consequence_en
    return ""
