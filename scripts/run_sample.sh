#!/usr/bin/env bash
# Set up rasd and run the main job on the bundled sample corpus: extract events into out/events.jsonl
# and out/events.csv (ACLED's columns), and print a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
mkdir -p out
.venv/bin/rasd extract rasd/data/sample/articles.jsonl --out out/events.jsonl
.venv/bin/rasd extract rasd/data/sample/articles.jsonl --format csv --out out/events.csv --quiet
echo "events: out/events.jsonl (SCHEMA.md), out/events.csv (ACLED columns)"
