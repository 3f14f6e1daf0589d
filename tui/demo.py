"""The demo session: the sample conference in a SQLite file under the user's data folder."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from platformdirs import user_data_path

from session.conference import to_plain
from session.service import SessionService
from tui.wiring import open_store


def sample_conference() -> dict:
    """The bundled sample conference as plain data."""
    text = resources.files("tui.data").joinpath("demo.toml").read_text(encoding="utf-8")
    return to_plain(tomllib.loads(text))


def demo_db(db: str | None = None, fresh: bool = False) -> str:
    """The demo database path, holding a demo session (created on first use or when ``fresh``)."""
    path = Path(db) if db else user_data_path("tinnhiem") / "demo.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(str(path))
    if fresh or not store.sessions():
        SessionService.create(store, sample_conference())
    return str(path)
