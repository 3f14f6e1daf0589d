"""`./tinnhiem`, the launcher at the project root, run on a temp copy with stand-ins for Python, pip and apt-get."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.support import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("sha256sum") is None, reason="needs bash and sha256sum"
)

FAKE_VENV_PYTHON = """#!/bin/sh
# The venv's python: records pip calls; `-m pip --version` answers as a whole venv would.
echo "python $*" >> "$LOG"
"""

FAKE_TINNHIEM = """#!/bin/sh
# The venv's tinnhiem: shows where it ran and each argument it got.
echo "cwd $(pwd)"
for a in "$@"; do echo "arg [$a]"; done
"""

FAKE_SYSTEM_PYTHON = """#!/bin/sh
# Debian's python3: until python3-venv is "installed" (the marker file), `-m venv` leaves a
# half-made venv and fails naming ensurepip, as Debian's does.
echo "python3 $*" >> "$LOG"
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin"
  if [ ! -f "$MARK" ]; then
    printf '#!/bin/sh\\nexit 1\\n' > "$3/bin/python"; chmod +x "$3/bin/python"
    echo "The virtual environment was not created successfully because ensurepip is not available." >&2
    exit 1
  fi
  cp "$FAKES/python" "$FAKES/tinnhiem" "$3/bin/"
fi
"""


def _write(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


@pytest.fixture
def project(tmp_path):
    """A copy of the launcher, its shared venv script and pyproject.toml; stand-ins in tmp_path/fakes."""
    proj = tmp_path / "proj"
    (proj / ".ci").mkdir(parents=True)
    shutil.copy2(ROOT / "tinnhiem", proj / "tinnhiem")
    shutil.copy2(ROOT / ".ci" / "venv.sh", proj / ".ci" / "venv.sh")
    shutil.copy2(ROOT / "pyproject.toml", proj / "pyproject.toml")
    fakes = tmp_path / "fakes"
    fakes.mkdir()
    _write(fakes / "python", FAKE_VENV_PYTHON)
    _write(fakes / "tinnhiem", FAKE_TINNHIEM)
    return proj


def _venv(proj: Path) -> None:
    """An existing .venv, as an earlier run left it (but not installed yet: no stamp)."""
    (proj / ".venv" / "bin").mkdir(parents=True)
    for name in ("python", "tinnhiem"):
        shutil.copy2(proj.parent / "fakes" / name, proj / ".venv" / "bin" / name)


def _run(proj: Path, *args: str, uid: str = "1000", cwd: Path | None = None) -> subprocess.CompletedProcess:
    """./tinnhiem ARGS with python3, apt-get and id replaced; the log of their calls in tmp_path/log."""
    tmp = proj.parent
    system = tmp / "system"
    system.mkdir(exist_ok=True)
    _write(system / "python3", FAKE_SYSTEM_PYTHON)
    _write(system / "apt-get", '#!/bin/sh\necho "apt-get $*" >> "$LOG"\ncase "$*" in *install*) touch "$MARK";; esac\n')
    _write(system / "id", f"#!/bin/sh\necho {uid}\n")
    env = {
        **os.environ,
        "PATH": f"{system}:{os.environ['PATH']}",
        "LOG": str(tmp / "log"),
        "MARK": str(tmp / "python3-venv-installed"),
        "FAKES": str(tmp / "fakes"),
    }
    env.pop("PYTHON", None)
    return subprocess.run([str(proj / "tinnhiem"), *args], cwd=cwd or tmp, env=env, capture_output=True, text=True, timeout=60)


def _log(proj: Path) -> list[str]:
    log = proj.parent / "log"
    return log.read_text().splitlines() if log.exists() else []


def test_installs_once_then_reuses_the_venv_and_passes_arguments_through(project):
    _venv(project)
    first = _run(project, "demo", "--fresh", "two words", "")
    assert first.returncode == 0, first.stderr
    assert first.stderr.count("\n") == 1 and "installing tinnhiem into" in first.stderr
    assert f"python -m pip install -q --disable-pip-version-check -e {project}" in _log(project)
    # tinnhiem runs in the caller's folder, so relative paths in its arguments mean what they say.
    assert first.stdout.splitlines() == [f"cwd {project.parent}", "arg [demo]", "arg [--fresh]", "arg [two words]", "arg []"]

    calls = len(_log(project))
    again = _run(project, "do", "status", cwd=project / ".ci")
    assert again.returncode == 0 and again.stderr == ""
    assert len(_log(project)) == calls  # no pip, not even a check: the stamp says the venv is whole
    assert again.stdout.splitlines() == [f"cwd {project / '.ci'}", "arg [do]", "arg [status]"]


def test_a_changed_pyproject_reinstalls(project):
    _venv(project)
    assert _run(project, "demo").returncode == 0
    with (project / "pyproject.toml").open("a") as f:
        f.write("\n# a new dependency\n")
    run = _run(project, "demo")
    assert "installing tinnhiem" in run.stderr
    assert sum("pip install" in line for line in _log(project)) == 2


def test_the_test_extras_are_installed_for_the_tests_and_serve_the_plain_run(project):
    _venv(project)
    script = f'source "{project}/.ci/venv.sh"; venv_install test'
    env = {**os.environ, "LOG": str(project.parent / "log")}
    done = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "with its test extras" in done.stderr
    assert f"python -m pip install -q --disable-pip-version-check -e {project}[test]" in _log(project)
    assert _run(project, "demo").stderr == ""


def test_without_python3_venv_as_root_it_installs_it_with_apt_get(project):
    run = _run(project, "demo", uid="0")
    assert run.returncode == 0, run.stderr
    log = _log(project)
    assert "apt-get update -qq" in log and "apt-get install -y -qq python3-venv" in log
    assert log.count(f"python3 -m venv {project}/.venv") == 2
    assert "installing Debian's python3-venv" in run.stderr and "installing tinnhiem into" in run.stderr
    assert run.stdout.splitlines()[1:] == ["arg [demo]"]


def test_without_python3_venv_as_a_user_it_says_what_to_run(project):
    run = _run(project, "demo")
    assert run.returncode == 1
    assert "sudo apt install python3-venv" in run.stderr
    assert not any(line.startswith("apt-get") for line in _log(project))
    assert not (project / ".venv").exists()  # the half-made venv is not left to be reused
