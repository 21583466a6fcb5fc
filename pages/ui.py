"""The thin Streamlit layer shared by pages: view state in the URL, cached data access.

Caches are keyed on the store's data version, so an upload shows at once and
nothing is recomputed on a click that does not change the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from kpi.engine import compute_status
from kpi.i18n import DEFAULT_LANG, LANGS, t
from kpi.store import Store, resolve_db_path


@dataclass(frozen=True)
class ViewState:
    lang: str
    as_of: date
    jurisdiction: str | None


@st.cache_resource
def get_store(db_path: str) -> Store:
    return Store.open(db_path)


def store() -> Store:
    return get_store(str(resolve_db_path()))


@st.cache_data(max_entries=64)
def _status(db_path: str, version: int, as_of: date, jurisdiction: str | None) -> pd.DataFrame:
    return compute_status(get_store(db_path), as_of, jurisdiction)


def status(state: ViewState) -> pd.DataFrame:
    s = store()
    return _status(str(s.path), s.data_version(), state.as_of, state.jurisdiction)


def _query_date(raw: str | None) -> date:
    try:
        return date.fromisoformat(raw) if raw else date.today()
    except ValueError:
        return date.today()


def current_view() -> ViewState:
    """The view as the URL query parameters say (pages read this; app.py draws the controls)."""
    params = st.query_params
    lang = params.get("lang", DEFAULT_LANG)
    codes = {j.code for j in store().catalog().jurisdictions}
    jurisdiction = params.get("jurisdiction")
    return ViewState(
        lang if lang in LANGS else DEFAULT_LANG,
        _query_date(params.get("as_of")),
        jurisdiction if jurisdiction in codes else None,
    )


def sidebar_controls() -> ViewState:
    """Sidebar controls, mirrored in the URL query parameters so a link reproduces a view.

    The URL is the source of truth: widgets start from it and write back to it.
    """
    url = current_view()
    state = st.session_state
    state.setdefault("view_lang", url.lang)
    state.setdefault("view_as_of", url.as_of)
    state.setdefault("view_jurisdiction", url.jurisdiction)
    lang = st.sidebar.radio(
        "语言 / Language",
        LANGS,
        key="view_lang",
        horizontal=True,
        format_func=lambda code: "中文" if code == "zh" else "English",
    )
    as_of = st.sidebar.date_input(t("sidebar.as_of", lang), key="view_as_of")
    options = [None, *(j.code for j in store().catalog().jurisdictions)]
    jurisdiction = st.sidebar.selectbox(
        t("sidebar.jurisdiction", lang),
        options,
        key="view_jurisdiction",
        format_func=lambda c: t("sidebar.all", lang) if c is None else c,
    )
    params = st.query_params
    params["lang"] = lang
    params["as_of"] = as_of.isoformat()
    if jurisdiction:
        params["jurisdiction"] = jurisdiction
    elif "jurisdiction" in params:
        del params["jurisdiction"]
    return ViewState(lang, as_of, jurisdiction)


def sample_banner(state: ViewState) -> None:
    if store().has_sample_data():
        st.warning(t("sample.banner", state.lang), icon=":material/science:")
