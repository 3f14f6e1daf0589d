"""Rule packs as data: each legal regime is one frozen instance with its citation.

A conference file picks a pack by code and may override single settings
(``OVERRIDABLE``). Every threshold is a fraction decided by integer arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from session.errors import BadInput

DENOMINATORS = ("returned", "valid", "present", "issued", "convened", "total_members")
"""What a percentage and a threshold are taken of."""


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
    """What the rule says follows, in Vietnamese."""
    consequence_en: str
    """What the rule says follows, in English."""

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


@dataclass(frozen=True)
class InvalidReason:
    """A reason a whole ballot is invalid, from the pack's list."""

    key: str
    """Stable key stored in the log."""
    vi: str
    """Vietnamese text."""
    en: str
    """English text."""


THREE_LEVELS = (
    Level("high", "Tín nhiệm cao", "High confidence"),
    Level("medium", "Tín nhiệm", "Confidence"),
    Level("low", "Tín nhiệm thấp", "Low confidence"),
)
APPOINT_LEVELS = (Level("agree", "Đồng ý", "Agree"), Level("disagree", "Không đồng ý", "Disagree"))
BINARY_LEVELS = (Level("trust", "Tín nhiệm", "Confidence"), Level("no_trust", "Không tín nhiệm", "No confidence"))

NOT_ISSUED = InvalidReason("not_issued", "Phiếu không do Tổ kiểm phiếu phát ra", "Ballot not issued by the team")
OTHER_FORM = InvalidReason("other_form", "Phiếu không đúng mẫu của hội nghị", "Not this conference's form")
OVER_POSTS = InvalidReason("over_posts", "Số người được đồng ý vượt số chức danh", "More agreed than there are posts")
ROW_INVALID = InvalidReason("row_invalid", "Có dòng không hợp lệ (phạm vi cả phiếu)", "A row is invalid (whole-ballot scope)")
BASE_REASONS = (NOT_ISSUED, OTHER_FORM)


@dataclass(frozen=True)
class RulePack:
    """Every setting of one legal regime. Fields listed in ``OVERRIDABLE`` may be overridden."""

    code: str
    """Pack code used in the conference file."""
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
    min_months_in_post: int = 9
    """Months in post before a person may be evaluated."""
    nominee_step: bool = False
    """Whether the agenda has the step that fixes the list of nominees."""
    agree_limit: bool = False
    """APPOINT (1699/QĐ-BTC): a ballot agreeing to more people than posts is invalid."""
    invalid_reasons: tuple[InvalidReason, ...] = BASE_REASONS
    """Reasons offered for marking a whole ballot invalid."""
    principles_vi: str = ""
    """Briefing text specific to the regime (Vietnamese)."""
    principles_en: str = ""
    """Briefing text specific to the regime (English)."""

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
        for reason in self.invalid_reasons + (OVER_POSTS, ROW_INVALID):
            if reason.key == key:
                return reason
        raise KeyError(key)

    def as_dict(self) -> dict[str, Any]:
        """The pack as plain JSON-ready data (for the archive and the log)."""
        from dataclasses import asdict

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


def _low_bands(mid_vi: str, mid_en: str, top_vi: str, top_en: str) -> tuple[Band, ...]:
    return (
        Band("over_half", 1, 2, True, mid_vi, mid_en),
        Band("two_thirds", 2, 3, False, top_vi, top_en),
    )


