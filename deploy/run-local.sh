#!/usr/bin/env bash
# Start the department set-up locally: PostgreSQL, two Streamlit servers, nginx in
# front (http://127.0.0.1:8080 by default). Options: see `--help`. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python -m deploy.local "$@"
