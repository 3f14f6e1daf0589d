"""The interface's strings: the domain catalogue plus each screen's own entries.

Screens register their strings here at import (``register``), so every string the
user sees still goes through ``t`` and one language switch reaches all of them.
"""

from __future__ import annotations

from session.i18n import CATALOGUE, LANGS, t

__all__ = ["LANGS", "register", "t"]


def register(entries: dict[str, tuple[str, str]]) -> None:
    """Add ``key → (Vietnamese, English)`` entries; a key may not be defined twice."""
    clash = set(entries) & set(CATALOGUE)
    if clash:
        raise ValueError(f"i18n keys defined twice: {sorted(clash)}")
    CATALOGUE.update(entries)


register({
    "ui.refused": ("Không thực hiện được", "Refused"),
})
