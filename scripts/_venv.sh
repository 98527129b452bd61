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
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements" -c constraints.txt
    echo "$wanted" > "$stamp"
  fi
}

build_deduce_lists() {
  # deduce's name and place lists as lookup structures, built once per install (about 50 s on one core), not on a
  # click; a no-op when they are there
  .venv/bin/python -m analysis.deidentify --build >/dev/null
}
