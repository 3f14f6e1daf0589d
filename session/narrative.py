"""One readable line per event, for the replay timeline and ``replay --format text``.

Ids are shown with the names the conference file gives them ("Nguyễn Văn A (v01)"),
so an auditor reads the session without a lookup table at hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from session.events import Recorded
from session.i18n import CATALOGUE, register, t
from session.rules import REASON_KEYS, InvalidReason

_ID_FIELDS = ("voters", "members", "head", "voter", "member", "confirmed_by", "persons")
"""Payload fields that hold voter or person ids."""
_ENTRIES = ("ballot_recorded", "ballot_corrected", "entry_submitted", "mismatch_resolved")
"""Events that carry one ballot's marks (or its whole-ballot reason)."""

Words = Callable[[str | None, str | None], str]
"""(marks, invalid reason) → what the ballot says in words: each person's level by the pack's labels."""

_FIELD_STRINGS = {
    "field.session_id": ("Mã phiên", "Session id"), "field.launch_code": ("Mã khởi tạo", "Launch code"),
    "field.title": ("Hội nghị", "Conference"), "field.eligibility": ("Không đưa vào phiếu", "Left off the ballot"),
    "field.step": ("Bước", "Step"), "field.voters": ("Người dự", "Voters"), "field.voter": ("Người dự", "Voter"),
    "field.members": ("Thành viên", "Members"), "field.member": ("Thành viên", "Member"), "field.head": ("Tổ trưởng", "Head"),
    "field.votes_for": ("Tán thành", "For"), "field.votes_against": ("Không tán thành", "Against"),
    "field.abstain": ("Không biểu quyết", "Abstaining"), "field.approved": ("Kết quả", "Outcome"),
    "field.persons": ("Người được lấy phiếu", "Persons"), "field.count": ("Số phiếu", "Ballots"),
    "field.batch": ("Xấp", "Batch"), "field.position": ("Số thứ tự trong xấp", "Position in the batch"),
    "field.marks": ("Nội dung phiếu", "What the ballot says"), "field.invalid_reason": ("Lý do không hợp lệ", "Why invalid"),
    "field.station": ("Máy", "Station"), "field.confirmed_by": ("Tổ trưởng xác nhận", "Confirmed by the head"),
    "field.because": ("Lý do", "Reason"), "field.to": ("Bàn giao cho", "Handed to"), "field.form": ("Mẫu phiếu", "Ballot form"),
    "field.double": ("Cách nhập phiếu", "Entry mode"), "field.type": ("Sự kiện", "Event"),
    "field.actor": ("Người thực hiện", "Actor"), "field.at": ("Thời điểm", "At"), "field.hash": ("Băm", "Hash"),
    "field.none": ("(không có)", "(none)"), "field.yes": ("có", "yes"), "field.no": ("không", "no"),
}
"""The replay's detail pane: each payload field by its name in words (an unlisted field shows its key)."""
register(_FIELD_STRINGS)


def reason_text(key: str | None, lang: str = "vi") -> str:
    """The readable text of a whole-ballot invalid reason key (the key itself if unknown)."""
    if key not in REASON_KEYS:
        return str(key)
    return InvalidReason(key).text(lang)


def names_of(first: Recorded) -> dict[str, str]:
    """Voter and person id → name, from the conference carried by ``session_created``."""
    conference = first.payload.get("conference", {}) if first.type == "session_created" else {}
    names: dict[str, str] = {}
    for key in ("persons", "voters"):
        for row in conference.get(key, []) or []:
            if isinstance(row, dict) and row.get("id") and row.get("name"):
                names[str(row["id"])] = str(row["name"])
    return names


def _named(value: Any, names: Mapping[str, str]) -> str:
    ids = value if isinstance(value, (list, tuple)) else [value]
    return ", ".join(f"{names[i]} ({i})" if i in names else str(i) for i in ids)


