"""The same commands with --db a PostgreSQL URL (skipped with its reason when no server is set up)."""

from __future__ import annotations

import json
import re

from tests.cli.support import SAMPLE, cli


def test_new_do_export_verify_on_postgresql(pg_url, tmp_path):
    run = cli("new", SAMPLE, "--db", pg_url)
    assert run.code == 0, run.text
    session = re.search(r"phiên (\w+)", run.out).group(1)
    at = ["--db", pg_url, "--session", session]
    assert cli("do", *at, "next").code == 0
    assert cli("do", *at, "ballot", "33").code == 3
    assert json.loads(cli("do", *at, "status", "--format", "json").out) == {
        "step": "roll_call", "allowed": ["present", "absent", "next"]}
    exported = cli("export", *at)
    assert len(exported.out.splitlines()) == 2
    (tmp_path / "log.jsonl").write_text(exported.out, encoding="utf-8")
    head = json.loads(exported.out.splitlines()[-1])["hash"]
    for source in ([tmp_path / "log.jsonl"], at):
        run = cli("verify", *source)
        assert run.code == 0 and head in run.out, run.text
