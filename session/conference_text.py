"""Strict reading of a conference file's values: known keys only, NFC text, nothing invisible, lengths that print.

Every check names where it failed (``persons[2].name``) so an office can fix the
file; the nearest known key is offered for a typo (``rule`` → ``rules``).
"""

from __future__ import annotations

import difflib
import unicodedata
from datetime import date
from typing import Any

from session.errors import BadInput

MAX_LENGTH = {"id": 32, "key": 64, "name": 80, "position": 160, "posts": 160, "title": 300, "body": 200, "place": 200, "timezone": 64, "colour": 40}
"""Longest text per key that the ballot and the minutes can print (a name on one line of a ballot row)."""
INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
"""Unicode categories never allowed: controls, format marks (zero-width space, BOM …), unassigned."""


def nfc(value: Any) -> Any:
    """Every string in ``value`` (keys too) in NFC: two spellings of one name become one."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def only_known(table: dict[str, Any], known: tuple[str, ...], where: str) -> None:
    """Refuse a key not in ``known``, naming it and the nearest known key."""
    for key in table:
        if key not in known:
            near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            if near:
                raise BadInput("file.unknown_key_near", where=where, name=key, near=near[0])
            raise BadInput("file.unknown_key", where=where, name=key, known=", ".join(known))


def clean_text(value: str, where: str, key: str) -> str:
    """``value`` stripped, refused if it holds an invisible character or is longer than ``MAX_LENGTH[key]``."""
    text = value.strip()
    # str.isprintable is false exactly for the categories refused below (C*, Z* but the ASCII space): a clean
    # value, nearly every one, skips the per-character walk that names the character at fault.
    clean = text.isprintable() and not (key == "id" and " " in text)
    for char in "" if clean else text:
        category = unicodedata.category(char)
        if category in INVISIBLE or (category == "Zs" and char != " ") or (key == "id" and char == " "):
            raise BadInput("file.invisible", where=where, code=f"{ord(char):04X}", value=text.encode("unicode_escape").decode("ascii"))
    most = MAX_LENGTH.get(key)
    if most is not None and len(text) > most:
        raise BadInput("file.too_long", where=where, got=len(text), most=most)
    # Printable text holds no whitespace but the ASCII space: only a double one needs collapsing.
    return " ".join(text.split()) if "  " in text else text


def text(row: dict[str, Any], key: str, where: str, *, default: str | None = None) -> str:
    """The text at ``key``: present (unless a default is given), a string, clean."""
    value = row.get(key, default)
    if value is None:
        raise BadInput("file.missing", where=where)
    if not isinstance(value, str):
        raise BadInput("file.wrong_type", where=where, expected="text", value=repr(value))
    cleaned = clean_text(value, where, key)
    if not cleaned and default is None:
        raise BadInput("file.missing", where=where)
    return cleaned


def day(row: dict[str, Any], key: str, where: str) -> date:
    """An ISO date (TOML dates arrive as ISO strings)."""
    value = row.get(key)
    if value is None:
        raise BadInput("file.missing", where=where)
    try:
        if isinstance(value, str) and len(value) == 10:
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise BadInput("file.bad_date", where=where, value=repr(value))


def flag(row: dict[str, Any], key: str, where: str) -> bool:
    """A true/false setting, false when absent."""
    value = row.get(key, False)
    if not isinstance(value, bool):
        raise BadInput("file.wrong_type", where=where, expected="true/false", value=repr(value))
    return value


def whole(row: dict[str, Any], key: str, where: str, default: int) -> int:
    """A positive integer setting."""
    value = row.get(key, default)
    if type(value) is not int or value < 1:
        raise BadInput("file.not_positive", where=where)
    return value


def table(data: dict[str, Any], key: str, *, optional: bool = False) -> dict[str, Any]:
    """The sub-table ``key``."""
    value = data.get(key)
    if value is None and optional:
        return {}
    if not isinstance(value, dict):
        raise BadInput("file.missing_table", where=key)
    return value


def rows(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The array of tables ``[[key]]``."""
    found = data.get(key, [])
    if not isinstance(found, list) or not all(isinstance(r, dict) for r in found):
        raise BadInput("file.wrong_type", where=key, expected=f"[[{key}]]", value=type(found).__name__)
    return found


def same_name_key(name: str) -> str:
    """What two spellings of one person's name share: case and spacing aside."""
    return " ".join(name.casefold().split())
