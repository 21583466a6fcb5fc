"""Account management for the admin page: checked, audited changes with bilingual answers.

Every change goes through :mod:`kpi.access.auth` (which hashes passwords and writes the audit
log); this module adds what a form needs on top: an admin-only guard, the checks a
person can fix (name, repeated password, an editor's cities) worded in the page's
language, and two safety rules: an admin cannot remove or demote themself, so the
dashboard never loses its last admin by a slip.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from kpi.access import auth
from kpi.access.auth import ROLES, AuthError, User
from kpi.domain.catalog import Catalog
from kpi.i18n import t
from kpi.present import locale
from kpi.storage.store import Store, StoreError


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str  # in the page's language


def _fail(key: str, lang: str, **params: object) -> Outcome:
    return Outcome(False, t(key, lang, **params))


def _password_problem(password: str, repeat: str, lang: str) -> Outcome | None:
    if password != repeat:
        return _fail("accounts.password_mismatch", lang)
    if len(password) < auth.MIN_PASSWORD_LENGTH:
        return _fail("accounts.password_short", lang, n=auth.MIN_PASSWORD_LENGTH)
    if len(password.encode()) > auth.MAX_PASSWORD_BYTES:
        return _fail("accounts.password_long", lang, n=auth.MAX_PASSWORD_BYTES)
    return None


def _role_problem(role: str, jurisdictions: list[str], lang: str) -> Outcome | None:
    if role not in ROLES:
        return _fail("accounts.bad_role", lang)
    if role == "editor" and not jurisdictions:
        return _fail("accounts.editor_needs_jurisdiction", lang)
    return None


def _guard(admin: User | None, lang: str) -> Outcome | None:
    return None if admin is not None and admin.is_admin else _fail("problem.admin_only", lang)


def _run(action, success: str, lang: str, **params: object) -> Outcome:
    """Run a kpi.access.auth change; an AuthError here is a race (say a user removed meanwhile)."""
    try:
        action()
    except AuthError:
        return _fail("accounts.failed", lang, **params)
    return Outcome(True, t(success, lang, **params))


def _store_trouble_told(change: Callable[..., Outcome]) -> Callable[..., Outcome]:
    """A form's answer when the store cannot do the change (a lock held too long, a
    full disk, a damaged file): the store's own message in the page's language."""

    @functools.wraps(change)
    def run(*args: object, **kwargs: object) -> Outcome:
        try:
            return change(*args, **kwargs)
        except StoreError as exc:
            lang = inspect.signature(change).bind(*args, **kwargs).arguments["lang"]
            return Outcome(False, exc.message(lang))

    return run


@_store_trouble_told
def add_account(
    store: Store,
    admin: User | None,
    name: str,
    role: str,
    jurisdictions: list[str],
    password: str,
    repeat: str,
    lang: str,
) -> Outcome:
    name = name.strip()
    problem = _guard(admin, lang) or _role_problem(role, jurisdictions, lang)
    if problem is None and not auth.valid_name(name):
        problem = _fail("accounts.bad_name", lang, name=name)
    if problem is None and auth.reserved_name(name):
        problem = _fail("auth.reserved_name", lang, name=name)
    if problem is None and store.user_account(name) is not None:
        problem = _fail("accounts.exists", lang, name=name)
    problem = problem or _password_problem(password, repeat, lang)
    if problem:
        return problem
    assert admin is not None
    return _run(
        lambda: auth.add_user(store, name, role, password, jurisdictions, admin.name),
        "accounts.added",
        lang,
        name=name,
    )


@_store_trouble_told
def change_role(
    store: Store, admin: User | None, name: str, role: str, jurisdictions: list[str], lang: str
) -> Outcome:
    problem = _guard(admin, lang) or _role_problem(role, jurisdictions, lang)
    if problem is None and admin is not None and name == admin.name and role != "admin":
        problem = _fail("accounts.not_yourself", lang)
    if problem:
        return problem
    assert admin is not None
    return _run(
        lambda: auth.set_role(store, name, role, jurisdictions, admin.name),
        "accounts.role_changed",
        lang,
        name=name,
    )


@_store_trouble_told
def reset_password(
    store: Store, admin: User | None, name: str, password: str, repeat: str, lang: str
) -> Outcome:
    problem = _guard(admin, lang) or _password_problem(password, repeat, lang)
    if problem:
        return problem
    assert admin is not None
    return _run(
        lambda: auth.set_password(store, name, password, admin.name),
        "accounts.password_reset",
        lang,
        name=name,
    )


@_store_trouble_told
def remove_account(store: Store, admin: User | None, name: str, lang: str) -> Outcome:
    problem = _guard(admin, lang)
    if problem is None and admin is not None and name == admin.name:
        problem = _fail("accounts.not_yourself", lang)
    if problem:
        return problem
    assert admin is not None
    return _run(
        lambda: auth.remove_user(store, name, admin.name), "accounts.removed", lang, name=name
    )


def accounts_table(store: Store, catalog: Catalog, lang: str) -> pd.DataFrame:
    """Every account (no hashes): name, role and jurisdictions in words, created when/by.

    Columns (canonical, headed where drawn): account, role, may_upload_for, created,
    created_by."""
    users = store.users()
    places = {j.code: locale(lang).name(j) for j in catalog.jurisdictions}
    sep = t("word.list_separator", lang)
    return pd.DataFrame(
        {
            "account": users["name"],
            "role": [t(f"role.{r}", lang) for r in users["role"]],
            "may_upload_for": [
                sep.join(places.get(c, c) for c in codes.split(",") if c)
                for codes in users["jurisdictions"]
            ],
            "created": pd.to_datetime(users["created_at"]).dt.strftime("%Y-%m-%d %H:%M"),
            "created_by": users["created_by"],
        }
    )
