"""The domain core of tinnhiem: pure Python, no UI and no database.

Commands go through ``decide(state, command) -> events``; events go through
``evolve(state, event) -> state``; replay is a fold of ``evolve`` over the log.
"""

# Importing registers the counting stations' commands and events, station trust (sign-in, PIN resets, independence),
# latecomers (present until issuing ends; leaving issuing with someone unserved), held scans and what the projector
# shows of the announced results.
from session import counting, latecomers, scanning, showing, trust  # noqa: F401
