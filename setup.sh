#!/usr/bin/env bash
# Install everything the project needs into .venv (and Debian packages when run as root),
# then build the example site from data/ with `oit build`.
#   ./setup.sh                 install, then build site/
#   ./setup.sh --install-only  install only (CI uses this before the tests)
set -euo pipefail
cd "$(dirname "$0")"

# chromium drives the browser tests (launched by path, never a downloaded browser);
# fonts-thai-tlwg gives it Thai glyphs; libreoffice-calc writes the workbooks the tests read
# (a real spreadsheet program's .xlsx, .xls and .ods, not only our own writer's);
# libpango-1.0-0 and libpangoft2-1.0-0 are what WeasyPrint lays out the PDF memo with
# (`oit check --format pdf`); poppler-utils (pdftotext, pdftoppm) reads it back in the tests.
DEBIAN_PACKAGES=(chromium fonts-thai-tlwg libreoffice-calc libpango-1.0-0 libpangoft2-1.0-0
                 poppler-utils)

if [ "${#DEBIAN_PACKAGES[@]}" -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# An editable install leaves oit's own modules uncompiled (pip compiles only what it copies):
# where Python may not write bytecode (PYTHONDONTWRITEBYTECODE), every command would compile
# them again (0.30 s instead of 0.24 s to import the command).
.venv/bin/python -m compileall -q generator

if [ "${1:-}" != "--install-only" ]; then
  .venv/bin/oit build
fi
