"""The ``[[forms]]`` of a conference file: the ballot forms (mẫu phiếu), each a paper of its own with its persons.

Read strictly like the rest of the file: every person on exactly one form, no form emptied by eligibility.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from session import conference_text as ct
from session.errors import BadInput
from session.i18n import register

if TYPE_CHECKING:
    from session.conference import Person
    from session.rules import RulePack

FORM_KEYS = ("id", "title", "colour", "persons")


@dataclass(frozen=True)
class Form:
    """One ballot form (mẫu phiếu): a paper of its own with its persons, issued, collected and counted on its own."""

    id: str
    """Id from ``[[forms]]``; without ``[[forms]]`` the one form's id is the rule pack's code (the ballot QR's FORM)."""
    title: str
    """Title printed on the form ('' for the one form of a file without ``[[forms]]``)."""
    colour: str
    """The paper's colour as printed on the form ('' when not given)."""
    persons: tuple[Person, ...]
    """The form's eligible persons, in ballot order (the order of its ``persons`` list)."""


def read_forms(data: dict[str, Any], persons: list[Person], eligible: list[Person], pack: RulePack) -> tuple[Form, ...]:
    """The ``[[forms]]`` of the file: every person on exactly one, none left empty by eligibility; () without any."""
    rows = ct.rows(data, "forms")
    if not rows:
        return ()
    if pack.nominee_step:
        raise BadInput("file.forms_nominees", where="forms", rules=pack.code)
    known = {p.id: p for p in persons}
    kept = {p.id for p in eligible}
    placed: dict[str, str] = {}
    forms: list[Form] = []
    for i, row in enumerate(rows, 1):
        where = f"forms[{i}]"
        ct.only_known(row, FORM_KEYS, where)
        fid = ct.text(row, "id", f"{where}.id")
        if ":" in fid:
            raise BadInput("file.form_colon", where=f"{where}.id", id=fid)
        if any(f.id == fid for f in forms):
            raise BadInput("file.duplicate_form", where=f"{where}.id", id=fid)
        title = ct.text(row, "title", f"{where}.title")
        colour = ct.text(row, "colour", f"{where}.colour", default="")
        ids = row.get("persons", [])
        if not isinstance(ids, list) or not all(isinstance(p, str) for p in ids):
            raise BadInput("file.wrong_type", where=f"{where}.persons", expected="list of person ids", value=repr(ids))
        ids = [ct.text({"id": p}, "id", f"{where}.persons[{j}]") for j, p in enumerate(ids, 1)]
        for j, pid in enumerate(ids, 1):
            if pid not in known:
                raise BadInput("file.form_unknown_person", where=f"{where}.persons[{j}]", id=pid, form=fid)
            if pid in placed:
                raise BadInput("file.person_two_forms", where=f"{where}.persons[{j}]", id=pid, name=known[pid].name,
                               first=placed[pid], second=fid)
            placed[pid] = fid
        on = tuple(known[pid] for pid in ids if pid in kept)
        if not on:
            raise BadInput("file.form_empty", where=where, id=fid, title=title)
        forms.append(Form(fid, title, colour, on))
    for person in persons:
        if person.id not in placed:
            raise BadInput("file.person_no_form", where="forms", id=person.id, name=person.name)
    return tuple(forms)


_STRINGS = {
    "file.forms_nominees": ("{where}: bộ quy tắc {rules} có bước chốt danh sách giới thiệu nên chỉ dùng một mẫu phiếu.",
                            "{where}: the {rules} pack fixes a nominee list, so it takes one ballot form only."),
    "file.form_colon": ("{where}: mã mẫu phiếu «{id}» không được chứa dấu «:».", "{where}: form id “{id}” cannot hold “:”."),
    "file.duplicate_form": ("{where}: mã mẫu phiếu «{id}» bị trùng.", "{where}: form id “{id}” is used twice."),
    "file.form_unknown_person": ("{where}: mẫu phiếu {form} ghi người «{id}» không có trong [[persons]].",
                                 "{where}: form {form} lists “{id}”, who is not in [[persons]]."),
    "file.person_two_forms": ("{where}: {name} ({id}) đã có trên mẫu phiếu {first}, nay lại ở mẫu {second}; mỗi người chỉ ở một mẫu phiếu.",
                              "{where}: {name} ({id}) is already on form {first}, and again on form {second}; each person is on "
                              "one form only."),
    "file.person_no_form": ("{where}: {name} ({id}) không có trên mẫu phiếu nào; mỗi người phải ở đúng một mẫu phiếu.",
                            "{where}: {name} ({id}) is on no form; each person must be on exactly one form."),
    "file.form_empty": ("{where}: mẫu phiếu {id} «{title}» không còn ai đủ điều kiện lấy phiếu.",
                        "{where}: form {id} “{title}” has nobody left eligible."),
}
register(_STRINGS)
