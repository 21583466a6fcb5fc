"""Signing in and out: the session remembers the user's name; the account is re-read
on every run, so a removed user is signed out and a changed role applies at once."""

from __future__ import annotations

import streamlit as st

from dashboard import controls as ui
from dashboard.cache import store
from kpi.access import signin as throttled
from kpi.access.auth import User, load_user, require_login
from kpi.present.locale import Locale

AUTH_KEY = "auth_user"  # the signed-in user's name; the account is re-read on every run


def signed_in_user() -> User | None:
    """The signed-in user of this session, as stored now (removed users are signed out)."""
    name = st.session_state.get(AUTH_KEY)
    user = load_user(store(), name) if name else None
    if name and user is None:
        st.session_state.pop(AUTH_KEY, None)
    return user


def sign_in(loc: Locale) -> User | None:
    """The signed-in user, with a sign-out button; else a sign-in form and None."""
    user = signed_in_user() or sign_in_form(loc)
    if user is not None:
        role = loc.t(f"role.{user.role}")
        st.caption(loc.t("auth.signed_in_as", name=user.name, role=role))
        st.button(loc.t("auth.sign_out"), key="sign_out", on_click=_sign_out)
    return user


def sign_in_form(loc: Locale) -> User | None:
    """A user name and password form; the user once they match, else None."""
    slot = st.empty()
    with slot.form("sign_in", clear_on_submit=True):
        st.subheader(loc.t("auth.sign_in"))
        name = st.text_input(loc.t("auth.name"), key="sign_in_name", autocomplete="username")
        password = st.text_input(
            loc.t("auth.password"),
            type="password",
            key="sign_in_pw",
            autocomplete="current-password",
        )
        submitted = st.form_submit_button(loc.t("auth.sign_in"))
    if not submitted:
        return None
    outcome = throttled.sign_in(store(), name, password, _client())
    user = outcome.user
    if user is None:
        assert outcome.key is not None  # a refused sign-in says why
        st.error(loc.t(outcome.key, **outcome.params))
        return None
    st.session_state[AUTH_KEY] = user.name
    slot.empty()
    return user


def _client() -> str:
    """The browser's address as the server sees it (behind nginx: its X-Real-IP)."""
    headers = st.context.headers
    address = st.context.ip_address
    if not isinstance(address, str) or not address:  # none known (a test's AppTest run)
        address = "unknown"
    if address in ("127.0.0.1", "::1") and headers.get("X-Real-IP"):
        return headers["X-Real-IP"]  # set by our nginx, which alone reaches loopback
    return address


def _sign_out() -> None:
    st.session_state.pop(AUTH_KEY, None)


def login_gate(loc: Locale) -> bool:
    """False (after drawing the sign-in form) when viewing needs a sign-in and none is done.

    Draws nothing for a signed-in user: the pages show the account line themselves.
    """
    if not require_login():
        return True
    return (signed_in_user() or sign_in_form(loc)) is not None


def signed_in_page(page: str) -> tuple[ui.ViewState, User | None]:
    """A page for signed-in users: its view and title, then the account line or the
    sign-in form. Returns the view and the user (None until signed in)."""
    state = ui.current_view()
    ui.page_header(page, state)
    return state, sign_in(state.locale)
