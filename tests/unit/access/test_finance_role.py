"""The finance right: a finance account is scoped to jurisdictions, uploads their plans'
grants and sees their beneficiaries; admins everywhere; nobody else."""

from __future__ import annotations

import pytest

from kpi.access import auth
from kpi.access.auth import AuthError, User, may_see_beneficiaries


def test_finance_needs_a_jurisdiction_and_keeps_it(store, fast_bcrypt):
    with pytest.raises(AuthError) as caught:
        auth.add_user(store, "li", "finance", "correct horse 1", [], "test")
    assert caught.value.key == "auth.finance_needs_jurisdiction"
    user = auth.add_user(store, "li", "finance", "correct horse 1", ["BDA"], "test")
    assert auth.load_user(store, "li") == user
    assert user.jurisdictions == {"BDA"} and user.may_upload_grants
    assert not user.may_upload and not user.may_report_tasks  # no figures, no tasks


@pytest.mark.parametrize(
    ("user", "bda", "bj"),
    [
        (User("li", "finance", frozenset({"BDA"})), True, False),
        (User("a", "admin"), True, True),
        (User("e", "editor", frozenset({"BDA"})), False, False),
        (User("v", "viewer"), False, False),
        (None, False, False),
    ],
)
def test_who_sees_beneficiaries(user, bda, bj):
    assert may_see_beneficiaries(user, "BDA") is bda
    assert may_see_beneficiaries(user, "BJ") is bj
