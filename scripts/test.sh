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
.venv/bin/ruff check rasd tests scripts
.venv/bin/python -m pytest -q "$@"
