"""What every page shares on screen: the view (language, as-of date, jurisdiction) kept
in the URL, the sidebar, the page header, the national pager and completeness.

Data comes from :mod:`dashboard.cache`; signing in is :mod:`dashboard.login`.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import cache
from dashboard.grids import show_table
from kpi.domain.catalog import Catalog, UnknownJurisdiction
from kpi.domain.periods import quarter_ends_between, quarter_label
from kpi.i18n import LANGS, t
from kpi.present import fmt
from kpi.present.locale import Locale, ViewState, locale
from kpi.present.upload_tables import completeness_view
from kpi.present.views import jurisdiction_label, select_jurisdictions, status_totals, target_label

#: The jurisdiction option meaning "all" (a select box shows None as "no choice").
ALL = ""
#: Where the sidebar keeps this run's view for the page (see :func:`current_view`).
_VIEW_KEY = "_view_of_this_run"

#: Above this many jurisdictions the overview shows the worst ones, a page at a time.
OVERVIEW_PAGE_SIZE = 20


def jurisdiction_pager(state: ViewState) -> list[str] | None:
    """For a national overview: totals, a search box and the worst jurisdictions' codes.

    None when every jurisdiction fits on the page (nothing is drawn then). The number
    shown grows by a page with the "show more" button (:func:`show_more_button`).
    """
    ranks = cache.ranking(state)
    if state.jurisdiction is not None or len(ranks) <= OVERVIEW_PAGE_SIZE:
        return None
    loc = state.locale
    st.subheader(loc.t("overview.totals"))
    show_table(status_totals(ranks, loc), loc, height="content")
    query = st.text_input(loc.t("overview.search"), key="overview_query")
    limit = st.session_state.setdefault("overview_limit", OVERVIEW_PAGE_SIZE)
    picked = select_jurisdictions(ranks, query, limit)
    st.session_state["overview_selection"] = picked
    if picked.matched == 0:
        st.info(loc.t("overview.no_match", query=query))
    else:
        st.caption(loc.t("overview.showing", shown=len(picked.codes), matched=picked.matched))
    return picked.codes


def paged_jurisdictions(
    state: ViewState, frame: pd.DataFrame
) -> tuple[pd.DataFrame, list[str] | None]:
    """The rows of the jurisdictions the national pager shows (:func:`jurisdiction_pager`),
    and their codes; the frame and None when every jurisdiction fits. The page stops when
    a search matches nothing (the pager has said so)."""
    shown = jurisdiction_pager(state)
    if shown is None:
        return frame, None
    frame = frame[frame["jurisdiction"].isin(shown)]
    if frame.empty:
        st.stop()
    return frame, shown


def _show_more() -> None:
    st.session_state["overview_limit"] += OVERVIEW_PAGE_SIZE


def show_more_button(loc: Locale) -> None:
    """The "show more" button under a paged overview's table (if more match)."""
    picked = st.session_state.get("overview_selection")
    if picked is not None and picked.has_more:
        st.button(loc.t("overview.show_more"), key="overview_more", on_click=_show_more)


def page_header(
    page: str, state: ViewState, frame: pd.DataFrame | None = None, caption: str | None = None
) -> None:
    """The page's title and caption; given the page's status ``frame``, the page stops
    there with a notice when the selection holds no targets."""
    st.title(state.locale.t(f"page.{page}"))
    if caption:
        st.caption(caption)
    if frame is not None:
        stop_when_empty(frame, state.locale)


def stop_when_empty(frame: pd.DataFrame, loc: Locale) -> None:
    """Stop the page with a notice when the selection holds no targets."""
    if frame.empty:
        st.info(loc.t("overview.no_targets"))
        st.stop()


def _query_date(raw: str | None) -> date:
    return _query_day(raw) or date.today()


def _query_day(raw: str | None) -> date | None:
    """The URL's day, or None when absent or not a date."""
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _ensure_app_navigation() -> None:
    """Run pages through app.py even on a server's first request.

    Streamlit decides per process, before any script has run, whether a ``pages/``
    folder means the old automatic multipage mode; its first run (e.g. a shared link
    to /compare right after a restart) would then run the page alone, without the
    sidebar, the sample banner or app.py's navigation. Only app.py's st.navigation
    clears that flag, so a page that finds it still set clears it and reruns, which
    now goes through app.py and lands on the same page.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # internal module moved: nothing to correct
        return
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def current_view() -> ViewState:
    """This run's view, as the sidebar made it (pages read this; app.py draws the controls);
    the URL's, should a page run without the sidebar."""
    _ensure_app_navigation()
    kept = st.session_state.get(_VIEW_KEY)
    return kept if isinstance(kept, ViewState) else _url_view()


def _url_view() -> ViewState:
    """The view as the URL query parameters say."""
    params = st.query_params
    try:
        jurisdiction = cache.catalog().jurisdiction_scope(params.get("jurisdiction"))
    except UnknownJurisdiction:  # a stale or mistyped link shows every jurisdiction
        jurisdiction = None
    return ViewState(
        locale(params.get("lang")),
        _query_date(params.get("as_of")),
        jurisdiction,
        _query_day(params.get("known_at")),
    )


