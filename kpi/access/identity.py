"""Who a writing command runs as: an account named on the command line, or the
operating-system user.

A name given (``--user``/``--by``) must be an existing account with the rights the
command needs: an admin, or an account that may upload figures, report tasks or upload grants (which
rows it may write is checked per row against the file). Without a name the command
runs as the operating-system user, recorded in the audit log as "os:NAME" (a colon is
never part of an account name), so the log never holds a name nobody signed in as.
"""

from __future__ import annotations

from collections.abc import Callable

from kpi.access.auth import User
from kpi.domain.errors import UserError
from kpi.i18n import Phrase
from kpi.storage.store import current_user

#: Finds an account by name (None: no such account).
Accounts = Callable[[str], User | None]


class Refusal(UserError):
    """A command refused before doing anything; the message says why."""


def os_actor() -> str:
    """The audit name of the operating-system user running this process."""
    return f"os:{current_user()}"


def operator() -> User:
    """The operating-system user as an account with every right, for a command run without
    ``--user``: whoever may run kpi on the server may write its database file anyway.
    Named as the audit log writes it ("os:NAME")."""
    return User(os_actor(), "admin")


def acting_user(accounts: Accounts, given: str | None, *, admin: bool) -> tuple[str, User | None]:
    """(name for the audit log, account or None); Refusal when ``given`` names no account
    or one without the rights (``admin``: an admin; else one that may upload)."""
    if given is None:
        return os_actor(), None
    user = accounts(given.strip())
    if user is None:
        raise Refusal("cli.unknown_account", name=given)
    may_write = user.may_upload or user.may_report_tasks or user.may_upload_grants
    if (admin and not user.is_admin) or (not admin and not may_write):
        raise Refusal("cli.not_permitted", name=user.name, role=Phrase(f"role.{user.role}"))
    return user.name, user
