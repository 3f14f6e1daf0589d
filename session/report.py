"""The higher level's summary (tổng hợp kết quả): every person evaluated, across conferences, side by side.

A person is the same across two conferences when both files give them the same ``key``
(a personnel number); without a key, the same name and post (case and spacing aside),
and the report says so, since two namesakes in one post would be merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from session.conference_text import same_name_key
from session.i18n import register
from session.results import band_text, results
from session.state import SessionState

STRINGS = {
    "report.title": ("TỔNG HỢP KẾT QUẢ LẤY PHIẾU TÍN NHIỆM", "SUMMARY OF CONFIDENCE-VOTE RESULTS"),
    "report.dated_blank": ("……………, ngày …… tháng …… năm ……", "……………, (date) ……"),
    "report.places": ("Các hội nghị", "The conferences"),
    "report.persons": ("Tổng hợp", "Summary"),
    "report.notes": ("Ghi chú", "Notes"),
    "report.place_n": ("Nơi thứ {n}", "Place {n}"),
    "report.no": ("STT", "No."),
    "report.key": ("Mã cán bộ", "Personnel key"),
    "report.file": ("Tệp lưu trữ", "Archive"),
    "report.body": ("Cơ quan, tổ chức", "Body"),
    "report.conference": ("Tên hội nghị", "Conference"),
    "report.place": ("Địa điểm", "Place"),
    "report.date": ("Ngày", "Date"),
    "report.rules": ("Quy định", "Rules"),
    "report.announced": ("Đã công bố", "Announced"),
    "report.yes": ("có", "yes"),
    "report.no_word": ("chưa", "not yet"),
    "report.by_name": ("{name} ({position}) ở {file} không có mã cán bộ: đối chiếu theo họ tên và chức vụ.",
                       "{name} ({position}) in {file} has no personnel key: matched by name and post."),
    "report.not_announced": ("{file}: kết quả chưa được công bố (bước {step}).", "{file}: the results are not yet announced (step {step})."),
    "report.refused": ("{file}: không đưa vào báo cáo. {reason}", "{file}: left out of the report. {reason}"),
    "report.done": ("Đã ghi báo cáo tổng hợp {file}: {persons} người, {places} hội nghị.",
                    "Wrote the summary {file}: {persons} persons, {places} conferences."),
    "report.suffix": ("Báo cáo là tệp .xlsx hoặc .pdf, không phải {file}.", "The report is an .xlsx or a .pdf file, not {file}."),
}
register(STRINGS)


@dataclass(frozen=True)
class Place:
    """One conference the report reads: where its results come from and under which rules."""

    file: str
    """The archive's file name."""
    session: str
    title: str
    body: str
    place: str
    date: str
    """ISO date of the meeting."""
    rules: str
    """The pack's code."""
    citation: str
    levels: tuple[tuple[str, str, str], ...]
    """(key, Vietnamese label, English label) of every level, ``invalid`` last."""
    bands: dict[str, tuple[str, str]]
    """Band id → its consequence (Vietnamese, English)."""
    books: dict[str, Any]
    """The results' counts: convened, present, issued, returned, valid, invalid, denominator."""
    announced: bool
    step: str


@dataclass(frozen=True)
class Entry:
    """A person's result at one place."""

    place: Place
    counts: dict[str, int]
    percent: dict[str, str]
    """The JSON's half-up percentages (``"58.33"``)."""
    band: str


@dataclass
class Row:
    """One person and their result in every place that evaluated them, in the order of the archives."""

    key: str | None
    name: str
    position: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Report:
    """The places, the persons and what the reader should know about the matching."""

    places: list[Place]
    rows: list[Row]
    notes: list[tuple[str, dict[str, Any]]]
    """(message key, parameters) for each warning."""

    @property
    def widest(self) -> int:
        """The most places any person is in: the side-by-side blocks a table needs."""
        return max((len(r.entries) for r in self.rows), default=0)

    def levels(self) -> list[tuple[str, str, str]]:
        """Every level of every place's pack, in order of first appearance (``invalid`` last)."""
        seen: dict[str, tuple[str, str, str]] = {}
        for place in self.places:
            for level in place.levels:
                if level[0] != "invalid":
                    seen.setdefault(level[0], level)
        invalid = next((lv for p in self.places for lv in p.levels if lv[0] == "invalid"), None)
        return [*seen.values(), *([invalid] if invalid else [])]


def place_of(file: str, state: SessionState, invalid_labels: tuple[str, str]) -> tuple[Place, dict[str, Any]]:
    """The place a session's state describes, and its results JSON."""
    data = results(state)
    conf = state.conference
    levels = tuple((lv.key, lv.vi, lv.en) for lv in state.pack.levels) + (("invalid", *invalid_labels),)
    bands = {b.id: (band_text(state, b.id, "vi"), band_text(state, b.id, "en")) for b in state.pack.bands}
    books = {k: data[k] for k in ("convened", "present", "issued", "returned", "valid", "invalid")}
    books["denominator"] = data["denominator"]["value"]
    return Place(file, state.session_id, conf.title, conf.body, conf.place, conf.date.isoformat(), state.pack.code,
                 state.pack.citation, levels, bands, books, data["announced"], state.step), data


def tabulate(sources: list[tuple[str, SessionState]], invalid_labels: tuple[str, str]) -> Report:
    """The report over ``(archive name, replayed state)`` pairs, persons in order of first appearance."""
    report = Report([], [], [])
    by_identity: dict[tuple[str, ...], Row] = {}
    for file, state in sources:
        place, data = place_of(file, state, invalid_labels)
        report.places.append(place)
        if not place.announced:
            report.notes.append(("report.not_announced", {"file": file, "step": state.step}))
        keys = {p.id: p.key for p in state.ballot_persons}
        for person in data["persons"]:
            key = keys.get(person["id"])
            if key:
                identity: tuple[str, ...] = ("key", key)
            else:
                identity = ("name", same_name_key(person["name"]), same_name_key(person["position"]))
                report.notes.append(("report.by_name", {"name": person["name"], "position": person["position"], "file": file}))
            row = by_identity.get(identity)
            if row is None:
                row = by_identity[identity] = Row(key, person["name"], person["position"])
                report.rows.append(row)
            row.entries.append(Entry(place, person["counts"], person["percent"], person["band"]))
    return report
