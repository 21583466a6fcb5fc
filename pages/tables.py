"""Status tables as officials read them: a pinned name column, status chips, worst first.

The shown table comes from kpi.tables (names, whole numbers, words); downloads carry
the full table with codes (kpi.views.status_table), for people who work on the data.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from kpi import tables, views
from kpi.catalog import Catalog
from kpi.present import locale
from kpi.present.theme import STATUS_ORDER, status_color
from pages.downloads import table_downloads


def status_column(lang: str) -> st.column_config.Column:
    """The status column drawn as a coloured chip per status (its words kept)."""
    loc = locale(lang)
    return st.column_config.MultiselectColumn(
        loc.t("col.status"),
        options=[loc.status(s) for s in STATUS_ORDER],
        color=[status_color(s) for s in STATUS_ORDER],
    )


#: Above this many rows a table is not styled cell by cell (pandas' Styler costs about
#: 50 ms per 1,000 rows and refuses 262,144 cells): its numbers are then written by the
#: browser (separators, percentages), without 万/亿.
STYLED_ROWS = 2_000


def show_status_table(shown: pd.DataFrame, lang: str) -> None:
    """A frame of :func:`kpi.tables.status_view`: name pinned, status as chips, numbers
    written as the project writes them but sorted as numbers."""
    loc = locale(lang)
    name = loc.t("col.target")
    config = {
        name: st.column_config.TextColumn(name, pinned=True),
        loc.t("col.status"): status_column(lang),
    }
    data: pd.DataFrame | Styler = shown
    if len(shown) <= STYLED_ROWS:
        data = tables.styled(shown, lang)
    else:
        for column in tables.WHOLE_COLUMNS:
            config[loc.t(f"col.{column}")] = st.column_config.NumberColumn(format="localized")
        for column in tables.PERCENT_COLUMNS:
            config[loc.t(f"col.{column}")] = st.column_config.NumberColumn(format="percent")
    st.dataframe(data, hide_index=True, height="content", placeholder="—", column_config=config)


def status_table_section(frame: pd.DataFrame, cat: Catalog, lang: str, download: str) -> None:
    """Every target of ``frame`` worst first, with downloads of the full table (codes too)."""
    show_status_table(tables.status_view(frame, cat, lang), lang)
    table_downloads(views.status_table(frame, cat, lang), download, lang)
