"""The names the SQL speaks of, importable without SQLAlchemy: ``storage.models`` declares the tables by them."""

from __future__ import annotations

SCHEMA_VERSION = 1
"""Version of the tables in ``storage.models``; a database of a newer version is refused."""

META, SESSIONS, EVENTS, LOCKS = "meta", "sessions", "events", "locks"
"""Table names: facts about the database, sessions, their events, and the chair locks."""

TABLES = frozenset({META, SESSIONS, EVENTS, LOCKS})
"""Every table a database must have before it is used without creating the schema."""
