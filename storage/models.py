"""SQLModel tables: sessions, their events, and the schema version."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 1
"""Version of the tables below; a database of a newer version is refused."""


class MetaRow(SQLModel, table=True):
    """Key/value facts about the database itself (``schema_version``)."""

    __tablename__ = "meta"
    key: str = Field(primary_key=True)
    value: str


class SessionRow(SQLModel, table=True):
    """One session per conference run."""

    __tablename__ = "sessions"
    id: str = Field(primary_key=True)
    created_at: str
    title: str = ""


class EventRow(SQLModel, table=True):
    """One event of a session's hash-chained log; (session_id, seq) is unique by construction."""

    __tablename__ = "events"
    session_id: str = Field(primary_key=True, foreign_key="sessions.id")
    seq: int = Field(primary_key=True)
    type: str
    version: int
    at: str
    actor: str
    payload: str
    prev_hash: str
    hash: str
