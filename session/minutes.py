"""The counting minutes (biên bản kiểm phiếu) as pure data built from the state, and their plain-text form.

Content per DOMAIN Part B §5.3 plus convened/present, the rule pack and its
citation, the band and its working, the team, and the log's digest. The PDF
writer (storage/paper/minutes.py) lays out the same data; it computes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from session.i18n import t
from session.local import decimal_text, local_time
from session.log import short_code
from session.paper import log_payload, printed_code
from session.results import band_text, results
from session.state import SessionState

COPIES = 3
"""The minutes are made in 03 copies (seed plan 55-KH/BTCTU §IV.2(5))."""


@dataclass(frozen=True)
class Member:
    """One counting-team member as printed in the minutes and signature blocks."""

    name: str
    """Full name."""
    posts: str
    """Posts, joined."""
    role: str
    """"Tổ trưởng" or "Thành viên" in the document's language."""


@dataclass(frozen=True)
class Figure:
    """One line of the books: a label, its number and an optional note."""

    label: str
    """What is counted."""
    value: int
    """The number."""
    note: str = ""
    """E.g. the quorum verdict."""


@dataclass(frozen=True)
class PersonResult:
    """One person's line of the results with its band."""

    name: str
    """Full name."""
    position: str
    """Post."""
    cells: tuple[tuple[int, str], ...]
    """(count, percent text) per level, then the invalid rows."""
    band: str
    """Band label."""
    consequence: str
    """What the rule says follows ('' for none)."""
    working: str
    """The arithmetic that decided the band."""
    form: str = ""
    """The title of the person's ballot form, when the session has several ('' else)."""
    tally: tuple[tuple[str, int], ...] = ()
    """Issued, returned, valid, invalid of the person's form, when the session has several (else the minutes')."""


@dataclass(frozen=True)
class Minutes:
    """Everything the counting minutes say, already in the document's language."""

    lang: str
    """Language of every text field."""
    session_id: str
    """Id of the session."""
    title: str
    """Conference title."""
    body: str
    """The body holding it."""
    dated: str
    """Place and date line."""
    when: str
    """Sentence saying when and where the count took place."""
    rules: str
    """Rule pack line (title and code)."""
    rules_code: str
    """Rule pack code alone (page footers)."""
    citation: str
    """Legal basis line."""
    rehearsal: bool
    """A rehearsal session: every page says so."""
    team: tuple[Member, ...]
    """The counting team, head first."""
    team_vote: str
    """Sentence on the approval vote ('' if none recorded)."""
    books: tuple[Figure, ...]
    """Convened, present, issued, spoiled (if any), returned, valid, invalid."""
    invalid_reasons: tuple[tuple[str, int], ...]
    """Whole invalid ballots by reason."""
    basis: str
    """Sentence naming the denominator and its value."""
    columns: tuple[str, ...]
    """Level labels, then the invalid column."""
    persons: tuple[PersonResult, ...]
    """Results per person, in ballot order."""
    unconfirmed: tuple[str, ...]
    """The pack's settings no source confirms, each with what is assumed («chưa xác nhận»)."""
    excluded: tuple[str, ...]
    """Persons left off the ballot, with the reason."""
    corrections: int
    """Recorded corrections of entered ballots."""
    launch_code: str
    """Code read aloud at the opening."""
    head: str
    """The log's head digest (hex)."""
    events: int
    """Events in the log when the minutes were drawn up."""
    code: str
    """Short code and event count as printed (``1A2B-3C4D/57``)."""
    qr: str
    """Payload of the integrity QR."""
    kind: str = "party"
    """The pack's kind (party | state): which official head the minutes carry."""
    superior: str = ""
    """The body above the holding body ('' for none)."""
    tally: tuple[tuple[str, int], ...] = ()
    """Issued, returned, valid and invalid ballots, short labels, as each person's line repeats them."""
    closed: str = ""
    """Sentence saying when the minutes were closed and in how many copies."""
    witnesses: tuple[str, ...] = ()
    """Witnesses who sign beside the team (from the conference file)."""
    late: tuple[str, ...] = ()
    """Names of those marked present after the roll call, in the order they came."""
    unserved: tuple[str, ...] = ()
    """Names of those present who held no ballot when issuing was left on the chair's word."""

    @property
    def short(self) -> str:
        """The short code alone."""
        return short_code(self.head)


def _when(s: SessionState, lang: str) -> str:
    """When the count began, in the session's time zone (the conference date if the step time is unknown)."""
    day = s.conference.date
    local = local_time(s.step_times.get("counting", ""), s.conference.timezone)
    if local is None:
        moment = t("doc.m_on", lang, date=f"{day:%d/%m/%Y}")
    else:
        moment = t("doc.m_at", lang, hm=f"{local:%H:%M}", date=f"{local:%d/%m/%Y}")
    return t("doc.m_when", lang, when=moment, place=s.conference.place or s.conference.body, title=s.conference.title)


