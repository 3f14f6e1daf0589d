"""Rule packs: each legal regime is one data file in ``session/packs/``, loaded and checked here at import.

A pack file holds the regulation's quoted wording article by article, its settings,
its vocabulary and its voter instructions, so a legal reviewer reads one file per
regulation. Every setting is either backed by a quoted article (``supports``) or listed
as unconfirmed; the loader refuses a file where one is neither, so no assumption is silent.
A conference file picks a pack by code and may override single settings (``OVERRIDABLE``).
Every threshold is a fraction decided by integer arithmetic.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from importlib import resources
from typing import Any

from session.errors import BadInput
from session.i18n import t

DENOMINATORS = ("returned", "valid", "present", "issued", "convened", "total_members")
"""What a percentage and a threshold are taken of."""
EXCLUSIONS = ("retirement_notice", "same_year", "months_in_post")
"""Who a pack leaves off the ballot: a retirement notice, elected or appointed in the meeting's year, too few months in post."""
KINDS = ("party", "state")
"""Party bodies (Tổ kiểm phiếu, hội nghị) or state bodies (Ban kiểm phiếu, kỳ họp, đại biểu)."""
SETTINGS = ("denominator", "invalid_scope", "blank_row", "quorum", "team_min_size", "team_excludes_evaluated",
            "exclusions", "min_months_in_post", "signing", "nominee_step", "agree_limit", "bands", "invalid_reasons")
"""Every setting a pack must either back with an article or mark unconfirmed."""


@dataclass(frozen=True)
class Level:
    """One box on the ballot; its mark character is its 1-based position."""

    key: str
    """Stable key used in the results JSON (``high``, ``agree``, ``no_trust`` …)."""
    vi: str
    """Label printed on the ballot."""
    en: str
    """English label."""


@dataclass(frozen=True)
class Band:
    """A threshold on the banded level: ``count / N`` above (or at) ``num/den``."""

    id: str
    """Stable id in the results JSON: ``over_half`` or ``two_thirds``."""
    num: int
    """Numerator of the fraction of N."""
    den: int
    """Denominator of the fraction of N."""
    strict: bool
    """True for "quá / trên" (count·den > num·N), False for "từ … trở lên" (≥)."""
    consequence_vi: str
    """What the regulation says follows, quoted in Vietnamese."""
    consequence_en: str
    """What the regulation says follows, in English."""
    article: str = ""
    """Where the consequence is written (``Điều 11 khoản 1``)."""

    def reached(self, count: int, n: int) -> bool:
        """Whether ``count`` out of ``n`` reaches this band, in integers only."""
        if n <= 0:
            return False
        lhs, rhs = count * self.den, self.num * n
        return lhs > rhs if self.strict else lhs >= rhs

    def minimum(self, n: int) -> int:
        """The least count that reaches the band out of ``n``."""
        q, r = divmod(self.num * n, self.den)
        if self.strict:
            return q + 1
        return q + (1 if r else 0)

    def working(self, count: int, n: int) -> str:
        """The arithmetic written out, in no language: ``30 ≥ ⌈2/3 × 42⌉ = 28``, ``22 ≥ ⌊1/2 × 42⌋ + 1 = 22``."""
        sign = "≥" if self.reached(count, n) else "<"
        if self.strict:
            return f"{count} {sign} ⌊{self.num}/{self.den} × {n}⌋ + 1 = {self.minimum(n)}"
        return f"{count} {sign} ⌈{self.num}/{self.den} × {n}⌉ = {self.minimum(n)}"

    def consequence(self, lang: str = "vi") -> str:
        """The consequence in ``lang``."""
        return self.consequence_vi if lang == "vi" else self.consequence_en


@dataclass(frozen=True)
class InvalidReason:
    """A reason a whole ballot is invalid; its words are in the catalogue (``reason.KEY``), in the pack's vocabulary."""

    key: str
    """Stable key stored in the log."""

    def text(self, lang: str = "vi") -> str:
        """The reason in ``lang``."""
        return t(f"reason.{self.key}", lang)

    @property
    def vi(self) -> str:
        """The reason in Vietnamese."""
        return self.text("vi")

    @property
    def en(self) -> str:
        """The reason in English."""
        return self.text("en")


