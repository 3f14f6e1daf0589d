"""Times, dates and numbers as a Vietnamese reader writes them, in the session's one time zone.

Vietnamese text uses the decimal comma and day/month/year ("53,19%", "13/12/2023");
the results JSON keeps "53.19" and ISO dates. Every screen and document takes its
times through ``local_time`` so the screen and the paper never disagree by hours.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"
"""Vietnam's time (UTC+7, no daylight saving)."""
_FIXED = {DEFAULT_TIMEZONE: timezone(timedelta(hours=7), "ICT"), "UTC": UTC}
"""Zones known without a tz database, for a machine that has none."""


@cache
def zone(name: str) -> tzinfo:
    """The time zone ``name`` (a machine without tzdata still knows Vietnam's and UTC)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name in _FIXED:
            return _FIXED[name]
        raise


def check_timezone(name: str) -> bool:
    """Whether ``name`` is a time zone this machine knows."""
    try:
        zone(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def local_time(iso: str, name: str = DEFAULT_TIMEZONE) -> datetime | None:
    """An event's ISO time in the session's zone (None for an empty or unreadable time)."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone(name))


def clock_text(iso: str, name: str = DEFAULT_TIMEZONE, *, seconds: bool = False) -> str:
    """``HH:MM`` (or ``HH:MM:SS``) of an event's time in the session's zone ('' if none)."""
    moment = local_time(iso, name)
    if moment is None:
        return ""
    return f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"


def zone_of_log(first_payload: dict) -> str:
    """The time zone a log's ``session_created`` payload names (the default for older logs)."""
    head = first_payload.get("conference", {}).get("conference", {}) if isinstance(first_payload, dict) else {}
    zone_name = head.get("timezone") if isinstance(head, dict) else None
    return zone_name if isinstance(zone_name, str) and check_timezone(zone_name) else DEFAULT_TIMEZONE


def date_text(day: date, lang: str = "vi") -> str:
    """A date as its reader writes it: ``13/12/2023`` in Vietnamese, ``13 Dec 2023`` in English."""
    return f"{day:%d/%m/%Y}" if lang == "vi" else f"{day.day} {day:%b %Y}"


def iso_date_text(iso: str, lang: str = "vi") -> str:
    """``date_text`` of an ISO date string (the string itself if it is not one)."""
    try:
        return date_text(date.fromisoformat(iso), lang)
    except (TypeError, ValueError):
        return iso


def decimal_text(number: str, lang: str = "vi") -> str:
    """A decimal string of the results JSON ("53.19") as text: "53,19" in Vietnamese."""
    return number.replace(".", ",") if lang == "vi" else number


def percent_label(number: str, lang: str = "vi") -> str:
    """A percentage for text: "53,19%" in Vietnamese, "53.19%" in English."""
    return decimal_text(number, lang) + "%"
