"""Account management for the admin page: checked, audited changes, each an Outcome.

Every change goes through :mod:`kpi.access.auth` (which hashes passwords and writes the audit
log); this module adds what a form needs on top: an admin-only guard, the checks a
person can fix (name, repeated password, an editor's cities), and two safety rules: an
admin cannot remove or demote themself, so the dashboard never loses its last admin by a
slip. A change's outcome holds the account's name, or the reason it was refused as a
message key (``accounts.*``, ``problem.admin_only``, a store's own message).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from kpi.access import auth
from kpi.access.auth import ROLES, AuthError, User, admin_refusal
from kpi.domain.outcome import Outcome
from kpi.storage.store import Store, StoreError

P = ParamSpec("P")


def _password_problem(password: str, repeat: str) -> Outcome[str] | None:
    if password != repeat:
        return Outcome.refused("accounts.password_mismatch")
    if len(password) < auth.MIN_PASSWORD_LENGTH:
        return Outcome.refused("accounts.password_short", n=auth.MIN_PASSWORD_LENGTH)
    if len(password.encode()) > auth.MAX_PASSWORD_BYTES:
        return Outcome.refused("accounts.password_long", n=auth.MAX_PASSWORD_BYTES)
    return None


def _role_problem(role: str, jurisdictions: list[str]) -> Outcome[str] | None:
    if role not in ROLES:
        return Outcome.refused("accounts.bad_role")
    if role == "editor" and not jurisdictions:
        return Outcome.refused("accounts.editor_needs_jurisdiction")
    if role == "finance" and not jurisdictions:
        return Outcome.refused("accounts.finance_needs_jurisdiction")
    return None


def _run(action: Callable[[], object], name: str) -> Outcome[str]:
    """Run a kpi.access.auth change; an AuthError here is a race (say a user removed meanwhile)."""
    try:
        action()
    except AuthError:
        return Outcome.refused("accounts.failed", name=name)
    return Outcome.done(name)


def _store_trouble_told(change: Callable[P, Outcome[str]]) -> Callable[P, Outcome[str]]:
    """A form's answer when the store cannot do the change (a lock held too long, a
    full disk, a damaged file): the store's own message."""

    @functools.wraps(change)
    def run(*args: P.args, **kwargs: P.kwargs) -> Outcome[str]:
        try:
            return change(*args, **kwargs)
        except StoreError as exc:
            return Outcome.refused(exc.key, **exc.params)

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
) -> Outcome[str]:
    name = name.strip()
    problem = admin_refusal(admin) or _role_problem(role, jurisdictions)
    if problem is None and not auth.valid_name(name):
        problem = Outcome.refused("accounts.bad_name", name=name)
    if problem is None and auth.reserved_name(name):
        problem = Outcome.refused("auth.reserved_name", name=name)
    if problem is None and store.user_account(name) is not None:
        problem = Outcome.refused("accounts.exists", name=name)
    problem = problem or _password_problem(password, repeat)
    if problem:
        return problem
    assert admin is not None
    return _run(lambda: auth.add_user(store, name, role, password, jurisdictions, admin.name), name)


@_store_trouble_told
def change_role(
    store: Store, admin: User | None, name: str, role: str, jurisdictions: list[str]
) -> Outcome[str]:
    problem = admin_refusal(admin) or _role_problem(role, jurisdictions)
    if problem is None and admin is not None and name == admin.name and role != "admin":
        problem = Outcome.refused("accounts.not_yourself")
    if problem:
        return problem
    assert admin is not None
    return _run(lambda: auth.set_role(store, name, role, jurisdictions, admin.name), name)


@_store_trouble_told
def reset_password(
    store: Store, admin: User | None, name: str, password: str, repeat: str
) -> Outcome[str]:
    problem = admin_refusal(admin) or _password_problem(password, repeat)
    if problem:
        return problem
    assert admin is not None
    return _run(lambda: auth.set_password(store, name, password, admin.name), name)


@_store_trouble_told
def remove_account(store: Store, admin: User | None, name: str) -> Outcome[str]:
    problem = admin_refusal(admin)
    if problem is None and admin is not None and name == admin.name:
        problem = Outcome.refused("accounts.not_yourself")
    if problem:
        return problem
    assert admin is not None
    return _run(lambda: auth.remove_user(store, name, admin.name), name)
