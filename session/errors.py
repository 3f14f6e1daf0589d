"""One exception base for every refusal, each naming the step and the action.

An error holds a message key and its parameters, not text: it is rendered in the
user's language by ``message(lang)``; ``str()`` gives the Vietnamese default.
"""

from __future__ import annotations

from typing import Any

from session.i18n import t


class SessionError(Exception):
    """Something the session refused or could not read; nothing was written."""

    kind = "error"

    def __init__(self, key: str, *, step: str | None = None, action: str | None = None, **params: Any):
        super().__init__(key)
        self.key = key
        """Message key in the i18n catalogue."""
        self.step = step
        """The agenda step the session was in, if any."""
        self.action = action
        """The action that was asked, if any."""
        self.params = params
        """Values the message names (counts, ids, keys)."""

    def message(self, lang: str = "vi") -> str:
        """The reason in ``lang``, prefixed by the step and the action when known."""
        text = t(self.key, lang, **self.params)
        if self.step is None:
            return text
        action = self.action or "?"
        label = t(f"action.{action}", lang)
        shown = action if label == f"action.{action}" else label  # the reader's words, not the action's id
        return t("refused.frame", lang, step=t(f"step.{self.step}", lang), action=shown, reason=text)

    def __str__(self) -> str:
        return self.message("vi")


class StepRefused(SessionError):
    """An action out of order, or one whose guard does not hold."""

    kind = "refused"


class BadInput(SessionError):
    """Input that cannot be understood: a malformed file, marks string or argument."""

    kind = "bad_input"


class Conflict(SessionError):
    """Another writer appended first; reload and decide again."""

    kind = "conflict"


class Unavailable(SessionError):
    """The store cannot take the write now (server gone, disk full, locked by another program).

    ``unsent`` holds the records the failed append carried: they may or may not have
    landed (a connection lost during COMMIT), so a retry goes through ``session.resend``.
    """

    kind = "unavailable"

    def __init__(self, key: str, *, unsent: tuple = (), **params: Any):
        super().__init__(key, **params)
        self.unsent = unsent
        """Records of the append that failed (empty for a failed read)."""


class TamperDetected(SessionError):
    """The log does not check at ``seq``: its hash chain, or the rules (``session.admissible``)."""

    kind = "tamper"

    def __init__(self, key: str, *, seq: int | None, verdict: Any = None, **params: Any):
        super().__init__(key, seq=seq, **params)
        self.seq = seq
        """The first seq that does not check."""
        self.verdict = verdict
        """The ``session.log.Verdict`` that found it, when there is one: it says why in any language."""

    @classmethod
    def of(cls, verdict: Any) -> TamperDetected:
        """The error for a broken verdict."""
        return cls(verdict.reason, seq=verdict.bad_seq, verdict=verdict, found=verdict.found)

    def message(self, lang: str = "vi") -> str:
        """"Log tampered: " and why, naming the seq."""
        why = self.verdict.explain(lang) if self.verdict is not None else t(self.key, lang, **self.params)
        return t("log.broken", lang, reason=why)
