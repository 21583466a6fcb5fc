"""Local user accounts: roles, jurisdiction assignments, bcrypt password hashes.

Roles: ``viewer`` reads, ``editor`` uploads for its assigned jurisdictions only and
reports task progress for its assigned units only (the tasks they lead or cooperate
on), ``finance`` uploads grants under the support measures of its assigned
jurisdictions' plans and sees their beneficiaries (names, credit codes; everyone else
sees totals and counts only), ``admin`` uploads and reports for all, reverts batches,
manages users and the catalog, and alone accepts an exception to "从优不重复".
Passwords are hashed with bcrypt and never stored, printed or logged in clear. Whether
reading the dashboard needs a sign-in is decided by the environment variable
``KPI_REQUIRE_LOGIN`` (1/true/yes/on); uploads always do.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import bcrypt

from kpi.domain.errors import UserError
from kpi.domain.outcome import Outcome
from kpi.storage.store import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseUnreachable,
    DiskFull,
    Store,
    StoreError,
)

ROLES: tuple[str, ...] = ("viewer", "editor", "finance", "admin")
#: Roles assigned to jurisdictions (an editor's figures, a finance officer's grants).
SCOPED_ROLES = frozenset({"editor", "finance"})
REQUIRE_LOGIN_ENV = "KPI_REQUIRE_LOGIN"
#: bcrypt work factor; each check costs about a quarter of a second at 12.
BCRYPT_ROUNDS = 12
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_BYTES = 72  # bcrypt reads no further; longer ones are refused, not cut
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
#: Names the system itself writes into the audit log (the catalog file installed when a
#: store opens, the demo batch): no account may take them, so no entry is mistaken for
#: an account's. Operating-system users are written "os:NAME", which no account matches.
RESERVED_NAMES = frozenset({"system", "sample"})


@functools.cache
def _dummy_hash(rounds: int) -> bytes:
    """Checked against when the user does not exist, at the work factor of real hashes,
    so a wrong name costs as long as a wrong password and timing tells no names."""
    return bcrypt.hashpw(b"no such user", bcrypt.gensalt(rounds))


class AuthError(UserError, ValueError):
    """A user could not be created or changed; the message says why (both languages)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    jurisdictions: frozenset[str] = field(default_factory=frozenset)
    #: Codes of the responsible units the account reports task progress for.
    units: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_report(self, task_units: frozenset[str] | set[str]) -> bool:
        """May report on a task whose units (codes) are ``task_units``: admins always,
        editors when one of their units leads or cooperates on it."""
        return self.is_admin or (self.role == "editor" and bool(self.units & task_units))

    @property
    def may_report_tasks(self) -> bool:
        return self.is_admin or (self.role == "editor" and bool(self.units))

    def can_upload(self, jurisdiction: str) -> bool:
        return self.is_admin or (self.role == "editor" and jurisdiction in self.jurisdictions)

    @property
    def may_upload(self) -> bool:
        return self.is_admin or (self.role == "editor" and bool(self.jurisdictions))

    def may_handle_grants(self, jurisdiction: str) -> bool:
        """The finance right on a jurisdiction's plans: upload their grants and see who
        received them. Admins everywhere, finance accounts in their jurisdictions."""
        return self.is_admin or (self.role == "finance" and jurisdiction in self.jurisdictions)

    @property
    def may_upload_grants(self) -> bool:
        return self.is_admin or (self.role == "finance" and bool(self.jurisdictions))


def may_see_beneficiaries(user: User | None, jurisdiction: str) -> bool:
    """Whether ``user`` (None: not signed in) may see the names and credit codes of the
    beneficiaries of a jurisdiction's grants; everyone else sees totals and counts."""
    return user is not None and user.may_handle_grants(jurisdiction)


def admin_refusal(user: User | None) -> Outcome[Any] | None:
    """The one refusal of every admin's write (revert, catalog install, draft install,
    account changes) when ``user`` is no admin; None when the admin may go ahead."""
    return None if user is not None and user.is_admin else Outcome.refused("admin_only")


@contextmanager
def _account_errors() -> Iterator[None]:
    """The store's answers about accounts (a name taken, no such user) as AuthErrors. A
    lock held too long, a full disk or a damaged file stay store errors with their own
    message and advice: a form must not say "someone changed it" when the disk is full."""
    try:
        yield
    except (DatabaseBusy, DiskFull, DatabaseDamaged, DatabaseUnreachable):
        raise
    except StoreError as exc:
        raise AuthError(exc.key, **exc.params) from None


