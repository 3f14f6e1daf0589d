"""Help text, and the README's command-line section against the real parser."""

from __future__ import annotations

import re
import shlex

import pytest

import tui.cli.paper  # noqa: F401  (registers its sub-commands before the parametrization below)
from tests.cli.support import ROOT, cli, sh
from tui.actions import ACTIONS
from tui.cli import COMMANDS, build_parser
from tui.cli.io import EXIT_BAD, EXIT_OK, EXIT_REFUSED, EXIT_TAMPER

README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## The command line", 1)[1].split("\n## ", 1)[0]


def _subparsers() -> dict:
    parser = build_parser()
    return next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices


def test_top_help_lists_every_command_and_the_exit_codes(tmp_path):
    run = sh("--help", cwd=tmp_path)
    assert run.code == 0
    for name in COMMANDS:
        assert re.search(rf"^\s+{name}\s+\S", run.out, re.M), name
    assert "3 thao tác bị từ chối / action refused" in run.out and "4 nhật ký bị sửa / log tampered" in run.out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_has_bilingual_help(name):
    run = cli(name, "--help")
    assert run.code == 0
    description = run.out.split("\n\n")[1]
    assert " / " in description, "Vietnamese / English"
    assert "--lang" in run.out


def test_readme_exit_codes_match():
    codes = dict(re.findall(r"`(\d)` ([a-z ]+?)[,(.]", SECTION.split("\n\n")[1].replace("\n", " ")))
    assert {int(k) for k in codes} == {EXIT_OK, EXIT_BAD, EXIT_REFUSED, EXIT_TAMPER}
    assert codes[str(EXIT_REFUSED)].startswith("action refused") and codes[str(EXIT_TAMPER)].startswith("log tampered")


def _table_rows() -> list[list[str]]:
    cells = re.findall(r"^\| `(tinnhiem [^`]+)`(?: or `([^`]+)`)? \|", SECTION, re.M)
    assert len(cells) >= 8, "the table is found"
    return [shlex.split(a.replace("\\|", "|")) + shlex.split(b) for a, b in cells]


def test_readme_table_names_real_commands_and_options():
    subs = _subparsers()
    for words in _table_rows():
        name = words[1]
        assert name in subs, name
        options = subs[name]._option_string_actions
        for i, word in enumerate(words):
            if word.startswith("--"):
                assert word in options, (name, word)
                choices = options[word].choices
                if choices and i + 1 < len(words) and "|" in words[i + 1]:
                    assert set(words[i + 1].split("|")) == set(choices), (name, word)


def test_readme_options_every_command_takes():
    for name, sub in _subparsers().items():
        options = sub._option_string_actions
        assert "--lang" in options, name
        if "--db" in options and name != "demo":  # demo's --db is where it keeps its own session
            assert "--session" in options, name
    assert "`--lang vi|en`" in SECTION


def test_readme_actions_are_real():
    block = SECTION.split("### Actions", 1)[1].split("```")[1]
    names = set()
    for chunk in re.split(r"\n|\s{2,}|\s\|\s", block):  # " | " separates alternatives; "a|b" is one value
        words = chunk.split()
        if words and re.fullmatch(r"[a-z]+", words[0]):
            two = " ".join(words[:2])
            names.add(two if two in ACTIONS else words[0])
    assert names <= set(ACTIONS), names - set(ACTIONS)
    core = {"next", "present", "absent", "team propose", "team approve", "nominees", "issue", "spoil", "return", "ballot",
            "correct", "sign", "announce", "seal"}
    assert core <= names, core - names