def actor_text(actor: Mapping[str, str], names: Mapping[str, str] | None = None, lang: str = "vi") -> str:
    """Who acted: the station and member, the chair, or the system."""
    names = names or {}
    role, name, station = actor.get("role", ""), actor.get("name", ""), actor.get("station", "")
    person = names.get(name, name)
    if station:
        return f"{station} · {person}" if person else station
    label = t(f"actor.{role}", lang) if role else ""
    return f"{label} · {person}" if person else label


def describe(record: Recorded, lang: str = "vi", names: Mapping[str, str] | None = None, words: Words | None = None) -> str:
    """What ``record`` did, in one line; ``names`` turns ids into names, ``words`` marks into level words."""
    names = names or {}
    p = record.payload
    params: dict[str, Any] = {}
    for key, value in p.items():
        if key == "conference":
            continue
        if key in _ID_FIELDS:
            params[key] = _named(value, names)
        elif isinstance(value, (list, tuple)):
            params[key] = ", ".join(map(str, value))
        else:
            params[key] = value
    if record.type == "step_entered":
        params["label"] = t(f"step.{p.get('step')}", lang)
    if record.type == "team_voted":
        params["approved"] = t("event.approved" if p.get("approved") else "event.rejected", lang)
    if record.type == "entry_mode_set":
        params["mode"] = t("entry_mode.double" if p.get("double") else "entry_mode.single", lang)
    if record.type in ("ballot_recorded", "ballot_corrected"):
        params["content"] = p.get("marks") or t("event.whole_invalid", lang, reason=reason_text(p.get("invalid_reason"), lang))
        params["batch"] = p.get("batch") or "-"
    if record.type == "session_created":
        params["title"] = p.get("conference", {}).get("conference", {}).get("title", "")
    if record.type in _ENTRIES and words is not None:
        params["content"] = words(p.get("marks"), p.get("invalid_reason"))
    try:
        line = t(f"event.{record.type}", lang, **params)
    except (KeyError, IndexError, ValueError):
        # An unknown type or a payload missing a field (an edited log) still gets a line.
        return f"{record.type} {params}"
    if record.type in ("entry_submitted", "mismatch_resolved"):  # both blind entries and the head's ruling, readable
        line += ": " + str(params.get("content") or p.get("marks") or "")
    return line


def details(record: Recorded, lang: str = "vi", names: Mapping[str, str] | None = None,
            words: Words | None = None) -> list[tuple[str, str]]:
    """The whole event as (field, value) lines: every payload field, ids as names, marks in words."""
    names = names or {}
    p = record.payload
    lines = [(t("field.type", lang), describe(record, lang, names, words))]
    for key, value in p.items():
        if key == "conference":
            key, value = "title", value.get("conference", {}).get("title", "") if isinstance(value, dict) else value
        if key in _ID_FIELDS:
            text = _named(value, names)
        elif key == "step":
            text = t(f"step.{value}", lang)
        elif key == "marks" and record.type in _ENTRIES:
            text = words(value, p.get("invalid_reason")) if words is not None else str(value)
        elif key == "invalid_reason":
            text = reason_text(value, lang) if value else ""
        elif isinstance(value, bool):
            text = t("field.yes" if value else "field.no", lang)
        elif isinstance(value, (list, tuple)):
            text = ", ".join(map(str, value))
        elif isinstance(value, dict):
            text = "; ".join(f"{_named(k, names)}: {v}" for k, v in value.items())
        else:
            text = str(value)
        label = t(f"field.{key}", lang) if f"field.{key}" in CATALOGUE else key
        lines.append((label, text or t("field.none", lang)))
    lines += [(t("field.actor", lang), actor_text(record.actor, names, lang)), (t("field.at", lang), record.at),
              (t("field.hash", lang), record.hash)]
    return lines


def narrate(records: Iterable[Recorded], lang: str = "vi", words: Words | None = None) -> Iterator[tuple[Recorded, str, str]]:
    """(record, who, what) for every event, with names from the log's own first event (and marks in ``words``)."""
    names: dict[str, str] = {}
    for record in records:
        if record.type == "session_created" and not names:
            names = names_of(record)
        yield record, actor_text(record.actor, names, lang), describe(record, lang, names, words)
