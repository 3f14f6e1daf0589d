"""The interface's strings: the domain catalogue plus each screen's own entries.

Screens register their strings here at import (``register``), so every string the
user sees still goes through ``t`` and one language switch reaches all of them.
"""

from __future__ import annotations

from session.i18n import LANGS, register, t

__all__ = ["LANGS", "register", "t"]

register({
    "ui.refused": ("Không thực hiện được", "Refused"),
})
