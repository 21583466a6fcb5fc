"""The thin Streamlit layer shared by pages: view state in the URL, cached data access.

Caches are keyed on the store's data version, so an upload shows at once and
nothing is recomputed on a click that does not change the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from kpi.auth import User, authenticate, load_user, require_login
from kpi.engine import compute_status
from kpi.i18n import DEFAULT_LANG, LANGS, STRINGS, t
from kpi.store import Store, resolve_db_path
from kpi.uploads import store_completeness


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
        st.subheader(t("auth.title", lang))
        name = st.text_input(t("auth.name", lang), key="sign_in_name", autocomplete="username")
        password = st.text_input(
            t("auth.password", lang),
            type="password",
            key="sign_in_pw",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button(t("auth.submit", lang))
    if not submitted:
        return None
    user = authenticate(store(), name, password)
    if user is None:
        st.error(t("auth.failed", lang))
        return None
    st.session_state[AUTH_KEY] = user.name
    slot.empty()
    return user


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
def _completeness(db_path: str, version: int, today: date) -> pd.DataFrame:
    return store_completeness(get_store(db_path), today)


def completeness_table(today: date | None = None) -> pd.DataFrame:
    """Reporting completeness of every targeted series (cached on the data version)."""
    s = store()
    return _completeness(str(s.path), s.data_version(), today or date.today())


@st.cache_data(max_entries=16)
def _batch_history(db_path: str, version: int) -> pd.DataFrame:
    return get_store(db_path).batch_history()


def batch_history() -> pd.DataFrame:
    s = store()
    return _batch_history(str(s.path), s.data_version())


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Column headers in the chosen language (i18n keys ``col.<name>``)."""
    return frame.rename(columns=lambda c: t(f"col.{c}", lang) if f"col.{c}" in STRINGS else c)
