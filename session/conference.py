"""The conference definition: persons, voters and settings, with the eligibility rules.

``parse_conference`` takes the TOML text; ``conference_from_data`` takes the same
data as plain JSON (how the log's first event carries it), so a replay rebuilds the
exact same conference, warnings included.
"""

from __future__ import annotations

import calendar
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from session import conference_text as ct
from session.conference_forms import Form, read_forms
from session.errors import BadInput
from session.frozen import quick_init
from session.i18n import t
from session.local import DEFAULT_TIMEZONE, check_timezone, iso_date_text
from session.rules import RulePack, pack_with_overrides

TOP_KEYS = ("conference", "persons", "voters", "forms")
CONFERENCE_KEYS = ("title", "body", "place", "date", "rules", "total_members", "posts", "rehearsal", "double_entry",
                   "timezone", "overrides", "superior", "locality", "witnesses")
PERSON_KEYS = ("id", "name", "position", "in_post_since", "voter", "retirement_notice", "key")
VOTER_KEYS = ("id", "name", "posts")
DATE_PARAMS = frozenset({"since", "date", "until"})
"""Notice parameters that hold an ISO date."""
LEGACY_ELIGIBILITY = "months_in_post"
"""How the first release chose the ballot: the 9-month rule under every pack (logs of that release replay so)."""


@dataclass(frozen=True)
class Notice:
    """A warning shown to the chair, e.g. a person left off by the 9-month rule."""

    key: str
    """Message key in the i18n catalogue."""
    params: dict[str, Any] = field(default_factory=dict)
    """Values the message names."""

    def message(self, lang: str = "vi") -> str:
        """The warning in ``lang``, its dates written as the reader writes them."""
        params = {k: iso_date_text(v, lang) if k in DATE_PARAMS else v for k, v in self.params.items()}
        return t(self.key, lang, **params)


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
    """Date the person was elected or appointed to the post."""
    voter: str | None = None
    """Their own id among the voters, if they vote."""
    retirement_notice: bool = False
    """They have a notice or decision of retirement (left off under QD96 and NQ96)."""
    key: str | None = None
    """A key that stays with the person across conferences (a personnel number): the higher level's report matches by it."""


@dataclass(frozen=True)
class Exclusion:
    """A person left off the ballot, the rule that did it and where the rule is written."""

    person: Person
    """Who."""
    rule: str
    """The exclusion rule (``session.rules.EXCLUSIONS``)."""
    article: str
    """Article and regulation that state the rule (``Điều 2 khoản 2, Quy định 96-QĐ/TW …``)."""
    notice: Notice
    """The warning shown at ``new``, on the chair console and in the minutes."""


@quick_init  # every load builds one per voter
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
    timezone: str = DEFAULT_TIMEZONE
    """The session's one time zone: every screen, the minutes and the narrative show times in it."""
    exclusions: tuple[Exclusion, ...] = ()
    """Why each person in ``excluded`` is left off, with the rule's article."""
    forms: tuple[Form, ...] = ()
    """The ballot forms in order; one holding every person when the file has no ``[[forms]]``."""

    def __post_init__(self) -> None:
        if not self.forms:
            object.__setattr__(self, "forms", (Form(self.pack.code, "", "", self.persons),))

    def form(self, form_id: str) -> Form | None:
        """The form with ``form_id``, or None."""
        return next((f for f in self.forms if f.id == form_id), None)

    def form_of(self, person_id: str) -> Form | None:
        """The form ``person_id`` is on, or None (left off by eligibility)."""
        return next((f for f in self.forms if any(p.id == person_id for p in f.persons)), None)
    superior: str = ""
    """The body above the holding body, printed over it in the documents' header ('' for none)."""
    locality: str = ""
    """The locality of the place–date line ("Quảng Ngãi, ngày …"); '' falls back to ``place``."""
    witnesses: tuple[str, ...] = ()
    """Witnesses of the count (an observer of the higher level, …) who sign the minutes beside the team."""

    @property
    def excluded(self) -> tuple[Person, ...]:
        """Persons left off the ballot by an eligibility rule."""
        return tuple(x.person for x in self.exclusions)

    @property
    def convened(self) -> int:
        """Number of voters convened (số người được triệu tập)."""
        return len(self.voters)

    def voter(self, voter_id: str) -> Voter | None:
        """The voter with ``voter_id``, or None."""
        return self._voters_by_id.get(voter_id)

    def unknown(self, voter_ids: Iterable[str]) -> str | None:
        """The first of ``voter_ids`` that names no voter, or None (one set lookup each: a roll call names hundreds)."""
        index = self._voters_by_id
        return next((v for v in voter_ids if v not in index), None)

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


