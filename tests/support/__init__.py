"""What tests share, by what it supports.

``files``: the bytes of files users upload (CSV, XLSX, a plan's text).
``stores``: databases for a test: accounts, rows ingested, counts, locked or damaged files.
``dataset``: databases holding known data: the hand-derived fixture and the sample figures.
``pages``: the dashboard in AppTest: opening pages, signing in, uploading, what a page shows.
``cli``: the ``kpi`` command in a subprocess, as a user runs it.
``renders``: kpi.present.render's Chromium: its processes, its fonts, what a figure writes.
``browser``: a Streamlit server driven by Chromium, and what an official must never see there.

The two values below are shared by all of them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Tests run as if it were this day: 2026Q3 is the last closed quarter.
TODAY = date(2026, 11, 23)