def dated_line(s: SessionState, lang: str) -> str:
    """"Quảng Ngãi, ngày 16 tháng 10 năm 2018" for the head of a document: the locality, else the place."""
    day, conf = s.conference.date, s.conference
    return t("doc.dated", lang, place=conf.locality or conf.place or conf.body, d=day.day, m=day.month, y=day.year)


def _team(s: SessionState, lang: str) -> tuple[Member, ...]:
    order = sorted(s.team, key=lambda v: v != s.team_head)
    members = []
    for vid in order:
        voter = s.conference.voter(vid)
        role = t("doc.m_head" if vid == s.team_head else "doc.m_member", lang)
        members.append(Member(voter.name if voter else vid, ", ".join(voter.posts) if voter else "", role))
    return tuple(members)


def drawn_up_at(s: SessionState) -> tuple[int, str]:
    """(seq, hash) the minutes speak for: the close of the count once it is over, else the head (a preview).

    Nothing the minutes print changes after the count closes, and their signature lines are left blank for
    the pen, so the copy signed and the copy archived after sealing are the same bytes with the same code.
    """
    return s.counted or (s.seq, s.head_hash)


def build(s: SessionState, lang: str = "vi") -> Minutes:
    """The minutes of the session: a function of the log up to the close of the count."""
    data = results(s)
    pack = s.pack
    need = pack.quorum_need(s.convened)
    verdict = t("doc.m_quorum_ok" if data["present"] >= need else "doc.m_quorum_no", lang)
    books = (
        Figure(t("doc.m_convened", lang), data["convened"]),
        Figure(t("doc.m_present", lang), data["present"], t("doc.m_quorum", lang, need=need, verdict=verdict)),
        Figure(t("doc.m_issued", lang), data["issued"]),
        *((Figure(t("doc.m_spoiled", lang), s.spoiled),) if s.spoiled else ()),
        Figure(t("doc.m_returned", lang), data["returned"]),
        Figure(t("doc.m_valid", lang), data["valid"]),
        Figure(t("doc.m_invalid", lang), data["invalid"]),
    )
    labels = {lv.key: (lv.vi if lang == "vi" else lv.en) for lv in pack.levels}
    # Several forms: each has its own books, so its persons carry them, and the books list each form's.
    forms = data.get("forms") or [{**data, "title": "", "id": ""}]
    basis = t(f"basis.{pack.denominator}", lang)
    persons = []
    for f in forms:
        title = (f["title"] or f["id"]) if "forms" in data else ""
        tally = _tally(f, lang) if title else ()
        if title:
            books += tuple(Figure(t("doc.m_form_figure", lang, form=title, label=label), n) for label, n in tally)
        for p in f["persons"]:
            cells = tuple((count, decimal_text(p["percent"][key], lang)) for key, count in p["counts"].items())
            persons.append(PersonResult(p["name"], p["position"], cells, t(f"band.{p['band']}", lang),
                                        band_text(s, p["band"], lang), "; ".join(p["working"]), title, tally))
    if "forms" in data:
        values = "; ".join(f"{f['title'] or f['id']}: {f['denominator']['value']}" for f in forms)
        basis_line = t("doc.m_basis_forms", lang, basis=basis, values=values)
    else:
        basis_line = t("doc.m_basis", lang, basis=basis, value=data["denominator"]["value"])
    vote = ""
    if s.team_vote:
        vote = t("doc.m_team_vote", lang, yes=s.team_vote[0], no=s.team_vote[1], abstain=s.team_vote[2])
    reasons = tuple((_reason(s, key, lang), n) for key, n in sorted(s.tally.reasons.items()) if n)
    seq, head = drawn_up_at(s)
    return Minutes(
        lang=lang,
        session_id=s.session_id,
        title=s.conference.title,
        body=s.conference.body,
        dated=dated_line(s, lang),
        when=_when(s, lang),
        rules=t("doc.m_rules", lang, title=pack.title_vi if lang == "vi" else pack.title_en, code=pack.code),
        rules_code=pack.code,
        citation=t("doc.m_citation", lang, citation=pack.citation),
        rehearsal=s.conference.rehearsal,
        team=_team(s, lang),
        team_vote=vote,
        books=books,
        invalid_reasons=reasons,
        basis=basis_line,
        columns=tuple(labels.values()) + (t("doc.m_invalid_rows", lang),),
        persons=tuple(persons),
        excluded=tuple(x.notice.message(lang) for x in s.conference.exclusions),
        unconfirmed=tuple(u.text(lang) for u in pack.unconfirmed),
        corrections=s.corrections,
        launch_code=s.launch_code,
        head=head,
        events=seq,
        code=printed_code(head, seq),
        qr=log_payload(s.session_id, seq, head),
        witnesses=s.conference.witnesses,
        late=tuple(s.conference.voter(v).name for v in s.late),
        unserved=tuple(s.conference.voter(v).name for v in s.unserved),
        kind=pack.kind,
        superior=s.conference.superior,
        tally=_tally(data, lang),
        closed=_closed(s, lang),
    )


