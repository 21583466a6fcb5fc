"""A finance account uploads a grants file on the Upload page: preview in words (no
measure codes), commit, and the grant in force; a refused row names row and column."""

from __future__ import annotations

import pytest

from kpi.access import auth
from kpi.i18n import t
from tests.support.grant_files import grant, grants_csv
from tests.support.pages import sign_in, table_under, upload, upload_page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_finance_account_previews_and_commits_grants(app_db, lang):
    auth.add_user(app_db, "fin_bda", "finance", "correct horse 1", ["BDA"], "test")
    at = sign_in(upload_page(lang), "fin_bda", "correct horse 1")
    assert not at.exception
    at = upload(at, grants_csv(grant()), "grants.csv")
    assert not at.exception and not at.error
    preview = table_under(at, t("upload.preview", lang)).value
    assert not any("BDA-2025:M5" in str(v) for v in preview.iloc[0])
    assert preview.iloc[0, 1].startswith(t("tasks.kind.measure", lang) + " 5")
    at.button(key="commit").click().run()
    grants = app_db.grants()
    assert list(grants["user_name"]) == ["fin_bda"] and grants["paid_yuan"].item() == 8_000_000


def test_a_grant_over_its_cap_is_refused_on_the_page(app_db):
    auth.add_user(app_db, "fin_bda", "finance", "correct horse 1", ["BDA"], "test")
    at = sign_in(upload_page("zh"), "fin_bda", "correct horse 1")
    at = upload(at, grants_csv(grant(approved_yuan=40_000_000)), "grants.csv")
    assert at.error
    assert app_db.grants().empty
