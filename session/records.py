"""The records printed beside the minutes, as pure data: the entry log, the attendance list, the sealing and
hand-over record and, for a People's Council (NQ96, NQ85), the draft resolution confirming the results.

Each is built from the log's records and the state they fold into, already in the document's language; the PDF
writer (storage/paper/records.py) and ``records_text`` lay them out and compute nothing. The entry log replays
the records in order: the log is the honest source of who entered what, where and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from session import records_text  # noqa: F401  (registers the records' strings)
from session.agenda import STEPS
from session.errors import StepRefused
from session.events import Recorded
from session.i18n import t
from session.local import clock_text, decimal_text, local_time
from session.minutes import dated_line
from session.narrative import names_of, reason_text
from session.results import results
from session.state import SessionState

ENTRIES_FROM, ATTENDANCE_FROM, RESOLUTION_FROM = "counting", "issuing", "announcing"
"""The first step at which each record has something to say (the entry log grows as the count goes on)."""
RESOLUTION_PACKS = ("NQ96", "NQ85")
"""The packs of a People's Council, which confirms the results by a resolution."""
WORDS_UP_TO = 6
"""Ballots of at most this many persons are spelled out in level words; longer ones as the boxes' marks."""
GROUP = 10
"""Marks per group when a ballot is written as its boxes."""


@dataclass(frozen=True)
class Head:
    """What the official head and the footer band of every record carry."""

    lang: str
    session_id: str
    kind: str
    """The pack's kind (party | state): the Party line or the national motto."""
    superior: str
    body: str
    dated: str
    """Place–date line."""
    title: str
    """Conference title."""
    rules_code: str
    rehearsal: bool


@dataclass(frozen=True)
class EntryLine:
    """One thing done to one ballot's entry, in the order the log recorded it."""

    ballot: str
    """``B01/3``: batch and position."""
    what: str
    """Entered, a blind entry, both entries agreed, the head's resolution, a correction."""
    content: str
    """What the entry says: level words per person, or the boxes' marks, or the whole-ballot reason."""
    by: str
    """Station and member by name, or the head who confirmed."""
    at: str
    """Time, HH:MM:SS in the session's zone."""
    note: str = ""
    """A correction's reason; a mismatch's two entries."""


@dataclass(frozen=True)
class EntryLog:
    head: Head
    mode: str
    """Sentence naming the entry mode."""
    legend: str
    """What each mark means ('' when every ballot is in words)."""
    lines: tuple[EntryLine, ...]
    summary: str
    """Entered, corrected, awaiting, mismatched so far."""


@dataclass(frozen=True)
class Attendee:
    name: str
    posts: str
    status: str
    """Present, late (with the time), absent."""
    note: str = ""
    """E.g. present but holding no ballot when issuing ended."""


@dataclass(frozen=True)
class Attendance:
    head: Head
    summary: str
    """Convened, present (of them late), absent."""
    groups: tuple[tuple[str, tuple[Attendee, ...]], ...]
    """(heading, attendees): present on time, late arrivals, absent; empty groups left out."""


@dataclass(frozen=True)
class Sealing:
    head: Head
    sealed: tuple[tuple[str, int], ...]
    """Ballots returned, valid, invalid (and spoiled, if any)."""
    forms: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    """Per ballot form (a session of several forms): its title and the same figures."""
    team: tuple[tuple[str, str], ...]
    """(role, name) of the counting team, head first: who sealed."""
    receiver: str
    when: str
    """Sentence saying when the ballots were sealed and handed over."""


@dataclass(frozen=True)
class ResolutionLine:
    name: str
    position: str
    cells: tuple[str, ...]
    """Count (percentage) per level."""
    band: str


@dataclass(frozen=True)
class Resolution:
    head: Head
    bases: tuple[str, ...]
    """The "Căn cứ …" lines."""
    article: str
    """Điều 1's sentence before the table."""
    columns: tuple[str, ...]
    lines: tuple[ResolutionLine, ...]
    closing: tuple[str, ...]
    """The remaining articles."""


def _head(s: SessionState, lang: str) -> Head:
    conf = s.conference
    return Head(lang, s.session_id, s.pack.kind, conf.superior, conf.body, dated_line(s, lang), conf.title,
                s.pack.code, conf.rehearsal)


def _from(s: SessionState, first: str, key: str, action: str) -> None:
    if STEPS.index(s.step) < STEPS.index(first):
        raise StepRefused(key, step=s.step, action=action)


def entries_ready(s: SessionState) -> None:
    """Refuse the entry log before the count begins."""
    _from(s, ENTRIES_FROM, "rec.entries_early", "print entries")


def attendance_ready(s: SessionState) -> None:
    """Refuse the attendance list before ballots are issued."""
    _from(s, ATTENDANCE_FROM, "rec.attendance_early", "print attendance")


