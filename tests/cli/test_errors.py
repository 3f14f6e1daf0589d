"""Bad input of every kind ends with a message and exit 2 (never a traceback); nothing is created by a read."""

from __future__ import annotations

import pytest

from tests.cli.support import SAMPLE, cli, sh


@pytest.fixture
def junk(tmp_path):
    """A folder with a text file, a sub-folder and nothing else."""
    (tmp_path / "notes.txt").write_text("not a database\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return tmp_path


CASES = {
    "do on a missing file": (["do", "--db", "{tmp}/none.db", "status"], "none.db"),
    "do in a missing folder": (["do", "--db", "{tmp}/nowhere/x.db", "next"], "x.db"),
    "do on a folder": (["do", "--db", "{tmp}/folder", "status"], "folder"),
    "do on a text file": (["do", "--db", "{tmp}/notes.txt", "status"], "notes.txt"),
    "do on an unreachable server": (["do", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "status"], "127.0.0.1"),
    "results on a missing file": (["results", "--db", "{tmp}/none.db", "--format", "json"], "none.db"),
    "export on a missing file": (["export", "--db", "{tmp}/none.db"], "none.db"),
    "verify without a log": (["verify"], "--db"),
    "verify on a missing database": (["verify", "--db", "{tmp}/none.db"], "none.db"),
    "replay on a missing database": (["replay", "--db", "{tmp}/none.db", "--format", "json"], "none.db"),
    "new in a missing folder": (["new", str(SAMPLE), "--db", "{tmp}/nowhere/x.db"], "nowhere"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_exits_2_with_a_message(case, junk):
    argv, named = CASES[case]
    run = cli(*(a.format(tmp=junk) for a in argv))
    assert run.code == 2, run.text
    assert named in run.err, run.err
    assert sorted(p.name for p in junk.iterdir()) == ["folder", "notes.txt"], "nothing created"


def test_unknown_session_names_the_known_ones(fresh_db):
    run = cli("do", "--db", fresh_db, "--session", "nope", "status")
    assert run.code == 2 and "nope" in run.err


def test_export_to_a_missing_folder(fresh_db, tmp_path):
    run = cli("export", "--db", fresh_db, "-o", tmp_path / "nowhere" / "log.jsonl")
    assert run.code == 2 and "log.jsonl" in run.err


@pytest.mark.parametrize(("content", "code"), [("", 4), ("hello\n", 4)], ids=["empty", "not json"])
def test_verify_a_file_that_is_not_a_log(content, code, tmp_path):
    (tmp_path / "log.jsonl").write_text(content, encoding="utf-8")
    run = cli("verify", tmp_path / "log.jsonl")
    assert run.code == code and run.out.strip(), run.text


def test_no_traceback_as_a_separate_process(junk):
    run = sh("do", "--db", "notes.txt", "status", cwd=junk)
    assert run.code == 2 and "Traceback" not in run.err
    assert run.err.startswith("Không mở được cơ sở dữ liệu notes.txt")
    run = sh("--lang", "en", "do", "--db", "none.db", "status", cwd=junk)
    assert run.code == 2 and run.err.strip() == "No session in none.db; create one with “tinnhiem new”."
    assert not (junk / "none.db").exists()


@pytest.mark.parametrize(("argv", "vi", "en"), [
    (["results", "--db", "x.db", "--format", "xml"], "«tinnhiem results»: --format không nhận 'xml'", "“tinnhiem results”: --format cannot be 'xml'"),
    (["frob"], "«tinnhiem»: COMMAND không nhận 'frob'", "“tinnhiem”: COMMAND cannot be 'frob'"),
    (["new", "--db", "x.db"], "«tinnhiem new» thiếu CONFERENCE.toml|.xlsx|.csv. Cú pháp: tinnhiem new", "“tinnhiem new” needs CONFERENCE.toml|.xlsx|.csv. Usage:"),
    (["replay", "log.jsonl", "--to", "x"], "«tinnhiem replay»: --to cần một số nguyên", "“tinnhiem replay”: --to needs a whole number"),
], ids=["bad choice", "unknown command", "missing file", "not a number"])
def test_command_line_mistakes_in_the_users_language(argv, vi, en, tmp_path):
    run = cli(*argv)
    assert run.code == 2 and run.err.startswith(vi), run.err
    run = cli(*argv, "--lang", "en")
    assert run.code == 2 and run.err.startswith(en), run.err
    assert not (tmp_path / "x.db").exists()
