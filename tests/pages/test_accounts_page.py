"""The Accounts page in AppTest: an admin adds an editor and removes them after confirming;
the page is closed to editors."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from kpi.access.auth import User, load_user
from kpi.i18n import t
from tests.support.pages import app_test, sign_in, submit, table_under
from tests.support.stores import PASSWORD

NEW_PW = "a new password 2"


def accounts_page(lang: str) -> AppTest:
    return app_test("accounts", timeout=60, lang=lang).run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_admin_adds_an_editor_and_removes_with_confirmation(app_db, lang):
    at = sign_in(accounts_page(lang), "admin1")
    assert not at.exception
    at.text_input(key="acc_add_name").input("ed_bj")
    at.selectbox(key="acc_add_role").select("editor")
    at.multiselect(key="acc_add_j").select("BJ")
    at.text_input(key="acc_add_pw").input(NEW_PW)
    at.text_input(key="acc_add_pw2").input(NEW_PW)
    at = submit(at, "account_add")
    assert [s.value for s in at.success] == [t("accounts.added", lang, name="ed_bj")]
    assert load_user(app_db, "ed_bj") == User("ed_bj", "editor", frozenset({"BJ"}))
    table = table_under(at, t("accounts.list", lang)).value.set_index("account")
    assert table.loc["ed_bj", "role"] == t("role.editor", lang)

    at.selectbox(key="acc_rm_user").select("ed_bj")
    at = submit(at, "account_remove")
    assert [e.value for e in at.error] == [t("accounts.remove_unconfirmed", lang)]
    assert load_user(app_db, "ed_bj") is not None
    at.selectbox(key="acc_rm_user").select("ed_bj")
    at.checkbox(key="acc_rm_sure").check()
    at = submit(at, "account_remove")
    assert load_user(app_db, "ed_bj") is None
    assert [s.value for s in at.success] == [t("accounts.removed", lang, name="ed_bj")]


def test_page_is_closed_to_editors(app_db):
    at = sign_in(accounts_page("en"), "editor_sh", PASSWORD)
    assert [i.value for i in at.info] == [t("accounts.admin_only", "en")]
    assert len(at.dataframe) == 0
