"""Running ``tinnhiem`` in the tests, and the sample conference walked step by step through ``do``."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.scenarios import SAMPLE_TOML, SHARED

SAMPLE = SHARED / "examples" / "ban-to-chuc.toml"
"""The shared example conference as it is; the bundled copy when the shared folder is absent."""
if not SAMPLE.is_file():
    SAMPLE = SAMPLE_TOML

ROOT = Path(__file__).resolve().parents[2]
"""The project folder, put on the path of subprocesses."""


@dataclass(frozen=True)
class Run:
    """What one ``tinnhiem`` call printed and how it ended."""

    code: int
    """Exit status."""
    out: str
    """Standard output."""
    err: str
    """Standard error."""

    @property
    def text(self) -> str:
        """Both streams, for checks that do not care where a message went."""
        return self.out + self.err


def cli(*args: str, stdin: str = "") -> Run:
    """``tinnhiem ARGS`` in this process (fast); argparse's own exits are caught too."""
    from tui.cli import main

    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0
    finally:
        sys.stdin = saved
    return Run(code, out.getvalue(), err.getvalue())


def sh(*args: str, cwd: Path, stdin: str = "", **env: str) -> Run:
    """``python -m tui.cli ARGS`` as a separate process, as a user or an outside test runs it; ``env`` adds variables."""
    proc = subprocess.run([sys.executable, "-m", "tui.cli", *map(str, args)], cwd=cwd, input=stdin, capture_output=True,
                          text=True, encoding="utf-8", env=_env() | env, timeout=120)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def _env() -> dict[str, str]:
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def refused(step: str, action: str, lang: str = "vi") -> str:
    """How a refusal of ``action`` in ``step`` starts (the step, then what was asked), before the reason."""
    from session.errors import StepRefused

    return StepRefused("\0", step=step, action=action).message(lang).removesuffix("\0")


def log_length(db: str) -> int:
    """Events in the exported log of ``db``."""
    run = cli("export", "--db", db)
    assert run.code == 0, run.text
    return len(run.out.splitlines())


TEAM = ("v05", "v06", "v07")
"""The counting team of the walk: present, not evaluated."""

BALLOTS = ("33", "33", "33", "33", "33", "33", "33", "13", "21", "0x", "-2", "--invalid not_issued")
"""Twelve returned ballots over p1, p2 (p3 is left off by the 9-month rule).

p1: low 7, high 1, medium 1, invalid 3 (blank, struck out, whole) → 7/12 over half.
p2: low 8, high 1, medium 1, invalid 2 (two boxes, whole) → 8/12 two thirds.
"""

EXPECTED = {
    "p1": ({"high": 1, "medium": 1, "low": 7, "invalid": 3},
           {"high": "8.33", "medium": "8.33", "low": "58.33", "invalid": "25.00"}, "over_half"),
    "p2": ({"high": 1, "medium": 1, "low": 8, "invalid": 2},
           {"high": "8.33", "medium": "8.33", "low": "66.67", "invalid": "16.67"}, "two_thirds"),
}
"""Person → (counts, percent, band) after ``BALLOTS``."""

ALL = " ".join(f"v{i:02d}" for i in range(1, 13))

WALK: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("prepared", ("present v01", "ballot 33"), ("next",)),
    ("roll_call", ("next", "issue --all-present"), (f"present {ALL}", "next")),
    ("briefing", ("team propose v05 v06 v07 --head v05", "present v01"), ("next",)),
    ("counting_team", ("next", "team propose v02 v05 v06 --head v05", "issue v01"),
     ("team propose v05 v06 v07 --head v05", "team approve --for 11 --against 0 --abstain 1", "next")),
    ("team_instructions", ("return --count 12", "team approve --for 12"), ("next",)),
    ("issuing", ("next", "ballot 33"), ("issue --all-present", "next")),
    ("voting", ("next", "return --count 13", "issue v01"), ("return --count 12", "next")),
    ("counting", ("next", "sign v05"), (*(f"ballot {b}" for b in BALLOTS), "next")),
    ("minutes", ("next", "sign v01", "announce"), (*(f"sign {m}" for m in TEAM), "next")),
    ("announcing", ("seal --to 'Văn phòng Ban'", "next"), ("announce",)),
    ("sealing", ("announce", "next"), ("seal --to 'Văn phòng Ban'",)),
    ("closed", ("next", "present v01", "seal --to X"), ()),
)
"""Step → (actions refused there, actions that carry the session to the next step)."""


def script(upto: str | None = None) -> str:
    """The accepted actions of the walk as a script, up to (not including) step ``upto``."""
    lines = ["# the sample conference", ""]
    for step, _, accepted in WALK:
        if step == upto:
            break
        lines += [f"# {step}", *accepted, ""]
    return "\n".join(lines) + "\n"
