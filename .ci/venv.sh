# Sourced by ./tinnhiem and .ci/test: the project's virtualenv in .venv, made once and reused.
# `venv_install` (or `venv_install test` for the test extras) makes it if needed and installs the
# project into it only when pyproject.toml changed since the last install (a stamp holds its hash).
# The install is editable, so code changes need no reinstall. PYTHON picks the interpreter that
# makes the venv (default: python3 on PATH). Messages go to stderr: a command's stdout stays its own.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv=$root/.venv

venv_say() { echo "tinnhiem: $*" >&2; }

# Usable means its python runs and has pip: on Debian without python3-venv, `python3 -m venv`
# fails halfway and leaves a .venv that has a python but no pip.
venv_usable() { "$venv/bin/python" -m pip --version >/dev/null 2>&1; }

venv_make() {
  local py=${PYTHON:-python3} out
  command -v "$py" >/dev/null || { venv_say "no $py here: install Python 3.11+ (Debian: apt install python3 python3-venv) or set PYTHON"; return 1; }
  "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { venv_say "$py is $("$py" -V 2>&1); tinnhiem needs 3.11+: set PYTHON to one"; return 1; }
  rm -rf "$venv"
  out=$("$py" -m venv "$venv" 2>&1) && return 0
  rm -rf "$venv"
  # Debian ships its python3 without ensurepip (venv then fails naming it); python3-venv brings it back.
  if [[ $out == *ensurepip* ]]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      venv_say "$py cannot make a virtualenv: installing Debian's python3-venv with apt-get"
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; } >/dev/null || true
      out=$("$py" -m venv "$venv" 2>&1) && return 0
      rm -rf "$venv"
    else
      venv_say "$py cannot make a virtualenv; on Debian or Ubuntu run: sudo apt install python3-venv  (then run this again)"
      return 1
    fi
  fi
  echo "$out" >&2
  venv_say "could not make a virtualenv in $venv with $py"
  return 1
}

venv_install() {
  local extras=${1:-} stamp=$venv/.tinnhiem-installed hash have=
  hash=$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)
  [ -f "$stamp" ] && have=$(cat "$stamp")
  # The stamp is written only after an install succeeded, so it alone says the venv is whole
  # (-x also catches a venv whose interpreter was removed). It is "HASH" or "HASH EXTRAS":
  # an install with the test extras also serves the plain run.
  if [ -x "$venv/bin/python" ]; then
    case "$have" in "$hash${extras:+ $extras}"*) return 0 ;; esac
  fi
  venv_usable || venv_make || return 1
  venv_say "installing tinnhiem${extras:+ with its $extras extras} into $venv (first run or pyproject.toml changed; needs the network)"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e "$root${extras:+[$extras]}" >&2 || return 1
  echo "$hash${extras:+ $extras}" >"$stamp"
}
