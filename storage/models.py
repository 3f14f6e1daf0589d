"""SQLModel tables: sessions, their events, the schema version, the chair locks, PINs and scanned images.

This is the schema's single source of truth; it is imported only to create the schema
(a new database) or on PostgreSQL, never to open an existing SQLite file.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from storage.tables import EVENTS, LOCKS, META, PINS, SCANS, SCHEMA_VERSION, SESSIONS

__all__ = ["SCHEMA_VERSION", "EventRow", "LockRow", "MetaRow", "PinRow", "ScanRow", "SessionRow"]


class MetaRow(SQLModel, table=True):
    """Key/value facts about the database itself (``schema_version``)."""

    __tablename__ = META
    key: str = Field(primary_key=True)
    value: str


class SessionRow(SQLModel, table=True):
    """One session per conference run."""

    __tablename__ = SESSIONS
    id: str = Field(primary_key=True)
    created_at: str
    title: str = ""


class EventRow(SQLModel, table=True):
    """One event of a session's hash-chained log; (session_id, seq) is unique by construction."""

    __tablename__ = EVENTS
    session_id: str = Field(primary_key=True, foreign_key="sessions.id")
    seq: int = Field(primary_key=True)
    type: str
    version: int
    at: str
    actor: str
    payload: str
    prev_hash: str
    hash: str


class LockRow(SQLModel, table=True):
    """Who holds which session's console (``storage.locks``), and when it last beat."""

    __tablename__ = LOCKS
    session_id: str = Field(primary_key=True)
    role: str = Field(primary_key=True)
    holder: str
    host: str
    pid: int
    since: str
    beat: float


class PinRow(SQLModel, table=True):
    """A counting-team member's PIN as a salted scrypt hash (``session.pins``); never exported with the log."""

    __tablename__ = PINS
    session_id: str = Field(primary_key=True)
    member: str = Field(primary_key=True)
    scheme: str
    salt: str
    digest: str
    since: int
    failures: int = 0
    locked_until: float = 0.0


class ScanRow(SQLModel, table=True):
    """A scanned ballot's file (or a picture cut from one), by its sha256: the log's entries name it, never hold it."""

    __tablename__ = SCANS
    session_id: str = Field(primary_key=True)
    sha256: str = Field(primary_key=True)
    name: str
    data: bytes
