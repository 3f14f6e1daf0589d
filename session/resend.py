"""Sending an action again after the store was unavailable, without recording it twice.

A connection lost during COMMIT leaves the writer not knowing whether its events
landed. Deciding the command again would then record a second ballot. Instead the
events that failed (``Unavailable.unsent``) are looked for by hash: each hash covers
the time and the previous hash, so finding it means exactly that write landed.
"""

from __future__ import annotations

from collections.abc import Sequence

from session.commands import Command
from session.events import Actor, Recorded
from session.service import SessionService


def resend(service: SessionService, command: Command, actor: Actor, unsent: Sequence[Recorded]) -> list[Recorded]:
    """The events of ``command``: those of the failed append if they landed, else newly recorded ones."""
    if unsent:
        stored = service.store.load(service.session_id, after=unsent[0].seq - 1)[: len(unsent)]
        if [r.hash for r in stored] == [r.hash for r in unsent]:
            service.refresh()
            return stored
    return service.handle(command, actor)
