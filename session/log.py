"""The hash-chained log: canonical JSON, hashing, the launch code and ``verify``."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from session.errors import SessionError
from session.events import Event, Recorded
from session.i18n import t

GENESIS = "0" * 64
"""prev_hash of the first event."""


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_nfc(v) for v in value]
    return value


def _canonical_encoder() -> Callable[[Any], str]:
    """``json.dumps`` with the canonical settings, built once: every event of every load is hashed.

    ``JSONEncoder.encode`` builds a new C encoder and a cycle-check dict on each call, which costs
    as much as encoding an event; log data is plain JSON, without cycles, so the C encoder is made
    once, without the cycle check, where the interpreter has one (and it must write what ``encode`` does)."""
    settings = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return settings.encode

    encode = make(None, settings.default, json.encoder.encode_basestring, None, ":", ",", True, False, True)

    def fast(value: Any) -> str:
        return "".join(encode(value, 0))

    probe = {"b": [1, 2.5, None, True, "Bàn \"1\"\n"], "a": {"z": float("nan"), "y": -0.0}, "": 10**30}
    return fast if fast(probe) == settings.encode(probe) else settings.encode


_CANONICAL = _canonical_encoder()


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8, NFC strings: the bytes that are hashed."""
    text = _CANONICAL(value)
    # Usually every string is NFC already (seal normalises payloads): then the walk below would
    # change nothing. The JSON quotes are starters that compose with nothing, so the whole text
    # is NFC exactly when each string in it is.
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text.encode("utf-8")
    return _CANONICAL(_nfc(value)).encode("utf-8")


def _body(seq: int, type_: str, version: int, at: str, actor: dict[str, str], payload: dict[str, Any]) -> dict[str, Any]:
    return {"seq": seq, "type": type_, "version": version, "at": at, "actor": actor, "payload": payload}


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    """sha256(prev_hash ‖ canonical_json(body)) as hex."""
    return hashlib.sha256(prev_hash.encode("ascii") + canonical_json(body)).hexdigest()


def seal(seq: int, event: Event, at: str, actor: dict[str, str], prev_hash: str) -> Recorded:
    """Wrap an event in its envelope and chain it to ``prev_hash``."""
    payload = _nfc(event.payload())
    body = _body(seq, event.TYPE, event.VERSION, at, actor, payload)
    return Recorded(seq, event.TYPE, event.VERSION, at, actor, payload, prev_hash, chain_hash(prev_hash, body))


def new_launch_code() -> str:
    """A random code of 9 digits, easy to read aloud: ``482-917-305``."""
    digits = f"{secrets.randbelow(10**9):09d}"
    return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"


def short_code(head_hash: str) -> str:
    """The head digest as a label for screens: ``1A2B-3C4D``. 32 bits tell logs apart but prove nothing: a rewritten
    log can be ground to match it in minutes; paper carries ``proof_code``."""
    return f"{head_hash[:4]}-{head_hash[4:8]}".upper()


PROOF_BITS = 100
"""Bits of the digest in the code printed on paper: grinding a forged log to match it costs ~2^100 hashes."""
PROOF_CHARS = PROOF_BITS // 5
"""Base32 characters of the printed code (5 bits each)."""


def proof_code(head_hash: str) -> str:
    """The digest's first ``PROOF_BITS`` bits in base32 (A–Z, 2–7) in groups of four: ``ABCD-EFGH-IJKL-MNOP-QRST``."""
    letters = base64.b32encode(bytes.fromhex(head_hash)).decode("ascii")[:PROOF_CHARS]
    return "-".join(letters[i:i + 4] for i in range(0, PROOF_CHARS, 4))


