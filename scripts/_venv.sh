# Sourced by scripts/start and scripts/test: make .venv hold exactly the pinned packages.
# Usage: ensure_venv REQUIREMENTS_FILE, then build_deduce_lists (which may run in the background)
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

ensure_pdf_libraries() {
  # WeasyPrint (the PDF writer, exports/pdf_writer.py) draws text with Pango; the documents use Liberation Sans.
  local missing=()
  dpkg -s libpango-1.0-0 >/dev/null 2>&1 || missing+=(libpango-1.0-0)
  dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || missing+=(libpangoft2-1.0-0)
  dpkg -s fonts-liberation2 >/dev/null 2>&1 || missing+=(fonts-liberation2)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing Debian packages for the PDF files: ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
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
  ensure_pdf_libraries
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    # constraints.txt pins every transitive package to the versions the tests passed with
    install_pinned "$requirements"
    echo "$wanted" > "$stamp"
  fi
}

install_pinned() {
  # uv installs the same pinned wheels as pip, compiled, in about 15 s where pip takes about 85 s on one core (a new
  # venv on this 2-core machine, 3 December 2026); pip when uv cannot be had or cannot install them.
  local links=()
  for link in ${PIP_FIND_LINKS:-}; do links+=(--find-links "$link"); done  # local wheels, where a machine has them
  if .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(pinned uv)" \
    && .venv/bin/uv pip install --python .venv/bin/python --quiet --compile-bytecode "${links[@]}" \
      -r "$1" -c constraints.txt; then
    return
  fi
  echo "uv did not install the packages; pip does." >&2
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$1" -c constraints.txt
}

pinned() {
  # the version constraints.txt pins for a package
  sed -n "s/^$1==//p" constraints.txt
}

build_deduce_lists() {
  # deduce's name and place lists as lookup structures, built once per install (about 50 s on one core), not on a
  # click; a no-op when they are there
  .venv/bin/python -m analysis.deidentify --build >/dev/null
}
