"""Account management: kpi.access.users rules, every change audited (the admin page:
tests/pages/test_accounts_page.py)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from kpi.access import auth
from kpi.access import users as accounts
from kpi.access.auth import RESERVED_NAMES, User, authenticate, load_user
from kpi.access.signin import ANONYMOUS
from kpi.domain.outcome import Outcome
from kpi.i18n import t
from kpi.present import locale
from kpi.present.account_tables import accounts_table
from kpi.present.views import audit_detail, audit_table
from tests.support.stores import add_test_users

ADMIN = User("admin1", "admin")
EDITOR = User("editor_sh", "editor", frozenset({"SH"}))
NEW_PW = "a new password 2"


@pytest.fixture
def users(store, fast_bcrypt):
    add_test_users(store)
    return store


def user_audit(store) -> list[str]:
    log = store.audit_log()
    return log.loc[log["action"] == "user", "detail"].tolist()


def test_admin_adds_changes_resets_and_removes(users):
    before = len(user_audit(users))
    done = accounts.add_account(users, ADMIN, "ed_bj", "editor", ["BJ"], NEW_PW, NEW_PW)
    assert done == Outcome.done("ed_bj")
    assert load_user(users, "ed_bj") == User("ed_bj", "editor", frozenset({"BJ"}))

    done = accounts.change_role(users, ADMIN, "ed_bj", "editor", ["BJ", "BDA"])
    assert done.ok and load_user(users, "ed_bj").jurisdictions == {"BJ", "BDA"}
    done = accounts.change_role(users, ADMIN, "ed_bj", "viewer", ["BJ"])
    assert done.ok and load_user(users, "ed_bj") == User("ed_bj", "viewer", frozenset())

    assert accounts.reset_password(users, ADMIN, "ed_bj", "other pass 3", "other pass 3").ok
    assert authenticate(users, "ed_bj", NEW_PW) is None
    assert authenticate(users, "ed_bj", "other pass 3") is not None

    done = accounts.remove_account(users, ADMIN, "ed_bj")
    assert done == Outcome.done("ed_bj")
    assert load_user(users, "ed_bj") is None
    assert len(user_audit(users)) == before + 5  # add, 2 role changes, password, remove


REFUSALS = {  # case: (change, message key, message parameters)
    "editor_adds": (
        lambda s: accounts.add_account(s, EDITOR, "x1", "viewer", [], NEW_PW, NEW_PW),
        "problem.admin_only",
        {},
    ),
    "bad_name": (
        lambda s: accounts.add_account(s, ADMIN, "bad name", "viewer", [], NEW_PW, NEW_PW),
        "accounts.bad_name",
        {"name": "bad name"},
    ),
    "exists": (
        lambda s: accounts.add_account(s, ADMIN, "viewer1", "viewer", [], NEW_PW, NEW_PW),
        "accounts.exists",
        {"name": "viewer1"},
    ),
    "editor_without_city": (
        lambda s: accounts.add_account(s, ADMIN, "x1", "editor", [], NEW_PW, NEW_PW),
        "accounts.editor_needs_jurisdiction",
        {},
    ),
    "mismatch": (
        lambda s: accounts.add_account(s, ADMIN, "x1", "viewer", [], NEW_PW, "other"),
        "accounts.password_mismatch",
        {},
    ),
    "short": (
        lambda s: accounts.add_account(s, ADMIN, "x1", "viewer", [], "short", "short"),
        "accounts.password_short",
        {"n": auth.MIN_PASSWORD_LENGTH},
    ),
    "remove_self": (
        lambda s: accounts.remove_account(s, ADMIN, "admin1"),
        "accounts.not_yourself",
        {},
    ),
    "demote_self": (
        lambda s: accounts.change_role(s, ADMIN, "admin1", "viewer", []),
        "accounts.not_yourself",
        {},
    ),
    "no_such_user": (
        lambda s: accounts.remove_account(s, ADMIN, "nobody"),
        "accounts.failed",
        {"name": "nobody"},
    ),
}


@pytest.mark.parametrize("case", REFUSALS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_refused_changes_say_why_and_change_nothing(users, case, lang):
    change, key, params = REFUSALS[case]
    before = (users.users().to_dict(), len(users.audit_log()))
    refused = change(users)
    assert refused.value is None
    assert [locale(lang).problem(p) for p in refused.errors] == [t(key, lang, **params)]
    assert (users.users().to_dict(), len(users.audit_log())) == before


def test_accounts_table_names_roles_and_cities(users):
    table = accounts_table(users.users(), users.catalog(), locale("zh")).set_index("account")
    assert table.loc["editor_sh", "role"] == "编辑"
    assert table.loc["editor_sh", "may_upload_for"] == "上海市"
    assert table.loc["admin1", "may_upload_for"] == ""
    assert "password_hash" not in " ".join(table.columns)


@pytest.mark.parametrize(
    ("action", "detail", "zh"),
    [
        ("commit", "fixture.csv (13 rows)", "fixture.csv（13 行）"),
        ("catalog", "catalog v2 0123abcd", "目录第 2 版（0123abcd）"),
        ("user", "add ed_bj (editor: BJ)", "添加账号 ed_bj（编辑：BJ）"),
        ("user", "role of ed_bj set (viewer: -)", "账号 ed_bj 改为查看者（无）"),
        ("user", "remove ed_bj", "删除账号 ed_bj"),
        ("user", "password of ed_bj changed", "重置 ed_bj 的密码"),
        ("revert", "a.csv", "文件 a.csv"),
        # forms the first schema migration backfilled: a bare file name, a checksum
        ("commit", "old.xlsx", "文件 old.xlsx"),
        ("catalog", "0123456789ab" + "c" * 52, "目录（校验码 0123456789ab）"),
        ("sign_in_failed", "name 'nobody', client 10.0.0.7", "尝试的名称 nobody，来自 10.0.0.7"),
        ("sign_in_locked", "client 10.0.0.7", "来自 10.0.0.7"),
        ("restore", "/srv/backups/2026-12-01", "备份目录 /srv/backups/2026-12-01"),
        ("copy_store", "postgresql://kpi@db/kpi", "来源 postgresql://kpi@db/kpi"),
        ("commit", None, ""),
        ("commit", float("nan"), ""),
    ],
)
def test_audit_details_read_in_chinese(action, detail, zh):
    assert audit_detail(action, detail, locale("zh")) == zh


def test_audit_entries_of_unknown_form_never_show_english_in_chinese():
    """A detail, action or user this version does not know: words in Chinese, the stored
    text for English readers; users that are not accounts in words."""
    log = pd.DataFrame(
        {
            "logged_at": pd.to_datetime(["2026-12-01 09:00"] * 5),
            "action": ["commit", "purge", "user", "commit", "sign_in_failed"],
            "user_name": ["os:wang", "system", "sample", ANONYMOUS, None],
            "batch_id": [1, None, None, 2, None],
            "detail": ["weird form: 3 rows", "purged 2 rows", "promote x", None, "client ?"],
        }
    )
    zh, en = audit_table(log, locale("zh")), audit_table(log, locale("en"))
    assert zh["detail"].tolist() == [t("audit.detail.unknown", "zh")] * 3 + ["", "来自 ?"]
    assert en["detail"].tolist()[:3] == ["weird form: 3 rows", "purged 2 rows", "promote x"]
    assert zh["action"].tolist()[1] == t("audit.other", "zh")
    assert zh["user_name"].tolist()[:4] == [
        "wang（本机系统用户）",
        "系统",
        "示例数据",
        "（未知名称）",
    ]
    assert en["user_name"].tolist()[:4] == [
        "wang (local system user)",
        "system",
        "sample data",
        "(unknown name)",
    ]
    assert {"system", "sample"} == RESERVED_NAMES
    words = [str(v) for c in ("action", "user_name", "detail") for v in zh[c]]
    assert not [w for w in words if re.search(r"[A-Za-z]{2,}", w.replace("wang", ""))]


def test_every_account_change_reads_in_chinese_in_the_audit_log(users):
    accounts.add_account(users, ADMIN, "ed_bj", "editor", ["BJ"], NEW_PW, NEW_PW)
    accounts.change_role(users, ADMIN, "ed_bj", "viewer", [])
    accounts.reset_password(users, ADMIN, "ed_bj", NEW_PW, NEW_PW)
    accounts.remove_account(users, ADMIN, "ed_bj")
    log = users.audit_log()
    mine = log[(log["action"] == "user") & (log["user_name"] == "admin1")]
    shown = audit_table(mine.assign(batch_id=None), locale("zh"))
    assert shown["detail"].tolist()[-4:] == [
        "添加账号 ed_bj（编辑：BJ）",
        "账号 ed_bj 改为查看者（无）",
        "重置 ed_bj 的密码",
        "删除账号 ed_bj",
    ]
    assert set(shown["action"]) == {"账号变更"}