def read_conference(text: str) -> tuple[Conference, dict[str, Any]]:
    """Parse conference TOML: the conference and the plain, NFC data a session records; BadInput names the key or line."""
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise BadInput("file.toml", detail=str(exc)) from None
    plain = ct.nfc(to_plain(data))
    return conference_from_data(plain), plain


def parse_conference(text: str) -> Conference:
    """Parse conference TOML; a malformed file raises BadInput naming the key or line."""
    return read_conference(text)[0]


def to_plain(value: Any) -> Any:
    """TOML data as JSON-ready data: dates become ISO strings."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def conference_from_data(data: dict[str, Any], eligibility: str = "pack") -> Conference:
    """Build the conference from plain data (as stored in the log); ``eligibility`` names the legacy rule of old logs."""
    ct.only_known(data, TOP_KEYS, "(tệp / file)")
    head = ct.table(data, "conference")
    ct.only_known(head, CONFERENCE_KEYS, "[conference]")
    meeting = ct.day(head, "date", "conference.date")
    overrides = ct.table(head, "overrides", optional=True)
    pack = pack_with_overrides(ct.text(head, "rules", "conference.rules", default="QD96"), overrides)
    zone = ct.text(head, "timezone", "conference.timezone", default=DEFAULT_TIMEZONE)
    if not check_timezone(zone):
        raise BadInput("file.bad_timezone", value=zone)
    voters, notices = _voters(data)
    persons = _persons(data, {v.id for v in voters})
    eligible, exclusions = [], []
    for person in persons:
        exclusion = _exclusion(person, meeting, pack, overrides if eligibility == LEGACY_ELIGIBILITY else None)
        if exclusion is None:
            eligible.append(person)
        else:
            exclusions.append(exclusion)
            notices.append(exclusion.notice)
    if not eligible:
        raise BadInput("file.no_eligible", where="persons")
    forms = read_forms(data, persons, eligible, pack)
    total = ct.whole(head, "total_members", "conference.total_members", len(voters))
    posts = ct.whole(head, "posts", "conference.posts", 1)
    if total < len(voters):
        raise BadInput("file.total_below_convened", total=total, convened=len(voters))
    if pack.nominee_step and len(eligible) <= posts:
        # The nominee step can only drop names, so such a session could never leave it.
        raise BadInput("file.too_few_nominees", where="persons", got=len(eligible), posts=posts)
    evaluated = {p.voter for p in persons if p.voter} if pack.team_excludes_evaluated else set()
    if pack.team_min_size > len(voters) - len(evaluated):
        raise BadInput("file.team_too_big", need=pack.team_min_size, can=len(voters) - len(evaluated))
    return Conference(
        title=ct.text(head, "title", "conference.title"),
        body=ct.text(head, "body", "conference.body", default=""),
        place=ct.text(head, "place", "conference.place", default=""),
        date=meeting,
        pack=pack,
        persons=tuple(eligible),
        voters=tuple(voters),
        notices=tuple(notices),
        total_members=total,
        rehearsal=ct.flag(head, "rehearsal", "conference.rehearsal"),
        double_entry=ct.flag(head, "double_entry", "conference.double_entry"),
        posts=posts,
        timezone=zone,
        exclusions=tuple(exclusions),
        superior=ct.text(head, "superior", "conference.superior", default=""),
        locality=ct.text(head, "locality", "conference.locality", default=""),
        witnesses=_witnesses(head),
        forms=forms,
    )


def _witnesses(head: dict[str, Any]) -> tuple[str, ...]:
    """The names under ``witnesses``: a list of text, each a name as it prints."""
    names = head.get("witnesses", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise BadInput("file.wrong_type", where="conference.witnesses", expected="list of names", value=repr(names))
    return tuple(ct.text({"name": n}, "name", f"conference.witnesses[{i}]") for i, n in enumerate(names, 1))


def _exclusion(person: Person, meeting: date, pack: RulePack, legacy: dict[str, Any] | None) -> Exclusion | None:
    """Why ``person`` is left off under the pack's rules (or the first release's 9-month rule), or None."""
    rules = (LEGACY_ELIGIBILITY,) if legacy is not None else pack.exclusions
    months = legacy.get("min_months_in_post", 9) if legacy is not None else pack.min_months_in_post
    base = {"name": person.name, "id": person.id, "since": person.in_post_since.isoformat(), "date": meeting.isoformat()}
    for rule in rules:
        article = pack.exclusion_article(rule)
        cite = f"{article.ref}, {pack.title_vi}" if article else pack.title_vi
        if rule == "retirement_notice" and person.retirement_notice:
            return Exclusion(person, rule, cite, Notice("warn.retirement_notice", {**base, "rule": cite}))
        if rule == "same_year" and person.in_post_since.year == meeting.year and person.in_post_since <= meeting:
            return Exclusion(person, rule, cite, Notice("warn.same_year", {**base, "year": meeting.year, "rule": cite}))
        if rule == LEGACY_ELIGIBILITY:
            until = add_months(person.in_post_since, months)
            if meeting < until:
                notice = Notice("warn.months", {**base, "months": months, "until": until.isoformat()})
                return Exclusion(person, rule, cite, notice)
    return None


def _voters(data: dict[str, Any]) -> tuple[list[Voter], list[Notice]]:
    rows = ct.rows(data, "voters")
    if not rows:
        raise BadInput("file.no_voters", where="voters")
    merged: dict[str, Voter] = {}
    notices: list[Notice] = []
    by_name: dict[str, Voter] = {}
    for i, row in enumerate(rows, 1):
        where = f"voters[{i}]"
        ct.only_known(row, VOTER_KEYS, where)
        vid = ct.text(row, "id", f"{where}.id")
        name = ct.text(row, "name", f"{where}.name")
        posts = row.get("posts", [])
        if not isinstance(posts, list) or posts and not all(isinstance(p, str) for p in posts):
            raise BadInput("file.wrong_type", where=f"{where}.posts", expected="list of text", value=repr(posts))
        posts = [ct.clean_text(p, f"{where}.posts[{j}]", "posts") for j, p in enumerate(posts, 1)]
        if vid in merged:
            first = merged[vid]
            if first.name != name:
                raise BadInput("file.voter_clash", where=f"{where}.name", id=vid, first=first.name, second=name)
            joined = first.posts + tuple(p for p in posts if p not in first.posts)
            merged[vid] = Voter(vid, name, joined)
            notices.append(Notice("warn.merged", {"name": name, "id": vid, "posts": ", ".join(joined)}))
            continue
        merged[vid] = Voter(vid, name, tuple(posts))
        twin = by_name.setdefault(ct.same_name_key(name), merged[vid])
        if twin.id != vid:
            notices.append(Notice("warn.near_duplicate", {"first": twin.name, "first_id": twin.id, "second": name, "second_id": vid}))
    return list(merged.values()), notices


def _persons(data: dict[str, Any], voter_ids: set[str]) -> list[Person]:
    persons: list[Person] = []
    seen: set[str] = set()
    keys: set[str] = set()
    for i, row in enumerate(ct.rows(data, "persons"), 1):
        where = f"persons[{i}]"
        ct.only_known(row, PERSON_KEYS, where)
        pid = ct.text(row, "id", f"{where}.id")
        if pid in seen:
            raise BadInput("file.duplicate_id", where=f"{where}.id", id=pid)
        seen.add(pid)
        voter = row.get("voter")
        if voter is not None:
            voter = ct.text(row, "voter", f"{where}.voter")
            if voter not in voter_ids:
                raise BadInput("file.unknown_voter", where=f"{where}.voter", id=voter)
        key = None
        if "key" in row:
            key = ct.text(row, "key", f"{where}.key")
            if key in keys:
                raise BadInput("file.duplicate_id", where=f"{where}.key", id=key)
            keys.add(key)
        persons.append(Person(pid, ct.text(row, "name", f"{where}.name"), ct.text(row, "position", f"{where}.position", default=""),
                              ct.day(row, "in_post_since", f"{where}.in_post_since"), voter,
                              ct.flag(row, "retirement_notice", f"{where}.retirement_notice"), key))
    if not persons:
        raise BadInput("file.no_persons", where="persons")
    return persons
