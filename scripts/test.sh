#!/usr/bin/env bash
# Set up a virtual environment with the project and its test tools, lint, and run the tests.
# Works on a fresh machine with Python 3.11+ (everything else installs from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[dev]'
# The web page's browser tests (tests/test_web.py) drive Debian's Chromium; no browser is downloaded.
if [ ! -x /usr/bin/chromium ] && [ -z "${RASD_CHROMIUM:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } ||
    echo "test.sh: could not install chromium; tests/test_web.py skips (fails under CI=true)" >&2
fi
# The store's tests run against a real PostgreSQL too (tests/pg.py starts a server of its own in a
# temporary folder): Debian's package where no server binaries are found.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; } ||
      echo "test.sh: could not install PostgreSQL; its store tests skip (fail under CI=true)" >&2
  else
    echo "test.sh: no PostgreSQL (install it, or run as root to have it installed); its store tests skip" >&2
  fi
fi
.venv/bin/ruff check rasd tests scripts
.venv/bin/python -m pytest -q "$@"
