# Sourced by scripts/start and scripts/test: make .venv hold exactly the pinned packages.
# Usage: ensure_venv REQUIREMENTS_FILE
set -euo pipefail

ensure_python_venv_module() {
  if python3 -c "import ensurepip, venv" 2>/dev/null; then return; fi
  echo "Python's venv module is missing; installing Debian's python3-venv." >&2
  as_root apt-get update -qq
  as_root apt-get install -y -qq python3-venv
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_venv() {
  local requirements="$1"
  local stamp=".venv/.installed-$(basename "$requirements")"
  local wanted
  wanted=$(cat requirements.txt "$requirements" constraints.txt | sha256sum | cut -d' ' -f1)
  if [ ! -x .venv/bin/python ]; then
    ensure_python_venv_module
    python3 -m venv .venv
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    # constraints.txt pins every transitive package to the versions the tests passed with
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements" -c constraints.txt
    echo "$wanted" > "$stamp"
  fi
}
