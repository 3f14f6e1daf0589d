"""One readable line per event, for the replay timeline and ``replay --format text``.

Ids are shown with the names the conference file gives them ("Nguyễn Văn A (v01)"),
so an auditor reads the session without a lookup table at hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from session.events import Recorded
from session.i18n import t
from session.rules import REASON_KEYS, InvalidReason

_ID_FIELDS = ("voters", "members", "head", "voter", "member", "confirmed_by", "persons")
"""Payload fields that hold voter or person ids."""


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


def describe(record: Recorded, lang: str = "vi", names: Mapping[str, str] | None = None) -> str:
    """What ``record`` did, in one line; ``names`` turns ids into names."""
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
    try:
        return t(f"event.{record.type}", lang, **params)
    except (KeyError, IndexError, ValueError):
        # An unknown type or a payload missing a field (an edited log) still gets a line.
        return f"{record.type} {params}"


def narrate(records: Iterable[Recorded], lang: str = "vi") -> Iterator[tuple[Recorded, str, str]]:
    """(record, who, what) for every event, with names from the log's own first event."""
    names: dict[str, str] = {}
    for record in records:
        if record.type == "session_created" and not names:
            names = names_of(record)
        yield record, actor_text(record.actor, names, lang), describe(record, lang, names)
