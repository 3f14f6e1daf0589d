"""The archive bundle: round trip, tampering named with exit 4, and the printed code checked against the log."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from session.errors import BadInput
from session.log import proof_code, short_code
from session.paper import locate, parse_printed_code, printed_code
from storage.paper import archive
from tests.cli.support import cli
from tests.docs.support import pages_text
from tui.wiring import load_log


@pytest.fixture(scope="module")
def bundle(minutes_db, tmp_path_factory):
    path = tmp_path_factory.mktemp("zip") / "luu-tru.zip"
    run = cli("archive", "--db", minutes_db, "-o", path)
    assert run.code == 0, run.text
    return path


def _rewrite(src, dst, change):
    """Copy the zip ``src`` to ``dst`` with ``change(files)`` applied to its name → bytes dict."""
    with zipfile.ZipFile(src) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    change(files)
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dst


def test_round_trip(bundle, minutes_db):
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
        files = {n: zf.read(n) for n in names}
    assert names == {archive.LOG, archive.MINUTES_PDF, archive.MINUTES_TXT, archive.RESULTS_JSON, archive.RESULTS_CSV,
                     archive.RULES_JSON, archive.MANIFEST, archive.VERIFY}
    assert len(files[archive.LOG].decode().splitlines()) == len(load_log(minutes_db))
    assert json.loads(files[archive.RULES_JSON])["code"] == "QD96"
    assert json.loads(files[archive.RESULTS_JSON])["persons"][1]["band"] == "two_thirds"
    assert "Hoàng Thị Mai" in files[archive.RESULTS_CSV].decode()
    assert "Bản 1/3" in pages_text(files[archive.MINUTES_PDF])[0]
    assert "BIÊN BẢN KIỂM PHIẾU" in files[archive.MINUTES_TXT].decode()
    assert "tinnhiem verify" in files[archive.VERIFY].decode() and "sha256sum -c" in files[archive.VERIFY].decode()
    run = cli("verify", bundle)
    assert run.code == 0, run.text
    assert "Gói lưu trữ nguyên vẹn: 7 tệp" in run.out and "Nhật ký nguyên vẹn" in run.out


def test_same_log_same_bytes(bundle, minutes_db, tmp_path):
    again = tmp_path / "again.zip"
    assert cli("archive", "--db", minutes_db, "-o", again).code == 0
    assert again.read_bytes() == bundle.read_bytes()


def test_one_byte_of_the_log_changed(bundle, tmp_path):
    def flip(files):
        log = bytearray(files[archive.LOG])
        at = log.index(b'"votes_for": 11') + len(b'"votes_for": 1')  # one digit of the team vote: still valid JSON
        log[at] = ord("2")
        files[archive.LOG] = bytes(log)

    run = cli("verify", _rewrite(bundle, tmp_path / "t.zip", flip))
    assert run.code == 4
    assert "Tệp log.jsonl đã bị thay đổi" in run.out
    assert "Sự kiện" in run.out and "mã băm không khớp" in run.out


def test_log_changed_and_manifest_rewritten_to_match(bundle, tmp_path):
    def forge(files):
        files[archive.LOG] = files[archive.LOG].replace(b'"votes_for": 11', b'"votes_for": 12', 1)
        del files[archive.MANIFEST]
        files[archive.MANIFEST] = archive.manifest(files).encode()

    run = cli("verify", _rewrite(bundle, tmp_path / "f.zip", forge))
    assert run.code == 4
    assert "log.jsonl" in run.out and "mã băm không khớp" in run.out and "đã bị thay đổi" not in run.out


@pytest.mark.parametrize("name", [archive.MINUTES_PDF, archive.LOG, archive.VERIFY])
def test_a_file_removed(bundle, tmp_path, name):
    run = cli("verify", _rewrite(bundle, tmp_path / "r.zip", lambda files: files.pop(name)))
    assert run.code == 4
    assert f"Thiếu tệp {name}" in run.out


def test_manifest_removed_or_file_added(bundle, tmp_path):
    run = cli("verify", _rewrite(bundle, tmp_path / "m.zip", lambda files: files.pop(archive.MANIFEST)))
    assert run.code == 4 and "Thiếu MANIFEST.sha256" in run.out
    run = cli("verify", _rewrite(bundle, tmp_path / "a.zip", lambda files: files.update({"extra.txt": b"x"})))
    assert run.code == 4 and "extra.txt" in run.out


def test_not_a_zip(tmp_path):
    path = tmp_path / "x.zip"
    path.write_bytes(b"not a zip")
    run = cli("verify", path)
    assert run.code == 4 and "Không đọc được tệp zip" in run.out


# --- the printed code against the log --------------------------------------------------------

def test_parse_printed_code():
    assert parse_printed_code("abcd-efgh-ijkl-mnop-qrst/57") == ("ABCD-EFGH-IJKL-MNOP-QRST", 57)
    assert parse_printed_code(" ABCDEFGH IJKLMNOP QRST ") == ("ABCD-EFGH-IJKL-MNOP-QRST", None)
    assert parse_printed_code("ABCD-EFGH-IJKL-MNOP-QRST 57") == ("ABCD-EFGH-IJKL-MNOP-QRST", 57)
    assert parse_printed_code("AB" * 32 + "/9") == ("ab" * 32, 9)
    for short in ("1A2B-3C4D/57", "1a2b3c4d", "ABCD-EFGH-IJKL-MNOP-QRS", "ab" * 31):
        with pytest.raises(BadInput) as refused:
            parse_printed_code(short)
        assert refused.value.key == "digest.too_short", short
    for unreadable in ("abc!", "ABCD-EFGH-IJKL-MNOP-QRST-UVWX", ""):
        with pytest.raises(BadInput) as refused:
            parse_printed_code(unreadable)
        assert refused.value.key in ("digest.bad_code", "digest.too_short"), unreadable


def test_the_printed_code_carries_at_least_96_bits_in_readable_groups():
    from session.log import PROOF_BITS, proof_code

    code = proof_code("f" * 64)
    assert PROOF_BITS >= 96 and len(code.replace("-", "")) * 5 >= 96
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{4})+", code)
    assert proof_code("0" * 63 + "1") == proof_code("0" * 64), "only the first bits are printed"
    assert proof_code("0" * 24 + "1" + "0" * 39) != proof_code("0" * 64), "the 100th bit is printed"


def _closing(records):
    """The event that closed the count (entering `minutes`): what the minutes speak for."""
    return next(r for r in records if r.type == "step_entered" and r.payload["step"] == "minutes")


def test_minutes_code_is_the_close_of_the_count_and_what_follows_is_checked(tmp_path):
    from tests.cli.support import SAMPLE, script

    db = str(tmp_path / "d.db")
    cli("new", SAMPLE, "--db", db)
    assert cli("do", "--db", db, "--script", "-", stdin=script("minutes")).code == 0
    records = load_log(db)
    code = printed_code(records[-1].hash, len(records))
    assert _closing(records) is not None and records[-1].seq == _closing(records).seq
    assert code in cli("print", "minutes", "--db", db, "--format", "text").out
    run = cli("verify", "--db", db, "--digest", code)
    assert run.code == 0 and "khớp nhật ký" in run.out
    assert cli("do", "--db", db, "--script", "-", stdin="sign v05\nsign v06\nsign v07\nnext\nannounce\n").code == 0
    assert code in cli("print", "minutes", "--db", db, "--format", "text").out, "signing changes nothing printed"
    run = cli("verify", "--db", db, "--digest", code)
    behind = len(load_log(db)) - len(records)
    assert run.code == 0 and f"{behind} sự kiện ghi sau đó" in run.out and "đúng quy tắc" in run.out
    run = cli("--lang", "en", "verify", "--db", db, "--digest", code.split("/")[0])
    assert run.code == 0 and f"the {behind} events recorded after it" in run.out and "follow the rules" in run.out


def test_the_minutes_signed_are_the_minutes_archived(tmp_path):
    from tests.cli.support import SAMPLE, script

    db = str(tmp_path / "d.db")
    cli("new", SAMPLE, "--db", db)
    assert cli("do", "--db", db, "--script", "-", stdin=script("minutes")).code == 0
    for lang in ("vi", "en"):
        signed = tmp_path / f"signed-{lang}.pdf"
        assert cli("--lang", lang, "print", "minutes", "--db", db, "-o", signed).code == 0
    text = cli("print", "minutes", "--db", db, "--format", "text").out
    assert cli("do", "--db", db, "--script", "-", stdin=script()[len(script("minutes")):]).code == 0
    zipped = tmp_path / "a.zip"
    run = cli("archive", "--db", db, "-o", zipped)
    assert run.code == 0, run.text
    with zipfile.ZipFile(zipped) as zf:
        assert zf.read(archive.MINUTES_PDF) == (tmp_path / "signed-vi.pdf").read_bytes()
        assert zf.read(archive.MINUTES_TXT).decode() == text
    records = load_log(db)
    code = printed_code(_closing(records).hash, _closing(records).seq)
    assert code in text and code in run.out, "the archive names the code on the paper signed"
    assert cli("verify", zipped, "--digest", code).code == 0
    assert cli("--lang", "en", "archive", "--db", db, "-o", tmp_path / "en.zip").code == 0
    with zipfile.ZipFile(tmp_path / "en.zip") as zf:
        assert zf.read(archive.MINUTES_PDF) == (tmp_path / "signed-en.pdf").read_bytes()


def test_unknown_later_and_unreadable_codes(minutes_db):
    records = load_log(minutes_db)
    assert locate(records, proof_code(records[2].hash), 3).status == "older"
    assert locate(records, records[2].hash).status == "older"
    run = cli("verify", "--db", minutes_db, "--digest", "AAAA-AAAA-AAAA-AAAA-AAAA")
    assert run.code == 4 and "không có trong chuỗi băm" in run.out
    run = cli("verify", "--db", minutes_db, "--digest", f"{proof_code(records[-1].hash)}/{len(records) + 5}")
    assert run.code == 4 and "biên bản mới hơn nhật ký" in run.out
    run = cli("verify", "--db", minutes_db, "--digest", "abc!")
    assert run.code == 2 and "Không đọc được mã" in run.text


@pytest.mark.parametrize("short", ["short", "label"])
def test_a_short_code_is_refused_as_proving_nothing(minutes_db, short):
    head = load_log(minutes_db)[-1].hash
    typed = short_code(head) if short == "label" else proof_code(head)[:14]
    run = cli("--lang", "en", "verify", "--db", minutes_db, "--digest", typed)
    assert run.code == 2 and "too short to prove anything" in run.text


def test_archive_refuses_a_tampered_database(tmp_path, minutes_db):
    import shutil
    import sqlite3

    db = tmp_path / "t.db"
    for suffix in ("", "-wal", "-shm"):  # WAL mode: the events may still sit in the -wal file
        if Path(minutes_db + suffix).exists():
            shutil.copy(minutes_db + suffix, str(db) + suffix)
    with sqlite3.connect(db) as conn:
        changed = conn.execute("UPDATE events SET payload = replace(payload, 'v05', 'v09') WHERE type = 'team_proposed'")
        assert changed.rowcount == 1
    run = cli("archive", "--db", db, "-o", tmp_path / "x.zip")
    assert run.code == 4 and not (tmp_path / "x.zip").exists()


def test_zip_bytes_are_deflated_and_manifest_lists_everything(bundle):
    with zipfile.ZipFile(io.BytesIO(bundle.read_bytes())) as zf:
        manifest = zf.read(archive.MANIFEST).decode()
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in zf.infolist())
    listed = {line.split("  ")[1] for line in manifest.splitlines()}
    assert listed == {archive.LOG, archive.MINUTES_PDF, archive.MINUTES_TXT, archive.RESULTS_JSON, archive.RESULTS_CSV,
                      archive.RULES_JSON, archive.VERIFY}


def test_bad_arguments_and_unwritable_output(minutes_db, tmp_path):
    assert cli("print", "ballots", "--db", minutes_db, "--copies", "0", "-o", tmp_path / "b.pdf").code == 2
    assert cli("print", "covers", "--db", minutes_db, "--batches", "0", "-o", tmp_path / "c.pdf").code == 2
    assert cli("print", "posters", "--db", minutes_db).code == 2
    run = cli("print", "ballots", "--db", minutes_db, "-o", tmp_path / "no" / "such" / "b.pdf")
    assert run.code == 2 and "b.pdf" in run.err
    run = cli("verify", tmp_path / "missing.zip")
    assert run.code == 2 and "missing.zip" in run.err


def test_minutes_from_another_point_of_the_log_are_caught(bundle, tmp_path):
    def swap(files):
        text = files[archive.MINUTES_TXT].decode()
        files[archive.MINUTES_TXT] = re.sub(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){4}/\d+", "AAAA-AAAA-AAAA-AAAA-AAAA/3", text).encode()
        del files[archive.MANIFEST]
        files[archive.MANIFEST] = archive.manifest(files).encode()

    run = cli("verify", _rewrite(bundle, tmp_path / "s.zip", swap))
    assert run.code == 4 and "không khớp nhật ký lúc kết thúc kiểm phiếu" in run.out and "AAAA-AAAA-AAAA-AAAA-AAAA/3" in run.out


def test_the_recipe_in_verify_txt_checks_the_log_without_tinnhiem(bundle):
    """Follow VERIFY.txt by hand: hashlib and json only, no project code."""
    import hashlib
    import unicodedata

    def nfc(value):
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        if isinstance(value, dict):
            return {nfc(k): nfc(v) for k, v in value.items()}
        return [nfc(v) for v in value] if isinstance(value, list) else value

    with zipfile.ZipFile(bundle) as zf:
        lines = zf.read(archive.LOG).decode().splitlines()
        manifest = zf.read(archive.MANIFEST).decode()
        assert "64 zeros" in zf.read(archive.VERIFY).decode()
    prev = "0" * 64
    for line in lines:
        event = json.loads(line)
        body = {k: event[k] for k in ("seq", "type", "version", "at", "actor", "payload")}
        canonical = json.dumps(nfc(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        assert event["prev_hash"] == prev
        prev = hashlib.sha256(prev.encode("ascii") + canonical).hexdigest()
        assert event["hash"] == prev
    assert hashlib.sha256("".join(line + "\n" for line in lines).encode()).hexdigest() in manifest