REASON_KEYS = ("not_issued", "other_form", "extra_info", "over_posts", "row_invalid")
"""Every whole-ballot reason the catalogue words; ``over_posts`` and ``row_invalid`` are found by the app, not offered."""
OVER_POSTS, ROW_INVALID = InvalidReason("over_posts"), InvalidReason("row_invalid")
BASE_REASONS = (InvalidReason("not_issued"), InvalidReason("other_form"))
"""The reasons a ballot is foreign to the session: every pack offers them."""


@dataclass(frozen=True)
class Article:
    """One quoted provision of the regulation, and which settings it backs."""

    ref: str
    """Article and clause (``Điều 11 khoản 1``)."""
    quote: str
    """The regulation's own words (Vietnamese)."""
    source: str
    """Where the quote was read: the text's title, or a page that quotes it."""
    supports: tuple[str, ...]
    """Settings it backs (names from ``SETTINGS``)."""
    exclusion: str = ""
    """The exclusion rule (from ``EXCLUSIONS``) it states, if any: cited beside every person it leaves off."""


@dataclass(frozen=True)
class Unconfirmed:
    """A setting no source confirms: shown in the briefing and the minutes as «chưa xác nhận»."""

    setting: str
    """Name from ``SETTINGS``."""
    vi: str
    """What is assumed and why, in Vietnamese."""
    en: str
    """The same in English."""

    def text(self, lang: str = "vi") -> str:
        """The note in ``lang``."""
        return self.vi if lang == "vi" else self.en


