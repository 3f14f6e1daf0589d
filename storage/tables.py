"""The names the SQL speaks of, importable without SQLAlchemy: ``storage.models`` declares the tables by them."""

from __future__ import annotations

SCHEMA_VERSION = 1
"""Version of the tables in ``storage.models``; a database of a newer version is refused."""

META, SESSIONS, EVENTS, LOCKS, PINS = "meta", "sessions", "events", "locks", "pins"
"""Table names: facts about the database, sessions, their events, the chair locks, and the members' PIN hashes."""

TABLES = frozenset({META, SESSIONS, EVENTS, LOCKS, PINS})
"""Every table a database must have before it is used without creating the schema."""
