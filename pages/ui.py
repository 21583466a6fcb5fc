"""The thin Streamlit layer shared by pages: view state in the URL, cached data access.

Caches are keyed on the store's data version, so an upload shows at once and
nothing is recomputed on a click that does not change the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from kpi import charts, signin
from kpi.auth import User, load_user, require_login
from kpi.catalog import Catalog
from kpi.engine import compute_status, status_history
from kpi.i18n import DEFAULT_LANG, LANGS, t
from kpi.periods import quarter_ends_between, quarter_label
from kpi.store import Store, resolve_db_path
from kpi.uploads import completeness_view, store_completeness, target_audit
from kpi.views import (
    jurisdiction_label,
    jurisdiction_ranking,
    select_jurisdictions,
    status_totals,
    target_label,
)

#: The jurisdiction option meaning "all" (a select box shows None as "no choice").
ALL = ""


@dataclass(frozen=True)
class ViewState:
    lang: str
    as_of: date
    jurisdiction: str | None
    known_at: date | None = None  # "as known on": batches and reverts up to that day


@st.cache_resource
def get_store(db_path: str) -> Store:
    return Store.open(db_path)


def store() -> Store:
    return get_store(str(resolve_db_path()))


_VERSION_KEY = "_data_version_of_this_run"


def begin_run() -> None:
    """Read the data version once per script run (app.py calls this first).

    Each read opens the database, and a page asks for the version in every cached
    accessor; pages that write (commit, revert, catalog) rerun, which reads it anew.
    """
    st.session_state[_VERSION_KEY] = store().data_version()


def data_version() -> int:
    """The data version read at the start of this run: the key of every data cache."""
    version = st.session_state.get(_VERSION_KEY)
    return version if version is not None else store().data_version()


@st.cache_data(max_entries=64)
def _status(
    db_path: str, version: int, as_of: date, jurisdiction: str | None, known_at: date | None
) -> pd.DataFrame:
    return compute_status(get_store(db_path), as_of, jurisdiction, known_at)


def status(state: ViewState) -> pd.DataFrame:
    s = store()
    return _status(str(s.path), data_version(), state.as_of, state.jurisdiction, state.known_at)


@st.cache_resource(max_entries=4)
def _catalog(db_path: str, version: int) -> Catalog:
    # A resource, not data: the catalog is frozen, and unpickling a national one
    # (25,000 targets) on every call cost most of a second per page run.
    return get_store(db_path).catalog()


def catalog() -> Catalog:
    s = store()
    return _catalog(str(s.path), data_version())


@st.cache_data(max_entries=64)
def _ranking(
    db_path: str, version: int, as_of: date, lang: str, known_at: date | None = None
) -> pd.DataFrame:
    return jurisdiction_ranking(
        _status(db_path, version, as_of, None, known_at), _catalog(db_path, version), lang
    )


def ranking(state: ViewState) -> pd.DataFrame:
    """Every jurisdiction's status counts, worst first (see views.jurisdiction_ranking)."""
    s = store()
    return _ranking(str(s.path), data_version(), state.as_of, state.lang, state.known_at)


#: Above this many jurisdictions the overview shows the worst ones, a page at a time.
OVERVIEW_PAGE_SIZE = 20


def jurisdiction_pager(state: ViewState) -> list[str] | None:
    """For a national overview: totals, a search box and the worst jurisdictions' codes.

    None when every jurisdiction fits on the page (nothing is drawn then). The number
    shown grows by a page with the "show more" button (:func:`show_more_button`).
    """
    ranks = ranking(state)
    if state.jurisdiction is not None or len(ranks) <= OVERVIEW_PAGE_SIZE:
        return None
    lang = state.lang
    st.subheader(t("overview.totals", lang))
    st.dataframe(status_totals(ranks, lang), hide_index=True, height="content")
    query = st.text_input(t("overview.search", lang), key="overview_query")
    limit = st.session_state.setdefault("overview_limit", OVERVIEW_PAGE_SIZE)
    picked = select_jurisdictions(ranks, query, limit)
    st.session_state["overview_selection"] = picked
    if picked.matched == 0:
        st.info(t("overview.no_match", lang, query=query))
    else:
        st.caption(t("overview.showing", lang, shown=len(picked.codes), matched=picked.matched))
    return picked.codes


def _show_more() -> None:
    st.session_state["overview_limit"] += OVERVIEW_PAGE_SIZE


def show_more_button(lang: str) -> None:
    """The "show more" button under a paged overview's table (if more match)."""
    picked = st.session_state.get("overview_selection")
    if picked is not None and picked.has_more:
        st.button(t("overview.show_more", lang), key="overview_more", on_click=_show_more)


@st.cache_data(max_entries=32)
def _history(
    db_path: str, version: int, as_of: date, jurisdiction: str | None, known_at: date | None
) -> pd.DataFrame:
    return status_history(get_store(db_path), as_of, jurisdiction, known_at)


def history(state: ViewState) -> pd.DataFrame:
    """Status at every quarter end up to the as-of date: the charts' trajectories."""
    s = store()
    return _history(str(s.path), data_version(), state.as_of, state.jurisdiction, state.known_at)