def sealing_ready(s: SessionState) -> None:
    """Refuse the sealing record until the ballots are sealed."""
    if s.sealed_to is None:
        raise StepRefused("rec.sealing_early", step=s.step, action="print sealing")


def resolution_ready(s: SessionState) -> None:
    """Refuse the draft resolution outside a People's Council, and before the announcement."""
    if s.pack.code not in RESOLUTION_PACKS:
        raise StepRefused("rec.resolution_pack", step=s.step, action="print resolution", code=s.pack.code,
                          packs=", ".join(RESOLUTION_PACKS))
    if s.announced_at is None:
        raise StepRefused("rec.resolution_early", step=s.step, action="print resolution")


READY = {"entries": entries_ready, "attendance": attendance_ready, "sealing": sealing_ready,
         "resolution": resolution_ready}
"""Record → the refusal before its step (checked before each record is built)."""


# --- the entry log ----------------------------------------------------------------------------------------------

def mark_word(s: SessionState, mark: str, lang: str) -> str:
    """What one box mark means: the level's label, or no box, several boxes, the name struck out."""
    levels = s.pack.levels
    if mark.isdigit() and 1 <= int(mark) <= len(levels):
        level = levels[int(mark) - 1]
        return level.vi if lang == "vi" else level.en
    return t({"0": "rec.mark_blank", "x": "rec.mark_several", "-": "rec.mark_struck"}.get(mark, "rec.mark_unknown"),
             lang, mark=mark)


def _content(s: SessionState, marks: str | None, reason: str | None, lang: str) -> str:
    if marks is None:
        return t("event.whole_invalid", lang, reason=reason_text(reason, lang))
    persons = s.ballot_persons
    if len(marks) <= WORDS_UP_TO and len(marks) == len(persons):
        return "; ".join(f"{p.name}: {mark_word(s, m, lang)}" for p, m in zip(persons, marks))
    groups = (f"{i + 1}–{min(i + GROUP, len(marks))}: {marks[i:i + GROUP]}" for i in range(0, len(marks), GROUP))
    return "; ".join(groups)


marks_in_words = _content
"""What one ballot says, in the pack's level words per person (the replay's narrative and detail pane)."""


def _legend(s: SessionState, lang: str) -> str:
    marks = [str(i) for i in range(1, len(s.pack.levels) + 1)] + ["0", "x", "-"]
    return t("rec.legend", lang, marks="; ".join(f"{m} = {mark_word(s, m, lang)}" for m in marks))


def entry_log(s: SessionState, records: Sequence[Recorded], lang: str = "vi") -> EntryLog:
    """Every entry, blind entry, agreement, resolution and correction, replayed from the log in order."""
    names = names_of(records[0]) if records else {}
    zone = s.conference.timezone

    def who(record: Recorded, member: str = "") -> str:
        actor = record.actor
        person = names.get(member or actor.get("name", ""), member or actor.get("name", ""))
        station = actor.get("station", "")
        if station:
            return t("rec.at_station", lang, station=station, name=person) if person else station
        return t(f"actor.{actor.get('role', 'chair')}", lang) + (f" · {person}" if person else "")

    lines: list[EntryLine] = []
    previous: Recorded | None = None
    for record in records:
        p = record.payload
        if record.type in ("ballot_recorded", "ballot_corrected", "entry_submitted", "mismatch_resolved"):
            ballot = f"{p.get('batch') or '-'}/{p.get('position', '?')}"
            content = _content(s, p.get("marks"), p.get("invalid_reason"), lang)
            at = clock_text(record.at, zone, seconds=True)
            same = previous is not None and previous.payload.get("batch") == p.get("batch") and \
                previous.payload.get("position") == p.get("position")
            if record.type == "entry_submitted":
                lines.append(EntryLine(ballot, t("rec.blind", lang, station=p.get("station", "")), content,
                                       who(record, p.get("member", "")), at))
            elif record.type == "mismatch_resolved":
                head = names.get(p.get("confirmed_by", ""), p.get("confirmed_by", ""))
                lines.append(EntryLine(ballot, t("rec.resolved", lang), content, t("rec.head", lang, name=head), at,
                                       t("rec.mismatch", lang)))
            elif record.type == "ballot_corrected":
                head = names.get(p.get("confirmed_by", ""), p.get("confirmed_by", ""))
                lines.append(EntryLine(ballot, t("rec.corrected", lang), content, t("rec.head", lang, name=head), at,
                                       t("rec.because", lang, reason=p.get("because", ""))))
            elif same and previous.type == "entry_submitted":  # the second blind entry matched the first
                lines.append(EntryLine(ballot, t("rec.agreed", lang), content, who(record), at))
            elif not (same and previous.type == "mismatch_resolved"):  # a resolution's count is its own line
                lines.append(EntryLine(ballot, t("rec.entered", lang), content, who(record), at))
        previous = record
    awaiting = sum(1 for by in s.pending.values() if len(by) == 1)
    mismatched = sum(1 for by in s.pending.values() if len(by) == 2)
    summary = t("rec.entries_summary", lang, entered=s.entered, corrected=s.corrections, awaiting=awaiting,
                mismatched=mismatched)
    mode = t("rec.mode", lang, mode=t("entry_mode.double" if s.double_entry else "entry_mode.single", lang))
    wide = len(s.ballot_persons) > WORDS_UP_TO
    return EntryLog(_head(s, lang), mode, _legend(s, lang) if wide else "", tuple(lines), summary)


