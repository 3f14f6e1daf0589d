"""One readable line per event, for the replay timeline and ``replay --format text``."""

from __future__ import annotations

from session.events import Recorded
from session.i18n import t


def describe(record: Recorded, lang: str = "vi") -> str:
    """What ``record`` did, in one line."""
    p, actor = record.payload, record.actor
    who = actor.get("station") or actor.get("name") or actor.get("role", "")
    params = {k: (", ".join(v) if isinstance(v, list) else v) for k, v in p.items() if k != "conference"}
    if record.type == "step_entered":
        params["label"] = t(f"step.{p['step']}", lang)
    if record.type in ("ballot_recorded", "ballot_corrected"):
        params["content"] = p.get("marks") or t("event.whole_invalid", lang, reason=p.get("invalid_reason"))
        params["batch"] = p.get("batch") or "-"
    if record.type == "session_created":
        params["title"] = p["conference"].get("conference", {}).get("title", "")
    text = t(f"event.{record.type}", lang, **params)
    return f"[{who}] {text}" if who and who != "system" else text