@st.cache_data(max_entries=16, show_spinner=False)
def _plan_chart_specs(
    db_path: str,
    version: int,
    as_of: date,
    jurisdiction: str | None,
    lang: str,
    known_at: date | None = None,
) -> dict[str, list[dict]]:
    frame = _status(db_path, version, as_of, jurisdiction, known_at)
    paths = _history(db_path, version, as_of, jurisdiction, known_at)
    figures = charts.plan_panel_figures(frame, paths, _catalog(db_path, version), lang)
    return {plan: [fig.to_dict() for fig in figs] for plan, figs in figures.items()}


def plan_charts(state: ViewState) -> dict[str, list[go.Figure]]:
    """Per plan in view, its targets' trajectories as a few small-multiple figures,
    built once per data version (a handful of figures, not two per target: each figure
    costs Streamlit a copy and the browser a plot). The cache keeps the validated specs;
    the figures are rebuilt from them without validating again (plotly's ``_validate``)."""
    s = store()
    specs = _plan_chart_specs(
        str(s.path), data_version(), state.as_of, state.jurisdiction, state.lang, state.known_at
    )
    return {
        plan: [go.Figure(spec, _validate=False) for spec in figs] for plan, figs in specs.items()
    }


@st.cache_data(max_entries=64)
def _observations(db_path: str, version: int, jurisdiction: str, metric: str) -> pd.DataFrame:
    return get_store(db_path).observation_history(jurisdiction, metric)


def observations(jurisdiction: str, metric: str) -> pd.DataFrame:
    """Every version of every quarter of one series, with its batch."""
    s = store()
    return _observations(str(s.path), data_version(), jurisdiction, metric)


@st.cache_data(max_entries=64, show_spinner=False)
def _target_audit(db_path: str, version: int, target_code: str) -> pd.DataFrame:
    return target_audit(get_store(db_path), target_code)


def audit_trail(target_code: str) -> pd.DataFrame:
    """Commits, reverts and catalog changes behind one target, newest first."""
    s = store()
    return _target_audit(str(s.path), data_version(), target_code)


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
    """The view as the URL query parameters say (pages read this; app.py draws the controls)."""
    _ensure_app_navigation()
    params = st.query_params
    lang = params.get("lang", DEFAULT_LANG)
    codes = {j.code for j in catalog().jurisdictions}
    jurisdiction = params.get("jurisdiction")
    return ViewState(
        lang if lang in LANGS else DEFAULT_LANG,
        _query_date(params.get("as_of")),
        jurisdiction if jurisdiction in codes else None,
        _query_day(params.get("known_at")),
    )


def as_of_options(cat: Catalog, chosen: date) -> list[date]:
    """Today, every quarter end of the catalog's plan periods, and the chosen date."""
    today = date.today()
    first = min(p.start for p in cat.plans)
    last = max(p.end for p in cat.plans)
    return sorted({today, chosen, *quarter_ends_between(first, last)}, reverse=True)


def _as_of_label(day: date, lang: str) -> str:
    if day == date.today():
        return t("sidebar.today", lang, day=day.isoformat())
    if day in quarter_ends_between(day.replace(month=1, day=1), day):
        return t("sidebar.quarter_end", lang, day=day.isoformat(), quarter=quarter_label(day))
    return day.isoformat()


