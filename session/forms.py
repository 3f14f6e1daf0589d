"""Ballot forms in the rules: finding a command's form, and saying which form a guard or identity speaks of.

A session has one form unless its conference file lists ``[[forms]]``; each form has its
own books (``SessionState.books``). Commands name their form with ``form`` ("" for the only
one); events carry it the same way ("" in a single-form session, so its logs read as before).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from session.i18n import Phrase, register

if TYPE_CHECKING:
    from session.state import Books, SessionState

Failure = tuple[str, dict] | None


def label(books: Books) -> str:
    """How a message names the form: its title, else its id."""
    return books.form.title or books.id


def in_form(s: SessionState, books: Books, failure: Failure) -> Failure:
    """``failure`` about ``books``, naming the form when the session has several ("Phiếu khối B: …")."""
    if failure is None or not s.several_forms:
        return failure
    return "form.guard", {"form": label(books), "form_id": books.id, "why": Phrase(*failure)}


def refuse(no, s: SessionState, books: Books, key: str, params: dict):
    """The refusal (made by ``no``, the decider's framer) of ``key`` about ``books``' form."""
    key, params = in_form(s, books, (key, params))
    return no(key, **params)


def first_failure(s: SessionState, check) -> Failure:
    """The first form (in order) for which ``check(s, books)`` fails, named as ``in_form`` does; None if none."""
    for books in s.books.values():
        failure = check(s, books)
        if failure:
            return in_form(s, books, failure)
    return None


def form_books(s: SessionState, form: str, no) -> Books:
    """The books a command's ``form`` names; a BadInput (through ``no``) when it is unknown or left off among several."""
    books = s.book(form)
    if books is not None:
        return books
    forms = ", ".join(f"{b.id} ({b.form.title})" if b.form.title else b.id for b in s.books.values())
    if form:
        raise no.bad("form.unknown", form=form, forms=forms)
    raise no.bad("form.needed", forms=forms)


STRINGS = {
    "form.guard": ("Phiếu {form}: {why}", "Form {form}: {why}"),
    "form.unknown": ("Không có mẫu phiếu «{form}» (có: {forms}).", "No ballot form “{form}” (forms: {forms})."),
    "form.needed": ("Phiên này có nhiều mẫu phiếu: ghi rõ --form (có: {forms}).",
                    "This session has several ballot forms: say which with --form (forms: {forms})."),
    "form.all_held": ("{name} ({id}) đã nhận đủ phiếu của mọi mẫu phiếu.", "{name} ({id}) already holds a ballot of every form."),
    "cli.status_form": ("  Mẫu phiếu {id} «{title}»: phát ra {issued} · thu về {returned} · đã nhập {entered}",
                        "  Form {id} “{title}”: issued {issued} · returned {returned} · entered {entered}"),
    "results.form": ("MẪU PHIẾU {id} — {title}", "BALLOT FORM {id} — {title}"),
}
register(STRINGS)
