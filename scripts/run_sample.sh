#!/usr/bin/env bash
# Set up rasd and run the main job on the bundled sample corpus: extract its events, link the reports
# of one event across outlets, store everything in rasd.db (SQLite), print the summary, write
# out/events.jsonl and out/events.csv (ACLED's columns), and serve the web page on
# http://127.0.0.1:8000/ until Ctrl+C.
#
#   bash scripts/run_sample.sh              # ... and serve
#   bash scripts/run_sample.sh --no-serve   # stop after the ingest and exports (or RASD_NO_SERVE=1)
#
# RASD_DB (default rasd.db) and RASD_PORT (default 8000) choose the store and the port. Running it
# again adds nothing: documents already stored are recognised and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
serve=1
[ "${RASD_NO_SERVE:-0}" = 1 ] && serve=0
for arg in "$@"; do
  case "$arg" in
    --no-serve) serve=0 ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run_sample.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
db=${RASD_DB:-rasd.db}
status=0
.venv/bin/rasd ingest rasd/data/sample/articles.jsonl --db "$db" || status=$?
# 3: the batch ran but some documents were skipped (the sample holds one English article on purpose)
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
  exit "$status"
fi
mkdir -p out
.venv/bin/rasd export --db "$db" --format jsonl --out out/events.jsonl
.venv/bin/rasd export --db "$db" --format csv --out out/events.csv
echo "events: out/events.jsonl (SCHEMA.md), out/events.csv (ACLED columns); store: $db"
if [ "$serve" = 1 ]; then
  exec .venv/bin/rasd serve --db "$db" --host 127.0.0.1 --port "${RASD_PORT:-8000}"
fi