def as_of_options(cat: Catalog, chosen: date) -> list[date]:
    """Today, every quarter end of the catalog's plan periods, and the chosen date."""
    today = date.today()
    first = min(p.start for p in cat.plans)
    last = max(p.end for p in cat.plans)
    return sorted({today, chosen, *quarter_ends_between(first, last)}, reverse=True)


def _as_of_label(day: date, loc: Locale) -> str:
    if day == date.today():
        return loc.t("sidebar.today", day=day.isoformat())
    if day in quarter_ends_between(day.replace(month=1, day=1), day):
        return loc.t("sidebar.quarter_end", day=day.isoformat(), quarter=quarter_label(day))
    return day.isoformat()


def target_selector(state: ViewState, codes: list[str]) -> str:
    """A target select box on the page, mirrored in the URL parameter ``target``."""
    cat = cache.catalog()
    wanted = st.query_params.get("target")
    st.session_state.setdefault("view_target", wanted if wanted in codes else codes[0])
    if st.session_state["view_target"] not in codes:
        st.session_state["view_target"] = codes[0]
    code = st.selectbox(
        state.locale.t("target.select"),
        codes,
        key="view_target",
        format_func=lambda c: f"{target_label(cat, c, state.locale)} ({c})",
    )
    st.query_params["target"] = code
    return code


def _persist(key: str) -> None:
    """Keep a widget's value beyond its widget (Streamlit drops widget state on page switch)."""
    st.session_state[f"_{key}"] = st.session_state[key]


def _restore(key: str, default: object) -> None:
    st.session_state[key] = st.session_state.setdefault(f"_{key}", default)


def sidebar_controls() -> ViewState:
    """Sidebar controls, mirrored in the URL query parameters so a link reproduces a view.

    The URL is the source of truth: widgets start from it and write back to it. The view
    is made once here and kept for the page of this run (:func:`current_view`).
    """
    url = _url_view()
    _restore("view_lang", url.lang)
    _restore("view_as_of", url.as_of)
    _restore("view_jurisdiction", url.jurisdiction or ALL)
    lang = st.sidebar.radio(
        t("sidebar.language"),
        LANGS,
        key="view_lang",
        on_change=_persist,
        args=("view_lang",),
        horizontal=True,
        format_func=lambda code: t(f"lang.{code}"),
    )
    loc = locale(lang)
    cat = cache.catalog()
    as_of = st.sidebar.selectbox(
        loc.t("col.as_of"),
        as_of_options(cat, st.session_state["view_as_of"]),
        key="view_as_of",
        on_change=_persist,
        args=("view_as_of",),
        format_func=lambda d: _as_of_label(d, loc),
    )
    known_at = known_at_control(url.known_at, loc)
    options = [ALL, *(j.code for j in cat.jurisdictions)]
    jurisdiction = st.sidebar.selectbox(
        loc.t("col.jurisdiction"),
        options,
        key="view_jurisdiction",
        on_change=_persist,
        args=("view_jurisdiction",),
        format_func=lambda c: loc.t("sidebar.all") if c == ALL else jurisdiction_label(cat, c, loc),
    )
    params = st.query_params
    params["lang"] = lang
    params["as_of"] = as_of.isoformat()
    for key, value in (("jurisdiction", jurisdiction), ("known_at", known_at)):
        if value:
            params[key] = str(value)
        elif key in params:
            del params[key]
    view = ViewState(loc, as_of, jurisdiction or None, known_at)
    st.session_state[_VIEW_KEY] = view
    return view


def known_at_control(url_value: date | None, loc: Locale) -> date | None:
    """The "as known on" day, behind a switch: off means everything uploaded so far (an
    empty date field would show its format letters, English, in the Chinese view)."""
    _restore("view_known_at_on", url_value is not None)
    on = st.sidebar.toggle(
        loc.t("sidebar.known_at_on"),
        key="view_known_at_on",
        on_change=_persist,
        args=("view_known_at_on",),
        help=loc.t("sidebar.known_at_help"),
    )
    if not on:
        return None
    if st.session_state.get("_view_known_at") is None:
        st.session_state["_view_known_at"] = url_value or date.today()
    _restore("view_known_at", None)
    return st.sidebar.date_input(
        loc.t("sidebar.known_at"),
        key="view_known_at",
        on_change=_persist,
        args=("view_known_at",),
        max_value=date.today(),
    )


def known_at_note(state: ViewState) -> None:
    """Say on the page that it shows what was known on an earlier day."""
    if state.known_at is not None:
        st.info(state.locale.t("view.known_at", day=fmt.when(state.known_at)))


def sample_banner(state: ViewState) -> None:
    if cache.has_sample_data():
        st.warning(state.locale.t("sample.banner"), icon=":material/science:")


def show_completeness(state: ViewState, codes: list[str] | None = None) -> None:
    """Which quarters each series (of the jurisdictions in ``codes``, if given) still owes
    at the as-of date (never beyond today)."""
    loc = state.locale
    day = min(state.as_of, date.today())
    st.subheader(loc.t("upload.completeness"))
    st.caption(loc.t("upload.completeness_help", day=day.isoformat()))
    frame = cache.completeness(day, state.jurisdiction)
    if codes is not None:
        frame = frame[frame["jurisdiction"].isin(codes)]
    show_table(completeness_view(frame, cache.catalog(), loc), loc)
