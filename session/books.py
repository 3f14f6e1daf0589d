"""The books-balance identities, per ballot form, checked after every event and shown when one fails."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from session.forms import in_form, label
from session.i18n import t

if TYPE_CHECKING:
    from session.state import Books, SessionState


@dataclass(frozen=True)
class Identity:
    """One accounting identity of one form and whether it holds now."""

    key: str
    """Message key naming the identity."""
    holds: bool
    """Whether it holds."""
    params: dict
    """The numbers on each side."""
    form: str = ""
    """The form it is about, as messages name it; "" in a single-form session."""
    form_id: str = field(default="", compare=False)
    """The form's id ("" in a single-form session)."""

    def text(self, lang: str = "vi", key: str | None = None) -> str:
        """The identity in words (``key`` instead of its own, e.g. the 'holds' wording), prefixed by its form."""
        said = t(key or self.key, lang, **self.params)
        return t("form.guard", lang, form=self.form, why=said) if self.form else said


def form_identities(s: SessionState, b: Books) -> list[Identity]:
    """Every identity of one form's books with its current numbers."""
    form = label(b) if s.several_forms else ""
    fid = b.id if s.several_forms else ""
    present, issued = len(s.present), b.issued
    returned = b.returned
    out = [
        Identity("books.issued_present", issued <= present and not (b.issued_to - s.present),
                 {"issued": issued, "present": present}, form, fid),
    ]
    if returned is not None:
        out.append(Identity("books.returned_issued", returned <= issued, {"returned": returned, "issued": issued}, form, fid))
        out.append(Identity("books.entered_returned", b.entered <= returned,
                            {"valid": b.tally.valid, "invalid": b.tally.invalid, "returned": returned}, form, fid))
    persons = b.persons
    for index, total in b.tally.imbalances():
        out.append(Identity("books.person_rows", False, {"name": persons[index].name, "sum": total, "entered": b.entered},
                            form, fid))
    return out


def identities(s: SessionState) -> list[Identity]:
    """Every identity of every form, form by form."""
    return [i for b in s.books.values() for i in form_identities(s, b)]


def first_imbalance(s: SessionState) -> tuple[str, dict] | None:
    """The first identity that fails, as a guard failure (naming its form among several), or None."""
    for b in s.books.values():
        for identity in form_identities(s, b):
            if not identity.holds:
                return in_form(s, b, (identity.key, identity.params))
    return None