QD96 = RulePack(
    code="QD96",
    title_vi="Quy định 96-QĐ/TW ngày 02/02/2023 của Bộ Chính trị",
    title_en="Politburo Regulation 96-QĐ/TW of 2 February 2023",
    citation="Quy định số 96-QĐ/TW ngày 02/02/2023 của Bộ Chính trị về lấy phiếu tín nhiệm (Điều 6 khoản 3; Điều 7)",
    levels=THREE_LEVELS,
    banded_level="low",
    bands=_low_bands(
        "Quá nửa đến dưới 2/3 tín nhiệm thấp: không quy hoạch chức vụ cao hơn; cấp có thẩm quyền xem xét miễn nhiệm, "
        "điều động, cho từ chức hoặc bỏ phiếu tín nhiệm.",
        "Over half and under 2/3 low confidence: removed from the succession plan for higher posts; the competent level "
        "considers dismissal, reassignment, resignation or a binary confidence vote.",
        "Từ 2/3 trở lên tín nhiệm thấp: cho thôi giữ chức vụ (miễn nhiệm), bố trí công tác khác thấp hơn, "
        "không chờ hết nhiệm kỳ hoặc hết thời hạn bổ nhiệm.",
        "Two thirds or more low confidence: dismissal from the post (miễn nhiệm) and reassignment to lower work, "
        "without waiting for the end of the term.",
    ),
    principles_vi="Tỷ lệ phần trăm tính trên tổng số phiếu thu về (kể cả phiếu không hợp lệ). Người ghi phiếu có thể ký tên hoặc không ký tên. "
    "Kết quả được công bố tại hội nghị và dùng trong đánh giá, quy hoạch, bổ nhiệm cán bộ.",
    principles_en="Percentages are of all ballots returned (invalid ones included). Voters may sign or not. "
    "Results are announced to the conference and used in assessing, planning and appointing officials.",
)

QD262 = replace(
    QD96,
    code="QD262",
    title_vi="Quy định 262-QĐ/TW ngày 08/10/2014 của Bộ Chính trị (đã thay thế)",
    title_en="Politburo Regulation 262-QĐ/TW of 8 October 2014 (replaced)",
    citation="Quy định số 262-QĐ/TW ngày 08/10/2014 của Bộ Chính trị về lấy phiếu tín nhiệm (Điều 7 khoản 3); "
    "quy tắc phiếu hợp lệ theo 96-QĐ/TW (chưa xác nhận)",
    bands=_low_bands(
        "Quá nửa tín nhiệm thấp: xem xét không quy hoạch chức vụ cao hơn.",
        "Over half low confidence: considered for removal from the plan for higher posts.",
        "Từ 2/3 trở lên tín nhiệm thấp: mức này chưa được xác nhận trong văn bản 262 (xem DOMAIN).",
        "Two thirds or more low confidence: the 262 rule at this level is unconfirmed.",
    ),
)

NQ96 = replace(
    QD96,
    code="NQ96",
    title_vi="Nghị quyết 96/2023/QH15 của Quốc hội",
    title_en="National Assembly Resolution 96/2023/QH15",
    citation="Nghị quyết số 96/2023/QH15 ngày 23/6/2023 của Quốc hội về lấy phiếu tín nhiệm, bỏ phiếu tín nhiệm",
    denominator="total_members",
    bands=_low_bands(
        "Quá nửa đến dưới 2/3 tổng số đại biểu đánh giá tín nhiệm thấp: có thể xin từ chức; nếu không, "
        "UBTVQH / Thường trực HĐND trình bỏ phiếu tín nhiệm.",
        "Over half and under 2/3 of all members low: may resign; otherwise a binary confidence vote is submitted.",
        "Từ 2/3 tổng số đại biểu trở lên đánh giá tín nhiệm thấp: cơ quan hoặc người giới thiệu trình miễn nhiệm.",
        "Two thirds or more of all members low: the nominating body submits a dismissal.",
    ),
    principles_vi="Tỷ lệ phần trăm tính trên tổng số đại biểu (không chỉ người có mặt). Kết quả được công bố công khai.",
    principles_en="Percentages are of all members of the body, not only those present. Results are made public.",
)

