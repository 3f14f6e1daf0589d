"""Modal dialogs; each returns a typed result through ``dismiss`` (None when cancelled)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.i18n import t

T = TypeVar("T")


class Dialog(ModalScreen[T | None], Generic[T]):
    """A centred box: Enter submits, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Esc")]
    """Esc closes the dialog without a result."""

    def __init__(self, lang: str, title: str) -> None:
        super().__init__()
        self.lang = lang
        """Language of the dialog's text."""
        self.title_text = title
        """What the dialog asks."""
        self.error = Label("", classes="error")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield from self.body()
            yield self.error
            yield Label(self.hint(), classes="hint")

    def body(self) -> ComposeResult:
        """The dialog's fields."""
        yield from ()

    def hint(self) -> str:
        """The line saying which keys do what."""
        return t("dlg.submit", self.lang)

    def action_cancel(self) -> None:
        """Close without a result."""
        self.dismiss(None)


class Confirm(Dialog[bool]):
    """Asks to confirm an irreversible step."""

    BINDINGS = [Binding("enter", "confirm", "Enter")]
    """Enter confirms (Esc, from the base, cancels)."""

    def hint(self) -> str:
        return t("dlg.irreversible", self.lang)

    def action_confirm(self) -> None:
        """Confirmed."""
        self.dismiss(True)


class TextForm(Dialog[str]):
    """One line of text (e.g. who receives the sealed ballots); irreversible when ``final``."""

    def __init__(self, lang: str, title: str, value: str = "", final: bool = False) -> None:
        super().__init__(lang, title)
        self.value = value
        """Initial text."""
        self.final = final
        """Whether submitting cannot be undone."""

    def body(self) -> ComposeResult:
        yield Input(self.value, id="text")

    def hint(self) -> str:
        return t("dlg.irreversible" if self.final else "dlg.submit", self.lang)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value)

    def submit(self, value: str) -> None:
        """Close with ``value``."""
        self.dismiss(value)


def whole_number(text: str) -> int | None:
    """``text`` as a non-negative integer, or None."""
    text = text.strip()
    return int(text) if text.isdigit() else None


class NumberForm(TextForm):
    """One whole number (e.g. ballots returned)."""

    def submit(self, value: str) -> None:
        number = whole_number(value)
        if number is None:
            self.error.update(t("dlg.not_number", self.lang, text=value))
            return
        self.dismiss(number)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Vote:
    """A show-of-hands vote."""

    votes_for: int
    """Hands for."""
    against: int
    """Hands against."""
    abstain: int
    """Abstentions."""


class FieldsForm(Dialog[T]):
    """Several fields: Enter moves to the next one, and on the last one ``finish`` reads them all."""

    def hint(self) -> str:
        return t("dlg.submit_fields", self.lang)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        fields = list(self.query(Input))
        if event.input is not fields[-1]:
            fields[fields.index(event.input) + 1].focus()
            return
        self.finish(fields)

    def finish(self, fields: list[Input]) -> None:
        """Check the fields and dismiss with the result, or say what is wrong."""


class VoteForm(FieldsForm[Vote]):
    """For / against / abstain; Enter moves to the next field, then records."""

    def __init__(self, lang: str, title: str, present: int) -> None:
        super().__init__(lang, title)
        self.present = present
        """Voters present (the default for)."""

    def body(self) -> ComposeResult:
        for key, value in (("for", self.present), ("against", 0), ("abstain", 0)):
            yield Label(t(f"dlg.{key}", self.lang))
            yield Input(str(value), id=key, type="integer")

    def finish(self, fields: list[Input]) -> None:
        numbers = [whole_number(f.value) for f in fields]
        if None in numbers:
            bad = next(f.value for f, n in zip(fields, numbers) if n is None)
            self.error.update(t("dlg.not_number", self.lang, text=bad))
            return
        self.dismiss(Vote(*numbers))  # type: ignore[arg-type]


class ChoiceForm(Dialog[str]):
    """Pick one of ``options`` (id, label)."""

    def __init__(self, lang: str, title: str, options: list[tuple[str, str]]) -> None:
        super().__init__(lang, title)
        self.options = options
        """(id, label) pairs."""

    def body(self) -> ComposeResult:
        yield OptionList(*(Option(label, id=oid) for oid, label in self.options))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class QrDialog(Dialog[None]):
    """Shows the log's head digest as a QR code."""

    BINDINGS = [Binding("enter,q", "cancel", "OK")]
    """Enter or q closes the code."""

    def __init__(self, lang: str, title: str, data: str) -> None:
        super().__init__(lang, title)
        self.data = data
        """What the QR code holds."""

    def body(self) -> ComposeResult:
        from tui.widgets.qr import QrCode

        yield QrCode(self.data)

    def hint(self) -> str:
        return "Esc"
