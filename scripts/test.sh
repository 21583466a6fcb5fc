#!/usr/bin/env bash
# Install everything, then run every check: lint, format, types (mypy), dead code (vulture),
# tests (browser tests included).
# `bash scripts/test.sh --fast` is the fast lane: the same without browser and slow tests,
# i.e. tests/unit and tests/smoke on DuckDB (tests/conftest.py marks tests by their folder).
# Tests run in one process per core, up to 4 (pytest-xdist; each test module stays on one
# process, so its module fixtures are made once); the browser tests run afterwards on
# their own, each driving a Streamlit server and Chromium without other tests beside it.
# `bash scripts/test.sh --synthetic-plan` is the fast lane with a synthetic city's plan
# appended to a temporary copy of the catalog (scripts/synthetic_plan.py): no test may pin
# the shipped catalog's codes or counts. Extra arguments go to pytest (`-n 0` runs in
# this one process).
# mypy and vulture read their paths and settings from pyproject.toml (vulture's allow-list:
# scripts/vulture_whitelist.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/vulture
pytest=(.venv/bin/python -m pytest -q)
parallel=(-n auto --maxprocesses 4 --dist loadscope)
if [ "${1:-}" = "--synthetic-plan" ]; then
  # The catalog is data: the fast lane against a copy of data/ whose catalog has a
  # synthetic city's plan appended (KPI_CATALOG points every test and command at it).
  shift
  copy="$(mktemp -d)"
  trap 'rm -rf "$copy"' EXIT
  .venv/bin/python scripts/synthetic_plan.py "$copy" >/dev/null
  KPI_CATALOG="$copy/catalog.toml" "${pytest[@]}" "${parallel[@]}" -m "not browser and not slow" "$@"
  exit
fi
if [ "${1:-}" = "--fast" ]; then
  shift
  exec "${pytest[@]}" "${parallel[@]}" -m "not browser and not slow" "$@"
fi
# pytest exits 5 when a selection (e.g. one test file) holds none of a part's tests
failed=0
ran=0
for part in "not browser" "browser"; do
  args=(-m "$part")
  [ "$part" = "browser" ] || args+=("${parallel[@]}")
  code=0
  "${pytest[@]}" "${args[@]}" "$@" || code=$?
  case "$code" in
    0) ran=1 ;;
    5) ;;
    *) failed=$code ;;
  esac
done
[ "$failed" -eq 0 ] || exit "$failed"
[ "$ran" -eq 1 ] || exit 5
