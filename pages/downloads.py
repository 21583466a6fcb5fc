"""Download buttons shared by the pages: tables as XLSX/CSV, charts as PNG.

Tables go through kpi.export, so a text cell like ``=HYPERLINK(...)`` cannot run
as a formula in Excel. Charts are rendered on the server through kpi.render (Debian
chromium with a CJK font), so Chinese labels never turn into boxes; Plotly's own
camera button in the chart toolbar also works, but renders in the viewer's browser.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from kpi.export import csv_bytes, xlsx_bytes
from kpi.i18n import t
from kpi.render import ChromiumMissing, figure_to_png, find_chromium, stacked_png
from pages.ui import data_version, store

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_downloads(frame: pd.DataFrame, name: str, lang: str) -> None:
    """Two buttons side by side: ``name``.xlsx and ``name``.csv (UTF-8 with BOM)."""
    row = st.container(horizontal=True)
    row.download_button(
        t("download.xlsx", lang),
        lambda: xlsx_bytes(frame, sheet_name=name),  # built only when clicked
        file_name=f"{name}.xlsx",
        mime=XLSX_MIME,
        icon=":material/table_view:",
        key=f"download-{name}-xlsx",
        on_click="ignore",
    )
    row.download_button(
        t("download.csv", lang),
        lambda: csv_bytes(frame),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"download-{name}-csv",
        on_click="ignore",
    )


@st.cache_data(max_entries=128, show_spinner=False)
def _figure_png(db_path: str, version: int, figure_json: str, width: int, height: int) -> bytes:
    # db_path and version key the cache on the data; the JSON on the figure itself
    return figure_to_png(pio.from_json(figure_json), width, height)


def figure_png(fig: go.Figure, width: int = 1200, height: int | None = None) -> bytes:
    """PNG bytes of ``fig``, cached on the data version and the figure."""
    s = store()
    size = height or fig.layout.height or 600
    return _figure_png(str(s.path), data_version(), fig.to_json(), width, int(size))


@st.cache_data(max_entries=64, show_spinner=False)
def _stacked_png(db_path: str, version: int, jsons: tuple[str, ...], width: int) -> bytes:
    figs = [pio.from_json(j) for j in jsons]
    return stacked_png(figs, width, [int(f.layout.height or 400) for f in figs])


def _png_button(render: Callable[[], bytes], name: str, lang: str) -> None:
    """A download button for ``name``.png, rendered (by ``render``) only when clicked."""
    try:
        find_chromium()
    except ChromiumMissing as exc:
        st.caption(t("download.no_browser", lang, detail=exc.message(lang)))
        return
    st.download_button(
        t("download.png", lang),
        render,
        file_name=f"{name}.png",
        mime="image/png",
        icon=":material/image:",
        key=f"download-{name}-png",
        on_click="ignore",
    )


def card_png_download(figs: list[go.Figure], name: str, lang: str, width: int = 1200) -> None:
    """One button for a card of charts: one PNG with the charts one below the other."""
    s = store()

    def render() -> bytes:  # the figures' JSON only when someone clicks
        jsons = tuple(f.to_json() for f in figs)
        return _stacked_png(str(s.path), data_version(), jsons, width)

    _png_button(render, name, lang)


def chart_png_download(
    fig: go.Figure, name: str, lang: str, width: int = 1200, height: int | None = None
) -> None:
    """A button that downloads ``fig`` as ``name``.png, rendered only when clicked."""
    _png_button(lambda: figure_png(fig, width, height), name, lang)
