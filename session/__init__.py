"""The domain core of tinnhiem: pure Python, no UI and no database.

Commands go through ``decide(state, command) -> events``; events go through
``evolve(state, event) -> state``; replay is a fold of ``evolve`` over the log.
"""

# Importing registers the counting stations' commands and events, and station trust (sign-in, PIN resets, independence).
from session import counting, trust  # noqa: F401
