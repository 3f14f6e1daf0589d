"""PINs of counting-team members: set by a member's first station action, checked on every later one.

A PIN is never in the log: the log is exported, replayed and archived, and anyone
holding it could search a four-digit PIN's hash in seconds. It lives in a PIN store
(``session.ports.PinStore``, a table beside the events) as a salted scrypt hash.
``PinGate`` is what the service asks before appending a station's events: the
member's own PIN for every station action, and the head's for the head's decisions
(resolving a mismatch, correcting a ballot, counting a foreign ballot invalid).

A reset by the chair is an event (``PinReset``, no secret in it): a PIN set before
the member's last reset no longer counts, so the reset takes effect on every
terminal the moment its event is read, whatever the PIN store still holds.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from session.commands import Command
from session.errors import StepRefused
from session.events import Actor
from session.state import SessionState

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
"""scrypt cost: about 50 ms and 16 MiB per check on a 2-core machine (bench/pin_check.py): a station waits
once per sign-in, while a stolen table costs an attacker the same per guess and per member (own salt)."""
SCHEME = f"scrypt:{SCRYPT_N}:{SCRYPT_R}:{SCRYPT_P}"
"""Written beside each hash, so the cost can be raised later without losing the PINs already set."""
MAX_TRIES = 5
"""Wrong PINs in a row before the member is locked out."""
LOCKOUT_SECONDS = 60
"""How long a lockout lasts."""
PIN_LENGTH = (4, 12)
"""Shortest and longest PIN a member may set (digits only)."""


@dataclass(frozen=True)
class PinRecord:
    """What the PIN store keeps for one member of one session; never the PIN itself."""

    scheme: str
    """``scrypt:N:r:p`` the hash was made with."""
    salt: str
    """Random salt (hex), one per PIN set."""
    digest: str
    """scrypt(PIN, salt) (hex)."""
    since: int
    """Seq of the log when the PIN was set: a ``PinReset`` recorded after it voids the PIN."""
    failures: int = 0
    """Wrong PINs in a row since the last right one."""
    locked_until: float = 0.0
    """POSIX time before which every try is refused."""


@dataclass(frozen=True)
class Credentials:
    """The PINs typed or given for one action; held only in the memory of the terminal that asked."""

    pin: str | None = None
    """The PIN of the member at the station (``TINNHIEM_PIN``)."""
    head_pin: str | None = None
    """The head's PIN, for the head's decisions (``TINNHIEM_HEAD_PIN``)."""


def hash_pin(pin: str, salt: bytes, scheme: str = SCHEME) -> str:
    """scrypt of ``pin`` under ``salt`` with the cost ``scheme`` names (hex)."""
    _, n, r, p = scheme.split(":")
    n_, r_, p_ = int(n), int(r), int(p)
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n_, r=r_, p=p_, maxmem=256 * n_ * r_ * p_ + 2**20,
                          dklen=32).hex()


def new_record(pin: str, since: int) -> PinRecord:
    """A freshly salted hash of ``pin``."""
    salt = os.urandom(16)
    return PinRecord(SCHEME, salt.hex(), hash_pin(pin, salt), since)


def matches(record: PinRecord, pin: str) -> bool:
    """Whether ``pin`` is the one ``record`` was made from (constant-time comparison)."""
    return hmac.compare_digest(hash_pin(pin, bytes.fromhex(record.salt), record.scheme), record.digest)


def head_confirmer(command: Command) -> str:
    """The head named as confirming ``command`` (``confirmed_by``), or ``""``."""
    return getattr(command, "confirmed_by", "") or ""


class PinGate:
    """Checks (or sets, on a member's first action) the PINs an action needs; a wrong one is a refusal."""

    def __init__(self, store, session_id: str, clock: Callable[[], datetime]):
        self.store = store
        """The PIN store (``session.ports.PinStore``)."""
        self.session_id = session_id
        """Whose PINs."""
        self.clock = clock
        """Time for the lockout."""
        self._known: dict[str, tuple[int, str, str]] = {}
        """member → (since, salt, fast keyed hash) of the PIN this process checked right: the next action of
        the same terminal costs neither scrypt nor a read of the store, until a reset of that member is read."""

    def admit(self, state: SessionState, command: Command, actor: Actor, credentials: Credentials | None) -> None:
        """Refuse ``command`` unless the PINs it needs are right; the member's first action sets theirs."""
        credentials = credentials or Credentials()

        def refuse(key: str, **params: object) -> StepRefused:
            return StepRefused(key, step=state.step, action=command.ACTION, **params)

        if actor.role == "station":
            self.check(state, actor.name, credentials.pin, refuse, may_set=True)
        head = head_confirmer(command)
        if head:
            own = actor.role == "station" and head == actor.name
            pin = credentials.head_pin or (credentials.pin if own else None)
            self.check(state, head, pin, refuse, may_set=False, as_head=True)

    def verify(self, state: SessionState, member: str, pin: str) -> None:
        """At a station's opening: ``member``'s PIN is ``pin`` (or becomes it, when none is set), else a refusal."""
        self.check(state, member, pin, lambda key, **p: StepRefused(key, step=state.step, action="signin", **p),
                   may_set=True)

    def has_pin(self, state: SessionState, member: str) -> bool:
        """Whether ``member`` has a PIN in force (else their next station action sets one)."""
        return self._current(state, member) is not None

    def check(self, state: SessionState, member: str, pin: str | None, refuse: Callable[..., StepRefused], *,
              may_set: bool, as_head: bool = False) -> None:
        """``member``'s PIN is ``pin``, or (``may_set``, none set yet) becomes it; else a refusal naming them."""
        name = _name(state, member)
        prefix = "pin.head_" if as_head else "pin."
        if not pin:
            raise refuse(prefix + "needed", name=name)
        known = self._known.get(member)
        if known and state.pin_resets.get(member, 0) <= known[0] and hmac.compare_digest(known[2], _fast(known[1], pin)):
            return
        record = self._current(state, member)
        if record is None:
            if not may_set:
                raise refuse("pin.head_unset", name=name)
            self._set(state, member, pin, name, refuse)
            return
        now = self.clock().timestamp()
        if record.locked_until > now:
            raise refuse("pin.locked", name=name, seconds=int(record.locked_until - now) + 1)
        failures = 0 if record.locked_until else record.failures  # a lockout served starts the count again
        if matches(record, pin):
            if failures or record.locked_until:
                self.store.swap_pin(self.session_id, member, record, replace(record, failures=0, locked_until=0.0))
            self._remember(member, record, pin)
            return
        failures += 1
        locked = now + LOCKOUT_SECONDS if failures >= MAX_TRIES else 0.0
        # Lost to another terminal's write (its own wrong try, or a new PIN): that one stands.
        self.store.swap_pin(self.session_id, member, record,
                            replace(record, failures=0 if locked else failures, locked_until=locked))
        if locked:
            raise refuse("pin.locked", name=name, seconds=LOCKOUT_SECONDS)
        raise refuse(prefix + "wrong", name=name, left=MAX_TRIES - failures)

    def _current(self, state: SessionState, member: str) -> PinRecord | None:
        """The member's PIN record, unless a reset recorded after it was set voids it."""
        record = self.store.get_pin(self.session_id, member)
        if record is None or state.pin_resets.get(member, 0) > record.since:
            return None
        return record

    def _set(self, state: SessionState, member: str, pin: str, name: str, refuse: Callable[..., StepRefused]) -> None:
        low, high = PIN_LENGTH
        if not (pin.isascii() and pin.isdigit() and low <= len(pin) <= high):
            raise refuse("pin.bad_form", name=name, low=low, high=high)
        record = new_record(pin, state.seq)
        if not self.store.swap_pin(self.session_id, member, self.store.get_pin(self.session_id, member), record):
            raise refuse("pin.set_race", name=name)  # another terminal set it a moment ago: try with that PIN
        self._remember(member, record, pin)

    def _remember(self, member: str, record: PinRecord, pin: str) -> None:
        self._known[member] = (record.since, record.salt, _fast(record.salt, pin))


def _fast(salt: str, pin: str) -> str:
    return hmac.new(bytes.fromhex(salt), pin.encode("utf-8"), "sha256").hexdigest()


def _name(state: SessionState, member: str) -> str:
    voter = state.conference.voter(member)
    return f"{voter.name} ({member})" if voter else member or "-"
