"""The archive bundle: a zip of the log, minutes, results, rule pack and scans with a SHA-256 manifest.

``bundle`` writes it from file contents the caller prepares; ``check`` reads one
back and names every file that is missing, altered or unlisted. The log's own
hash chain is checked by the caller with ``session.log.verify``.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field

import session.paper  # noqa: F401  (registers the document strings)
from session.i18n import t

LOG = "log.jsonl"
MINUTES_PDF = "bien-ban-kiem-phieu.pdf"
MINUTES_TXT = "bien-ban-kiem-phieu.txt"
RESULTS_JSON = "ket-qua.json"
RESULTS_CSV = "ket-qua.csv"
RULES_JSON = "quy-dinh.json"
MANIFEST = "MANIFEST.sha256"
VERIFY = "VERIFY.txt"
FIXED_TIME = (2000, 1, 1, 0, 0, 0)
"""Zip entry time: the same contents always give the same bytes."""


def sha256(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def manifest(files: dict[str, bytes]) -> str:
    """``sha256sum`` format, one ``HEX  NAME`` line per file, sorted by name (``sha256sum -c`` reads it)."""
    return "".join(f"{sha256(files[name])}  {name}\n" for name in sorted(files))


SCANS = "scans/"
"""Folder of the scanned ballots' images: ``scans/<sha256>-<name as scanned>``."""


def add_scans(files: dict[str, bytes], digests: list[str], image) -> list[str]:
    """Put the images of ``digests`` (``image(sha)`` → a ``storage.scans.Scan`` or None) into ``files``; the digests
    not found, in order."""
    missing = []
    for sha in digests:
        found = image(sha)
        if found is None:
            missing.append(sha)
            continue
        safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in found.name.rsplit("/", 1)[-1])[:80]
        files[f"{SCANS}{sha}-{safe}"] = found.data
    return missing


def verify_text(session_id: str, code: str) -> str:
    """VERIFY.txt: how to check the bundle, in Vietnamese then English."""
    return "\n".join(t("archive.verify_txt", lang, session=session_id, code=code, log=LOG, manifest=MANIFEST)
                     for lang in ("vi", "en")) + "\n"


def bundle(files: dict[str, bytes], session_id: str, code: str) -> bytes:
    """The zip: ``files``, VERIFY.txt, and MANIFEST.sha256 covering both."""
    contents = dict(files)
    contents[VERIFY] = verify_text(session_id, code).encode("utf-8")
    contents[MANIFEST] = manifest(contents).encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(contents):
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, contents[name])
    return buf.getvalue()


@dataclass
class ArchiveCheck:
    """What ``check`` found."""

    files: dict[str, bytes] = field(default_factory=dict)
    """Every file in the zip by name."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(message key, file name) for each file missing, altered or not in the manifest."""

    @property
    def ok(self) -> bool:
        """True when the manifest holds for every file."""
        return not self.problems

    def messages(self, lang: str = "vi") -> list[str]:
        """The problems as sentences."""
        return [t(key, lang, name=name) for key, name in self.problems]


def check(data: bytes) -> ArchiveCheck:
    """Read the zip and compare every file with MANIFEST.sha256."""
    result = ArchiveCheck()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            result.files = {name: zf.read(name) for name in zf.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        result.problems.append(("archive.unreadable", ""))
        return result
    if MANIFEST not in result.files:
        result.problems.append(("archive.no_manifest", MANIFEST))
        return result
    listed: dict[str, str] = {}
    for line in result.files[MANIFEST].decode("utf-8", "replace").splitlines():
        digest, _, name = line.partition("  ")
        if name:
            listed[name.strip()] = digest.strip()
    for name, digest in listed.items():
        if name not in result.files:
            result.problems.append(("archive.missing", name))
        elif sha256(result.files[name]) != digest:
            result.problems.append(("archive.bad_sum", name))
    for name in sorted(set(result.files) - set(listed) - {MANIFEST}):
        result.problems.append(("archive.unlisted", name))
    for name in (LOG, VERIFY):
        if name not in listed and name not in result.files:
            result.problems.append(("archive.missing", name))
    return result
