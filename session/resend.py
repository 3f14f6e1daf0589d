"""Sending an action again after the store was unavailable, without recording it twice.

A connection lost during COMMIT leaves the writer not knowing whether its events
landed. Deciding the command again would then record a second ballot. Instead the
events that failed (``Unavailable.unsent``) are looked for by hash: each hash covers
the time and the previous hash, so finding it means exactly that write landed.
"""

from __future__ import annotations

from collections.abc import Sequence

from session.commands import Command
from session.errors import Conflict
from session.events import Actor, Recorded
from session.service import SessionService


def resend(service: SessionService, command: Command, actor: Actor, unsent: Sequence[Recorded]) -> list[Recorded]:
    """The events of ``command``: those of the failed append if they landed, else newly recorded ones.

    Not finding them does not prove they did not land: the server may still be finishing the COMMIT whose answer
    was lost. So the very same records go again, at the same seq: if the first write landed meanwhile, the store
    refuses them as a conflict and they are found; only if another writer took that seq is the command decided anew.
    """
    if not unsent:
        return service.handle(command, actor)
    if _landed(service, unsent):
        return list(unsent)
    try:
        service.store.append(service.session_id, unsent[0].seq - 1, unsent)
    except Conflict:
        if _landed(service, unsent):
            return list(unsent)
        return service.handle(command, actor)
    service.refresh()
    return list(unsent)


def _landed(service: SessionService, unsent: Sequence[Recorded]) -> bool:
    """Whether the store holds exactly ``unsent`` at their seqs (folded into the service's state when it does)."""
    stored = service.store.load(service.session_id, after=unsent[0].seq - 1)[: len(unsent)]
    if [r.hash for r in stored] != [r.hash for r in unsent]:
        return False
    service.refresh()
    return True
