"""账号管理 Accounts (admins): add, change role and jurisdictions, reset password, remove."""

import streamlit as st

from dashboard import cache
from dashboard import login as signin
from dashboard.grids import show_table
from kpi.access import users as accounts
from kpi.access.auth import ROLES, User
from kpi.domain.outcome import Outcome
from kpi.i18n import t
from kpi.present.account_tables import accounts_table

state, admin = signin.signed_in_page("accounts")
lang = state.lang
loc = state.locale
store = cache.store()
cat = cache.catalog()
codes = [j.code for j in cat.jurisdictions]
DONE_KEY = "accounts_done"


def place(code: str) -> str:
    return loc.name(cat.jurisdiction(code))


def role_name(role: str) -> str:
    return t(f"role.{role}", lang)


def report(outcome: Outcome[str], done: str) -> None:
    """Show the outcome (``done``: the message of a success, naming the account); a
    success is kept for the rerun that refreshes the table."""
    if outcome.ok:
        st.session_state[DONE_KEY] = loc.t(done, name=outcome.value)
        st.rerun()
    for problem in outcome.errors:
        st.error(loc.problem(problem))


def add_form(user: User) -> None:
    with st.form("account_add", clear_on_submit=True, border=True):
        st.subheader(t("accounts.add", lang))
        name = st.text_input(t("accounts.name", lang), key="acc_add_name")
        role = st.selectbox(
            t("accounts.role", lang), ROLES, format_func=role_name, key="acc_add_role"
        )
        places = st.multiselect(
            t("accounts.jurisdictions", lang), codes, format_func=place, key="acc_add_j"
        )
        password = st.text_input(t("accounts.password", lang), type="password", key="acc_add_pw")
        repeat = st.text_input(t("accounts.repeat", lang), type="password", key="acc_add_pw2")
        if st.form_submit_button(t("accounts.submit_add", lang)):
            added = accounts.add_account(store, user, name, role, places, password, repeat)
            report(added, "accounts.added")


def change_form(user: User, names: list[str]) -> None:
    with st.form("account_change", border=True):
        st.subheader(t("accounts.change", lang))
        name = st.selectbox(t("accounts.user", lang), names, key="acc_role_user")
        role = st.selectbox(t("accounts.role", lang), ROLES, format_func=role_name, key="acc_role")
        places = st.multiselect(
            t("accounts.jurisdictions", lang), codes, format_func=place, key="acc_role_j"
        )
        if st.form_submit_button(t("accounts.submit_change", lang)):
            report(accounts.change_role(store, user, name, role, places), "accounts.role_changed")


def reset_form(user: User, names: list[str]) -> None:
    with st.form("account_reset", clear_on_submit=True, border=True):
        st.subheader(t("accounts.reset", lang))
        name = st.selectbox(t("accounts.user", lang), names, key="acc_pw_user")
        password = st.text_input(t("accounts.password", lang), type="password", key="acc_pw")
        repeat = st.text_input(t("accounts.repeat", lang), type="password", key="acc_pw2")
        if st.form_submit_button(t("accounts.submit_reset", lang)):
            reset = accounts.reset_password(store, user, name, password, repeat)
            report(reset, "accounts.password_reset")


def remove_form(user: User, names: list[str]) -> None:
    with st.form("account_remove", border=True):
        st.subheader(t("accounts.remove", lang))
        name = st.selectbox(t("accounts.user", lang), names, key="acc_rm_user")
        sure = st.checkbox(t("accounts.remove_sure", lang), key="acc_rm_sure")
        if st.form_submit_button(t("accounts.submit_remove", lang)):
            if not sure:
                st.error(t("accounts.remove_unconfirmed", lang))
            else:
                report(accounts.remove_account(store, user, name), "accounts.removed")


if admin is None or not admin.is_admin:
    st.info(t("accounts.admin_only", lang))
    st.stop()

if st.session_state.get(DONE_KEY):
    st.success(st.session_state[DONE_KEY])
st.caption(t("accounts.audit_note", lang))
st.subheader(t("accounts.list", lang))
users = store.users()
show_table(accounts_table(users, cat, loc), loc)
names = users["name"].tolist()
left, right = st.columns(2)
with left:
    add_form(admin)
    reset_form(admin, names)
with right:
    change_form(admin, names)
    remove_form(admin, names)
