"""The conference definition: persons, voters and settings, with the eligibility rules.

``parse_conference`` takes the TOML text; ``conference_from_data`` takes the same
data as plain JSON (how the log's first event carries it), so a replay rebuilds the
exact same conference, warnings included.
"""

from __future__ import annotations

import calendar
import tomllib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from session.errors import BadInput
from session.i18n import t
from session.rules import RulePack, pack_with_overrides


@dataclass(frozen=True)
class Notice:
    """A warning shown to the chair, e.g. a person left off by the 9-month rule."""

    key: str
    """Message key in the i18n catalogue."""
    params: dict[str, Any] = field(default_factory=dict)
    """Values the message names."""

    def message(self, lang: str = "vi") -> str:
        """The warning in ``lang``."""
        return t(self.key, lang, **self.params)


@dataclass(frozen=True)
class Person:
    """A person evaluated (người được lấy phiếu tín nhiệm), in ballot order."""

    id: str
    """Id from the conference file."""
    name: str
    """Full name as printed."""
    position: str
    """Post (chức vụ) as printed."""
    in_post_since: date
    """Date the person took the post."""
    voter: str | None = None
    """Their own id among the voters, if they vote."""


@dataclass(frozen=True)
class Voter:
    """One convened voter; duplicates in the file are merged into one."""

    id: str
    """Id from the conference file."""
    name: str
    """Full name."""
    posts: tuple[str, ...]
    """Every post the voter holds (joined when merged)."""


@dataclass(frozen=True)
class Conference:
    """Everything the conference file says, after the eligibility rules."""

    title: str
    """Title of the conference."""
    body: str
    """The body holding it."""
    place: str
    """Where it is held."""
    date: date
    """The meeting date (the 9-month rule counts to it)."""
    pack: RulePack
    """The rule pack with any overrides applied."""
    persons: tuple[Person, ...]
    """Persons on the ballot, in ballot order (eligible only)."""
    excluded: tuple[Person, ...]
    """Persons left off the ballot by an eligibility rule."""
    voters: tuple[Voter, ...]
    """The convened voters, merged."""
    notices: tuple[Notice, ...]
    """Warnings to show: merged voters, persons left off."""
    total_members: int
    """Total members of the body (the NQ96/NQ85/BINARY denominator)."""
    rehearsal: bool = False
    """A rehearsal session: every document says so."""
    double_entry: bool = False
    """Blind double entry of each batch by two stations."""
    posts: int = 1
    """APPOINT: number of posts to fill."""

    @property
    def convened(self) -> int:
        """Number of voters convened (số người được triệu tập)."""
        return len(self.voters)

    def voter(self, voter_id: str) -> Voter | None:
        """The voter with ``voter_id``, or None."""
        return self._voters_by_id.get(voter_id)

    @property
    def _voters_by_id(self) -> dict[str, Voter]:
        cache = self.__dict__.get("_voter_index")
        if cache is None:
            cache = {v.id: v for v in self.voters}
            object.__setattr__(self, "_voter_index", cache)
        return cache

    def evaluated_voter_ids(self) -> frozenset[str]:
        """Voter ids of persons being evaluated (they may not sit on the team)."""
        return frozenset(p.voter for p in self.persons + self.excluded if p.voter)


def add_months(day: date, months: int) -> date:
    """``day`` plus calendar months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_conference(text: str) -> Conference:
    """Parse conference TOML; a malformed file raises BadInput naming the key or line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BadInput("file.toml", detail=str(exc)) from None
    return conference_from_data(to_plain(data))


