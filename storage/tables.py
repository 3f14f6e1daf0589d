"""The names the SQL speaks of, importable without SQLAlchemy: ``storage.models`` declares the tables by them."""

from __future__ import annotations

SCHEMA_VERSION = 1
"""Version of the tables in ``storage.models``; a database of a newer version is refused."""

META, SESSIONS, EVENTS, LOCKS, PINS, SCANS = "meta", "sessions", "events", "locks", "pins", "scans"
"""Table names: facts about the database, sessions, their events, the chair locks, the members' PIN hashes, and
the scanned ballots' images."""

TABLES = frozenset({META, SESSIONS, EVENTS, LOCKS, PINS, SCANS})
"""Every table a database must have before it is used without creating the schema."""
