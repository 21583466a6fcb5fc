"""Tables as officials read them: headings in their language, status chips, worst first.

Library frames have canonical column names; :func:`show_table` puts the reader's headings
on them as it draws (``column_config`` labels, so sorting and styling still go by the
canonical names). The shown status table comes from kpi.present.tables (names, whole numbers,
words); downloads carry the full table with codes (kpi.present.views.status_table), for people
who work on the data.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from streamlit.elements.lib.column_types import ColumnConfig

from dashboard.downloads import table_downloads
from kpi.domain.catalog import Catalog
from kpi.domain.problems import Problem
from kpi.present import tables, views
from kpi.present.locale import Locale
from kpi.present.plans import ordered_plans, plans_table, related_plans
from kpi.present.theme import STATUS_ORDER, status_color


def show_table(
    frame: pd.DataFrame,
    loc: Locale,
    *,
    styled: Styler | None = None,
    config: dict[str, Any] | None = None,
    where: Any = st,
    **options: Any,
) -> None:
    """``frame`` (canonical column names) under headings in ``loc``'s language, "—" for an empty
    cell; ``styled`` is the same frame with its numbers written, ``config`` columns drawn
    other than as plain cells (their own labels), ``where`` the container to draw in."""
    headed = {c: st.column_config.Column(loc.header(c)) for c in frame.columns}
    where.dataframe(
        frame if styled is None else styled,
        hide_index=True,
        placeholder="—",
        column_config=headed | (config or {}),
        **options,
    )


def show_problems(problems: list[Problem], loc: Locale) -> None:
    """Problems found in a file (a report, a catalog) as a table: row, column, what."""
    show_table(views.problems_table(problems, loc), loc)


def status_column(loc: Locale) -> ColumnConfig:
    """The status column drawn as a coloured chip per status (its words kept)."""
    return st.column_config.MultiselectColumn(
        loc.t("col.status"),
        options=[loc.status(s) for s in STATUS_ORDER],
        color=[status_color(s) for s in STATUS_ORDER],
    )


#: Above this many rows a table is not styled cell by cell (pandas' Styler costs about
#: 50 ms per 1,000 rows and refuses 262,144 cells): its numbers are then written by the
#: browser (separators, percentages), without 万/亿.
STYLED_ROWS = 2_000


def show_status_table(shown: pd.DataFrame, loc: Locale) -> None:
    """A frame of :func:`kpi.present.tables.status_view`: name pinned, status as chips, numbers
    written as the project writes them but sorted as numbers."""
    config = {
        "target": st.column_config.TextColumn(loc.header("target"), pinned=True),
        "status": status_column(loc),
    }
    plain = len(shown) > STYLED_ROWS  # numbers written by the browser, not cell by cell
    for columns, number_format in (
        (tables.WHOLE_COLUMNS, "localized"),
        (tables.PERCENT_COLUMNS, "percent"),
    ):
        for c in columns:
            heading = loc.header(c, percent_points=False)  # shares are written "83%"
            config[c] = (
                st.column_config.NumberColumn(heading, format=number_format)
                if plain
                else st.column_config.Column(heading)
            )
    styled = None if plain else tables.styled(shown, loc)
    show_table(shown, loc, styled=styled, config=config, height="content")


def status_table_section(frame: pd.DataFrame, cat: Catalog, loc: Locale, download: str) -> None:
    """Every target of ``frame`` worst first, with downloads of the full table (codes too)."""
    show_status_table(tables.status_view(frame, cat, loc), loc)
    table_downloads(views.status_table(frame, cat, loc), download, loc)


def show_related_plans(catalog: Catalog, code: str, loc: Locale) -> None:
    """A jurisdiction's own plans, and those of the jurisdictions above and below it
    (国家 → 省 → 市 → 区), each a table of title, number, dates and status."""
    own = [p for p in ordered_plans(catalog) if p.jurisdiction == code]
    above, below = related_plans(catalog, code)
    with st.expander(loc.t("plan.list"), expanded=not own):
        for key, plans in (("plan.list", own), ("plan.above", above), ("plan.below", below)):
            if plans:
                st.markdown(f"**{loc.t(key)}**")
                show_table(plans_table(catalog, loc, plans), loc, height="content")
        if not above and not below:
            st.caption(loc.t("plan.none_related"))