def target_selector(state: ViewState, codes: list[str]) -> str:
    """A target select box on the page, mirrored in the URL parameter ``target``."""
    cat = catalog()
    wanted = st.query_params.get("target")
    st.session_state.setdefault("view_target", wanted if wanted in codes else codes[0])
    if st.session_state["view_target"] not in codes:
        st.session_state["view_target"] = codes[0]
    code = st.selectbox(
        t("target.select", state.lang),
        codes,
        key="view_target",
        format_func=lambda c: f"{target_label(cat, c, state.lang)} ({c})",
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

    The URL is the source of truth: widgets start from it and write back to it.
    """
    url = current_view()
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
    cat = catalog()
    as_of = st.sidebar.selectbox(
        t("col.as_of", lang),
        as_of_options(cat, st.session_state["view_as_of"]),
        key="view_as_of",
        on_change=_persist,
        args=("view_as_of",),
        format_func=lambda d: _as_of_label(d, lang),
    )
    known_at = known_at_control(url.known_at, lang)
    options = [ALL, *(j.code for j in cat.jurisdictions)]
    jurisdiction = st.sidebar.selectbox(
        t("col.jurisdiction", lang),
        options,
        key="view_jurisdiction",
        on_change=_persist,
        args=("view_jurisdiction",),
        format_func=lambda c: (
            t("sidebar.all", lang) if c == ALL else jurisdiction_label(cat, c, lang)
        ),
    )
    params = st.query_params
    params["lang"] = lang
    params["as_of"] = as_of.isoformat()
    for key, value in (("jurisdiction", jurisdiction), ("known_at", known_at)):
        if value:
            params[key] = str(value)
        elif key in params:
            del params[key]
    return ViewState(lang, as_of, jurisdiction or None, known_at)


def known_at_control(url_value: date | None, lang: str) -> date | None:
    """The "as known on" day, behind a switch: off means everything uploaded so far (an
    empty date field would show its format letters, English, in the Chinese view)."""
    _restore("view_known_at_on", url_value is not None)
    on = st.sidebar.toggle(
        t("sidebar.known_at_on", lang),
        key="view_known_at_on",
        on_change=_persist,
        args=("view_known_at_on",),
        help=t("sidebar.known_at_help", lang),
    )
    if not on:
        return None
    if st.session_state.get("_view_known_at") is None:
        st.session_state["_view_known_at"] = url_value or date.today()
    _restore("view_known_at", None)
    return st.sidebar.date_input(
        t("sidebar.known_at", lang),
        key="view_known_at",
        on_change=_persist,
        args=("view_known_at",),
        max_value=date.today(),
    )


def known_at_note(state: ViewState) -> None:
    """Say on the page that it shows what was known on an earlier day."""
    if state.known_at is not None:
        st.info(t("view.known_at", state.lang, day=state.known_at.isoformat()))


@st.cache_data(max_entries=4, show_spinner=False)
def _has_sample(db_path: str, version: int) -> bool:
    return get_store(db_path).has_sample_data()


def sample_banner(state: ViewState) -> None:
    if _has_sample(str(store().path), data_version()):
        st.warning(t("sample.banner", state.lang), icon=":material/science:")


# ---- sign-in and uploads (issue 4); kept apart from the view helpers above ---------------
AUTH_KEY = "auth_user"  # the signed-in user's name; the account is re-read on every run


def signed_in_user() -> User | None:
    """The signed-in user of this session, as stored now (removed users are signed out)."""
    name = st.session_state.get(AUTH_KEY)
    user = load_user(store(), name) if name else None
    if name and user is None:
        st.session_state.pop(AUTH_KEY, None)
    return user


def sign_in(lang: str) -> User | None:
    """The signed-in user, with a sign-out button; else a sign-in form and None."""
    user = signed_in_user() or sign_in_form(lang)
    if user is not None:
        role = t(f"role.{user.role}", lang)
        st.caption(t("auth.signed_in_as", lang, name=user.name, role=role))
        st.button(t("auth.sign_out", lang), key="sign_out", on_click=_sign_out)
    return user


def sign_in_form(lang: str) -> User | None:
    """A user name and password form; the user once they match, else None."""
    slot = st.empty()
    with slot.form("sign_in", clear_on_submit=True):
        st.subheader(t("auth.sign_in", lang))
        name = st.text_input(t("auth.name", lang), key="sign_in_name", autocomplete="username")
        password = st.text_input(
            t("auth.password", lang),
            type="password",
            key="sign_in_pw",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button(t("auth.sign_in", lang))
    if not submitted:
        return None
    outcome = signin.sign_in(store(), name, password, _client())
    user = outcome.user
    if user is None:
        st.error(outcome.message(lang))
        return None
    st.session_state[AUTH_KEY] = user.name
    slot.empty()
    return user


def _client() -> str:
    """The browser's address as the server sees it (behind nginx: its X-Real-IP)."""
    headers = st.context.headers
    address = st.context.ip_address or "unknown"
    if address in ("127.0.0.1", "::1") and headers.get("X-Real-IP"):
        return headers["X-Real-IP"]  # set by our nginx, which alone reaches loopback
    return address


def _sign_out() -> None:
    st.session_state.pop(AUTH_KEY, None)


def login_gate(lang: str) -> bool:
    """False (after drawing the sign-in form) when viewing needs a sign-in and none is done.

    Draws nothing for a signed-in user: the pages show the account line themselves.
    """
    if not require_login():
        return True
    return (signed_in_user() or sign_in_form(lang)) is not None


@st.cache_data(max_entries=16)
def _completeness(
    db_path: str, version: int, today: date, jurisdiction: str | None
) -> pd.DataFrame:
    return store_completeness(get_store(db_path), today, jurisdiction)


def completeness_table(today: date | None = None, jurisdiction: str | None = None) -> pd.DataFrame:
    """Reporting completeness of every targeted series, or of one jurisdiction's
    (cached on the data version)."""
    s = store()
    return _completeness(str(s.path), data_version(), today or date.today(), jurisdiction)


@st.cache_data(max_entries=16)
def _batch_history(db_path: str, version: int) -> pd.DataFrame:
    return get_store(db_path).batch_history()


def batch_history() -> pd.DataFrame:
    s = store()
    return _batch_history(str(s.path), data_version())


def show_completeness(state: ViewState, codes: list[str] | None = None) -> None:
    """Which quarters each series (of the jurisdictions in ``codes``, if given) still owes
    at the as-of date (never beyond today)."""
    lang = state.lang
    day = min(state.as_of, date.today())
    st.subheader(t("upload.completeness", lang))
    st.caption(t("upload.completeness_help", lang, day=day.isoformat()))
    frame = completeness_table(day, state.jurisdiction)
    if codes is not None:
        frame = frame[frame["jurisdiction"].isin(codes)]
    shown = completeness_view(frame, catalog(), lang)
    st.dataframe(shown, hide_index=True, placeholder="—")