@dataclass(frozen=True)
class RulePack:
    """Every setting of one legal regime. Fields listed in ``OVERRIDABLE`` may be overridden."""

    code: str
    """Pack code used in the conference file."""
    kind: str
    """``party`` or ``state``: the vocabulary of screens and documents, and the paper's header."""
    title_vi: str
    """Name of the regime in Vietnamese."""
    title_en: str
    """Name of the regime in English."""
    citation: str
    """The legal text this pack follows."""
    levels: tuple[Level, ...]
    """Boxes on the ballot, in mark order (``1`` is the first)."""
    banded_level: str
    """The level key whose count decides the band."""
    bands: tuple[Band, ...]
    """Thresholds in increasing order."""
    articles: tuple[Article, ...] = ()
    """The quoted provisions, article by article."""
    unconfirmed: tuple[Unconfirmed, ...] = ()
    """Settings no source confirms."""
    denominator: str = "returned"
    """Basis N of percentages and thresholds; one of ``DENOMINATORS``."""
    invalid_scope: str = "row"
    """``row``: a bad row voids only that person's row; ``ballot``: the whole ballot."""
    blank_row: str = "invalid"
    """A row with no box marked: ``invalid`` or a level key it counts as."""
    quorum_num: int = 2
    """Quorum numerator: present·den ≥ num·convened."""
    quorum_den: int = 3
    """Quorum denominator."""
    team_min_size: int = 3
    """Least number of counting-team members."""
    team_excludes_evaluated: bool = True
    """A person being evaluated may not sit on the counting team."""
    exclusions: tuple[str, ...] = ()
    """Who is left off the ballot (``EXCLUSIONS``)."""
    min_months_in_post: int = 9
    """Months in post before a person may be evaluated (the ``months_in_post`` exclusion)."""
    signing: bool = False
    """The voter may sign the ballot or not: the ballot and briefing say so only where this is set."""
    nominee_step: bool = False
    """Whether the agenda has the step that fixes the list of nominees."""
    agree_limit: bool = False
    """APPOINT (1699/QĐ-BTC): a ballot agreeing to more people than posts is invalid."""
    invalid_reasons: tuple[InvalidReason, ...] = ()
    """Reasons offered for marking a whole ballot invalid."""
    principles_vi: str = ""
    """Briefing text specific to the regime (Vietnamese)."""
    principles_en: str = ""
    """Briefing text specific to the regime (English)."""
    instructions_vi: str = ""
    """How to fill the ballot, read to the voters and printed on it (Vietnamese)."""
    instructions_en: str = ""
    """The same in English."""

    @cached_property
    def blank_level(self) -> int | None:
        """The level index a row with no box counts as, or None when such a row is invalid (judged per ballot)."""
        return None if self.blank_row == "invalid" else [lv.key for lv in self.levels].index(self.blank_row)

    def level(self, key: str) -> Level:
        """The level with ``key``."""
        for level in self.levels:
            if level.key == key:
                return level
        raise KeyError(key)

    def band_of(self, count: int, n: int) -> Band | None:
        """The highest band reached by ``count`` out of ``n``, or None."""
        reached = None
        for band in self.bands:
            if band.reached(count, n):
                reached = band
        return reached

    def quorum_need(self, convened: int) -> int:
        """Least number present for quorum: ⌈num/den × convened⌉."""
        return -(-self.quorum_num * convened // self.quorum_den)

    def reason(self, key: str) -> InvalidReason:
        """The whole-ballot invalid reason with ``key``."""
        if key not in REASON_KEYS:
            raise KeyError(key)
        return InvalidReason(key)

    def exclusion_article(self, rule: str) -> Article | None:
        """The article that states exclusion ``rule``."""
        return next((a for a in self.articles if a.exclusion == rule), None)

    def principles(self, lang: str = "vi") -> str:
        """The briefing text in ``lang``."""
        return self.principles_vi if lang == "vi" else self.principles_en

    def instructions(self, lang: str = "vi") -> str:
        """The voter instructions in ``lang``."""
        return self.instructions_vi if lang == "vi" else self.instructions_en

    def as_dict(self) -> dict[str, Any]:
        """The pack as plain JSON-ready data (for the archive)."""
        return asdict(self)


OVERRIDABLE = {
    "denominator": str,
    "invalid_scope": str,
    "blank_row": str,
    "quorum_num": int,
    "quorum_den": int,
    "team_min_size": int,
    "team_excludes_evaluated": bool,
    "min_months_in_post": int,
    "agree_limit": bool,
    "two_thirds_strict": bool,
}
"""Settings a conference file may override, with their types."""
RANGES = {"quorum_num": (1, 100), "quorum_den": (1, 100), "team_min_size": (1, 99), "min_months_in_post": (0, 120)}
"""Bounds of the numeric overrides: a quorum of 0 or a team of 500 is a typo, not a rule."""


def load_pack(text: str, name: str) -> RulePack:
    """Build a pack from its file's text; a file that breaks a rule above raises ValueError naming it."""
    data = tomllib.loads(text)
    known = {"code", "kind", "title_vi", "title_en", "citation", "banded_level", "levels", "bands", "articles",
             "unconfirmed", "settings", "principles", "instructions"}
    _only(data, known, name)
    settings = dict(data["settings"])
    _only(settings, {s for s in SETTINGS if s != "bands"} - {"quorum"} | {"quorum_num", "quorum_den"}, f"{name} [settings]")
    levels = tuple(Level(**row) for row in data["levels"])
    bands = tuple(Band(**row) for row in data["bands"])
    articles = tuple(Article(**{**row, "supports": tuple(row.get("supports", ()))}) for row in data.get("articles", ()))
    unconfirmed = tuple(Unconfirmed(**row) for row in data.get("unconfirmed", ()))
    settings["exclusions"] = tuple(settings.get("exclusions", ()))
    settings["invalid_reasons"] = tuple(InvalidReason(k) for k in settings.get("invalid_reasons", ()))
    pack = RulePack(code=data["code"], kind=data["kind"], title_vi=data["title_vi"], title_en=data["title_en"],
                    citation=data["citation"], levels=levels, banded_level=data["banded_level"], bands=bands,
                    articles=articles, unconfirmed=unconfirmed,
                    principles_vi=data["principles"]["vi"], principles_en=data["principles"]["en"],
                    instructions_vi=data["instructions"]["vi"], instructions_en=data["instructions"]["en"], **settings)
    _check(pack, name)
    return pack


def _only(table: dict[str, Any], known: set[str], where: str) -> None:
    extra = sorted(set(table) - known)
    if extra:
        raise ValueError(f"{where}: unknown keys {extra}")


def _check(pack: RulePack, name: str) -> None:
    """The rules every pack file must keep."""
    problems = []
    if pack.kind not in KINDS:
        problems.append(f"kind {pack.kind!r} not in {KINDS}")
    if pack.denominator not in DENOMINATORS:
        problems.append(f"denominator {pack.denominator!r} not in {DENOMINATORS}")
    if pack.banded_level not in {lv.key for lv in pack.levels}:
        problems.append(f"banded_level {pack.banded_level!r} is not a level")
    if not pack.bands or any(not (b.consequence_vi and b.consequence_en and b.article) for b in pack.bands):
        problems.append("every band needs a consequence (vi, en) and its article")
    if any(not (a.ref and a.quote and a.source) for a in pack.articles):
        problems.append("every article needs ref, quote and source")
    for rule in pack.exclusions:
        if rule not in EXCLUSIONS:
            problems.append(f"exclusion {rule!r} not in {EXCLUSIONS}")
        elif pack.exclusion_article(rule) is None and not any(u.setting == "exclusions" for u in pack.unconfirmed):
            problems.append(f"exclusion {rule!r} has no article stating it")
    for reason in pack.invalid_reasons:
        if reason.key not in REASON_KEYS:
            problems.append(f"invalid reason {reason.key!r} not in {REASON_KEYS}")
    backed = {s for a in pack.articles for s in a.supports} | {u.setting for u in pack.unconfirmed}
    problems += [f"setting {s!r} is neither backed by an article nor marked unconfirmed" for s in SETTINGS if s not in backed]
    problems += [f"unknown setting {s!r} in supports/unconfirmed" for s in backed if s not in SETTINGS]
    if not (pack.principles_vi and pack.principles_en and pack.instructions_vi and pack.instructions_en):
        problems.append("principles and instructions are needed in vi and en")
    if problems:
        raise ValueError(f"rule pack {name}: " + "; ".join(problems))


def _load_all() -> dict[str, RulePack]:
    packs: dict[str, RulePack] = {}
    for entry in sorted(resources.files("session.packs").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            pack = load_pack(entry.read_text(encoding="utf-8"), entry.name)
            if pack.code in packs:
                raise ValueError(f"rule pack {entry.name}: code {pack.code} used twice")
            packs[pack.code] = pack
    return packs


_ORDER = ("QD96", "QD262", "NQ96", "NQ85", "APPOINT", "BINARY")
PACKS: dict[str, RulePack] = dict(sorted(_load_all().items(), key=lambda kv: (_ORDER + (kv[0],)).index(kv[0])))
"""Every pack by its code, loaded from ``session/packs/*.toml``; the default (QD96) first."""
QD96, QD262, NQ96, NQ85, APPOINT, BINARY = (PACKS[c] for c in ("QD96", "QD262", "NQ96", "NQ85", "APPOINT", "BINARY"))


def pack_with_overrides(code: str, overrides: dict[str, Any]) -> RulePack:
    """The pack ``code`` with single settings overridden; unknown keys or bad values raise BadInput."""
    if code not in PACKS:
        raise BadInput("file.unknown_pack", where="conference.rules", value=code, choices=", ".join(PACKS))
    pack = PACKS[code]
    changes: dict[str, Any] = {}
    for key, value in overrides.items():
        where = f"conference.overrides.{key}"
        if key not in OVERRIDABLE:
            raise BadInput("file.unknown_override", where=where, choices=", ".join(OVERRIDABLE))
        kind = OVERRIDABLE[key]
        if type(value) is not kind:
            raise BadInput("file.wrong_type", where=where, expected=kind.__name__, value=repr(value))
        low, high = RANGES.get(key, (value, value))
        if kind is int and not low <= value <= high:
            raise BadInput("file.out_of_range", where=where, value=value, low=low, high=high)
        changes[key] = value
    strict = changes.pop("two_thirds_strict", None)
    # Of the valid ballots, the invalid column could pass 100 %: every other basis is at least the ballots entered.
    _check_choice(changes, "denominator", tuple(d for d in DENOMINATORS if d != "valid"))
    _check_choice(changes, "invalid_scope", ("row", "ballot"))
    _check_choice(changes, "blank_row", ("invalid",) + tuple(lv.key for lv in pack.levels))
    pack = replace(pack, **changes)
    if pack.quorum_num > pack.quorum_den:
        raise BadInput("file.quorum_over_all", where="conference.overrides.quorum_num", num=pack.quorum_num, den=pack.quorum_den)
    if strict is not None and not any(b.id == "two_thirds" for b in pack.bands):
        raise BadInput("file.no_two_thirds", where="conference.overrides.two_thirds_strict", rules=pack.code)
    if strict is not None:
        pack = replace(pack, bands=tuple(replace(b, strict=strict) if b.id == "two_thirds" else b for b in pack.bands))
    return pack


def _check_choice(changes: dict[str, Any], key: str, choices: tuple[str, ...]) -> None:
    if key in changes and changes[key] not in choices:
        raise BadInput("file.bad_choice", where=f"conference.overrides.{key}", value=changes[key], choices=", ".join(choices))
