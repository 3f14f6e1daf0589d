"""The domain core of tinnhiem: pure Python, no UI and no database.

Commands go through ``decide(state, command) -> events``; events go through
``evolve(state, event) -> state``; replay is a fold of ``evolve`` over the log.
"""

from session import counting  # noqa: E402,F401  (registers the counting stations' commands and events)
from session import trust  # noqa: E402,F401  (registers station trust: sign-in, PIN resets, independence)