def _tally(books: dict, lang: str) -> tuple[tuple[str, int], ...]:
    """Issued, returned, valid and invalid of the results (or of one form's), with their short labels."""
    return tuple((t(f"doc.m_short_{key}", lang), books[key]) for key in ("issued", "returned", "valid", "invalid"))


def _closed(s: SessionState, lang: str) -> str:
    """When the minutes were drawn up: the close of the count (the step ``minutes`` entered)."""
    local = local_time(s.step_times.get("minutes", ""), s.conference.timezone)
    if local is None:
        return t("doc.m_copies", lang)
    return t("doc.m_closed", lang, hm=f"{local:%H:%M}", date=f"{local:%d/%m/%Y}")


def _reason(s: SessionState, key: str, lang: str) -> str:
    try:
        reason = s.pack.reason(key)
    except KeyError:
        return key
    return reason.vi if lang == "vi" else reason.en


def attendance_notes(m: Minutes) -> tuple[str, ...]:
    """The lines naming late arrivals and those present left without a ballot (none when there were none)."""
    notes = []
    if m.late:
        notes.append(t("doc.m_late", m.lang, n=len(m.late), names=", ".join(m.late)))
    if m.unserved:
        notes.append(t("doc.m_unserved", m.lang, n=len(m.unserved), names=", ".join(m.unserved)))
    return tuple(notes)


def render_text(m: Minutes, copy: int | None = None) -> str:
    """The minutes as plain text (for the archive and the terminal)."""
    lang = m.lang
    lines = []
    if m.rehearsal:
        lines.append(f"*** {t('doc.rehearsal', lang)} ***")
    lines += [m.body.upper(), m.dated, "", t("doc.minutes_title", lang), m.title]
    if copy is not None:
        lines.append(t("doc.copy", lang, n=copy, of=COPIES))
    lines += ["", m.when, m.rules, m.citation, "", t("doc.m_team", lang)]
    lines += [f"  {i}. {p.name} — {p.posts} ({p.role})" for i, p in enumerate(m.team, 1)]
    if m.team_vote:
        lines.append("  " + m.team_vote)
    if m.witnesses:
        lines.append("  " + t("doc.m_witnesses", lang, names=", ".join(m.witnesses)))
    lines += ["", t("doc.m_books", lang)]
    lines += [f"  {f.label}: {f.value} {f.note}".rstrip() for f in m.books]
    lines += [f"    – {text}: {n}" for text, n in m.invalid_reasons]
    lines += ["  " + line for line in attendance_notes(m)]
    lines += ["  " + m.basis, "", t("doc.m_results", lang)]
    for i, p in enumerate(m.persons, 1):
        if p.form and (i == 1 or m.persons[i - 2].form != p.form):
            lines.append(f"  {p.form}")
        lines.append(f"  {i}. {p.name} — {p.position}")
        lines += [f"       {label:<18} {count:>5}  {pct:>6}%" for label, (count, pct) in zip(m.columns, p.cells)]
        lines.append("       " + t("doc.m_band", lang, band=p.band, consequence=p.consequence).rstrip())
        lines.append("       " + t("doc.m_working", lang, working=p.working))
    if m.excluded:
        lines += ["", t("doc.m_excluded", lang)] + [f"  – {text}" for text in m.excluded]
    if m.unconfirmed:
        lines += ["", t("doc.m_unconfirmed", lang)] + [f"  – {text}" for text in m.unconfirmed]
    if m.corrections:
        lines.append(t("doc.m_corrections", lang, n=m.corrections))
    lines += ["", t("doc.m_integrity", lang),
              f"  {t('doc.m_launch', lang)}: {m.launch_code}",
              f"  {t('doc.m_events', lang)}: {m.events}",
              f"  {t('doc.m_digest', lang)}: {m.head}",
              f"  {t('doc.m_code', lang)}: {m.code}",
              "", m.closed or t("doc.m_copies", lang), "", t("doc.m_signatures", lang)]
    lines += [f"  {p.role}: {p.name}  ........................" for p in m.team]
    return "\n".join(lines) + "\n"