@dataclass(frozen=True)
class Verdict:
    """What ``verify`` found."""

    ok: bool
    """True when every event checks."""
    count: int
    """Events that check, from the first."""
    head: str
    """Hash of the last event that checks (GENESIS for none)."""
    bad_seq: int | None = None
    """The first seq that does not check."""
    found: int | None = None
    """The seq actually found at that place in the log."""
    reason: str = ""
    """Message key of why it fails: ``log.bad_hash``, ``log.bad_seq``, ``log.bad_link``, ``log.bad_start``, or one of
    ``session.admissible`` (``log.refused``, ``log.not_decided`` …)."""
    refusal: SessionError | None = None
    """For ``log.refused``: the refusal ``decide`` gives the command the event implies, at its point."""
    params: dict[str, Any] = field(default_factory=dict)
    """More values the reason's message names (the event type …)."""

    def explain(self, lang: str = "vi") -> str:
        """Why the log does not check, naming the first bad seq, in ``lang``."""
        why = self.refusal.message(lang) if self.refusal is not None else ""
        return t(self.reason, lang, seq=self.bad_seq, found=self.found, why=why, **self.params)

    @property
    def code(self) -> str:
        """Short code of the head digest (a label for screens)."""
        return short_code(self.head)

    @property
    def proof(self) -> str:
        """The head digest's code as printed on paper (``proof_code``)."""
        return proof_code(self.head)


def record_hash(rec: Recorded, actor_json: str | None = None) -> str:
    """The hash ``rec`` must carry: ``chain_hash`` of its envelope after ``rec.prev_hash``.

    The envelope's canonical JSON is put together from its parts (its keys in sorted order, the payload and
    the actor encoded alone, the actor's text given by a caller that has it already), which costs half of
    encoding the whole; a part not of the type the log writes, or a text not NFC, takes the general way."""
    seq, version, at, type_ = rec.seq, rec.version, rec.at, rec.type
    if type(seq) is int and type(version) is int and type(at) is str and type(type_) is str:
        actor = _CANONICAL(rec.actor) if actor_json is None else actor_json
        text = (f'{{"actor":{actor},"at":{_string(at)},"payload":{_CANONICAL(rec.payload)},"seq":{seq},'
                f'"type":{_string(type_)},"version":{version}}}')
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return hashlib.sha256(rec.prev_hash.encode("ascii") + text.encode("utf-8")).hexdigest()
    return chain_hash(rec.prev_hash, _body(seq, type_, version, at, rec.actor, rec.payload))


_string = json.encoder.encode_basestring
"""A string as the canonical encoder writes it (``ensure_ascii=False``)."""


def link_failure(rec: Recorded, expected: int, prev: str, actor_json: str | None = None) -> str | None:
    """Why ``rec`` is not the event numbered ``expected`` chained to ``prev`` (a message key), or None."""
    if rec.seq != expected:
        return "log.bad_seq"
    if rec.prev_hash != prev:
        return "log.bad_link"
    if record_hash(rec, actor_json) != rec.hash:
        return "log.bad_hash"
    return None


def chain_break(records: Sequence[Recorded], count: int = 0, prev: str = GENESIS) -> tuple[int, str] | None:
    """Where the chain of ``records``, which follow ``count`` events ending at ``prev``, first breaks:
    (its index in ``records``, the message key of why), or None when every link holds."""
    # A log has a handful of actors on thousands of events: each actor object is encoded once (the records
    # hold them, so their ids are not reused meanwhile).
    actors: dict[int, str] = {}
    for i, rec in enumerate(records):
        actor = actors.get(id(rec.actor))
        if actor is None:
            actor = actors[id(rec.actor)] = _CANONICAL(rec.actor)
        fail = link_failure(rec, count + i + 1, prev, actor)
        if fail:
            return i, fail
        prev = rec.hash
    return None


def verify(records: Iterable[Recorded]) -> Verdict:
    """Check seq order, links and hashes only; name the first event that fails.

    This proves the log unchanged since it was hashed, not that the rules wrote it:
    readers use ``session.admissible.check``, which adds that.
    """
    records = list(records)
    broken = chain_break(records)
    if records and records[0].type != "session_created" and (broken is None or broken[0] > 0):
        broken = 0, "log.bad_start"
    if broken is None:
        return Verdict(True, len(records), records[-1].hash if records else GENESIS)
    at, fail = broken
    return Verdict(False, at, records[at - 1].hash if at else GENESIS, at + 1, records[at].seq, fail)