def valid_name(name: str) -> bool:
    """Letters, digits and _ . @ - only, 1 to 64 characters."""
    return bool(_NAME.match(name))


def reserved_name(name: str) -> bool:
    """A name the system writes into the audit log itself (any case)."""
    return name.lower() in RESERVED_NAMES


def require_login() -> bool:
    """True when viewing the dashboard needs a signed-in user (env KPI_REQUIRE_LOGIN)."""
    return os.environ.get(REQUIRE_LOGIN_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(BCRYPT_ROUNDS)).decode()


def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError("auth.password_short", n=MIN_PASSWORD_LENGTH)
    if len(password.encode()) > MAX_PASSWORD_BYTES:
        raise AuthError("auth.password_long", n=MAX_PASSWORD_BYTES)


def load_user(store: Store, name: str) -> User | None:
    """The account as stored now (a removed user or a changed role takes effect at once)."""
    account = store.user_account(name)
    if account is None:
        return None
    role, _hash, jurisdictions = account
    return User(name, role, frozenset(jurisdictions), frozenset(store.user_units(name)))


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user when name and password match, else None (never says which was wrong)."""
    account = store.user_account(name.strip())
    stored = account[1].encode() if account else _dummy_hash(BCRYPT_ROUNDS)
    try:
        matches = bcrypt.checkpw(password.encode()[:MAX_PASSWORD_BYTES], stored)
    except ValueError:  # a corrupt hash in the database
        matches = False
    if account is None or not matches:
        return None
    units = frozenset(store.user_units(name.strip()))
    return User(name.strip(), account[0], frozenset(account[2]), units)


def add_user(
    store: Store,
    name: str,
    role: str,
    password: str,
    jurisdictions: list[str],
    by: str,
    units: list[str] | None = None,
) -> User:
    """Create an account; editors need at least one jurisdiction or unit of the catalog
    (units by code or name, kpi.domain.catalog.Catalog.unit_scope)."""
    if not valid_name(name):
        raise AuthError("auth.bad_name", name=name)
    if reserved_name(name):
        raise AuthError("auth.reserved_name", name=name)
    unit_codes = unit_assignments(store, role, units or [])
    assigned = _assignments(store, role, jurisdictions, bool(unit_codes))
    with _account_errors():
        store.add_user(name, role, hash_password(password), assigned, by, unit_codes)
    return User(name, role, frozenset(assigned), frozenset(unit_codes))


def unit_assignments(store: Store, role: str, units: list[str]) -> list[str]:
    """The unit codes stored for ``role`` (editors only) from codes or names as typed.

    Raises:
        UnknownUnit: a unit the catalog does not hold (or holds in two jurisdictions).
    """
    catalog = store.catalog()
    codes = [unit.code for given in units if (unit := catalog.unit_scope(given)) is not None]
    return sorted(set(codes)) if role == "editor" else []


def _assignments(
    store: Store, role: str, jurisdictions: list[str], has_units: bool = False
) -> list[str]:
    """The jurisdictions stored for ``role`` (editors only), after checking both."""
    if role not in ROLES:
        raise AuthError("auth.bad_role", role=role, roles=", ".join(ROLES))
    known = {j.code for j in store.catalog().jurisdictions}
    unknown = sorted(set(jurisdictions) - known)
    if unknown:
        raise AuthError("auth.unknown_jurisdictions", codes=", ".join(unknown))
    if role == "editor" and not jurisdictions and not has_units:
        raise AuthError("auth.editor_needs_jurisdiction")
    if role == "finance" and not jurisdictions:
        raise AuthError("auth.finance_needs_jurisdiction")
    return sorted(set(jurisdictions)) if role in SCOPED_ROLES else []


def set_role(
    store: Store,
    name: str,
    role: str,
    jurisdictions: list[str],
    by: str,
    units: list[str] | None = None,
) -> User:
    """Give an existing user another role and/or other jurisdictions (and units, when
    given; audited)."""
    unit_codes = unit_assignments(store, role, units) if units is not None else None
    kept = unit_codes if unit_codes is not None else store.user_units(name)
    assigned = _assignments(store, role, jurisdictions, bool(kept) and role == "editor")
    with _account_errors():
        store.set_user_role(name, role, assigned, by, unit_codes)
    return User(name, role, frozenset(assigned), frozenset(kept if role == "editor" else []))


def set_password(store: Store, name: str, password: str, by: str) -> None:
    with _account_errors():
        store.set_password_hash(name, hash_password(password), by)


def remove_user(store: Store, name: str, by: str) -> None:
    with _account_errors():
        store.remove_user(name, by)