NQ85 = replace(
    NQ96,
    code="NQ85",
    title_vi="Nghị quyết 85/2014/QH13 của Quốc hội (đã thay thế)",
    title_en="National Assembly Resolution 85/2014/QH13 (replaced)",
    citation="Nghị quyết số 85/2014/QH13 ngày 28/11/2014 của Quốc hội (Điều 17 khoản 1)",
    bands=_low_bands(
        "Quá nửa tổng số đại biểu đánh giá tín nhiệm thấp: có thể xin từ chức.",
        "Over half of all members low: may resign.",
        "Từ 2/3 tổng số đại biểu trở lên đánh giá tín nhiệm thấp: trình bỏ phiếu tín nhiệm.",
        "Two thirds or more of all members low: a binary confidence vote is submitted.",
    ),
)

APPOINT = RulePack(
    code="APPOINT",
    title_vi="Lấy phiếu giới thiệu bổ nhiệm, bổ nhiệm lại",
    title_en="Nomination vote for appointment or reappointment",
    citation="Hướng dẫn lấy phiếu tín nhiệm cán bộ được bổ nhiệm (Bình Thuận, 2009); Quyết định 1699/QĐ-BTC (2018)",
    levels=APPOINT_LEVELS,
    banded_level="agree",
    bands=(
        Band(
            "over_half", 1, 2, True,
            "Quá nửa đồng ý (ngưỡng chưa được xác nhận trong văn bản; tham khảo).",
            "Over half agree (threshold unconfirmed in the sources; for reference).",
        ),
    ),
    blank_row="disagree",
    nominee_step=True,
    agree_limit=True,
    invalid_reasons=BASE_REASONS + (OVER_POSTS,),
    principles_vi="Danh sách giới thiệu phải nhiều hơn số chức danh. Dòng để trống được tính là không đồng ý (1699/QĐ-BTC). "
    "Phiếu đồng ý quá số chức danh là phiếu không hợp lệ.",
    principles_en="The list must be longer than the number of posts. A blank row counts as disagree (1699/QĐ-BTC). "
    "A ballot agreeing to more people than posts is invalid.",
)

BINARY = RulePack(
    code="BINARY",
    title_vi="Bỏ phiếu tín nhiệm",
    title_en="Binary confidence vote",
    citation="Nghị quyết số 96/2023/QH15 (bỏ phiếu tín nhiệm)",
    levels=BINARY_LEVELS,
    banded_level="no_trust",
    bands=(
        Band(
            "over_half", 1, 2, True,
            "Quá nửa không tín nhiệm: cơ quan có thẩm quyền trình miễn nhiệm, bãi nhiệm hoặc phê chuẩn miễn nhiệm.",
            "Over half no confidence: the competent body submits a dismissal.",
        ),
    ),
    denominator="total_members",
    principles_vi="Tỷ lệ phần trăm tính trên tổng số đại biểu.",
    principles_en="Percentages are of all members of the body.",
)

PACKS: dict[str, RulePack] = {p.code: p for p in (QD96, QD262, NQ96, NQ85, APPOINT, BINARY)}
"""Every pack by its code."""


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
        changes[key] = value
    strict = changes.pop("two_thirds_strict", None)
    _check_choice(changes, "denominator", DENOMINATORS)
    _check_choice(changes, "invalid_scope", ("row", "ballot"))
    _check_choice(changes, "blank_row", ("invalid",) + tuple(lv.key for lv in pack.levels))
    if changes.get("quorum_den", 1) <= 0 or changes.get("team_min_size", 1) < 1:
        raise BadInput("file.not_positive", where="conference.overrides")
    pack = replace(pack, **changes)
    if strict is not None and not any(b.id == "two_thirds" for b in pack.bands):
        raise BadInput("file.no_two_thirds", where="conference.overrides.two_thirds_strict", rules=pack.code)
    if strict is not None:
        pack = replace(pack, bands=tuple(replace(b, strict=strict) if b.id == "two_thirds" else b for b in pack.bands))
    return pack


def _check_choice(changes: dict[str, Any], key: str, choices: tuple[str, ...]) -> None:
    if key in changes and changes[key] not in choices:
        raise BadInput("file.bad_choice", where=f"conference.overrides.{key}", value=changes[key], choices=", ".join(choices))

