#!/usr/bin/env bash
# Install everything, then run every check: lint, format, tests (browser tests included).
# `bash scripts/test.sh --fast` is the fast lane: the same without browser and slow tests
# (AppTest page runs, command-line subprocesses, PNG renders, PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
if [ "${1:-}" = "--fast" ]; then
  shift
  exec .venv/bin/python -m pytest -q -m "not browser and not slow" "$@"
fi
exec .venv/bin/python -m pytest -q "$@"