def to_plain(value: Any) -> Any:
    """TOML data as JSON-ready data: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def conference_from_data(data: dict[str, Any]) -> Conference:
    """Build the conference from plain data (as stored in the log)."""
    head = _table(data, "conference")
    meeting = _date(head, "date", "conference.date")
    pack = pack_with_overrides(_text(head, "rules", "conference.rules", default="QD96"), _table(head, "overrides", "conference.overrides", optional=True))
    voters, notices = _voters(data)
    persons = _persons(data, {v.id for v in voters})
    eligible, excluded = [], []
    for person in persons:
        until = add_months(person.in_post_since, pack.min_months_in_post)
        if meeting >= until:
            eligible.append(person)
        else:
            excluded.append(person)
            notices.append(Notice("warn.months", {"name": person.name, "id": person.id, "since": person.in_post_since.isoformat(), "months": pack.min_months_in_post, "date": meeting.isoformat(), "until": until.isoformat()}))
    if not eligible:
        raise BadInput("file.no_eligible", where="persons")
    total = head.get("total_members", len(voters))
    posts = head.get("posts", 1)
    for key, value in (("total_members", total), ("posts", posts)):
        if type(value) is not int or value < 1:
            raise BadInput("file.not_positive", where=f"conference.{key}")
    if pack.nominee_step and len(eligible) <= posts:
        # The nominee step can only drop names, so such a session could never leave it.
        raise BadInput("file.too_few_nominees", where="persons", got=len(eligible), posts=posts)
    return Conference(
        title=_text(head, "title", "conference.title"),
        body=_text(head, "body", "conference.body", default=""),
        place=_text(head, "place", "conference.place", default=""),
        date=meeting,
        pack=pack,
        persons=tuple(eligible),
        excluded=tuple(excluded),
        voters=tuple(voters),
        notices=tuple(notices),
        total_members=total,
        rehearsal=_flag(head, "rehearsal"),
        double_entry=_flag(head, "double_entry"),
        posts=posts,
    )


def _voters(data: dict[str, Any]) -> tuple[list[Voter], list[Notice]]:
    rows = _rows(data, "voters")
    if not rows:
        raise BadInput("file.no_voters", where="voters")
    merged: dict[str, Voter] = {}
    notices: list[Notice] = []
    for i, row in enumerate(rows, 1):
        where = f"voters[{i}]"
        vid = _text(row, "id", f"{where}.id")
        name = _text(row, "name", f"{where}.name")
        posts = row.get("posts", [])
        if not isinstance(posts, list) or not all(isinstance(p, str) for p in posts):
            raise BadInput("file.wrong_type", where=f"{where}.posts", expected="list of text", value=repr(posts))
        if vid in merged:
            first = merged[vid]
            if first.name != name:
                raise BadInput("file.voter_clash", where=f"{where}.name", id=vid, first=first.name, second=name)
            joined = first.posts + tuple(p for p in posts if p not in first.posts)
            merged[vid] = Voter(vid, name, joined)
            notices.append(Notice("warn.merged", {"name": name, "id": vid, "posts": ", ".join(joined)}))
        else:
            merged[vid] = Voter(vid, name, tuple(posts))
    return list(merged.values()), notices


def _persons(data: dict[str, Any], voter_ids: set[str]) -> list[Person]:
    persons: list[Person] = []
    seen: set[str] = set()
    for i, row in enumerate(_rows(data, "persons"), 1):
        where = f"persons[{i}]"
        pid = _text(row, "id", f"{where}.id")
        if pid in seen:
            raise BadInput("file.duplicate_id", where=f"{where}.id", id=pid)
        seen.add(pid)
        voter = row.get("voter")
        if voter is not None and voter not in voter_ids:
            raise BadInput("file.unknown_voter", where=f"{where}.voter", id=voter)
        persons.append(Person(pid, _text(row, "name", f"{where}.name"), _text(row, "position", f"{where}.position", default=""), _date(row, "in_post_since", f"{where}.in_post_since"), voter))
    if not persons:
        raise BadInput("file.no_persons", where="persons")
    return persons


def _table(data: dict[str, Any], key: str, where: str | None = None, *, optional: bool = False) -> dict[str, Any]:
    value = data.get(key)
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        raise BadInput("file.missing_table", where=where or key)
    return value


def _rows(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    rows = data.get(key, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise BadInput("file.wrong_type", where=key, expected=f"[[{key}]]", value=type(rows).__name__)
    return rows


def _text(row: dict[str, Any], key: str, where: str, *, default: str | None = None) -> str:
    value = row.get(key, default)
    if value is None:
        raise BadInput("file.missing", where=where)
    if not isinstance(value, str):
        raise BadInput("file.wrong_type", where=where, expected="text", value=repr(value))
    if not value.strip() and default is None:
        raise BadInput("file.missing", where=where)
    return value.strip()


def _date(row: dict[str, Any], key: str, where: str) -> date:
    value = row.get(key)
    if value is None:
        raise BadInput("file.missing", where=where)
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else _bad_date(where, value)
    except ValueError:
        return _bad_date(where, value)


def _bad_date(where: str, value: Any) -> date:
    raise BadInput("file.bad_date", where=where, value=repr(value))


def _flag(row: dict[str, Any], key: str) -> bool:
    value = row.get(key, False)
    if not isinstance(value, bool):
        raise BadInput("file.wrong_type", where=f"conference.{key}", expected="true/false", value=repr(value))
    return value
