"""A forged middle: one ballot rewritten (still a ballot the rules allow) and the chain recomputed after it.

Chain and rules both pass: only the code printed on the signed minutes can tell. ``verify --digest``
with that code refuses the forgery alike on a ``.jsonl``, a ``--db`` and a ``.zip``.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

import pytest

from tests.audit import forger
from tui.cli import main

CODE = re.compile(r"\b([A-Z2-7]{4}(?:-[A-Z2-7]{4}){4})/(\d+)\b")


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture
def printed(sample_db, capsys) -> str:
    """The code as it stands on the paper minutes of the genuine session."""
    assert main(["print", "minutes", "--db", sample_db, "--format", "text"]) == 0
    return CODE.search(capsys.readouterr().out).group(0)


def rewritten(rows: list[dict]) -> list[dict]:
    ballot = next(r for r in rows if r["type"] == "ballot_recorded" and r["payload"]["marks"] == "11")
    ballot["payload"]["marks"] = "33"
    return forger.rehash(rows)


def test_the_forgery_passes_chain_and_rules_so_the_paper_is_the_proof(sample_log, tmp_path, capsys):
    forged = forger.write_rows(tmp_path / "f.jsonl", rewritten(forger.read_rows(sample_log)))
    code, said = run(capsys, "verify", str(forged))
    assert code == 0, said


@pytest.mark.parametrize("where", ["jsonl", "db", "zip"])
def test_verify_digest_refuses_the_forged_middle(where, sample_db, sample_log, printed, tmp_path, capsys):
    rows = rewritten(forger.read_rows(sample_log))
    if where == "jsonl":
        source = [str(forger.write_rows(tmp_path / "f.jsonl", rows))]
    elif where == "db":
        forger.db_replace(sample_db, "sample", rows)
        source = ["--db", sample_db]
    else:
        assert main(["archive", "--db", sample_db, "-o", str(tmp_path / "a.zip")]) == 0
        source = [str(_rezip(tmp_path / "a.zip", tmp_path / "f.zip", rows))]
    code, said = run(capsys, "--lang", "en", "verify", *source, "--digest", printed)
    assert code == 4
    assert printed.split("/")[0] in said and ("nowhere in this log" in said or "do not match" in said)


@pytest.mark.parametrize("where", ["jsonl", "db", "zip"])
def test_the_genuine_log_matches_its_printed_code(where, sample_db, sample_log, printed, tmp_path, capsys):
    if where == "zip":
        assert main(["archive", "--db", sample_db, "-o", str(tmp_path / "a.zip")]) == 0
    source = {"jsonl": [str(sample_log)], "db": ["--db", sample_db], "zip": [str(tmp_path / "a.zip")]}[where]
    code, said = run(capsys, "--lang", "en", "verify", *source, "--digest", printed)
    assert code == 0 and "match the log" in said, said


def _rezip(genuine, out, rows):
    """The archive with its log replaced and its manifest recomputed, as a forger would with zipfile and sha256."""
    with zipfile.ZipFile(genuine) as bundle:
        files = {name: bundle.read(name) for name in bundle.namelist()}
    files["log.jsonl"] = forger.write_rows(out.with_suffix(".jsonl"), rows).read_bytes()
    listed = {n: d for n, d in files.items() if n != "MANIFEST.sha256"}
    files["MANIFEST.sha256"] = "".join(f"{hashlib.sha256(listed[n]).hexdigest()}  {n}\n" for n in sorted(listed)).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    out.write_bytes(buf.getvalue())
    return out
