"""Upcasters: how a stored payload of an older event version is read by today's code.

The log is never rewritten: its hashes cover the bytes as stored. When an event
class's ``VERSION`` goes up, register one function per step (v → v+1) here; every
read (``events.decode``) then brings old payloads up to date one step at a time, and ``missing()``
lets a test prove that no version step lacks its upcaster.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from session.events import REGISTRY, UPCASTERS

Payload = dict[str, Any]


def upcaster(type_name: str, from_version: int) -> Callable[[Callable[[Payload], Payload]], Callable[[Payload], Payload]]:
    """Register ``fn`` as the step of ``type_name`` from ``from_version`` to the next version."""

    def add(fn: Callable[[Payload], Payload]) -> Callable[[Payload], Payload]:
        key = (type_name, from_version)
        if key in UPCASTERS:
            raise ValueError(f"upcaster {key} registered twice")
        UPCASTERS[key] = fn
        return fn

    return add


def missing() -> list[tuple[str, int]]:
    """(type, version) steps below a class's VERSION that have no upcaster: must be empty."""
    return [(name, v) for name, cls in REGISTRY.items() for v in range(1, cls.VERSION) if (name, v) not in UPCASTERS]


@upcaster("session_created", 1)
def _eligibility_of_the_first_release(payload: Payload) -> Payload:
    # The first release left off, under every pack, whoever had under 9 months in post.
    return {**payload, "eligibility": "months_in_post"}
