"""Download buttons shared by the pages: tables as XLSX/CSV, charts as PNG.

Tables go through kpi.present.export, so a text cell like ``=HYPERLINK(...)`` cannot run
as a formula in Excel. Charts are rendered on the server through kpi.present.render (Debian
chromium with a CJK font), so Chinese labels never turn into boxes; Plotly's own
camera button in the chart toolbar also works, but renders in the viewer's browser.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.cache import figure_png, stacked_png
from kpi.present.export import EXCEL_CELL_CHARS, csv_bytes, xlsx_bytes, xlsx_cut_cells
from kpi.present.locale import Locale
from kpi.present.render import ChromiumMissing, find_chromium

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(
    where: Any, label: str, data: Callable[[], bytes], name: str, ext: str, mime: str, icon: str
) -> None:
    """A download button for ``name``.``ext``; ``data`` is built only when clicked."""
    where.download_button(
        label,
        data,
        file_name=f"{name}.{ext}",
        mime=mime,
        icon=icon,
        key=f"download-{name}-{ext}",
        on_click="ignore",
    )


def table_downloads(frame: pd.DataFrame, name: str, loc: Locale) -> None:
    """Two buttons side by side: ``name``.xlsx and ``name``.csv (UTF-8 with BOM), the
    frame's canonical column names headed in ``loc``'s language."""
    frame = loc.headed(frame)
    row = st.container(horizontal=True)
    xlsx = partial(xlsx_bytes, frame, sheet_name=name, loc=loc)
    _download(row, loc.t("download.xlsx"), xlsx, name, "xlsx", XLSX_MIME, ":material/table_view:")
    csv = partial(csv_bytes, frame)
    _download(row, loc.t("download.csv"), csv, name, "csv", "text/csv", ":material/download:")
    cut = xlsx_cut_cells(frame)
    if cut:
        st.caption(loc.t("download.xlsx_cut", count=cut, limit=f"{EXCEL_CELL_CHARS:,}"))


def _png_button(render: Callable[[], bytes], name: str, loc: Locale) -> None:
    """A download button for ``name``.png, rendered (by ``render``) only when clicked."""
    try:
        find_chromium()
    except ChromiumMissing as exc:
        st.caption(loc.t("download.no_browser", detail=loc.error(exc)))
        return
    _download(st, loc.t("download.png"), render, name, "png", "image/png", ":material/image:")


def card_png_download(figs: list[go.Figure], name: str, loc: Locale, width: int = 1200) -> None:
    """One button for a card of charts: one PNG with the charts one below the other."""
    _png_button(partial(stacked_png, figs, width), name, loc)


def chart_png_download(
    fig: go.Figure, name: str, loc: Locale, width: int = 1200, height: int | None = None
) -> None:
    """A button that downloads ``fig`` as ``name``.png, rendered only when clicked."""
    _png_button(partial(figure_png, fig, width, height), name, loc)


def chart_with_download(
    fig: go.Figure, name: str, loc: Locale, width: int = 1200, key: str | None = None
) -> None:
    """The chart, and under it the button that downloads it as ``name``.png."""
    st.plotly_chart(fig, config={"displayModeBar": False}, key=key)
    chart_png_download(fig, name, loc, width)