# --- attendance -------------------------------------------------------------------------------------------------

def attendance(s: SessionState, records: Sequence[Recorded], lang: str = "vi") -> Attendance:
    """Those present on time, late arrivals with the time they came, the absent; each with their posts."""
    zone = s.conference.timezone
    came: dict[str, str] = {}
    for record in records:
        if record.type == "voters_late":
            for voter in record.payload.get("voters", ()):
                came.setdefault(voter, clock_text(record.at, zone))
    on_time, late, absent = [], [], []
    for voter in s.conference.voters:
        note = t("rec.unserved", lang) if voter.id in s.unserved else ""
        posts = ", ".join(voter.posts)
        if voter.id not in s.present:
            absent.append(Attendee(voter.name, posts, t("rec.absent", lang)))
        elif voter.id in s.late:
            late.append(Attendee(voter.name, posts, t("rec.late_at", lang, hm=came.get(voter.id, "")), note))
        else:
            on_time.append(Attendee(voter.name, posts, t("rec.present", lang), note))
    groups = tuple((t(key, lang, n=len(people)), tuple(people))
                   for key, people in (("rec.group_present", on_time), ("rec.group_late", late),
                                       ("rec.group_absent", absent)) if people)
    summary = t("rec.attendance_summary", lang, convened=s.convened, present=len(s.present), late=len(late),
                absent=len(absent))
    return Attendance(_head(s, lang), summary, groups)


# --- sealing ----------------------------------------------------------------------------------------------------

def _figures(data: dict, lang: str) -> tuple[tuple[str, int], ...]:
    figures = [(t(f"rec.sealed_{key}", lang), int(data.get(key, 0))) for key in ("returned", "valid", "invalid")]
    if data.get("spoiled"):
        figures.append((t("rec.sealed_spoiled", lang), int(data["spoiled"])))
    return tuple(figures)


def sealing(s: SessionState, records: Sequence[Recorded], lang: str = "vi") -> Sealing:
    """What was sealed, by the counting team, handed to whom and when (once sealed: ``sealing_ready``)."""
    data = results(s)
    data.setdefault("spoiled", s.spoiled)
    forms = tuple((str(form.get("title") or form.get("id")), _figures(form, lang)) for form in data.get("forms", ()))
    team = []
    for vid in sorted(s.team, key=lambda v: v != s.team_head):
        voter = s.conference.voter(vid)
        team.append((t("doc.m_head" if vid == s.team_head else "doc.m_member", lang), voter.name if voter else vid))
    at = next((r.at for r in reversed(records) if r.type == "ballots_sealed"), "")
    moment = local_time(at, s.conference.timezone)
    when = t("rec.sealed_when", lang, hm=f"{moment:%H:%M}", date=f"{moment:%d/%m/%Y}") if moment else ""
    return Sealing(_head(s, lang), _figures(data, lang), forms, tuple(team), s.sealed_to or "", when)


# --- the draft resolution ---------------------------------------------------------------------------------------

def resolution(s: SessionState, lang: str = "vi") -> Resolution:
    """The draft resolution of a People's Council confirming the results, person by person (``resolution_ready``)."""
    data = results(s)
    labels = tuple(lv.vi if lang == "vi" else lv.en for lv in s.pack.levels)
    keys = [lv.key for lv in s.pack.levels]
    lines = tuple(ResolutionLine(p["name"], p["position"],
                                 tuple(f"{p['counts'][k]} ({decimal_text(p['percent'][k], lang)}%)" for k in keys),
                                 t(f"band.{p['band']}", lang)) for p in data["persons"])
    bases = (t("rec.res_basis_law", lang, citation=s.pack.citation),
             t("rec.res_basis_minutes", lang, title=s.conference.title))
    article = t("rec.res_article1", lang, title=s.conference.title, convened=data["convened"],
                returned=data["returned"], valid=data["valid"])
    return Resolution(_head(s, lang), bases, article, labels + (t("rec.res_band", lang),), lines,
                      (t("rec.res_article2", lang), t("rec.res_article3", lang)))
