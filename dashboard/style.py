"""The pages' shared CSS, and Streamlit's own English widget texts put into the language.

Streamlit's file uploader writes "Upload" and "20MB per file • CSV" itself and has no
setting for them; the CSS hides those texts and shows ours (from kpi.i18n) instead.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from kpi.ingest.read import MAX_UPLOAD_MB
from kpi.present.locale import Locale

CSS = Path(__file__).with_name("style.css")
_BUTTON = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]'
_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] > div'


def _uploader_css(loc: Locale) -> str:
    pick = json.dumps(loc.t("upload.pick_file"), ensure_ascii=False)
    limit = json.dumps(loc.t("upload.limit_short", limit=MAX_UPLOAD_MB), ensure_ascii=False)
    return (
        f"{_BUTTON} p, {_LIMIT} > span {{ display: none; }}\n"
        f"{_BUTTON}::after {{ content: {pick}; }}\n"
        f"{_LIMIT}::after {{ content: {limit}; font-size: 0.875rem; }}\n"
    )


def inject_styles(loc: Locale) -> None:
    """Add the shared CSS and the uploader's texts in ``loc``'s language to the page."""
    st.html(f"<style>{CSS.read_text(encoding='utf-8')}\n{_uploader_css(loc)}</style>")
