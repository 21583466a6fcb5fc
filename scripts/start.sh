#!/usr/bin/env bash
# Install everything, create data/kpi.duckdb (catalog + labelled sample data) when
# it is absent or empty, and start the dashboard on http://127.0.0.1:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m kpi init --demo
exec .venv/bin/streamlit run app.py --server.address 127.0.0.1 \
  --browser.gatherUsageStats false --server.headless true "$@"
