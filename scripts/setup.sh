#!/usr/bin/env bash
# Install what synbio-targets needs on a fresh Debian machine: Debian's chromium
# (PNG export and browser tests), a CJK font (Chinese in images), GNU time (peak
# memory in bench/hostile.py), then the
# locked Python environment in .venv. Nothing is downloaded at run time later.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
# PostgreSQL's server binaries: the test suite and the load test start throwaway
# clusters from them; nginx: the department deployment in deploy/; DejaVu: the font
# tests draw Chinese without a CJK font to prove the CJK one is used; LibreOffice Writer:
# the evaluation report as PDF (kpi report --format pdf) and the test that opens its .docx.
missing() {
  ! command -v chromium >/dev/null || ! fc-list :lang=zh 2>/dev/null | grep -q . \
    || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! [ -x /usr/sbin/nginx ] \
    || ! [ -x /usr/bin/time ] || ! [ -d /usr/share/fonts/truetype/dejavu ] \
    || ! command -v soffice >/dev/null
}
if missing; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium fonts-noto-cjk fonts-dejavu-core fontconfig postgresql nginx time \
    libreoffice-writer-nogui >/dev/null
fi

python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
export UV_PYTHON_DOWNLOADS=never
# Bytecode compiled at install: where PYTHONDONTWRITEBYTECODE is set, every process
# (each `python -m kpi`, each test run) would otherwise compile pandas, plotly and
# streamlit from source again, about 3 s of CPU apiece.
python3 -m uv sync --frozen --quiet --compile-bytecode
